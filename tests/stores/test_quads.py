"""kg.export.quads: one named graph per article beside the merged default graph, deterministic N-Quads and TriG."""

import os
import subprocess
import sys

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.export.quads import document_graphs, serialize_quads, to_dataset
from kg.graph.vocab import DOC, ENTITY, KG
from kg.query import named_queries, resolve_query, run_query

pytestmark = [
    pytest.mark.model,
    # rdflib's own N-Quads and TriG parsers still call its deprecated Dataset API
    pytest.mark.filterwarnings("ignore:(Dataset|ConjunctiveGraph).* is deprecated:DeprecationWarning"),
]

FIRST, SECOND = DOC["000_301b9ffc123abff1"], DOC["003_784e9872068629d6"]
NCA, EUROPOL, ROMANIA = ENTITY["national-crime-agency"], ENTITY["europol"], ENTITY["romania"]


@pytest.fixture(scope="module")
def dataset(seeds_graph) -> Dataset:
    return to_dataset(seeds_graph)


def named(dataset: Dataset, document: URIRef) -> Graph:
    return dataset.graph(document)


def test_default_graph_is_the_whole_graph(seeds_graph, dataset):
    assert isomorphic(dataset.default_graph, seeds_graph)


def test_one_named_graph_per_document(seeds_graph, dataset):
    documents = set(seeds_graph.subjects(RDF.type, KG.Document))
    names = {g.identifier for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier}
    assert names == documents == {FIRST, SECOND}


def test_every_statement_and_quote_is_in_the_graph_of_its_source(seeds_graph, dataset):
    for kind in (KG.Statement, KG.Quote):
        for node in seeds_graph.subjects(RDF.type, kind):
            source = seeds_graph.value(node, KG.source)
            for document in (FIRST, SECOND):
                described = set(named(dataset, document).triples((node, None, None)))
                expected = set(seeds_graph.triples((node, None, None))) if document == source else set()
                assert described == expected


def test_named_graphs_hold_what_each_article_asserts(dataset):
    first, second = named(dataset, FIRST), named(dataset, SECOND)
    assert (NCA, KG.operatesIn, ROMANIA) in first and (NCA, KG.operatesIn, ROMANIA) not in second
    assert (NCA, KG.operatesIn, EUROPOL) in first and (NCA, KG.operatesIn, EUROPOL) in second
    # a symmetric relation is in the article's graph both ways, as in the merged graph
    assert {(NCA, KG.cooperatesWith, EUROPOL), (EUROPOL, KG.cooperatesWith, NCA)} <= set(second)
    assert (NCA, KG.cooperatesWith, EUROPOL) not in first


def test_named_graphs_hold_mentions_but_not_entity_labels(dataset):
    for document in (FIRST, SECOND):
        graph = named(dataset, document)
        assert (NCA, KG.mentionedIn, document) in graph
        assert (NCA, RDFS.label, None) not in graph
        assert (document, RDF.type, KG.Document) in graph


def test_named_graphs_add_nothing_to_the_default_graph(seeds_graph):
    for triples in document_graphs(seeds_graph).values():
        assert all(t in seeds_graph for t in triples)


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_serializations_parse_back_to_the_same_dataset(seeds_graph, dataset, fmt):
    parsed = Dataset()
    parsed.parse(data=serialize_quads(seeds_graph, fmt), format=fmt)
    assert set(parsed.quads()) == set(dataset.quads())


def test_nquads_lines_are_sorted_and_tidy(seeds_graph):
    lines = serialize_quads(seeds_graph, "nquads").decode("utf-8").splitlines()
    assert lines == sorted(lines) and all(line.endswith(" .") and not line.endswith("  .") for line in lines)
    assert sum(line.endswith(f"<{FIRST}> .") for line in lines) > 0


PRINT_QUADS = """
import sys
from rdflib import Graph
from kg.export.quads import serialize_quads
sys.stdout.buffer.write(serialize_quads(Graph().parse(sys.argv[1]), sys.argv[2]))
"""


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_serializations_are_byte_identical_across_runs(seeds_build, fmt):
    def run(seed: str) -> bytes:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        return subprocess.run([sys.executable, "-c", PRINT_QUADS, str(seeds_build[0] / "graph.ttl"), fmt],
                              capture_output=True, check=True, env=env).stdout
    assert run("1") == run("2")


def test_unknown_format_is_refused(seeds_graph):
    with pytest.raises(ValueError, match="nquads, trig"):
        serialize_quads(seeds_graph, "turtle")


@pytest.mark.parametrize("suffix, fmt", [(".nq", "nquads"), (".trig", "trig")])
def test_named_queries_answer_the_same_on_the_quads(seeds_build, seeds_graph, tmp_path, suffix, fmt):
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(serialize_quads(seeds_graph, fmt))
    for name in named_queries():
        sparql = resolve_query(name)
        assert run_query(path, sparql).row_set() == run_query(seeds_build[0] / "graph.ttl", sparql).row_set(), name


def test_a_named_graph_answers_for_one_article(seeds_graph, tmp_path):
    path = tmp_path / "graph.nq"
    path.write_bytes(serialize_quads(seeds_graph, "nquads"))
    places = run_query(path, "SELECT ?place WHERE { GRAPH kgd:003_784e9872068629d6 { kge:national-crime-agency "
                             "kg:operatesIn ?place } }")
    assert {row[0] for row in places} == {str(EUROPOL)}
