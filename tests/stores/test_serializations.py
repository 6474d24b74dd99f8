"""Every serialization of the built graph is read by independent parsers: Raptor (rapper) and Serd (serdi).

JSON-LD has no Raptor or Serd parser; rdflib and Oxigraph read it back instead.
"""

import re
import shutil
import subprocess

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from store_helpers import in_ci

from kg.export.quads import document_graphs
from kg.query import load_store

pytestmark = [
    pytest.mark.model,
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),  # rdflib's JSON-LD parser
]

# file, rapper's and serdi's name for its syntax, whether it holds quads
FILES = [("graph.ttl", "turtle", "turtle", False), ("graph.nt", "ntriples", "ntriples", False),
         ("graph.nq", "nquads", "nquads", True), ("graph.trig", "trig", "trig", True)]


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} not installed (Debian raptor2-utils / serdi)"
        if in_ci():
            pytest.fail(message + "; .ci/run installs it")
        pytest.skip(message)
    return path


def expected_count(graph: Graph, quads: bool) -> int:
    """Statements in the file: the default graph, plus each article's named graph in a quad file."""
    return len(graph) + (sum(len(t) for t in document_graphs(graph).values()) if quads else 0)


@pytest.mark.parametrize("name, rapper_syntax, _serdi, quads", FILES)
def test_rapper_reads_it_all(seeds_files, seeds_graph, name, rapper_syntax, _serdi, quads):
    done = subprocess.run([tool("rapper"), "-i", rapper_syntax, "-c", str(seeds_files / name)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr and "Warning" not in done.stderr
    count = int(re.search(r"returned (\d+) triples", done.stderr).group(1))
    assert count == expected_count(seeds_graph, quads)


@pytest.mark.parametrize("name, _rapper, serdi_syntax, quads", FILES)
def test_serdi_reads_it_all(seeds_files, seeds_graph, name, _rapper, serdi_syntax, quads):
    output = "nquads" if quads else "ntriples"
    done = subprocess.run([tool("serdi"), "-i", serdi_syntax, "-o", output, str(seeds_files / name)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
    assert len(done.stdout.splitlines()) == expected_count(seeds_graph, quads)


def test_json_ld_reads_back_in_rdflib_and_oxigraph(seeds_files, seeds_graph):
    assert isomorphic(Graph().parse(seeds_files / "graph.jsonld", format="json-ld"), seeds_graph)
    assert len(load_store(seeds_files / "graph.jsonld")) == len(seeds_graph)
