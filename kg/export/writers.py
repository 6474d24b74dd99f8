"""Fast writers for large graphs, byte-identical to rdflib's serializers as kg calls them.

rdflib's Turtle and JSON-LD serializers query the store per subject and per
term, which takes minutes at a million triples. These writers make one pass
over the triples, index them by subject, and format each distinct term once
with rdflib's own term formatting (`TurtleSerializer.get_pname`,
`Literal._literal_n3`, the JSON-LD `Context`), then lay the text out as rdflib
does. They return None for a graph they do not handle exactly as rdflib does
(blank nodes, RDF lists, a base IRI, predicates that are namespace IRIs
themselves, empty or false literal values among several of one property), and
the caller then uses rdflib. tests/test_scale.py checks them against
rdflib on real and generated graphs.
"""

import json

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.plugins.shared.jsonld.context import Context

_TERM_TYPES = (URIRef, Literal)
_PLAIN_LITERAL_TYPES = frozenset(URIRef("http://www.w3.org/2001/XMLSchema#" + t) for t in ("boolean", "integer", "double", "string"))


Triples = list[tuple]


def snapshot(graph: Graph) -> Triples:
    """The graph's triples, read once and shared by every writer (reading a store is the slow part)."""
    return list(graph.triples((None, None, None)))


def ntriples_lines(graph: Graph, triples: Triples | None = None) -> list[str]:
    """The graph's N-Triples lines as rdflib writes them, unsorted (no trailing newlines)."""
    return "".join(map(_nt_row, graph if triples is None else triples)).split("\n")


def _simple(graph: Graph, triples: Triples) -> bool:
    """Only IRIs and literals (no blank node, no RDF list), no base: the shapes the fast writers reproduce exactly."""
    if graph.base is not None or (None, RDF.first, None) in graph or (None, RDF.rest, None) in graph:
        return False
    return all(type(s) is URIRef and type(p) is URIRef and type(o) in _TERM_TYPES for s, p, o in triples)


def _literal_key(literal: Literal) -> tuple:
    """A plain key with the identity of an rdflib Literal (rdflib's own hash and == run in Python: slow)."""
    return (str(literal), literal.language, literal.datatype and str(literal.datatype))


class _Index:
    """Triples by subject and predicate, keyed by plain strings; the rdflib terms kept beside."""

    def __init__(self, triples: Triples):
        self.properties: dict[str, dict[str, list]] = {}
        self.terms: dict[str, URIRef] = {}  # subjects and predicates
        self.predicates: dict[str, URIRef] = {}  # in the order first met
        self.references: dict[str, int] = {}  # IRI -> triples having it as object
        for s, p, o in triples:
            ks, kp = str(s), str(p)
            properties = self.properties.get(ks)
            if properties is None:
                properties = self.properties[ks] = {}
                self.terms[ks] = s
            objects = properties.get(kp)
            if objects is None:
                properties[kp] = [o]
            else:
                objects.append(o)
            if kp not in self.predicates:
                self.predicates[kp] = p
            if type(o) is URIRef:
                ko = str(o)
                self.references[ko] = self.references.get(ko, 0) + 1


# --- Turtle -------------------------------------------------------------------------------------

_RDF_TYPE, _RDFS_LABEL, _RDFS_CLASS = str(RDF.type), str(RDFS.label), str(RDFS.Class)


class _TurtleLabels:
    """Turtle text of each term, as rdflib's TurtleSerializer writes it; also collects the prefixes it uses."""

    def __init__(self, graph: Graph):
        self.serializer = TurtleSerializer(graph)
        self.serializer.reset()
        self.iris: dict[str, str] = {}
        self.verbs: dict[str, str] = {_RDF_TYPE: "a"}
        self.literals: dict[tuple, str] = {}

    def preprocess(self, index: _Index, triples: Triples) -> None:
        """The prefix look-ups rdflib makes before writing, which decide the @prefix lines.

        Only predicates may generate a prefix (`ns1`), in the order rdflib meets them;
        look-ups of subjects, objects and datatypes only register the prefixes they use.
        """
        ser = self.serializer
        for kp, p in index.predicates.items():
            if kp != _RDF_TYPE:
                ser.get_pname(p, gen_prefix=True)
        seen: set = set()
        for s, _, o in triples:
            for node in (s, o):
                key = str(node) if type(node) is URIRef else _literal_key(node)
                if key in seen:
                    continue
                seen.add(key)
                if type(node) is URIRef:
                    ser.get_pname(node, gen_prefix=False)
                elif node.datatype:
                    ser.get_pname(node.datatype, gen_prefix=False)

    def iri(self, key: str, node: URIRef) -> str:
        text = self.iris.get(key)
        if text is None:
            text = self.iris[key] = "()" if node == RDF.nil else self.serializer.get_pname(node, False) or node.n3()
        return text

    def verb(self, key: str, node: URIRef) -> str:
        text = self.verbs.get(key)
        if text is None:
            text = self.verbs[key] = self.serializer.get_pname(node, True) or node.n3()
        return text

    def object(self, node) -> str:
        if type(node) is URIRef:
            return self.iri(str(node), node)
        key = _literal_key(node)
        text = self.literals.get(key)
        if text is None:
            ser = self.serializer
            text = self.literals[key] = node._literal_n3(use_plain=True,
                                                          qname_callback=lambda dt: ser.get_pname(dt, False))
        return text


def _sorted_objects(objects: list) -> list:
    if len(objects) < 2:
        return objects
    if all(type(o) is URIRef for o in objects):
        return sorted(objects, key=str)  # rdflib orders IRIs as strings
    return sorted(objects)


def _turtle_subject(labels: _TurtleLabels, index: _Index, ks: str) -> str:
    properties = index.properties[ks]
    first = [kp for kp in (_RDF_TYPE, _RDFS_LABEL) if kp in properties]
    parts = ["\n", labels.iri(ks, index.terms[ks])]
    for number, kp in enumerate(first + sorted(kp for kp in properties if kp not in first)):
        parts.append(" " if number == 0 else " ;\n    ")
        parts.append(labels.verb(kp, index.predicates[kp]))
        objects = _sorted_objects(properties[kp])
        parts.append(" " + labels.object(objects[0]))
        parts.extend(",\n        " + labels.object(obj) for obj in objects[1:])
    parts.append(" .\n")
    return "".join(parts)


def turtle(graph: Graph, triples: Triples | None = None) -> bytes | None:
    """Turtle as `graph.serialize(format="turtle", encoding="utf-8")` writes it, or None when not handled."""
    triples = snapshot(graph) if triples is None else triples
    if not _simple(graph, triples):
        return None
    index = _Index(triples)
    labels = _TurtleLabels(graph)
    labels.preprocess(index, triples)
    classes = sorted(ks for ks, props in index.properties.items()
                     if any(type(o) is URIRef and str(o) == _RDFS_CLASS for o in props.get(_RDF_TYPE, ())))
    top = set(classes)
    rest = sorted((index.references.get(ks, 0), ks) for ks in index.properties if ks not in top)
    body = [_turtle_subject(labels, index, ks) for ks in classes + [ks for _, ks in rest]]
    header = [f"@prefix {prefix}: <{uri}> .\n" for prefix, uri in sorted(labels.serializer.namespaces.items())]
    return ("".join(header) + "".join(body) + "\n").encode("utf-8", "replace")


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

    def key(self, kp: str, predicate: URIRef) -> str:
        text = self.keys.get(kp)
        if text is None:
            if kp in self.namespaces:
                raise _Unhandled  # a term of the context itself: rdflib takes another path
            text = self.keys[kp] = self.context.to_symbol(predicate)
        return text

    def node_id(self, ks: str, node: URIRef) -> str:
        text = self.ids.get(ks)
        if text is None:
            text = self.ids[ks] = self.context.shrink_iri(node)
        return text

    def type_name(self, node) -> str:
        if type(node) is not URIRef:
            raise _Unhandled
        key = str(node)
        text = self.types.get(key)
        if text is None:
            text = self.types[key] = self.context.to_symbol(node)
        return text

    def value(self, node):
        key = str(node) if type(node) is URIRef else _literal_key(node)
        value = self.values.get(key)
        if value is None:
            value = self.values[key] = self._value(node)
        return value

    def _value(self, node):
        if type(node) is URIRef:
            return {"@id": self.context.shrink_iri(node)}
        if node.datatype:
            if node.datatype in _PLAIN_LITERAL_TYPES:
                native = node.toPython()
                if not isinstance(native, (bool, int, float, str)) or native != native:
                    raise _Unhandled  # ill-formed or NaN: leave the edge cases to rdflib
                return native
            return {"@type": self.context.to_symbol(node.datatype), "@value": str(node)}
        if node.language:
            return {"@language": node.language, "@value": str(node)}
        return str(node)


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


def _jsonld_nodes(triples: Triples, terms: _JsonLdTerms) -> list[dict]:
    nodes: dict[str, dict] = {}
    for s, p, o in triples:
        ks, kp = str(s), str(p)
        node = nodes.get(ks)
        if node is None:
            node = nodes[ks] = {"@id": terms.node_id(ks, s)}
        if kp == _RDF_TYPE:
            _add(node, "@type", terms.type_name(o))
        else:
            _add(node, terms.key(kp, p), terms.value(o))
    return list(nodes.values())


def jsonld(graph: Graph, context_data: dict[str, str], triples: Triples | None = None) -> bytes | None:
    """What kg's JSON-LD export writes (rdflib's compacted JSON-LD, every array sorted), or None when not handled."""
    triples = snapshot(graph) if triples is None else triples
    if not _simple(graph, triples) or any(not prefix or ":" in prefix for prefix in context_data):
        return None
    terms = _JsonLdTerms(context_data)
    try:
        nodes = _jsonld_nodes(triples, terms)
    except _Unhandled:
        return None
    if len(nodes) == 1:
        document = {**nodes[0], "@context": context_data}
    else:
        document = {"@graph": nodes, "@context": context_data}
    return (_indented(_sorted_arrays(document), 0) + "\n").encode("utf-8")

