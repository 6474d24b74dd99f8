"""What the extraction rules share about one parsed article."""

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.gazetteer import Gazetteer
from kg.records import Evidence, Mention

PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
_GENERIC_BODY_NOUNS = {
    "agency": {"Agency"}, "body": {"Agency"},
    "organisation": {"Agency", "Organisation"}, "organization": {"Agency", "Organisation"},
}


@dataclass
class DocContext:
    """A parsed article with its mentions indexed by token.

    Args:
        doc: the spaCy Doc of the article's cleaned text.
        doc_id: the article's id.
        gazetteer: curated data and word lists.
        mentions: entity and title mentions, in text order.
    """

    doc: Doc
    doc_id: str
    gazetteer: Gazetteer
    mentions: list[Mention]
    by_token: dict[int, Mention] = field(default_factory=dict)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    text: str = field(init=False, default="")  # character ranges inside quotation marks

    def __post_init__(self) -> None:
        self.text = self.doc.text  # spaCy rebuilds Doc.text from its tokens on every access
        for mention in self.mentions:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                self.by_token.setdefault(token.i, mention)
        self._starts = [m.start for m in self.mentions]

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

    def is_quoted(self, char: int) -> bool:
        return any(start <= char < end for start, end in self.quoted)

    def previous_mention(self, char: int, types: set[str]) -> Mention | None:
        """The nearest mention of one of `types` ending before `char`, outside quotations."""
        for mention in reversed(self.mentions[: bisect_right(self._starts, char)]):
            if mention.end <= char and mention.type in types and not self.is_quoted(mention.start):
                return mention
        return None

    def evidence(self, sent: Span) -> Evidence:
        text = sent.text.strip()
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        return Evidence(self.doc_id, start, start + len(text), text)

    def named_earlier(self, token: Token) -> Mention | None:
        """ "the agency", "the task force", "the ministry": the body last named that way.

        Needs "the". A generic noun ("the agency", "the organisation") takes
        the last body of that kind; any other noun must occur in the body's
        name, with its modifier ("the task force" -> "... Task Force"). A bare
        pronoun is never resolved here.
        """
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.lefts):
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
            if f" {wanted} " in f" {name} ":
                return mention
        return None

    def _is_modifier(self, mention: Mention) -> bool:
        """Named only to describe something else: "Border Patrol" in "Border Patrol agents"."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in {"compound", "amod"}
