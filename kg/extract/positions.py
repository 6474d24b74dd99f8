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

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.context import DocContext
from kg.extract.mentions import title_tokens
from kg.extract.roles import role_organisations
from kg.nlp.components import TITLES_KEY
from kg.records import Mention, Relation

_ORG_TYPES = {"Agency", "Organisation"}
_ORG_PREPS = {"of", "for", "at", "from", "with"}


def _is_rank(ctx: DocContext, token: Token) -> bool:
    """A military or police rank word as written before a name: "Brigadier", "Capt.", "Lt"."""
    return token.text[:1].isupper() and token.lower_ in ctx.words("rank_words")


def _person_after(ctx: DocContext, span: Span) -> Mention | None:
    """The person right after a title, past honorifics, ranks and other titles ("spokesman Lt. Cmdr. X")."""
    honorifics = ctx.words("honorifics")
    in_titles = title_tokens(ctx.doc)
    i = span.end
    while i < len(ctx.doc) and (ctx.doc[i].lower_ in honorifics or _is_rank(ctx, ctx.doc[i]) or i in in_titles
                                or ctx.doc[i].text == "."):
        i += 1
    mention = ctx.by_token.get(i) if i < len(ctx.doc) else None
    return mention if mention and mention.type == "Person" else None


def _org_before(ctx: DocContext, span: Span) -> Mention | None:
    """The organisation right before a title, past prefixes and other titles ("Europol spokesman Brigadier X")."""
    in_titles = title_tokens(ctx.doc)
    i = span.start - 1
    while i >= 0 and (ctx.doc[i].lower_ in ctx.words("title_prefixes") or ctx.doc[i].lower_ in {"'s", "’s"}
                      or i in in_titles or _is_rank(ctx, ctx.doc[i])):
        i -= 1
    mention = ctx.by_token.get(i) if i >= 0 else None
    return mention if mention and mention.type in _ORG_TYPES else None


def rank_relations(ctx: DocContext) -> Iterator[Relation]:
    """ "Navy Capt. Alicia Brennan", "Brigadier General Made Wirawan": the ranks before a name are a position."""
    honorifics = ctx.words("honorifics")
    rank_heads = ctx.gazetteer.position_heads | ctx.words("rank_words")
    for person in ctx.mentions:
        span = ctx.span_of(person)
        if person.type != "Person" or span is None:
            continue
        end = span.start
        while end > 0 and ctx.doc[end - 1].lower_ in honorifics:
            end -= 1
        start = end
        while start > 0 and (_is_rank(ctx, ctx.doc[start - 1]) or (ctx.doc[start - 1].text == "." and start >= 2
                                                                  and _is_rank(ctx, ctx.doc[start - 2]))):
            start -= 1
        if start == end or not any(ctx.doc[i].lower_.rstrip(".") in rank_heads
                                   and ctx.doc[i].lower_ not in ctx.words("title_prefixes") for i in range(start, end)):
            continue
        rank = ctx.doc[start:end]
        evidence = ctx.evidence(span.sent)
        yield Relation(person, "holdsPosition", ctx.parsed.span_text(rank), evidence, 0.8, "rank-before-name")
        org = _org_before(ctx, rank)
        if org is not None:
            yield Relation(person, "memberOf", org, evidence, 0.8, "rank-before-name")


def _org_in_prep(ctx: DocContext, token: Token) -> Mention | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in _ORG_PREPS:
            for pobj in prep.children:
                # "of the NCA", "of this agency", "the Director General of the Agency" (a press release's capitals)
                mention = ctx.mention_of(pobj) or (ctx.named_earlier(pobj) if pobj.pos_ == "NOUN" or (
                    pobj.pos_ == "PROPN" and pobj.i not in ctx.by_token) else None)
                if mention and mention.type in _ORG_TYPES:  # "of the NCA", "of this agency"
                    return mention
    return None


def _org_after_title(ctx: DocContext, span: Span) -> Mention | None:
    """ "Lars Gerdes, Deputy Executive Director for Operations at Frontex, ...": the body named right after the
    title, read on the surface (the parser hangs such a preposition anywhere)."""
    doc, i = ctx.doc, span.end
    if i + 1 >= len(doc) or doc[i].lower_ not in _ORG_PREPS:
        return None
    i += 1 + (doc[i + 1].lower_ == "the")
    mention = ctx.by_token.get(i) if i < len(doc) else None
    return mention if mention is not None and mention.type in _ORG_TYPES else None


def _appositive_person(ctx: DocContext, span: Span) -> Mention | None:
    """ "Jan Novak, a spokesperson for Europol" or "the interior minister, Étienne Vasseur"."""
    head = span.root
    candidates = [head.head] if head.dep_ == "appos" else []
    candidates += [c for c in head.children if c.dep_ == "appos"]
    for token in candidates:
        mention = ctx.mention_of(token)
        if mention and mention.type == "Person":
            return mention
    return ctx.person_after_comma(head, span.end - 1)


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
            org = org or _employer_after_name(ctx, person) or next(iter(role_organisations(ctx, span.root)), None) \
                or (_org_after_title(ctx, span) if rule == "title-apposition" else None)
            if org is not None:
                relations.append(Relation(person, "memberOf", org, evidence, 0.85, rule))
            continue
        preceding = ctx.doc[span.start - 1] if span.start else None
        if (preceding is not None and preceding.lower_ == "the") or span[0].is_title:
            mentions.append(Mention(ctx.doc_id, span.start_char, span.end_char, title, "Title", name=title.lower()))
    return mentions, relations
