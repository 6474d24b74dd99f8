"""Every spaCy component kg adds, registered in one place.

- `kg_paragraphs` (before the parser): a newline starts a new sentence, so no
  sentence runs across paragraphs or out of a headline.
- `kg_abbreviations` (before the parser): no sentence starts after "Cmdr.", "Insp.".
- `kg_demonyms` (after the gazetteer ruler, before the ner): "Bulgarian authorities"
  as a mention of Bulgaria.
- `kg_titles` (after the ner): job titles from positions.txt as `doc.spans["kg_titles"]`.
"""

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

TITLES_KEY = "kg_titles"


class TitleAbbreviations:
    """No sentence starts after an abbreviated title or rank: "police Cmdr. Armando Trevino said", "Det. Insp. Smith"."""

    def __init__(self, words: list[str]):
        self.words = frozenset(words)

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            after = doc[token.i + 1]
            if token.lower_ in self.words and after.is_title and "\n" not in token.whitespace_:
                after.is_sent_start = False
        return doc


@Language.factory("kg_abbreviations", default_config={"words": []}, assigns=["token.is_sent_start"])
def make_title_abbreviations(nlp: Language, name: str, words: list[str]) -> TitleAbbreviations:
    return TitleAbbreviations(words)


@Language.component("kg_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break, and not at the next two words.

    After a line without a full stop (a headline, "Press release") the parser
    otherwise often cuts the paragraph's first word or two off as a sentence of
    their own ("Spain | and Morocco joined forces", "Edison | spokesman Kevin
    Kelly said"), which loses the lead's subject.
    """
    _after_dateline(doc, 0)
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            first = doc[token.i + 1]
            first.is_sent_start = True
            for word in doc[first.i : min(first.i + 2, len(doc) - 1)]:
                after = doc[word.i + 1]
                if word.is_space or "\n" in word.whitespace_ or after.is_space or word.text in _SENTENCE_ENDS:
                    break
                after.is_sent_start = False
            _after_dateline(doc, first.i)
    return doc


_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", "…"})
_DASHES = frozenset({"-", "--", "–", "—"})


def _after_dateline(doc: Doc, start: int) -> None:
    """ "The Hague, 21 November 2024 – Authorities in ...", "MIAMI, CMC – The": the sentence starts after a
    dateline's dash, or the parser makes the town the subject of the first sentence."""
    for token in doc[start : min(start + 12, len(doc) - 1)]:
        if "\n" in token.whitespace_ or token.tag_.startswith("VB") or token.text in _SENTENCE_ENDS:
            return
        if token.text in _DASHES and token.i > start + 1 and doc[token.i + 1].is_title \
                and any(t.text == "," for t in doc[start : token.i]):
            doc[token.i + 1].is_sent_start = True
            return


_TITLE_CONNECTORS = {"of", "for", "and", "&"}
_ENVOY_WORDS = frozenset({"ambassador", "envoy", "commissioner", "consul", "representative", "attaché", "attache"})
_TITLE_PREFIXES = {"deputy", "acting", "interim", "assistant", "associate", "vice", "senior", "principal", "joint", "regional"}


def _is_name(token: Token) -> bool:
    """Part of a person's name or a curated entity: where a title must stop."""
    return token.ent_type_ == "PERSON" or bool(token.ent_id_)


def _names_an_organisation(run: Span, domains: frozenset[str]) -> bool:
    """ "Eaglebrook Plastics" after "president of": a name NER gives an organisation, unless it ends in a
    field of work ("Maritime Affairs", "Operations"), which belongs to the title."""
    return any(t.ent_type_ in {"ORG", "GPE", "FAC", "NORP"} for t in run) and run[-1].lower_ not in domains


def extend_title(span: Span, domains: frozenset[str] = frozenset()) -> Span:
    """Extend a title over "of/for/and <Capitalised words>".

    "Minister of Maritime Affairs and Insular Policy", "Director General of
    Operations" (then "Rob Jones" stops it), but not "Director of the NCA" nor
    "president of Eaglebrook Plastics".
    """
    doc, start, end = span.doc, span.start, span.end
    while start > 0 and doc[start - 1].lower_ in _TITLE_PREFIXES and not _is_name(doc[start - 1]):
        start -= 1  # "Deputy Executive Director"
    if end + 1 < len(doc) and doc[end].lower_ == "to" and doc[end - 1].lower_ in _ENVOY_WORDS \
            and doc[end + 1].ent_type_ == "Country":  # "Ambassador to Vietnam", "High Commissioner to Ghana"
        country = next(e for e in doc.ents if e.start <= end + 1 < e.end)
        return doc[start:country.end]
    while end + 1 < len(doc) and doc[end].lower_ in _TITLE_CONNECTORS:
        j = end + 1
        while j < len(doc) and doc[j].is_title and not _is_name(doc[j]) \
                and not (j > end + 1 and doc[j - 1].lower_ in domains and doc[j].lower_ not in domains):
            # "Head of Investigations | Jacque Beer"; but "Director of Organised Immigration Crime"
            j += 1
        if j == end + 1 and doc[end].lower_ == "for":  # "minister for border security"
            while j < len(doc) and j - end <= 3 and doc[j].pos_ in {"NOUN", "ADJ"} and doc[j].is_lower:
                j += 1
        if j == end + 1 or _names_an_organisation(doc[end + 1 : j], domains):
            break
        end = j
    return doc[start:end]


def _cuts_a_name(span: Span) -> bool:
    """ "Police Chief" in "Kent Police Chief Constable": a title may not start inside a curated body's name.

    A demonym phrase ("French interior minister", read as France) may hold one.
    """
    return bool(span[0].ent_id_) and span[0].ent_iob_ == "I" and span[0].ent_type_ in {"Agency", "Organisation"}


def _spellings(title: str) -> tuple[str, ...]:
    """ "director general" and "director-general", "secretary-general" and "secretary general"."""
    return (title, title.replace(" general", "-general"), title.replace("-general", " general"))


class TitleMatcher:
    """Mark job titles ("Home Secretary", "Director General of Operations")."""

    def __init__(self, nlp: Language, titles: list[str], domains: list[str]):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("TITLE", [nlp.make_doc(t) for t in sorted({v for t in titles for v in _spellings(t)})])
        self.domains = frozenset(domains)

    def __call__(self, doc: Doc) -> Doc:
        spans = [extend_title(doc[start:end], self.domains) for _, start, end in self.matcher(doc)]
        doc.spans[TITLES_KEY] = filter_spans([s for s in spans if not _cuts_a_name(s)])
        return doc


@Language.factory("kg_titles", default_config={"titles": [], "domains": []}, assigns=["doc.spans"])
def make_title_matcher(nlp: Language, name: str, titles: list[str], domains: list[str]) -> TitleMatcher:
    return TitleMatcher(nlp, titles, domains)


class DemonymMatcher:
    """Demonym + authority noun: "Bulgarian authorities", "Spanish national police" name the country.

    A bare "Bulgarian" does not (it may describe a person or a lorry). A
    dictionary look-up per token rather than one Matcher pattern per demonym
    and noun, which cost more than the whole statistical model. Curated names
    already in `doc.ents` ("Hellenic Coast Guard") keep their identity.
    """

    def __init__(self, demonyms: dict[str, list[str]], nouns: list[str], modifiers: list[str]):
        self.demonyms = demonyms  # demonym -> [entry key, entity type]
        self.nouns = sorted((tuple(n.split()) for n in nouns), key=len, reverse=True)
        self.modifiers = frozenset(modifiers)
        self.two_word_starts = frozenset(d.split(" ")[0] for d in demonyms if " " in d)  # "North" of "North Macedonian"

    def _demonym_width(self, doc: Doc, i: int) -> int:
        """How many words the demonym at `i` has: 2 for "North Macedonian", 1 for "Serbian", else 0."""
        if doc[i].text in self.two_word_starts and i + 1 < len(doc) and doc[i : i + 2].text in self.demonyms:
            return 2
        return 1 if doc[i].text in self.demonyms else 0

    def _noun_end(self, doc: Doc, i: int) -> int | None:
        while i < len(doc):
            for noun in self.nouns:  # before skipping a modifier: "border" is one, and begins "border guards"
                if tuple(t.lower_ for t in doc[i : i + len(noun)]) == noun:
                    return i + len(noun)
            if doc[i].lower_ not in self.modifiers:
                return None
            i += 1
        return None

    def __call__(self, doc: Doc) -> Doc:
        taken = {t.i for ent in doc.ents for t in ent}
        found = []
        phrases = []
        for token in doc:
            if token.i in taken or (phrases and token.i < phrases[-1][1]):
                continue
            width = self._demonym_width(doc, token.i)
            if width:
                end = self._noun_end(doc, token.i + width)
                if end is None or any(i in taken for i in range(token.i, end)) \
                        or (end < len(doc) and doc[end].lower_ in _DESCRIBED_NOUNS):
                    continue  # "European police agency Europol": a description of the body that follows
                phrases.append((token.i, end, width))
        # "the Kosovan Police" names a force; written so again without "the" it is the same force
        names = {doc[start:end].text for start, end, _ in phrases if _named_body(doc, start, end)}
        for start, end, width in phrases:
            if any(i in taken for i in range(start, end)):
                continue
            if doc[start:end].text in names:  # "the Austrian Police (Landeskriminalamt Salzburg)": a force
                found.append(Span(doc, start, end, label="ORG"))
            else:
                key, label = self.demonyms[doc[start : start + width].text]
                found.append(Span(doc, start, end, label=label, span_id=key))
            taken.update(range(start, end))
        if found:
            doc.ents = [*doc.ents, *found]
        return doc


_DESCRIBED_NOUNS = frozenset({"agency", "agencies", "body", "bodies", "organisation", "organization"})


def _named_body(doc: Doc, start: int, end: int) -> bool:
    """ "the Kosovan Police": after "the", every word capitalised, in running text (not a headline's capitals)."""
    before = doc[start - 1] if start else None
    return before is not None and before.lower_ == "the" and all(t.is_title for t in doc[start:end]) \
        and any(t.is_lower and t.is_alpha for t in (*doc[max(0, start - 8):start], *doc[end:end + 8]))


@Language.factory("kg_demonyms", default_config={"demonyms": {}, "nouns": [], "modifiers": []},
                  assigns=["doc.ents"])
def make_demonym_matcher(nlp: Language, name: str, demonyms: dict[str, list[str]], nouns: list[str],
                         modifiers: list[str]) -> DemonymMatcher:
    return DemonymMatcher(demonyms, nouns, modifiers)
