"""A rebuild that adds an article: the page made in a child process, the model loaded while the corpus is read.

Both only change where the work runs; the files must be the bytes of a full build.
"""

import multiprocessing
import shutil
import subprocess
from pathlib import Path

import pytest

from kg import builder
from kg.builder import BuildOptions, build, build_from_extractions
from kg.chunking import MAX_PIECE_CHARS
from kg.config import REPO_ROOT, Settings
from kg.errors import KgError
from kg.export import html_page, page_process
from kg.export.page_process import PageProcess
from kg.export.page_stream import PageStream
from kg.gazetteer import load_gazetteer
from kg.graph.build import graph_triples
from kg.parallel import extract_serial
from kg.preload import PreloadedWorker
from kg.resolve.merge import resolve

from test_stream import PARSED_WITH, _synthetic, read_all

ARTICLES = REPO_ROOT / "tests" / "data" / "articles"


@pytest.fixture(scope="module")
def records():
    return list(_synthetic().SyntheticCorpus(120))


@pytest.fixture
def page_in_process(monkeypatch):
    """Every build makes its page in a child process, however small; spies on the PageStreams made here."""
    monkeypatch.setattr(page_process, "MIN_ARTICLES", 1)
    monkeypatch.setattr(page_process, "spare_core", lambda: True)
    monkeypatch.setattr(builder, "spare_core", lambda: True)
    made_here = []
    real = PageStream.__init__

    def spy(self, folder):
        made_here.append(folder)
        real(self, folder)

    monkeypatch.setattr(PageStream, "__init__", spy)
    return made_here


def _expected(records, settings: Settings) -> dict[str, bytes]:
    resolution = resolve(records, load_gazetteer(settings.ontology_dir))
    files, _ = builder.render_files(graph_triples(resolution, PARSED_WITH), settings, f"kg: {len(records)} articles")
    return files


@pytest.mark.parametrize("overview", [True, False])
def test_page_made_in_a_child_process_is_the_page_made_here(records, page_in_process, tmp_path, monkeypatch, overview):
    if overview:  # lowered here, so in the child too (`page_process.TUNABLES`)
        monkeypatch.setattr(html_page, "PAGE_MAX_NODES", 60)
        monkeypatch.setattr("kg.export.page_stream.SPILL_CHARS", 50_000)
    monkeypatch.setattr(page_process, "BATCH", 7)  # many messages, the last one short
    settings = Settings(formats=("nt", "turtle"))
    expected = _expected(records, settings)
    assert ("graph-data/events.js" in expected or "graph-data/part-0000.js" in expected) == overview
    build_from_extractions(reversed(records), tmp_path / "out", settings, parsed_with=PARSED_WITH)
    assert page_in_process == []  # no PageStream in this process: the child made the page
    assert read_all(tmp_path / "out") == expected


def test_a_page_process_that_fails_fails_the_build_and_keeps_the_previous_output(records, page_in_process, tmp_path,
                                                                                 monkeypatch):
    settings = Settings(formats=("nt",))
    build_from_extractions(records[:30], tmp_path / "out", settings, parsed_with=PARSED_WITH)
    before = read_all(tmp_path / "out")
    monkeypatch.setattr(html_page, "PAGE_MAX_NODES", "not a number")  # the child's page code raises TypeError
    with pytest.raises(KgError, match="the page failed: TypeError"):
        build_from_extractions(records, tmp_path / "out", settings, parsed_with=PARSED_WITH)
    assert read_all(tmp_path / "out") == before
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []  # no staging folder left


def test_a_page_process_ended_early_leaves_no_process(tmp_path):
    page = PageProcess(tmp_path / ".page")
    page.add_article([("https://kg.example.org/doc/a", "http://www.w3.org/2000/01/rdf-schema#label", ("a", None, None))])
    page.close()
    assert page.process.returncode is not None


def test_preloaded_worker_makes_the_records_of_this_process(tmp_path):
    from kg.ingest.read import read_article

    paths = sorted(ARTICLES.glob("*.txt"))[:2]
    items = [(i, read_article(path, path.stem)) for i, path in enumerate(paths)]
    settings = Settings()
    with PreloadedWorker(settings, MAX_PIECE_CHARS) as worker:
        got = dict(worker.extract(items))
    assert got == dict(extract_serial(items, settings, MAX_PIECE_CHARS))
    assert multiprocessing.active_children() == []


def test_preloaded_worker_closed_while_loading_ends(tmp_path):
    worker = PreloadedWorker(Settings(), MAX_PIECE_CHARS)
    worker.close()
    assert not worker.process.is_alive()


@pytest.mark.model
def test_adding_an_article_to_a_built_folder_writes_the_bytes_of_a_full_build(tmp_path, page_in_process, monkeypatch):
    """The incremental path of a rebuild (records from the cache, the saved blocks, the model loaded in a process
    started before the corpus is read, the page in a child process): the same bytes as a fresh build without cache."""
    monkeypatch.setattr(html_page, "PAGE_MAX_NODES", 80)  # an overview with data files
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paths = sorted(ARTICLES.glob("*.txt"))[:6]
    for path in paths[:5]:
        shutil.copy(path, corpus)
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "out", options=BuildOptions(cache_dir=cache))
    preloaded = []
    real = builder.PreloadedWorker

    def spy(*args):
        preloaded.append(real(*args))
        return preloaded[-1]

    monkeypatch.setattr(builder, "PreloadedWorker", spy)
    shutil.copy(paths[5], corpus)  # one new article
    summary = build([corpus], tmp_path / "out", options=BuildOptions(cache_dir=cache))
    assert (summary.extracted, summary.cached) == (1, 5)
    assert len(preloaded) == 1 and not preloaded[0].process.is_alive()
    build([corpus], tmp_path / "full", options=BuildOptions(cache_dir=None))
    assert (tmp_path / "out" / "graph-data").is_dir()
    assert subprocess.run(["diff", "-r", tmp_path / "out", tmp_path / "full"], capture_output=True).returncode == 0
    again = build([corpus], tmp_path / "out", options=BuildOptions(cache_dir=cache))  # nothing to parse
    assert (again.extracted, again.cached) == (0, 6)
    assert len(preloaded) == 2 and not preloaded[1].process.is_alive()
    assert read_all(tmp_path / "out") == read_all(tmp_path / "full")


def test_views_held_for_resolution_or_read_each_pass_give_the_same_bytes(records, tmp_path, monkeypatch):
    settings = Settings(formats=("nt", "turtle"), html=False)
    build_from_extractions(records, tmp_path / "held", settings, parsed_with=PARSED_WITH)
    monkeypatch.setattr("kg.resolve.spill.VIEWS_HELD_BYTES", 0)  # read from the spill file on every pass
    build_from_extractions(records, tmp_path / "read", settings, parsed_with=PARSED_WITH)
    assert read_all(tmp_path / "held") == read_all(tmp_path / "read") == _expected(records, settings)
