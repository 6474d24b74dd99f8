"""Turn the curated data into EntityRuler and PhraseMatcher patterns.

Each ruler pattern carries an `id`, which comes back as `ent.ent_id_`, so the
curated identity is attached at match time and resolve trusts it.
"""

from kg.gazetteer import Gazetteer


def name_patterns(gazetteer: Gazetteer) -> list[dict]:
    """EntityRuler phrase patterns for every curated name and alias."""
    return [{"label": entry.type, "pattern": form, "id": entry.key}
            for entry in sorted(gazetteer.entries.values(), key=lambda e: e.key)
            for form in sorted({entry.name, *entry.aliases, *map(_capitalised, entry.aliases),
                                *(_shouted(entry.name, *entry.aliases) if entry.type in _BODIES else ())})]


_BODIES = frozenset({"Agency", "Organisation"})


def _shouted(*forms: str) -> set[str]:
    """ "EUROPOL", "FRONTEX": a body's one-word name some outlets and releases write in capitals (five letters or
    more; not places, whose capitals in a dateline may be part of a longer name: "MEXICO CITY (AP)")."""
    return {form.upper() for form in forms if form.isalpha() and len(form) >= 5 and not form.isupper()}


def _capitalised(alias: str) -> str:
    """ "Greek police" is also written "Greek Police": an alias that starts with a capital may capitalise its other words."""
    if not alias[:1].isupper():
        return alias
    return " ".join(w[:1].upper() + w[1:] if w.isalpha() and w.islower() and len(w) > 3 else w for w in alias.split(" "))


def demonym_config(gazetteer: Gazetteer) -> dict:
    """The `kg_demonyms` component's configuration: demonyms, authority nouns and modifiers."""
    entries = gazetteer.entries
    return {
        "demonyms": {d: [key, entries[key].type] for d, key in sorted(gazetteer.demonym_keys.items())},
        "nouns": sorted(gazetteer.words("authority_nouns")),
        "modifiers": sorted(gazetteer.words("authority_modifiers")),
    }
