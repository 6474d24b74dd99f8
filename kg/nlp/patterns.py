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


def ruler_patterns(gazetteer: Gazetteer) -> list[dict]:
    """EntityRuler patterns: names and aliases, plus demonym + authority forms.

    "Bulgarian authorities" is a mention of Bulgaria; a bare "Bulgarian" is
    not (it may describe a person or a lorry), so demonyms only match
    before an authority noun.
    """
    authority_nouns = sorted(gazetteer.words("authority_nouns"))
    patterns = []
    for entry in sorted(gazetteer.entries.values(), key=lambda e: e.key):
        for form in sorted({entry.name, *entry.aliases}):
            patterns.append({"label": entry.type, "pattern": form, "id": entry.key})
        for demonym in entry.demonyms:
            for noun in authority_nouns:
                patterns.append({"label": entry.type, "pattern": _authority_pattern(demonym, noun), "id": entry.key})
    return patterns


def demonym_index(gazetteer: Gazetteer) -> dict[str, str]:
    """Demonym (as written) to entry key, for forms the ruler did not catch."""
    index: dict[str, str] = {}
    for entry in sorted(gazetteer.entries.values(), key=lambda e: e.key):
        for demonym in entry.demonyms:
            index.setdefault(demonym, entry.key)
    return index
