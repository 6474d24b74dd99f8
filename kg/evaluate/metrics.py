"""Precision, recall and F1 over sets of keys, and the scores of one evaluation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib.term import Node

ENTITY_TYPES = ("Person", "Agency", "Organisation", "Country", "Location")
# Not kg:inCountry: that is the GeoNames gazetteer's link of a town to its country, while gold annotates
# locatedIn only where the text states it; scoring reads only these names, so inCountry triples are
# neither hits nor errors (not mapped to locatedIn either).
RELATION_TYPES = ("basedIn", "cooperatesWith", "criticises", "holdsPosition", "locatedIn", "memberOf", "operatesIn",
                  "supports")
# The types a gold file annotates completely when it has no "relation_types" of its own. basedIn and
# locatedIn came later and older files do not annotate them, so a graph's seats and containments
# count, as hits or as errors, only where some gold file declares that it annotates them.
DEFAULT_RELATION_TYPES = ("cooperatesWith", "criticises", "holdsPosition", "memberOf", "operatesIn", "supports")
SYMMETRIC_RELATIONS = frozenset({"cooperatesWith"})


REPORT_DIGITS = 3  # decimals shown and compared against floors

Triple = tuple[str, str, str]


def local_name(term: Node | str) -> str:
    """The last segment of an IRI after `#`, `/` or `:`, lower case: `kg:Agency` -> "agency"."""
    return re.split(r"[#/:]", str(term))[-1].lower()


def normalise(text: str) -> str:
    """Fold a name or text for comparison: "The Home Secretary's" -> "home secretary".

    Lower case, no possessive `'s`, punctuation as spaces, single spaces, no
    leading article.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^(the|a|an) ", "", text)


@dataclass
class PRF:
    """Precision, recall and F1 from true positive, false positive and false negative counts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def score_set(self, candidates: Iterable[Hashable], gold: Iterable[Hashable],
                  optional: Iterable[Hashable] = ()) -> None:
        """Add the counts of one candidate set against a gold set.

        A candidate that is only `optional` counts neither as a hit nor as an error.
        """
        gold = set(gold)
        candidates = set(candidates) - (set(optional) - gold)
        self.tp += len(candidates & gold)
        self.fp += len(candidates - gold)
        self.fn += len(gold - candidates)

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"p": round(self.p, REPORT_DIGITS), "r": round(self.r, REPORT_DIGITS),
                "f": round(self.f, REPORT_DIGITS), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Scores:
    """What `score` finds: the PRF of each task, then the items behind the errors."""

    entities: PRF
    entities_typed: PRF
    relations: PRF
    quotes: PRF
    relations_by_type: dict[str, PRF]  # the scored types only (see Gold.relation_types)
    missed_entities: list[str] = field(default_factory=list)           # gold ids
    spurious_entities: list[str] = field(default_factory=list)         # node labels
    mistyped_entities: list[tuple[str, str, str]] = field(default_factory=list)  # (gold id, gold type, graph type)
    split_entities: dict[str, list[str]] = field(default_factory=dict)  # gold id -> its node IRIs
    missed_relations: list[Triple] = field(default_factory=list)
    spurious_relations: list[Triple] = field(default_factory=list)
    relations_to_unknown_nodes: int = 0  # relation triples whose object is not an entity node
    missed_quotes: list[tuple[str, str]] = field(default_factory=list)    # (speaker id, starts)
    spurious_quotes: list[tuple[str, str]] = field(default_factory=list)  # (speaker, first 60 chars)
    events: Any = None  # kg.evaluate.events.EventScores, when a gold file has the "events" key

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: PRFs as dicts, tuples as lists."""
        return {
            "entities": self.entities.to_dict(),
            "entities_typed": self.entities_typed.to_dict(),
            "relations": self.relations.to_dict(),
            "relations_by_type": {name: prf.to_dict() for name, prf in self.relations_by_type.items()},
            "quotes": self.quotes.to_dict(),
            "missed_entities": list(self.missed_entities),
            "spurious_entities": list(self.spurious_entities),
            "mistyped_entities": [list(item) for item in self.mistyped_entities],
            "split_entities": {gid: list(nodes) for gid, nodes in self.split_entities.items()},
            "missed_relations": [list(item) for item in self.missed_relations],
            "spurious_relations": [list(item) for item in self.spurious_relations],
            "relations_to_unknown_nodes": self.relations_to_unknown_nodes,
            "missed_quotes": [list(item) for item in self.missed_quotes],
            "spurious_quotes": [list(item) for item in self.spurious_quotes],
            **({"events": self.events.to_dict()} if self.events is not None else {}),
        }


# --- gold -------------------------------------------------------------------
