"""The on-disk store of `kg build --store`: the same answers as the graph file, updated graph by graph, never half-written."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from synthetic_graph import synthetic_triples

import kg.store
from kg.cli import cli
from kg.config import REPO_ROOT
from kg.errors import InputError, OutputError
from kg.export import writers
from kg.graph.terms import plain_triples
from kg.query import load_graph, named_queries, resolve_query, run_query
from kg.store import MANIFEST, data_dir, named_graphs, open_store, update_store

SEEDS_GRAPH = REPO_ROOT / "output" / "graph.ttl"
ENTITY_POOL = 400  # fixed, so a corpus of one more article names the same entities


def seeds_triples():
    return plain_triples(load_graph(SEEDS_GRAPH))


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("seeds") / "store"
    update_store(store, seeds_triples())
    return store


@pytest.fixture(scope="module")
def synthetic_files(tmp_path_factory) -> tuple[Path, Path]:
    """A synthetic graph of 60 articles (every relation type) as graph.nt and as a store."""
    folder = tmp_path_factory.mktemp("synthetic")
    triples = synthetic_triples(60, ENTITY_POOL)
    (folder / "graph.nt").write_bytes(writers.ntriples(triples))
    update_store(folder / "store", triples)
    return folder / "graph.nt", folder / "store"


def rows(result):
    """The rows as a sorted list: a multiset, so a triple seen twice would show."""
    return sorted(result.rows, key=repr), result.variables


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_store_answers_every_named_query_as_the_turtle_file(seeds_store, name):
    sparql = resolve_query(name)
    from_store, from_file = run_query(seeds_store, sparql), run_query(SEEDS_GRAPH, sparql)
    assert rows(from_store) == rows(from_file)
    assert from_store.rows == from_file.rows or "ORDER BY" not in sparql  # and in the same order where ordered


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_store_answers_every_named_query_as_the_file_on_a_synthetic_corpus(synthetic_files, name):
    graph_file, store = synthetic_files
    sparql = resolve_query(name)
    assert rows(run_query(store, sparql)) == rows(run_query(graph_file, sparql))


def test_union_of_the_named_graphs_holds_each_triple_once(synthetic_files):
    graph_file, store = synthetic_files
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_query(store, count).rows == run_query(graph_file, count).rows


def test_named_graphs_are_one_per_document_and_entity_buckets_and_disjoint():
    triples = synthetic_triples(20, ENTITY_POOL)
    graphs = named_graphs(triples)
    documents = {g for g in graphs if g.startswith("https://kg.example.org/doc/")}
    assert len(documents) == 20
    assert all(g.startswith(kg.store.ENTITY_GRAPHS) for g in set(graphs) - documents)
    assert sorted(t for ts in graphs.values() for t in ts) == sorted(triples)


def test_article_graph_holds_what_that_article_says(seeds_store):
    document = "https://kg.example.org/doc/000_301b9ffc123abff1"
    sparql = f"SELECT DISTINCT ?source WHERE {{ GRAPH <{document}> {{ ?s kg:source ?source }} }}"
    assert run_query(seeds_store, sparql).rows == ((document,),)


def test_adding_an_article_reloads_only_its_graph_and_the_entity_graphs_it_touches(tmp_path):
    store = tmp_path / "store"
    first = update_store(store, synthetic_triples(40, ENTITY_POOL))
    assert (first.loaded, first.removed, first.unchanged) == (len(named_graphs(synthetic_triples(40, ENTITY_POOL))), 0, 0)
    before = data_dir(store)
    more = synthetic_triples(41, ENTITY_POOL)
    second = update_store(store, more)
    assert 2 <= second.loaded <= 1 + 15 and second.removed == 0 and second.unchanged > 30
    assert data_dir(store) != before and not before.exists()  # the old version is gone
    fresh = tmp_path / "fresh"
    update_store(fresh, more)
    for name in ("documents", "most-connected", "relation-evidence", "quotes-by-person"):
        assert rows(run_query(store, resolve_query(name))) == rows(run_query(fresh, resolve_query(name)))
    third = update_store(store, synthetic_triples(40, ENTITY_POOL))
    assert third.removed == 1 and third.loaded == second.loaded - 1
    documents = run_query(store, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a kg:Document }")
    assert documents.rows == (("40",),)


def test_an_unchanged_graph_leaves_the_store_as_it_was(tmp_path):
    store = tmp_path / "store"
    update_store(store, seeds_triples())
    folder, manifest = data_dir(store), (store / MANIFEST).read_bytes()
    update = update_store(store, list(reversed(seeds_triples())))  # order does not matter
    assert update.loaded == 0 and update.removed == 0
    assert data_dir(store) == folder and (store / MANIFEST).read_bytes() == manifest


def test_a_failed_update_leaves_the_previous_store(tmp_path, monkeypatch):
    store = tmp_path / "store"
    update_store(store, synthetic_triples(30, ENTITY_POOL))
    manifest, count = (store / MANIFEST).read_bytes(), run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(kg.store, "_load", fail)
    with pytest.raises(OutputError, match="cannot write the store: disk full"):
        update_store(store, synthetic_triples(31, ENTITY_POOL))
    assert (store / MANIFEST).read_bytes() == manifest
    assert run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == count
    assert sorted(p.name for p in store.iterdir()) == [data_dir(store).name, MANIFEST]


def test_a_corrupt_manifest_is_rebuilt_from_scratch(tmp_path):
    store = tmp_path / "store"
    update_store(store, seeds_triples())
    (store / MANIFEST).write_text("{not json")
    with pytest.raises(InputError, match="unreadable kg-store.json"):
        open_store(store)
    update = update_store(store, seeds_triples())
    assert update.unchanged == 0
    assert json.loads((store / MANIFEST).read_text())["data"] == data_dir(store).name
    assert len(run_query(store, resolve_query("positions"))) > 0


# ---- a store where a file is expected, and the reverse: one-line errors -------------------------------

def one_line_error(arguments: list[str]) -> str:
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    return result.output


def test_store_folder_given_for_a_graph_file(seeds_store):
    assert "a kg store folder, not a graph file" in one_line_error(["validate", str(seeds_store)])
    assert "served read-only" in one_line_error(["serve", str(seeds_store), "--allow-update"])


def test_graph_file_given_for_a_store_folder(tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(SEEDS_GRAPH.read_bytes())
    assert "--store needs a folder, and this is a file" in one_line_error(
        ["build", str(REPO_ROOT / "seeds"), "--out", str(tmp_path / "out"), "--store", str(graph)])
    assert not (tmp_path / "out").exists()  # refused before any work


def test_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    assert "not a kg store folder" in one_line_error(["query", str(tmp_path), "positions"])
    assert "not a kg store folder" in one_line_error(
        ["build", str(REPO_ROOT / "seeds"), "--out", str(tmp_path / "out"), "--store", str(tmp_path)])
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_query_cli_reads_a_store(seeds_store):
    result = CliRunner().invoke(cli, ["query", str(seeds_store), "most-connected", "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[1].startswith("https://kg.example.org/entity/national-crime-agency,")


@pytest.mark.model
def test_build_with_store_adds_an_article_incrementally(tmp_path, seeds_copy):
    from kg.builder import BuildOptions, build

    articles = sorted(seeds_copy.iterdir())
    options = BuildOptions(cache_dir=tmp_path / "cache", store_dir=tmp_path / "store")
    build([articles[0]], tmp_path / "out", options=options)
    count = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a kg:Document }"
    assert run_query(tmp_path / "store", count).rows == (("1",),)
    build(articles, tmp_path / "out", options=options)
    assert run_query(tmp_path / "store", count).rows == (("2",),)
    for name in sorted(named_queries()):
        sparql = resolve_query(name)
        assert rows(run_query(tmp_path / "store", sparql)) == rows(run_query(tmp_path / "out" / "graph.ttl", sparql))


def test_the_output_folder_cannot_be_the_store(tmp_path):
    assert "a folder of its own" in one_line_error(
        ["build", str(REPO_ROOT / "seeds"), "--out", str(tmp_path / "out"), "--store", str(tmp_path / "out")])
