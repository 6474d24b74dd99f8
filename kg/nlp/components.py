"""Every spaCy component kg adds, registered in one place.

- `kg_paragraphs` (before the parser): a newline starts a new sentence, so no
  sentence runs across paragraphs or out of a headline.
- `kg_titles` (after the ner): job titles from positions.txt as `doc.spans["kg_titles"]`.
"""

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

TITLES_KEY = "kg_titles"


@Language.component("kg_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[token.i + 1]
            nxt.is_sent_start = True
    return doc


_TITLE_CONNECTORS = {"of", "for", "and", "&"}


def _is_name(token: Token) -> bool:
    """Part of a person's name or a curated entity: where a title must stop."""
    return token.ent_type_ == "PERSON" or bool(token.ent_id_)


def extend_title(span: Span) -> Span:
    """Extend a title over "of/for/and <Capitalised words>".

    "Minister of Maritime Affairs and Insular Policy", "Director General of
    Operations" (then "Rob Jones" stops it), but not "Director of the NCA".
    """
    doc, end = span.doc, span.end
    while end + 1 < len(doc) and doc[end].lower_ in _TITLE_CONNECTORS:
        j = end + 1
        while j < len(doc) and doc[j].is_title and not _is_name(doc[j]):
            j += 1
        if j == end + 1 and doc[end].lower_ == "for":  # "minister for border security"
            while j < len(doc) and j - end <= 3 and doc[j].pos_ in {"NOUN", "ADJ"} and doc[j].is_lower:
                j += 1
        if j == end + 1:
            break
        end = j
    return doc[span.start : end]


class TitleMatcher:
    """Mark job titles ("Home Secretary", "Director General of Operations")."""

    def __init__(self, nlp: Language, titles: list[str]):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("TITLE", [nlp.make_doc(t) for t in sorted(titles)])

    def __call__(self, doc: Doc) -> Doc:
        spans = [extend_title(doc[start:end]) for _, start, end in self.matcher(doc)]
        doc.spans[TITLES_KEY] = filter_spans(spans)
        return doc


@Language.factory("kg_titles", default_config={"titles": []}, assigns=["doc.spans"])
def make_title_matcher(nlp: Language, name: str, titles: list[str]) -> TitleMatcher:
    return TitleMatcher(nlp, titles)
