"""Turn the curated data into EntityRuler and PhraseMatcher patterns.

Each ruler pattern carries an `id`, which comes back as `ent.ent_id_`, so the
curated identity is attached at match time and resolve trusts it.
"""

from kg.gazetteer import Gazetteer

# Modifiers that may stand between a demonym and an authority noun:
# "Spanish national police", "Bulgarian border police".
AUTHORITY_MODIFIERS = ["national", "federal", "local", "state", "border", "regional", "interior", "foreign", "security"]


def name_patterns(gazetteer: Gazetteer) -> list[dict]:
    """EntityRuler phrase patterns for every curated name and alias."""
    return [{"label": entry.type, "pattern": form, "id": entry.key}
            for entry in sorted(gazetteer.entries.values(), key=lambda e: e.key)
            for form in sorted({entry.name, *entry.aliases})]


def demonym_config(gazetteer: Gazetteer) -> dict:
    """The `kg_demonyms` component's configuration: demonyms, authority nouns and modifiers."""
    entries = gazetteer.entries
    return {
        "demonyms": {d: [key, entries[key].type] for d, key in sorted(gazetteer.demonym_keys.items())},
        "nouns": sorted(gazetteer.words("authority_nouns")),
        "modifiers": AUTHORITY_MODIFIERS,
    }
