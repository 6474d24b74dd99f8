"""Plain records passed between the stages.

spaCy objects stop at `extract`: everything here is plain data, so resolve,
graph and export are testable without a model.
"""

from dataclasses import dataclass, field
from decimal import Decimal

ENTITY_TYPES = ("Person", "Agency", "Organisation", "Country", "Location")
DATE_PRECISIONS = {4: "year", 7: "month", 10: "day"}  # length of the ISO 8601 form -> what it fixes


def date_precision(iso: str) -> str:
    """ "year", "month" or "day" for an ISO 8601 date of that precision: "2024", "2024-03", "2024-03-05".

    Raises:
        ValueError: not one of those three forms.
    """
    precision = DATE_PRECISIONS.get(len(iso))
    if precision is None or not iso[:4].isdigit():
        raise ValueError(f"not an ISO 8601 year, month or day: {iso!r}")
    return precision


@dataclass(frozen=True)
class Article:
    """One source article.

    `text` is the decoded file, or for HTML and Markdown the plain text
    extracted from it (`kg.ingest.read`); `clean_text` has the same length with
    page furniture blanked out, so character offsets into either agree.
    """

    doc_id: str
    source_file: str
    title: str
    text: str
    clean_text: str
    date: str | None = None  # publication date as the input states it (ISO 8601 day, month or year), else None

    @property
    def date_precision(self) -> str | None:
        """ "day", "month" or "year": how much of the date the input states; None without a date."""
        return date_precision(self.date) if self.date else None


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: a sentence and its offsets in the article text."""

    doc_id: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Mention:
    """A stretch of text naming an entity.

    `type` is one of ENTITY_TYPES, or "Title" for a bare job title ("the Home
    Secretary") that resolve maps to the person holding it. `key` is a
    curated identity (gazetteer id, or "country:XX"); `None` when the entity
    is known only by its name.
    """

    doc_id: str
    start: int
    end: int
    text: str
    type: str
    key: str | None = None
    name: str | None = None  # canonical name when curated data gives one


@dataclass(frozen=True)
class Relation:
    """A typed relation between two mentions (or a mention and a title)."""

    subject: Mention
    predicate: str
    object: Mention | str
    evidence: Evidence
    confidence: float
    rule: str


@dataclass(frozen=True)
class Quote:
    """A direct quotation and the mention of its speaker."""

    speaker: Mention
    text: str
    evidence: Evidence  # offsets of the quoted text itself


@dataclass(frozen=True)
class Count:
    """A number the text ties to an event: "more than 40 small boats" is (40, "boats", "more than").

    `value` is an int, or a Decimal for a fraction ("2.5 tonnes"): never a float, so
    the literal written is the number read.
    """

    value: int | Decimal
    unit: str  # what is counted: "people", "boats", "engines", "years", "euros", "kilograms", ...
    qualifier: str | None = None  # "more than", "up to", "around", as the text says it


@dataclass(frozen=True)
class EventDate:
    """When an event happened: the expression read and what it resolves to.

    `iso` is an ISO 8601 day, month or year ("2024-03-03", "2024-03", "2024"),
    or None when the expression cannot be resolved (no document date to count
    from): then only `text` is kept, never a guess. With `is_document_date` the
    text gives no date for the event and `iso` is the document's own date.
    """

    text: str  # the expression as written ("on Sunday", "3 March 2024"); "" for the document's date
    iso: str | None
    is_document_date: bool = False

    @property
    def precision(self) -> str | None:
        return date_precision(self.iso) if self.iso else None


@dataclass(frozen=True)
class Event:
    """Something that happened, as one sentence tells it: an arrest, a seizure, a deployment, ...

    `type` is one of the event types of `ontology/event_types.tsv` ("Arrest",
    "Seizure", ...). The trigger is the word or phrase that names the event
    ("arrested", "seized"); its offsets, with the document and the type, make
    the event's IRI. Agents (who acted), places and participants (people it
    happened to) are mentions of the article's `Extraction.mentions`, so resolve
    gives them their entities as it does a relation's ends.
    """

    type: str
    trigger: str
    start: int  # offsets of the trigger in the article text
    end: int
    evidence: Evidence
    confidence: float
    rule: str
    agents: tuple[Mention, ...] = ()
    places: tuple[Mention, ...] = ()
    participants: tuple[Mention, ...] = ()
    counts: tuple[Count, ...] = ()
    date: EventDate | None = None
    operation: str | None = None  # the name of the named operation it belongs to: "Operation Sovereign Borders"


@dataclass(frozen=True)
class Extraction:
    """Everything read from one article."""

    article: Article
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    quotes: tuple[Quote, ...]
    aliases: tuple[tuple[str, str], ...] = ()  # (short form, long form) pairs stated in the text
    skipped_quotes: int = 0
    events: tuple[Event, ...] = ()


@dataclass
class Entity:
    """A resolved entity: one node of the graph."""

    key: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    iso_code: str | None = None
    doc_ids: set[str] = field(default_factory=set)
