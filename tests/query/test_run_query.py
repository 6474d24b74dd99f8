"""kg.query and `kg query`: Oxigraph by default, one result type, named queries, one-line errors."""

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from kg.cli import cli
from kg.errors import InputError
from kg.export.quads import QUAD_FORMATS, serialize_quads
from kg.query import (
    QueryResult,
    format_result,
    graph_to_store,
    load_store,
    named_queries,
    resolve_query,
    run_query,
    run_query_rdflib,
)

GRAPH = Path(__file__).parents[1] / "data" / "valid_graph.ttl"
AGENCIES = "SELECT ?name WHERE { ?a a kg:Agency ; rdfs:label ?name } ORDER BY ?name"


def kg(*args) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load_store(GRAPH)


# --- loading -------------------------------------------------------------------

def test_load_store_bulk_loads_every_triple():
    assert len(load_store(GRAPH)) == len(Graph().parse(GRAPH))


@pytest.mark.parametrize("suffix, rdflib_format", [(".nt", "nt"), (".jsonld", "json-ld"), (".nq", "nquads"),
                                                   (".trig", "trig"), (".rdf", "xml")])
def test_load_store_reads_each_serialization_by_suffix(tmp_path, suffix, rdflib_format):
    path = tmp_path / f"graph{suffix}"
    graph = Graph().parse(GRAPH)
    if rdflib_format in QUAD_FORMATS:  # the whole graph is the default graph
        path.write_bytes(serialize_quads(graph, rdflib_format))
    else:
        graph.serialize(path, format=rdflib_format, encoding="utf-8")
    assert run_query(path, AGENCIES).rows == run_query(GRAPH, AGENCIES).rows


@pytest.mark.parametrize("content", [None, "this is not turtle", "<urn:a> <urn:b> ."])
def test_load_store_errors_are_input_errors(tmp_path, content):
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError, match="graph.ttl"):
        load_store(path)


def test_an_rdflib_graph_is_handed_over_to_oxigraph():
    graph = Graph().parse(GRAPH)
    assert len(graph_to_store(graph)) == len(graph)
    assert run_query(graph, AGENCIES).rows == run_query(GRAPH, AGENCIES).rows


# --- running ---------------------------------------------------------------------

def test_select_rows_are_strings_or_none(store):
    result = run_query(store, """SELECT ?person ?name ?org WHERE {
        ?person a kg:Person ; rdfs:label ?name OPTIONAL { ?person kg:memberOf ?org } } ORDER BY ?name""")
    assert result.kind == "SELECT" and result.variables == ("person", "name", "org")
    assert ("https://kg.example.org/entity/yvette-cooper", "Yvette Cooper", None) in result.rows
    assert list(result) == list(result.rows) and len(result) == len(result.rows)


def test_ask_and_construct(store):
    assert run_query(store, "ASK { kge:rob-jones kg:memberOf kge:national-crime-agency }").answer is True
    built = run_query(store, "CONSTRUCT { ?a kg:cooperatesWith ?b } WHERE { ?a kg:cooperatesWith ?b }")
    assert built.kind == "CONSTRUCT"
    assert len(Graph().parse(data=built.turtle, format="turtle")) > 0


def test_kg_prefixes_are_predeclared_but_the_query_wins(store):
    assert len(run_query(store, AGENCIES)) > 0
    assert len(run_query(store, "PREFIX kg: <urn:other#> SELECT ?a WHERE { ?a a kg:Agency }")) == 0


def test_bindings_fix_a_selected_variable(store):
    sparql = resolve_query("quotes-by-person")
    everyone = {row[0] for row in run_query(store, sparql)}
    assert len(everyone) > 1
    assert {row[0] for row in run_query(store, sparql, {"name": "Rob Jones"})} == {"Rob Jones"}
    evidence = run_query(store, resolve_query("relation-evidence"),
                         {"subject": "kge:national-crime-agency", "object": "<https://kg.example.org/entity/austria>"})
    assert {row[4] for row in evidence} == {"Austria"}


def test_binding_an_unselected_variable_is_an_input_error(store):
    with pytest.raises(InputError, match="inDocument"):
        run_query(store, resolve_query("relations-only-in"), {"inDocument": "kgd:x"})


@pytest.mark.parametrize("sparql, line", [
    ("SELECT ?x WHERE { ?x ", 1),
    ("SELECT * WHERE {\n  ?x ?y ?z .\n  FILTER(}", 3),
])
def test_syntax_error_is_one_line_with_the_position(store, sparql, line):
    with pytest.raises(InputError) as error:
        run_query(store, sparql)
    message = str(error.value)
    assert re.match(rf"SPARQL syntax error at line {line}, column \d+: \S", message)
    assert "\n" not in message and len(message) < 250 and "u{" not in message


def test_undeclared_prefix_is_named(store):
    with pytest.raises(InputError, match="line 1, column .*undeclared prefix"):
        run_query(store, "SELECT ?x WHERE { ?x a nope:Thing }")


def test_rdflib_engine_gives_the_same_result_type(store):
    graph = Graph().parse(GRAPH)
    assert run_query_rdflib(graph, AGENCIES) == run_query(store, AGENCIES)
    with pytest.raises(InputError, match="SPARQL syntax error at line 1"):
        run_query_rdflib(graph, "SELECT ?x WHERE { ?x ")


def test_row_set_compares_numbers_by_value():
    a = QueryResult("SELECT", ("c",), (("0.80",), ("1",), ("x",), (None,)))
    b = QueryResult("SELECT", ("c",), ((None,), ("x",), ("1.0",), ("0.8",)))
    assert a.row_set() == b.row_set()
    assert QueryResult("SELECT", ("c",), (("0.8",),)).row_set() != QueryResult("SELECT", ("c",), (("0.9",),)).row_set()


def test_from_sparql_json():
    data = {"head": {"vars": ["s", "o"]}, "results": {"bindings": [
        {"s": {"type": "uri", "value": "urn:a"}, "o": {"type": "literal", "value": "A", "xml:lang": "en"}},
        {"s": {"type": "bnode", "value": "b0"}},
    ]}}
    assert QueryResult.from_sparql_json(data) == QueryResult("SELECT", ("s", "o"), (("urn:a", "A"), ("_:b0", None)))
    assert QueryResult.from_sparql_json({"head": {}, "boolean": True}).answer is True


# --- formatting ---------------------------------------------------------------------

RESULT = QueryResult("SELECT", ("name", "code"), (("Bulgaria", "BG"), ("Europe, West", None)))


def test_format_table():
    lines = format_result(RESULT, "table").splitlines()
    assert lines[0].split() == ["name", "code"] and set(lines[1]) <= {"-", " "}
    assert lines[-1] == "(2 rows)" and lines[3] == "Europe, West"


def test_format_csv_and_json():
    assert format_result(RESULT, "csv").splitlines() == ["name,code", "Bulgaria,BG", '"Europe, West",']
    assert json.loads(format_result(RESULT, "json")) == [{"name": "Bulgaria", "code": "BG"},
                                                         {"name": "Europe, West", "code": None}]


def test_format_ask():
    assert format_result(QueryResult("ASK", answer=False), "table") == "false"


# --- named queries ---------------------------------------------------------------------

def test_resolve_query_reads_a_named_query_and_passes_sparql_through():
    assert resolve_query("country-codes") == named_queries()["country-codes"].path.read_text(encoding="utf-8")
    assert resolve_query(AGENCIES) == AGENCIES
    with pytest.raises(InputError, match="no named query 'no-such-query'"):
        resolve_query("no-such-query")


def test_named_queries_folder_is_configurable(tmp_path):
    (tmp_path / "mine.rq").write_text("# What is mine?\nSELECT * WHERE { ?s ?p ?o }\n")
    (tmp_path / "notes.txt").write_text("not a query")
    assert {n: q.summary for n, q in named_queries(tmp_path).items()} == {"mine": "What is mine?"}


# --- the command ------------------------------------------------------------------------

def test_cli_lists_named_queries_with_their_question():
    result = kg("query", "--list")
    assert result.exit_code == 0
    listed = dict(line.split(None, 1) for line in result.output.splitlines())
    assert listed.keys() == named_queries().keys()
    assert listed["agencies-by-country"] == "Which agencies cooperate with which countries?"


def test_cli_runs_a_named_query_with_a_binding():
    result = kg("query", GRAPH, "quotes-by-person", "--bind", "name=Rob Jones", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and {row["name"] for row in rows} == {"Rob Jones"}


@pytest.mark.parametrize("args, message", [
    (["query", GRAPH, "no-such-query"], "no named query"),
    (["query", GRAPH, AGENCIES, "--bind", "novalue"], "NAME=VALUE"),
    (["query", GRAPH], "either a QUERY"),
    (["query"], "GRAPH"),
    (["query", "missing.ttl", AGENCIES], "no such graph file"),
    (["query", GRAPH, "SELECT ?x WHERE { ?x "], "SPARQL syntax error at line 1, column 22"),
])
def test_cli_errors_are_one_line(args, message):
    result = kg(*args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
