"""Stable, readable IRIs minted from canonical names."""

import hashlib

from rdflib import URIRef

from kg.gazetteer import slug
from kg.graph.vocab import DOC, ENTITY, POSITION, QUOTE, STATEMENT


def entity_iri(key: str) -> URIRef:
    """`kge:national-crime-agency` for the key "national-crime-agency"."""
    return ENTITY[key]


def document_iri(doc_id: str) -> URIRef:
    return DOC[slug(doc_id).replace("-", "_") or "document"]


def position_iri(title: str) -> URIRef:
    return POSITION[slug(title)]


def digest(*parts: object) -> str:
    """A short content hash: the same parts always give the same IRI."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def statement_iri(*parts: object) -> URIRef:
    return STATEMENT[digest(*parts)]


def quote_iri(*parts: object) -> URIRef:
    return QUOTE[digest(*parts)]
