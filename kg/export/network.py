"""The entity graph as networkx, read back from the RDF graph.

Node keys are entity IRIs; attributes follow docs/data-model.md. Built from
RDF (not from the extraction records) so analytics see exactly what the
published graph says.
"""

from collections import defaultdict

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.graph.vocab import KG, SYMMETRIC_RELATIONS
from kg.records import ENTITY_TYPES

_ENTITY_CLASSES = {KG[t]: t for t in ENTITY_TYPES}


def _doc_id(graph: Graph, doc: URIRef) -> str:
    return str(graph.value(doc, DCTERMS.identifier) or doc)


def _evidence(graph: Graph, node: URIRef, text_property: URIRef) -> dict:
    return {
        "sentence": str(graph.value(node, text_property)),
        "doc": _doc_id(graph, graph.value(node, KG.source)),
        "start": int(graph.value(node, KG.startChar)),
        "end": int(graph.value(node, KG.endChar)),
    }


def _sort_evidence(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda e: (e["doc"], e["start"], e["end"], e["sentence"]))


def _add_nodes(graph: Graph, network: nx.MultiDiGraph) -> None:
    for cls, type_name in sorted(_ENTITY_CLASSES.items()):
        for node in sorted(graph.subjects(RDF.type, cls)):
            network.add_node(str(node), label=str(graph.value(node, RDFS.label)), type=type_name,
                             aliases=sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
                             iso_code=str(graph.value(node, KG.isoCode)) if graph.value(node, KG.isoCode) else None,
                             documents=sorted(_doc_id(graph, d) for d in graph.objects(node, KG.mentionedIn)),
                             positions=sorted(str(graph.value(p, RDFS.label)) for p in graph.objects(node, KG.holdsPosition)),
                             quotes=[])


def _add_quotes(graph: Graph, network: nx.MultiDiGraph) -> None:
    quotes = defaultdict(list)
    for quote in graph.subjects(RDF.type, KG.Quote):
        speaker = str(graph.value(quote, KG.speaker))
        item = _evidence(graph, quote, KG.text)
        quotes[speaker].append({"text": item.pop("sentence"), **item})
    for speaker, items in quotes.items():
        if speaker in network:
            network.nodes[speaker]["quotes"] = sorted(items, key=lambda q: (q["doc"], q["start"]))


def _add_edges(graph: Graph, network: nx.MultiDiGraph) -> None:
    evidence: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    confidence: dict[tuple[str, str, str], float] = defaultdict(float)
    for statement in graph.subjects(RDF.type, KG.Statement):
        relation = str(graph.value(statement, RDF.predicate)).rsplit("#", 1)[-1]
        s, o = str(graph.value(statement, RDF.subject)), str(graph.value(statement, RDF.object))
        if relation == "holdsPosition" or s not in network or o not in network:
            continue
        if relation in SYMMETRIC_RELATIONS:
            s, o = sorted((s, o))
        evidence[(s, relation, o)].append(_evidence(graph, statement, KG.evidenceText))
        confidence[(s, relation, o)] = max(confidence[(s, relation, o)], float(graph.value(statement, KG.confidence)))
    for (s, relation, o) in sorted(evidence):
        network.add_edge(s, o, key=relation, relation=relation, symmetric=relation in SYMMETRIC_RELATIONS,
                         confidence=confidence[(s, relation, o)], evidence=_sort_evidence(evidence[(s, relation, o)]))


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The entities of an RDF graph and the relations between them."""
    network = nx.MultiDiGraph()
    _add_nodes(graph, network)
    _add_quotes(graph, network)
    _add_edges(graph, network)
    return network
