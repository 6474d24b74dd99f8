"""The entity graph as networkx, read back from the RDF triples.

Node keys are entity IRIs; attributes follow docs/data-model.md. Built from
the RDF triples (not from the extraction records) so analytics see exactly what
the published graph says.
"""

from collections import defaultdict

import networkx as nx
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS, SKOS

from kg.event_types import event_types
from kg.graph.terms import Term, Triple, TripleIndex, plain_triples
from kg.graph.vocab import KG, SYMMETRIC_RELATIONS, kg_iri
from kg.records import ENTITY_TYPES

_ENTITY_CLASSES = {str(KG[t]): t for t in ENTITY_TYPES}
_LABEL, _ALT_LABEL = str(RDFS.label), str(SKOS.altLabel)
_IDENTIFIER, _TITLE = str(DCTERMS.identifier), str(DCTERMS.title)
_EVENT_RELATIONS = ("agent", "place", "participant", "partOfOperation")
EVENT_EDGES = (*_EVENT_RELATIONS, "participatesIn")  # the edges of events and named operations


def _doc_id(triples: TripleIndex, doc: str) -> str:
    return triples.value(doc, _IDENTIFIER) or doc


def _evidence(triples: TripleIndex, node: str, text_property: str) -> dict:
    return {
        "sentence": triples.value(node, text_property),
        "doc": _doc_id(triples, triples.value(node, kg_iri("source"))),
        "start": int(triples.value(node, kg_iri("startChar"))),
        "end": int(triples.value(node, kg_iri("endChar"))),
    }


def _sort_evidence(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda e: (e["doc"], e["start"], e["end"], e["sentence"]))


def _label(term: Term) -> str:
    return term if type(term) is str else term.lexical


def _add_nodes(triples: TripleIndex, network: nx.MultiDiGraph) -> None:
    for cls, type_name in sorted(_ENTITY_CLASSES.items()):
        for node in sorted(set(triples.of_type.get(cls, ()))):
            network.add_node(node, label=triples.value(node, _LABEL), type=type_name,
                             aliases=sorted(_label(a) for a in triples.objects(node, _ALT_LABEL)),
                             iso_code=triples.value(node, kg_iri("isoCode")),
                             documents=sorted(_doc_id(triples, d) for d in triples.objects(node, kg_iri("mentionedIn"))),
                             positions=sorted(triples.value(p, _LABEL) for p in triples.objects(node, kg_iri("holdsPosition"))),
                             quotes=[])


def _add_quotes(triples: TripleIndex, network: nx.MultiDiGraph) -> None:
    quotes = defaultdict(list)
    for quote in triples.of_type.get(kg_iri("Quote"), ()):
        speaker = triples.value(quote, kg_iri("speaker"))
        item = _evidence(triples, quote, kg_iri("text"))
        quotes[speaker].append({"text": item.pop("sentence"), **item})
    for speaker, items in quotes.items():
        if speaker in network:
            network.nodes[speaker]["quotes"] = sorted(items, key=lambda q: (q["doc"], q["start"]))


def _add_edges(triples: TripleIndex, network: nx.MultiDiGraph) -> None:
    evidence: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    confidence: dict[tuple[str, str, str], float] = defaultdict(float)
    for statement in triples.of_type.get(kg_iri("Statement"), ()):
        relation = triples.value(statement, str(RDF.predicate)).rsplit("#", 1)[-1]
        s, o = triples.value(statement, str(RDF.subject)), triples.value(statement, str(RDF.object))
        if relation == "holdsPosition" or s not in network or o not in network:
            continue
        if relation in SYMMETRIC_RELATIONS:
            s, o = sorted((s, o))
        evidence[(s, relation, o)].append(_evidence(triples, statement, kg_iri("evidenceText")))
        confidence[(s, relation, o)] = max(confidence[(s, relation, o)],
                                           float(triples.value(statement, kg_iri("confidence"))))
    for (s, relation, o) in sorted(evidence):
        network.add_edge(s, o, key=relation, relation=relation, symmetric=relation in SYMMETRIC_RELATIONS,
                         confidence=confidence[(s, relation, o)], evidence=_sort_evidence(evidence[(s, relation, o)]))


def _event_types(triples: TripleIndex) -> dict[str, str]:
    """Each event node and its type ("Arrest", ...)."""
    return {node: name for name in event_types() for node in triples.of_type.get(kg_iri(name), ())}


def _counts(triples: TripleIndex, event: str) -> list[dict]:
    counts = []
    for node in sorted(n for n in triples.objects(event, kg_iri("count")) if type(n) is str):
        value = triples.value(node, kg_iri("value"))
        counts.append({"value": float(value) if "." in value else int(value), "unit": triples.value(node, kg_iri("unit")),
                       "qualifier": triples.value(node, kg_iri("qualifier"))})
    return counts


def _event_attributes(triples: TripleIndex, event: str, kind: str) -> dict:
    date = triples.value(event, kg_iri("date"))
    counts = _counts(triples, event)
    summary = ", ".join(f"{c['qualifier'] + ' ' if c['qualifier'] else ''}{c['value']} {c['unit']}" for c in counts)
    return {"label": kind + (f" ({summary})" if summary else "") + (f", {date}" if date else ""), "type": "Event",
            "event_type": kind, "date": date, "date_text": triples.value(event, kg_iri("dateText")),
            "date_is_document_date": triples.value(event, kg_iri("dateIsDocumentDate")) == "true",
            "counts": counts, "trigger": triples.value(event, kg_iri("trigger")),
            "evidence": _evidence(triples, event, kg_iri("evidenceText")),
            "confidence": float(triples.value(event, kg_iri("confidence"))), "rule": triples.value(event, kg_iri("extractedBy")),
            "aliases": [], "iso_code": None, "positions": [], "quotes": [],
            "documents": [_doc_id(triples, triples.value(event, kg_iri("source")))]}


def _add_events(triples: TripleIndex, network: nx.MultiDiGraph) -> None:
    """Events and named operations as nodes of their own; edges to their agents, places, participants, operations.

    Each such edge lists the events that support it (`events`): the page's date
    filter hides an edge when it hides all of them.
    """
    for operation in sorted(set(triples.of_type.get(kg_iri("NamedOperation"), ()))):
        network.add_node(operation, label=triples.value(operation, _LABEL), type="NamedOperation", aliases=[],
                         iso_code=None, documents=[], positions=[], quotes=[])
    participation: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event, kind in sorted(_event_types(triples).items()):
        network.add_node(event, **_event_attributes(triples, event, kind))
        evidence, confidence = network.nodes[event]["evidence"], network.nodes[event]["confidence"]
        for relation in _EVENT_RELATIONS:
            for target in sorted(t for t in triples.objects(event, kg_iri(relation)) if type(t) is str):
                if target in network:
                    network.add_edge(event, target, key=relation, relation=relation, symmetric=False,
                                     confidence=confidence, evidence=[evidence], events=[event])
        for operation in triples.objects(event, kg_iri("partOfOperation")):
            for agent in triples.objects(event, kg_iri("agent")):
                participation[(agent, operation)].append(event)
    for (agent, operation), events in sorted(participation.items()):
        if agent in network and operation in network:
            network.add_edge(agent, operation, key="participatesIn", relation="participatesIn", symmetric=False,
                             confidence=max(network.nodes[e]["confidence"] for e in events),
                             evidence=_sort_evidence([network.nodes[e]["evidence"] for e in events]),
                             events=sorted(events))


def _document_titles(triples: TripleIndex) -> dict[str, str]:
    """Title of each document, by doc id."""
    titles = {}
    for doc in triples.of_type.get(kg_iri("Document"), ()):
        titles[_doc_id(triples, doc)] = triples.value(doc, _TITLE) or ""
    return dict(sorted(titles.items()))


def network_of(triples: list[Triple]) -> nx.MultiDiGraph:
    """The entities of a graph of plain triples and the relations between them."""
    index = TripleIndex(triples)
    network = nx.MultiDiGraph(documents=_document_titles(index))
    _add_nodes(index, network)
    _add_quotes(index, network)
    _add_edges(index, network)
    _add_events(index, network)
    return network


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The entities of an rdflib graph and the relations between them.

    Raises:
        ValueError: the graph holds blank nodes.
    """
    triples = plain_triples(graph)
    if triples is None:
        raise ValueError("the graph holds blank nodes; kg graphs have none")
    return network_of(triples)
