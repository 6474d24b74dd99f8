"""Which cue words signal which relation, and what each end may be.

The word lists live in ontology/lexicon.json; this table says how the rules
read them. Reviewable in a diff: a new relation type is one new row.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CueRule:
    predicate: str
    verbs: str  # lexicon list of trigger verb lemmas
    nouns: str  # lexicon list of trigger nouns
    object_preps: frozenset[str]  # prepositions introducing the object; empty: direct object
    subject_types: frozenset[str]
    object_types: frozenset[str]
    confidence: float


_BODIES = frozenset({"Agency", "Organisation", "Country"})
_PLACES = frozenset({"Country", "Location", "Agency", "Organisation"})

CUE_RULES = (
    CueRule("cooperatesWith", "cooperation_verbs", "cooperation_nouns", frozenset({"with", "alongside"}),
            _BODIES, _BODIES | {"Location"}, 0.8),
    CueRule("supports", "support_verbs", "support_nouns", frozenset(), _BODIES, _BODIES, 0.75),
    CueRule("criticises", "criticism_verbs", "criticism_nouns", frozenset(),
            frozenset({"Person", "Agency", "Organisation"}), frozenset({"Person", "Agency", "Organisation", "Country"}), 0.8),
    CueRule("operatesIn", "presence_verbs", "presence_nouns", frozenset({"in", "to", "at", "on", "across", "inside", "within"}),
            frozenset({"Agency", "Organisation"}), _PLACES, 0.75),
)
