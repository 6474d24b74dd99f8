"""Turn the curated data into EntityRuler and PhraseMatcher patterns.

Each ruler pattern carries an `id`, which comes back as `ent.ent_id_`, so the
curated identity is attached at match time and resolve trusts it.
"""

from kg.gazetteer import Gazetteer

# Modifiers that may stand between a demonym and an authority noun:
# "Spanish national police", "Bulgarian border police".
_AUTHORITY_MODIFIERS = ["national", "federal", "local", "state", "border", "regional", "interior", "foreign", "security"]


def _authority_pattern(demonym: str, noun: str) -> list[dict]:
    words = noun.split()
    return ([{"ORTH": demonym}, {"LOWER": {"IN": _AUTHORITY_MODIFIERS}, "OP": "*"}]
            + [{"LOWER": w} for w in words])


def name_patterns(gazetteer: Gazetteer) -> list[dict]:
    """EntityRuler phrase patterns for every curated name and alias."""
    return [{"label": entry.type, "pattern": form, "id": entry.key}
            for entry in sorted(gazetteer.entries.values(), key=lambda e: e.key)
            for form in sorted({entry.name, *entry.aliases})]


def demonym_patterns(gazetteer: Gazetteer) -> list[dict]:
    """Demonym + authority noun: "Bulgarian authorities" is a mention of Bulgaria.

    A bare "Bulgarian" is not (it may describe a person or a lorry). These
    run in a second ruler after the names, so a curated body ("Hellenic
    Coast Guard", "German Federal Police") keeps its own identity.
    """
    authority_nouns = sorted(gazetteer.words("authority_nouns"))
    patterns = []
    for entry in sorted(gazetteer.entries.values(), key=lambda e: e.key):
        for demonym in entry.demonyms:
            for noun in authority_nouns:
                patterns.append({"label": entry.type, "pattern": _authority_pattern(demonym, noun), "id": entry.key})
    return patterns
