"""A person's roles and organisations, read from the syntax around the name.

The forms of news English, whatever the title:
- apposition: "Jan Novak, a spokesman for Europol", "Tal, a senior Defense
  Ministry official", "the head of the force, Mark Hale," (the role before the name);
- pre-modifiers: "Europol spokeswoman Ana Ruiz", "CNEN Radioprotection Director
  Laercio Vinhas", "Europol's spokesman Jan Novak";
- prepositions on the name: "Greg Thayer of the Forest Service", "Wang Ziqiang at
  the Institute of Mechanics";
- a copula or relative clause: "Barrett is a member of the Illinois Commerce
  Commission", "Higgins, who is a major in the Marine Corps";
- affiliation verbs: "Harrington taught at Harvard University", "Novak, who heads
  the agency's migrant smuggling centre" (holding the position "head"), "Ruiz
  joined the Guardia Civil in 2009";
- object predicates: "Knight-Ridder named Larry Jinks publisher of the Mercury News".

Titles from `ontology/positions.txt` and ranks before names ("Navy Capt.") are read
in `kg.extract.positions`.

A role noun becomes a position only when an organisation is attached to it or
its head word is a known title: "Hewa Rahimpur, an Iraqi national" holds no
position. The organisation must hang from the role noun itself (a modifier, or
"of/for/at/with/in" + a name), so "a critic of the Home Office" is not membership.
"""

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.context import DocContext
from kg.records import Mention, Relation

_ORG_TYPES = frozenset({"Agency", "Organisation"})
_ROLE_PREPS = frozenset({"of", "for", "at", "with", "in", "on", "from"})
_MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})
_DROPPED_MODIFIERS = frozenset({"former", "then", "ex", "current", "new", "outgoing", "incoming", "longtime", "long-time"})
_NOT_A_TITLE = frozenset({"member"})  # "a member of the Labour Party" is membership, not a position


def _org(ctx: DocContext, token: Token) -> Mention | None:
    """The organisation a token names: a mention, or "the force" for the force named earlier."""
    mention = ctx.by_token.get(token.i)
    if mention is None and token.pos_ == "NOUN":
        mention = ctx.named_earlier(token)
    return mention if mention is not None and mention.type in _ORG_TYPES else None


def role_organisations(ctx: DocContext, role: Token, depth: int = 3) -> list[Mention]:
    """Organisations a role noun belongs to.

    Modifiers ("Defense Ministry official", "Europol's spokesman", "CNEN
    Radioprotection Director") and prepositional objects ("spokesman for
    Europol", "professor of law at Yale University", "of the DEM's division").
    """
    found: list[Mention] = []
    for child in role.children:
        if child.dep_ == "poss" and child.lower_ in {"its", "their"}:  # "Its commander, Colonel Erik van Dam"
            body = ctx.previous_mention(child.idx, set(_ORG_TYPES))
            if body is not None and _named_just_before(ctx, body, child):
                found.append(body)
        elif child.dep_ in _MODIFIER_DEPS:
            org = _org(ctx, child)
            if org is not None:
                found.append(org)
            elif child.dep_ == "compound" and child.i not in ctx.by_token:
                found += role_organisations(ctx, child, depth)
        elif child.dep_ == "prep" and child.lower_ in _ROLE_PREPS and depth > 0:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                for target in (pobj, *pobj.conjuncts):
                    org = _org(ctx, target) or next(
                        (_org(ctx, c) for c in target.children if c.dep_ == "appos" and _org(ctx, c)), None)
                    if org is not None:  # "director of the charity Safe Passage UK"
                        found.append(org)
                        found += _parent_bodies(ctx, target)
                    elif target.pos_ in {"NOUN", "PROPN"} and target.i not in ctx.by_token:  # "the Coast Guard’s Seventh District"
                        found += role_organisations(ctx, target, depth - 1)
    return list(dict.fromkeys(found))


def _named_just_before(ctx: DocContext, body: Mention, pronoun: Token) -> bool:
    """ "its" stands for a body named in its sentence or the one before, not for one named paragraphs back
    ("... an Indonesian police team tracks asylum seekers. Its leader ..." is no member of the patrol boat named
    earlier)."""
    sent = pronoun.sent
    return body.start >= (ctx.sentence_before(sent) or sent).start_char


def _parent_bodies(ctx: DocContext, body: Token) -> list[Mention]:
    """ "Queens College of the City University of New York": the body a named body belongs to."""
    return [org for prep in body.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children if pobj.dep_ == "pobj" for org in [_org(ctx, pobj)] if org is not None]


def _acting_for(ctx: DocContext, role: Token) -> list[Mention]:
    """ "the New York attorney representing Church's": a role noun's participle with an organisation as object."""
    leading = ctx.words("leading_verbs")
    return [org for acl in role.children if acl.dep_ == "acl" and acl.lemma_.lower() in leading
            for obj in acl.children if obj.dep_ == "dobj" for org in [_org(ctx, obj)] if org is not None]


def role_title(ctx: DocContext, role: Token) -> str:
    """The title as written, without the organisation: "senior official", "head of operations"."""
    doc = ctx.doc
    start = role.i
    while start > 0:
        left = doc[start - 1]
        if left.head.i < start or left.head.i > role.i or left.dep_ not in {"amod", "compound", "nmod", "hyph"}:
            break
        if left.i in ctx.by_token or left.lower_ in _DROPPED_MODIFIERS or left.like_num:
            break
        start -= 1
    end = role.i + 1
    for prep in (c for c in role.rights if c.dep_ == "prep" and c.lower_ == "of"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and not any(t.i in ctx.by_token or t.dep_ == "det" for t in pobj.subtree):
            end = max(end, pobj.right_edge.i + 1)  # "head of operations"
    while start < end and doc[start].dep_ == "hyph":
        start += 1
    return ctx.parsed.span_text(doc[start:end])


def _is_role_noun(ctx: DocContext, token: Token) -> bool:
    if token.i in ctx.by_token and ctx.by_token[token.i].type != "Title":
        return False
    if token.pos_ not in {"NOUN", "PROPN"} or token.like_num:
        return False
    return token.lemma_.lower() not in ctx.words("relational_nouns") and token.lower_ not in ctx.words("relational_nouns")


def _roles_of(ctx: DocContext, person: Mention, root: Token) -> Iterator[tuple[Token, str]]:
    """Role nouns describing the person, with the rule that found each."""
    span = ctx.span_of(person)
    inside = range(span.start, span.end) if span is not None else range(root.i, root.i + 1)
    for child in root.children:
        if child.i in inside:
            continue
        if child.dep_ == "appos" and _is_role_noun(ctx, child):
            for role in (child, *child.conjuncts):  # "director of X and a member of Y"
                if _is_role_noun(ctx, role):
                    yield role, "role-apposition"
        elif child.dep_ == "compound" and child.i < inside.start and _is_role_noun(ctx, child):
            yield child, "role-premodifier"
        elif child.dep_ == "relcl":
            yield from _clause_roles(ctx, child, "role-relative-clause")
    if root.dep_ == "appos" and _is_role_noun(ctx, root.head) and root.head.i < root.i:
        yield root.head, "role-apposition"  # "the head of the force, Mark Hale"
    for role in _roles_before_commas(ctx, person):
        yield role, "role-apposition"
    if root.dep_ in {"nsubj", "nsubjpass"}:
        yield from _clause_roles(ctx, root.head, "role-copula")
    if root.dep_ == "dobj":  # "has named Larry Jinks publisher of the Mercury News"
        for predicate in (c for c in root.head.children if c.dep_ == "oprd" and _is_role_noun(ctx, c)):
            yield predicate, "role-predicate"


def _roles_before_commas(ctx: DocContext, person: Mention) -> list[Token]:
    """ "... and the deputy secretary of the Foreign Ministry, Datuk Abdul Halim Ali, during ...": a role noun
    whose phrase ends right before the name's comma, however the parser attached the name."""
    span = ctx.span_of(person)
    if span is None or len(span) < 2 or span.start < 3 or ctx.doc[span.start - 1].text != ",":
        return []  # a full name: a lone capitalised word after a comma is as often a place
    occupations = ctx.gazetteer.role_nouns
    return [t for t in ctx.doc[span.sent.start : span.start - 1]
            if t.tag_ == "NN" and t.lemma_.lower() in occupations and _is_role_noun(ctx, t)
            and ctx.person_after_comma(t) == person]


def _clause_roles(ctx: DocContext, verb: Token, rule: str) -> Iterator[tuple[Token, str]]:
    """ "is a major in the Marine Corps": the attribute of a copula, and of its conjoined copulas."""
    for clause in _own_clauses(verb):
        if clause.lemma_ == "be" and not _negated(clause):
            for attr in (c for c in clause.children if c.dep_ == "attr"):
                if _is_role_noun(ctx, attr):
                    yield attr, rule


def _own_clauses(verb: Token) -> list[Token]:
    """The verb and the verbs conjoined to it that share its subject ("is a lawyer and works at X")."""
    return [verb, *(c for c in verb.conjuncts if c.i > verb.i and not any(d.dep_.startswith("nsubj") for d in c.children))]


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _premodifier_orgs(ctx: DocContext, root: Token, person: Mention) -> list[Mention]:
    """ "Europol Deputy Executive Director Jan Novak" parsed as compounds of the name itself."""
    span = ctx.span_of(person)
    start = span.start if span is not None else root.i
    return [org for c in root.children if c.dep_ in _MODIFIER_DEPS and c.i < start
            for org in [_org(ctx, c)] if org is not None]


def _affiliation_verbs(ctx: DocContext, person: Mention, root: Token) -> Iterator[tuple[Mention, Token]]:
    """ "taught at Harvard", "who heads the Y", "joined the Guardia Civil": verb, organisation."""
    verbs = ctx.words("affiliation_verbs")
    preps = ctx.words("affiliation_preps")
    clauses = []
    if root.dep_ == "nsubj":
        clauses.append(root.head)
    clauses += [c for c in root.children if c.dep_ == "relcl"]
    for clause in clauses:
        for verb in _own_clauses(clause):
            lemma = verb.lemma_.lower()
            if lemma not in verbs or verb.pos_ != "VERB" or _negated(verb):
                continue
            for child in verb.children:
                if child.dep_ == "dobj" and lemma in ctx.words("leading_verbs"):
                    targets = [child]
                elif child.dep_ == "prep" and f"{lemma} {child.lower_}" in preps:
                    targets = [c for c in child.children if c.dep_ == "pobj"]
                else:
                    continue
                for target in (t for head in targets for t in (head, *head.conjuncts)):
                    org = _org(ctx, target)
                    if org is not None:
                        yield org, verb
                    elif target.pos_ == "NOUN":  # "heads the agency's smuggling centre"
                        for org in role_organisations(ctx, target, 0):
                            yield org, verb


def person_roles(ctx: DocContext, has_title: set[tuple[Mention, int]]) -> Iterator[Relation]:
    """holdsPosition and memberOf for every person mention, from the syntax around it.

    Args:
        ctx: the article with its mentions.
        has_title: (person, sentence start) pairs whose position the title rules already read.
    """
    heads = ctx.gazetteer.role_nouns  # occupations too: "immigration lawyer Sunita Bhatt"
    for person in ctx.mentions:
        span = ctx.span_of(person)
        if person.type != "Person" or span is None:
            continue
        root, evidence = span.root, ctx.evidence(span.sent)
        members: dict[Mention, str] = {}
        titled_here = False
        for role, rule in _roles_of(ctx, person, root):
            orgs = role_organisations(ctx, role) + _acting_for(ctx, role)
            lemma = role.lemma_.lower()
            titled = (person, span.sent.start) in has_title
            # beside a title the sentence gave, a job in apposition only when it is a job's word ("public affairs
            # officer", not "the frontrunner in the contest")
            is_job = lemma in heads if titled else bool(orgs) or lemma in heads
            if is_job and lemma not in _NOT_A_TITLE and not (titled and rule == "role-premodifier") \
                    and role.i not in ctx.by_token:
                yield Relation(person, "holdsPosition", role_title(ctx, role), evidence, 0.7, rule)
            for org in orgs:
                members.setdefault(org, rule)
        for org in _premodifier_orgs(ctx, root, person):
            members.setdefault(org, "role-premodifier")
        ages = [c for c in root.children if c.dep_ in {"appos", "npadvmod", "amod"} and c.like_num]
        for child in (c for head in (root, *ages) for c in head.children):  # "Greg Thayer of the Forest Service"
            if child.dep_ == "prep" and child.lower_ in {"of", "at", "from", "with"}:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    org = _org(ctx, pobj)
                    found = [org, *_parent_bodies(ctx, pobj)] if org is not None else (
                        role_organisations(ctx, pobj, 1) if pobj.pos_ == "NOUN" and child.lower_ != "from" else [])
                    for body in found:  # "Stephanie Powell, of the DEM's division of groundwater"
                        members.setdefault(body, "member-of-name")
        verb_titles = ctx.gazetteer.mapping("verb_titles")
        for org, verb in _affiliation_verbs(ctx, person, root):
            members.setdefault(org, "member-affiliation-verb")
            title = verb_titles.get(verb.lemma_.lower())
            if title and verb.dep_ == "relcl" and not titled_here:  # "X, who heads Interpol's unit": the head
                titled_here = True
                yield Relation(person, "holdsPosition", title, evidence, 0.7, "role-affiliation-verb")
        for org, rule in members.items():
            yield Relation(person, "memberOf", org, evidence, 0.7, rule)
