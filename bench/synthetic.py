"""Synthetic extraction records at archive scale: what extraction would hand to resolve, without NLP.

Article `i` of a corpus is always the same Extraction (its own seeded random
generator), so a corpus can be read as often as wanted without holding it.
Sizes follow the bench corpus of `bench/generate.py` (about 3.5 KB of text,
40 mentions, 18 relations, 5 quotes an article). Entities are drawn with Zipf
weights: curated bodies, countries and places of `ontology/gazetteer.jsonl`
(bounded), invented bodies and people from pools that grow with the corpus,
so the entity count keeps growing but ever more slowly. People come back by
full name, by surname ("Okafor said"), by honorific ("Ms Okafor") and by job
title ("the interior minister"); bodies by acronyms the article defines.

    from synthetic import SyntheticCorpus
    for extraction in SyntheticCorpus(10_000): ...
"""

import bisect
import hashlib
import itertools
import random
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kg.gazetteer import load_gazetteer
from kg.records import Article, Evidence, Extraction, Mention, Quote, Relation

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"

FIRST = """Aisha Alejandro Amara Anders Anika Arjun Astrid Beatriz Benedikt Bilal Camille Carlos Chiara Chloe Dalia
Damian Daniela Darius Elena Elif Emeka Emil Esther Fatima Felix Femi Freya Gabriel Greta Hamid Hana Hugo Ines Ingrid
Isaac Ivana Jakob Jana Javier Joanna Jonas Julia Kamal Karim Katarina Kenji Lara Leila Lena Lorenzo Lucia Luka Magnus
Malik Marco Marek Marta Matteo Maya Mehmet Mila Miguel Mira Nadia Nikos Nina Noor Olga Omar Oskar Paola Pavel""".split()
SURNAMES = """Abbasi Adeyemi Albrecht Alvarez Andersson Bakker Barros Becker Benali Bianchi Bjork Castillo Ceylan Costa
Dahl Demir Dimitrov Dubois Eriksen Esposito Farouk Fischer Fonseca Garcia Gruber Haddad Hansen Horvat Ibrahim Ivanova
Jansen Kaya Keller Kovacs Kowalski Larsen Laurent Lindgren Lopes Marin Martens Meyer Moreau Mustafa Nagy Nielsen Novak
Okafor Olsen Oliveira Ortiz Papadopoulos Pereira Petrov Popescu Quinn Rahman Ramos Richter Rossi Sahin Santos""".split()
BODY_WORDS = """Coastal Northern Maritime Federal Regional Joint Border Customs Financial Migration Security Criminal
Harbour Frontier Inland National Central Eastern Western Southern Civil Public Special Tactical""".split()
BODY_HEADS = ("Agency", "Directorate", "Command", "Office", "Service", "Unit", "Authority", "Bureau")
ORG_HEADS = ("Foundation", "Network", "Alliance", "Institute", "Trust", "Association")
TITLES = ("interior minister", "home secretary", "police chief", "chief prosecutor", "border commissioner",
          "justice minister", "head of operations", "spokesperson", "director general", "migration minister")
FILLER = ("Officials said the investigation was continuing and that further arrests were expected in the coming weeks.",
          "The network is believed to have moved hundreds of people across the border in the past year.",
          "Court documents describe payments of several thousand euros for each crossing.",
          "Nobody was injured during the operation, according to a statement released on Tuesday.",
          "Analysts said the case showed how quickly smuggling routes adapt to new patrols.")
RELATIONS = (("cooperatesWith", "cooperatesWith-verb-cue", 0.8), ("operatesIn", "operatesIn-verb-cue", 0.75),
             ("memberOf", "role-apposition", 0.85), ("supports", "supports-verb-cue", 0.75),
             ("criticises", "criticises-negative-claim", 0.8), ("basedIn", "based-in", 0.7),
             ("locatedIn", "located-in", 0.7), ("operatesIn", "operatesIn-noun-cue", 0.7))


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    key: str | None = None  # a gazetteer id for curated bodies, places and countries


class _Zipf:
    """Rank-weighted choice over a pool of `size` items: weight 1 / rank**s."""

    def __init__(self, size: int, s: float):
        self.cumulative = list(itertools.accumulate(1 / (rank ** s) for rank in range(1, size + 1)))

    def pick(self, rng: random.Random) -> int:
        return bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])


def _person(rank: int) -> str:
    number = rank * 2_654_435_761 % (len(FIRST) * len(SURNAMES) ** 2)  # neighbouring ranks share no surname
    first = FIRST[number % len(FIRST)]
    surname = SURNAMES[(number // len(FIRST)) % len(SURNAMES)]
    rest = number // (len(FIRST) * len(SURNAMES))
    return f"{first} {surname}" if rest == 0 else f"{first} {SURNAMES[rest % len(SURNAMES)]}-{surname}"


def _body(rank: int, heads: tuple[str, ...]) -> str:
    number = rank * 2_654_435_761 % (len(BODY_WORDS) ** 2 * len(SURNAMES))
    a, b = BODY_WORDS[number % len(BODY_WORDS)], BODY_WORDS[(number // len(BODY_WORDS)) % len(BODY_WORDS)]
    place = SURNAMES[(number // len(BODY_WORDS) ** 2) % len(SURNAMES)]
    return f"{place} {a} {b} {heads[number % len(heads)]}"


class SyntheticCorpus:
    """`articles` Extraction records, each made on demand from its index."""

    def __init__(self, articles: int, seed: int = 13):
        self.articles = articles
        self.seed = seed
        gazetteer = load_gazetteer(ONTOLOGY)
        rng = random.Random(seed)
        by_type: dict[str, list[Entity]] = {}
        for key, entry in sorted(gazetteer.entries.items()):
            by_type.setdefault(entry.type, []).append(Entity(entry.name, entry.type, key))
        for pool in by_type.values():
            rng.shuffle(pool)
        self.curated = by_type
        self.people = 4_000 + articles  # pools that grow with the corpus, entities seen by Zipf weight
        self.bodies = 300 + articles // 20
        self.zipf = {name: _Zipf(size, s) for name, size, s in (
            ("people", self.people, 1.0), ("bodies", self.bodies, 1.1), ("Agency", len(by_type["Agency"]), 1.1),
            ("Organisation", len(by_type["Organisation"]), 1.1), ("Country", len(by_type["Country"]), 1.2),
            ("Location", len(by_type["Location"]), 1.2))}

    def __len__(self) -> int:
        return self.articles

    def __iter__(self):
        return (self.extraction(i) for i in range(self.articles))

    @cached_property
    def doc_ids(self) -> list[str]:
        return [self.doc_id(i) for i in range(self.articles)]

    def doc_id(self, index: int) -> str:
        return f"{index:07d}_{hashlib.sha256(f'{self.seed}:{index}'.encode()).hexdigest()[:12]}"

    def _pick(self, rng: random.Random, kind: str) -> Entity:
        if kind == "Person":
            return Entity(_person(self.zipf["people"].pick(rng)), "Person")
        if kind in ("Agency", "Organisation") and rng.random() < 0.35:
            number = self.zipf["bodies"].pick(rng)
            return Entity(_body(number, BODY_HEADS if kind == "Agency" else ORG_HEADS), kind)
        pool = self.curated[kind]
        return pool[self.zipf[kind].pick(rng)]

    def extraction(self, index: int) -> Extraction:
        rng = random.Random(f"{self.seed}:{index}")
        return _ArticleWriter(self, index, rng).extraction()


class _ArticleWriter:
    """Writes one article's text sentence by sentence, recording mentions, relations and quotes at their offsets."""

    def __init__(self, corpus: SyntheticCorpus, index: int, rng: random.Random):
        self.corpus, self.rng = corpus, rng
        self.doc_id = corpus.doc_id(index)
        self.parts: list[str] = []
        self.length = 0
        self.mentions: list[Mention] = []
        self.relations: list[Relation] = []
        self.quotes: list[Quote] = []
        self.aliases: list[tuple[str, str]] = []
        self.people = [corpus._pick(rng, "Person") for _ in range(rng.randint(3, 7))]
        self.bodies = [corpus._pick(rng, rng.choice(("Agency", "Agency", "Organisation"))) for _ in range(rng.randint(3, 6))]
        self.countries = [corpus._pick(rng, "Country") for _ in range(rng.randint(1, 4))]
        self.places = [corpus._pick(rng, "Location") for _ in range(rng.randint(0, 3))]
        self.titles = {person.name: rng.choice(TITLES) for person in self.people if rng.random() < 0.5}
        self.introduced: set[str] = set()

    # --- text with offsets ---

    def _sentence(self, pieces: list) -> tuple[list[Mention], Evidence]:
        """Append a sentence of text pieces and (text, entity, mention type) pieces; its mentions and evidence."""
        start = self.length + (1 if self.parts else 0)
        text, found = "", []
        for piece in pieces:
            if isinstance(piece, str):
                text += piece
                continue
            surface, entity, kind = piece
            offset = start + len(text)
            found.append(Mention(self.doc_id, offset, offset + len(surface), surface, kind,
                                 entity.key if entity and kind != "Title" else None,
                                 entity.name if entity and entity.key else (surface if kind == "Title" else None)))
            text += surface
        self.parts.append(text)
        self.length = start + len(text)
        self.mentions += found
        return found, Evidence(self.doc_id, start, self.length, text)

    def _person(self, person: Entity):
        """A person's full name the first time, then a surname, an honorific or a title."""
        if person.name not in self.introduced:
            self.introduced.add(person.name)
            return (person.name, person, "Person")
        roll = self.rng.random()
        surname = person.name.split()[-1]
        if roll < 0.4:
            return (surname, person, "Person")
        if roll < 0.55:
            return (f"Ms {surname}" if self.rng.random() < 0.5 else f"Mr {surname}", person, "Person")
        if roll < 0.7 and person.name in self.titles:
            return (f"the {self.titles[person.name]}", None, "Title")
        return (person.name, person, "Person")

    def _body(self, body: Entity):
        if body.key is None and body.name not in self.introduced and self.rng.random() < 0.3:
            self.introduced.add(body.name)
            short = "".join(word[0] for word in body.name.split())
            self.aliases.append((short, body.name))
            return [(body.name, body, body.type), " (", (short, None, body.type), ")"]
        if self.rng.random() < 0.04:
            return [(body.name.upper(), None, "Unknown")]
        return [(body.name, body, body.type)]

    def _relate(self, subject: Mention, predicate: str, obj, evidence: Evidence, rule: str, confidence: float) -> None:
        self.relations.append(Relation(subject, predicate, obj, evidence, confidence, rule))

    # --- sentences ---

    def headline(self) -> None:
        body, country = self.rng.choice(self.bodies), self.rng.choice(self.countries)
        self._sentence([*self._body(body), " steps up smuggling inquiry in ", (country.name, country, "Country")])

    def title_sentence(self, person: Entity) -> None:
        title = self.titles[person.name]
        found, evidence = self._sentence([title.capitalize() + " ", self._person(person),
                                          " said the inquiry would go on."])
        if found and found[-1].type == "Person":
            self._relate(found[-1], "holdsPosition", title.title(), evidence, "title-before-name", 0.9)

    def relation_sentence(self) -> None:
        predicate, rule, confidence = self.rng.choice(RELATIONS)
        subject_kind, object_kind = {"memberOf": ("Person", "body"), "operatesIn": ("body", "Country"),
                                     "basedIn": ("body", "Location"), "locatedIn": ("Location", "Country")
                                     }.get(predicate, ("body", "body"))
        subject, obj = self._entity_piece(subject_kind), self._entity_piece(object_kind)
        if subject is None or obj is None:
            return
        found, evidence = self._sentence([*subject, f" {predicate} according to officials, ", *obj, "."])
        ends = [m for m in found if m.type != "Unknown"]
        if len(ends) >= 2 and ends[0] != ends[-1]:
            self._relate(ends[0], predicate, ends[-1], evidence, rule, confidence)

    def _entity_piece(self, kind: str):
        if kind == "Person":
            return [self._person(self.rng.choice(self.people))]
        if kind == "body":
            return self._body(self.rng.choice(self.bodies))
        pool = self.countries if kind == "Country" else self.places
        if not pool:
            return None
        entity = self.rng.choice(pool)
        return [(entity.name, entity, entity.type)]

    def quote_sentence(self) -> None:
        person = self.rng.choice(self.people)
        said = self.rng.choice(FILLER)
        speaker_piece = self._person(person)
        found, evidence = self._sentence(["\u201c", said, "\u201d said ", speaker_piece, "."])
        quote_start = evidence.start + 1
        quote = Evidence(self.doc_id, quote_start, quote_start + len(said), said)
        if found and found[-1].type in ("Person", "Title"):
            self.quotes.append(Quote(found[-1], said, quote))

    def extraction(self) -> Extraction:
        rng = self.rng
        self.headline()
        title_line = self.parts[0]
        for person in self.people:
            if person.name in self.titles:
                self.title_sentence(person)
        steps = [self.relation_sentence] * rng.randint(12, 22) + [self.quote_sentence] * rng.randint(2, 8)
        rng.shuffle(steps)
        for step in steps:
            step()
            if rng.random() < 0.5:
                self._sentence([rng.choice(FILLER)])
        text = " ".join(self.parts)
        article = Article(self.doc_id, f"synthetic/{self.doc_id}.txt", title_line, text, text)
        return Extraction(article, tuple(self.mentions), tuple(self.relations), tuple(self.quotes), tuple(self.aliases))
