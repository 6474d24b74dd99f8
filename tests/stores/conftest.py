"""Fixtures of the store tests: the seeds' graph in every serialization, `kg serve`, a private Virtuoso."""

import shutil
from pathlib import Path

import pytest
from store_helpers import PrivateVirtuoso, in_ci, virtuoso_installed

from kg.export.quads import serialize_quads


@pytest.fixture(scope="session")
def seeds_files(seeds_build, seeds_graph, tmp_path_factory) -> Path:
    """A copy of the seeds' build (graph.ttl, graph.nt, graph.jsonld) plus graph.nq and graph.trig.

    A copy, so the shared build folder other tests inspect keeps exactly what `kg build` wrote.
    """
    folder = tmp_path_factory.mktemp("seeds-files")
    for name in ("graph.ttl", "graph.nt", "graph.jsonld"):
        shutil.copy(seeds_build[0] / name, folder / name)
    for fmt, name in (("nquads", "graph.nq"), ("trig", "graph.trig")):
        (folder / name).write_bytes(serialize_quads(seeds_graph, fmt))
    return folder


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory) -> PrivateVirtuoso:
    """A private Virtuoso on loopback; skipped where it is not installed, except in CI."""
    if not virtuoso_installed():
        message = "Virtuoso (Debian virtuoso-opensource: virtuoso-t, isql-vt, /etc/virtuoso-opensource-7) not installed"
        if in_ci():
            pytest.fail(message + "; .ci/run installs it")
        pytest.skip(message)
    with PrivateVirtuoso(tmp_path_factory.mktemp("virtuoso")) as instance:
        yield instance
