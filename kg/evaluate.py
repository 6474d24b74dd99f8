"""Score a built graph against hand-made gold annotations (`kg eval`).

The gold format is one JSON file per source text (see tests/data/README.md):
entities with an id, a name, a type and aliases; relations
between entity ids (`holdsPosition` takes a title text instead); quotes as a
speaker id and the first words. Items marked `"optional": true` are neither
rewarded nor penalised.

The graph's vocabulary is matched by local name, so any RDF graph can be
judged, not only kg's: a class called `Agency`, `GovernmentOrganization` or a
subclass of either is an Agency; `rdfs:label`, `skos:prefLabel` or
`schema:name` is a label; a node typed `Quote` with a `speaker` and a `text` is
a quote. Scores are precision, recall and F1 over sets of keys, as spaCy's
`Scorer` does:

* entities: a gold entity is found when a node has its name or an alias
  (after `normalise`); a node matching nothing is spurious; two nodes for one
  gold entity are a split, reported but not an error here.
* typed entities: as above, and one of the entity's nodes has the gold type.
* relations: `(subject id, relation, object id)`, with `cooperatesWith`
  symmetric; a `holdsPosition` title matches when either normalised title
  contains the other.
* quotes: the same speaker, and the normalised `starts` is contained in the
  normalised quote text; each system quote can match one gold quote.

Example::

    scores = score(kg.query.load_graph(Path("output/graph.ttl")), [load_gold(Path("gold/a.json"))])
    print(scores.entities.f, format_text(scores))
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError

ENTITY_TYPES = ("Person", "Agency", "Organisation", "Country", "Location")
RELATION_TYPES = ("cooperatesWith", "criticises", "holdsPosition", "memberOf", "operatesIn", "supports")
SYMMETRIC_RELATIONS = frozenset({"cooperatesWith"})

# Class local names (lower case) that stand for a gold entity type.
_CLASS_TYPES = {
    "person": "Person",
    "agency": "Agency", "governmentorganization": "Agency", "governmentagency": "Agency", "publicbody": "Agency",
    "organisation": "Organisation", "organization": "Organisation",
    "country": "Country",
    "location": "Location", "place": "Location",
}
# A node with several of those types takes the most specific: Agency is an
# Organisation and a Country a Location, so they rank first.
_TYPE_PRECEDENCE = ("Person", "Agency", "Country", "Organisation", "Location")
_LABEL_PROPERTIES = frozenset({"label", "preflabel", "name"})
_ALIAS_PROPERTIES = frozenset({"altlabel", "hiddenlabel", "alternatename", "alias"})
_RELATION_PROPERTIES = {name.lower(): name for name in RELATION_TYPES} | {"criticizes": "criticises"}
_QUOTE_CLASSES = frozenset({"quote", "quotation"})
_SPEAKER_PROPERTIES = frozenset({"speaker", "spokenby", "saidby", "attributedto", "wasattributedto", "author",
                                 "creator", "quotedperson"})
_TEXT_PROPERTIES = frozenset({"text", "quotetext", "value", "content", "quote"})
_SPURIOUS_QUOTE_CHARS = 60
_REPORT_DIGITS = 3

Triple = tuple[str, str, str]


def local_name(term: Node | str) -> str:
    """The last segment of an IRI after `#`, `/` or `:`, lower case: `kg:Agency` -> "agency"."""
    return re.split(r"[#/:]", str(term))[-1].lower()


def normalise(text: str) -> str:
    """Fold a name or text for comparison: "The Home Secretary's" -> "home secretary".

    Lower case, no possessive `'s`, punctuation as spaces, single spaces, no
    leading article.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^(the|a|an) ", "", text)


@dataclass
class PRF:
    """Precision, recall and F1 from true positive, false positive and false negative counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def score_set(self, candidates: Iterable[Hashable], gold: Iterable[Hashable],
                  optional: Iterable[Hashable] = ()) -> None:
        """Add the counts of one candidate set against a gold set.

        A candidate that is only `optional` counts neither as a hit nor as an error.
        """
        gold = set(gold)
        candidates = set(candidates) - (set(optional) - gold)
        self.tp += len(candidates & gold)
        self.fp += len(candidates - gold)
        self.fn += len(gold - candidates)

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"p": round(self.p, _REPORT_DIGITS), "r": round(self.r, _REPORT_DIGITS),
                "f": round(self.f, _REPORT_DIGITS), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Scores:
    """What `score` finds: the PRF of each task, then the items behind the errors."""

    entities: PRF
    entities_typed: PRF
    relations: PRF
    quotes: PRF
    relations_by_type: dict[str, PRF]
    missed_entities: list[str] = field(default_factory=list)           # gold ids
    spurious_entities: list[str] = field(default_factory=list)         # node labels
    mistyped_entities: list[tuple[str, str, str]] = field(default_factory=list)  # (gold id, gold type, graph type)
    split_entities: dict[str, list[str]] = field(default_factory=dict)  # gold id -> its node IRIs
    missed_relations: list[Triple] = field(default_factory=list)
    spurious_relations: list[Triple] = field(default_factory=list)
    relations_to_unknown_nodes: int = 0  # relation triples whose object is not an entity node
    missed_quotes: list[tuple[str, str]] = field(default_factory=list)    # (speaker id, starts)
    spurious_quotes: list[tuple[str, str]] = field(default_factory=list)  # (speaker, first 60 chars)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: PRFs as dicts, tuples as lists."""
        return {
            "entities": self.entities.to_dict(),
            "entities_typed": self.entities_typed.to_dict(),
            "relations": self.relations.to_dict(),
            "relations_by_type": {name: prf.to_dict() for name, prf in self.relations_by_type.items()},
            "quotes": self.quotes.to_dict(),
            "missed_entities": list(self.missed_entities),
            "spurious_entities": list(self.spurious_entities),
            "mistyped_entities": [list(item) for item in self.mistyped_entities],
            "split_entities": {gid: list(nodes) for gid, nodes in self.split_entities.items()},
            "missed_relations": [list(item) for item in self.missed_relations],
            "spurious_relations": [list(item) for item in self.spurious_relations],
            "relations_to_unknown_nodes": self.relations_to_unknown_nodes,
            "missed_quotes": [list(item) for item in self.missed_quotes],
            "spurious_quotes": [list(item) for item in self.spurious_quotes],
        }


# --- gold -------------------------------------------------------------------

_REQUIRED_KEYS = {
    "entities": ("id", "name", "type"),
    "relations": ("s", "p", "o"),
    "quotes": ("speaker", "starts"),
}


def load_gold(path: Path) -> dict[str, Any]:
    """Read and check one gold JSON file.

    Raises:
        InputError: missing or unreadable file, bad JSON, a missing key, an
            unknown type or relation, or a reference to an undeclared entity id.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such gold file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: bad JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    problem = _gold_problem(data)
    if problem:
        raise InputError(f"{path}: {problem}")
    return data


def _gold_problem(data: Any) -> str | None:
    """The first thing wrong with parsed gold data, or None."""
    if not isinstance(data, dict):
        return "a gold file must hold a JSON object"
    for section, keys in _REQUIRED_KEYS.items():
        if not isinstance(data.get(section), list):
            return f'missing or non-list key "{section}"'
        for i, item in enumerate(data[section]):
            if not isinstance(item, dict):
                return f"{section}[{i}] is not an object"
            for key in keys:
                if not isinstance(item.get(key), str) or not normalise(item[key]):
                    return f'{section}[{i}] has no usable "{key}" (a non-empty string)'
            if not isinstance(item.get("optional", False), bool):
                return f'{section}[{i}]: "optional" must be true or false'
    ids = set()
    for i, entity in enumerate(data["entities"]):
        if entity["type"] not in ENTITY_TYPES:
            return f'entities[{i}]: type "{entity["type"]}" is invalid; must be one of {", ".join(ENTITY_TYPES)}'
        aliases = entity.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            return f'entities[{i}]: "aliases" must be a list of strings'
        if entity["id"].startswith("?"):
            return f'entities[{i}]: id "{entity["id"]}" must not start with "?"'
        ids.add(entity["id"])
    for i, rel in enumerate(data["relations"]):
        if rel["p"] not in RELATION_TYPES:
            return f'relations[{i}]: "{rel["p"]}" is invalid; must be one of {", ".join(RELATION_TYPES)}'
        ends = (rel["s"],) if rel["p"] == "holdsPosition" else (rel["s"], rel["o"])
        for end in ends:
            if end not in ids:
                return f'relations[{i}] refers to undeclared entity id "{end}"'
    for i, quote in enumerate(data["quotes"]):
        if quote["speaker"] not in ids:
            return f'quotes[{i}] refers to undeclared entity id "{quote["speaker"]}"'
    return None


def collect_gold_files(paths: Iterable[Path]) -> list[Path]:
    """Gold files from files and folders (a folder gives its `*.json`, sorted).

    Raises:
        InputError: a path that does not exist, or a folder without JSON files.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob("*.json"))
            if not found:
                raise InputError(f"{path}: folder holds no .json gold files")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such gold file or folder")
    return files


@dataclass(frozen=True)
class _GoldEntity:
    id: str
    type: str
    canonical: str            # normalised name
    names: frozenset[str]     # normalised name and aliases
    optional: bool


@dataclass(frozen=True)
class _GoldQuote:
    speaker: str
    starts: str               # as written
    optional: bool


@dataclass
class _Gold:
    """The union of several gold files, as if they described one text."""

    entities: dict[str, _GoldEntity]  # in file order: name ties go to the first
    relations: set[Triple]
    optional_relations: set[Triple]
    quotes: list[_GoldQuote]


def _relation_key(s: str, p: str, o: str) -> Triple:
    if p in SYMMETRIC_RELATIONS:
        s, o = sorted((s, o))
    return (s, p, o)


def _union_gold(golds: Iterable[Mapping[str, Any]]) -> _Gold:
    """Merge files: an entity is optional only if every file says so; its type and name come from the first."""
    first: dict[str, Mapping[str, Any]] = {}
    names: dict[str, set[str]] = defaultdict(set)
    optional: dict[str, bool] = {}
    relations: set[Triple] = set()
    optional_relations: set[Triple] = set()
    quotes: list[_GoldQuote] = []
    for gold in golds:
        for entity in gold["entities"]:
            gid = entity["id"]
            first.setdefault(gid, entity)
            names[gid] |= {normalise(n) for n in [entity["name"], *entity.get("aliases", [])]}
            optional[gid] = optional.get(gid, True) and bool(entity.get("optional", False))
        for rel in gold.get("relations", []):
            o = normalise(rel["o"]) if rel["p"] == "holdsPosition" else rel["o"]
            key = _relation_key(rel["s"], rel["p"], o)
            (optional_relations if rel.get("optional") else relations).add(key)
        quotes += [_GoldQuote(q["speaker"], q["starts"], bool(q.get("optional"))) for q in gold.get("quotes", [])]
    entities = {gid: _GoldEntity(gid, e["type"], normalise(e["name"]), frozenset(names[gid]), optional[gid])
                for gid, e in first.items()}
    return _Gold(entities, relations, optional_relations, quotes)


# --- graph ------------------------------------------------------------------

@dataclass(frozen=True)
class _Node:
    """An entity node of the judged graph."""

    iri: Node
    type: str
    names: frozenset[str]  # normalised labels and aliases
    label: str             # for reports


def _class_types(graph: Graph) -> dict[Node, str]:
    """Class -> entity type, by local name, following rdfs:subClassOf."""
    classes = set(graph.objects(None, RDF.type)) | set(graph.subjects(RDFS.subClassOf, None))
    mapping = {}
    for cls in classes:
        seen: set[Node] = set()
        todo = [cls]
        found = []
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            if local_name(current) in _CLASS_TYPES:
                found.append(_CLASS_TYPES[local_name(current)])
            todo.extend(graph.objects(current, RDFS.subClassOf))
        if found:
            mapping[cls] = min(found, key=_TYPE_PRECEDENCE.index)
    return mapping


def _entity_nodes(graph: Graph) -> dict[Node, _Node]:
    class_types = _class_types(graph)
    types: dict[Node, list[str]] = defaultdict(list)
    for node, cls in graph.subject_objects(RDF.type):
        if cls in class_types and isinstance(node, URIRef | BNode):
            types[node].append(class_types[cls])
    nodes = {}
    for node, node_types in types.items():
        names, labels = set(), []
        for prop, value in graph.predicate_objects(node):
            if isinstance(value, Literal) and local_name(prop) in _LABEL_PROPERTIES | _ALIAS_PROPERTIES:
                names.add(normalise(value))
                if local_name(prop) in _LABEL_PROPERTIES:
                    labels.append(str(value))
        nodes[node] = _Node(node, min(node_types, key=_TYPE_PRECEDENCE.index), frozenset(names),
                            labels[0] if labels else str(node))
    return nodes


def _match_entities(nodes: Iterable[_Node], gold: _Gold) -> dict[Node, str | None]:
    """Node -> gold id: the first gold entity whose name the node has, else the first with such an alias."""
    matches: dict[Node, str | None] = {}
    for node in nodes:
        by_name = (e.id for e in gold.entities.values() if e.canonical in node.names)
        by_alias = (e.id for e in gold.entities.values() if e.names & node.names)
        matches[node.iri] = next(by_name, None) or next(by_alias, None)
    return matches


def _title_key(subject: str, titles: set[str], gold: _Gold) -> Triple:
    """The gold holdsPosition key a set of graph titles stands for; the closest title wins ties."""
    candidates = [
        (abs(len(key[2]) - len(title)), key)
        for key in gold.relations | gold.optional_relations
        if key[0] == subject and key[1] == "holdsPosition"
        for title in titles if title and (key[2] in title or title in key[2])
    ]
    if candidates:
        return min(candidates)[1]
    return (subject, "holdsPosition", " | ".join(sorted(titles)))


def _graph_relations(graph: Graph, nodes: Mapping[Node, _Node], matches: Mapping[Node, str | None],
                     gold: _Gold) -> tuple[set[Triple], int]:
    """Relation keys of the graph, and the number of relation triples to non-entity objects.

    A node matching no gold entity is keyed "?label", so nodes sharing a label share their relations.
    """
    def key(node: Node) -> str:
        return matches[node] or "?" + nodes[node].label

    keys, unknown = set(), 0
    for s, p, o in graph:
        relation = _RELATION_PROPERTIES.get(local_name(p))
        if relation is None or s not in nodes:
            continue
        if relation == "holdsPosition":
            titles = {normalise(o)} if isinstance(o, Literal) else {
                normalise(v) for v in graph.objects(o, None) if isinstance(v, Literal)}
            keys.add(_title_key(key(s), titles, gold))
        elif o in nodes:
            keys.add(_relation_key(key(s), relation, key(o)))
        else:
            unknown += 1
    return keys, unknown


@dataclass(frozen=True)
class _GraphQuote:
    speakers: frozenset[str]  # gold ids of the speaker nodes
    speaker_label: str        # for reports
    text: str                 # as written
    folded: str               # normalised


def _graph_quotes(graph: Graph, nodes: Mapping[Node, _Node], matches: Mapping[Node, str | None]) -> list[_GraphQuote]:
    quote_nodes = {s for s, cls in graph.subject_objects(RDF.type) if local_name(cls) in _QUOTE_CLASSES}
    quotes = []
    for quote in sorted(quote_nodes, key=str):
        speakers, texts = set(), [""]
        for prop, value in graph.predicate_objects(quote):
            if local_name(prop) in _SPEAKER_PROPERTIES:
                speakers.add(value)
            if local_name(prop) in _TEXT_PROPERTIES and isinstance(value, Literal):
                texts.append(str(value))
        ids = frozenset(gid for s in speakers if s in nodes and (gid := matches[s]))
        label = ", ".join(sorted((matches[s] or "?" + nodes[s].label) if s in nodes else str(s) for s in speakers))
        text = max(texts, key=lambda t: (len(t), t))  # the longest text-like value is the quotation
        quotes.append(_GraphQuote(ids, label, text, normalise(text)))
    return quotes


def _match_quotes(gold: list[_GoldQuote], graph: list[_GraphQuote]) -> dict[int, int]:
    """Graph quote index -> gold quote index: a maximum matching, required gold quotes first.

    Augmenting paths (Kuhn's algorithm) never unmatch a gold quote, so adding
    the optional ones after the required cannot lower the required count.
    """
    fits = [[j for j, q in enumerate(graph) if g.speaker in q.speakers and normalise(g.starts) in q.folded]
            for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in sorted(range(len(gold)), key=lambda i: gold[i].optional):
        augment(i, set())
    return owner


# --- scoring ----------------------------------------------------------------

def score(graph: Graph, golds: list[dict[str, Any]]) -> Scores:
    """Judge `graph` against gold annotations, taken together as one text.

    Args:
        graph: any RDF graph (see the module docstring for the vocabulary read).
        golds: parsed gold files (`load_gold`).

    Returns:
        The PRF of entities, typed entities, relations (overall and per type)
        and quotes, with the missed and spurious items.
    """
    gold = _union_gold(golds)
    nodes = _entity_nodes(graph)
    matches = _match_entities(nodes.values(), gold)
    required = {gid for gid, e in gold.entities.items() if not e.optional}
    optional = set(gold.entities) - required

    # Entities: a gold id once however many nodes it has; each unmatched node is an error.
    by_gold: dict[str, list[_Node]] = defaultdict(list)
    for node in nodes.values():
        if gid := matches[node.iri]:
            by_gold[gid].append(node)
    unmatched = [node for node in nodes.values() if matches[node.iri] is None]
    found = set(by_gold) | {"?" + str(node.iri) for node in unmatched}
    entities = PRF()
    entities.score_set(found, required, optional)

    found_types = {gid: _best_type({n.type for n in group}, gold.entities[gid].type) for gid, group in by_gold.items()}
    entities_typed = PRF()
    entities_typed.score_set(
        {(gid, t) for gid, t in found_types.items()} | {("?" + str(n.iri), n.type) for n in unmatched},
        {(gid, gold.entities[gid].type) for gid in required},
        {(gid, t) for gid in optional for t in ENTITY_TYPES},
    )

    graph_relations, unknown = _graph_relations(graph, nodes, matches, gold)
    relations = PRF()
    relations.score_set(graph_relations, gold.relations, gold.optional_relations)
    by_type = {name: PRF() for name in RELATION_TYPES}
    for name, prf in by_type.items():
        prf.score_set({k for k in graph_relations if k[1] == name}, {k for k in gold.relations if k[1] == name},
                      {k for k in gold.optional_relations if k[1] == name})

    graph_quotes = _graph_quotes(graph, nodes, matches)
    owner = _match_quotes(gold.quotes, graph_quotes)
    quotes = PRF()
    quotes.score_set({("gold", owner[j]) if j in owner else ("graph", j) for j in range(len(graph_quotes))},
                     {("gold", i) for i, q in enumerate(gold.quotes) if not q.optional},
                     {("gold", i) for i, q in enumerate(gold.quotes) if q.optional})
    matched_gold = set(owner.values())

    return Scores(
        entities=entities,
        entities_typed=entities_typed,
        relations=relations,
        quotes=quotes,
        relations_by_type=by_type,
        missed_entities=sorted(required - set(by_gold)),
        spurious_entities=sorted(node.label for node in unmatched),
        mistyped_entities=sorted((gid, gold.entities[gid].type, t) for gid, t in found_types.items()
                                 if gid in required and t != gold.entities[gid].type),
        split_entities={gid: sorted(str(n.iri) for n in group) for gid, group in sorted(by_gold.items())
                        if len(group) > 1},
        missed_relations=sorted(gold.relations - graph_relations),
        spurious_relations=sorted(graph_relations - gold.relations - gold.optional_relations),
        relations_to_unknown_nodes=unknown,
        missed_quotes=[(q.speaker, q.starts) for i, q in enumerate(gold.quotes)
                       if not q.optional and i not in matched_gold],
        spurious_quotes=sorted((q.speaker_label, q.text[:_SPURIOUS_QUOTE_CHARS])
                               for j, q in enumerate(graph_quotes) if j not in owner),
    )


def _best_type(graph_types: set[str], gold_type: str) -> str:
    """The gold type if any node of the entity has it, else its most specific wrong type."""
    return gold_type if gold_type in graph_types else min(graph_types, key=_TYPE_PRECEDENCE.index)


# --- reporting --------------------------------------------------------------

def format_text(scores: Scores) -> str:
    """The scores as an aligned table, then the errors, one per line."""
    rows = [("entities", scores.entities), ("entities (typed)", scores.entities_typed),
            ("relations", scores.relations)]
    rows += [(f"  {name}", prf) for name, prf in scores.relations_by_type.items()]
    rows.append(("quotes", scores.quotes))
    width = max(len(name) for name, _ in rows)
    lines = [f"{'':{width}}  {'P':>5}  {'R':>5}  {'F1':>5}  {'TP':>4}  {'FP':>4}  {'FN':>4}"]
    lines += [f"{name:{width}}  {prf.p:5.3f}  {prf.r:5.3f}  {prf.f:5.3f}  {prf.tp:4d}  {prf.fp:4d}  {prf.fn:4d}"
              for name, prf in rows]
    sections: list[tuple[str, list[str]]] = [
        ("missed entities", scores.missed_entities),
        ("spurious entities", scores.spurious_entities),
        ("mistyped entities", [f"{gid}: {want} in gold, {got} in graph"
                               for gid, want, got in scores.mistyped_entities]),
        ("split entities", [f"{gid}: {', '.join(iris)}" for gid, iris in scores.split_entities.items()]),
        ("missed relations", [" ".join(key) for key in scores.missed_relations]),
        ("spurious relations", [" ".join(key) for key in scores.spurious_relations]),
        ("missed quotes", [f"{speaker}: {starts}" for speaker, starts in scores.missed_quotes]),
        ("spurious quotes", [f"{speaker or '(no speaker)'}: {text}" for speaker, text in scores.spurious_quotes]),
    ]
    for title, items in sections:
        if items:
            lines += ["", f"{title} ({len(items)})"] + [f"  {item}" for item in items]
    if scores.relations_to_unknown_nodes:
        lines += ["", f"relation triples to non-entity nodes: {scores.relations_to_unknown_nodes}"]
    return "\n".join(lines)


def failed_floors(scores: Scores, floors: Mapping[str, float]) -> list[str]:
    """One message per F1 below its floor; `floors` maps "entities", "relations" or "quotes" to a minimum.

    F1 is compared as reported, rounded to three places.
    """
    failures = []
    for task, floor in floors.items():
        f1 = round(getattr(scores, task).f, _REPORT_DIGITS)
        if f1 < floor:
            failures.append(f"{task} F1 {f1:.3f} is below the floor {floor:g}")
    return failures
