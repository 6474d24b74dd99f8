"""places-in-country and organisation-seats on records that state seats and containment (no model needed).

The seeds state neither, so tests/query/test_named_queries.py cannot check
these answers; tests/place_records.py has Frontex based in Warsaw, Poland,
Border Force operating in Calais, Hauts-de-France, France, and towns that only
GeoNames puts in Bulgaria (kg:inCountry): Frontex operates in Svilengrad, the
Border Police is based in Sofia, Europol works at a checkpoint in Svilengrad.
"""

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.graph.build import build_graph
from kg.query import QueryResult, resolve_query, run_query, run_query_rdflib
from place_records import TEXT, places_resolution

E = "https://kg.example.org/entity/"
K = "https://kg.example.org/ontology#"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(places_resolution())


@pytest.fixture(scope="module")
def store(graph) -> ox.Store:
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def answer(store: ox.Store, name: str, /, **bindings: str) -> QueryResult:
    return run_query(store, resolve_query(name), bindings)


def columns(result: QueryResult, *names: str) -> set[tuple]:
    index = [result.variables.index(n) for n in names]
    return {tuple(row[i] for i in index) for row in result.rows}


@pytest.mark.parametrize("name", ["places-in-country", "organisation-seats", "most-connected", "relation-evidence"])
def test_rdflib_and_oxigraph_agree(graph, store, name):
    assert run_query_rdflib(graph, resolve_query(name)).row_set() == answer(store, name).row_set()


def test_places_in_country_follows_located_in_chains(store):
    found = columns(answer(store, "places-in-country"), "countryLabel", "placeLabel", "actorLabel", "relation")
    assert found == {
        ("France", "Calais", "Border Force", K + "operatesIn"),     # Calais, Hauts-de-France, France: two links
        ("Poland", "Warsaw", "Frontex", K + "basedIn"),             # a seat in a town of the country
        ("Bulgaria", "Bulgaria", "Frontex", K + "operatesIn"),      # the country itself
        ("Bulgaria", "Svilengrad", "Frontex", K + "operatesIn"),    # a town in it by GeoNames only
        ("Bulgaria", "Sofia", "Border Police", K + "basedIn"),      # a seat there, by GeoNames only
        ("Bulgaria", "Kapitan Andreevo", "Europol", K + "operatesIn"),  # in Svilengrad by the text, then GeoNames
    }


def test_places_in_country_finds_an_activity_in_a_town_linked_only_by_in_country(graph, store):
    """Svilengrad has no kg:locatedIn at all: the gazetteer's kg:inCountry alone puts Frontex's patrols in Bulgaria."""
    from kg.graph.vocab import ENTITY, KG

    assert (ENTITY.svilengrad, KG.inCountry, ENTITY.bulgaria) in graph
    assert not set(graph.triples((ENTITY.svilengrad, KG.locatedIn, None)))
    rows = columns(answer(store, "places-in-country", country="kge:bulgaria"), "placeLabel", "actorLabel", "evidence")
    assert ("Svilengrad", "Frontex", "Frontex officers also patrol Svilengrad with the Sofia-based Border Police.") in rows


def test_places_in_country_for_one_country_with_its_evidence(store):
    result = answer(store, "places-in-country", country="kge:france")
    assert len(result) == 1
    [(code, evidence, file, start, end)] = columns(result, "isoCode", "evidence", "file", "start", "end")
    assert code == "FR" and file == "places.txt"
    assert TEXT[int(start):int(end)] == evidence == "Border Force officers are stationed in Calais, Hauts-de-France, France."


def test_places_in_country_does_not_report_the_containment_itself(store):
    relations = columns(answer(store, "places-in-country"), "relation")
    assert (K + "locatedIn",) not in relations


def test_organisation_seats_with_their_country(store):
    result = answer(store, "organisation-seats")
    assert columns(result, "organisationLabel", "seatLabel", "countryLabel", "isoCode", "file") == {
        ("Frontex", "Warsaw", "Poland", "PL", "places.txt"),          # "Warsaw, Poland" in the text
        ("Border Police", "Sofia", "Bulgaria", "BG", "places.txt")}   # Sofia in Bulgaria by GeoNames
    evidence = dict(columns(result, "organisationLabel", "evidence"))
    assert "Warsaw-based Frontex" in evidence["Frontex"] and "Sofia-based Border Police" in evidence["Border Police"]


def test_organisation_seats_without_a_known_country_or_in_a_country(graph):
    """A seat the graph puts in no country leaves ?country unbound; a seat that is a country is its own."""
    from rdflib import RDF

    from kg.graph.vocab import ENTITY, KG

    changed = Graph()
    for triple in graph:
        changed.add(triple)
    changed.remove((ENTITY.warsaw, KG.locatedIn, ENTITY.poland))
    result = run_query_rdflib(changed, resolve_query("organisation-seats"))
    assert columns(result, "seatLabel", "country") == {("Warsaw", None), ("Sofia", E + "bulgaria")}

    changed.remove((ENTITY.frontex, KG.basedIn, ENTITY.warsaw))
    changed.add((ENTITY.frontex, KG.basedIn, ENTITY.poland))
    for statement in list(changed.subjects(RDF.predicate, KG.basedIn)):
        if changed.value(statement, RDF.subject) == ENTITY.frontex:
            changed.set((statement, RDF.object, ENTITY.poland))
    result = run_query_rdflib(changed, resolve_query("organisation-seats"))
    assert columns(result, "seatLabel", "country", "isoCode") == {("Poland", E + "poland", "PL"),
                                                                  ("Sofia", E + "bulgaria", "BG")}


def test_most_connected_counts_seats_and_containment(store):
    degrees = dict(columns(answer(store, "most-connected"), "label", "degree"))
    assert degrees["Hauts-de-France"] == "2"  # Calais lies in it, it lies in France
    assert degrees["Frontex"] == "3"          # based in Warsaw, operates in Bulgaria and Svilengrad
    assert degrees["Svilengrad"] == "3"       # Frontex operates there, the checkpoint lies in it, it is in Bulgaria
