"""Shared fixtures: the real pipeline (loaded once), the seeds' build, temp output folders."""

import shutil
from pathlib import Path

import pytest

from kg.config import REPO_ROOT, Settings
from kg.ingest.clean import clean
from kg.records import Article

SEEDS = REPO_ROOT / "seeds"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def gazetteer():
    from kg.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract_text(nlp, gazetteer):
    """Run the whole extraction on a snippet of text: text -> Extraction."""
    from kg.extract.article import extract_article

    def run(text: str, doc_id: str = "snippet"):
        article = Article(doc_id, f"{doc_id}.txt", doc_id, text, clean(text))
        return extract_article(nlp(article.clean_text), article, gazetteer)

    return run


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The seeds built once into a temp folder: (output folder, summary)."""
    from kg.builder import build

    out = tmp_path_factory.mktemp("seeds-build")
    summary = build([SEEDS], out, Settings())
    return out, summary


@pytest.fixture(scope="session")
def seeds_graph(seeds_build):
    from rdflib import Graph

    graph = Graph()
    graph.parse(seeds_build[0] / "graph.ttl")
    return graph


@pytest.fixture
def seeds_copy(tmp_path):
    """A private copy of the seed articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
