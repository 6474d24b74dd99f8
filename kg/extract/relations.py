"""Typed relations from cue words on the dependency parse.

For each sentence, a cue verb ("co-operated with", "stationed in",
"support", "criticised") or cue noun ("relationship with", "presence in")
names the relation; the parse gives its two ends, which the `Resolver`
maps to entities. Joint action ("a joint operation between A and B",
"Police from Bosnia, Croatia and Europol caught ..."), backed operations and
reported negative claims have rules of their own.
"""

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.context import DocContext
from kg.extract.resolver import BODY_TYPES, IDIOM_OBJECTS, RELATIVE_PRONOUNS, Resolver, cue_lemmas, may_be_cue, negated, same_entity, taking_part
from kg.extract.rules import CUE_RULES, CueRule
from kg.records import Mention, Relation

def _prep_objects(head: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of `head`'s prepositions; "based in Montréal and in Burlington" gives both."""
    return [t for child in head.children if child.dep_ in {"prep", "dative"} and child.lower_ in preps  # "sent X to"
            for p in (child, *child.conjuncts) for t in p.children if t.dep_ == "pobj"]


def _objects(resolver: Resolver, trigger: Token, sent: Span, rule: CueRule, subject: Mention) -> list[Mention]:
    heads = _prep_objects(trigger, rule.object_preps)
    nested_preps = rule.object_preps - {"with"}  # "officers to Bulgaria's border with Turkey": not with Turkey
    shared_subject = [c for c in trigger.head.children if c.dep_ == "nsubjpass"] if trigger.dep_ == "conj" \
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children) else []
    for child in (*trigger.children, *shared_subject):  # "is being led by gardaí and supported by the GNIB"
        if rule.direct_object and child.dep_ in {"dobj", "nsubjpass"} and trigger.pos_ in {"VERB", "AUX"}:
            heads.append(child)  # "supported the NCA"; passive: "the NCA was supported by Border Force"
        elif rule.object_preps and child.dep_ == "dobj" and trigger.pos_ == "VERB":  # "deployed officers to Greece"
            heads += [t for obj in (child, *child.conjuncts) for t in _prep_objects(obj, nested_preps)]
        elif rule.object_preps and child.dep_ == "acl":  # "a new post opened in Austria"
            heads += _prep_objects(child, nested_preps)
    if rule.direct_object and trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj" \
            and trigger.head.lemma_.lower() in resolver.ctx.words(rule.verbs):  # "UK support helped France double ..."
        heads += [c for c in trigger.head.children if c.dep_ == "dobj"]
    if rule.direct_object and trigger.tag_ == "VBN" and trigger.dep_ in {"acl", "relcl", "advcl"} \
            and any(c.dep_ == "agent" for c in trigger.children):
        heads.append(trigger.head)  # "The inquiry, supported by HMRC": the participle's noun
    heads = [h.head if h.lower_ in RELATIVE_PRONOUNS and trigger.dep_ == "relcl" else h for h in heads]
    if rule.object_preps and heads and all(resolver.is_authority(h) for h in heads):
        # "liaising with police | in the UK and France": the parser hung the countries on the verb
        heads += _prep_objects(trigger, frozenset({"in", "from"}))
    if heads:  # "with police in the UK, as well as Europol and Interpol"; "in collaboration with A, as well as B"
        anchors = [trigger, trigger.head.head] if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" else [trigger]
        heads += [c for a in anchors for c in a.children
                  if c.dep_ in {"dep", "conj", "npadvmod", "dobj"} and _after_as_well_as(c)]
    heads += [t for h in heads if h.i not in resolver.ctx.by_token for t in _examples(h)]
    heads += [c for h in heads for c in h.conjuncts]
    # "a partnership with Europol, Eurojust and Romanian police": a list the parser hung before the last noun
    heads += [t for h in list(heads) for c in h.children if c.dep_ == "nmod" and c.i < h.i and c.conjuncts
              for t in (c, *c.conjuncts)]
    if rule.object_preps:  # "two analysts to Szeged and an operational specialist to Vienna"
        heads += [t for h in heads if h.pos_ == "NOUN" and h.i not in resolver.ctx.by_token
                  for t in _prep_objects(h, nested_preps)]
    found = []
    for head in heads:
        mentions = resolver.entities(head, sent, exclude=subject)
        if not mentions and rule.direct_object and resolver.is_operation(head):
            mentions = resolver.operation_bodies(head)  # "the operation was supported by Europol"
        if not mentions and rule.direct_object and head.pos_ == "VERB":  # "was led by A, supported by B"
            mentions = [m for c in head.children if c.dep_ == "nsubjpass" and resolver.is_operation(c)
                        for m in resolver.operation_bodies(c)]
        for mention in mentions:
            if mention.type in rule.object_types and mention not in found:
                found.append(mention)
    return found


def _examples(noun: Token) -> list[Token]:
    """ "partners including Border Force and Kent Police", "agencies such as Europol": the bodies a common noun
    names by example."""
    return [p for prep in noun.children if prep.dep_ == "prep" and (
        prep.lower_ == "including" or (prep.lower_ == "as" and any(c.lower_ == "such" for c in (*noun.children, *prep.children))))
        for p in prep.children if p.dep_ == "pobj"]


def _after_as_well_as(token: Token) -> bool:
    start, doc = token.left_edge.i, token.doc
    return start >= 3 and [t.lower_ for t in doc[start - 3 : start]] == ["as", "well", "as"]


_VERB_TAGS = frozenset({"VERB", "AUX"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN"})


def cue_relations(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """Relations signalled by the cue verbs and nouns of the lexicon."""
    rules = [(rule, ctx.words(rule.verbs), ctx.words(rule.nouns)) for rule in CUE_RULES]
    first_words = {cue.split(" ")[0] for _, verbs, nouns in rules for cue in verbs | nouns}
    for sent, tokens in ctx.sentences:
        for token in tokens:
            pos = token.pos_
            if (pos not in _VERB_TAGS and pos not in _NOUN_TAGS) or not may_be_cue(token, first_words):
                continue
            if pos in _NOUN_TAGS and _inside_body_name(ctx, token):
                continue  # "the EU Rule of Law Mission in Kosovo": a name's word is no cue
            lemmas = cue_lemmas(token)
            for rule, verbs, nouns in rules:
                is_verb = pos in _VERB_TAGS and not lemmas.isdisjoint(verbs)
                is_noun = pos in _NOUN_TAGS and not lemmas.isdisjoint(nouns)
                if not (is_verb or is_noun) or negated(token):
                    continue
                agents = resolver.agents(token, sent, rule)
                for subject in agents:
                    if subject.type not in rule.subject_types:
                        continue
                    for obj in _objects(resolver, token, sent, rule, subject):
                        if not any(same_entity(agent, obj) for agent in agents):  # "supported by A and B": not A to B
                            confidence = rule.confidence if is_verb else rule.confidence - 0.1
                            yield Relation(subject, rule.predicate, obj, ctx.evidence(sent), confidence,
                                           f"{rule.predicate}-{'verb' if is_verb else 'noun'}-cue")


def _inside_body_name(ctx: DocContext, token: Token) -> bool:
    mention = ctx.by_token.get(token.i)
    return mention is not None and mention.type in BODY_TYPES and " " in mention.text


def _distinct_pairs(bodies: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Each unordered pair of the bodies, in list order, leaving out two names of one entity."""
    for i, a in enumerate(bodies):
        for b in bodies[i + 1:]:
            if not same_entity(a, b):
                yield a, b


def _bodies_in(ctx: DocContext, token: Token) -> list[Mention]:
    """Bodies named under `token`, leaving out possessors ("Britain's" in "Britain's NCA")."""
    return [ctx.by_token[t.i] for t in token.subtree
            if t.i in ctx.by_token and ctx.by_token[t.i].type in BODY_TYPES and t.dep_ not in {"poss", "case"}
            and not _in_apposition(t, token) and not _in_clause(t, token) and not _among_helpers(ctx, t, token)
            and not _where_a_body_is(ctx, t)]


def _where_a_body_is(ctx: DocContext, token: Token) -> bool:
    """ "with the Nigerian High Commission in Ghana": the place after a body says where it is, it takes no part."""
    owner = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "in" else None
    return owner is not None and owner.i in ctx.by_token and ctx.by_token[owner.i].type in {"Agency", "Organisation"} \
        and ctx.by_token[token.i].type in {"Country", "Location"}


def _among_helpers(ctx: DocContext, token: Token, top: Token) -> bool:
    """Under "with assistance from" below `top`: "a joint operation led by A, with assistance from B" names B as
    a helper, not as one acting jointly."""
    support_nouns = ctx.words("support_nouns")
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ == "with" and cue_lemmas(token) & support_nouns:
            return True
        token = token.head
    return False


def _in_clause(token: Token, top: Token) -> bool:
    """Inside a relative or participle clause below `top`: "B, which was supported by Europol"."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in {"relcl", "acl"}:
            return True
        token = token.head
    return False


def _in_apposition(token: Token, top: Token) -> bool:
    """Inside an apposition below `top`: "HSI, the investigative arm of ICE" names ICE only to describe HSI."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "appos":
            return True
        token = token.head
    return False


def _joint_participants(ctx: DocContext, marker: Token) -> list[Mention]:
    """The bodies acting together around "jointly", "together", "a joint task force", "cooperation between"."""
    noun = marker.head if marker.dep_ == "amod" else None
    while noun is not None and noun.dep_ == "compound":  # "a joint contact centre"
        noun = noun.head
    verb = noun.head if noun is not None and noun.dep_ in {"dobj", "nsubj", "nsubjpass"} else marker.head
    if noun is not None and noun.dep_ == "pobj" and noun.head.dep_ == "prep":  # "arrested ... in a joint operation with"
        verb = noun.head.head
        if verb.lower_ == "part" and verb.head.lower_ == "as" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "arrested 15 people as part of a joint investigation"
    if marker.pos_ in {"NOUN", "PROPN"}:
        verb, noun = marker.head, marker
    found: list[Mention] = []
    passive_with_agent = any(c.dep_ == "agent" for c in verb.children)
    if _subject_holder(verb) is not verb:  # "A and B have been training and carrying out combined patrols"
        found += [m for c in verb.head.children if c.dep_ == "nsubj" for m in _bodies_in(ctx, c)]
    for child in verb.children:
        # with a "by" agent, an object is a misparsed second agent ("run jointly by the Police aux frontières")
        if child.dep_ in {"nsubj", "agent"} or (passive_with_agent and child.dep_ == "dobj"):
            found += _bodies_in(ctx, child)
    owners = [c for c in noun.children if c.dep_ == "poss" and c.i in ctx.by_token] if noun is not None else []
    found += [m for owner in owners for m in (ctx.by_token[owner.i], *_listed_before(ctx, owner))
              if m.type in BODY_TYPES]  # "INTERPOL and AFRIPOL’s first joint operation"
    clauses = [c for c in noun.children if c.dep_ == "acl"] if noun is not None else []  # "being carried out with"
    noun_preps = {"by", "involving", "of"}
    if noun is not None and any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children):
        noun_preps.add("from")  # "a joint action by officers from the UK and Romania": "from" hung on the noun
    for head in (verb, noun, *clauses):
        for prep in (c for c in (head.children if head is not None else ()) if c.dep_ == "prep"):
            # "a joint investigation by the City of London Police and the NCA"
            if prep.lower_ in {"with", "alongside", "between"} or (head is noun and prep.lower_ in noun_preps):
                found += _bodies_in(ctx, prep)
    return list(dict.fromkeys(found))


def joint_cooperation(ctx: DocContext) -> Iterator[Relation]:
    """Bodies said to act jointly cooperate with each other, pairwise."""
    cooperation_nouns = ctx.words("cooperation_nouns")
    markers = ctx.words("joint_markers")
    for sent, tokens in ctx.sentences:
        for token in tokens:
            # "a collaborative effort", "coordinated raids"; not the verb in "the rescue was coordinated with"
            is_marker = token.lower_ in markers and (token.lower_ in {"joint", "jointly", "together"} or token.dep_ == "amod")
            is_cooperation = token.pos_ == "NOUN" and token.lemma_.lower() in cooperation_nouns
            is_between = is_cooperation and any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children)
            # "Spain and Morocco signed an agreement": a cooperation made by several subjects together
            is_shared = is_cooperation and token.dep_ == "dobj" and any(
                c.dep_ == "nsubj" and c.conjuncts for c in token.head.children)
            if not (is_marker or is_between or is_shared) or negated(token.head):
                continue
            participants = _joint_participants(ctx, token)
            for a, b in _distinct_pairs(participants):
                yield Relation(a, "cooperatesWith", b, ctx.evidence(sent), 0.7, "cooperates-jointly")


def cooperation_between(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "close co-operation between Gardaí and the PSNI", "work between the PSNI, An Garda Síochána and the NCA".

    A "between" listing two bodies or more, with a word of working together
    just before it, whatever the parser hung the list on.
    """
    words = ctx.words("cooperation_nouns") | ctx.words("cooperation_verbs") | {"work"}
    for sent, tokens in ctx.sentences:
        for between in tokens:
            if between.lower_ != "between" or between.dep_ != "prep":
                continue
            before = tokens[max(0, between.i - sent.start - 3) : between.i - sent.start]
            if not any(_stem_in(t, words) for t in before) or negated(between.head):
                continue
            bodies = list(dict.fromkeys(ctx.by_token[t.i] for t in _listed_after(between)
                                        if t.i in ctx.by_token and ctx.by_token[t.i].type in BODY_TYPES))
            for a, b in _distinct_pairs(bodies):
                yield Relation(a, "cooperatesWith", b, ctx.evidence(sent), 0.7, "cooperates-between")


_SHARING_PREPS = frozenset({"by", "involving", "comprising"})


def shared_operations(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "an eight-month investigation by the RCMP and the CBSA", "an operation involving Europol and the
    Carabinieri", "an operation comprising A, B and C": bodies that ran one operation together cooperate."""
    for sent, tokens in ctx.sentences:
        for noun in tokens:
            if not resolver.is_operation(noun) or negated(noun.head):
                continue
            runners = [m for head in _prep_objects(noun, _SHARING_PREPS) for t in (head, *head.conjuncts)
                       for m in resolver.entities(t, sent) if m.type in BODY_TYPES]
            runners += resolver.participle_runners(noun, sent)
            runners += resolver.directors(noun.head, sent) if noun.dep_ == "nsubjpass" else []
            if noun.dep_ == "nsubj":  # "The action took place by police in Austria, Bulgaria and Croatia"
                runners += [m for head in _prep_objects(noun.head, frozenset({"by"})) for t in (head, *head.conjuncts)
                            for m in resolver.entities(t, sent) if m.type in BODY_TYPES]
            involving = [verb for acl in noun.children if acl.dep_ == "acl" for verb in (acl, *acl.conjuncts)
                         if verb.lower_ in _SHARING_PREPS - {"by"}]
            runners += [m for verb in involving for head in verb.children if head.dep_ == "dobj" for t in (head, *head.conjuncts)
                        for m in resolver.entities(t, sent) if m.type in BODY_TYPES]
            runners += [ctx.by_token[t.i] for verb in involving for t in _unbracketed(_listed_after(verb))
                        if t.i in ctx.by_token and ctx.by_token[t.i].type in BODY_TYPES]  # a list the brackets broke up
            for a, b in _distinct_pairs(list(dict.fromkeys(runners))):
                yield Relation(a, "cooperatesWith", b, ctx.evidence(sent), 0.7, "cooperates-shared-operation")


def _is_action(ctx: DocContext, resolver: Resolver, token: Token) -> bool:
    """An operation noun, or a verb of running or doing police work ("led", "conducted", "involved")."""
    verbs = ctx.words("running_verbs") | ctx.words("joint_action_verbs") | {"involve"}
    return resolver.is_operation(token) or (token.pos_ == "VERB" and bool(cue_lemmas(token) & verbs))


def _staff_bodies(resolver: Resolver, head: Token, sent: Span) -> list[Mention]:
    """The bodies whose staff an action used or involved: "involved staff from A, B and C", "conducted with
    100 agents from A"; the staff nouns' own conjuncts too ("agents from A, as well as personnel from B")."""
    nouns = [c for c in head.children if c.dep_ == "dobj" and head.lemma_ == "involve"]
    nouns += [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "with"
              for p in prep.children if p.dep_ == "pobj"]
    found = [m for noun in nouns for t in (noun, *noun.conjuncts) if resolver.is_authority(t)
             for m in resolver.entities(t, sent) if m.type in BODY_TYPES]
    if head.lemma_ == "involve" and any(resolver.is_authority(noun) for noun in nouns):  # "from" hung on the verb
        found += [m for prep in head.children if prep.dep_ == "prep" and prep.lower_ in {"from", "of"}
                  for p in prep.children if p.dep_ == "pobj" for t in (p, *p.conjuncts)
                  for m in resolver.entities(t, sent) if m.type in BODY_TYPES]
    return found


def _action_bodies(ctx: DocContext, resolver: Resolver, head: Token, sent: Span) -> list[Mention]:
    """Every body named as taking part in one action: who did it (the subject, or the agent of a passive: "an
    investigation led by A"), the partners beside them, the staff it involved. An operation noun brings only its
    partners and staff: who ran an operation is read by `shared_operations`, and pairing its runners here (with the
    runners of the sentences before for "the operation") joins bodies the text never put together."""
    found: list[Mention] = []
    if not resolver.is_operation(head):
        found += [m for c in head.children if c.dep_ == "nsubj" for m in resolver.subject_entities(c, head, sent)
                  if m.type in BODY_TYPES]
        found += [m for agent in head.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"
                  for m in resolver.subject_entities(p, head, sent) if m.type in BODY_TYPES]
    if head.lemma_ == "involve":  # "The operation, led by A, involved officers from B and C"
        found += [m for c in head.children if c.dep_ == "nsubj" and resolver.is_operation(c)
                  for m in resolver.named_runners(c, sent)]
    partners = resolver.partners(head, sent)
    if partners and resolver.is_operation(head):  # "A ran the investigation with the participation of B"
        found += resolver.named_runners(head, sent)
    if partners and head.pos_ == "VERB":  # "The operation was carried out jointly with the Coast Guard"
        found += [m for c in head.children if c.dep_ == "nsubjpass" and resolver.is_operation(c)
                  for m in resolver.operation_bodies(c)]
    found += partners + _staff_bodies(resolver, head, sent)
    return list(dict.fromkeys(found))


def _listed_partners(ctx: DocContext, sent: Span) -> list[tuple[int, list[Mention]]]:
    """The bodies listed after each "in collaboration with", "together with", "alongside", wherever the parser
    hung the phrase or broke the list, by the index of the cue."""
    cooperation = ctx.words("cooperation_nouns")
    found: list[tuple[int, list[Mention]]] = []
    for token in sent:
        before = token.nbor(-1) if token.i > sent.start else None
        is_cue = token.lower_ == "alongside" or (token.lower_ == "with" and before is not None and (
            before.lower_ == "together" or (_stem_in(before, cooperation) and before.i > sent.start
                                             and before.nbor(-1).lower_ == "in")))
        if is_cue and not negated(token.head):
            found.append((token.i, [ctx.by_token[t.i] for t in _listed_after(token)
                                    if t.i in ctx.by_token and ctx.by_token[t.i].type in BODY_TYPES and t.dep_ != "poss"]))
    return found


def action_partners(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """All the bodies that took part in one action cooperate, pairwise: "an investigation led by the OPP, in
    collaboration with the CBSA and the RCMP" (three pairs); "raids that involved staff from the NCA, HMRC and
    the Met"."""
    for sent, tokens in ctx.sentences:
        actions = {head.i: _action_bodies(ctx, resolver, head, sent) for head in tokens
                   if _is_action(ctx, resolver, head) and not negated(head) and not negated(head.head)}
        for cue, listed in _listed_partners(ctx, sent):  # the partners join the action named last before them
            last = max((i for i, bodies in actions.items() if i < cue and bodies), default=None)
            if last is not None:
                actions[last] = actions[last] + listed
        for bodies in actions.values():
            for a, b in _distinct_pairs(list(dict.fromkeys(bodies))):
                yield Relation(a, "cooperatesWith", b, ctx.evidence(sent), 0.65, "cooperates-action-partners")


def _givers(ctx: DocContext, resolver: Resolver, verb: Token, sent: Span) -> list[Mention]:
    """Who helped with what `verb` says: the "by" agent of a support verb ("which was supported by the GLAA"),
    the owner of "with the support/help of X"."""
    found = []
    if cue_lemmas(verb) & ctx.words("support_verbs") and verb.tag_ == "VBN":
        found += [m for agent in verb.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"
                  for m in resolver.subject_entities(p, verb, sent)]
    withs = [t for t in verb.subtree if t.lower_ == "with" and t.dep_ in {"prep", "conj"} and _in_clause_of(t, verb)]
    for prep in withs:  # "in close cooperation with the Dutch and with the support of Europol": hung anywhere
        for noun in (c for c in prep.children if c.dep_ == "pobj" and cue_lemmas(c) & ctx.words("support_verbs")):
            found += [m for of in noun.children if of.dep_ == "prep" and of.lower_ == "of"
                      for p in of.children if p.dep_ == "pobj" for t in (p, *p.conjuncts)
                      for m in resolver.entities(t, sent)]
    return [m for m in found if m.type in BODY_TYPES]


def _in_clause_of(token: Token, verb: Token) -> bool:
    """Within the verb's own clause: no relative, participle or subordinate clause between them."""
    while token.i != verb.i:
        if token.dep_ in {"relcl", "acl", "advcl", "ccomp", "xcomp"}:
            return False
        token = token.head
    return True


def operation_support(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "The investigation has been carried out ... with the support of Europol", "the operation, ..., which was
    supported by the GLAA", "the raids, which were carried out with the help of Europol": the helpers support
    whoever ran the operation, named in the sentence or, for "the operation", in the police work told last."""
    for sent, tokens in ctx.sentences:
        for noun in tokens:
            if not resolver.is_operation(noun) or negated(noun.head):
                continue
            clauses = [noun.head] if noun.dep_ in {"nsubj", "nsubjpass"} else []
            # "Investigations are being undertaken by A and are supported by Europol": a verb sharing the subject
            clauses += [c for clause in clauses for c in clause.conjuncts if c.i > clause.i and c.tag_ == "VBN"
                        and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)]
            named = [noun, *(c for c in noun.children if c.dep_ in {"appos", "acl"})]  # "the operation, codenamed X, which"
            clauses += [c for n in named for c in n.children if c.dep_ in {"relcl", "acl"}]
            clauses += [c for n in named for a in n.children if a.dep_ == "acl" for o in a.children
                        for c in o.children if c.dep_ == "relcl"]
            # "an investigation involving A and B, and supported by Europol": the participle joined to the noun
            clauses += [c for c in (*noun.conjuncts, *(c for clause in clauses if clause.dep_ == "acl"
                                                       for c in clause.conjuncts)) if c.tag_ == "VBN"]
            givers = [m for verb in clauses if not negated(verb) for m in _givers(ctx, resolver, verb, sent)]
            runners = (resolver.operation_bodies(noun) or resolver.runners_told_next(noun)) if givers else []
            for giver in dict.fromkeys(givers):
                for runner in dict.fromkeys(runners):
                    if not same_entity(giver, runner):
                        yield Relation(giver, "supports", runner, ctx.evidence(sent), 0.65, "supports-operation")


def _group_members(resolver: Resolver, group: Token, sent: Span) -> list[Mention]:
    """Bodies a group is made of: "a team of Belgian and Dutch investigators", "a taskforce ..., including A and B"."""
    owners = [group, group.head] if group.dep_ == "appos" else [group]  # "Project Invigor – the taskforce ..., including"
    heads = _prep_objects(group, frozenset({"of"}))
    heads += [t for owner in owners for c in owner.children if c.lower_ in {"including", "comprising", "involving"}
              for t in c.children if t.dep_ in {"pobj", "dobj"}]
    return [m for head in heads for t in (head, *head.conjuncts) for m in resolver.entities(t, sent) if m.type in BODY_TYPES]


def _subject_holder(verb: Token) -> Token:
    """The verb whose subject `verb` has: itself, or for a conjoined verb with no subject of its own the first
    verb ("Europol facilitated the exchange and provided analytical support")."""
    if verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return verb.head
    return verb


def _participants(resolver: Resolver, verb: Token, sent: Span) -> list[Mention]:
    """Who "was involved": the verb's subject (a conjoined verb's too), and the subjects of "as were A, B and C"."""
    holder = _subject_holder(verb)
    subjects = [c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}]
    subjects += [s for clause in verb.children if clause.dep_ == "advcl" and any(m.lower_ == "as" for m in clause.children)
                 for s in clause.children if s.dep_ == "nsubj"]
    tokens = [t for s in subjects for t in (s, *s.conjuncts, *(a for a in s.children if a.dep_ == "appos"))]
    tokens += [c for t in list(tokens) if t.dep_ == "appos" for c in t.conjuncts]
    return list(dict.fromkeys(m for t in tokens for m in resolver.entities(t, sent) if m.type in BODY_TYPES))


def _operation_involving(resolver: Resolver, verb: Token, sent: Span) -> tuple[list[Mention], list[Mention]]:
    """ "The operation, which also involved law enforcement from Croatia and Greece": who ran the operation (told
    before) and the bodies it involved."""
    if verb.lemma_.lower() != "involve" or verb.tag_ == "VBN":
        return [], []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None or not resolver.is_operation(subject):
        return [], []
    objects = [t for c in verb.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)]
    if objects and all(resolver.is_authority(o) for o in objects):  # "involved law enforcement | from A and B"
        objects += [t for pobj in _prep_objects(verb, frozenset({"from"})) for t in (pobj, *pobj.conjuncts)]
    involved = [m for t in objects for m in resolver.entities(t, sent) if m.type in BODY_TYPES]
    return resolver.operation_bodies(subject), involved


def operation_participants(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """Bodies that took part in an operation cooperate with those who ran it: "Immigration Enforcement were
    involved in the investigation, as were HMRC and the GLAA"; "The action days were led by A and B. Police
    from C and D also took part." (no operation named: the last one whose leaders were named)."""
    for sent, tokens in ctx.sentences:
        for verb in tokens:
            runners, involved_bodies = _operation_involving(resolver, verb, sent)
            for runner in runners:
                for participant in involved_bodies:
                    if not same_entity(runner, participant):
                        yield Relation(runner, "cooperatesWith", participant, ctx.evidence(sent), 0.7,
                                       "cooperates-operation-participants")
            involved = verb.lemma_.lower() == "involve" and verb.tag_ == "VBN"
            contributed = verb.pos_ == "VERB" and _worked_on_operation(ctx, resolver, verb)
            if not (involved or contributed or (verb.pos_ == "VERB" and taking_part(verb))) or negated(verb):
                continue
            holders = [verb, *(c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "part")]
            objects = [o for h in holders for o in _prep_objects(h, _WORK_ON_PREPS if contributed else frozenset({"in"}))]
            objects += [c for c in verb.children if c.dep_ == "dobj" and c.lower_ != "part"]  # "joined the investigation"
            operations = [o for o in objects if resolver.is_operation(o)]
            runners = [m for o in operations for m in resolver.operation_bodies(o)]
            participants = _participants(resolver, verb, sent)
            if contributed:  # the subjects who worked on it did not run it: those who did are named before
                runners = [m for m in runners if m not in participants] or [
                    m for o in operations if any(c.lower_ in {"the", "this", "that"} for c in o.lefts)
                    for m in resolver.latest_runners(sent.start)]
            if not operations and not involved and not objects:
                led = resolver.leaders_before(verb.i)
                runners = led[1] if led and ctx.doc[led[0]].sent.start >= _sentences_back(ctx, sent, 2) else []
            for participant in participants if runners else []:
                for runner in dict.fromkeys(runners):
                    if not same_entity(runner, participant):
                        yield Relation(runner, "cooperatesWith", participant, ctx.evidence(sent), 0.7,
                                       "cooperates-operation-participants")


_WORK_ON_PREPS = frozenset({"on", "in"})


def _worked_on_operation(ctx: DocContext, resolver: Resolver, verb: Token) -> bool:
    """ "The Prosecutor's Office and the DEA also collaborated on the investigation": working together on an
    operation someone else ran is taking part in it."""
    return _partnerless_reciprocal(ctx, verb) and any(resolver.is_operation(o) for o in _prep_objects(verb, _WORK_ON_PREPS))


def listed_participants(ctx: DocContext) -> Iterator[Relation]:
    """ "Participating countries: Austria, Belgium and Spain", "The following agencies took part: A, B and C": the
    bodies listed after a colon that a participation lead-in introduces worked together."""
    nouns, cues = ctx.words("participant_list_nouns"), ctx.words("participant_list_cues")
    for sent, tokens in ctx.sentences:
        colon = next((t for t in tokens if t.text == ":"), None)
        if colon is None:
            continue
        lead = [t for t in tokens if t.i < colon.i]
        lead_words = {t.lower_ for t in lead}
        named_noun = any(t.lower_ in nouns or " ".join((t.lower_, t.nbor().lower_)) in nouns for t in lead
                         if t.i + 1 < len(t.doc))
        if not named_noun or not lead_words & cues or any(t.dep_ == "neg" for t in lead):
            continue
        listed = [m for m in ctx.mentions_in(sent) if m.type in BODY_TYPES and ctx.doc[colon.i].idx < m.start]
        for first, second in _distinct_pairs(list(dict.fromkeys(listed))):
            yield Relation(first, "cooperatesWith", second, ctx.evidence(sent), 0.7, "cooperates-listed-participants")


def _sentences_back(ctx: DocContext, sent: Span, count: int) -> int:
    """The first token of the sentence `count` sentences before `sent` (or of the first sentence)."""
    starts = [s.start for s, _ in ctx.sentences if s.start <= sent.start]
    return starts[max(0, len(starts) - 1 - count)]


def group_members(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "cracked by a team of Belgian, Dutch and French investigators": the members of a team cooperate;
    "the taskforce led by the NCA, but also including Border Force and the CPS": the leader with each member."""
    groups = ctx.words("group_nouns")
    for sent, tokens in ctx.sentences:
        for group in tokens:
            named = cue_lemmas(group) | {f"{c.lower_} {group.lemma_.lower()}" for c in group.children if c.dep_ == "compound"}
            if group.pos_ != "NOUN" or not named & groups or negated(group.head):
                continue  # "a team", "a task force"
            members = list(dict.fromkeys(_group_members(resolver, group, sent)))
            leaders = resolver.participle_runners(group, sent) + [
                m for c in group.children for m in [resolver.hyphen_leader(c)] if m is not None]  # "a German Federal
            # Police-led task force involving Austria, Hungary ..."
            pairs = [(a, b) for a in leaders for b in members if not same_entity(a, b)] if leaders \
                else _distinct_pairs(members)
            for a, b in pairs:
                yield Relation(a, "cooperatesWith", b, ctx.evidence(sent), 0.7, "cooperates-group-members")


_LIST_ENDS = frozenset({"to", "in", "on", "with", "for", "which", "who", "that", "since", "after", "before", "during"})


def _listed_after(between: Token) -> list[Token]:
    """The tokens of the list after "between", read on the surface up to its verb or next preposition:
    long lists ("the PSNI, An Garda Síochána, the NCA, other UK police forces, Border Force and HMRC")
    are parsed in pieces."""
    doc, found = between.doc, []
    for token in doc[between.i + 1 : between.sent.end]:
        if token.pos_ in {"VERB", "AUX"} or token.lower_ in _LIST_ENDS or token.text in {";", ":"}:
            break
        found.append(token)
    return found


def _unbracketed(tokens: list[Token]) -> list[Token]:
    """The tokens outside brackets: "the Hellenic Police (Ελληνική Αστυνομία) and ..." lists one body, not two."""
    depth, kept = 0, []
    for token in tokens:
        depth += (token.text == "(") - (token.text == ")")
        if depth == 0 and token.text != ")":
            kept.append(token)
    return kept


def _stem_in(token: Token, words: frozenset[str]) -> bool:
    return not cue_lemmas(token).isdisjoint(words)


def assisted_by(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "HSI led the inquiry with the assistance of Border Patrol": the helpers support the actor; "with the
    collaboration of A and B", "the operation, which had the participation of C": they work with the actor."""
    rule = next(r for r in CUE_RULES if r.predicate == "supports")
    support_nouns = ctx.words(rule.nouns)
    joint_nouns = (ctx.words("collaboration_nouns") | ctx.words("participation_nouns")) - _COORDINATION_NOUNS
    receiving = ctx.words("receiving_verbs")
    for sent, tokens in ctx.sentences:
        for noun in tokens:
            # "with the help of", and "with cooperation and support from": the support noun joined to another
            joined = noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and noun.head.head.lower_ in {"with", "by"}
            had = noun.dep_ == "dobj" and noun.head.lemma_.lower() in receiving  # "which had the collaboration of"
            lemma = noun.lemma_.lower()
            if lemma not in support_nouns | joint_nouns or not (noun.head.lower_ in {"with", "by"} or joined or had):
                continue
            joint = lemma in joint_nouns and not joined
            if joint and not _prep_objects(noun, frozenset({"of"})):
                continue  # "in cooperation with X" is a cue of its own
            owners = [noun, noun.head] if joined else [noun]
            objects = [t for owner in owners for t in _prep_objects(owner, frozenset({"of", "from"}))]
            helpers = [resolver.entity(t, sent) for t in objects]
            helpers += [resolver.entity(c, sent) for h in objects for c in h.conjuncts]
            helpers += [resolver.entity(c, sent) for c in noun.children if c.dep_ == "poss"]  # "with Europol's support"
            clause = noun.head if had else noun.head.head.head if joined else noun.head.head
            while clause.dep_ == "conj" and clause.i in ctx.by_token and clause.head.i in ctx.by_token:
                clause = clause.head  # "A, B and C with assistance from Europol": the list's first, then all of it
            named = ctx.by_token.get(clause.i)  # "Kent Police, with the help of Border Force, arrested"
            runners = resolver.operation_bodies(clause) if resolver.is_operation(clause) else []  # "an operation led
            # by A and B, with assistance from C"
            listed = [ctx.by_token[c.i] for c in clause.conjuncts if c.i in ctx.by_token] if named is not None else []
            actors = ([named, *listed] if named is not None and named.type in BODY_TYPES else []) or runners or resolver.agents(clause, sent, rule) or [
                m for c in clause.children if c.dep_ == "nsubjpass" and resolver.is_operation(c)
                for m in resolver.operation_bodies(c)]  # "The investigation was conducted ..., with support from X"
            for actor in actors:
                for helper in dict.fromkeys(h for h in helpers if h and h.type in rule.subject_types):
                    if actor.type not in rule.object_types or same_entity(helper, actor):
                        continue
                    if joint:
                        yield Relation(actor, "cooperatesWith", helper, ctx.evidence(sent), 0.7,
                                       "cooperates-with-the-collaboration-of")
                    else:
                        yield Relation(helper, "supports", actor, ctx.evidence(sent), 0.7, "supports-assisted-by")


# "with the coordination of Eurojust": who coordinates is neither told to work with nor to help the actor
_COORDINATION_NOUNS = frozenset({"coordination", "co-ordination"})


def _thanker(resolver: Resolver, verb: Token, sent: Span) -> list[Mention]:
    """Who thanks: the subject up the clause chain; "I" in a quotation is the speaker's body."""
    current = verb
    while current.dep_ in {"xcomp", "ccomp", "conj"} and not any(c.dep_ == "nsubj" for c in current.children):
        current = current.head
    for subject in (c for c in current.children if c.dep_ == "nsubj"):
        if subject.lower_ in {"i", "we"}:
            body = resolver.speaker_body(subject)
            return [body] if body else []
        return resolver.subject_entities(subject, current, sent)
    return []


def _help_given(ctx: DocContext, reason: Token) -> bool:
    """ "for their support", "for aiding in the investigation": the reason names help."""
    return any(cue_lemmas(t) & (ctx.words("support_nouns") | ctx.words("support_verbs"))
               for t in (reason, *reason.children) if t.dep_ in {"pobj", "pcomp"} or t is reason)


def thanked_helpers(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "The RCMP thanked agencies for aiding in the investigation, including OPP and CBSA": each supports the thanker."""
    for sent, tokens in ctx.sentences:
        for verb in tokens:
            if verb.pos_ != "VERB" or not cue_lemmas(verb) & ctx.words("thanking_verbs") or negated(verb):
                continue
            reasons = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children]
            if not any(_help_given(ctx, r) for r in reasons):
                continue
            thanked = [t for c in verb.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)]
            if any(resolver.is_partner(t) for t in thanked):  # "thank colleagues | in Europol", the parser's attachment
                thanked += [t for h in _prep_objects(verb, frozenset({"in", "from", "at"})) for t in (h, *h.conjuncts)]
            thanked += [p for t in verb.subtree if t.lower_ == "including" for p in t.children if p.dep_ == "pobj"
                        for p in (p, *p.conjuncts)]
            helpers = [m for t in thanked for m in resolver.entities(t, sent) if m.type in BODY_TYPES]
            for thanker in _thanker(resolver, verb, sent):
                for helper in dict.fromkeys(helpers):
                    if thanker.type in BODY_TYPES and not same_entity(helper, thanker):
                        yield Relation(helper, "supports", thanker, ctx.evidence(sent), 0.7, "supports-thanked")


def received_help(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "The Guardia operation had the collaboration of Europol as well as the Carabinieri": the givers
    cooperate with (or, for "the support of", support) the receiver."""
    support, collaboration = ctx.words("support_nouns"), ctx.words("collaboration_nouns")
    for sent, tokens in ctx.sentences:
        for noun in tokens:
            lemma = noun.lemma_.lower()
            if noun.dep_ != "dobj" or (lemma not in support and lemma not in collaboration) \
                    or not cue_lemmas(noun.head) & ctx.words("receiving_verbs") or negated(noun.head):
                continue
            givers = [t for h in _prep_objects(noun, frozenset({"of", "from"})) + _prep_objects(noun.head, frozenset({"from"}))
                      for t in (h, *h.conjuncts)]  # "requested assistance from CBP", "from" on the verb
            givers += [t for t in noun.conjuncts if t.i in ctx.by_token]  # "... of Europol as well as the Carabinieri"
            receivers = [m for c in noun.head.children if c.dep_ == "nsubj"
                         for m in (resolver.operation_bodies(c) if resolver.is_operation(c)
                                   else resolver.subject_entities(c, noun.head, sent))]
            predicate = "supports" if lemma in support else "cooperatesWith"
            for receiver in (r for r in receivers if r.type in BODY_TYPES):
                for giver in dict.fromkeys(m for t in givers for m in resolver.entities(t, sent) if m.type in BODY_TYPES):
                    if not same_entity(giver, receiver):
                        yield Relation(giver, predicate, receiver, ctx.evidence(sent), 0.7, f"{predicate}-received")


def given_support(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """Support told by its giving, where the cue word does not take the receiver itself:

    - "Europol provided analytical support to the Spanish police" (a giving verb, the receiver after "to"; see
      `_supported_work` for support "to the operation" or to no one named, and "Support was provided by X");
    - "Frontex helped the Greek coast guard rescue 40 people" (help, and the helped as the next clause's subject);
    - "The Guardia Civil arrested 12 men, assisted by Europol", "Supported by Europol, the Guardia Civil arrested"
      (a participle set off by a comma or opening the sentence, for the main subject).
    """
    support_nouns, support_verbs = ctx.words("support_nouns"), ctx.words("support_verbs")
    for sent, tokens in ctx.sentences:
        for token in tokens:
            found: list[tuple[list[Mention], list[Mention], float]] = []  # givers, receivers, confidence
            verb = token.head
            if token.lemma_.lower() in support_nouns and token.dep_ in {"dobj", "nsubjpass"} \
                    and verb.lemma_.lower() in ctx.words("giving_verbs") and not negated(verb) and not negated(token):
                givers = _verb_subjects(resolver, verb, sent)
                givers += _agent_entities(resolver, verb, sent)  # "Support was provided by X"
                receivers = _prep_objects(token, frozenset({"to", "for"})) + [
                    t for c in verb.children if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in {"to", "for"})
                    for t in ([c] if c.dep_ == "dative" and c.pos_ != "ADP" else [g for g in c.children if g.dep_ == "pobj"])]
                found.append((givers, _supported_work(resolver, token, receivers), 0.65))
                found.append((givers, [m for t in receivers for m in resolver.entities(t, sent)], 0.7))
            elif token.pos_ == "VERB" and token.lemma_.lower() in {"help", "assist"} and not negated(token) \
                    and token.dep_ not in {"acl", "advcl"}:
                givers = _verb_subjects(resolver, token, sent)
                helped = [s for c in token.children if c.dep_ in {"ccomp", "xcomp"} for s in c.children if s.dep_ == "nsubj"]
                found.append((givers, [m for t in helped for m in resolver.entities(t, sent)], 0.7))
            elif token.pos_ == "VERB" and token.lemma_.lower() in support_verbs and token.dep_ in {"acl", "advcl"} \
                    and (token.i == sent.start or ctx.doc[token.i - 1].text == ",") and token.head.i not in ctx.by_token:
                clause = token.head if token.head.pos_ in {"VERB", "AUX"} else token.head.head
                helped = [c for c in clause.children if c.dep_ == "nsubj"] if clause.pos_ in {"VERB", "AUX"} else []
                found.append((_agent_entities(resolver, token, sent),
                              [m for t in helped for m in resolver.entities(t, sent)], 0.7))
            for givers, receivers, confidence in found:
                for giver in dict.fromkeys(g for g in givers if g.type in BODY_TYPES):
                    for receiver in dict.fromkeys(r for r in receivers if r.type in BODY_TYPES):
                        if not same_entity(giver, receiver):
                            yield Relation(giver, "supports", receiver, ctx.evidence(sent), confidence, "supports-given")


def _verb_subjects(resolver: Resolver, verb: Token, sent: Span) -> list[Mention]:
    """What the verb's subject names, a conjoined verb's shared with the first (`_subject_holder`)."""
    holder = _subject_holder(verb)
    return [m for c in holder.children if c.dep_ == "nsubj" for m in resolver.subject_entities(c, holder, sent)]


def _agent_entities(resolver: Resolver, verb: Token, sent: Span) -> list[Mention]:
    """The bodies after a passive's "by", with their conjuncts: "supported by Europol and Eurojust"."""
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    found = [m for p in agents for t in (p, *p.conjuncts) for m in resolver.entities(t, sent)]
    if not found and any(resolver.is_authority(p) for p in agents):
        # "provided by Customs Officers from Revenue": the "from" the parser hung on the verb
        found = [m for t in _prep_objects(verb, frozenset({"from"})) for m in resolver.entities(t, sent)
                 if m.type in BODY_TYPES]
    return found


def _supported_work(resolver: Resolver, support: Token, receivers: list[Token]) -> list[Mention]:
    """Who support given "to the operation" goes to (its runners), or support given to no one named (the bodies
    of the police work told last: "The Guardia Civil arrested 12 men. Europol provided analytical support")."""
    operations = [t for t in receivers if resolver.is_operation(t)]
    if operations:
        return [m for t in operations for m in resolver.operation_bodies(t) if m.type in BODY_TYPES]
    if receivers:
        return []
    worked = [bodies for i, bodies in resolver.acted_bodies() if i < support.i]
    return [m for m in worked[-1] if m.type in BODY_TYPES] if worked else []


def requested_help(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "Northern Territory Police officers took the man into custody at the request of the AFP": who acts at a
    body's request (or behest) supports it."""
    for sent, tokens in ctx.sentences:
        for noun in tokens:
            if noun.lemma_.lower() not in ctx.words("request_nouns") or noun.dep_ != "pobj" \
                    or noun.head.lower_ not in {"at", "on"} or negated(noun.head.head):
                continue
            verb = noun.head.head
            askers = [m for h in _prep_objects(noun, frozenset({"of"})) for t in (h, *h.conjuncts)
                      for m in resolver.entities(t, sent) if m.type in BODY_TYPES]
            helpers = [m for c in verb.children if c.dep_ == "nsubj" for m in resolver.subject_entities(c, verb, sent)]
            helpers += [m for c in verb.children if c.dep_ == "agent" for p in c.children
                        for m in resolver.subject_entities(p, verb, sent)]
            for helper in dict.fromkeys(m for m in helpers if m.type in BODY_TYPES):
                for asker in dict.fromkeys(askers):
                    if not same_entity(helper, asker):
                        yield Relation(helper, "supports", asker, ctx.evidence(sent), 0.7, "supports-request")


def backed_operations(ctx: DocContext) -> Iterator[Relation]:
    """ "a Eurojust-backed operation in Italy, Malta and Spain": the backer supports and operates in each.

    A body joined by a hyphen to a participle ("-backed", "-led", "-funded")
    modifying a noun with places after "in": the body operates in each place;
    a support participle also makes it support each country named there.
    """
    support = ctx.words("support_participles")
    lead = ctx.words("lead_participles")
    for sent, tokens in ctx.sentences:
        for participle in tokens:
            word = participle.lower_
            if participle.dep_ != "amod" or (word not in support and word not in lead) or participle.i < 2 \
                    or ctx.doc[participle.i - 1].text != "-":
                continue
            backer = ctx.by_token.get(participle.i - 2)
            if backer is None or backer.type not in {"Agency", "Organisation"}:
                continue
            places = [ctx.by_token[t.i] for head in _prep_objects(participle.head, frozenset({"in", "across"}))
                      for t in (head, *head.conjuncts) if t.i in ctx.by_token]
            for place in dict.fromkeys(p for p in places if p.type in {"Country", "Location"}):
                evidence = ctx.evidence(sent)
                yield Relation(backer, "operatesIn", place, evidence, 0.7, "operatesIn-backed-operation")
                if word in support and place.type == "Country":
                    yield Relation(backer, "supports", place, evidence, 0.65, "supports-backed-operation")


def joint_subjects(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "Police from Bosnia, Croatia and Europol caught eight traffickers": bodies acting as one subject cooperate.

    Also the agents of a passive ("a plan drafted by the Greek Police and
    Frontex"). Only for the verbs of police and border work (arrest, raid,
    dismantle, draft, sign, set up): "Spain and Morocco both published
    reports" is no cooperation.
    """
    actions = ctx.words("joint_action_verbs")
    first_words = {action.split(" ")[0] for action in actions}
    idle = ctx.words("idle_verbs")
    for sent, tokens in ctx.sentences:
        if sum(m.type in BODY_TYPES for m in ctx.mentions_in(sent)) < 2:
            continue  # two bodies at least must be named to act together
        for verb in tokens:
            if verb.pos_ != "VERB":
                continue
            takes_part = verb.lemma_ == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)
            acts = takes_part or may_be_cue(verb, first_words) and cue_lemmas(verb) & actions
            verb_partners = resolver.partners(verb, sent)
            # "The Federal Police, together with Belgian and French authorities, have struck", "the CBSA in
            # collaboration with the RCMP is announcing the results": the partners make any deed a joint one
            acts = acts or (verb.lemma_.lower() not in idle and (any(
                resolver.partners(c, sent) for c in verb.children if c.dep_ == "nsubj") or bool(verb_partners)))
            acts = acts or _reciprocal(ctx, verb)  # "Europol and Eurojust collaborated on the case"
            acts = acts or (verb.lemma_.lower() not in idle and any(  # "the AFP and its Indonesian counterpart boosted"
                resolver.is_partner(t) for c in verb.children if c.dep_ == "nsubj" for t in c.conjuncts))
            if not acts or negated(verb) \
                    or any(c.lower_ in {"both", "each", "separately", "respectively"} for c in verb.subtree if c.dep_ != "conj"):
                continue
            holder = verb.head if verb.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in verb.children) \
                and verb.head.lemma_.lower() in ctx.words("aspect_verbs") else verb
            if holder is not verb and negated(holder):
                continue
            groups = [resolver.subject_entities(c, holder, sent) + _listed_before(ctx, c) + resolver.partners(c, sent)
                      + verb_partners
                      for c in holder.children if c.dep_ == "nsubj"]  # "The NCA, together with Kent Police, arrested";
            # "A and B continue to investigate"
            groups += [[m for p in c.children for m in resolver.subject_entities(p, verb, sent)]
                       + _co_runners(ctx, resolver, c, sent) for c in verb.children if c.dep_ == "agent"]
            for group in groups:
                bodies = list(dict.fromkeys(m for m in group if m.type in BODY_TYPES))
                for a, b in _distinct_pairs(bodies):
                    yield Relation(a, "cooperatesWith", b, ctx.evidence(sent), 0.65, "cooperates-joint-subjects")


_LIST_GLUE = frozenset({",", "and", "the", "(", ")", "&"})


def _listed_before(ctx: DocContext, subject: Token) -> list[Mention]:
    """ "Slovenia, Kosovo, the EU Rule of Law Mission in Kosovo (EULEX) and Europol arrested": the bodies listed on
    the surface before "and" and the subject, wherever the parser hung the list."""
    mention = ctx.by_token.get(subject.i)
    span = ctx.span_of(mention) if mention is not None else None
    if span is None or span.start == 0 or ctx.doc[span.start - 1].lower_ not in {"and", "&"}:
        return []
    found, i = [], span.start - 1
    while i >= subject.sent.start:
        token = ctx.doc[i]
        listed = ctx.by_token.get(i)
        if listed is not None and listed.type in BODY_TYPES:
            found.append(listed)
            i = ctx.span_of(listed).start - 1
        elif token.lower_ in _LIST_GLUE or (token.is_upper and ctx.doc[i - 1].text == "("):
            i -= 1
        else:
            break
    return found


def _co_runners(ctx: DocContext, resolver: Resolver, agent: Token, sent: Span) -> list[Mention]:
    """ "coordinated by Spain and Europol and co-led by Frontex": the agents of a second running participle that the
    parser hung inside the first one's agents."""
    running = ctx.words("running_verbs")
    return [m for t in agent.subtree if t.dep_ in {"acl", "conj"} and t.tag_ == "VBN" and cue_lemmas(t) & running
            for a in t.children if a.dep_ == "agent" for p in a.children
            for m in resolver.subject_entities(p, t, sent)]


def _partnerless_reciprocal(ctx: DocContext, verb: Token) -> bool:
    """A verb of working together with no partner after it: "A and B collaborated", not "A collaborated with B"
    (the cue rules read that)."""
    return bool(cue_lemmas(verb) & ctx.words("reciprocal_verbs")) and not any(
        c.dep_ == "prep" and c.lower_ in {"with", "alongside"} for c in verb.children)


def _reciprocal(ctx: DocContext, verb: Token) -> bool:
    """A verb of working together said of its subjects alone: "A and B collaborated", not "A and B coordinated
    the raids"."""
    return _partnerless_reciprocal(ctx, verb) and not any(
        c.dep_ == "dobj" and c.lower_ not in IDIOM_OBJECTS for c in verb.children)  # "joined forces" is no object


def _negative_claim(ctx: DocContext, clause: Token) -> bool:
    """ "Labour had surrendered", "Italy was complicit": the reported clause blames its subject."""
    if clause.lemma_.lower() in ctx.words("negative_claim_verbs"):
        return True
    return any(c.dep_ == "acomp" and c.lower_ in ctx.words("negative_claim_adjectives") for c in clause.children)


def claim_criticisms(ctx: DocContext) -> Iterator[Relation]:
    """ "X said that Labour had surrendered": a reported negative claim about someone is criticism."""
    reporting_verbs = ctx.words("reporting_verbs")
    for sent, tokens in ctx.sentences:
        for verb in tokens:
            if verb.lemma_.lower() not in reporting_verbs:
                continue
            speaker = next((ctx.mention_of(c) for c in verb.children if c.dep_ == "nsubj"), None)
            if speaker is None or speaker.type not in {"Person", "Organisation", "Agency"}:
                continue
            for clause in verb.children:
                if clause.dep_ == "ccomp" and _negative_claim(ctx, clause) and not negated(clause):
                    target = next((ctx.mention_of(c) for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                    if target and target.type in BODY_TYPES | {"Person"} and not same_entity(speaker, target):
                        yield Relation(speaker, "criticises", target, ctx.evidence(sent), 0.65, "criticises-negative-claim")
