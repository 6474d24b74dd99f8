"""Direct quotations and their speakers.

A quotation is text between quotation marks (curly or straight, double or
single) within a paragraph; one left open at a paragraph's end runs to that
end, and the next paragraph opening with a quotation mark continues it (the
news convention for quotes over several paragraphs); one left open at the
text's end is kept (a text cut off). Single marks are also apostrophes
("don’t", "the ’90s", "rock ’n’ roll", "the smugglers’ boats"): a single mark
closes only after a word or punctuation and before no letter, and one that
could be a plural possessive closes only when no surer closing mark follows
(see `_single_closing`). A quotation inside another ("“He told me ‘we are
ready’ and left,” she said") is part of it. The speaker is found, in this
order, by a reporting verb's subject next to the quotation ("…,’ she said";
"Jones said: ‘…’"; "a Commission spokesperson said"), by "according to X",
by the continued quotation, or by a reporting verb in the sentence before. A
quotation with no speaker is skipped (and counted), never guessed.
"""

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.context import PERSONAL_PRONOUNS, DocContext
from kg.records import Evidence, Mention, Quote

_DOUBLE = {"“": "”", '"': '"', "«": "»", "„": "“"}
_MIXED_DOUBLE = {"”": '"', '"': "”"}  # the other closing mark of a double quotation
_SINGLE_OPENERS = "‘'"
_SINGLE_CLOSERS = "’'"  # either closes either: pages mix them ("‘focused'")
_MIN_WORDS = 4  # shorter quotations are scare quotes or names, not statements
_SPEAKER_TYPES = {"Person", "Agency", "Organisation", "Country", "Title"}

# A word that begins with an apostrophe and is no quotation: ’n’, ’em, ’til, ’90s, a stray ‘s.
_ELISION = re.compile(r"[‘'’](?:n[’'](?!\w)|(?:n|em|til|cause|cos|tis|twas|bout|s|\d0s|ndrangheta)\b)", re.IGNORECASE)
# Words that never follow a possessive ("the smugglers’ boats"): a mark after a
# word in s and before one of these closes a quotation ("…the smugglers’ and left").
_NOT_AFTER_POSSESSIVE = frozenset("""
    i you he she it we they me him us them
    the a an this these those
    and or but nor so yet because as if while when whereas where which who whom whose than that
    though although unless until since after before
    in on at of for to from with by about into onto over under without within through across
    against among amongst between during despite towards toward via per
    is are was were be been being has have had will would can could should shall may might must
    do does did not then now also too again instead today tonight yesterday earlier later
    said says say added adds told tells warned warns insisted insists claimed claims explained
    explains stated states declared wrote writes argued argues admitted admits continued continues
    stressed urged according
""".split())
# "…the smugglers’ Tom Hale said": names, then a reporting verb.
_REPORTED_AFTER = re.compile(r"\s+(?:[A-Z][\w.’'-]*\s+){1,4}(?:said|says|added|adds|told|tells|warned|insisted|claimed|wrote)\b")
_NOMINAL_BEFORE = frozenset("the a an its their his her our your this that these those".split())
_SINGLE_MARKS = re.compile("[‘’']")
_MAX_MARKS = 200  # single marks read for one quotation's end: bounds the work on a long paragraph of apostrophes
_PARAGRAPH_END = re.compile(r"\s*\Z")
_NEXT_WORD = re.compile(r"\s*([^\W_]*)")
_CLOSING_PUNCTUATION = frozenset(",.;:!?)]}…—–-”\"")
_OPENING_CONTEXT = frozenset("([—–-:,“‘\"")


@dataclass(frozen=True)
class Quotation:
    start: int  # offset of the first character inside the marks
    end: int
    open_ended: bool  # no closing mark before the paragraph ended
    paragraph: int  # number of the paragraph among the text's non-blank lines


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in _OPENING_CONTEXT:
        if text[i] == "«" and after in " \u00a0\u202f":  # « Bonjour », the French way: a space inside the marks
            return True
        return not after.isspace() and not (text[i] in _SINGLE_OPENERS and _ELISION.match(text, i))
    return False


def _closing(text: str, mark: str, start: int) -> int:
    """Where the double quotation opened before `start` closes, or -1.

    At its closing mark; a curly one also at a straight mark, as pages
    mixing them print it ("“…," he said"), when that comes after a word or
    punctuation but no digit (12") and before no letter; a straight one at a
    curly closing mark only when no straight mark follows.
    """
    close = text.find(mark, start)
    if mark not in _MIXED_DOUBLE or close != -1 and mark == '"':
        return close
    other = _MIXED_DOUBLE[mark]
    j = text.find(other, start, close if close != -1 else len(text))
    while j != -1:
        if not text[j - 1].isspace() and not text[j - 1].isdigit() and not (j + 1 < len(text) and text[j + 1].isalnum()):
            return j
        j = text.find(other, j + 1, close if close != -1 else len(text))
    return close


def _can_close_single(text: str, j: int) -> bool:
    """A single mark that may close: after a word or punctuation, before no letter ("don’t", "O’Brien").

    Not the second mark of "rock ’n’ roll"; before a letter only straight
    after punctuation (",’said").
    """
    if text[j] not in _SINGLE_CLOSERS or j == 0 or text[j - 1].isspace():
        return False
    if j + 1 < len(text) and text[j + 1].isalnum() and text[j - 1] not in ",.!?":
        return False
    return not (text[j - 1] in "nN" and j >= 2 and text[j - 2] in "‘'’" and (j == 2 or text[j - 3].isspace()))


def _surely_closes(text: str, j: int) -> bool:
    """A closing single mark, not the apostrophe of a plural possessive ("the gangs’ boats").

    It ends the paragraph, touches punctuation (",’", "’."), follows a word
    not in s ("ready’ and"), or comes before a word no possessive comes
    before ("…smugglers’ he said") or before a name and a reporting verb.
    """
    if _PARAGRAPH_END.match(text, j + 1) or text[j + 1] in _CLOSING_PUNCTUATION or text[j - 1] in _CLOSING_PUNCTUATION:
        return True
    if text[j - 1] not in "sSzZxX":
        return True
    word = _NEXT_WORD.match(text, j + 1).group(1)
    return not word or word.lower() in _NOT_AFTER_POSSESSIVE or bool(_REPORTED_AFTER.match(text, j + 1))


def _single_closing(text: str, i: int, continued: bool) -> int:
    """Where the single quotation opened at `i` closes, or -1 when it runs to the paragraph's end.

    A single mark is also an apostrophe. One after a word in s and before
    another word ("the smugglers’ boats") is taken for a possessive while a
    surer closing mark follows in the paragraph. Quotations opened inside
    are skipped whole (outlets printing single marks nest them). With no sure
    closing mark the quotation runs to the paragraph's end when the text goes
    on with a quotation mark or ends there (`continued`: a quotation over
    several paragraphs, or cut off); else it ends at the last possible mark,
    or the first when it is used as a noun ("the ‘stop the boats’ rhetoric").
    """
    possible: list[int] = []
    depth = 0
    for seen, match in enumerate(_SINGLE_MARKS.finditer(text, i + 1)):
        j = match.start()
        if seen == _MAX_MARKS:
            break
        if text[j] in _SINGLE_OPENERS and _opens(text, j):
            if depth == 0 and possible:
                return possible[-1]
            depth += 1
        elif _can_close_single(text, j):
            if _surely_closes(text, j):
                if depth == 0:
                    return j
                depth -= 1
                possible.append(j)  # closes the inner quotation, or the outer one left unbalanced
            elif depth == 0:
                possible.append(j)
    nominal = _nominal(text, i)
    if not possible or continued and not nominal:
        return -1
    return possible[0] if nominal else possible[-1]


def _nominal(text: str, i: int) -> bool:
    """A quotation used as a noun: "the ‘stop the boats’ rhetoric"."""
    words = text[max(i - 8, 0) : i].split()
    return bool(words) and text[i - 1].isspace() and words[-1].lower() in _NOMINAL_BEFORE


def _continued(paragraphs: list[str], index: int) -> bool:
    """The paragraph is the text's last, or the next opens with a quotation mark."""
    for following in range(index + 1, len(paragraphs)):
        paragraph = paragraphs[following]
        if paragraph.strip():
            first = paragraph.lstrip()[0]
            return first in _DOUBLE or first in _SINGLE_OPENERS
    return True


def find_quotations(text: str) -> list[Quotation]:
    """Character ranges of quoted text, paragraph by paragraph.

    Double marks close at their closing mark; single marks are also
    apostrophes (see `_single_closing`). A straight single mark never closed
    counts only in a quotation over several paragraphs, at the text's end or
    after a colon; elsewhere it is an apostrophe.
    """
    found, offset, number = [], 0, -1
    paragraphs = text.split("\n")
    for index, paragraph in enumerate(paragraphs):
        number += bool(paragraph.strip())
        continued: bool | None = None
        i = 0
        while i < len(paragraph):
            mark = paragraph[i]
            if (mark in _DOUBLE or mark in _SINGLE_OPENERS) and _opens(paragraph, i):
                if mark in _DOUBLE:
                    close = _closing(paragraph, _DOUBLE[mark], i + 1)
                else:
                    continued = _continued(paragraphs, index) if continued is None else continued
                    close = _single_closing(paragraph, i, continued)
                    if close == -1 and mark == "'" and not continued and ":" not in paragraph[max(i - 2, 0) : i]:
                        i += 1
                        continue
                if close == -1:
                    found.append(Quotation(offset + i + 1, offset + len(paragraph.rstrip()), True, number))
                    break
                found.append(Quotation(offset + i + 1, offset + close, False, number))
                i = close
            i += 1
        offset += len(paragraph) + 1
    return found


def _resolve_pronoun(ctx: DocContext, token: Token) -> Mention | None:
    """ "he said": the last person who was a subject in this sentence or the one before, else the last person.

    "Interior Minister Vít Hájek, who joined Vollmer in Berlin, said ... “...,” he said": Hájek, not Vollmer.
    """
    if token.lower_ not in PERSONAL_PRONOUNS:
        return None
    sent = token.sent
    before = ctx.doc[sent.start - 1].sent if sent.start > 0 else None
    for scope in (sent, before):
        if scope is None:
            continue
        subjects = [(m.start, m) for m in ctx.mentions if m.type in {"Person", "Title"}
                    and scope.start_char <= m.start < token.idx and not ctx.is_quoted(m.start) and _is_subject(ctx, m)]
        subjects += _unnamed_sources(ctx, scope, token.idx)
        if subjects:
            return max(subjects, key=lambda item: item[0])[1]
    return ctx.previous_mention(token.idx, {"Person", "Title"})


def _unnamed_sources(ctx: DocContext, scope: Span, before: int) -> list[tuple[int, Mention]]:
    """Unnamed spokespeople as subjects, standing for their body: "An Australian Federal Police spokesman
    confirmed the arrest. “…,” he said"."""
    found = []
    for noun in scope:
        if noun.idx >= before or noun.dep_ not in {"nsubj", "nsubjpass"} or ctx.is_quoted(noun.idx) \
                or noun.lemma_.lower() not in ctx.words("spokesperson_nouns") or noun.i in ctx.by_token:
            continue
        body = next((ctx.by_token[t.i] for t in noun.subtree if t.i in ctx.by_token
                     and ctx.by_token[t.i].type in {"Agency", "Organisation", "Country"}), None)
        body = body or _body_named_before(ctx, noun)
        if body is not None:
            found.append((noun.idx, body))
    return found


def _is_subject(ctx: DocContext, mention: Mention) -> bool:
    """A mention that is the subject of its clause, or in apposition to the subject."""
    span = ctx.span_of(mention)
    if span is None:
        return False
    root = span.root
    return root.dep_ in {"nsubj", "nsubjpass"} or (root.dep_ == "appos" and root.head.dep_ in {"nsubj", "nsubjpass"})


def subject_mention(ctx: DocContext, verb: Token) -> Mention | None:
    """The entity doing `verb`.

    Its subject; a person in apposition to it ("Spain's Secretary of State,
    Carmen Ortega, said"); a pronoun's antecedent; or the body behind a
    spokesperson or statement ("a Commission spokesperson said").
    """
    quoted = _quoted_as_saying(ctx, verb)
    if quoted is not None:
        return quoted
    if verb.dep_ in {"advcl", "xcomp"} and verb.tag_ == "VBG" and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        verb = verb.head  # "Tansingco expressed his concern, saying: ...": who is saying it
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
        titled = ctx.person_after_title(child)
        if titled is not None:  # "said Special Agent in Charge Renée Castañeda": the parse made the title the subject
            return titled
        if child.lemma_.lower() in ctx.words("quote_source_nouns"):
            for token in child.subtree:
                if token.i in ctx.by_token:
                    return ctx.by_token[token.i]
            body = _body_named_before(ctx, child)
            if body is not None:
                return body
        found = ctx.mention_of(child) or ctx.named_earlier(child)
        if found is not None:
            return found  # else another subject the parse gave the verb: "Minister for X, Jane Doe said"
    return None


def _quoted_as_saying(ctx: DocContext, verb: Token) -> Mention | None:
    """ "The statement quoted Lars Gerdes, ..., as saying": the one quoted speaks, not the statement."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as" or any(c.dep_ == "nsubj" for c in verb.children):
        return None
    quoting = verb.head.head
    if quoting.lemma_.lower() != "quote":
        return None
    return next((ctx.by_token[c.i] for c in quoting.children if c.dep_ == "dobj" and c.i in ctx.by_token), None)


def _body_named_before(ctx: DocContext, noun: Token) -> Mention | None:
    """ "a Commission spokesperson" after "the European Commission": the body last named with that word."""
    words = " ".join(c.lower_ for c in noun.lefts if c.dep_ == "compound" and (
        c.pos_ == "PROPN" or c.lower_ in ctx.words("authority_nouns")))  # "a Commission spokesperson", "a police spokesperson"
    if not words:
        return None
    for mention in reversed(ctx.mentions):
        if mention.end > noun.idx or mention.type not in {"Agency", "Organisation", "Country"} or ctx.is_quoted(mention.start):
            continue
        if any(f" {words} " in f" {' '.join(form.lower().split())} " for form in {mention.name or mention.text, mention.text}):
            return mention  # "Dutch police ... a police spokesperson": the text's words, not only the canonical name
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
    before = ctx.sentence_before(sent)
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
