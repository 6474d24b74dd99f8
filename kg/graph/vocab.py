"""The kg vocabulary: every term of `ontology/kg.ttl` the code writes.

Code writes `KG.memberOf`, never IRI strings; with `_fail = True` a typo is an
AttributeError, and `tests/graph/test_vocab.py` checks every term here is
declared in the ontology.
"""

from functools import cache

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

BASE = "https://kg.example.org/"


class KG(DefinedNamespace):
    """Classes and properties of the kg ontology."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Person: URIRef  # a human being named in an article
    Organisation: URIRef  # any organisation; public bodies are its subclass Agency
    Agency: URIRef  # a public body: department, police, border, prosecution, intelligence
    Location: URIRef  # a place; countries are its subclass Country
    Country: URIRef  # a sovereign state, identified by its ISO 3166-1 code
    Position: URIRef  # a job title such as "Home Secretary"
    Document: URIRef  # a source article
    Quote: URIRef  # a direct quotation attributed to a speaker
    Statement: URIRef  # one extracted relation with its evidence
    Event: URIRef  # something that happened, as one sentence reports it; its types follow
    Arrest: URIRef
    Raid: URIRef
    Seizure: URIRef
    Interception: URIRef
    Rescue: URIRef
    Charge: URIRef
    Conviction: URIRef
    Deployment: URIRef
    Operation: URIRef  # an operation as one sentence reports it (an event)
    Agreement: URIRef
    Count: URIRef  # a number tied to an event, with its unit and qualifier
    NamedOperation: URIRef  # "Operation Sovereign Borders": one node across articles

    # relations between entities
    holdsPosition: URIRef
    memberOf: URIRef
    cooperatesWith: URIRef
    operatesIn: URIRef
    supports: URIRef
    criticises: URIRef
    basedIn: URIRef  # an organisation's seat or home place
    locatedIn: URIRef  # a place inside another place, as the text states it
    inCountry: URIRef  # a place in its country, from the GeoNames gazetteer

    # events
    agent: URIRef
    participant: URIRef
    place: URIRef
    date: URIRef
    dateText: URIRef
    dateIsDocumentDate: URIRef
    trigger: URIRef
    count: URIRef
    value: URIRef
    unit: URIRef
    qualifier: URIRef
    partOfOperation: URIRef
    participatesIn: URIRef  # an agent of an event of a named operation -> that operation

    # quotes
    speaker: URIRef
    text: URIRef

    # provenance and evidence
    mentionedIn: URIRef
    source: URIRef
    evidenceText: URIRef
    startChar: URIRef
    endChar: URIRef
    confidence: URIRef
    extractedBy: URIRef
    sourceFile: URIRef
    parsedWith: URIRef  # the spaCy pipeline a document was parsed with
    isoCode: URIRef


ENTITY = Namespace(BASE + "entity/")
DOC = Namespace(BASE + "doc/")
STATEMENT = Namespace(BASE + "statement/")
QUOTE = Namespace(BASE + "quote/")
POSITION = Namespace(BASE + "position/")
EVENT = Namespace(BASE + "event/")  # events and their counts, by hash of document, trigger offsets and type
OPERATION = Namespace(BASE + "operation/")  # named operations, by slug of their name

RELATIONS = ("holdsPosition", "memberOf", "cooperatesWith", "operatesIn", "supports", "criticises",
             "basedIn", "locatedIn", "inCountry")
SYMMETRIC_RELATIONS = frozenset({"cooperatesWith"})


@cache  # rdflib's DefinedNamespace look-up is slow, and builders ask for the same few terms 100,000s of times
def kg_iri(name: str) -> str:
    """The IRI of a kg term as a plain string: `kg_iri("memberOf")` is `str(KG.memberOf)`; unknown names raise."""
    return str(KG[name])
