"""Events against the gold `events` key (tests/data/README.md): matched on type plus a shared agent.

As the shared scorer reads any graph: an event is a node typed with a class
whose local name is an event type (`ontology/event_types.tsv`) or a subclass
of one; its agents and places are the entities it points to through
properties named like `agent` / `place`; its numbers and dates are the
literals within two steps of it, offsets and confidences excepted. A gold
event matches an unused graph event of its type that shares an agent (or a
place, when the gold names no agent; any, when it names neither), the one
with most of its counts and date among them. Over the matched required
events, the share of gold counts, dates and places found on them is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.term import Node

from kg.event_types import event_types
from kg.evaluate.metrics import PRF, local_name

_AGENT_PROPERTIES = frozenset({"agent", "agents", "actor", "performedby", "conductedby", "carriedoutby", "ledby", "by",
                               "party", "parties"})
_PLACE_PROPERTIES = frozenset({"place", "places", "location", "atplace", "where", "inplace", "eventlocation"})
_NOT_NUMBERS = frozenset({"startchar", "endchar", "start", "end", "offset", "begin", "confidence", "charstart",
                          "charend"})
_ISO_DATE = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")


@dataclass(frozen=True)
class GraphEvent:
    node: Node
    type: str
    agents: frozenset[str]   # gold ids of the entities it points to
    places: frozenset[str]
    numbers: frozenset[float]
    dates: frozenset[str]


@dataclass
class Share:
    """Found of total: the gold attributes of matched events that the graph has on them."""

    found: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.found / self.total if self.total else None


@dataclass
class EventScores:
    events: PRF = field(default_factory=PRF)
    counts: Share = field(default_factory=Share)
    dates: Share = field(default_factory=Share)
    places: Share = field(default_factory=Share)
    missed: list[str] = field(default_factory=list)    # "Type: evidence" of gold events not found
    spurious: list[str] = field(default_factory=list)  # "Type: node" of graph events matching no gold event

    def to_dict(self) -> dict[str, Any]:
        return {"events": self.events.to_dict(), "counts_correct": self.counts.value,
                "dates_correct": self.dates.value, "places_correct": self.places.value,
                "missed_events": list(self.missed), "spurious_events": list(self.spurious)}


def _event_classes(graph: Graph) -> dict[Node, str]:
    """Class -> event type, by local name, following rdfs:subClassOf."""
    names = {name.lower(): name for name in event_types()}
    mapping = {}
    for cls in set(graph.objects(None, RDF.type)) | set(graph.subjects(RDFS.subClassOf, None)):
        seen, todo = set(), [cls]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            if local_name(current) in names:
                mapping[cls] = names[local_name(current)]
                break
            todo.extend(graph.objects(current, RDFS.subClassOf))
    return mapping


def _near_literals(graph: Graph, node: Node, hops: int = 2) -> list[Literal]:
    found, frontier, seen = [], [node], {node}
    for _ in range(hops):
        following = []
        for current in frontier:
            for p, o in graph.predicate_objects(current):
                if local_name(p) in _NOT_NUMBERS:
                    continue
                if isinstance(o, Literal):
                    found.append(o)
                elif o not in seen:
                    seen.add(o)
                    following.append(o)
        frontier = following
    return found


def _number(literal: Literal) -> float | None:
    try:
        return float(str(literal).replace(",", ""))
    except ValueError:
        return None


def graph_events(graph: Graph, matches: dict[Node, str | None]) -> list[GraphEvent]:
    """Every event node of `graph`, its entities as gold ids (`matches`: node -> gold id)."""
    classes = _event_classes(graph)
    events = []
    for node, _, cls in sorted(graph.triples((None, RDF.type, None))):
        if cls not in classes:
            continue
        linked = [(local_name(p), matches.get(o)) for p, o in graph.predicate_objects(node)]
        literals = _near_literals(graph, node)
        events.append(GraphEvent(
            node, classes[cls],
            frozenset(g for p, g in linked if g and p in _AGENT_PROPERTIES),
            frozenset(g for p, g in linked if g and p in _PLACE_PROPERTIES),
            frozenset(n for n in map(_number, literals) if n is not None),
            frozenset(str(x) for x in literals if _ISO_DATE.fullmatch(str(x)[:10].rstrip("-")))))
    return events


def _fits(gold: dict[str, Any], event: GraphEvent) -> bool:
    if event.type != gold["type"]:
        return False
    if gold.get("agents"):
        return bool(set(gold["agents"]) & event.agents)
    if gold.get("places"):
        return bool(set(gold["places"]) & event.places)
    return True


def _date_found(gold: dict[str, Any], event: GraphEvent) -> bool:
    return bool(gold.get("date")) and any(d.startswith(gold["date"]) for d in event.dates)


def _attribute_hits(gold: dict[str, Any], event: GraphEvent) -> int:
    return sum(float(c["value"]) in event.numbers for c in gold.get("counts", [])) + _date_found(gold, event)


def score_events(graph: Graph, matches: dict[Node, str | None], gold_events: list[dict[str, Any]]) -> EventScores:
    """Event P/R/F1 and the attribute shares, as the shared scorer (tests/data/README.md) computes them."""
    events = graph_events(graph, matches)
    scores, used = EventScores(), set()
    required = [g for g in gold_events if not g.get("optional")]
    for gold in sorted(gold_events, key=lambda g: bool(g.get("optional"))):
        candidates = [i for i, event in enumerate(events) if i not in used and _fits(gold, event)]
        if not candidates:
            if not gold.get("optional"):
                scores.missed.append(f'{gold["type"]}: {gold.get("evidence", "")}')
            continue
        best = max(candidates, key=lambda i: _attribute_hits(gold, events[i]))
        used.add(best)
        if gold.get("optional"):
            continue
        event = events[best]
        scores.events.tp += 1
        for count in gold.get("counts", []):
            scores.counts.found += float(count["value"]) in event.numbers
            scores.counts.total += 1
        if gold.get("date"):
            scores.dates.found += _date_found(gold, event)
            scores.dates.total += 1
        if gold.get("places"):
            scores.places.found += bool(set(gold["places"]) & event.places)
            scores.places.total += 1
    scores.events.fp = len(events) - len(used)
    scores.events.fn = len(required) - scores.events.tp
    scores.spurious = sorted(f"{e.type}: {e.node}" for i, e in enumerate(events) if i not in used)
    return scores


def gold_event_problem(data: dict[str, Any], ids: set[str]) -> str | None:
    """The first thing wrong with a gold file's `events`, or None (none when the key is absent)."""
    if "events" not in data:
        return None
    if not isinstance(data["events"], list):
        return '"events" must be a list'
    types = event_types()
    for i, event in enumerate(data["events"]):
        if not isinstance(event, dict) or event.get("type") not in types:
            return f'events[{i}]: "type" must be one of {", ".join(types)}'
        for key in ("agents", "places", "participants"):
            for gid in event.get(key, []):
                if gid not in ids:
                    return f'events[{i}] refers to undeclared entity id "{gid}" in "{key}"'
        for count in event.get("counts", []):
            if not isinstance(count, dict) or not isinstance(count.get("value"), int | float) \
                    or not isinstance(count.get("unit"), str):
                return f'events[{i}]: each count needs a numeric "value" and a "unit"'
        if "date" in event and not (isinstance(event["date"], str) and _ISO_DATE.fullmatch(event["date"])):
            return f'events[{i}]: "date" must be ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD'
        if not isinstance(event.get("optional", False), bool):
            return f'events[{i}]: "optional" must be true or false'
    return None
