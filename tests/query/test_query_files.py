"""The named queries of queries/ stand alone: documented, self-declared prefixes, robust to one-way symmetric data."""

import re

import pyoxigraph as ox
import pytest

from kg.query import QUERIES_DIR, QueryResult, named_queries, resolve_query, run_query

NAMES = sorted(named_queries())


def answer(store: ox.Store, query_name: str, /, **bindings: str) -> QueryResult:
    return run_query(store, resolve_query(query_name), bindings)


def columns(result: QueryResult, *names: str) -> set[tuple]:
    index = [result.variables.index(n) for n in names]
    return {tuple(row[i] for i in index) for row in result.rows}


def header(name: str) -> list[str]:
    lines = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8").splitlines()
    return lines[: next(i for i, line in enumerate(lines) if not line.startswith("#"))]


# --- form: every query stands alone ------------------------------------------

def test_there_are_at_least_ten_named_queries():
    assert len(NAMES) >= 10
    assert {"agencies-by-country", "where-agencies-operate", "positions", "quotes-by-person", "relation-evidence",
            "multi-article-entities", "most-connected", "relations-only-in", "entity-aliases", "country-codes",
            "statements-by-confidence"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_query_starts_with_a_comment_naming_question_and_variables(name):
    lines = header(name)
    assert lines and lines[0].startswith("# ") and lines[0].rstrip().endswith("?"), "first line: the question"
    described = "\n".join(lines).partition("Variables:")[2]
    for variable in run_query(ox.Store(), resolve_query(name)).variables:
        assert f"?{variable}" in described, f"{name}: ?{variable} is not described"


@pytest.mark.parametrize("name", NAMES)
def test_query_declares_its_own_prefixes(name):
    """Runs in a store that predeclares nothing (Oxigraph without kg's prefixes)."""
    ox.Store().query(resolve_query(name))


# --- robust to data that stores a symmetric relation one way only --------------

ONE_WAY = """
@prefix kg: <https://kg.example.org/ontology#> .
@prefix kge: <https://kg.example.org/entity/> .
@prefix kgd: <https://kg.example.org/doc/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kge:agency a kg:Agency ; rdfs:label "Agency" .
kge:land a kg:Country ; rdfs:label "Land" ; kg:isoCode "LA" ; kg:cooperatesWith kge:agency .
kge:other a kg:Agency ; rdfs:label "Other" ; kg:cooperatesWith kge:land .
kgd:a a kg:Document . kgd:b a kg:Document .
[] rdf:subject kge:land ; rdf:predicate kg:cooperatesWith ; rdf:object kge:agency ; kg:source kgd:a .
[] rdf:subject kge:agency ; rdf:predicate kg:cooperatesWith ; rdf:object kge:land ; kg:source kgd:b .
"""


@pytest.fixture(scope="module")
def one_way_store() -> ox.Store:
    store = ox.Store()
    store.load(ONE_WAY, ox.RdfFormat.TURTLE)
    return store


def test_agencies_by_country_reads_either_direction(one_way_store):
    result = answer(one_way_store, "agencies-by-country")
    assert columns(result, "agencyLabel", "countryLabel") == {("Agency", "Land"), ("Other", "Land")}


def test_cooperation_reads_either_direction(one_way_store):
    pairs = {frozenset(p) for p in columns(answer(one_way_store, "cooperation"), "aLabel", "bLabel")}
    assert pairs == {frozenset({"Agency", "Land"}), frozenset({"Other", "Land"})}


def test_most_connected_counts_a_symmetric_link_once(one_way_store):
    degrees = dict(columns(answer(one_way_store, "most-connected"), "label", "degree"))
    assert degrees == {"Land": "2", "Agency": "1", "Other": "1"}


def test_relations_only_in_sees_a_reversed_symmetric_statement(one_way_store):
    sparql = re.sub(r"\(kgd:\S+ kgd:\S+\)", "(kgd:a kgd:b)", resolve_query("relations-only-in"))
    assert len(run_query(one_way_store, sparql)) == 0
