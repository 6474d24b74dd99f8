"""The streaming build writes the bytes of the in-memory writers, with records read from disk, not held."""

import importlib.util
import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kg import builder
from kg.builder import BuildOptions, build_from_extractions
from kg.config import REPO_ROOT, Settings
from kg.errors import InputError
from kg.export import html_page
from kg.export.block_store import BLOCKS_FILE
from kg.export.runs import SortedRuns
from kg.gazetteer import load_gazetteer
from kg.graph.build import graph_triples
from kg.graph.vocab import KG
from kg.resolve.merge import resolve
from kg.store import MANIFEST, update_store

from event_records import event_extractions

ALL_FORMATS = Settings(formats=Settings.formats + ("nquads", "trig"))
PARSED_WITH = "en_synthetic-1.0"  # kg:parsedWith on every document, as `build` records its model


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", REPO_ROOT / "bench" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records():
    """Synthetic articles, and two articles with events, counts, dates and a named operation."""
    return list(_synthetic().SyntheticCorpus(150)) + event_extractions()


@pytest.fixture(scope="module")
def in_memory(records):
    """What the in-memory build writes for the records: resolve, graph_triples, render_files."""
    resolution = resolve(records, load_gazetteer(ALL_FORMATS.ontology_dir))
    files, _ = builder.render_files(graph_triples(resolution, PARSED_WITH), ALL_FORMATS, f"kg: {len(records)} articles")
    return files


@pytest.fixture
def streaming_only(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the streaming build fell back to the in-memory one")

    monkeypatch.setattr(builder, "_memory_graph", refuse)


def read_all(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path relative to it."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_streaming_build_writes_the_in_memory_bytes_in_every_format(records, in_memory, streaming_only, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setattr("kg.export.runs.RUN_CHARS", 200_000)  # many runs on disk to merge
    monkeypatch.setattr("kg.export.stream_files.TERM_CACHE", 2_000)  # term caches forgotten again and again
    monkeypatch.setattr("kg.export.stream_files.HELD_BATCH", 500)  # the entities' subjects formatted in many batches
    summary = build_from_extractions(reversed(records), tmp_path / "out", ALL_FORMATS, parsed_with=PARSED_WITH)
    assert in_memory["graph.nt"].count(f'<{KG.parsedWith}> "{PARSED_WITH}" .'.encode()) == len(records)
    assert in_memory["graph.nt"].count(f"<{KG.count}>".encode()) == 6  # the events and their counts are written
    assert f'<{KG.participatesIn}>'.encode() in in_memory["graph.nq"]
    assert read_all(tmp_path / "out") == in_memory
    assert summary.documents == len(records)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(in_memory)  # no staging folder left


def test_subject_batches_keep_each_subjects_triples_together():
    from kg.export.stream_files import subject_batches

    triples = [(f"s{n % 7}", "p", f"o{n}") for n in range(40)] + [("big", "p", f"o{n}") for n in range(12)]
    batches = list(subject_batches(triples, 10))
    assert len(batches) > 3
    assert sorted(t for batch in batches for t in batch) == sorted(triples)
    for batch in batches:
        for subject in {s for s, _, _ in batch}:  # all of a subject's triples, in their order
            assert [t for t in batch if t[0] == subject] == [t for t in triples if t[0] == subject]


def test_rebuild_with_saved_blocks_writes_the_same_bytes(records, in_memory, streaming_only, tmp_path):
    options = BuildOptions(cache_dir=tmp_path / "cache")
    build_from_extractions(records[:100], tmp_path / "first", ALL_FORMATS, options, PARSED_WITH)
    assert (tmp_path / "cache" / BLOCKS_FILE).is_file()
    build_from_extractions(records, tmp_path / "again", ALL_FORMATS, options, PARSED_WITH)
    assert read_all(tmp_path / "again") == in_memory


def test_records_the_stream_cannot_write_exactly_are_built_in_memory(records, tmp_path):
    """A mention carrying another article's doc id (extraction never makes one): the in-memory build's bytes."""
    first, second = records[0], records[1]
    stray = replace(first.mentions[0], doc_id=second.article.doc_id)
    odd = [replace(first, mentions=(stray,) + first.mentions[1:]), *records[1:20]]
    settings = Settings(html=False)
    build_from_extractions(odd, tmp_path / "out", settings, parsed_with=PARSED_WITH)
    resolution = resolve(odd, load_gazetteer(settings.ontology_dir))
    files, _ = builder.render_files(graph_triples(resolution, PARSED_WITH), settings)
    assert read_all(tmp_path / "out") == files


def test_no_records_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no article"):
        build_from_extractions([], tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_sorted_runs_merge_runs_spilled_to_disk(tmp_path):
    runs = SortedRuns(tmp_path, "t", run_chars=1_000)
    keys = [(n * 7919) % 1000 for n in range(1000)]
    for key in keys:
        runs.add((key % 10, str(key)), f"text {key}")
    assert len(runs.runs) > 10
    assert [text for _, text in runs.sorted_items()] == [f"text {k}" for k in sorted(keys, key=lambda k: (k % 10, str(k)))]
    assert not list(tmp_path.glob("*.run"))  # removed once read


@pytest.fixture
def dask_cluster(monkeypatch):
    """The clusters `--executor dask` starts: two workers in threads of this process, tasks of 16 articles."""
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    import kg.distributed

    clusters = []

    def small_cluster(**kwargs):
        clusters.append(LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None))
        return clusters[-1]

    monkeypatch.setattr("dask.distributed.LocalCluster", small_cluster)
    monkeypatch.setattr(kg.distributed, "MERGE_TASK_ARTICLES", 16)  # ten tasks, absorbed in order
    monkeypatch.setattr("kg.export.stream_files.HELD_BATCH", 500)  # the entities' subjects formatted in many batches
    yield clusters
    for cluster in clusters:
        cluster.close()


def test_dask_merge_on_a_local_cluster_writes_the_local_bytes(records, in_memory, streaming_only, tmp_path,
                                                              dask_cluster):
    options = BuildOptions(executor="dask", workers=2, store_dir=tmp_path / "store")
    build_from_extractions(records, tmp_path / "out", ALL_FORMATS, options, PARSED_WITH)
    assert dask_cluster, "no dask cluster was started"
    assert read_all(tmp_path / "out") == in_memory
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(in_memory)
    assert store_manifest(tmp_path / "store") == store_manifest(in_memory_store(records, tmp_path))


@pytest.mark.parametrize("store", [False, True])
def test_dask_merge_makes_the_page_article_by_article_with_the_local_bytes(records, streaming_only, tmp_path,
                                                                           dask_cluster, monkeypatch, store):
    """With the dask executor the client makes the page as the local build does: each article's triples, handed
    back by the workers, go to a `PageStream` as the tasks are absorbed in article order; the client keeps none of
    them for the page (the store's go to disk), and the page, its data files and the store are the local build's."""
    from kg.export.page_stream import PageStream

    monkeypatch.setattr(html_page, "PAGE_MAX_NODES", 60)  # an overview, decided after a few articles
    monkeypatch.setattr("kg.export.page_stream.SPILL_CHARS", 50_000)  # spill files appended to again and again
    monkeypatch.setattr(builder.TripleSpill, "BATCH", 5_000)  # the store's triples go to disk in many batches
    settings = Settings(formats=("nt",))
    resolution = resolve(records, load_gazetteer(settings.ontology_dir))
    expected, _ = builder.render_files(graph_triples(resolution, PARSED_WITH), settings, f"kg: {len(records)} articles")
    assert "graph-data/events.js" in expected
    finished, kept = [], []
    finish, partition_finish = PageStream.finish, builder.Partition.finish

    def spy(self, held, staging, title):
        finished.append((self.articles is None, self.spilled, len(self.events)))
        return finish(self, held, staging, title)

    def partition_spy(self, *args):
        kept.append(type(self.triples).__name__)
        return partition_finish(self, *args)

    monkeypatch.setattr(PageStream, "finish", spy)
    monkeypatch.setattr(builder.Partition, "finish", partition_spy)
    options = BuildOptions(executor="dask", workers=2, store_dir=tmp_path / "store" if store else None)
    build_from_extractions(reversed(records), tmp_path / "out", settings, options, PARSED_WITH)
    assert dask_cluster, "no dask cluster was started"
    assert finished == [(True, True, 8)]  # streamed, spilled, the events of the two event articles
    assert kept == ["TripleSpill" if store else "NoneType"]
    assert read_all(tmp_path / "out") == expected
    if store:
        assert store_manifest(tmp_path / "store") == store_manifest(in_memory_store(records, tmp_path))


def store_manifest(store: Path) -> dict:
    return json.loads((store / MANIFEST).read_text("utf-8"))["graphs"]


def in_memory_store(records, tmp_path: Path) -> Path:
    """The store of the in-memory build's triples."""
    resolution = resolve(records, load_gazetteer(ALL_FORMATS.ontology_dir))
    update_store(tmp_path / "memory-store", graph_triples(resolution, PARSED_WITH))
    return tmp_path / "memory-store"


@pytest.mark.parametrize("html", [True, False])
def test_streaming_build_fills_the_store_with_the_in_memory_graph(records, streaming_only, tmp_path, html, monkeypatch):
    monkeypatch.setattr(builder.TripleSpill, "BATCH", 5_000)  # the store's triples go to disk in many batches
    options = BuildOptions(store_dir=tmp_path / "store")
    summary = build_from_extractions(records, tmp_path / "out", Settings(html=html), options, PARSED_WITH)
    assert store_manifest(tmp_path / "store") == store_manifest(in_memory_store(records, tmp_path))
    assert summary.outputs[-1] == tmp_path / "store"


def test_odd_records_fill_the_store_from_the_in_memory_build(records, tmp_path):
    first, second = records[0], records[1]
    stray = replace(first.mentions[0], doc_id=second.article.doc_id)
    odd = [replace(first, mentions=(stray,) + first.mentions[1:]), *records[1:20]]
    build_from_extractions(odd, tmp_path / "out", Settings(html=False), BuildOptions(store_dir=tmp_path / "store"),
                           PARSED_WITH)
    assert store_manifest(tmp_path / "store") == store_manifest(in_memory_store(odd, tmp_path))


def test_streaming_build_writes_the_overview_above_the_budget_and_removes_its_folder_below(records, streaming_only,
                                                                                            tmp_path, monkeypatch):
    monkeypatch.setattr(html_page, "PAGE_MAX_NODES", 50)
    settings = Settings(formats=("nt",))
    build_from_extractions(records, tmp_path / "out", settings, parsed_with=PARSED_WITH)
    resolution = resolve(records, load_gazetteer(settings.ontology_dir))
    files, _ = builder.render_files(graph_triples(resolution, PARSED_WITH), settings, f"kg: {len(records)} articles")
    assert any(name.startswith(f"{html_page.PAGE_DATA_FOLDER}/") for name in files)
    assert read_all(tmp_path / "out") == files
    build_from_extractions(records[:3], tmp_path / "out", settings, parsed_with=PARSED_WITH)  # a page within the budget
    assert sorted(read_all(tmp_path / "out")) == ["graph.html", "graph.nt"]


def test_sorted_runs_merge_in_rounds_when_there_are_many(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.export.runs.MAX_FAN_IN", 3)
    runs = SortedRuns(tmp_path, "t", run_chars=100)
    for key in range(200, 0, -1):
        runs.add(key, "x" * 50)
    assert len(runs.runs) > 9
    assert [key for key, _ in runs.sorted_items()] == list(range(1, 201))
    assert not list(tmp_path.glob("*.run"))


def test_page_of_a_big_graph_is_made_article_by_article_with_the_in_memory_bytes(records, tmp_path, monkeypatch):
    """Above the page budget the build keeps no triple for the page: it spills evidence, quotes and events to
    disk as articles come and writes the overview's data files one by one; the bytes are those of the page
    made from the whole graph (`page_files(network_of(triples))`)."""
    from kg.export.page_stream import PageStream

    monkeypatch.setattr(html_page, "PAGE_MAX_NODES", 60)  # an overview, decided after a few articles
    monkeypatch.setattr("kg.export.page_stream.SPILL_CHARS", 50_000)  # spill files appended to again and again
    settings = Settings()
    resolution = resolve(records, load_gazetteer(settings.ontology_dir))
    expected, _ = builder.render_files(graph_triples(resolution, PARSED_WITH), settings, f"kg: {len(records)} articles")
    assert sum(name.startswith("graph-data/part-") for name in expected) >= 16
    assert "graph-data/events.js" in expected
    finished = []
    finish = PageStream.finish

    def spy(self, held, staging, title):
        finished.append((self.articles is None, self.spilled, len(self.events)))
        names = finish(self, held, staging, title)
        assert not (staging / ".page").exists()  # spill files removed
        return names

    monkeypatch.setattr(PageStream, "finish", spy)
    build_from_extractions(reversed(records), tmp_path / "out", settings, parsed_with=PARSED_WITH)
    assert finished == [(True, True, 8)]  # streamed, spilled, the events of the two event articles
    assert read_all(tmp_path / "out") == expected


def test_page_stream_keeps_the_triples_while_the_graph_may_be_one_page(records, tmp_path, monkeypatch):
    from kg.export.page_stream import PageStream

    kept = []
    finish = PageStream.finish

    def spy(self, held, staging, title):
        kept.append(self.articles is not None)
        return finish(self, held, staging, title)

    monkeypatch.setattr(PageStream, "finish", spy)
    build_from_extractions(records[:20], tmp_path / "out", Settings(), parsed_with=PARSED_WITH)
    assert kept == [True]
    assert not (tmp_path / "out" / "graph-data").exists()


def test_triple_spill_gives_back_the_triples_in_order(tmp_path):
    spill = builder.TripleSpill(tmp_path / "triples")
    spill.BATCH = 3
    triples = [(f"https://kg.example.org/s{i}", "p", ("text", None, None)) for i in range(10)]
    for start in range(0, 10, 2):
        spill.extend(triples[start:start + 2])
    assert (tmp_path / "triples").exists()
    assert spill.read() == triples
    assert not (tmp_path / "triples").exists()
