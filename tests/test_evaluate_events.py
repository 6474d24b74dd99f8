"""`kg eval` on events: the gold `events` key, matched on type plus agent, with counts, dates and places."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.config import Settings
from kg.errors import InputError
from kg.evaluate import format_text, load_gold, score
from kg.gazetteer import load_gazetteer
from kg.graph.build import build_graph
from kg.resolve.merge import resolve
from event_records import event_extractions

SHARED_SCORER = Path("/work/shared/eval/score.py")
ENTITIES = [
    {"id": "nca", "name": "National Crime Agency", "type": "Agency", "aliases": ["NCA"]},
    {"id": "europol", "name": "Europol", "type": "Agency"},
    {"id": "french_police", "name": "French police", "type": "Organisation"},
    {"id": "dutch_police", "name": "Dutch police", "type": "Organisation"},
    {"id": "folkestone", "name": "Folkestone", "type": "Location"},
    {"id": "calais", "name": "Calais", "type": "Location"},
    {"id": "rotterdam", "name": "Rotterdam", "type": "Location"},
    {"id": "france", "name": "France", "type": "Country"},
    {"id": "uk", "name": "United Kingdom", "type": "Country", "aliases": ["UK"]},
    {"id": "john_carter", "name": "John Carter", "type": "Person"},
]
EVENTS = [
    {"type": "Arrest", "agents": ["nca"], "places": ["folkestone"], "counts": [{"value": 6, "unit": "people"}],
     "date": "2024-03-03", "evidence": "arrested six people in Folkestone on Sunday"},
    # the graph's count is 40, its date only the year: a count found, a date missed
    {"type": "Seizure", "agents": ["french_police"], "places": ["calais"],
     "counts": [{"value": 40, "unit": "boats and engines", "qualifier": "more than"}], "date": "2024-02",
     "evidence": "seized more than 40 small boats"},
    {"type": "Operation", "agents": ["europol", "nca"], "name": "Operation Nautilus", "date": "2024-01",
     "evidence": "took part in Operation Nautilus"},
    # no agent: matched on its place
    {"type": "Conviction", "participants": ["john_carter"], "places": ["folkestone"],
     "counts": [{"value": 8, "unit": "years"}], "evidence": "jailed for eight years"},
    # the graph names no place for it: a place missed
    {"type": "Deployment", "agents": ["nca"], "places": ["uk"], "counts": [{"value": 100, "unit": "investigators", "qualifier": "up to"}],
     "evidence": "Up to 100 new investigators"},
    {"type": "Seizure", "agents": ["nca"], "counts": [{"value": 2.5, "unit": "kilograms"}], "date": "2024-02",
     "evidence": "2.5 kilograms of cocaine"},
    {"type": "Rescue", "agents": ["nca"], "evidence": "a rescue the graph does not have"},
    {"type": "Arrest", "agents": ["dutch_police"], "optional": True, "evidence": "arrested three men"},
]


@pytest.fixture(scope="module")
def graph():
    return build_graph(resolve(event_extractions(), load_gazetteer(Settings().ontology_dir)))


def gold(tmp_path: Path, events=EVENTS) -> Path:
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"doc": "dated.txt", "entities": ENTITIES, "relations": [], "quotes": [],
                                "events": events}), encoding="utf-8")
    return path


def test_events_are_scored_on_type_and_agent_with_their_attributes(graph, tmp_path):
    scores = score(graph, [load_gold(gold(tmp_path))]).events
    # 6 of 7 required found; the optional Dutch arrest is neither; the Agreement of the graph is spurious
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (6, 1, 1)
    assert (scores.counts.found, scores.counts.total) == (5, 5)
    assert (scores.dates.found, scores.dates.total) == (3, 4)  # "last week" resolved only to 2024
    assert (scores.places.found, scores.places.total) == (3, 4)
    assert scores.missed == ["Rescue: a rescue the graph does not have"]
    assert [s.split(":")[0] for s in scores.spurious] == ["Agreement"]


def test_events_agree_with_the_shared_scorer(graph, tmp_path):
    if not SHARED_SCORER.is_file():
        pytest.skip("the shared scorer is not on this machine")
    graph_file = tmp_path / "graph.ttl"
    graph.serialize(graph_file, format="turtle")
    shared = json.loads(subprocess.run([sys.executable, str(SHARED_SCORER), str(graph_file), str(gold(tmp_path)),
                                        "--json"], capture_output=True, text=True, check=True).stdout)
    ours = score(graph, [load_gold(gold(tmp_path))]).to_dict()["events"]
    assert {k: shared["events"][k] for k in ("tp", "fp", "fn")} == {k: ours["events"][k] for k in ("tp", "fp", "fn")}
    assert shared["event_counts_correct"] == round(ours["counts_correct"], 3)
    assert shared["event_dates_correct"] == round(ours["dates_correct"], 3)
    assert shared["event_places_correct"] == round(ours["places_correct"], 3)


def test_events_are_not_scored_without_the_key(graph, tmp_path):
    path = tmp_path / "plain.json"
    path.write_text(json.dumps({"entities": ENTITIES, "relations": [], "quotes": []}), encoding="utf-8")
    scores = score(graph, [load_gold(path)])
    assert scores.events is None and "events" not in scores.to_dict()
    assert "events" not in format_text(scores)


def test_report_shows_events_and_attributes(graph, tmp_path):
    text = format_text(score(graph, [load_gold(gold(tmp_path))]))
    assert "events" in text and "counts 5/5 (1.000), dates 3/4 (0.750), places 3/4 (0.750)" in text


@pytest.mark.parametrize(("event", "message"), [
    ({"type": "Party", "agents": ["nca"]}, '"type" must be one of'),
    ({"type": "Arrest", "agents": ["nobody"]}, 'undeclared entity id "nobody"'),
    ({"type": "Arrest", "counts": [{"value": "six", "unit": "people"}]}, 'numeric "value"'),
    ({"type": "Arrest", "date": "3 March 2024"}, "ISO 8601"),
])
def test_bad_gold_events_are_refused(tmp_path, event, message):
    with pytest.raises(InputError, match=message):
        load_gold(gold(tmp_path, [event]))
