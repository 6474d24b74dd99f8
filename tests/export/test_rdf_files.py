import os

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import OutputError
from kg.export.rdf_files import serialize, write_together


def small_graph():
    g = Graph()
    for i in (3, 1, 2):
        g.add((URIRef(f"urn:x:{i}"), URIRef("urn:p"), Literal(f"value {i} with \"quotes\" and \\ and\nnewline")))
    return g


def test_rdf_ntriples_sorted_and_reparse():
    data = serialize(small_graph(), "nt").decode()
    lines = data.splitlines()
    assert lines == sorted(lines) and len(lines) == 3
    assert len(Graph().parse(data=data, format="nt")) == 3


@pytest.mark.parametrize("fmt", ["turtle", "nt", "json-ld"])
def test_rdf_serialization_deterministic(fmt):
    assert serialize(small_graph(), fmt) == serialize(small_graph(), fmt)


def test_rdf_write_together_replaces_all_files(tmp_path):
    write_together(tmp_path, {"a.ttl": b"new a", "b.nt": b"new b"})
    assert (tmp_path / "a.ttl").read_bytes() == b"new a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.nt"]


def test_rdf_write_together_failure_keeps_previous(tmp_path, monkeypatch):
    (tmp_path / "a.ttl").write_bytes(b"old")
    real_replace = os.replace

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_together(tmp_path, {"a.ttl": b"new"})
    monkeypatch.setattr(os, "replace", real_replace)
    assert (tmp_path / "a.ttl").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl"]


def test_rdf_output_path_is_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        write_together(target, {"a.ttl": b""})
