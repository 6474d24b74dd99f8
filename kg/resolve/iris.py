"""Stable, readable IRIs minted from canonical names.

Every local name is ASCII `[a-z0-9]` words joined by `-` (`_` in document
ids), the shape `ontology/shapes.ttl` requires, so an IRI is valid as it
stands in Turtle, N-Triples, JSON-LD, SPARQL and a URL, with nothing to
escape. A name whose letters ASCII folding cannot keep (Cyrillic, Chinese,
Arabic, ...) gets a short hash of the name instead of an empty or colliding
slug: Unicode IRIs would break that shape and bring NFC/NFD and bidi (RFC
3987 §4) ambiguity, and the readable name is in the entity's `rdfs:label`.
"""

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

from kg.gazetteer import slug
from kg.graph.vocab import DOC, ENTITY, POSITION, QUOTE, STATEMENT

NAME_HASH_LENGTH = 12
_SLUG_SHAPE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOC_ID_SHAPE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
# Latin letters that NFKD does not decompose, so slug() would drop them ("Støre" -> "stre").
_LATIN_FOLDS = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H",
})


def digest(*parts: object) -> str:
    """A short content hash: the same parts always give the same IRI."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def _name_words(text: str) -> str:
    """The name as case- and spacing-insensitive words, so spellings slug() joins also hash alike."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"[^\W_]+", folded))


def _loses_letters(text: str) -> bool:
    """True when ASCII folding would drop a letter or digit (non-Latin scripts), not just accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return any(not ch.isascii() and unicodedata.category(ch)[0] in "LN" for ch in decomposed)


@lru_cache(maxsize=65536)  # a corpus names the same people, bodies and titles again and again
def slug_or_hash(text: str) -> str:
    """A stable key of `[a-z0-9]` words for any name: its slug, plus a hash when the slug would lose letters.

    >>> slug_or_hash("Police aux frontières"), slug_or_hash("Jonas Gahr Støre")
    ('police-aux-frontieres', 'jonas-gahr-store')
    >>> slug_or_hash("Министерство внутренних дел") == slug_or_hash("министерство  Внутренних дел")
    True
    """
    folded = text.translate(_LATIN_FOLDS)
    readable = slug(folded)
    if readable and not _loses_letters(folded):
        return readable
    hashed = hashlib.sha256(_name_words(text).encode("utf-8")).hexdigest()[:NAME_HASH_LENGTH]
    return f"{readable}-{hashed}" if readable else hashed


def entity_iri(key: str) -> URIRef:
    """`kge:national-crime-agency` for the key "national-crime-agency"; any other key is made safe first."""
    return ENTITY[key if _SLUG_SHAPE.fullmatch(key) else slug_or_hash(key)]


def document_iri(doc_id: str) -> URIRef:
    """`kgd:000_301b9ffc123abff1` for that file stem; other stems get a hash, so distinct files never share an IRI."""
    if _DOC_ID_SHAPE.fullmatch(doc_id):
        return DOC[doc_id]
    readable = slug(doc_id.translate(_LATIN_FOLDS)).replace("-", "_")
    hashed = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:NAME_HASH_LENGTH]
    return DOC[f"{readable}_{hashed}" if readable else hashed]


def position_iri(title: str) -> URIRef:
    return POSITION[slug_or_hash(title)]


def statement_iri(*parts: object) -> URIRef:
    return STATEMENT[digest(*parts)]


def quote_iri(*parts: object) -> URIRef:
    return QUOTE[digest(*parts)]
