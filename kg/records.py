"""Plain records passed between the stages.

spaCy objects stop at `extract`: everything here is plain data, so resolve,
graph and export are testable without a model.
"""

from dataclasses import dataclass, field

ENTITY_TYPES = ("Person", "Agency", "Organisation", "Country", "Location")


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
class Extraction:
    """Everything read from one article."""

    article: Article
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    quotes: tuple[Quote, ...]
    aliases: tuple[tuple[str, str], ...] = ()  # (short form, long form) pairs stated in the text
    skipped_quotes: int = 0


@dataclass
class Entity:
    """A resolved entity: one node of the graph."""

    key: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    iso_code: str | None = None
    doc_ids: set[str] = field(default_factory=set)
