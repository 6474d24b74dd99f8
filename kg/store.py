"""The graph in an on-disk Oxigraph store, updated in place by each build.

`kg build --store DIR` keeps the graph in DIR, so `kg query DIR` and `kg serve
DIR` answer without parsing Turtle. DIR holds:

* `kg-store.json`: the manifest: which data folder is current, and a hash of
  each named graph in it;
* `data-NNNNNN/`: the Oxigraph (RocksDB) store itself.

The triples are split into disjoint named graphs: one per article (`kgd:<id>`:
the document node, the statements and quotes read from it, and the
`kg:mentionedIn` links to it) and 256 entity graphs for the rest, by a hash of
the subject (`<https://kg.example.org/graph/entities/00>` to `.../ff`: entity
types, labels and aliases, positions, and the direct relation triples, which
several articles can support). Queries run over the union of the named graphs,
so they see each triple once: exactly the triples of graph.ttl. (Oxigraph's
union repeats a triple held by two graphs, hence disjoint graphs.)

A rebuild compares the hash of each named graph with the manifest and reloads
only the graphs that changed (an added or edited article, and the entity graphs
of the entities it names), in a copy of the data folder made with hard links;
the manifest is then replaced in one rename, and the old folder removed. A
failed or interrupted build leaves the previous store as it was.
"""

import hashlib
import json
import os
import re
import shutil
import traceback
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF

from kg.errors import InputError, OutputError
from kg.export.writers import ntriples_lines
from kg.graph.terms import Triple
from kg.graph.vocab import BASE, EVENT, KG
from kg.signals import deferred_signals

MANIFEST = "kg-store.json"
STORE_FORMAT = "kg-store-1"
ENTITY_GRAPHS = BASE + "graph/entities/"  # + two hex digits: 256 graphs, by a hash of the subject
LOAD_BATCH_LINES = 200_000  # N-Quads lines handed to one bulk_load: bounded memory, few RocksDB files

_TYPE, _SOURCE, _MENTIONED_IN = str(RDF.type), str(KG.source), str(KG.mentionedIn)
_DOCUMENT, _STATEMENT, _QUOTE = str(KG.Document), str(KG.Statement), str(KG.Quote)
_EVENT, _COUNT = str(EVENT), str(KG.count)


@dataclass(frozen=True)
class StoreUpdate:
    """What a build changed in a store: named graphs loaded (new or changed), removed, and left as they were."""

    loaded: int
    removed: int
    unchanged: int


# --- reading a store folder ---------------------------------------------------------

def is_store(path: Path) -> bool:
    """True when `path` is a folder `kg build --store` wrote."""
    return (path / MANIFEST).is_file()


def _read_manifest(store_dir: Path) -> dict:
    try:
        manifest = json.loads((store_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{store_dir}: unreadable {MANIFEST}: {exc}") from None
    if (not isinstance(manifest, dict) or manifest.get("format") != STORE_FORMAT
            or not re.fullmatch(r"data-\d{6}", str(manifest.get("data"))) or not isinstance(manifest.get("graphs"), dict)):
        raise InputError(f"{store_dir}: {MANIFEST} is not a {STORE_FORMAT} manifest; build the store again")
    return manifest


def data_dir(store_dir: Path) -> Path:
    """The Oxigraph folder of a kg store (what `oxigraph serve --location` takes).

    Raises:
        InputError: `store_dir` is not a kg store folder.
    """
    if not store_dir.is_dir():
        what = "a file, not a store folder" if store_dir.exists() else "no such store folder"
        raise InputError(f"{store_dir}: {what}")
    if not is_store(store_dir):
        raise InputError(f"{store_dir}: not a kg store folder (no {MANIFEST}; kg build --store writes one)")
    folder = store_dir / _read_manifest(store_dir)["data"]
    if not folder.is_dir():
        raise InputError(f"{store_dir}: its data folder {folder.name} is missing; build the store again")
    return folder


def open_store(store_dir: Path) -> ox.Store:
    """The store of a kg store folder, opened read-only (a `kg serve` of it may run at the same time).

    Query it with `use_default_graph_as_union=True` to see the whole graph.

    Raises:
        InputError: not a kg store folder, or Oxigraph cannot open it.
    """
    folder = data_dir(store_dir)
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise InputError(f"{store_dir}: Oxigraph cannot open the store: {exc}") from None


# --- the named graphs ----------------------------------------------------------------

def _owning_documents(triples: list[Triple]) -> dict[str, str]:
    """The document whose named graph holds each document, statement, quote, event and count node."""
    kinds: dict[str, str] = {}
    sources: dict[str, str] = {}
    counts: dict[str, str] = {}  # count node -> its event
    for s, p, o in triples:
        if p == _TYPE and o in (_DOCUMENT, _STATEMENT, _QUOTE):
            kinds[s] = o
        elif p == _SOURCE and type(o) is str and (s not in sources or o < sources[s]):
            sources[s] = o  # a node with several sources (invalid under the shapes) goes with the first
            if s.startswith(_EVENT):
                kinds[s] = _EVENT
        elif p == _COUNT and type(o) is str:
            counts[o] = s
    owners = {}
    for node, kind in kinds.items():
        owner = node if kind == _DOCUMENT else sources.get(node)
        if owner is not None:
            owners[node] = owner
    for count, event in counts.items():
        if event in owners:
            owners[count] = owners[event]
    return owners


def entity_graph(subject: str) -> str:
    """The entities graph that holds the triples of `subject` (anything but a document, statement or quote)."""
    return ENTITY_GRAPHS + hashlib.blake2b(subject.encode("utf-8"), digest_size=1).hexdigest()


def named_graphs(triples: list[Triple]) -> dict[str, list[Triple]]:
    """The store's named graphs, by IRI: one per document, and the entity graphs; each triple in exactly one."""
    owners = _owning_documents(triples)
    graphs: dict[str, list[Triple]] = {}
    buckets: dict[str, str] = {}
    for triple in triples:
        s, p, o = triple
        graph = owners.get(s) or (o if p == _MENTIONED_IN and type(o) is str else None)
        if graph is None:
            graph = buckets.get(s) or buckets.setdefault(s, entity_graph(s))
        graphs.setdefault(graph, []).append(triple)
    return graphs


def _quad_lines(graph: str, triples: list[Triple]) -> Iterator[str]:
    """The N-Quads lines of one named graph."""
    return (line[:-2] + f" <{graph}> .\n" for line in ntriples_lines(triples))


def graph_digest(triples: list[Triple]) -> str:
    """A hash of a set of triples, whatever their order (cheaper than hashing their N-Quads)."""
    keys = sorted(f"{s} {p} <{o}>" if type(o) is str else f"{s} {p} {o[0]!r}^{o[1]}@{o[2]}" for s, p, o in triples)
    return hashlib.blake2b("\n".join(keys).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


# --- writing -------------------------------------------------------------------------

def check_store_dir(store_dir: Path) -> None:
    """Fail before any work when `store_dir` cannot be a store: a file, a foreign folder, not writable.

    Raises:
        OutputError: it cannot be used.
    """
    if store_dir.exists() and not store_dir.is_dir():
        raise OutputError(f"{store_dir}: --store needs a folder, and this is a file")
    if store_dir.is_dir() and any(store_dir.iterdir()) and not is_store(store_dir):
        raise OutputError(f"{store_dir}: not a kg store folder (no {MANIFEST}); give a new or empty folder")
    parent = store_dir if store_dir.exists() else next((p for p in store_dir.parents if p.exists()), Path("."))
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{store_dir}: store folder is not writable")


def _batches(lines: Iterator[str]) -> Iterator[bytes]:
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= LOAD_BATCH_LINES:
            yield "".join(batch).encode("utf-8")
            batch = []
    if batch:
        yield "".join(batch).encode("utf-8")


def _load(store: ox.Store, lines: Iterator[str]) -> None:
    for data in _batches(lines):
        store.bulk_load(data, ox.RdfFormat.N_QUADS)


def _previous_manifest(store_dir: Path) -> dict:
    """The manifest of the store being updated; empty (a build from scratch) when there is none or it is unusable."""
    try:
        return _read_manifest(store_dir) if is_store(store_dir) else {}
    except InputError:
        return {}


def _next_data_name(store_dir: Path, current: str | None) -> str:
    number = int(current.removeprefix("data-")) + 1 if current else 1
    while (store_dir / f"data-{number:06d}").exists():  # left by a build that was killed outright
        number += 1
    return f"data-{number:06d}"


def _write_manifest(store_dir: Path, manifest: dict) -> None:
    temporary = store_dir / f".{MANIFEST}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        temporary.write_text(json.dumps(manifest, indent=0, sort_keys=True) + "\n", "utf-8")
        os.replace(temporary, store_dir / MANIFEST)
    finally:
        temporary.unlink(missing_ok=True)


def _remove_stale(store_dir: Path, keep: str) -> None:
    """Data folders other than the current one: the previous version, or leftovers of killed builds."""
    for folder in store_dir.glob("data-*"):
        if folder.name != keep and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


def update_store(store_dir: Path, triples: list[Triple]) -> StoreUpdate:
    """Make the store in `store_dir` hold exactly `triples`, reloading only the named graphs that changed.

    Raises:
        OutputError: `store_dir` cannot be a store, or Oxigraph cannot write it.
    """
    check_store_dir(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    previous = _previous_manifest(store_dir)
    old_hashes: dict[str, str] = previous.get("graphs", {})
    graphs = named_graphs(triples)
    hashes = {iri: graph_digest(graphs[iri]) for iri in sorted(graphs)}
    changed = [iri for iri in hashes if old_hashes.get(iri) != hashes[iri]]
    removed = sorted(set(old_hashes) - set(hashes))
    update = StoreUpdate(len(changed), len(removed), len(hashes) - len(changed))
    if previous and not changed and not removed and (store_dir / previous["data"]).is_dir():
        return update
    name = _next_data_name(store_dir, previous.get("data"))
    try:
        _write_data(store_dir, previous.get("data"), name, graphs, changed, [*removed, *set(changed) & set(old_hashes)])
        with deferred_signals():
            _write_manifest(store_dir, {"format": STORE_FORMAT, "data": name, "graphs": hashes})
    except BaseException as exc:
        traceback.clear_frames(exc.__traceback__)  # frees the Store the failed frames hold, which closes it
        shutil.rmtree(store_dir / name, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{store_dir}: cannot write the store: {exc}") from None
        raise
    _remove_stale(store_dir, name)
    return update


def _write_data(store_dir: Path, current: str | None, name: str, graphs: dict[str, list[Triple]],
                changed: list[str], outdated: list[str]) -> None:
    """Write the new data folder `name`: a hard-linked copy of `current` with the `outdated` graphs
    removed and the `changed` ones loaded.

    From scratch when there is no current folder, or when most graphs changed
    (reloading everything is then cheaper than removing graph by graph).
    """
    target = store_dir / name
    from_scratch = current is None or not (store_dir / current).is_dir() or len(changed) > len(graphs) / 2
    if not from_scratch:
        ox.Store.read_only(str(store_dir / current)).backup(str(target))
    store = ox.Store(str(target))
    try:
        for iri in () if from_scratch else outdated:
            store.remove_graph(ox.NamedNode(iri))
        _load(store, (line for iri in (sorted(graphs) if from_scratch else changed)
                      for line in _quad_lines(iri, graphs[iri])))
        store.flush()
    finally:
        del store  # closes RocksDB: before the folder is published, or removed after an error
