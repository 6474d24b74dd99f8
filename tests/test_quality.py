"""Extraction quality against the gold annotations: floors that must not silently regress.

The seeds carry the floors of the issue tracker; the fixture articles in
tests/data/articles (other outlets, other countries' bodies) stand in for
unseen text. Floors sit a little below today's scores so a real regression
fails while a harmless change of one item does not.
"""

import json

import pytest

from kg.builder import build
from kg.config import REPO_ROOT, Settings
from kg.evaluate import score
from kg.query import load_graph

pytestmark = pytest.mark.model
GOLD = REPO_ROOT / "tests" / "data" / "gold"
ARTICLES = REPO_ROOT / "tests" / "data" / "articles"
SEED_GOLD = sorted(GOLD.glob("0*.json"))
FIXTURE_GOLD = sorted(p for p in GOLD.glob("*.json") if p not in SEED_GOLD)


def scores_for(build_dir, gold_files):
    return score(load_graph(build_dir / "graph.ttl"), [json.loads(p.read_text()) for p in gold_files])


@pytest.fixture(scope="module")
def fixtures_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("fixtures-build")
    build([ARTICLES], out, Settings(html=False))
    return out


def test_quality_seed_floors(seeds_build):
    scores = scores_for(seeds_build[0], SEED_GOLD)
    assert scores.entities_typed.f >= 0.95, scores.missed_entities  # the issue tracker's bars
    assert scores.relations.f >= 0.85, scores.missed_relations
    assert scores.quotes.f >= 0.90
    assert min(scores.entities_typed.f, scores.relations.f, scores.quotes.f) == 1.0  # today's build
    assert scores.split_entities == {}
    assert scores.spurious_entities == []  # nothing from page furniture or elsewhere


def test_quality_fixture_articles_floors(fixtures_build):
    scores = scores_for(fixtures_build, FIXTURE_GOLD)
    assert scores.entities_typed.f >= 0.94, (scores.missed_entities, scores.spurious_entities)
    assert scores.relations.f >= 0.82, scores.missed_relations
    assert scores.relations.p >= 0.95, scores.spurious_relations
    assert scores.quotes.f >= 0.93
    assert scores.split_entities == {}
