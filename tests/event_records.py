"""Events as extraction records: what `kg/extract/events.py` will hand on, made by hand for the tests.

No extractor finds events yet, so the tests of everything after extraction
(resolve, graph, shapes, queries, networkx, eval, page, streaming) take these
records. Two small articles of our own, with every mention and evidence a real
slice of its text:

* `dated`: a press release dated 5 March 2024 ("Published 5 March 2024"):
  an arrest on Sunday (3 March), a seizure in Calais last week, a named
  operation of Europol and the NCA in January, a conviction with a prison
  term, a deployment of up to 100 investigators with no date of its own (the
  document's date, flagged), a second seizure in Folkestone in February, and
  an agreement of the UK and France with no date at all (no date record).
* `undated`: a wire story with no date: an arrest "yesterday" that stays
  unresolved, with its text kept.

Importable from any test (pytest puts tests/ on sys.path).
"""

from decimal import Decimal

from kg.ingest.dates import document_date, resolve_expression
from kg.records import Article, Count, Event, Evidence, Extraction, Mention, Relation

DATED_TEXT = (
    "Six arrested in Kent as NCA and Europol seize boats\n"
    "Published 5 March 2024\n"
    "The National Crime Agency arrested six people in Folkestone on Sunday.\n"
    "French police seized more than 40 small boats and engines in Calais, France, last week.\n"
    "Europol and the NCA took part in Operation Nautilus in January.\n"
    "John Carter was jailed for eight years by a court in Folkestone.\n"
    "Up to 100 new investigators will be recruited by the NCA.\n"
    "The NCA seized 2.5 kilograms of cocaine in Folkestone in February.\n"
    "The UK and France signed an agreement on border patrols.\n"
)
UNDATED_TEXT = (
    "Three held in Rotterdam\n"
    "Dutch police arrested three men in Rotterdam yesterday, the NCA said.\n"
)
DATED_DATE = "2024-03-05"


def article(doc_id: str, text: str, date: str | None) -> Article:
    return Article(doc_id, f"{doc_id}.txt", text.split("\n")[0], text, text, date)


def mention(doc_id: str, text: str, surface: str, kind: str, key: str | None = None, after: str = "") -> Mention:
    """The mention of `surface` in `text` (the first after the string `after`)."""
    start = text.index(surface, text.index(after) if after else 0)
    return Mention(doc_id, start, start + len(surface), surface, kind, key)


def sentence(doc_id: str, text: str, words: str) -> Evidence:
    """The evidence of the line of `text` that contains `words`."""
    start = text.index(words)
    start = text.rfind("\n", 0, start) + 1
    end = text.index("\n", start)
    return Evidence(doc_id, start, end, text[start:end])


def event(doc_id: str, text: str, kind: str, trigger: str, line: str, **fields) -> Event:
    start = text.index(trigger, text.index(line))
    return Event(kind, trigger, start, start + len(trigger), sentence(doc_id, text, line), 0.8, f"{kind.lower()}-test",
                 **fields)


def dated_extraction() -> Extraction:
    doc, text = "dated", DATED_TEXT
    nca = mention(doc, text, "National Crime Agency", "Agency", "national-crime-agency")
    nca_2 = mention(doc, text, "NCA", "Agency", "national-crime-agency", after="Europol and")
    nca_3 = mention(doc, text, "NCA", "Agency", "national-crime-agency", after="recruited")
    nca_4 = mention(doc, text, "NCA", "Agency", "national-crime-agency", after="The NCA seized")
    europol = mention(doc, text, "Europol", "Agency", "europol", after="Europol and")
    french_police = mention(doc, text, "French police", "Organisation", None)
    folkestone = mention(doc, text, "Folkestone", "Location", "folkestone", after="six people")
    folkestone_2 = mention(doc, text, "Folkestone", "Location", "folkestone", after="a court in")
    folkestone_3 = mention(doc, text, "Folkestone", "Location", "folkestone", after="cocaine in")
    calais = mention(doc, text, "Calais", "Location", "calais")
    france = mention(doc, text, "France", "Country", "country:FR", after="Calais")
    carter = mention(doc, text, "John Carter", "Person")
    uk = mention(doc, text, "UK", "Country", "country:GB", after="The UK")
    france_2 = mention(doc, text, "France", "Country", "country:FR", after="The UK and")
    mentions = (nca, french_police, calais, france, europol, nca_2, carter, folkestone, folkestone_2, nca_3, nca_4,
                folkestone_3, uk, france_2)
    relations = (Relation(calais, "locatedIn", france, sentence(doc, text, "Calais, France"), 0.8, "located-in-test"),
                 Relation(folkestone, "inCountry", uk, sentence(doc, text, "six people in Folkestone"), 0.5,
                          "inCountry-geonames"))
    events = (
        event(doc, text, "Arrest", "arrested", "The National Crime Agency arrested", agents=(nca,),
              places=(folkestone,), counts=(Count(6, "people"),), date=resolve_expression("on Sunday", DATED_DATE)),
        event(doc, text, "Seizure", "seized", "French police seized", agents=(french_police,), places=(calais,),
              counts=(Count(40, "boats and engines", "more than"),), date=resolve_expression("last week", DATED_DATE)),
        event(doc, text, "Operation", "took part", "Europol and the NCA", agents=(europol, nca_2),
              date=resolve_expression("in January", DATED_DATE), operation="Operation Nautilus"),
        event(doc, text, "Conviction", "jailed", "John Carter was jailed", participants=(carter,),
              places=(folkestone_2,), counts=(Count(8, "years"),), date=document_date(DATED_DATE)),
        event(doc, text, "Deployment", "recruited", "Up to 100", agents=(nca_3,),
              counts=(Count(100, "investigators", "up to"),), date=document_date(DATED_DATE)),
        event(doc, text, "Seizure", "seized", "The NCA seized", agents=(nca_4,), places=(folkestone_3,),
              counts=(Count(Decimal("2.5"), "kilograms"),), date=resolve_expression("in February", DATED_DATE)),
        event(doc, text, "Agreement", "signed", "The UK and France signed", agents=(uk, france_2)),
    )
    return Extraction(article(doc, text, DATED_DATE), mentions, relations, (), events=events)


def undated_extraction() -> Extraction:
    doc, text = "undated", UNDATED_TEXT
    dutch = mention(doc, text, "Dutch police", "Organisation")
    rotterdam = mention(doc, text, "Rotterdam", "Location", "rotterdam", after="men in")
    nca = mention(doc, text, "NCA", "Agency", "national-crime-agency")
    events = (event(doc, text, "Arrest", "arrested", "Dutch police arrested", agents=(dutch,), places=(rotterdam,),
                    counts=(Count(3, "people"),), date=resolve_expression("yesterday", None)),)
    return Extraction(article(doc, text, None), (dutch, rotterdam, nca), (), (), events=events)


def event_extractions() -> list[Extraction]:
    return [dated_extraction(), undated_extraction()]
