"""Fast writers for large graphs, byte-identical to rdflib's serializers as kg calls them.

rdflib's Turtle and JSON-LD serializers query the store per subject and per
term, which takes minutes at a million triples. These writers take the graph
as plain triples (`kg.graph.terms`), index them by subject in one pass, and
format each distinct term once with rdflib's own term formatting
(`TurtleSerializer.get_pname`, `Literal._literal_n3`, the JSON-LD `Context`),
then lay the text out as rdflib does. They return None for a graph they do not
handle exactly as rdflib does (a base IRI, RDF lists, predicates that are
namespace IRIs themselves, empty or false literal values among several of one
property), and the caller then uses rdflib. Graphs with blank nodes never get
here (`plain_triples` gives None for them). tests/test_scale.py checks the
writers against rdflib on real and generated graphs.

`namespaces` below is an rdflib Graph used only for its prefix bindings and
base, as rdflib's serializers would use the graph being written.
"""

import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import rdflib
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.plugins.shared.jsonld.context import Context

from kg.graph import terms as plain_terms
from kg.graph.terms import Lit, Term, Triple, to_rdflib

_RDF_TYPE, _RDFS_LABEL, _RDFS_CLASS = str(RDF.type), str(RDFS.label), str(RDFS.Class)
_LIST_PREDICATES = frozenset((str(RDF.first), str(RDF.rest)))
_PLAIN_LITERAL_TYPES = frozenset("http://www.w3.org/2001/XMLSchema#" + t for t in ("boolean", "integer", "double", "string"))


def _simple(triples: list[Triple], namespaces: Graph) -> bool:
    """No base and no RDF list: the shapes the fast writers reproduce exactly."""
    return namespaces.base is None and not any(p in _LIST_PREDICATES for _, p, _ in triples)


# --- N-Triples ----------------------------------------------------------------------------------

def _nt_literal(lit: Lit) -> str:
    """rdflib's N-Triples form of a literal (`nt._quoteLiteral`): only \\ \\n \" and \\r are escaped."""
    text = '"' + lit.lexical.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
    if lit.language:
        return f"{text}@{lit.language}"
    if lit.datatype:
        return f"{text}^^<{lit.datatype}>"
    return text


def _nt_iri(iri: str) -> str:
    return URIRef(iri).n3()  # raises on an IRI rdflib cannot write, as rdflib's serializer does


def ntriples_lines(triples: list[Triple], terms: dict | None = None) -> list[str]:
    """One N-Triples line per triple (no newline), as rdflib writes it, in the order of the triples.

    A line can hold U+0085, U+2028 or \\x1c-\\x1e inside a literal: rdflib leaves them
    unescaped, so never split N-Triples text with `str.splitlines()`. `terms` collects
    the N-Triples form of each term.
    """
    terms = {} if terms is None else terms
    lines = []
    for s, p, o in triples:
        ts, tp, to = terms.get(s), terms.get(p), terms.get(o)
        if ts is None:
            ts = terms[s] = _nt_iri(s)
        if tp is None:
            tp = terms[p] = _nt_iri(p)
        if to is None:
            to = terms[o] = _nt_iri(o) if type(o) is str else _nt_literal(o)
        lines.append(f"{ts} {tp} {to} .")
    return lines


def ntriples(triples: list[Triple]) -> bytes:
    """N-Triples with the lines sorted: what rdflib writes, in a stable order."""
    texts, forms = _subject_texts(triples)
    return _ntriples_file(texts, sorted(texts, key=forms.__getitem__))


def _ntriples_file(texts: dict[str, str], in_order: list[str]) -> bytes:
    """The N-Triples file of the subjects' sorted lines, subjects in the order of their N-Triples forms."""
    return "".join(texts[s] + "\n" for s in in_order).encode("utf-8") or b"\n"


# --- Turtle terms -------------------------------------------------------------------------------

class _TurtleLabels:
    """Turtle text of each term as rdflib's TurtleSerializer writes it, and the prefix each look-up registers.

    rdflib writes an @prefix line for every prefix its look-ups register before
    writing: each predicate's (which may generate `ns1`, in the order the
    predicates are met), and each subject's, IRI object's and literal datatype's
    (which only register prefixes already bound). A block keeps the prefixes of
    its terms, so the header is their union.
    """

    def __init__(self, namespaces: Graph, predicates: list[str]):
        self.serializer = TurtleSerializer(namespaces)
        self.serializer.reset()
        for p in predicates:
            if p != _RDF_TYPE:
                self.serializer.get_pname(URIRef(p), gen_prefix=True)
        self.bindings = tuple(sorted((prefix, str(ns)) for prefix, ns in namespaces.namespace_manager.namespaces()))
        self.iris: dict[str, tuple[str, str | None]] = {}
        self.verbs: dict[str, tuple[str, str | None]] = {_RDF_TYPE: ("a", None)}
        self.literals: dict[Lit, tuple[str, str | None]] = {}

    @staticmethod
    def _prefix(pname: str | None) -> str | None:
        return pname.split(":", 1)[0] if pname else None

    def iri(self, iri: str) -> tuple[str, str | None]:
        label = self.iris.get(iri)
        if label is None:
            node = URIRef(iri)
            pname = self.serializer.get_pname(node, False)
            label = self.iris[iri] = ("()" if node == RDF.nil else pname or node.n3(), self._prefix(pname))
        return label

    def verb(self, iri: str) -> tuple[str, str | None]:
        label = self.verbs.get(iri)
        if label is None:
            node = URIRef(iri)
            pname = self.serializer.get_pname(node, True)
            label = self.verbs[iri] = (pname or node.n3(), self._prefix(pname))
        return label

    def object(self, term: Term) -> tuple[str, str | None]:
        if type(term) is str:
            return self.iri(term)
        label = self.literals.get(term)
        if label is None:
            ser = self.serializer
            text = to_rdflib(term)._literal_n3(use_plain=True, qname_callback=lambda dt: ser.get_pname(dt, False))
            prefix = self._prefix(ser.get_pname(URIRef(term.datatype), False)) if term.datatype else None
            label = self.literals[term] = (text, prefix)
        return label


def _sorted_objects(objects: list[Term]) -> list[Term]:
    if len(objects) < 2:
        return objects
    if all(type(o) is str for o in objects):
        return sorted(objects)  # rdflib orders IRIs as strings
    return sorted(objects, key=to_rdflib)  # rdflib's order of terms (literals by value)


def _turtle_subject(labels: _TurtleLabels, subject: str, properties: dict[str, list[Term]]) -> tuple[str, set]:
    """A subject's Turtle block and the prefixes its terms register."""
    first = [p for p in (_RDF_TYPE, _RDFS_LABEL) if p in properties]
    text, prefix = labels.iri(subject)
    parts, prefixes = ["\n", text], {prefix}
    for number, p in enumerate(first + sorted(p for p in properties if p not in first)):
        text, prefix = labels.verb(p)
        parts.append((" " if number == 0 else " ;\n    ") + text)
        prefixes.add(prefix)
        for position, obj in enumerate(_sorted_objects(properties[p])):
            text, prefix = labels.object(obj)
            parts.append((" " if position == 0 else ",\n        ") + text)
            prefixes.add(prefix)
    parts.append(" .\n")
    prefixes.discard(None)
    return "".join(parts), prefixes


# --- JSON-LD ------------------------------------------------------------------------------------

class _Unhandled(Exception):
    pass


class _JsonLdTerms:
    """Compact JSON-LD values of terms, as rdflib's JSON-LD serializer makes them with a prefix-only context."""

    def __init__(self, context_data: dict[str, str]):
        self.context = Context(context_data)
        self.namespaces = frozenset(context_data.values())
        self.keys: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.values: dict = {}

    def key(self, predicate: str) -> str:
        text = self.keys.get(predicate)
        if text is None:
            if predicate in self.namespaces:
                raise _Unhandled  # a term of the context itself: rdflib takes another path
            text = self.keys[predicate] = self.context.to_symbol(URIRef(predicate))
        return text

    def node_id(self, subject: str) -> str:
        text = self.ids.get(subject)
        if text is None:
            text = self.ids[subject] = self.context.shrink_iri(URIRef(subject))
        return text

    def type_name(self, term: Term) -> str:
        if type(term) is not str:
            raise _Unhandled
        text = self.types.get(term)
        if text is None:
            text = self.types[term] = self.context.to_symbol(URIRef(term))
        return text

    def value(self, term: Term):
        value = self.values.get(term)
        if value is None:
            value = self.values[term] = self._value(term)
        return value

    def _value(self, term: Term):
        if type(term) is str:
            return {"@id": self.context.shrink_iri(URIRef(term))}
        if term.datatype:
            if term.datatype in _PLAIN_LITERAL_TYPES:
                native = to_rdflib(term).toPython()
                if not isinstance(native, (bool, int, float, str)) or native != native:
                    raise _Unhandled  # ill-formed or NaN: leave the edge cases to rdflib
                return native
            return {"@type": self.context.to_symbol(URIRef(term.datatype)), "@value": term.lexical}
        if term.language:
            return {"@language": term.language, "@value": term.lexical}
        return term.lexical


def _add(node: dict, key: str, value) -> None:
    current = node.get(key)
    if current is None:
        node[key] = value
    elif not current or not value:
        raise _Unhandled  # rdflib overwrites a falsy first value: order-dependent, leave it to rdflib
    elif isinstance(current, list):
        current.append(value)
    else:
        node[key] = [current, value]


_encode_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) does with a str


def _dumps(value) -> str:
    """`json.dumps(value, sort_keys=True, ensure_ascii=False)`, the sort key of JSON-LD arrays."""
    if type(value) is str:
        return _encode_string(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _sorted_arrays(value):
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sorted_arrays(v)) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_sorted_arrays(v) for v in value), key=_dumps)
    return value


def _indented(value, level: int) -> str:
    """`json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)` at nesting `level`, without its slow encoder."""
    if type(value) is str:
        return _encode_string(value)
    if isinstance(value, dict) and value:
        inner = "\n" + " " * (level + 1)
        items = (f"{_encode_string(k)}: {_indented(v, level + 1)}" for k, v in sorted(value.items()))
        return "{" + inner + ("," + inner).join(items) + "\n" + " " * level + "}"
    if isinstance(value, list) and value:
        inner = "\n" + " " * (level + 1)
        return "[" + inner + ("," + inner).join(_indented(v, level + 1) for v in value) + "\n" + " " * level + "]"
    return json.dumps(value, ensure_ascii=False)


def _jsonld_node(terms: _JsonLdTerms, subject: str, properties: dict[str, list[Term]]) -> dict:
    node = {"@id": terms.node_id(subject)}
    for p, objects in properties.items():
        for o in objects:
            if p == _RDF_TYPE:
                _add(node, "@type", terms.type_name(o))
            else:
                _add(node, terms.key(p), terms.value(o))
    return _sorted_arrays(node)


def _jsonld_document(nodes: list[dict], context_data: dict[str, str]) -> str:
    """The whole JSON-LD document of a graph of fewer than two subjects (rdflib writes no @graph for one)."""
    if len(nodes) == 1:
        document = {**nodes[0], "@context": context_data}
    else:
        document = {"@graph": nodes, "@context": context_data}
    return _indented(_sorted_arrays(document), 0)


# --- Subject blocks -----------------------------------------------------------------------------

class Block(NamedTuple):
    """What one subject writes in each format; the same triples always give the same block."""

    turtle: str
    prefixes: tuple[str, ...]  # the @prefix lines the subject's terms need
    is_class: bool  # typed rdfs:Class: rdflib writes classes first
    jsonld_key: str | None  # the node as compact JSON, the order of @graph; None when rdflib must write JSON-LD
    jsonld: str | None  # the node as written inside @graph


@dataclass
class Blocks:
    """Blocks by a digest of their subject's N-Triples lines, valid for one writing context (`fingerprint`)."""

    fingerprint: str = ""
    by_digest: dict[bytes, Block] = field(default_factory=dict)


def _properties(triples: list[Triple], subjects: set[str]) -> dict[str, dict[str, list[Term]]]:
    """The objects of each predicate of each of `subjects`."""
    properties: dict[str, dict[str, list[Term]]] = {s: {} for s in subjects}
    for s, p, o in triples:
        if s in subjects:
            properties[s].setdefault(p, []).append(o)
    return properties


def _subject_texts(triples: list[Triple]) -> tuple[dict[str, str], dict[str, str]]:
    """Each subject's N-Triples lines, sorted and joined, and its IRI's N-Triples form.

    Joined in the order of those forms they are the sorted N-Triples file: a
    line starts with its subject's `<iri>`, and no such form is the start of another.
    """
    terms: dict = {}
    groups: dict[str, list[str]] = {}
    for line, s in zip(ntriples_lines(triples, terms), (s for s, _, _ in triples)):
        group = groups.get(s)
        if group is None:
            groups[s] = [line]
        else:
            group.append(line)
    return {s: "\n".join(sorted(lines)) for s, lines in groups.items()}, {s: terms[s] for s in groups}


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A hash of the code that makes blocks: editing it invalidates every saved block."""
    digest = hashlib.sha256(rdflib.__version__.encode("utf-8"))
    for module in (sys.modules[__name__], plain_terms):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def _fingerprint(labels: _TurtleLabels, context_data: dict[str, str] | None) -> str:
    """What blocks depend on besides their triples: the code, the prefix bindings and the JSON-LD context."""
    context = repr(sorted(context_data.items())) if context_data is not None else "no JSON-LD"
    parts = (_code_version(), repr(labels.bindings), context)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]


class _BlockMaker:
    def __init__(self, labels: _TurtleLabels, context_data: dict[str, str] | None):
        self.labels = labels
        self.terms = _JsonLdTerms(context_data) if context_data is not None else None

    def block(self, subject: str, properties: dict[str, list[Term]]) -> Block:
        turtle_text, prefixes = _turtle_subject(self.labels, subject, properties)
        is_class = _RDFS_CLASS in properties.get(_RDF_TYPE, ())
        key = text = None
        if self.terms is not None:
            try:
                node = _jsonld_node(self.terms, subject, properties)
                key, text = _dumps(node), _indented(node, 2)
            except _Unhandled:
                pass
        return Block(turtle_text, tuple(sorted(prefixes)), is_class, key, text)


def _turtle(blocks: dict[str, Block], references: Counter, bindings: dict[str, str]) -> bytes:
    """rdflib's layout: @prefix lines, then classes by IRI, then the other subjects by how often they are objects."""
    used = set().union(*(block.prefixes for block in blocks.values()))
    header = "".join(f"@prefix {prefix}: <{bindings[prefix]}> .\n" for prefix in sorted(used))
    classes = sorted(s for s, block in blocks.items() if block.is_class)
    rest = sorted((references[s], s) for s, block in blocks.items() if not block.is_class)
    body = [blocks[s].turtle for s in classes] + [blocks[s].turtle for _, s in rest]
    return (header + "".join(body) + "\n").encode("utf-8", "replace")


def _jsonld(blocks: dict[str, Block], context_data: dict[str, str]) -> bytes | None:
    if any(block.jsonld is None for block in blocks.values()):
        return None
    nodes = sorted((block.jsonld_key, block.jsonld) for block in blocks.values())
    text = ("{\n \"@context\": " + _indented(context_data, 1) + ",\n \"@graph\": [\n  "
            + ",\n  ".join(text for _, text in nodes) + "\n ]\n}")
    return (text + "\n").encode("utf-8")


# --- The three formats --------------------------------------------------------------------------

def write(triples: list[Triple], namespaces: Graph, context_data: dict[str, str] | None,
          previous: Blocks | None = None) -> tuple[dict[str, bytes | None], Blocks]:
    """N-Triples, Turtle and JSON-LD of the triples, and the subject blocks they were made of.

    A format is None where rdflib must write it; JSON-LD is not written when
    `context_data` is None. Blocks of `previous` (the last build's) are reused for
    subjects whose triples have not changed, so a rebuild formats only what changed.
    """
    texts, forms = _subject_texts(triples)
    in_order = sorted(texts, key=forms.__getitem__)
    files: dict[str, bytes | None] = {"nt": _ntriples_file(texts, in_order)}
    labels = _TurtleLabels(namespaces, list(dict.fromkeys(p for _, p, _ in triples)))
    fingerprint = _fingerprint(labels, context_data)
    known = previous.by_digest if previous is not None and previous.fingerprint == fingerprint else {}
    made, blocks, missing = Blocks(fingerprint), {}, {}
    for subject in in_order:
        digest = _digest(texts[subject])
        block = known.get(digest)
        if block is None:
            missing[subject] = digest
        else:
            made.by_digest[digest] = blocks[subject] = block
    maker = _BlockMaker(labels, context_data)
    for subject, properties in _properties(triples, set(missing)).items():
        made.by_digest[missing[subject]] = blocks[subject] = maker.block(subject, properties)
    simple = _simple(triples, namespaces)
    bindings = dict(labels.bindings)
    turtle_ok = simple and not any(prefix.startswith("_") for prefix in bindings)
    files["turtle"] = _turtle(blocks, Counter(o for _, _, o in triples if type(o) is str), bindings) if turtle_ok else None
    files["json-ld"] = _jsonld_files(triples, blocks, maker.terms, context_data) if simple and maker.terms is not None else None
    return files, made


def _jsonld_files(triples: list[Triple], blocks: dict[str, Block], terms: _JsonLdTerms,
                  context_data: dict[str, str]) -> bytes | None:
    if any(not prefix or ":" in prefix for prefix in context_data):
        return None
    if len(blocks) >= 2:
        return _jsonld(blocks, context_data)
    try:
        nodes = [_jsonld_node(terms, s, properties) for s, properties in _properties(triples, set(blocks)).items()]
    except _Unhandled:
        return None
    return (_jsonld_document(nodes, context_data) + "\n").encode("utf-8")


def turtle(triples: list[Triple], namespaces: Graph) -> bytes | None:
    """Turtle as rdflib's `graph.serialize(format="turtle", encoding="utf-8")` writes it, or None when not handled."""
    return write(triples, namespaces, None)[0]["turtle"]


def jsonld(triples: list[Triple], namespaces: Graph, context_data: dict[str, str]) -> bytes | None:
    """What kg's JSON-LD export writes (rdflib's compacted JSON-LD, every array sorted), or None when not handled."""
    return write(triples, namespaces, context_data)[0]["json-ld"]
