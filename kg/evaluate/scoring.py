"""Match a graph's nodes, relations and quotes to the gold, and score them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.evaluate.events import score_events
from kg.evaluate.gold import Gold, GoldQuote, relation_key, union_gold
from kg.evaluate.metrics import (
    ENTITY_TYPES,
    PRF,
    RELATION_TYPES,
    Scores,
    Triple,
    local_name,
    normalise,
)

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


def _match_entities(nodes: Iterable[_Node], gold: Gold) -> dict[Node, str | None]:
    """Node -> gold id: the first gold entity whose name the node has, else the first with such an alias."""
    matches: dict[Node, str | None] = {}
    for node in nodes:
        by_name = (e.id for e in gold.entities.values() if e.canonical in node.names)
        by_alias = (e.id for e in gold.entities.values() if e.names & node.names)
        matches[node.iri] = next(by_name, None) or next(by_alias, None)
    return matches


def _title_key(subject: str, titles: set[str], gold: Gold) -> Triple:
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
                     gold: Gold) -> tuple[set[Triple], int]:
    """Relation keys of the graph, and the number of relation triples to non-entity objects.

    Only the types the gold scores count: a graph's kg:basedIn triples are neither hits nor errors
    against gold files that never annotated seats. A node matching no gold entity is keyed
    "?label", so nodes sharing a label share their relations.
    """
    def key(node: Node) -> str:
        return matches[node] or "?" + nodes[node].label

    keys, unknown = set(), 0
    for s, p, o in graph:
        relation = _RELATION_PROPERTIES.get(local_name(p))
        if relation not in gold.relation_types or s not in nodes:
            continue
        if relation == "holdsPosition":
            titles = {normalise(o)} if isinstance(o, Literal) else {
                normalise(v) for v in graph.objects(o, None) if isinstance(v, Literal)}
            keys.add(_title_key(key(s), titles, gold))
        elif o in nodes:
            keys.add(relation_key(key(s), relation, key(o)))
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


def _match_quotes(gold: list[GoldQuote], graph: list[_GraphQuote]) -> dict[int, int]:
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
        The PRF of entities, typed entities, relations (overall and per scored
        type: those some gold file lists in "relation_types", by default the
        six of DEFAULT_RELATION_TYPES) and quotes, with the missed and spurious items.
    """
    gold = union_gold(golds)
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
    by_type = {name: PRF() for name in RELATION_TYPES if name in gold.relation_types}
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
        events=None if gold.events is None else score_events(graph, matches, gold.events),
    )


def _best_type(graph_types: set[str], gold_type: str) -> str:
    """The gold type if any node of the entity has it, else its most specific wrong type."""
    return gold_type if gold_type in graph_types else min(graph_types, key=_TYPE_PRECEDENCE.index)


# --- reporting --------------------------------------------------------------
