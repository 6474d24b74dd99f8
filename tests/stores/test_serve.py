"""`kg serve`: a SPARQL 1.1 endpoint on loopback, read-only unless asked, stopped by Ctrl-C."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import KgServe, accepts_connections, free_port

from kg.cli import cli
from kg.graph.terms import plain_triples
from kg.query import load_graph, resolve_query, run_query
from kg.store import update_store

pytestmark = pytest.mark.store

GRAPH = Path(__file__).parents[1] / "data" / "valid_graph.ttl"
INSERT = "INSERT DATA { <https://kg.example.org/entity/x> <http://www.w3.org/2000/01/rdf-schema#label> \"X\" }"
ASK_INSERTED = "ASK { <https://kg.example.org/entity/x> <http://www.w3.org/2000/01/rdf-schema#label> \"X\" }"


def test_serves_the_graph_at_query_on_loopback():
    with KgServe(GRAPH) as server:
        assert server.banner.strip() == f"SPARQL endpoint: http://127.0.0.1:{server.port}/query"
        for name in ("positions", "country-codes", "quotes-by-person"):
            sparql = resolve_query(name)
            assert server.endpoint.select(sparql).row_set() == run_query(GRAPH, sparql).row_set()


def test_serves_a_store_folder_as_the_whole_graph(tmp_path):
    store = tmp_path / "store"
    update_store(store, plain_triples(load_graph(GRAPH)))
    with KgServe(store) as server:
        for name in ("positions", "most-connected", "documents"):
            sparql = resolve_query(name)
            assert server.endpoint.select(sparql).row_set() == run_query(GRAPH, sparql).row_set()
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert server.endpoint.select(count).rows == run_query(GRAPH, count).rows  # each triple once
        assert server.endpoint.update(INSERT) in {403, 405}


def test_update_is_refused_without_allow_update():
    with KgServe(GRAPH) as server:
        assert server.endpoint.update(INSERT) in {403, 405}
        assert server.endpoint.select(ASK_INSERTED).answer is False


def test_update_is_accepted_with_allow_update_and_the_file_is_untouched():
    before = GRAPH.read_bytes()
    with KgServe(GRAPH, "--allow-update") as server:
        assert server.endpoint.update(INSERT) in {200, 204}
        assert server.endpoint.select(ASK_INSERTED).answer is True
    assert GRAPH.read_bytes() == before


def test_ctrl_c_stops_server_and_cleanly():
    with KgServe(GRAPH) as server:
        assert accepts_connections(server.port)
        assert server.interrupt() == 0
        assert not accepts_connections(server.port)
        assert server.process.stdout.read().strip().endswith("Stopped.")
        assert "Traceback" not in server.process.stderr.read()


def test_a_port_in_use_is_a_one_line_error():
    with KgServe(GRAPH) as first:
        taken = f"cannot listen on 127.0.0.1:{first.port}"
        with pytest.raises(RuntimeError, match=taken), KgServe(GRAPH, port=first.port):
            pass


@pytest.mark.parametrize("content, message", [(None, "no such graph file"), ("<a> <b", "oxigraph cannot load it")])
def test_unusable_graph_is_a_one_line_error(tmp_path, content, message):
    graph = tmp_path / "graph.ttl"
    if content is not None:
        graph.write_text(content)
    result = CliRunner().invoke(cli, ["serve", str(graph), "--port", str(free_port())])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "--allow-update" in result.output
