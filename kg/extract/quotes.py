"""Direct quotations and their speakers.

A quotation is text between quotation marks (curly or straight) within a
paragraph; one left open at a paragraph's end runs to that end, and the next
paragraph opening with a quotation mark continues it (the news convention
for quotes over several paragraphs). The speaker is found, in this order, by
a reporting verb's subject next to the quotation ("…,” she said"; "Jones
said: “…”"), by "according to X", by the continued quotation, or by a
reporting verb in the sentence before. A quotation with no speaker is
skipped (and counted), never guessed.
"""

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.context import PERSONAL_PRONOUNS, DocContext
from kg.records import Evidence, Mention, Quote

_OPENERS = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’"}
_MIN_WORDS = 4  # shorter quotations are scare quotes or names, not statements
_SPEAKER_TYPES = {"Person", "Agency", "Organisation", "Country", "Title"}


@dataclass(frozen=True)
class Quotation:
    start: int  # offset of the first character inside the marks
    end: int
    open_ended: bool  # no closing mark before the paragraph ended
    paragraph: int


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:,") and not after.isspace()


def _closing(text: str, mark: str, start: int) -> int:
    """Where the quotation opened before `start` closes, or -1.

    A curly single quote also serves as apostrophe ("don’t", "the gangs’"),
    so it closes only where no letter follows it.
    """
    close = text.find(mark, start)
    if mark == "’":
        while close != -1 and close + 1 < len(text) and text[close + 1].isalnum():
            close = text.find(mark, close + 1)
    return close


def find_quotations(text: str) -> list[Quotation]:
    """Character ranges of quoted text, paragraph by paragraph."""
    found, offset = [], 0
    for number, paragraph in enumerate(text.split("\n")):
        i = 0
        while i < len(paragraph):
            mark = paragraph[i]
            if mark in _OPENERS and _opens(paragraph, i):
                close = _closing(paragraph, _OPENERS[mark], i + 1)
                if close == -1:
                    found.append(Quotation(offset + i + 1, offset + len(paragraph.rstrip()), True, number))
                    break
                found.append(Quotation(offset + i + 1, offset + close, False, number))
                i = close
            i += 1
        offset += len(paragraph) + 1
    return found


def _resolve_pronoun(ctx: DocContext, token: Token) -> Mention | None:
    if token.lower_ in PERSONAL_PRONOUNS:
        return ctx.previous_mention(token.idx, {"Person", "Title"})
    return None


def subject_mention(ctx: DocContext, verb: Token) -> Mention | None:
    """The entity doing `verb`.

    Its subject; a person in apposition to it ("Spain's Secretary of State,
    Carmen Ortega, said"); a pronoun's antecedent; or the body behind a
    spokesperson or statement ("a Commission spokesperson said").
    """
    for child in verb.children:
        if child.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if child.pos_ == "PRON":
            return _resolve_pronoun(ctx, child)
        for appos in child.children:
            if appos.dep_ == "appos" and appos.i in ctx.by_token and ctx.by_token[appos.i].type == "Person":
                return ctx.by_token[appos.i]
        if child.i in ctx.by_token:
            return ctx.by_token[child.i]
        if child.lemma_.lower() in ctx.words("quote_source_nouns"):
            for token in child.subtree:
                if token.i in ctx.by_token:
                    return ctx.by_token[token.i]
        return ctx.mention_of(child) or ctx.named_earlier(child)
    return None


def _reporting_speaker(ctx: DocContext, tokens: list[Token], near: int) -> Mention | None:
    verbs = [t for t in tokens if t.lemma_.lower() in ctx.words("reporting_verbs") and t.pos_ in {"VERB", "AUX"}]
    for verb in sorted(verbs, key=lambda t: abs(t.idx - near)):
        speaker = subject_mention(ctx, verb)
        if speaker and speaker.type in _SPEAKER_TYPES:
            return speaker
    return None


def _according_to(ctx: DocContext, tokens: list[Token]) -> Mention | None:
    for token in tokens:
        if token.lower_ == "according" and token.nbor(1).lower_ == "to":
            for t in token.nbor(1).subtree:
                if t.i in ctx.by_token and ctx.by_token[t.i].type in _SPEAKER_TYPES:
                    return ctx.by_token[t.i]
    return None


def _sentences(ctx: DocContext, q: Quotation) -> list[Span]:
    first = ctx.doc.char_span(max(q.start - 1, 0), q.start, alignment_mode="expand")
    last = ctx.doc.char_span(q.end, min(q.end + 1, len(ctx.text)), alignment_mode="expand")
    sents = [s.sent for s in (first, last) if s is not None and len(s)]
    return list({s.start: s for s in sents}.values())


def _outside(ctx: DocContext, sents: list[Span]) -> list[Token]:
    return [t for s in sents for t in s if not ctx.is_quoted(t.idx) and not t.is_space]


def _sentence_before(ctx: DocContext, sent: Span) -> Span | None:
    if sent.start == 0:
        return None
    previous = ctx.doc[sent.start - 1].sent
    while previous.text.isspace() and previous.start > 0:
        previous = ctx.doc[previous.start - 1].sent
    return None if previous.text.isspace() else previous


def _opens_paragraph(ctx: DocContext, q: Quotation) -> bool:
    line_start = ctx.text.rfind("\n", 0, q.start) + 1
    return not ctx.text[line_start : q.start - 1].strip()


def _continued_speaker(ctx: DocContext, q: Quotation, last_q: Quotation, last_speaker: Mention) -> Mention | None:
    """A quotation with no attribution of its own continues the speaker before it.

    In the same paragraph ("…,” said Verbeek. “Today's results…”), or
    opening the next paragraph after an open or closed quotation.
    """
    if last_q.paragraph == q.paragraph:
        return last_speaker
    if _opens_paragraph(ctx, q) and (last_q.open_ended or last_q.paragraph == q.paragraph - 1):
        return last_speaker
    return None


def _speaker_before(ctx: DocContext, sent: Span) -> Mention | None:
    """The person the sentence before is about, when it has no quotation of its own.

    "Papadakis welcomed the deployment. “Our officers…”": a reporting verb's
    subject first, else the subject of the sentence's main verb if a person.
    """
    before = _sentence_before(ctx, sent)
    if before is None or any(ctx.is_quoted(t.idx) for t in before):
        return None
    speaker = _reporting_speaker(ctx, list(before), before.end_char)
    if speaker is None:
        speaker = subject_mention(ctx, before.root)
        speaker = speaker if speaker is not None and speaker.type in {"Person", "Title"} else None
    return speaker


def extract_quotes(ctx: DocContext) -> tuple[list[Quote], int]:
    """All attributed quotations of a document, and the number skipped for want of a speaker."""
    quotations = find_quotations(ctx.text)
    ctx.quoted = [(q.start, q.end) for q in quotations]
    quotes: list[Quote] = []
    previous: tuple[Quotation, Mention] | None = None
    skipped = 0
    for q in quotations:
        sents = _sentences(ctx, q)
        outside = _outside(ctx, sents)
        speaker = _reporting_speaker(ctx, outside, q.start) or _according_to(ctx, outside)
        if speaker is None and previous:
            speaker = _continued_speaker(ctx, q, *previous)
        if speaker is None and sents:
            speaker = _speaker_before(ctx, sents[0])
        text = ctx.text[q.start : q.end].strip()
        if speaker is None:
            skipped += len(text.split()) >= _MIN_WORDS
            continue
        previous = (q, speaker)
        if len(re.findall(r"\w+", text)) < _MIN_WORDS:
            continue
        quotes.append(Quote(speaker, text, Evidence(ctx.doc_id, q.start, q.end, text)))
    return quotes, skipped
