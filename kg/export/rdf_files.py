"""Serialise the graph to files, all replaced together or not at all."""

import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph

from kg.errors import OutputError
from kg.export import writers
from kg.export.quads import QUAD_FORMATS, nquads, serialize_quads, trig
from kg.graph.terms import Triple, plain_triples, rdflib_graph
from kg.signals import deferred_signals

FORMAT_SUFFIXES = {"turtle": ".ttl", "nt": ".nt", "json-ld": ".jsonld", "nquads": ".nq", "trig": ".trig"}
JSONLD_CONTEXT_PREFIXES = ("kg", "kge", "kgd", "kgs", "kgq", "kgp", "rdfs", "skos", "dcterms", "xsd")


def jsonld_context(namespaces: Graph) -> dict[str, str]:
    """The JSON-LD @context: kg's prefixes that the graph binds."""
    bound = dict(namespaces.namespaces())
    return {p: str(bound[p]) for p in JSONLD_CONTEXT_PREFIXES if p in bound}


def serialize_triples(triples: list[Triple], rdf_format: str, namespaces: Graph) -> bytes | None:
    """One serialization of plain triples by the fast writers, or None when they do not handle it.

    N-Triples lines are sorted, JSON-LD arrays are sorted, Turtle is laid out as
    rdflib lays it out: the same bytes as `serialize` of the same graph in rdflib.
    `namespaces` is the rdflib graph whose prefix bindings the files use.
    """
    if rdf_format == "nt":
        return writers.ntriples(triples)
    if rdf_format == "turtle":
        return writers.turtle(triples, namespaces)
    if rdf_format == "json-ld":
        return writers.jsonld(triples, namespaces, jsonld_context(namespaces))
    return None


def serialize(graph: Graph, rdf_format: str) -> bytes:
    """One serialization of an rdflib graph, byte-for-byte deterministic.

    Turtle, N-Triples and JSON-LD come from the fast writers of `kg.export.writers`,
    which give rdflib's bytes in a fraction of its time; rdflib writes the graphs
    they do not handle (blank nodes, RDF lists, a base IRI).
    """
    if rdf_format in QUAD_FORMATS:  # a named graph per article beside the merged default graph
        return serialize_quads(graph, rdf_format)
    triples = plain_triples(graph)
    fast = serialize_triples(triples, rdf_format, graph) if triples is not None else None
    return fast if fast is not None else _rdflib_serialize(graph, rdf_format)


def _rdflib_serialize(graph: Graph, rdf_format: str) -> bytes:
    if rdf_format == "nt":
        # split("\n"), not splitlines(): rdflib leaves U+0085, U+2028 and \x1c-\x1e unescaped in literals
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if rdf_format == "json-ld":
        data = json.loads(graph.serialize(format="json-ld", context=jsonld_context(graph), auto_compact=True))
        return (json.dumps(_sorted_arrays(data), indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    return graph.serialize(format=rdf_format, encoding="utf-8")


def serialize_all(triples: list[Triple], formats: Iterable[str], prefixes: dict[str, str],
                  blocks: writers.Blocks | None = None) -> tuple[dict[str, bytes], writers.Blocks]:
    """Several serializations of one graph of plain triples, by format name, and the subject blocks made.

    `blocks` from the last build are reused where a subject's triples are unchanged.
    An rdflib Graph is made only for a format the fast writers do not handle.
    """
    namespaces = rdflib_graph((), prefixes)
    fast, made = writers.write(triples, namespaces, jsonld_context(namespaces), blocks)
    files: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "nquads":
            files[fmt] = nquads(triples)
        elif fmt == "trig":
            files[fmt] = trig(triples, prefixes, fast["turtle"])
        else:
            files[fmt] = fast.get(fmt) or serialize(rdflib_graph(triples, prefixes), fmt)
    return files, made


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


@contextmanager
def staging_folder(out_dir: Path) -> Iterator[Path]:
    """A new folder inside `out_dir` for files to be renamed into place; always removed on leaving.

    Folders made for it are removed too when nothing was renamed into them.
    """
    check_output_dir(out_dir)
    made = [parent for parent in (out_dir, *out_dir.parents) if not parent.exists()]
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / f".kg-staging-{uuid.uuid4().hex[:12]}"  # named first: `finally` always removes it
    try:
        staging.mkdir()
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in made:  # a build that wrote nothing leaves no new folder behind
            try:
                folder.rmdir()
            except OSError:  # not empty: the build wrote its files
                break


def replace_together(staging: Path, out_dir: Path, names: Iterable[str], remove: Iterable[str] = ()) -> None:
    """Rename the staged files into `out_dir`: all, or none (a signal meanwhile is raised after the last one).

    A name with a folder part (`graph-data/part-0001.js`) is in that folder,
    and the folder replaces the previous one whole, so no file of an earlier
    build stays in it. `remove` names files or folders of an earlier build to
    delete in the same step (moved into the staging folder, deleted with it).
    """
    names = list(names)
    replaced = staging / ".replaced"  # what the new output replaces
    replaced.mkdir()
    with deferred_signals():
        for entry in dict.fromkeys(Path(name).parts[0] for name in names):
            if (staging / entry).is_dir() and (out_dir / entry).exists():
                os.replace(out_dir / entry, replaced / entry)
            os.replace(staging / entry, out_dir / entry)
        for entry in remove:
            if (out_dir / entry).exists() and entry not in names:
                os.replace(out_dir / entry, replaced / entry)


def write_together(out_dir: Path, files: Mapping[str, bytes], remove: Iterable[str] = ()) -> None:
    """Write every file to a staging folder, then rename each into place (`replace_together`).

    An error before the renames leaves any previous output untouched and no
    staging folder behind.
    """
    with staging_folder(out_dir) as staging:
        for name, data in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        replace_together(staging, out_dir, files, remove)
