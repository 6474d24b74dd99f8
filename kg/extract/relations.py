"""Typed relations from cue words on the dependency parse.

For each sentence, a cue verb ("co-operated with", "stationed in",
"support", "criticised") or cue noun ("relationship with", "presence in")
names the relation; the parse gives its two ends. Ends that are not entity
mentions are resolved only where the text makes them plain: an owner named
as a modifier ("NCA officers"), "we"/"our" inside a quotation (the
speaker's organisation), "the eastern European nation" (the country last
named), "local police" (the country the sentence is about). Anything else
is left out: an unsupported relation is worse than a missed one.
"""

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.context import DocContext
from kg.extract.rules import CUE_RULES, CueRule
from kg.records import Mention, Relation

_FIRST_PLURAL = {"we", "our", "us", "ours"}
_ACTIVE_SUBJECTS = {"nsubj"}
_PASSIVE_SUBJECTS = {"nsubjpass"}
_CLIMB = {"xcomp", "advcl", "conj", "pcomp", "ccomp"}


def cue_lemma(token: Token) -> str:
    """The lemma, joining "co - operated" back to "co-operate"."""
    lemma = token.lemma_.lower()
    if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ == "co":
        return "co-" + lemma
    return lemma


class Resolver:
    """Maps tokens to the entities they stand for within one document."""

    def __init__(self, ctx: DocContext, speakers: dict[tuple[int, int], Mention], employers: dict[str, Mention]):
        self.ctx = ctx
        self.speakers = speakers  # quotation range -> speaker
        self.employers = employers  # person surface text -> organisation mention

    def entity(self, token: Token, sent: Span, exclude: Mention | None = None) -> Mention | None:
        ctx = self.ctx
        if token.lower_ in _FIRST_PLURAL:
            return self._we(token)
        mention = ctx.mention_of(token)
        if mention:
            return mention
        lemma = token.lemma_.lower()
        if lemma in ctx.words("place_anaphors") and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return ctx.previous_mention(token.idx, {"Country"})
        if any(c.lower_ in ctx.words("local_markers") for c in token.children) and lemma in ctx.words("authority_nouns"):
            return self._place_in(token, sent, exclude)
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ in _FIRST_PLURAL:
                return self._we(child)
        return None

    def _we(self, token: Token) -> Mention | None:
        for (start, end), speaker in self.speakers.items():
            if start <= token.idx < end:
                if speaker.type in {"Agency", "Organisation", "Country"}:
                    return speaker
                return self.employers.get(speaker.text)
        return None

    def _place_in(self, token: Token, sent: Span, exclude: Mention | None) -> Mention | None:
        """The place "local police" belong to: the nearest country or place named before them."""
        places = [self.ctx.by_token[t.i] for t in sent if t.i < token.i and t.i in self.ctx.by_token
                  and self.ctx.by_token[t.i].type in {"Country", "Location"} and self.ctx.by_token[t.i] != exclude]
        return places[-1] if places else None

    def personnel_owner(self, sent: Span) -> Mention | None:
        """The body whose officers the sentence is about ("NCA officers ...")."""
        for token in sent:
            if token.lemma_.lower() in self.ctx.words("personnel_nouns") or token.lower_ in self.ctx.words("personnel_nouns"):
                owner = self.ctx.mention_of(token) if token.i not in self.ctx.by_token else None
                if owner and owner.type in {"Agency", "Organisation"}:
                    return owner
        return None

    def agent(self, token: Token, sent: Span, rule: CueRule) -> Mention | None:
        """Who does what `token` says: its subject, the noun a participle modifies, or up the clause chain."""
        current = token
        if token.pos_ in {"NOUN", "PROPN"}:  # "an NCA presence", "our relationship": the owner acts
            owner = self.entity(token, sent) if token.i not in self.ctx.by_token else None
            if owner:
                return owner
            if token.dep_ in {"dobj", "pobj", "attr", "nsubjpass"}:
                current = token.head
        for _ in range(6):
            for child in current.children:
                if child.dep_ in _ACTIVE_SUBJECTS | _PASSIVE_SUBJECTS:
                    if child.dep_ in _PASSIVE_SUBJECTS and rule.predicate != "operatesIn":
                        continue
                    found = self.entity(child, sent)
                    if found:
                        return found
                    if rule.predicate == "operatesIn":
                        return self.personnel_owner(sent)
                if child.dep_ == "agent":
                    for pobj in child.children:
                        found = self.entity(pobj, sent)
                        if found:
                            return found
                if child.dep_ == "poss":
                    found = self.entity(child, sent)
                    if found:
                        return found
            if current.dep_ in {"acl", "relcl"} or (current.pos_ == "NOUN" and current is not token):
                found = self.entity(current.head, sent) if current.dep_ in {"acl", "relcl"} else None
                if found:
                    return found
            if current.dep_ in _CLIMB | {"acl"} and current.head is not current:
                current = current.head
                continue
            break
        return self.personnel_owner(sent) if rule.predicate == "operatesIn" else None


def _objects(resolver: Resolver, trigger: Token, sent: Span, rule: CueRule, subject: Mention) -> list[Mention]:
    heads: list[Token] = []
    for child in trigger.children:
        if rule.object_preps and child.dep_ == "prep" and child.lower_ in rule.object_preps:
            heads += [t for t in child.children if t.dep_ == "pobj"]
        elif rule.object_preps and child.dep_ == "acl":  # "a new post opened in Austria"
            heads += [t for p in child.children if p.dep_ == "prep" and p.lower_ in rule.object_preps
                      for t in p.children if t.dep_ == "pobj"]
        elif not rule.object_preps and child.dep_ in {"dobj", "pobj"}:
            heads.append(child)
    heads += [c for h in heads for c in h.conjuncts]
    found = []
    for head in heads:
        mention = resolver.entity(head, sent, exclude=subject)
        if mention and mention.type in rule.object_types and mention not in found:
            found.append(mention)
    return found


def negated(token: Token) -> bool:
    """ "had not worked with", "no cooperation with": the text denies the relation."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children) or (
        token.dep_ in {"xcomp", "conj"} and any(c.dep_ == "neg" for c in token.head.children))


def _same_entity(a: Mention, b: Mention) -> bool:
    return (a.key is not None and a.key == b.key) or a.text == b.text


def cue_relations(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """Relations signalled by the cue verbs and nouns of the lexicon."""
    for sent in ctx.doc.sents:
        for token in sent:
            lemma = cue_lemma(token)
            for rule in CUE_RULES:
                is_verb = token.pos_ in {"VERB", "AUX"} and lemma in ctx.words(rule.verbs)
                is_noun = token.pos_ in {"NOUN", "PROPN"} and lemma in ctx.words(rule.nouns)
                if not (is_verb or is_noun) or negated(token):
                    continue
                subject = resolver.agent(token, sent, rule)
                if subject is None or subject.type not in rule.subject_types:
                    continue
                for obj in _objects(resolver, token, sent, rule, subject):
                    if not _same_entity(subject, obj):
                        confidence = rule.confidence if is_verb else rule.confidence - 0.1
                        yield Relation(subject, rule.predicate, obj, ctx.evidence(sent), confidence,
                                       f"{rule.predicate}-{'verb' if is_verb else 'noun'}-cue")


def claim_criticisms(ctx: DocContext) -> Iterator[Relation]:
    """"X said that Labour had surrendered": a reported negative claim about a body is criticism."""
    for sent in ctx.doc.sents:
        for verb in sent:
            if verb.lemma_.lower() not in ctx.words("reporting_verbs"):
                continue
            speaker = next((ctx.mention_of(c) for c in verb.children if c.dep_ == "nsubj"), None)
            if speaker is None or speaker.type != "Person":
                continue
            for clause in verb.children:
                if clause.dep_ == "ccomp" and clause.lemma_.lower() in ctx.words("negative_claim_verbs"):
                    target = next((ctx.mention_of(c) for c in clause.children if c.dep_ == "nsubj"), None)
                    if target and target.type in {"Person", "Agency", "Organisation"} and not _same_entity(speaker, target):
                        yield Relation(speaker, "criticises", target, ctx.evidence(sent), 0.65, "criticises-negative-claim")
