"""Job titles: who holds which position, for which organisation.

Patterns, all on one sentence:
- title before a name: "Home Secretary Yvette Cooper", "Prime Minister Sir
  Keir Starmer", with an organisation in front ("NCA Director General of
  Operations Rob Jones") or after the name ("Tom Reed of the NCA");
- title in apposition: "Jan Novak, a spokesperson for Europol, said";
- an organisation inside a person's apposition: "Robert Jenrick—the
  frontrunner in the Conservative leadership contest—said".
A title not attached to a name ("the Home Secretary") becomes a Title
mention, which resolve maps to the person holding that title.
"""

from collections.abc import Iterator

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
                mention = ctx.mention_of(pobj)
                if mention and mention.type in _ORG_TYPES:
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
    return None


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


def appositive_memberships(ctx: DocContext) -> Iterator[Relation]:
    """A person's apposition naming an organisation they belong to.

    "Robert Jenrick—the frontrunner in the Conservative leadership contest",
    "Maria Lindqvist, UNHCR's representative", "Tom Hale, a member of the
    Labour Party". An organisation the apposition only talks about ("a
    critic of the Home Office") is not membership.
    """
    roles = ctx.gazetteer.position_heads | {"member"}
    for person in ctx.mentions:
        span = ctx.span_of(person)
        if person.type != "Person" or span is None:
            continue
        for appos in (c for c in span.root.children if c.dep_ == "appos"):
            named = {}  # mention -> its root token: the one whose head lies outside the mention
            for t in appos.subtree:
                mention = ctx.by_token.get(t.i)
                if mention and ctx.by_token.get(t.head.i) is not mention:
                    named.setdefault(mention, t)
            if any(m.type == "Person" for m in named):
                continue
            for org, token in named.items():
                describes = token.dep_ in {"poss", "nmod", "compound", "amod"}
                belongs = token.dep_ == "pobj" and token.head.head == appos and appos.lemma_.lower() in roles
                if org.type in _ORG_TYPES and (describes or belongs):
                    yield Relation(person, "memberOf", org, ctx.evidence(span.sent), 0.7, "member-apposition")
                    break


def appositive_roles(ctx: DocContext, covered: set[int]) -> Iterator[Relation]:
    """ "Maria Lindqvist, UNHCR's representative in Greece": a role noun in apposition is a position.

    Only when the apposition's head is the head word of a known title
    ("representative", "coordinator"), so "the frontrunner in the contest"
    is not taken for a job.
    """
    heads = ctx.gazetteer.position_heads
    for person in ctx.mentions:
        span = ctx.span_of(person)
        if person.type != "Person" or span is None:
            continue
        for role in (c for c in span.root.children if c.dep_ == "appos"):
            if role.i in covered or role.i in ctx.by_token or role.lemma_.lower() not in heads:
                continue
            words = [t for t in role.lefts if t.dep_ in {"amod", "compound"} and t.i not in ctx.by_token] + [role]
            title = ctx.doc[words[0].i : role.i + 1].text
            evidence = ctx.evidence(span.sent)
            yield Relation(person, "holdsPosition", title, evidence, 0.7, "role-apposition")
            org = next((ctx.by_token[c.i] for c in role.children if c.dep_ in {"poss", "nmod"} and c.i in ctx.by_token), None)
            org = org or _org_in_prep(ctx, role)
            if org is not None and org.type in _ORG_TYPES:
                yield Relation(person, "memberOf", org, evidence, 0.7, "role-apposition")
