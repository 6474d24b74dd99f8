"""Events in the graph: ontology and table in step, shapes, deterministic IRIs, quads, networkx, the cache."""

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.cache import ExtractionCache
from kg.config import REPO_ROOT, Settings
from kg.event_types import event_types
from kg.export.network import network_of
from kg.export.quads import document_triples
from kg.gazetteer import load_gazetteer
from kg.graph.build import build_graph, graph_triples
from kg.graph.terms import rdflib_graph
from kg.graph.validate import validate
from kg.graph.vocab import KG
from kg.resolve.merge import resolve
from event_records import DATED_TEXT, dated_extraction, event_extractions

EV = "https://kg.example.org/event/"
E = "https://kg.example.org/entity/"


@pytest.fixture(scope="module")
def triples():
    return graph_triples(resolve(event_extractions(), load_gazetteer(Settings().ontology_dir)))


@pytest.fixture
def graph(triples) -> Graph:
    return rdflib_graph(triples, {})


def events_of(graph: Graph, kind: str) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, KG[kind]))


def test_event_types_table_ontology_and_shapes_agree():
    ontology = Graph().parse(REPO_ROOT / "ontology" / "kg.ttl")
    shapes = Graph().parse(REPO_ROOT / "ontology" / "shapes.ttl")
    subclasses = {str(c).rsplit("#")[-1] for c in ontology.subjects(RDFS.subClassOf, KG.Event)}
    targets = {str(c).rsplit("#")[-1] for c in shapes.objects(URIRef("https://kg.example.org/shapes#EventShape"),
                                                              URIRef("http://www.w3.org/ns/shacl#targetClass"))}
    assert set(event_types()) == subclasses == targets
    assert set(event_types()) >= {"Arrest", "Raid", "Seizure", "Interception", "Rescue", "Charge", "Conviction",
                                  "Deployment", "Operation", "Agreement"}
    assert (KG.NamedOperation, RDFS.subClassOf, KG.Operation) not in ontology  # a named operation is no event


def test_event_graph_conforms_and_evidence_is_a_slice_of_the_text(graph):
    assert validate(graph).conforms
    for event in graph.subjects(KG.evidenceText, None):
        start, end = int(graph.value(event, KG.startChar)), int(graph.value(event, KG.endChar))
        if str(graph.value(event, KG.source)).endswith("/dated"):
            assert DATED_TEXT[start:end] == str(graph.value(event, KG.evidenceText))


def test_event_attributes_are_typed_literals(graph):
    arrest = next(e for e in events_of(graph, "Arrest") if graph.value(e, KG.date) is not None)
    assert graph.value(arrest, KG.date) == Literal("2024-03-03", datatype=XSD.date)
    assert graph.value(arrest, KG.dateText) == Literal("on Sunday")
    assert graph.value(arrest, KG.agent) == URIRef(E + "national-crime-agency")
    count = graph.value(arrest, KG["count"])
    assert graph.value(count, KG.value) == Literal(6)
    assert graph.value(count, KG.unit) == Literal("people")
    kilos = next(graph.value(e, KG["count"]) for e in events_of(graph, "Seizure")
                 if graph.value(e, KG.agent) == URIRef(E + "national-crime-agency"))
    assert graph.value(kilos, KG.value) == Literal(Decimal("2.5"))
    operation = events_of(graph, "Operation")[0]
    assert graph.value(operation, KG.date) == Literal("2024-01", datatype=XSD.gYearMonth)
    deployment = events_of(graph, "Deployment")[0]
    assert graph.value(deployment, KG.dateIsDocumentDate) == Literal(True)
    assert graph.value(deployment, KG.dateText) is None
    assert graph.value(graph.value(deployment, KG["count"]), KG.qualifier) == Literal("up to")
    undated = next(e for e in events_of(graph, "Arrest") if graph.value(e, KG.date) is None)
    assert graph.value(undated, KG.dateText) == Literal("yesterday")  # kept, not resolved, never guessed
    assert graph.value(URIRef("https://kg.example.org/doc/dated"), URIRef("http://purl.org/dc/terms/date")) == \
        Literal("2024-03-05", datatype=XSD.date)


def test_agencies_of_one_named_operation_are_linked_through_it(graph):
    operation = URIRef("https://kg.example.org/operation/operation-nautilus")
    assert (operation, RDF.type, KG.NamedOperation) in graph
    assert graph.value(operation, RDFS.label) == Literal("Operation Nautilus")
    assert set(graph.subjects(KG.participatesIn, operation)) == {URIRef(E + "europol"),
                                                                URIRef(E + "national-crime-agency")}
    assert set(graph.subjects(KG.partOfOperation, operation)) == set(events_of(graph, "Operation"))


def test_event_iris_are_the_same_run_to_run_and_in_any_order(triples):
    again = graph_triples(resolve(list(reversed(event_extractions())), load_gazetteer(Settings().ontology_dir)))
    assert sorted(triples) == sorted(again)
    assert all(s.startswith(EV) for s, p, o in triples if p == str(KG.trigger))


@pytest.mark.parametrize(("change", "message"), [
    (lambda g, e: g.set((e, KG.agent, URIRef(E + "john-carter"))), "kg:agent must point at"),
    (lambda g, e: g.set((g.value(e, KG["count"]), KG.value, Literal("six"))), "kg:value"),
    (lambda g, e: g.set((e, KG.date, Literal("3 March 2024"))), "kg:date"),
    (lambda g, e: g.remove((e, KG.evidenceText, None)), "kg:evidenceText"),
    (lambda g, e: g.add((e, KG.dateIsDocumentDate, Literal(True))), "kg:dateText"),
])
def test_shapes_reject_broken_events(graph, change, message):
    arrest = next(e for e in events_of(graph, "Arrest") if graph.value(e, KG.dateText) == Literal("on Sunday"))
    change(graph, arrest)
    report = validate(graph)
    assert not report.conforms
    assert any(message in line for line in report.violations), report.violations


def test_each_document_graph_holds_its_events_and_counts(triples):
    per_document = document_triples(triples)
    dated = per_document["https://kg.example.org/doc/dated"]
    events = {s for s, p, o in triples if p == str(KG.trigger) and (s, str(KG.source),
                                                                    "https://kg.example.org/doc/dated") in set(triples)}
    assert events and all((e, str(KG.trigger)) in {(s, p) for s, p, _ in dated} for e in events)
    assert {s for s, p, _ in dated if p == str(KG.unit)}  # the counts go with their events
    assert not any(p == str(KG.participatesIn) for _, p, _ in dated)  # the operation belongs to no one article


def test_network_has_events_with_their_counts_dates_and_sentences(triples):
    network = network_of(triples)
    arrest = next(n for n, d in network.nodes(data=True) if d.get("event_type") == "Arrest" and d.get("date"))
    data = network.nodes[arrest]
    assert (data["type"], data["date"], data["date_text"]) == ("Event", "2024-03-03", "on Sunday")
    assert data["counts"] == [{"value": 6, "unit": "people", "qualifier": None}]
    assert data["evidence"]["sentence"] == "The National Crime Agency arrested six people in Folkestone on Sunday."
    assert network.has_edge(arrest, E + "national-crime-agency", key="agent")
    assert network.has_edge(arrest, E + "folkestone", key="place")
    operation = "https://kg.example.org/operation/operation-nautilus"
    assert network.nodes[operation]["type"] == "NamedOperation"
    assert network.edges[E + "europol", operation, "participatesIn"]["events"]


def test_cache_round_trip_keeps_events_and_the_article_date_exactly(tmp_path):
    cache = ExtractionCache(tmp_path, "0" * 16)
    extraction = dated_extraction()
    cache.put(extraction)
    again = cache.get(extraction.article)
    assert again == extraction
    assert again.article.date == "2024-03-05" and again.events[5].counts[0].value == Decimal("2.5")
    undated_copy = type(extraction.article)(*[getattr(extraction.article, f) for f in
                                              ("doc_id", "source_file", "title", "text", "clean_text")])
    assert cache.get(undated_copy) is None  # another date is another entry
