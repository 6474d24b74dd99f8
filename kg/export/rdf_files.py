"""Serialise the graph to files, all replaced together or not at all."""

import json
import os
import shutil
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import Graph

from kg.errors import OutputError
from kg.export import writers
from kg.export.quads import QUAD_FORMATS, serialize_quads
from kg.signals import deferred_signals

FORMAT_SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "nquads": ".nq", "trig": ".trig"}
JSONLD_CONTEXT_PREFIXES = ("kg", "kge", "kgd", "kgs", "kgq", "kgp", "rdfs", "skos", "dcterms", "xsd")


def serialize(graph: Graph, rdf_format: str, triples: list | None = None) -> bytes:
    """One serialization, byte-for-byte deterministic.

    N-Triples lines are sorted, JSON-LD arrays are sorted, Turtle is ordered by rdflib.
    Turtle and JSON-LD come from the fast writers of `kg.export.writers`, which give
    rdflib's bytes in a fraction of its time; rdflib writes the graphs they do not handle.
    """
    if rdf_format in QUAD_FORMATS:  # a named graph per article beside the merged default graph
        return serialize_quads(graph, rdf_format)
    if rdf_format == "nt":
        # split("\n"), not splitlines(): rdflib leaves U+0085, U+2028 and \x1c-\x1e unescaped in literals
        lines = writers.ntriples_lines(graph, triples)
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if rdf_format == "json-ld":
        namespaces = dict(graph.namespaces())
        context = {p: str(namespaces[p]) for p in JSONLD_CONTEXT_PREFIXES if p in namespaces}
        fast = writers.jsonld(graph, context, triples)
        if fast is not None:
            return fast
        data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
        return (json.dumps(_sorted_arrays(data), indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    if rdf_format == "turtle":
        fast = writers.turtle(graph, triples)
        if fast is not None:
            return fast
    return graph.serialize(format=rdf_format, encoding="utf-8")


def serialize_all(graph: Graph, formats: Iterable[str]) -> dict[str, bytes]:
    """Several serializations of one graph, by format name, reading the graph's store once."""
    triples = writers.snapshot(graph)
    return {fmt: serialize(graph, fmt, triples) for fmt in formats}


def _sorted_arrays(value):
    """Sort every JSON-LD array (node lists and value sets are unordered; `@list` is not)."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sorted_arrays(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_arrays(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def check_output_dir(out_dir: Path) -> None:
    """Fail before any work when the output folder cannot be used."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: output path exists and is not a folder")
    parent = out_dir if out_dir.exists() else next((p for p in out_dir.parents if p.exists()), Path("."))
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{out_dir}: output folder is not writable")


def write_together(out_dir: Path, files: Mapping[str, bytes]) -> None:
    """Write every file to a staging folder, then rename each into place.

    An error before the renames leaves any previous output untouched and no
    staging folder behind.
    """
    check_output_dir(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / f".kg-staging-{uuid.uuid4().hex[:12]}"  # named first: `finally` always removes it
    try:
        staging.mkdir()
        for name, data in files.items():
            (staging / name).write_bytes(data)
        with deferred_signals():  # all renamed, or none: a signal now is raised after the last one
            for name in files:
                os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
