"""Job titles: who holds which position, for which organisation.

Patterns, all on one sentence:
- title before a name: "Home Secretary Yvette Cooper", "Prime Minister Sir
  Keir Starmer", with an organisation in front ("NCA Director General of
  Operations Rob Jones") or after the name ("Tom Reed of the NCA");
- title in apposition: "Jan Novak, a spokesperson for Europol, said".
Roles named by other nouns ("a senior official") are read in `kg.extract.roles`.
A title not attached to a name ("the Home Secretary") becomes a Title
mention, which resolve maps to the person holding that title.
"""

from spacy.tokens import Span, Token

from kg.extract.context import DocContext
from kg.nlp.components import TITLES_KEY
from kg.records import Mention, Relation

_ORG_TYPES = {"Agency", "Organisation"}
_ORG_PREPS = {"of", "for", "at", "from", "with"}


def _person_after(ctx: DocContext, span: Span) -> Mention | None:
    honorifics = ctx.words("honorifics")
    i = span.end
    while i < len(ctx.doc) and ctx.doc[i].lower_ in honorifics:
        i += 1
    mention = ctx.by_token.get(i) if i < len(ctx.doc) else None
    return mention if mention and mention.type == "Person" else None


def _org_before(ctx: DocContext, span: Span) -> Mention | None:
    i = span.start - 1
    while i >= 0 and (ctx.doc[i].lower_ in ctx.words("title_prefixes") or ctx.doc[i].lower_ in {"'s", "’s"}):
        i -= 1
    mention = ctx.by_token.get(i) if i >= 0 else None
    return mention if mention and mention.type in _ORG_TYPES else None


def _org_in_prep(ctx: DocContext, token: Token) -> Mention | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in _ORG_PREPS:
            for pobj in prep.children:
                mention = ctx.mention_of(pobj) or (ctx.named_earlier(pobj) if pobj.pos_ == "NOUN" else None)
                if mention and mention.type in _ORG_TYPES:  # "of the NCA", "of this agency"
                    return mention
    return None


def _appositive_person(ctx: DocContext, span: Span) -> Mention | None:
    """ "Jan Novak, a spokesperson for Europol" or "the interior minister, Étienne Vasseur"."""
    head = span.root
    candidates = [head.head] if head.dep_ == "appos" else []
    candidates += [c for c in head.children if c.dep_ == "appos"]
    for token in candidates:
        mention = ctx.mention_of(token)
        if mention and mention.type == "Person":
            return mention
    return _person_after_comma(ctx, head)


def _person_after_comma(ctx: DocContext, head: Token) -> Mention | None:
    """ "the head of SPAK, Altin Dumani, said": a name set off by commas right after the title phrase.

    The parser does not always see the apposition; the commas on both sides do.
    """
    after = head.right_edge.i + 1
    doc = ctx.doc
    if after + 1 >= len(doc) or doc[after].text != "," or head.dep_ in {"appos", "conj"}:
        return None
    mention = ctx.by_token.get(after + 1)
    span = ctx.span_of(mention) if mention is not None else None
    if mention is None or mention.type != "Person" or span is None or span.start != after + 1:
        return None
    closes = span.end >= len(doc) or doc[span.end].text in {",", ".", ";"} or doc[span.end].is_sent_start
    return mention if closes else None


def _employer_after_name(ctx: DocContext, person: Mention) -> Mention | None:
    span = ctx.span_of(person)
    return _org_in_prep(ctx, span.root) if span is not None else None


def title_relations(ctx: DocContext) -> tuple[list[Mention], list[Relation]]:
    """Title mentions, and holdsPosition / memberOf relations from titles."""
    mentions, relations = [], []
    for span in ctx.doc.spans.get(TITLES_KEY, []):
        title = ctx.parsed.span_text(span)
        evidence = ctx.evidence(span.sent)
        person = _person_after(ctx, span)
        org = _org_before(ctx, span)
        rule = "title-before-name"
        if person is None:
            person = _appositive_person(ctx, span)
            org = org or _org_in_prep(ctx, span.root)
            rule = "title-apposition"
        if person is not None:
            relations.append(Relation(person, "holdsPosition", title, evidence, 0.9, rule))
            org = org or _employer_after_name(ctx, person)
            if org is not None:
                relations.append(Relation(person, "memberOf", org, evidence, 0.85, rule))
            continue
        preceding = ctx.doc[span.start - 1] if span.start else None
        if (preceding is not None and preceding.lower_ == "the") or span[0].is_title:
            mentions.append(Mention(ctx.doc_id, span.start_char, span.end_char, title, "Title", name=title.lower()))
    return mentions, relations
