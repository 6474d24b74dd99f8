"""The entity graph as networkx, read back from the RDF triples.

Node keys are entity IRIs; attributes follow docs/data-model.md. Built from
the RDF triples (not from the extraction records) so analytics see exactly what
the published graph says.
"""

from collections import defaultdict

import networkx as nx
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS, SKOS

from kg.graph.terms import Term, Triple, plain_triples
from kg.graph.vocab import KG, SYMMETRIC_RELATIONS
from kg.records import ENTITY_TYPES

_ENTITY_CLASSES = {str(KG[t]): t for t in ENTITY_TYPES}
_TYPE, _LABEL, _ALT_LABEL = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
_IDENTIFIER, _TITLE = str(DCTERMS.identifier), str(DCTERMS.title)


def _kg(name: str) -> str:
    return str(KG[name])


class _Triples:
    """Triples by subject and predicate, and subjects by type."""

    def __init__(self, triples: list[Triple]):
        self.properties: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.of_type: dict[str, list[str]] = defaultdict(list)
        for s, p, o in triples:
            self.properties[s][p].append(o)
            if p == _TYPE:
                self.of_type[o].append(s)

    def objects(self, subject: str, predicate: str) -> list[Term]:
        properties = self.properties.get(subject)
        return properties.get(predicate, []) if properties else []

    def value(self, subject: str, predicate: str) -> str | None:
        """One object of the subject's predicate (its IRI or lexical form), None when there is none."""
        objects = self.objects(subject, predicate)
        if not objects:
            return None
        term = min(objects)
        return term if type(term) is str else term.lexical


def _doc_id(triples: _Triples, doc: str) -> str:
    return triples.value(doc, _IDENTIFIER) or doc


def _evidence(triples: _Triples, node: str, text_property: str) -> dict:
    return {
        "sentence": triples.value(node, text_property),
        "doc": _doc_id(triples, triples.value(node, _kg("source"))),
        "start": int(triples.value(node, _kg("startChar"))),
        "end": int(triples.value(node, _kg("endChar"))),
    }


def _sort_evidence(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda e: (e["doc"], e["start"], e["end"], e["sentence"]))


def _label(term: Term) -> str:
    return term if type(term) is str else term.lexical


def _add_nodes(triples: _Triples, network: nx.MultiDiGraph) -> None:
    for cls, type_name in sorted(_ENTITY_CLASSES.items()):
        for node in sorted(set(triples.of_type.get(cls, ()))):
            network.add_node(node, label=triples.value(node, _LABEL), type=type_name,
                             aliases=sorted(_label(a) for a in triples.objects(node, _ALT_LABEL)),
                             iso_code=triples.value(node, _kg("isoCode")),
                             documents=sorted(_doc_id(triples, d) for d in triples.objects(node, _kg("mentionedIn"))),
                             positions=sorted(triples.value(p, _LABEL) for p in triples.objects(node, _kg("holdsPosition"))),
                             quotes=[])


def _add_quotes(triples: _Triples, network: nx.MultiDiGraph) -> None:
    quotes = defaultdict(list)
    for quote in triples.of_type.get(_kg("Quote"), ()):
        speaker = triples.value(quote, _kg("speaker"))
        item = _evidence(triples, quote, _kg("text"))
        quotes[speaker].append({"text": item.pop("sentence"), **item})
    for speaker, items in quotes.items():
        if speaker in network:
            network.nodes[speaker]["quotes"] = sorted(items, key=lambda q: (q["doc"], q["start"]))


def _add_edges(triples: _Triples, network: nx.MultiDiGraph) -> None:
    evidence: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    confidence: dict[tuple[str, str, str], float] = defaultdict(float)
    for statement in triples.of_type.get(_kg("Statement"), ()):
        relation = triples.value(statement, str(RDF.predicate)).rsplit("#", 1)[-1]
        s, o = triples.value(statement, str(RDF.subject)), triples.value(statement, str(RDF.object))
        if relation == "holdsPosition" or s not in network or o not in network:
            continue
        if relation in SYMMETRIC_RELATIONS:
            s, o = sorted((s, o))
        evidence[(s, relation, o)].append(_evidence(triples, statement, _kg("evidenceText")))
        confidence[(s, relation, o)] = max(confidence[(s, relation, o)],
                                           float(triples.value(statement, _kg("confidence"))))
    for (s, relation, o) in sorted(evidence):
        network.add_edge(s, o, key=relation, relation=relation, symmetric=relation in SYMMETRIC_RELATIONS,
                         confidence=confidence[(s, relation, o)], evidence=_sort_evidence(evidence[(s, relation, o)]))


def _document_titles(triples: _Triples) -> dict[str, str]:
    """Title of each document, by doc id."""
    titles = {}
    for doc in triples.of_type.get(_kg("Document"), ()):
        titles[_doc_id(triples, doc)] = triples.value(doc, _TITLE) or ""
    return dict(sorted(titles.items()))


def network_of(triples: list[Triple]) -> nx.MultiDiGraph:
    """The entities of a graph of plain triples and the relations between them."""
    index = _Triples(triples)
    network = nx.MultiDiGraph(documents=_document_titles(index))
    _add_nodes(index, network)
    _add_quotes(index, network)
    _add_edges(index, network)
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
