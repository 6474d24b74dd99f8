"""Gold annotation files: loading, checking, and their union over several articles."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.evaluate.events import gold_event_problem
from kg.evaluate.metrics import (
    DEFAULT_RELATION_TYPES,
    ENTITY_TYPES,
    RELATION_TYPES,
    SYMMETRIC_RELATIONS,
    Triple,
    normalise,
)

_REQUIRED_KEYS = {
    "entities": ("id", "name", "type"),
    "relations": ("s", "p", "o"),
    "quotes": ("speaker", "starts"),
}


def load_gold(path: Path) -> dict[str, Any]:
    """Read and check one gold JSON file.

    Raises:
        InputError: missing or unreadable file, bad JSON, a missing key, an
            unknown type or relation, a relation of a type the file does not
            declare in "relation_types", or a reference to an undeclared entity id.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such gold file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: bad JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    problem = _gold_problem(data)
    if problem:
        raise InputError(f"{path}: {problem}")
    return data


def _gold_problem(data: Any) -> str | None:
    """The first thing wrong with parsed gold data, or None."""
    if not isinstance(data, dict):
        return "a gold file must hold a JSON object"
    for section, keys in _REQUIRED_KEYS.items():
        if not isinstance(data.get(section), list):
            return f'missing or non-list key "{section}"'
        for i, item in enumerate(data[section]):
            if not isinstance(item, dict):
                return f"{section}[{i}] is not an object"
            for key in keys:
                if not isinstance(item.get(key), str) or not normalise(item[key]):
                    return f'{section}[{i}] has no usable "{key}" (a non-empty string)'
            if not isinstance(item.get("optional", False), bool):
                return f'{section}[{i}]: "optional" must be true or false'
    ids = set()
    for i, entity in enumerate(data["entities"]):
        if entity["type"] not in ENTITY_TYPES:
            return f'entities[{i}]: type "{entity["type"]}" is invalid; must be one of {", ".join(ENTITY_TYPES)}'
        aliases = entity.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            return f'entities[{i}]: "aliases" must be a list of strings'
        if entity["id"].startswith("?"):
            return f'entities[{i}]: id "{entity["id"]}" must not start with "?"'
        ids.add(entity["id"])
    types = data.get("relation_types", DEFAULT_RELATION_TYPES)
    if not isinstance(types, list | tuple) or not all(isinstance(t, str) for t in types):
        return '"relation_types" must be a list of strings'
    for name in types:
        if name not in RELATION_TYPES:
            return f'relation_types: "{name}" is invalid; must be one of {", ".join(RELATION_TYPES)}'
    for i, rel in enumerate(data["relations"]):
        if rel["p"] not in RELATION_TYPES:
            return f'relations[{i}]: "{rel["p"]}" is invalid; must be one of {", ".join(RELATION_TYPES)}'
        if rel["p"] not in types:
            # it would be scored only if another file declared the type: say so rather than guess
            return (f'relations[{i}]: "{rel["p"]}" is not a type this file annotates ({", ".join(types)});'
                    ' list it under "relation_types"')
        ends = (rel["s"],) if rel["p"] == "holdsPosition" else (rel["s"], rel["o"])
        for end in ends:
            if end not in ids:
                return f'relations[{i}] refers to undeclared entity id "{end}"'
    for i, quote in enumerate(data["quotes"]):
        if quote["speaker"] not in ids:
            return f'quotes[{i}] refers to undeclared entity id "{quote["speaker"]}"'
    return gold_event_problem(data, ids)


def collect_gold_files(paths: Iterable[Path]) -> list[Path]:
    """Gold files from files and folders (a folder gives its `*.json`, sorted).

    Raises:
        InputError: a path that does not exist, or a folder without JSON files.
    """
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob("*.json"))
            if not found:
                raise InputError(f"{path}: folder holds no .json gold files")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such gold file or folder")
    return files


@dataclass(frozen=True)
class GoldEntity:
    id: str
    type: str
    canonical: str            # normalised name
    names: frozenset[str]     # normalised name and aliases
    optional: bool


@dataclass(frozen=True)
class GoldQuote:
    speaker: str
    starts: str               # as written
    optional: bool


@dataclass
class Gold:
    """The union of several gold files, as if they described one text."""

    entities: dict[str, GoldEntity]  # in file order: name ties go to the first
    relations: set[Triple]
    optional_relations: set[Triple]
    quotes: list[GoldQuote]
    relation_types: frozenset[str]   # scored: the union of the files' "relation_types"
    events: list[dict[str, Any]] | None = None  # None when no file has the "events" key: events are not scored


def relation_key(s: str, p: str, o: str) -> Triple:
    if p in SYMMETRIC_RELATIONS:
        s, o = sorted((s, o))
    return (s, p, o)


def union_gold(golds: Iterable[Mapping[str, Any]]) -> Gold:
    """Merge files: an entity is optional only if every file says so; its type and name come from the first.

    A relation type is scored when any file declares it: the files are taken as one text, as in
    the shared scorer, so a type one article annotates completely is judged over the whole graph.
    """
    first: dict[str, Mapping[str, Any]] = {}
    names: dict[str, set[str]] = defaultdict(set)
    optional: dict[str, bool] = {}
    relations: set[Triple] = set()
    optional_relations: set[Triple] = set()
    quotes: list[GoldQuote] = []
    relation_types: set[str] = set()
    golds = list(golds)
    events = [e for gold in golds for e in gold.get("events", [])] if any("events" in g for g in golds) else None
    for gold in golds:
        relation_types.update(gold.get("relation_types", DEFAULT_RELATION_TYPES))
        for entity in gold["entities"]:
            gid = entity["id"]
            first.setdefault(gid, entity)
            names[gid] |= {normalise(n) for n in [entity["name"], *entity.get("aliases", [])]}
            optional[gid] = optional.get(gid, True) and bool(entity.get("optional", False))
        for rel in gold.get("relations", []):
            o = normalise(rel["o"]) if rel["p"] == "holdsPosition" else rel["o"]
            key = relation_key(rel["s"], rel["p"], o)
            (optional_relations if rel.get("optional") else relations).add(key)
        quotes += [GoldQuote(q["speaker"], q["starts"], bool(q.get("optional"))) for q in gold.get("quotes", [])]
    entities = {gid: GoldEntity(gid, e["type"], normalise(e["name"]), frozenset(names[gid]), optional[gid])
                for gid, e in first.items()}
    return Gold(entities, relations, optional_relations, quotes, frozenset(relation_types), events)


# --- graph ------------------------------------------------------------------
