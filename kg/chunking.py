"""Long articles in pieces: split, extract each piece, shift offsets back.

spaCy refuses a text longer than `nlp.max_length` (1,000,000 characters) and
its memory grows with the length of a Doc, so an article longer than
`MAX_PIECE_CHARS` is parsed in pieces cut at paragraph breaks, else at
sentence ends, else at spaces, else anywhere. Each piece is extracted as if
it were an article of its own, then every offset is shifted back by the
piece's start, so offsets stay relative to the original text, and the pieces'
records are joined into one Extraction of the whole article. Articles of
ordinary length (all news articles) are one piece: their extraction is
exactly what it was.
"""

import dataclasses
import re
from collections.abc import Iterable

from kg.records import Article, Event, Evidence, Extraction, Mention, Quote, Relation

MAX_PIECE_CHARS = 100_000
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"”’)]*\s+"), re.compile(r"\s+"))


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece starting at `start` ends: the last good break before `start + limit`."""
    end = start + limit
    if end >= len(text):
        return len(text)
    floor = start + limit // 2  # never a piece shorter than half the limit, unless it is the last
    for pattern in _BREAKS:
        last = None
        for match in pattern.finditer(text, floor, end):
            last = match
        if last is not None:
            return last.end()
    return end


def split_text(text: str, limit: int = MAX_PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering `text`, each at most `limit` characters."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    pieces, start = [], 0
    while start < len(text) or not pieces:
        end = _cut(text, start, limit)
        pieces.append((start, end))
        start = end
    return pieces


def pieces_of(article: Article, limit: int = MAX_PIECE_CHARS) -> list[tuple[int, Article]]:
    """The article itself when short enough, else (offset, piece) records to parse one by one."""
    if len(article.clean_text) <= limit:
        return [(0, article)]
    return [(start, dataclasses.replace(article, text=article.text[start:end], clean_text=article.clean_text[start:end]))
            for start, end in split_text(article.clean_text, limit)]


def _shift_mention(mention: Mention, offset: int) -> Mention:
    return dataclasses.replace(mention, start=mention.start + offset, end=mention.end + offset)


def _shift_evidence(evidence: Evidence, offset: int) -> Evidence:
    return dataclasses.replace(evidence, start=evidence.start + offset, end=evidence.end + offset)


def _shift_relation(relation: Relation, offset: int) -> Relation:
    obj = _shift_mention(relation.object, offset) if isinstance(relation.object, Mention) else relation.object
    return dataclasses.replace(relation, subject=_shift_mention(relation.subject, offset), object=obj,
                               evidence=_shift_evidence(relation.evidence, offset))


def _shift_quote(quote: Quote, offset: int) -> Quote:
    return dataclasses.replace(quote, speaker=_shift_mention(quote.speaker, offset),
                               evidence=_shift_evidence(quote.evidence, offset))


def _shift_event(event: Event, offset: int) -> Event:
    def shifted(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
        return tuple(_shift_mention(m, offset) for m in mentions)

    return dataclasses.replace(event, start=event.start + offset, end=event.end + offset,
                               evidence=_shift_evidence(event.evidence, offset), agents=shifted(event.agents),
                               places=shifted(event.places), participants=shifted(event.participants))


def join_pieces(article: Article, parts: Iterable[tuple[int, Extraction]]) -> Extraction:
    """One Extraction of the whole article from the extractions of its pieces."""
    parts = list(parts)
    if len(parts) == 1 and parts[0][0] == 0 and parts[0][1].article == article:
        return parts[0][1]
    mentions, relations, quotes, aliases, skipped, events = [], [], [], [], 0, []
    for offset, ext in parts:
        mentions += [_shift_mention(m, offset) for m in ext.mentions]
        relations += [_shift_relation(r, offset) for r in ext.relations]
        quotes += [_shift_quote(q, offset) for q in ext.quotes]
        aliases += ext.aliases
        skipped += ext.skipped_quotes
        events += [_shift_event(e, offset) for e in ext.events]
    return Extraction(article, tuple(mentions), tuple(relations), tuple(quotes), tuple(dict.fromkeys(aliases)), skipped,
                      tuple(events))
