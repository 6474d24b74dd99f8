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
    object_preps: frozenset[str]  # prepositions introducing the object ("co-operated with X")
    direct_object: bool  # the verb's direct object is the object ("support X"); a passive subject too
    subject_types: frozenset[str]
    object_types: frozenset[str]
    confidence: float


_BODIES = frozenset({"Agency", "Organisation", "Country"})
_PLACES = frozenset({"Country", "Location", "Agency", "Organisation"})
_PEOPLE_AND_BODIES = frozenset({"Person", "Agency", "Organisation", "Country"})

CUE_RULES = (
    CueRule("cooperatesWith", "cooperation_verbs", "cooperation_nouns", frozenset({"with", "alongside"}), False,
            _BODIES, _BODIES, 0.8),
    # "support for Greece", "assistance to the RCMP"
    CueRule("supports", "support_verbs", "support_nouns", frozenset({"to", "for"}), True, _BODIES, _BODIES, 0.75),
    # "hit out at the Home Office"
    CueRule("criticises", "criticism_verbs", "criticism_nouns", frozenset({"at", "of"}), True,
            frozenset({"Person", "Agency", "Organisation"}), _PEOPLE_AND_BODIES, 0.8),
    # "NCA officers tipped off the Belgian police": passing on intelligence is working together
    CueRule("cooperatesWith", "informing_verbs", "informing_nouns", frozenset(), True, _BODIES, _BODIES, 0.7),
    # "embedded with the Bundespolizei": officers placed with another body
    CueRule("operatesIn", "presence_verbs", "presence_nouns", frozenset({"in", "to", "at", "on", "over", "across", "inside", "within", "with"}),
            False, frozenset({"Agency", "Organisation"}), _PLACES, 0.75),
)
