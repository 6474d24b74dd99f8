"""Seats and containments as resolved records: kg:basedIn, kg:locatedIn and kg:inCountry without the NLP.

The seed articles state no organisation's seat and no place inside another, so
tests/data/valid_graph.ttl has neither relation. Tests that need them take
these records, shaped as the extraction rules and the resolver produce them,
and let the real graph builder make the triples. Importable from any test
(pytest puts tests/, the folder of the root conftest.py, on sys.path).

The article, its entities and its offsets are consistent: every evidence
sentence is the slice [start, end) of TEXT. Svilengrad and Sofia are in
Bulgaria by GeoNames only (kg:inCountry, with the sentence naming the town as
evidence), and the Kapitan Andreevo checkpoint is in Svilengrad by the text.
"""

from kg.graph.build import graph_triples
from kg.graph.terms import Triple
from kg.records import Article, Entity, Evidence, Mention, Relation
from kg.resolve.merge import Resolution, ResolvedRelation

DOC_ID = "places"
TITLE = "Frontex to double its officers in Bulgaria"
TEXT = (
    f"{TITLE}\n"
    "The Warsaw-based Frontex will send 250 more officers to Bulgaria.\n"
    "Its management board met in Warsaw, Poland, on Monday.\n"
    "Border Force officers are stationed in Calais, Hauts-de-France, France.\n"
    "Frontex officers also patrol Svilengrad with the Sofia-based Border Police.\n"
    "Europol analysts work at the Kapitan Andreevo checkpoint in Svilengrad.\n"
)
SENTENCES = TEXT.splitlines()[1:]

# key: (name, type, ISO code)
ENTITIES = {
    "frontex": ("Frontex", "Agency", None),
    "border-force": ("Border Force", "Agency", None),
    "border-police": ("Border Police", "Agency", None),
    "europol": ("Europol", "Agency", None),
    "warsaw": ("Warsaw", "Location", None),
    "calais": ("Calais", "Location", None),
    "hauts-de-france": ("Hauts-de-France", "Location", None),
    "svilengrad": ("Svilengrad", "Location", None),
    "sofia": ("Sofia", "Location", None),
    "kapitan-andreevo": ("Kapitan Andreevo", "Location", None),
    "poland": ("Poland", "Country", "PL"),
    "bulgaria": ("Bulgaria", "Country", "BG"),
    "france": ("France", "Country", "FR"),
}

# (subject, predicate, object, sentence number, confidence, rule)
RELATIONS = [
    ("frontex", "basedIn", "warsaw", 0, 0.9, "based-in-compound"),
    ("frontex", "operatesIn", "bulgaria", 0, 0.8, "operates-in-cue"),
    ("warsaw", "locatedIn", "poland", 1, 0.8, "located-in-apposition"),
    ("border-force", "operatesIn", "calais", 2, 0.8, "operates-in-cue"),
    ("calais", "locatedIn", "hauts-de-france", 2, 0.8, "located-in-apposition"),
    ("hauts-de-france", "locatedIn", "france", 2, 0.8, "located-in-apposition"),
    ("frontex", "operatesIn", "svilengrad", 3, 0.8, "operates-in-cue"),
    ("border-police", "basedIn", "sofia", 3, 0.9, "based-in-compound"),
    ("svilengrad", "inCountry", "bulgaria", 3, 0.5, "inCountry-geonames"),
    ("sofia", "inCountry", "bulgaria", 3, 0.5, "inCountry-geonames"),
    ("europol", "operatesIn", "kapitan-andreevo", 4, 0.8, "operates-in-cue"),
    ("kapitan-andreevo", "locatedIn", "svilengrad", 4, 0.8, "located-in-apposition"),
]


def evidence(number: int) -> Evidence:
    """The evidence of sentence `number` (0 is the first after the headline)."""
    sentence = SENTENCES[number]
    start = TEXT.index(sentence)
    return Evidence(DOC_ID, start, start + len(sentence), sentence)


def mention(key: str, number: int) -> Mention:
    """The first mention of an entity's name in sentence `number`, else in the article.

    GeoNames' country is the article's first mention of it, not one in the town's sentence.
    """
    name, kind, _ = ENTITIES[key]
    ev = evidence(number)
    start = TEXT.find(name, ev.start, ev.end)
    if start < 0:
        start = TEXT.index(name)
    return Mention(DOC_ID, start, start + len(name), name, kind, key, name)


def places_resolution() -> Resolution:
    """A resolved corpus of one article: two seats, four stated containments, two from GeoNames, four operatesIn."""
    article = Article(DOC_ID, f"{DOC_ID}.txt", TITLE, TEXT, TEXT)
    entities = {key: Entity(key, name, kind, iso_code=iso, doc_ids={DOC_ID})
                for key, (name, kind, iso) in ENTITIES.items()}
    relations = [
        ResolvedRelation(s, p, o, Relation(mention(s, n), p, mention(o, n), evidence(n), confidence, rule))
        for s, p, o, n, confidence, rule in RELATIONS
    ]
    return Resolution(entities=entities, relations=relations, documents=[article])


def places_triples() -> list[Triple]:
    """The knowledge graph of `places_resolution()`, as the builder writes it."""
    return graph_triples(places_resolution())
