"""The per-article extraction cache: hits, invalidation, atomic writes, corrupt entries."""

import pickle
import shutil

import pytest

import kg.cache
from kg.builder import BuildOptions, build
from kg.cache import ExtractionCache, article_key, pipeline_version
from kg.config import REPO_ROOT, Settings
from kg.ingest.read import read_article
from kg.records import Extraction, Mention

SEEDS = REPO_ROOT / "seeds"
ARTICLES = REPO_ROOT / "tests" / "data" / "articles"
OUTPUTS = ("graph.jsonld", "graph.nt", "graph.ttl")


def small_extraction(name="a"):
    article = read_article(SEEDS / "000_301b9ffc123abff1.txt")
    article = type(article)(name, f"{name}.txt", article.title, article.text, article.clean_text)
    mention = Mention(name, 0, 5, "Hello", "Person")
    return Extraction(article, (mention,), (), (), (("NCA", "National Crime Agency"),), 1)


def files_under(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def test_cache_round_trip(tmp_path):
    cache = ExtractionCache(tmp_path, "0" * 16)
    extraction = small_extraction()
    assert cache.get(extraction.article) is None
    cache.put(extraction)
    assert cache.get(extraction.article) == extraction
    assert (cache.hits, cache.misses) == (1, 1)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{article_key(extraction.article)}.pkl"]


def test_cache_key_follows_content_and_name():
    extraction = small_extraction()
    article = extraction.article
    assert article_key(article) == article_key(type(article)(*vars(article).values()))
    assert article_key(article) != article_key(small_extraction("b").article)
    changed = type(article)(article.doc_id, article.source_file, article.title, article.text + "!", article.clean_text + "!")
    assert article_key(changed) != article_key(article)


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", pickle.dumps({"an": "other object"}), b"\x80\x05\x95"])
def test_cache_corrupt_entry_is_ignored_and_rewritten(tmp_path, garbage):
    cache = ExtractionCache(tmp_path, "0" * 16)
    extraction = small_extraction()
    cache.put(extraction)
    entry = next(tmp_path.rglob("*.pkl"))
    entry.write_bytes(garbage)
    assert cache.get(extraction.article) is None
    cache.put(extraction)
    assert cache.get(extraction.article) == extraction


def test_cache_entry_of_another_article_under_the_same_name_is_ignored(tmp_path):
    cache = ExtractionCache(tmp_path, "0" * 16)
    first, second = small_extraction("a"), small_extraction("b")
    cache.put(first)
    entry = next(tmp_path.rglob("*.pkl"))
    target = cache._path(second.article)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(entry, target)  # a colliding or misplaced entry must not be trusted
    assert cache.get(second.article) is None


def test_cache_write_is_atomic(tmp_path, monkeypatch):
    cache = ExtractionCache(tmp_path, "0" * 16)
    extraction = small_extraction()
    cache.put(extraction)
    before = next(tmp_path.rglob("*.pkl")).read_bytes()

    def interrupted(obj, stream, protocol=None):
        stream.write(b"half an entry")
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.cache.pickle, "dump", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.put(extraction)
    assert next(tmp_path.rglob("*.pkl")).read_bytes() == before
    assert [p for p in tmp_path.rglob("*") if p.is_file() and p.name.startswith(".tmp-")] == []


def test_prune_removes_other_versions_and_stale_temp_files(tmp_path):
    import os
    import time

    old = ExtractionCache(tmp_path, "1" * 16)
    old.put(small_extraction())
    current = ExtractionCache(tmp_path, "2" * 16)
    current.put(small_extraction())
    (tmp_path / "notes").mkdir()  # not a version folder: left alone
    stale = current.folder / "ab" / ".tmp-dead.pkl"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"x")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    fresh = current.folder / "ab" / ".tmp-writing.pkl"
    fresh.write_bytes(b"x")
    current.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2" * 16, "notes"]
    assert not stale.exists() and fresh.exists()


def test_pipeline_version_changes_with_ontology_data(tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(Settings().ontology_dir, ontology)
    settings = Settings(ontology_dir=ontology)
    base = pipeline_version(settings)
    assert pipeline_version(settings) == base
    (ontology / "README.md").write_text("docs do not change extraction")
    (ontology / "kg.ttl").write_text("# nor does the OWL file")
    assert pipeline_version(settings) == base
    with (ontology / "gazetteer.jsonl").open("a") as handle:
        handle.write('{"id": "new-agency", "name": "New Agency", "type": "Agency", "aliases": []}\n')
    assert pipeline_version(settings) != base
    assert pipeline_version(Settings(model="another_model")) != pipeline_version(Settings())
    assert pipeline_version(Settings(), piece_chars=10) != pipeline_version(Settings())


def test_pipeline_version_changes_with_extraction_code(tmp_path, monkeypatch):
    package = tmp_path / "kg"
    shutil.copytree(kg.cache.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(kg.cache, "PACKAGE_DIR", package)
    base = pipeline_version()
    (package / "cli" / "build.py").write_text("# the command line does not change extraction\n")
    assert pipeline_version() == base
    with (package / "extract" / "relations.py").open("a") as handle:
        handle.write("\n# a tuned rule\n")
    assert pipeline_version() != base


@pytest.mark.model
def test_build_reuses_cache_and_extracts_only_new_articles(tmp_path, seeds_copy):
    cache = tmp_path / "cache"
    options = BuildOptions(cache_dir=cache)
    first = build([seeds_copy], tmp_path / "first", Settings(html=False), options=options)
    assert (first.extracted, first.cached) == (2, 0)
    again = build([seeds_copy], tmp_path / "again", Settings(html=False), options=options)
    assert (again.extracted, again.cached) == (0, 2)
    for name in OUTPUTS:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "again" / name).read_bytes()
    shutil.copy(ARTICLES / "frontex_aegean.txt", seeds_copy)
    grown = build([seeds_copy], tmp_path / "grown", Settings(html=False), options=options)
    assert (grown.extracted, grown.cached, grown.documents) == (1, 2, 3)
    fresh = build([seeds_copy], tmp_path / "fresh", Settings(html=False), options=BuildOptions())
    for name in OUTPUTS:  # the incremental build is the build from scratch
        assert (tmp_path / "grown" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()


@pytest.mark.model
def test_build_recomputes_a_corrupt_entry(tmp_path, seeds_copy):
    cache = tmp_path / "cache"
    options = BuildOptions(cache_dir=cache)
    build([seeds_copy], tmp_path / "first", Settings(html=False), options=options)
    entries = sorted(cache.rglob("*.pkl"))
    assert len(entries) == 2
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # cut short, as by a full disk
    again = build([seeds_copy], tmp_path / "again", Settings(html=False), options=options)
    assert (again.extracted, again.cached) == (1, 1)
    for name in OUTPUTS:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "again" / name).read_bytes()


@pytest.mark.model
def test_build_with_changed_gazetteer_extracts_again(tmp_path, seeds_copy):
    ontology = tmp_path / "ontology"
    shutil.copytree(Settings().ontology_dir, ontology)
    options = BuildOptions(cache_dir=tmp_path / "cache")
    build([seeds_copy], tmp_path / "first", Settings(html=False), options=options)
    with (ontology / "gazetteer.jsonl").open("a") as handle:
        handle.write('{"id": "sky-news-2", "name": "Sky Newsroom", "type": "Organisation", "aliases": []}\n')
    changed = build([seeds_copy], tmp_path / "changed", Settings(ontology_dir=ontology, html=False), options=options)
    assert (changed.extracted, changed.cached) == (2, 0)
    versions = [p.name for p in (tmp_path / "cache").iterdir() if p.is_dir()]
    assert versions == [pipeline_version(Settings(ontology_dir=ontology))]  # the stale version was pruned


def test_cache_write_failure_does_not_fail(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    cache = ExtractionCache(blocked, "0" * 16)
    cache.put(small_extraction())
    assert cache.write_error and cache.get(small_extraction().article) is None
