"""The named queries of queries/ on the seeds' graph: the analysts' answers, the same in rdflib and Oxigraph."""

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.query import (
    QueryResult,
    load_store,
    named_queries,
    resolve_query,
    run_query,
    run_query_rdflib,
)

pytestmark = pytest.mark.model

NAMES = sorted(named_queries())
SEED_DOCS = ("000_301b9ffc123abff1", "003_784e9872068629d6")
# The seeds state no organisation's seat: tests/query/test_place_queries.py answers it on records that do.
# No extractor finds events yet: tests/query/test_event_queries.py answers the event queries on event records.
EMPTY_ON_THE_SEEDS = {"organisation-seats", "arrests-by-agency-and-month", "seizures-by-place", "operations",
                      "counts-by-country"}


@pytest.fixture(scope="module")
def seeds_store(seeds_build) -> ox.Store:
    return load_store(seeds_build[0] / "graph.ttl")


def answer(store: ox.Store, query_name: str, /, **bindings: str) -> QueryResult:
    return run_query(store, resolve_query(query_name), bindings)


def columns(result: QueryResult, *names: str) -> set[tuple]:
    """The distinct values of some columns, as tuples (or plain values for one column)."""
    index = [result.variables.index(n) for n in names]
    picked = {tuple(row[i] for i in index) for row in result.rows}
    return {p[0] for p in picked} if len(names) == 1 else picked


# --- every store engine gives the same answers ---------------------------------

@pytest.mark.parametrize("name", [n for n in NAMES if n not in EMPTY_ON_THE_SEEDS])
def test_query_answers_on_the_seeds(seeds_store, name):
    assert len(answer(seeds_store, name)) > 0


@pytest.mark.parametrize("name", NAMES)
def test_rdflib_and_oxigraph_agree(seeds_graph: Graph, seeds_store, name):
    sparql = resolve_query(name)
    assert run_query_rdflib(seeds_graph, sparql).row_set() == run_query(seeds_store, sparql).row_set()


# --- the answers on the seeds ---------------------------------------------------

def test_agencies_by_country(seeds_store):
    result = answer(seeds_store, "agencies-by-country")
    assert ("National Crime Agency", "Bulgaria", "BG") in columns(result, "agencyLabel", "countryLabel", "isoCode")


def test_cooperation_lists_each_pair_once(seeds_store):
    pairs = [frozenset(p) for p in columns(answer(seeds_store, "cooperation"), "aLabel", "bLabel")]
    assert len(pairs) == len(set(pairs))
    assert {frozenset({"National Crime Agency", "Bulgaria"}), frozenset({"National Crime Agency", "Europol"}),
            frozenset({"United Kingdom", "Libya"})} <= set(pairs)


def test_where_agencies_operate(seeds_store):
    result = answer(seeds_store, "where-agencies-operate")
    nca = {place for org, place in columns(result, "organisationLabel", "placeLabel") if org == "National Crime Agency"}
    assert {"Austria", "Romania", "Europol", "Bulgaria"} <= nca
    assert ("Europol", "Agency") in columns(result, "placeLabel", "placeType")
    assert ("Romania", "Country") in columns(result, "placeLabel", "placeType")


def test_positions(seeds_store):
    result = answer(seeds_store, "positions")
    assert ("Yvette Cooper", "Home Secretary", None) in columns(result, "personLabel", "position", "organisationLabel")
    assert ("Rob Jones", "Director General of Operations", "National Crime Agency") in columns(
        result, "personLabel", "position", "organisationLabel")


def test_quotes_by_person(seeds_store):
    everyone = answer(seeds_store, "quotes-by-person")
    assert {"Rob Jones", "Yvette Cooper", "Robert Jenrick"} <= columns(everyone, "name")
    rob = answer(seeds_store, "quotes-by-person", name="Rob Jones")
    assert len(rob) == 4 and columns(rob, "name") == {"Rob Jones"}
    assert columns(rob, "file") == {f"{SEED_DOCS[1]}.txt"}
    assert columns(rob, "title") == {"Extra NCA officers to strengthen border security under new measures "
                                      "announced by Home Secretary"}


def test_quotes_by_person_with_values_instead_of_a_binding(seeds_store):
    sparql = resolve_query("quotes-by-person").replace("VALUES ?name { UNDEF }", 'VALUES ?name { "Rob Jones" }')
    assert len(run_query(seeds_store, sparql)) == 4


def test_quotes_are_slices_of_their_files(seeds_store):
    from kg.config import REPO_ROOT

    for _name, _speaker, text, _title, file, start, end in answer(seeds_store, "quotes-by-person"):
        source = (REPO_ROOT / "seeds" / file).read_text(encoding="utf-8")
        assert source[int(start):int(end)] == text


def test_relation_evidence_for_one_relation(seeds_store):
    result = answer(seeds_store, "relation-evidence", subject="kge:national-crime-agency",
                    predicate="kg:operatesIn", object="kge:romania")
    assert len(result) == 1
    (evidence,) = columns(result, "evidence")
    assert "permanently deployed to Romania" in evidence
    assert columns(result, "file") == {f"{SEED_DOCS[0]}.txt"}


def test_relation_evidence_covers_every_statement(seeds_store, seeds_graph):
    from rdflib import RDF

    from kg.graph.vocab import KG

    statements = set(seeds_graph.subjects(RDF.type, KG.Statement))
    assert len(answer(seeds_store, "relation-evidence")) == len(statements)


def test_multi_article_entities(seeds_store):
    result = answer(seeds_store, "multi-article-entities")
    assert {("National Crime Agency", "2"), ("Europol", "2")} <= columns(result, "label", "articles")
    assert "Rob Jones" not in columns(result, "label")


def test_most_connected(seeds_store):
    result = answer(seeds_store, "most-connected")
    top_label, top_degree = result.rows[0][1], int(result.rows[0][2])
    assert top_label == "National Crime Agency"
    # cooperatesWith Bulgaria and Europol (each once, though stored both ways), operatesIn four places,
    # supported by UKIC, Rob Jones a member
    assert top_degree == 8
    assert "Home Secretary" not in columns(result, "label")


def test_relations_only_in_the_first_seed(seeds_store):
    result = answer(seeds_store, "relations-only-in")
    found = columns(result, "subjectLabel", "predicate", "objectLabel")
    coop, operates = "https://kg.example.org/ontology#cooperatesWith", "https://kg.example.org/ontology#operatesIn"
    assert ("National Crime Agency", coop, "Bulgaria") in found
    assert ("United Kingdom", coop, "Libya") in found
    assert ("National Crime Agency", operates, "Romania") in found
    assert ("National Crime Agency", operates, "Europol") not in found  # reported by both articles
    assert ("National Crime Agency", coop, "Europol") not in found  # only in the second


def test_relations_only_in_the_second_seed(seeds_store):
    default_row = f"(kgd:{SEED_DOCS[0]} kgd:{SEED_DOCS[1]})"
    sparql = resolve_query("relations-only-in")
    assert default_row in sparql
    swapped = run_query(seeds_store, sparql.replace(default_row, f"(kgd:{SEED_DOCS[1]} kgd:{SEED_DOCS[0]})"))
    found = columns(swapped, "subjectLabel", "objectLabel")
    assert ("National Crime Agency", "Europol") in found
    assert ("Rob Jones", "National Crime Agency") in found
    assert ("National Crime Agency", "Romania") not in found


def test_entity_aliases(seeds_store):
    result = answer(seeds_store, "entity-aliases")
    assert ("National Crime Agency", "NCA") in columns(result, "label", "alias")
    assert ("United Kingdom", "UK") in columns(result, "label", "alias")


def test_country_codes(seeds_store):
    result = answer(seeds_store, "country-codes")
    assert {("Bulgaria", "BG"), ("Austria", "AT"), ("Romania", "RO"), ("Libya", "LY"), ("United Kingdom", "GB")} \
        <= columns(result, "label", "isoCode")


def test_statements_by_confidence_sorted_and_thresholded(seeds_store):
    confidences = [float(row[0]) for row in answer(seeds_store, "statements-by-confidence")]
    assert confidences == sorted(confidences, reverse=True)
    sparql = resolve_query("statements-by-confidence").replace("VALUES ?minConfidence { 0 }",
                                                               "VALUES ?minConfidence { 0.8 }")
    high = [float(row[0]) for row in run_query(seeds_store, sparql)]
    assert high and all(c >= 0.8 for c in high) and len(high) < len(confidences)


def test_stances(seeds_store):
    result = answer(seeds_store, "stances")
    assert ("Robert Jenrick", "criticises", "Labour Party") in columns(result, "actorLabel", "stance", "targetLabel")
    assert ("UK Intelligence Community", "supports", "National Crime Agency") in columns(
        result, "actorLabel", "stance", "targetLabel")


def test_places_in_country_on_the_seeds(seeds_store):
    result = answer(seeds_store, "places-in-country", country="kge:austria")
    assert ("National Crime Agency", "https://kg.example.org/ontology#operatesIn", "Austria") in columns(
        result, "actorLabel", "relation", "placeLabel")
    assert columns(result, "isoCode") == {"AT"}


def test_documents(seeds_store):
    result = answer(seeds_store, "documents")
    assert columns(result, "file") == {f"{d}.txt" for d in SEED_DOCS}
    assert all(int(n) > 0 for row in result for n in row[3:])
