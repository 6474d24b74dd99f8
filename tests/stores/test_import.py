"""The built graph loads into real triple stores, and the named queries answer there as in rdflib.

Stores: embedded Oxigraph (pyoxigraph), the Oxigraph server (`kg serve`) and a
private Virtuoso (Debian virtuoso-opensource). Answers are compared as sets of
rows of strings, numbers by value: stores differ in row order where a query
leaves it open, and in how they write numbers ("0.80" and "0.8").
"""

import pyoxigraph as ox
import pytest
from rdflib import Graph
from store_helpers import KgServe

from kg.export.quads import document_graphs
from kg.query import (
    load_store,
    named_queries,
    resolve_query,
    run_query,
    run_query_rdflib,
)

pytestmark = [pytest.mark.store, pytest.mark.model]

NAMES = sorted(named_queries())
SERIALIZATIONS = ["graph.ttl", "graph.nt", "graph.jsonld", "graph.nq", "graph.trig"]
SEEDS_GRAPH = "https://kg.example.org/graph/seeds"
ROB_JONES = 'VALUES ?name { "Rob Jones" }'


@pytest.fixture(scope="module")
def rdflib_answers(seeds_graph: Graph) -> dict[str, frozenset]:
    return {name: run_query_rdflib(seeds_graph, resolve_query(name)).row_set() for name in NAMES}


def ntriples(store: ox.Store) -> set[str]:
    return {str(ox.Triple(q.subject, q.predicate, q.object)) for q in store.quads_for_pattern(None, None, None,
                                                                                               ox.DefaultGraph())}


# --- embedded Oxigraph ---------------------------------------------------------------

@pytest.mark.parametrize("name", SERIALIZATIONS)
def test_pyoxigraph_loads_every_serialization_to_the_same_triples(seeds_files, name):
    assert ntriples(load_store(seeds_files / name)) == ntriples(load_store(seeds_files / "graph.ttl"))


def test_pyoxigraph_holds_what_rdflib_parsed(seeds_files, seeds_graph):
    assert len(load_store(seeds_files / "graph.ttl")) == len(seeds_graph)


def test_pyoxigraph_answers_like_rdflib(seeds_files, rdflib_answers):
    store = load_store(seeds_files / "graph.ttl")
    for name in NAMES:
        assert run_query(store, resolve_query(name)).row_set() == rdflib_answers[name], name


# --- the Oxigraph server ---------------------------------------------------------------

@pytest.fixture(scope="module")
def oxigraph_server(seeds_files):
    with KgServe(seeds_files / "graph.ttl") as server:
        yield server.endpoint


def test_oxigraph_server_holds_every_triple(oxigraph_server, seeds_graph):
    count = oxigraph_server.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count.rows[0][0]) == len(seeds_graph)


@pytest.mark.parametrize("name", NAMES)
def test_oxigraph_server_answers_like_rdflib(oxigraph_server, rdflib_answers, name):
    assert oxigraph_server.select(resolve_query(name)).row_set() == rdflib_answers[name]


# --- Virtuoso --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def virtuoso_seeds(virtuoso, seeds_files):
    virtuoso.load(seeds_files / "graph.ttl", SEEDS_GRAPH)
    return virtuoso.endpoint(SEEDS_GRAPH)


def test_virtuoso_holds_every_triple(virtuoso_seeds, seeds_graph):
    count = virtuoso_seeds.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(count.rows[0][0]) == len(seeds_graph)


@pytest.mark.parametrize("name", NAMES)
def test_virtuoso_answers_like_rdflib_with_the_queries_unchanged(virtuoso_seeds, rdflib_answers, name):
    assert virtuoso_seeds.select(resolve_query(name)).row_set() == rdflib_answers[name]


PLACES_GRAPH = "https://kg.example.org/graph/places"


@pytest.fixture(scope="module")
def places_graph() -> Graph:
    """The seeds state no containment; tests/place_records.py does (Calais, Hauts-de-France, France)."""
    from place_records import places_resolution

    from kg.graph.build import build_graph

    return build_graph(places_resolution())


@pytest.fixture(scope="module")
def virtuoso_places(virtuoso, places_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("places") / "places.ttl"
    path.write_bytes(places_graph.serialize(format="turtle", encoding="utf-8"))
    virtuoso.load(path, PLACES_GRAPH)
    return virtuoso.endpoint(PLACES_GRAPH)


@pytest.mark.parametrize("name", ["places-in-country", "organisation-seats", "most-connected"])
def test_virtuoso_follows_located_in_chains_like_rdflib(virtuoso_places, places_graph, name):
    expected = run_query_rdflib(places_graph, resolve_query(name)).row_set()
    assert expected and virtuoso_places.select(resolve_query(name)).row_set() == expected


def test_virtuoso_takes_a_parameter_given_by_values(virtuoso_seeds):
    sparql = resolve_query("quotes-by-person").replace("VALUES ?name { UNDEF }", ROB_JONES)
    assert ROB_JONES in sparql
    assert len(virtuoso_seeds.select(sparql)) == 4


def test_virtuoso_loads_the_named_graphs(virtuoso, seeds_files, seeds_graph):
    """graph.nq: the default graph goes to the graph given to the loader, each article's graph keeps its name."""
    dataset = "https://kg.example.org/graph/seeds-quads"
    virtuoso.load(seeds_files / "graph.nq", dataset)
    per_graph = virtuoso.endpoint(dataset).select(f"""
        SELECT ?g (COUNT(*) AS ?n) WHERE {{
          GRAPH ?g {{ ?s ?p ?o }}
          FILTER (?g = <{dataset}> || STRSTARTS(STR(?g), "https://kg.example.org/doc/"))
        }} GROUP BY ?g""")
    expected = {str(document): len(triples) for document, triples in document_graphs(seeds_graph).items()}
    assert {g: int(n) for g, n in per_graph.rows} == {dataset: len(seeds_graph), **expected}
