"""Merge mentions from all articles into entities, one node per real entity.

In order of trust: a curated key from the gazetteer; a person's full name
(surnames, "Ms Cooper", and pronoun speakers join the full name in the same
article, else the only person of that surname in the corpus); an acronym
stated in the text ("Police aux frontières (PAF)"); the same name already
known; and last a job title ("the Home Secretary") joins the person who
holds it, in the article or, failing that, uniquely in the corpus.

Each rule is a pass over the corpus in doc-id order, article by article
(`Merger.run`): what a pass learns about names, surnames and titles is kept in
a compact index (normalised names, canonical names, types, surnames, title
holders: bounded by the entities, not the articles), and each article's
mention keys as one small tuple. So an archive streams through resolution
from disk as often as the passes need (`kg.builder`), and the in-memory
`resolve` runs the very same passes over a list. Every mention of an article
is assumed to carry that article's doc id, as extraction makes them.
"""

import re
import sys
from functools import lru_cache
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from kg.gazetteer import COUNTRY_PREFIX, Gazetteer, slug
from kg.geography import home_country
from kg.resolve.iris import slug_or_hash
from kg.records import ENTITY_TYPES, Article, Entity, Event, Extraction, Mention, Quote, Relation

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


@dataclass(frozen=True)
class ResolvedEvent:
    """An event with the entity keys of its agents, places and participants (mentions without an entity dropped)."""

    agents: tuple[str, ...]
    places: tuple[str, ...]
    participants: tuple[str, ...]
    event: Event


def resolve_event(event: Event, key_of: dict[Mention, str]) -> ResolvedEvent:
    def keys(mentions: tuple[Mention, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key_of[m] for m in mentions if m in key_of))

    return ResolvedEvent(keys(event.agents), keys(event.places), keys(event.participants), event)


@dataclass
class Resolution:
    """Entities and the relations, quotes and events between them, keyed by entity key."""

    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[ResolvedRelation] = field(default_factory=list)
    quotes: list[ResolvedQuote] = field(default_factory=list)
    documents: list = field(default_factory=list)
    events: list[ResolvedEvent] = field(default_factory=list)


@lru_cache(maxsize=65536)  # the same names come back thousands of times in a corpus
def _norm(text: str) -> str:
    words = text.replace("’", "'").split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words).lower()


def _title_head(title: str) -> str:
    """The head word of a title: "interior minister" -> "minister", "secretary of state" -> "secretary"."""
    return re.split(r"\s+(?:of|for)\s+", title)[0].split()[-1]


@dataclass(frozen=True)
class ArticleView:
    """What resolution reads of one article: its mentions, the acronyms it defines, the titles its people hold."""

    doc_id: str
    mentions: tuple[Mention, ...]
    aliases: tuple[tuple[str, str], ...]
    titles: tuple[tuple[Mention, str], ...]  # (subject, title) of each holdsPosition relation


def view_of(extraction: Extraction) -> ArticleView:
    titles = tuple((r.subject, str(r.object)) for r in extraction.relations if r.predicate == "holdsPosition")
    return ArticleView(extraction.article.doc_id, extraction.mentions, extraction.aliases, titles)


@dataclass
class ResolvedArticle:
    """One article's relations, quotes and events with entity keys, and the key of each of its mentions."""

    article: Article
    relations: list[ResolvedRelation]
    quotes: list[ResolvedQuote]
    key_of: dict[Mention, str]
    ranks: dict[Mention, tuple[int, int, int]]  # (pass, article, position) at which each mention got its key
    events: list[ResolvedEvent] = field(default_factory=list)


_NO_PASS = 255
_TITLES_PASS = 6  # after the six passes of `Merger.run`


def _pass_or(passes: bytes, position: int, default: int) -> int:
    """The pass that gave the mention at `position` its key, or `default` when none has (yet)."""
    found = passes[position] if position < len(passes) else _NO_PASS
    return default if found == _NO_PASS else found


class Merger:
    """The corpus-wide entity index, filled pass by pass over the articles in doc-id order."""

    def __init__(self, gazetteer: Gazetteer | None):
        self.gazetteer = gazetteer
        self.names: dict[str, str] = {}  # normalised name or alias -> key
        self.types: dict[str, Counter] = defaultdict(Counter)
        self.canonical: dict[str, str] = {}
        self.surnames: dict[str, set[str]] = defaultdict(set)  # surname -> person keys, corpus-wide
        self.title_holders: dict[str, set[str]] = defaultdict(set)  # normalised title -> people, corpus-wide
        # per article, aligned with its mentions: the key of each, the pass that gave it, the article's own surnames
        self.keys: list[tuple[str | None, ...]] = []
        self.passes: list[bytes] = []
        self.local_surnames: list[tuple[tuple[str, str], ...]] = []
        self.step = 0

    def run(self, views: Callable[[], Iterable[ArticleView]]) -> None:
        """Every pass but the last (titles, see `finish`) over the articles; `views()` gives them anew each time."""
        steps = (self.curated, self.collect_surnames, self.people_by_name, self.people_by_surname, self.named,
                 self.unknown)
        for self.step, step in enumerate(steps):
            for index, view in enumerate(views()):
                if index == len(self.keys):
                    self.keys.append(())
                    self.passes.append(b"")
                    self.local_surnames.append(())
                key_of, passes = self._load(index, view)
                step(index, view, key_of)
                self._store(index, view, key_of, passes)

    def finish(self, index: int, extraction: Extraction) -> ResolvedArticle:
        """The last pass for one article (job titles), and its relations and quotes in entity keys."""
        view = view_of(extraction)
        key_of, passes = self._load(index, view)
        self.titles(index, view, key_of)
        first: dict[Mention, int] = {}
        for position, m in enumerate(view.mentions):
            first.setdefault(m, position)
        ranks = {m: (_pass_or(passes, first[m], _TITLES_PASS), index, first[m]) for m in key_of}
        relations, quotes = [], []
        for rel in extraction.relations:
            subject = key_of.get(rel.subject)
            obj = rel.object if isinstance(rel.object, str) else key_of.get(rel.object)
            if subject and obj and subject != obj:
                relations.append(ResolvedRelation(subject, rel.predicate, obj, rel))
        for quote in extraction.quotes:
            speaker = key_of.get(quote.speaker)
            if speaker:
                quotes.append(ResolvedQuote(speaker, quote))
        events = [resolve_event(event, key_of) for event in extraction.events]
        return ResolvedArticle(extraction.article, relations, quotes, key_of, ranks, events)

    def _load(self, index: int, view: ArticleView) -> tuple[dict[Mention, str], bytes]:
        """The article's mention keys so far, and the pass that gave each, by position (`_NO_PASS`: none yet)."""
        keys = self.keys[index]
        return {m: k for m, k in zip(view.mentions, keys) if k is not None}, self.passes[index]

    def _store(self, index: int, view: ArticleView, key_of: dict[Mention, str], passes: bytes) -> None:
        """Keep each mention's key, and the pass that gave it: an earlier one's, else this one.

        By position, looking each mention up once (a Mention hashes in Python code: resolution's passes spent
        most of their time hashing mentions). Equal mentions at two positions get the same key and pass, as
        a dict keyed by mention gave them: they have the same ones before each pass, and steps never remove a key.
        """
        get, step, intern = key_of.get, self.step, sys.intern
        keys, made = [], bytearray()
        for position, m in enumerate(view.mentions):
            key = get(m)
            if key is None:
                keys.append(None)
                made.append(_NO_PASS)
            else:
                keys.append(intern(key))
                made.append(_pass_or(passes, position, step))
        self.keys[index] = tuple(keys)
        self.passes[index] = bytes(made)

    def assign(self, key_of: dict, mention: Mention, key: str, name: str, entity_type: str, known_as: bool = True,
               named: bool = True) -> None:
        """Give a mention its entity; `known_as` lets its text, `named` its name, name that entity in other articles
        too."""
        key_of[mention] = key
        self.canonical.setdefault(key, name)
        self.types[key][entity_type] += 1
        if named:
            self.names.setdefault(_norm(name), key)
        if known_as:
            self.names.setdefault(_norm(mention.text), key)

    def curated(self, index: int, view: ArticleView, key_of: dict) -> None:
        # "Australian Federal Police (AFP)": the article's own expansion wins over the gazetteer's AFP
        redefined = {short for short, long in view.aliases
                     if not any(self.gazetteer.surface_forms.get(long) == m.key for m in view.mentions if m.text == short)}
        for m in view.mentions:
            if m.key and m.text in redefined:
                continue
            if m.key:
                entry = self.gazetteer.entries[m.key]
                self.assign(key_of, m, slug(entry.name) if m.key.startswith(COUNTRY_PREFIX) else m.key, entry.name, entry.type)

    @staticmethod
    def _people(view: ArticleView, key_of: dict) -> tuple[list[Mention], set[Mention]]:
        """The article's people not curated, and those of them named by a surname only."""
        people = [m for m in view.mentions if m.type == "Person" and m not in key_of]
        in_doc = {" " + _norm(m.text) for m in people}
        # "van Dam" after "Erik van Dam" is a surname, not a full name of its own
        surnames_only = {m for m in people if any(n.endswith(" " + _norm(m.text)) and n != " " + _norm(m.text)
                                                  for n in in_doc)}
        return people, surnames_only

    def collect_surnames(self, index: int, view: ArticleView, key_of: dict) -> None:
        people, surnames_only = self._people(view, key_of)
        local = []
        for m in people:
            if len(m.text.split()) >= 2 and _norm(m.text) not in self.names and m not in surnames_only:
                key = slug_or_hash(m.text)
                self.surnames[m.text.split()[-1]].add(key)
                local.append((sys.intern(m.text.split()[-1]), sys.intern(key)))
        self.local_surnames[index] = tuple(local)

    def people_by_name(self, index: int, view: ArticleView, key_of: dict) -> None:
        people, surnames_only = self._people(view, key_of)
        for m in people:
            if _norm(m.text) in self.names:
                key = self.names[_norm(m.text)]
                self.assign(key_of, m, key, self.canonical[key], "Person")
            elif len(m.text.split()) >= 2 and m not in surnames_only:
                self.assign(key_of, m, slug_or_hash(m.text), m.text, "Person")

    def people_by_surname(self, index: int, view: ArticleView, key_of: dict) -> None:
        for m in view.mentions:
            if m.type == "Person" and m not in key_of:
                key = self.person_by_surname(index, m)
                self.assign(key_of, m, key or slug_or_hash(m.text), self.canonical.get(key, m.text), "Person")

    def person_by_surname(self, index: int, m: Mention) -> str | None:
        """The one person of that surname in the article, else in the corpus.

        A surname of several words ("van Dam") must end the full name ("Erik van Dam").
        """
        words = m.text.split()
        in_article = {key for surname, key in self.local_surnames[index] if surname == words[-1]}
        candidates = in_article or self.surnames.get(words[-1], set())
        if len(words) > 1:
            tail = " " + _norm(m.text)
            candidates = {k for k in candidates if f" {_norm(self.canonical.get(k, k))}".endswith(tail)
                          and _norm(self.canonical.get(k, k)) != _norm(m.text)}
        return next(iter(candidates)) if len(candidates) == 1 else None

    def body_by_short_name(self, m: Mention, view: ArticleView, key_of: dict) -> str | None:
        """ "the Coast Guard" after "the U.S. Coast Guard": the one body of the article whose name ends so."""
        if m.type not in _BODY_TYPES or m.key is not None:
            return None
        tail = " " + _norm(m.text)
        candidates = {key_of[other] for other in view.mentions if other in key_of and other.type in _BODY_TYPES
                      and f" {_norm(self.canonical[key_of[other]])}".endswith(tail)
                      and _norm(self.canonical[key_of[other]]) != tail.strip()}
        return next(iter(candidates)) if len(candidates) == 1 else None

    def named(self, index: int, view: ArticleView, key_of: dict) -> None:
        acronyms = dict(view.aliases)
        scope_of_article = None  # where a generic body name holds, worked out once, when the article has one
        for m in view.mentions:
            if m in key_of or m.type not in ENTITY_TYPES:
                continue
            expansion = acronyms.get(m.text)
            generic = not expansion and m.type in _BODY_TYPES and self.gazetteer is not None \
                and self.gazetteer.generic_body_name(m.text)
            if generic and scope_of_article is None:
                scope_of_article = self.generic_scope(view)
            scope = scope_of_article if generic else None
            known = self.names.get(_norm(expansion or m.text)) if scope is None else None
            person = self.person_by_surname(index, m) if m.key is None else None
            body = self.body_by_short_name(m, view, key_of) if not expansion else None
            if person:  # NER typed a surname as an organisation or place: "Harcourt told Sky News"
                self.assign(key_of, m, person, self.canonical[person], "Person")
            elif body:  # "the Coast Guard" is the U.S. one in this article only
                self.assign(key_of, m, body, self.canonical[body], self.entity_type(body), known_as=False)
            elif known:  # an acronym an article defines names that body in that article only
                self.assign(key_of, m, known, self.canonical[known], m.type, known_as=expansion is None)
            else:
                name = expansion or m.name or m.text
                if scope:  # "the Coast Guard" of an Omani story is not the one of an American story
                    self.assign(key_of, m, slug_or_hash(f"{name} {scope}"), name, m.type, known_as=False, named=False)
                else:
                    self.assign(key_of, m, slug_or_hash(name), name, m.type, known_as=expansion is None)

    def generic_scope(self, view: ArticleView) -> str:
        """What the identity of a body named only by generic words ("Coast Guard", "National Guard", "Interior
        Ministry") holds to in this article: the country its places and bodies are of most, else the article."""
        countries = Counter(code for x in view.mentions for code in [home_country(x, self.gazetteer)] if code)
        return f"country-{countries.most_common(1)[0][0].lower()}" if countries else view.doc_id

    def unknown(self, index: int, view: ArticleView, key_of: dict) -> None:
        """Unknown mentions that name a known entity; then the title holders this article adds to the corpus."""
        for m in view.mentions:
            if m.type == "Unknown" and _norm(m.text) in self.names:
                key_of[m] = self.names[_norm(m.text)]
        for subject, title in view.titles:
            if subject in key_of:
                self.title_holders[_norm(title)].add(key_of[subject])

    def titles(self, index: int, view: ArticleView, key_of: dict) -> None:
        """ "the Home Secretary" -> the person holding that title.

        The same title in the article first ("the minister" also matches
        "Interior Minister" there), then, for titles of two words or more,
        the one holder in the whole corpus.
        """
        in_doc: dict[str, set[str]] = defaultdict(set)  # title or head word -> people
        for subject, title in view.titles:
            if subject in key_of:
                title, person = _norm(title), key_of[subject]
                for form in {title, _title_head(title)}:
                    in_doc[form].add(person)
        for m in (m for m in view.mentions if m.type == "Title"):
            title = _norm(m.text)
            candidates = in_doc.get(title) or (self.title_holders.get(title, set()) if len(title.split()) >= 2 else set())
            if len(candidates) == 1:
                key_of[m] = next(iter(candidates))

    def finisher(self, indexes: range) -> "Merger":
        """What `finish` needs for the articles at `indexes`, to run it elsewhere (a dask worker)."""
        part = Merger(None)  # the last pass reads no curated data
        part.title_holders = self.title_holders
        part.keys = dict(zip(indexes, self.keys[indexes.start:indexes.stop]))
        part.passes = dict(zip(indexes, self.passes[indexes.start:indexes.stop]))
        return part

    def entity_type(self, key: str) -> str:
        counts = self.types[key]
        return min(counts, key=lambda t: (-counts[t], _TYPE_RANK[t]))


@dataclass
class _EntityRecord:
    rank: tuple[int, int, int]  # of the mention that made the entity: its iso code, its fallback name
    curated_key: str | None
    text: str
    doc_ids: set[str] = field(default_factory=set)
    surfaces: set[str] = field(default_factory=set)


def _titled_names(article: ResolvedArticle) -> Iterator[tuple[Mention, str]]:
    """ "President Kennedy", "Home Secretary Yvette Cooper": a name as written with the title just before it."""
    text = article.article.text
    for resolved in article.relations:
        person, title = resolved.relation.subject, resolved.object
        if resolved.predicate == "holdsPosition" and person in article.key_of \
                and text[max(0, person.start - len(title) - 1):person.start] == title + " ":
            yield person, f"{title} {person.text}"


class EntityTable:
    """Each entity's documents and surface forms, gathered article by article (compact: no mention is kept)."""

    def __init__(self):
        self.records: dict[str, _EntityRecord] = {}

    def add(self, article: ResolvedArticle) -> None:
        for mention, key in article.key_of.items():
            record = self.records.get(key)
            rank = article.ranks[mention]
            if record is None:
                record = self.records[key] = _EntityRecord(rank, mention.key, mention.text)
            elif rank < record.rank:
                record.rank, record.curated_key, record.text = rank, mention.key, mention.text
            record.doc_ids.add(mention.doc_id)
            record.surfaces.add(mention.text[4:] if mention.text.lower().startswith("the ") else mention.text)
        for mention, surface in _titled_names(article):
            self.records[article.key_of[mention]].surfaces.add(surface)

    def absorb(self, other: "EntityTable") -> None:
        """Add the entities another table gathered from other articles (a partition made elsewhere)."""
        for key, theirs in other.records.items():
            record = self.records.get(key)
            if record is None:
                self.records[key] = theirs
                continue
            if theirs.rank < record.rank:
                record.rank, record.curated_key, record.text = theirs.rank, theirs.curated_key, theirs.text
            record.doc_ids |= theirs.doc_ids
            record.surfaces |= theirs.surfaces

    def entities(self, merger: Merger) -> dict[str, Entity]:
        """The entities, in the order their first mention got its key."""
        entities = {}
        for key, record in sorted(self.records.items(), key=lambda item: item[1].rank):
            entry = merger.gazetteer.entries.get(record.curated_key) if record.curated_key else None
            name = merger.canonical.get(key, record.text)
            entities[key] = Entity(key=key, name=name, type=merger.entity_type(key),
                                   aliases={s for s in record.surfaces if s != name},
                                   iso_code=entry.iso_code if entry else None, doc_ids=record.doc_ids)
        return entities


def resolve(extractions: Iterable[Extraction], gazetteer: Gazetteer) -> Resolution:
    """Merge the extractions of a corpus into entities with relations and quotes."""
    extractions = sorted(extractions, key=lambda e: e.article.doc_id)
    merger = Merger(gazetteer)
    merger.run(lambda: map(view_of, extractions))
    result = Resolution(documents=[e.article for e in extractions])
    table = EntityTable()
    for index, extraction in enumerate(extractions):
        article = merger.finish(index, extraction)
        table.add(article)
        result.relations += article.relations
        result.quotes += article.quotes
        result.events += article.events
    result.entities = table.entities(merger)
    return result
