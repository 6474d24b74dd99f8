"""Merge mentions from all articles into entities, one node per real entity.

In order of trust: a curated key from the gazetteer; a person's full name
(surnames, "Ms Cooper", and pronoun speakers join the full name in the same
article, else the only person of that surname in the corpus); an acronym
stated in the text ("Police aux frontières (PAF)"); the same name already
known; and last a job title ("the Home Secretary") joins the person who
holds it, in the article or, failing that, uniquely in the corpus.
"""

import re
from functools import lru_cache
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.gazetteer import COUNTRY_PREFIX, Gazetteer, slug
from kg.resolve.iris import slug_or_hash
from kg.records import ENTITY_TYPES, Entity, Extraction, Mention, Quote, Relation

_TYPE_RANK = {t: i for i, t in enumerate(("Agency", "Country", "Person", "Organisation", "Location"))}
_BODY_TYPES = frozenset({"Agency", "Organisation"})


@dataclass(frozen=True)
class ResolvedRelation:
    subject: str  # entity key
    predicate: str
    object: str  # entity key, or the title text for holdsPosition
    relation: Relation


@dataclass(frozen=True)
class ResolvedQuote:
    speaker: str
    quote: Quote


@dataclass
class Resolution:
    """Entities and the relations and quotes between them, keyed by entity key."""

    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[ResolvedRelation] = field(default_factory=list)
    quotes: list[ResolvedQuote] = field(default_factory=list)
    documents: list = field(default_factory=list)


@lru_cache(maxsize=65536)  # the same names come back thousands of times in a corpus
def _norm(text: str) -> str:
    words = text.replace("’", "'").split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words).lower()


def _title_head(title: str) -> str:
    """The head word of a title: "interior minister" -> "minister", "secretary of state" -> "secretary"."""
    return re.split(r"\s+(?:of|for)\s+", title)[0].split()[-1]


class _Merger:
    def __init__(self, extractions: list[Extraction], gazetteer: Gazetteer):
        self.extractions = extractions
        self.gazetteer = gazetteer
        self.key_of: dict[Mention, str] = {}
        self.names: dict[str, str] = {}  # normalised name or alias -> key
        self.types: dict[str, Counter] = defaultdict(Counter)
        self.canonical: dict[str, str] = {}
        self.surnames: dict[str, set[str]] = defaultdict(set)  # surname -> person keys, corpus-wide
        self.surnames_in_doc: dict[tuple[str, str], set[str]] = defaultdict(set)

    def assign(self, mention: Mention, key: str, name: str, entity_type: str, known_as: bool = True) -> None:
        """Give a mention its entity; `known_as` lets its text name that entity in other articles too."""
        self.key_of[mention] = key
        self.canonical.setdefault(key, name)
        self.types[key][entity_type] += 1
        self.names.setdefault(_norm(name), key)
        if known_as:
            self.names.setdefault(_norm(mention.text), key)

    def curated(self) -> None:
        for ext in self.extractions:
            # "Australian Federal Police (AFP)": the article's own expansion wins over the gazetteer's AFP
            redefined = {short for short, long in ext.aliases
                         if not any(self.gazetteer.surface_forms.get(long) == m.key for m in ext.mentions if m.text == short)}
            for m in ext.mentions:
                if m.key and m.text in redefined:
                    continue
                if m.key:
                    entry = self.gazetteer.entries[m.key]
                    self.assign(m, slug(entry.name) if m.key.startswith(COUNTRY_PREFIX) else m.key, entry.name, entry.type)

    def people(self) -> None:
        people = [m for ext in self.extractions for m in ext.mentions if m.type == "Person" and m not in self.key_of]
        in_doc = defaultdict(set)
        for m in people:
            in_doc[m.doc_id].add(" " + _norm(m.text))
        # "van Dam" after "Erik van Dam" is a surname, not a full name of its own
        surnames_only = {m for m in people if any(n.endswith(" " + _norm(m.text)) and n != " " + _norm(m.text)
                                                  for n in in_doc[m.doc_id])}
        for m in people:
            if len(m.text.split()) >= 2 and _norm(m.text) not in self.names and m not in surnames_only:
                key = slug_or_hash(m.text)
                self.surnames[m.text.split()[-1]].add(key)
                self.surnames_in_doc[(m.doc_id, m.text.split()[-1])].add(key)
        for m in people:
            if _norm(m.text) in self.names:
                key = self.names[_norm(m.text)]
                self.assign(m, key, self.canonical[key], "Person")
            elif len(m.text.split()) >= 2 and m not in surnames_only:
                self.assign(m, slug_or_hash(m.text), m.text, "Person")
        for m in people:
            if m not in self.key_of:
                key = self.person_by_surname(m)
                self.assign(m, key or slug_or_hash(m.text), self.canonical.get(key, m.text), "Person")

    def person_by_surname(self, m: Mention) -> str | None:
        """The one person of that surname in the article, else in the corpus.

        A surname of several words ("van Dam") must end the full name ("Erik van Dam").
        """
        words = m.text.split()
        candidates = self.surnames_in_doc.get((m.doc_id, words[-1])) or self.surnames.get(words[-1], set())
        if len(words) > 1:
            tail = " " + _norm(m.text)
            candidates = {k for k in candidates if f" {_norm(self.canonical.get(k, k))}".endswith(tail)
                          and _norm(self.canonical.get(k, k)) != _norm(m.text)}
        return next(iter(candidates)) if len(candidates) == 1 else None

    def body_by_short_name(self, m: Mention, ext: Extraction) -> str | None:
        """ "the Coast Guard" after "the U.S. Coast Guard": the one body of the article whose name ends so."""
        if m.type not in _BODY_TYPES or m.key is not None:
            return None
        tail = " " + _norm(m.text)
        candidates = {self.key_of[other] for other in ext.mentions if other in self.key_of and other.type in _BODY_TYPES
                      and f" {_norm(self.canonical[self.key_of[other]])}".endswith(tail)
                      and _norm(self.canonical[self.key_of[other]]) != tail.strip()}
        return next(iter(candidates)) if len(candidates) == 1 else None

    def named(self) -> None:
        acronyms = {(ext.article.doc_id, short): long for ext in self.extractions for short, long in ext.aliases}
        for ext in self.extractions:
            for m in ext.mentions:
                if m in self.key_of or m.type not in ENTITY_TYPES:
                    continue
                expansion = acronyms.get((m.doc_id, m.text))
                known = self.names.get(_norm(expansion or m.text))
                person = self.person_by_surname(m) if m.key is None else None
                body = self.body_by_short_name(m, ext) if not expansion else None
                if person:  # NER typed a surname as an organisation or place: "Harcourt told Sky News"
                    self.assign(m, person, self.canonical[person], "Person")
                elif body:  # "the Coast Guard" is the U.S. one in this article only
                    self.assign(m, body, self.canonical[body], self.entity_type(body), known_as=False)
                elif known:  # an acronym an article defines names that body in that article only
                    self.assign(m, known, self.canonical[known], m.type, known_as=expansion is None)
                else:
                    name = expansion or m.name or m.text
                    self.assign(m, slug_or_hash(name), name, m.type, known_as=expansion is None)

    def unknown(self) -> None:
        for ext in self.extractions:
            for m in ext.mentions:
                if m.type == "Unknown" and _norm(m.text) in self.names:
                    key = self.names[_norm(m.text)]
                    self.key_of[m] = key

    def titles(self) -> None:
        """ "the Home Secretary" -> the person holding that title.

        The same title in the article first ("the minister" also matches
        "Interior Minister" there), then, for titles of two words or more,
        the one holder in the whole corpus.
        """
        in_doc: dict[tuple[str, str], set[str]] = defaultdict(set)  # (doc, title or head word) -> people
        corpus: dict[str, set[str]] = defaultdict(set)
        for ext in self.extractions:
            for rel in ext.relations:
                if rel.predicate == "holdsPosition" and rel.subject in self.key_of:
                    title, person = _norm(str(rel.object)), self.key_of[rel.subject]
                    for form in {title, _title_head(title)}:
                        in_doc[(ext.article.doc_id, form)].add(person)
                    corpus[title].add(person)
        for ext in self.extractions:
            for m in (m for m in ext.mentions if m.type == "Title"):
                title = _norm(m.text)
                candidates = in_doc.get((m.doc_id, title)) or (corpus.get(title, set()) if len(title.split()) >= 2 else set())
                if len(candidates) == 1:
                    self.key_of[m] = next(iter(candidates))

    def entity_type(self, key: str) -> str:
        counts = self.types[key]
        return min(counts, key=lambda t: (-counts[t], _TYPE_RANK[t]))


def resolve(extractions: Iterable[Extraction], gazetteer: Gazetteer) -> Resolution:
    """Merge the extractions of a corpus into entities with relations and quotes."""
    extractions = sorted(extractions, key=lambda e: e.article.doc_id)
    merger = _Merger(extractions, gazetteer)
    merger.curated()
    merger.people()
    merger.named()
    merger.unknown()
    merger.titles()
    result = Resolution(documents=[e.article for e in extractions])
    for mention, key in merger.key_of.items():
        if key not in result.entities:
            entry = gazetteer.entries.get(mention.key) if mention.key else None
            result.entities[key] = Entity(key=key, name=merger.canonical.get(key, mention.text),
                                          type=merger.entity_type(key),
                                          iso_code=entry.iso_code if entry else None)
        entity = result.entities[key]
        entity.doc_ids.add(mention.doc_id)
        surface = mention.text[4:] if mention.text.lower().startswith("the ") else mention.text
        if surface != entity.name:
            entity.aliases.add(surface)
    for ext in extractions:
        for rel in ext.relations:
            subject = merger.key_of.get(rel.subject)
            obj = rel.object if isinstance(rel.object, str) else merger.key_of.get(rel.object)
            if subject and obj and subject != obj:
                result.relations.append(ResolvedRelation(subject, rel.predicate, obj, rel))
        for quote in ext.quotes:
            speaker = merger.key_of.get(quote.speaker)
            if speaker:
                result.quotes.append(ResolvedQuote(speaker, quote))
    return result
