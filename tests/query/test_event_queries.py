"""The event queries on records with events (tests/event_records.py): the seeds have none yet."""

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.config import Settings
from kg.gazetteer import load_gazetteer
from kg.graph.build import build_graph
from kg.query import QueryResult, resolve_query, run_query, run_query_rdflib
from kg.resolve.merge import resolve
from event_records import event_extractions

E = "https://kg.example.org/entity/"
K = "https://kg.example.org/ontology#"
EVENT_QUERIES = ["arrests-by-agency-and-month", "seizures-by-place", "operations", "counts-by-country"]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(resolve(event_extractions(), load_gazetteer(Settings().ontology_dir)))


@pytest.fixture(scope="module")
def store(graph) -> ox.Store:
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def answer(store: ox.Store, name: str, /, **bindings: str) -> QueryResult:
    return run_query(store, resolve_query(name), bindings)


def rows(result: QueryResult, *names: str) -> set[tuple]:
    index = [result.variables.index(n) for n in names]
    return {tuple(row[i] for i in index) for row in result.rows}


def number(value) -> Decimal:
    return Decimal(str(value))


@pytest.mark.parametrize("name", EVENT_QUERIES)
def test_rdflib_and_oxigraph_agree(graph, store, name):
    assert run_query_rdflib(graph, resolve_query(name)).row_set() == answer(store, name).row_set()


def test_arrests_by_agency_and_month(store):
    found = {(label, month, int(events), number(counted)) for label, month, events, counted
             in rows(answer(store, "arrests-by-agency-and-month"), "agentLabel", "month", "events", "counted")}
    # the NCA's arrest "on Sunday" is 3 March 2024; the Dutch police's "yesterday" has no date to count from
    assert found == {("National Crime Agency", "2024-03", 1, Decimal(6)), ("Dutch police", "", 1, Decimal(3))}


def test_arrests_by_agency_and_month_counts_another_type_by_binding(store):
    result = answer(store, "arrests-by-agency-and-month", agent="kge:national-crime-agency")
    assert rows(result, "agentLabel") == {("National Crime Agency",)}


def test_seizures_by_place_finds_a_countrys_towns(store):
    found = rows(answer(store, "seizures-by-place"), "countryLabel", "placeLabel", "value", "unit", "qualifier")
    found = {(c, p, number(v), u, q) for c, p, v, u, q in found}
    assert found == {
        ("France", "Calais", Decimal(40), "boats and engines", "more than"),  # Calais, France: kg:locatedIn
        ("United Kingdom", "Folkestone", Decimal("2.5"), "kilograms", None),   # by GeoNames: kg:inCountry
    }


def test_seizures_by_place_for_one_country(store):
    assert rows(answer(store, "seizures-by-place", country="kge:france"), "placeLabel") == {("Calais",)}


def test_operations_and_their_agencies(store):
    found = rows(answer(store, "operations"), "operationLabel", "participantLabel", "events", "files", "first")
    assert {(o, p, int(n), f, d) for o, p, n, f, d in found} == {
        ("Operation Nautilus", "Europol", 1, "dated.txt", "2024-01"),
        ("Operation Nautilus", "National Crime Agency", 1, "dated.txt", "2024-01"),
    }


def test_counts_by_country_sum_with_their_documents(store):
    """Rotterdam is in no country the graph knows (the undated article names none): its arrest is not summed."""
    found = rows(answer(store, "counts-by-country"), "countryLabel", "type", "unit", "total", "qualified", "files")
    assert {(c, t.rsplit("#")[-1], u, number(n), int(q), f) for c, t, u, n, q, f in found} == {
        ("France", "Seizure", "boats and engines", Decimal(40), 1, "dated.txt"),
        ("United Kingdom", "Arrest", "people", Decimal(6), 0, "dated.txt"),
        ("United Kingdom", "Conviction", "years", Decimal(8), 0, "dated.txt"),
        ("United Kingdom", "Seizure", "kilograms", Decimal("2.5"), 0, "dated.txt"),
    }
