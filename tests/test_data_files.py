"""Validate the curated data files in ontology/ (see ontology/README.md).

The loaders at the top are deliberately tiny; they read the files exactly as
the EntityRuler and the resolver are expected to read them.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
GAZETTEER = ONTOLOGY / "gazetteer.jsonl"
COUNTRIES = ONTOLOGY / "countries.tsv"
REGIONS = ONTOLOGY / "regions.tsv"
POSITIONS = ONTOLOGY / "positions.txt"

KEYS = ["id", "name", "type", "aliases", "country"]
TYPES = {"Agency", "Organisation", "Location"}
# Kosovo: a user-assigned code, used by the EU and most news data, absent from ISO 3166-1.
EXTRA_CODES = {"XK"}
# Demonyms that genuinely belong to two countries; a resolver needs context for these.
SHARED_DEMONYMS = {
    "congolese": {"CD", "CG"},
    "dominican": {"DM", "DO"},
    "dominicans": {"DM", "DO"},
}
# All-lower-case one-word aliases are allowed only when they are brand names
# that are not English words (the rule: no lower-case ordinary words).
# lower-case names as written in running text: brands, and "gardaí", the Irish police as Irish papers write them
LOWERCASE_BRANDS = {"fedpol", "dpa", "gardaí", "gardai"}


# ---------------------------------------------------------------- loaders


def slug(text: str) -> str:
    """NFKD-fold to ASCII, lower case, runs of non-alphanumerics -> '-', strip '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def load_gazetteer() -> list[dict]:
    lines = GAZETTEER.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _read_tsv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def _split(field: str) -> list[str]:
    return [part for part in field.split("|")] if field else []


def load_countries() -> dict[str, dict[str, list[str]]]:
    _, rows = _read_tsv(COUNTRIES)
    return {r[0]: {"aliases": _split(r[1]), "demonyms": _split(r[2])} for r in rows}


def load_regions() -> dict[str, list[str]]:
    _, rows = _read_tsv(REGIONS)
    return {r[0]: _split(r[1]) for r in rows}


def load_positions() -> list[str]:
    lines = POSITIONS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith("#")]


def pycountry_forms(country) -> set[str]:
    return {
        getattr(country, attr)
        for attr in ("name", "common_name", "official_name")
        if getattr(country, attr, None)
    }


def valid_code(code: str) -> bool:
    return code in EXTRA_CODES or pycountry.countries.get(alpha_2=code) is not None


# ---------------------------------------------------------------- gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> list[dict]:
    return load_gazetteer()


def test_gazetteer_lines_parse_with_exact_keys():
    lines = GAZETTEER.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 300
    for n, line in enumerate(lines, 1):
        assert line.strip(), f"blank line {n}"
        entry = json.loads(line)
        assert isinstance(entry, dict), f"line {n}"
        assert list(entry) == KEYS, f"line {n}: keys {list(entry)}"


def test_gazetteer_field_types(gazetteer):
    for e in gazetteer:
        assert isinstance(e["name"], str) and e["name"] == e["name"].strip() and e["name"], e
        assert e["type"] in TYPES, e
        assert isinstance(e["aliases"], list), e
        assert e["country"] is None or (isinstance(e["country"], str) and valid_code(e["country"])), e


def test_gazetteer_ids_are_unique_slugs(gazetteer):
    ids = [e["id"] for e in gazetteer]
    assert len(ids) == len(set(ids))
    for e in gazetteer:
        assert e["id"] == slug(e["name"]), e


def test_gazetteer_sorted_by_id(gazetteer):
    ids = [e["id"] for e in gazetteer]
    assert ids == sorted(ids)


def test_gazetteer_alias_form(gazetteer):
    for e in gazetteer:
        aliases = e["aliases"]
        assert len(aliases) == len(set(aliases)), f"duplicate alias in {e['id']}"
        for alias in aliases:
            assert isinstance(alias, str) and alias and alias == alias.strip(), e
            assert "  " not in alias, e
            assert alias != e["name"], f"{e['id']}: alias repeats the name"
            assert not alias.lower().startswith("the "), f"{e['id']}: {alias!r} has a 'the' prefix"
            if alias == alias.lower() and " " not in alias and alias.isalpha():
                assert alias in LOWERCASE_BRANDS, f"{e['id']}: lower-case word alias {alias!r}"


def test_an_alias_shared_between_entries_is_told_apart_by_their_countries(gazetteer):
    """Extraction picks among entries sharing an alias by the country the article names ("AFP": the French news
    agency or the Australian Federal Police), so entries sharing one must be of different countries."""
    owners: dict[str, set[str]] = defaultdict(set)
    homes = {e["id"]: e.get("country") for e in gazetteer}
    for e in gazetteer:
        for alias in e["aliases"]:
            owners[alias.casefold()].add(e["id"])
    clashes = {a: sorted(ids) for a, ids in owners.items()
               if len(ids) > 1 and (None in {homes[i] for i in ids} or len({homes[i] for i in ids}) < len(ids))}
    for alias, ids in sorted(clashes.items()):
        print(f"alias clash: {alias!r} -> {ids}")
    assert not clashes


def test_no_alias_equals_another_entrys_name(gazetteer):
    names: dict[str, str] = {}
    for e in gazetteer:
        key = e["name"].casefold()
        assert key not in names, f"names clash: {e['id']} and {names[key]}"
        names[key] = e["id"]
    bad = []
    for e in gazetteer:
        for alias in e["aliases"]:
            other = names.get(alias.casefold())
            if other is not None and other != e["id"]:
                bad.append((e["id"], alias, other))
    for row in bad:
        print("alias is another entry's name: %s %r -> %s" % row)
    assert not bad


def test_gazetteer_does_not_shadow_countries(gazetteer):
    """Countries live in countries.tsv/pycountry, never in the gazetteer."""
    country_forms = set()
    for c in pycountry.countries:
        country_forms |= {f.casefold() for f in pycountry_forms(c)}
    for row in load_countries().values():
        country_forms |= {f.casefold() for f in row["aliases"] + row["demonyms"]}
    bad = [
        (e["id"], form)
        for e in gazetteer
        for form in [e["name"], *e["aliases"]]
        if form.casefold() in country_forms
    ]
    assert not bad, bad


# ---------------------------------------------------------------- countries.tsv


def test_countries_header_and_shape():
    header, rows = _read_tsv(COUNTRIES)
    assert header == ["alpha2", "aliases", "demonyms"]
    for row in rows:
        assert len(row) == 3, row
        for field in row:
            assert field == field.strip(), row


def test_countries_codes_valid_unique_sorted():
    _, rows = _read_tsv(COUNTRIES)
    codes = [r[0] for r in rows]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"[A-Z]{2}", code), code
        assert valid_code(code), code


def test_every_iso_country_has_demonyms():
    countries = load_countries()
    missing = [c.alpha_2 for c in pycountry.countries if not countries.get(c.alpha_2, {}).get("demonyms")]
    assert not missing, missing
    for code, row in countries.items():
        assert row["demonyms"], code
        for part in row["aliases"] + row["demonyms"]:
            assert part and part == part.strip(), code
            assert not part.lower().startswith("the "), (code, part)


def test_country_aliases_unambiguous():
    countries = load_countries()
    owners: dict[str, set[str]] = defaultdict(set)
    for c in pycountry.countries:
        for form in pycountry_forms(c):
            owners[form.casefold()].add(c.alpha_2)
    for code, row in countries.items():
        for alias in row["aliases"]:
            owners[alias.casefold()].add(code)
    clashes = {a: sorted(c) for a, c in owners.items() if len(c) > 1}
    assert not clashes, clashes


def test_country_demonyms_unambiguous():
    countries = load_countries()
    owners: dict[str, set[str]] = defaultdict(set)
    for code, row in countries.items():
        assert len(row["demonyms"]) == len(set(row["demonyms"])), code
        for dem in row["demonyms"]:
            owners[dem.casefold()].add(code)
    for dem, codes in sorted(owners.items()):
        if len(codes) > 1:
            assert SHARED_DEMONYMS.get(dem) == codes, (dem, sorted(codes))
    for dem, codes in SHARED_DEMONYMS.items():
        assert owners[dem] == codes, dem


# ---------------------------------------------------------------- regions.tsv


def test_regions_file():
    header, rows = _read_tsv(REGIONS)
    assert header == ["name", "demonyms"]
    names = [r[0] for r in rows]
    assert names == sorted(names)
    assert len(names) == len(set(names))
    locations = {e["name"] for e in load_gazetteer() if e["type"] == "Location"}
    country_demonyms = {d.casefold() for row in load_countries().values() for d in row["demonyms"]}
    seen: set[str] = set()
    for row in rows:
        assert len(row) == 2, row
        name, demonyms = row[0], _split(row[1])
        assert name in locations, f"{name} is not a gazetteer Location"
        assert demonyms, name
        for dem in demonyms:
            assert dem and dem == dem.strip(), name
            assert dem.casefold() != name.casefold(), name
            assert dem.casefold() not in country_demonyms, (name, dem)
            assert dem not in seen, (name, dem)
            seen.add(dem)


# ---------------------------------------------------------------- positions.txt


def test_positions_file():
    lines = POSITIONS.read_text(encoding="utf-8").splitlines()
    body_started = False
    for line in lines:
        if line.startswith("#"):
            assert not body_started, "comment lines are allowed only at the top"
        else:
            body_started = True
    titles = load_positions()
    assert len(titles) >= 150
    assert titles == sorted(titles)
    assert len(titles) == len(set(titles))
    for title in titles:
        assert title, "blank line"
        assert title == title.strip() and "  " not in title, repr(title)
        assert title == title.lower(), title


def test_place_abbreviations_are_unique_and_abbreviated():
    rows = [line.split("\t") for line in (ONTOLOGY / "place_abbreviations.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    header, rows = rows[0], rows[1:]
    assert header == ["abbreviation", "name"]
    assert all(len(row) == 2 and row[0] and row[1] for row in rows)
    abbreviations = [row[0] for row in rows]
    assert len(abbreviations) == len(set(abbreviations))
    assert all(len(a) < len(n) and a[0] in {w[0] for w in n.split()} for a, n in rows)  # an abbreviation of its name
