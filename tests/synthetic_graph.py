"""A synthetic corpus graph of any size, without NLP: resolved records the real graph builder turns into triples.

Entities are met with a Zipf-like frequency (a few countries and agencies in
most articles, most people in one or two), so the graph has the hubs, the long
tail and the isolated entities of a real archive. At 8,000 articles the
defaults give about 8,700 entities, 50,000 distinct relations and 1.1 million
triples, the size of the bench corpus of issue 13. The same arguments always
give the same records. Importable from any test (pytest puts tests/ on
sys.path) and from bench scripts.
"""

import random
from itertools import accumulate

from kg.graph.build import graph_triples
from kg.graph.terms import Triple
from kg.records import ENTITY_TYPES, Article, Count, Entity, Event, EventDate, Evidence, Mention, Quote, Relation
from kg.resolve.merge import Resolution, ResolvedEvent, ResolvedQuote, ResolvedRelation

EVENT_TYPES = ("Arrest", "Raid", "Seizure", "Interception", "Rescue", "Charge", "Conviction", "Deployment", "Agreement")
UNITS = ("people", "boats", "vehicles", "engines", "euros", "kilograms")
RELATIONS = ("memberOf", "cooperatesWith", "operatesIn", "supports", "criticises", "basedIn", "locatedIn")
_SYLLABLES = ("ka", "lo", "mer", "tan", "vi", "sor", "de", "ru", "bel", "ni", "ost", "ha", "zu", "pe", "gar", "lin")
_WORDS = ("officers", "border", "agency", "said", "investigation", "minister", "police", "report", "cooperation",
          "smuggling", "court", "announced", "network", "support", "operation", "government", "officials")
_TYPE_WEIGHTS = (5, 2, 2, 1, 2)  # Person, Agency, Organisation, Country, Location
ZIPF_EXPONENT = 1.22  # with 4 candidate entities per article: ~9,000 entities met in 8,000 articles


def _name(rng: random.Random, kind: str, number: int) -> str:
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    suffix = {"Person": "", "Agency": " Agency", "Organisation": " Group", "Country": "land", "Location": " City"}[kind]
    return f"{word}{suffix} {number}"


def _sentence(rng: random.Random, *names: str) -> str:
    words = rng.choices(_WORDS, k=rng.randint(12, 28))
    for name in names:
        words.insert(rng.randrange(len(words) + 1), name)
    return " ".join(words).capitalize() + "."


def synthetic_resolution(articles: int, entities: int | None = None, relations_per_article: int = 9,
                         quotes_per_article: int = 4, seed: int = 0, events_per_article: int = 0) -> Resolution:
    """Resolved records of `articles` articles drawing on `entities` candidate entities (default 4 per article).

    Only the entities some article names are kept. With `events_per_article`
    each article also tells that many events (a node each on the page, as the
    real pipeline gives about four an article), drawn after everything else so
    the rest of the records are the same with or without them.
    """
    rng = random.Random(seed)
    entities = entities or 4 * articles
    kinds = rng.choices(ENTITY_TYPES, weights=_TYPE_WEIGHTS, k=entities)
    keys = [f"synthetic-{i:06d}" for i in range(entities)]
    resolution = Resolution()
    for i, (key, kind) in enumerate(zip(keys, kinds, strict=True)):
        resolution.entities[key] = Entity(key, _name(rng, kind, i), kind)
    popularity = list(accumulate(1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(entities)))
    for number in range(articles):
        _add_article(resolution, rng, keys, popularity, number, relations_per_article, quotes_per_article)
    if events_per_article:
        events_rng = random.Random(f"{seed}-events")
        for number in range(articles):
            _add_events(resolution, events_rng, keys, popularity, number, events_per_article)
    resolution.entities = {key: e for key, e in resolution.entities.items() if e.doc_ids}  # only those met
    return resolution


def _add_article(resolution: Resolution, rng: random.Random, keys: list[str], popularity: list[float],
                 number: int, relation_count: int, quote_count: int) -> None:
    doc_id = f"{number:06d}_synthetic"
    title = f"Article {number}: " + _sentence(rng)[:60]
    resolution.documents.append(Article(doc_id, f"corpus/{doc_id}.txt", title, "", ""))
    named = sorted(set(rng.choices(keys, cum_weights=popularity, k=relation_count + 5)))
    offset = len(title) + 1
    for key in named:
        resolution.entities[key].doc_ids.add(doc_id)
    for _ in range(relation_count if len(named) > 1 else 0):
        subject, obj = rng.sample(named, 2)
        sentence = _sentence(rng, resolution.entities[subject].name, resolution.entities[obj].name)
        evidence = Evidence(doc_id, offset, offset + len(sentence), sentence)
        offset += len(sentence) + 1
        mention = Mention(doc_id, evidence.start, evidence.start + 1, "x", "Person")
        relation = Relation(mention, rng.choice(RELATIONS), mention, evidence, round(rng.uniform(0.5, 0.95), 2), "synthetic")
        resolution.relations.append(ResolvedRelation(subject, relation.predicate, obj, relation))
    for _ in range(quote_count):
        speaker = rng.choice(named)
        text = _sentence(rng)
        evidence = Evidence(doc_id, offset, offset + len(text), text)
        offset += len(text) + 3
        mention = Mention(doc_id, evidence.start, evidence.start + 1, "x", "Person")
        resolution.quotes.append(ResolvedQuote(speaker, Quote(mention, text, evidence)))


def _add_events(resolution: Resolution, rng: random.Random, keys: list[str], popularity: list[float],
                number: int, count: int) -> None:
    """Events of article `number`: a type, one to three counts, most with a date, agents and a place it names."""
    doc_id = f"{number:06d}_synthetic"
    offset = 1_000_000  # after the article's relations and quotes
    for _ in range(count):
        agents = tuple(sorted(set(rng.choices(keys, cum_weights=popularity, k=rng.randint(1, 2)))))
        places = tuple(rng.choices(keys, cum_weights=popularity, k=rng.randint(0, 1)))
        for key in agents + places:
            resolution.entities[key].doc_ids.add(doc_id)
        text = _sentence(rng, *(resolution.entities[k].name for k in agents))
        evidence = Evidence(doc_id, offset, offset + len(text), text)
        counts = tuple(Count(rng.randint(2, 999), rng.choice(UNITS)) for _ in range(rng.randint(0, 3)))
        date = EventDate("on Sunday", f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}") if rng.random() < 0.6 else None
        event = Event(rng.choice(EVENT_TYPES), "arrested", offset, offset + 8, evidence, 0.8, "synthetic",
                      counts=counts, date=date)
        resolution.events.append(ResolvedEvent(agents, places, (), event))
        offset += len(text) + 1


def synthetic_triples(articles: int, entities: int | None = None, **options) -> list[Triple]:
    """The triples of `synthetic_resolution(articles, entities, **options)`, as `kg build` makes them."""
    return graph_triples(synthetic_resolution(articles, entities, **options))
