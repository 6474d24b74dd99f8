"""What the extraction rules share about one parsed article."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.gazetteer import Gazetteer
from kg.nlp.components import TITLES_KEY
from kg.records import Evidence, Mention

PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
_GENERIC_BODY_NOUNS = {
    "agency": {"Agency"}, "body": {"Agency"}, "force": {"Agency"},
    "charity": {"Organisation"}, "company": {"Organisation"}, "firm": {"Organisation"}, "ngo": {"Organisation"},
    "organisation": {"Agency", "Organisation"}, "organization": {"Agency", "Organisation"},
}


class ParsedDoc:
    """A parsed article with what the rules read again and again computed once.

    spaCy builds `Doc.text`, `Span.text`, `Doc.sents` and every Token object
    anew on each access, and a dozen rules read the same article.

    Args:
        doc: the spaCy Doc of `text`.
        text: the text the Doc was parsed from (equal to `doc.text`, which is rebuilt from the tokens).
    """

    def __init__(self, doc: Doc, text: str):
        self.doc = doc
        self.text = text
        self.tokens = list(doc)
        self.sentences = [(sent, self.tokens[sent.start : sent.end]) for sent in doc.sents]
        self.ents = list(doc.ents)  # Doc.ents builds new spans on every access
        self._spans: dict[tuple[int, int], Span | None] = {}
        self._evidence: dict[tuple[str, int, int], Evidence] = {}

    def span(self, start: int, end: int) -> Span | None:
        """The tokens overlapping the characters `start:end`, or None (`Doc.char_span`, "expand")."""
        key = (start, end)
        if key not in self._spans:
            self._spans[key] = self.doc.char_span(start, end, alignment_mode="expand")
        return self._spans[key]

    def span_text(self, span: Span) -> str:
        """`span.text`, sliced from the text instead of joined from the tokens."""
        return self.text[span.start_char : span.end_char]

    def evidence(self, doc_id: str, sent: Span) -> Evidence:
        """The sentence without its surrounding whitespace, with its offsets."""
        key = (doc_id, sent.start, sent.end)
        if key not in self._evidence:
            raw = self.span_text(sent)
            text = raw.strip()
            start = sent.start_char + (len(raw) - len(raw.lstrip()))
            self._evidence[key] = Evidence(doc_id, start, start + len(text), text)
        return self._evidence[key]


@dataclass
class DocContext:
    """A parsed article with its mentions indexed by token.

    Args:
        parsed: the article's cleaned text and its spaCy Doc.
        doc_id: the article's id.
        gazetteer: curated data and word lists.
        mentions: entity and title mentions, in text order.
    """

    parsed: ParsedDoc
    doc_id: str
    gazetteer: Gazetteer
    mentions: list[Mention]
    by_token: dict[int, Mention] = field(default_factory=dict)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # character ranges inside quotation marks
    coordinated: dict[Mention, list[Mention]] = field(default_factory=dict)  # "Austrian police" -> [Hungarian, Serbian]

    def __post_init__(self) -> None:
        for mention in self.mentions:
            span = self.span_of(mention)
            if span is not None:
                for i in range(span.start, span.end):
                    self.by_token.setdefault(i, mention)
        self._starts = [m.start for m in self.mentions]

    @property
    def doc(self) -> Doc:
        return self.parsed.doc

    @property
    def text(self) -> str:
        return self.parsed.text

    @property
    def sentences(self) -> list[tuple[Span, list[Token]]]:
        """Every sentence with its tokens."""
        return self.parsed.sentences

    def span_of(self, mention: Mention) -> Span | None:
        """The tokens of a mention."""
        return self.parsed.span(mention.start, mention.end)

    def words(self, name: str) -> frozenset[str]:
        return self.gazetteer.words(name)

    def mention_of(self, token: Token) -> Mention | None:
        """The mention a token belongs to, or the one naming its owner.

        "NCA officers" and "Europol's staff": the head noun is not a mention,
        but its compound or possessive modifier is.
        """
        if token.i in self.by_token:
            return self.by_token[token.i]
        for child in token.children:
            if child.dep_ in {"compound", "poss", "amod", "nmod"} and child.i in self.by_token:
                return self.by_token[child.i]
        return None

    def person_after_title(self, token: Token) -> Mention | None:
        """The person named right after the job title or rank a token belongs to, past honorifics and ranks.

        "said Special Agent in Charge Renée Castañeda", "Tory MP for Ashford Graham Pell blasted":
        the parse makes the title the subject; the person is the one named after it.
        """
        skipped = self.words("honorifics") | self.words("rank_words")
        span = next((s for s in self.doc.spans.get(TITLES_KEY, []) if s.start <= token.i < s.end), None)
        if span is None and token.lower_ not in skipped:
            return None
        i = span.end if span is not None else token.i + 1  # "said Supt. Dana Whitford"
        while i < len(self.doc) and (self.doc[i].lower_ in skipped or self.doc[i].text == "."):
            i += 1
        mention = self.by_token.get(i) if i < len(self.doc) else None
        return mention if mention is not None and mention.type == "Person" else None

    def person_after_comma(self, head: Token, last: int = -1) -> Mention | None:
        """ "the head of SPAK, Altin Dumani, said": a name set off by commas right after a role's phrase.

        The parser does not always see the apposition; the commas on both sides do.
        """
        after = max(_phrase_end(head), last) + 1  # `last`: the end of a title the parse split up
        doc = self.doc
        if after + 1 >= len(doc) or doc[after].text != "," or head.dep_ == "appos":
            return None
        start = after + 1
        skipped = self.words("honorifics") | self.words("rank_words") | self.gazetteer.positions
        while start < len(doc) and doc[start].is_title and doc[start].lower_ in skipped:
            start += 1  # "Minister for Border Security, Dame Angela Eagle said", "of the Agency, Senator X"
        mention = self.by_token.get(start) if start < len(doc) else None
        span = self.span_of(mention) if mention is not None else None
        if mention is None or mention.type != "Person" or span is None or span.start != start:
            return None
        closes = span.end >= len(doc) or doc[span.end].text in {",", ".", ";"} or doc[span.end].is_sent_start \
            or (span.end + 1 < len(doc) and doc[span.end].lower_ == "on" and doc[span.end + 1].ent_type_ == "DATE")
        # ("..., Senator Basheer Garba Muhammed on Tuesday.": a date closes the name as a comma would)
        # a title opening the sentence, then the name as the subject: "Minister for X, Jane Doe said"
        opens = head.sent.start == _phrase_start(head) and span.root.dep_ == "nsubj"
        return mention if closes or opens else None

    def is_quoted(self, char: int) -> bool:
        return any(start <= char < end for start, end in self.quoted)

    def sentence_before(self, sent: Span) -> Span | None:
        """The sentence before `sent`, past blank lines between paragraphs; None at the start of the text."""
        if sent.start == 0:
            return None
        previous = self.doc[sent.start - 1].sent
        while previous.text.isspace() and previous.start > 0:
            previous = self.doc[previous.start - 1].sent
        return None if previous.text.isspace() else previous

    def previous_mention(self, char: int, types: set[str]) -> Mention | None:
        """The nearest mention of one of `types` ending before `char`, outside quotations."""
        for mention in reversed(self.mentions[: bisect_right(self._starts, char)]):
            if mention.end <= char and mention.type in types and not self.is_quoted(mention.start):
                return mention
        return None

    def mentions_in(self, sent: Span) -> list[Mention]:
        """The mentions that start inside a sentence: rules skip sentences that cannot give them two ends."""
        return self.mentions[bisect_left(self._starts, sent.start_char) : bisect_left(self._starts, sent.end_char)]

    def evidence(self, sent: Span) -> Evidence:
        return self.parsed.evidence(self.doc_id, sent)

    def named_earlier(self, token: Token) -> Mention | None:
        """ "the agency", "the task force", "the ministry": the body last named that way.

        Needs "the" ("this agency" too). A generic noun ("the agency", "the organisation") takes
        the last body of that kind; any other noun must occur in the body's
        name, with its modifier ("the task force" -> "... Task Force"), and not after
        "of" there ("the investigation" is not the "Bureau of Investigation"). A bare
        pronoun is never resolved here.
        """
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.lefts):
            return None
        generic = _GENERIC_BODY_NOUNS.get(token.lower_)
        modifiers = [c.lower_ for c in token.lefts if c.dep_ == "compound"]
        wanted = " ".join([*modifiers[-1:], token.lower_])
        for mention in reversed(self.mentions[: bisect_right(self._starts, token.idx)]):
            if mention.end > token.idx or mention.type not in {"Agency", "Organisation"} or self.is_quoted(mention.start):
                continue
            if generic and not modifiers:
                if mention.type in generic and not self._is_modifier(mention):
                    return mention
                continue
            name = " ".join((mention.name or mention.text).lower().replace("-", " ").split())
            at = f" {name} ".find(f" {wanted} ")
            if at >= 0 and " of " not in f" {name} "[: at + 1]:  # "the investigation" is no "Bureau of Investigation"
                return mention
        return None

    def _is_modifier(self, mention: Mention) -> bool:
        """Named only to describe something else: "Border Patrol" in "Border Patrol agents"."""
        span = self.span_of(mention)
        return span is not None and span.root.dep_ in {"compound", "amod"}


def _phrase_end(token: Token) -> int:
    """The last token of a noun phrase without what hangs off it in apposition or a clause: "the chairman of the Front"."""
    end = token.i
    for child in token.rights:
        if child.dep_ not in {"appos", "acl", "relcl", "punct", "cc", "conj", "advmod"}:
            end = max(end, _phrase_end(child))
    return end


def _phrase_start(token: Token) -> int:
    """The first token of a noun phrase: "the chairman" starts at "the"."""
    return min([token.i, *(_phrase_start(child) for child in token.lefts)])
