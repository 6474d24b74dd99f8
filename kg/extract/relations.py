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
_RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
_BODY_TYPES = {"Agency", "Organisation", "Country"}
_FORCE_SUFFIXES = ("Police", "Constabulary", "Police Service", "Police Force")


def _stems(token: Token) -> set[str]:
    """The lemma, and for a verb the stems of its inflection, since the model's lemmas slip ("staged" -> "stag")."""
    lemma, word = token.lemma_.lower(), token.lower_
    stems = {lemma}
    if token.pos_ in {"VERB", "AUX"}:
        for suffix in ("ed", "ing", "s"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)]
                stems |= {stem, stem + "e"}
    return stems


def cue_lemmas(token: Token) -> set[str]:
    """The lemma, "co-operate" joined back from "co - operated", and phrasal forms ("hit out", "team up")."""
    stems = _stems(token)
    if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ == "co":
        stems = {"co-" + stem for stem in stems}
    return stems | {f"{stem} {c.lower_}" for stem in stems for c in token.children if c.dep_ == "prt"}


def _may_be_cue(token: Token, first_words: set[str]) -> bool:
    """False when no `cue_lemmas(token)` can be a cue word beginning with one of `first_words`.

    Every cue lemma begins with one of the token's stems, or with "co-" and it:
    a quick test that spares most tokens the look at their neighbours and children.
    """
    return any(" " in stem or stem in first_words or f"co-{stem}" in first_words for stem in _stems(token))


class Resolver:
    """Maps tokens to the entities they stand for within one document."""

    def __init__(self, ctx: DocContext, speakers: dict[tuple[int, int], Mention], employers: dict[str, Mention]):
        self.ctx = ctx
        self.speakers = speakers  # quotation range -> speaker
        self.employers = employers  # person surface text -> organisation mention
        self._operations: list[tuple[int, list[Mention]]] | None = None  # operation noun index -> who ran it

    def operation_bodies(self, noun: Token) -> list[Mention]:
        """Who ran the operation a noun names: in its sentence, else the last operation whose runners were named.

        "a joint investigation by the City of London Police and the NCA. The
        inquiry, supported by HMRC, ...": HMRC supports both forces.
        """
        if self._operations is None:
            self._operations = []
            for sent, tokens in self.ctx.sentences:
                for token in tokens:
                    if self._is_operation(token):
                        bodies = self._runners(token, sent)
                        if bodies:
                            self._operations.append((token.i, bodies))
        own = next((bodies for i, bodies in self._operations if i == noun.i), None)
        if own:
            return own
        if not any(c.lower_ in {"the", "this", "that"} for c in noun.lefts):
            return []
        earlier = [(i, bodies) for i, bodies in self._operations if i < noun.i]
        acted = [(i, bodies) for i, bodies in self._actions() if i < noun.i]
        latest = max(earlier + acted, key=lambda item: item[0], default=None)
        return latest[1] if latest else []

    def _actions(self) -> list[tuple[int, list[Mention]]]:
        """Bodies that did police work, by the index of the verb: "Polish Border Guard officers arrested ..."."""
        if not hasattr(self, "_acted"):
            actions = self.ctx.words("joint_action_verbs")
            self._acted = []
            for sent, tokens in self.ctx.sentences:
                for verb in tokens:
                    if verb.pos_ == "VERB" and cue_lemmas(verb) & actions and not negated(verb):
                        bodies = [m for c in verb.children if c.dep_ == "nsubj"
                                  for m in self._subject_entities(c, verb, sent) if m.type in _BODY_TYPES]
                        if bodies:
                            self._acted.append((verb.i, bodies))
        return self._acted

    def _is_operation(self, token: Token) -> bool:
        return token.pos_ == "NOUN" and token.lemma_.lower() in self.ctx.words("operation_nouns")

    def _runners(self, noun: Token, sent: Span) -> list[Mention]:
        """Bodies named as running an operation: its owner ("the NCA operation"), "between/by/of A and B",
        a passive "led by A", or the subject of the verb that has it as object ("A and B launched an operation")."""
        found: list[Mention] = []
        for child in noun.children:
            if child.dep_ in {"compound", "poss", "nmod"} and child.i in self.ctx.by_token:
                found.append(self.ctx.by_token[child.i])
            if child.dep_ == "prep" and child.lower_ in {"between", "by", "of", "involving"}:
                found += [m for pobj in child.children if pobj.dep_ == "pobj" for t in (pobj, *pobj.conjuncts)
                          for m in self.entities(t, sent)]
        verb = noun.head
        if noun.dep_ == "nsubjpass" and verb.lemma_.lower() in self.ctx.words("running_verbs"):  # "was led by A"
            found += [m for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                      for m in self._subject_entities(p, verb, sent)]
        elif noun.dep_ in {"dobj", "pobj"}:
            if noun.dep_ == "pobj" and verb.dep_ == "prep":  # "took part in the operation"
                verb = verb.head
            found += [m for c in verb.children if c.dep_ == "nsubj" for m in self._subject_entities(c, verb, sent)]
        return list(dict.fromkeys(m for m in found if m.type in _BODY_TYPES))

    def entity(self, token: Token, sent: Span, exclude: Mention | None = None) -> Mention | None:
        ctx = self.ctx
        if token.lower_ in _FIRST_PLURAL:
            return self._we(token)
        if token.lower_ in {"it", "they"}:
            return self._reported_self(token)
        mention = ctx.mention_of(token)
        if mention and mention.type == "Location" and token.i not in ctx.by_token:
            return self._local_force(mention) or mention
        if mention:
            return mention
        lemma = token.lemma_.lower()
        if lemma in ctx.words("personnel_nouns") or token.lower_ in ctx.words("personnel_nouns"):
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    if ctx.mention_of(pobj):
                        return ctx.mention_of(pobj)  # "officers of the Guardia Civil"
        if lemma in ctx.words("place_anaphors") and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return ctx.previous_mention(token.idx, {"Country"})
        if any(c.lower_ in ctx.words("local_markers") for c in token.children) and lemma in ctx.words("authority_nouns"):
            return self._place_in(token, sent, exclude)
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ in _FIRST_PLURAL:
                return self._we(child)
        return ctx.named_earlier(token)

    def entities(self, token: Token, sent: Span, exclude: Mention | None = None) -> list[Mention]:
        """What a token stands for, with the bodies it shares its noun with.

        "Hungarian, Serbian and Austrian police": three countries; "partners in
        Belgium and France", "law enforcement officials from the UK": the places'
        authorities.
        """
        found: list[Mention] = []
        if token.i not in self.ctx.by_token and self._is_authority(token):
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "from", "of"}):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    for place in (pobj, *pobj.conjuncts):
                        named = self.ctx.by_token.get(place.i)
                        wanted = {"Country"} if prep.lower_ == "in" else _BODY_TYPES  # "officers from Europol and Kent Police"
                        if named is not None and named.type in wanted and named != exclude:
                            found.append(named)
        if not found:
            mention = self.entity(token, sent, exclude)
            found = self._coordination_of(mention) if mention else []
        return list(dict.fromkeys(found))

    def _coordination_of(self, mention: Mention) -> list[Mention]:
        """A demonym mention with the others sharing its noun: "Nigerian, Nigerien and Ghanaian police"."""
        for noun, shared in self.ctx.coordinated.items():
            if mention == noun or mention in shared:
                return [noun, *shared]
        return [mention]

    def _is_authority(self, token: Token) -> bool:
        words = self.ctx.words("authority_nouns") | self.ctx.words("personnel_nouns") | self.ctx.words("partner_nouns")
        return token.lemma_.lower() in words or token.lower_ in words

    def _local_force(self, place: Mention) -> Mention | None:
        """ "Kent officers" are Kent Police: the curated police force named after the place, if any."""
        forms = self.ctx.gazetteer.surface_forms
        for suffix in _FORCE_SUFFIXES:
            key = forms.get(f"{place.text} {suffix}")
            if key:
                entry = self.ctx.gazetteer.entries[key]
                return Mention(place.doc_id, place.start, place.end, place.text, entry.type, key=key, name=entry.name)
        return None

    def _reported_self(self, token: Token) -> Mention | None:
        """ "The Home Office said it was working with…": "it" is the body that said so."""
        clause = token.head
        if token.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in self.ctx.words("reporting_verbs"):
            return None
        for child in clause.head.children:
            if child.dep_ == "nsubj":
                mention = self.ctx.mention_of(child)
                if mention and mention.type in _BODY_TYPES:
                    return mention
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

    def _subject_entities(self, subject: Token, clause: Token, sent: Span) -> list[Mention]:
        """What a subject names, with its conjuncts ("Iraqi authorities and the KRG assisted")."""
        if subject.lower_ in _RELATIVE_PRONOUNS and clause.dep_ == "relcl":
            subject = clause.head  # "Border Force, which supported the NCA"
        named = [self.ctx.by_token[c.i] for c in subject.children if c.dep_ == "appos" and c.i in self.ctx.by_token
                 and self.ctx.by_token[c.i].type == "Person"]
        if named and (subject.i not in self.ctx.by_token or self.ctx.by_token[subject.i].type == "Title"):
            return named[:1]  # "Sinn Féin's justice spokesman, Declan Moran, criticised": the person speaks
        found: list[Mention] = []
        for token in (subject, *subject.conjuncts):
            found += [m for m in self.entities(token, sent) if m not in found]
        return found

    def agents(self, token: Token, sent: Span, rule: CueRule) -> list[Mention]:
        """Who does what `token` says: its subject, the noun a participle modifies, or up the clause chain."""
        current = token
        if token.pos_ in {"NOUN", "PROPN"}:  # "an NCA presence", "our relationship": the owner acts
            owner = self.entity(token, sent) if token.i not in self.ctx.by_token else None
            if owner:
                return [owner]
            if token.dep_ in {"dobj", "pobj", "attr", "nsubjpass"}:
                current = token.head
        passive_ok = rule.predicate == "operatesIn"  # "officers are deployed to Romania": the officers' body
        for _ in range(8):
            for child in current.children:
                if child.dep_ in _ACTIVE_SUBJECTS or (passive_ok and child.dep_ in _PASSIVE_SUBJECTS):
                    found = self._subject_entities(child, current, sent)
                    if found or not passive_ok:
                        return found
                    owner = self.personnel_owner(sent)
                    return [owner] if owner else []
                if child.dep_ == "agent":  # "by Europol and by border guards from Lithuania"
                    found = [m for by in (child, *child.conjuncts) for pobj in by.children if pobj.dep_ == "pobj"
                             for m in self._subject_entities(pobj, current, sent)]
                    if found:
                        return list(dict.fromkeys(found))
            if current.dep_ in {"acl", "relcl"}:
                found = self.entity(current.head, sent)
                if found:
                    return [found]
            if current is not token and current.pos_ == "NOUN":  # "Frontex's commitment to supporting Bulgaria"
                owner = next((self.ctx.by_token[c.i] for c in current.children
                              if c.dep_ == "poss" and c.i in self.ctx.by_token), None)
                if owner is not None:
                    return [owner]
            climbs = current.dep_ in _CLIMB | {"acl"} or (current is not token and current.dep_ in {"dobj", "pobj", "prep"})
            if not climbs or current.head is current:
                break
            current = current.head
        owner = self.personnel_owner(sent) if passive_ok else None
        return [owner] if owner else []


def _prep_objects(head: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of `head`'s prepositions; "based in Montréal and in Burlington" gives both."""
    return [t for child in head.children if child.dep_ == "prep" and child.lower_ in preps
            for p in (child, *child.conjuncts) for t in p.children if t.dep_ == "pobj"]


def _objects(resolver: Resolver, trigger: Token, sent: Span, rule: CueRule, subject: Mention) -> list[Mention]:
    heads = _prep_objects(trigger, rule.object_preps)
    for child in trigger.children:
        if rule.direct_object and child.dep_ in {"dobj", "nsubjpass"} and trigger.pos_ in {"VERB", "AUX"}:
            heads.append(child)  # "supported the NCA"; passive: "the NCA was supported by Border Force"
        elif rule.object_preps and child.dep_ == "dobj" and trigger.pos_ == "VERB":  # "deployed officers to Greece"
            heads += [t for obj in (child, *child.conjuncts) for t in _prep_objects(obj, rule.object_preps)]
        elif rule.object_preps and child.dep_ == "acl":  # "a new post opened in Austria"
            heads += _prep_objects(child, rule.object_preps)
    if rule.direct_object and trigger.pos_ == "NOUN" and trigger.dep_ == "nsubj" \
            and trigger.head.lemma_.lower() in resolver.ctx.words(rule.verbs):  # "UK support helped France double ..."
        heads += [c for c in trigger.head.children if c.dep_ == "dobj"]
    if rule.direct_object and trigger.tag_ == "VBN" and trigger.dep_ in {"acl", "relcl", "advcl"}:
        heads.append(trigger.head)  # "The inquiry, supported by HMRC": the participle's noun
    heads = [h.head if h.lower_ in _RELATIVE_PRONOUNS and trigger.dep_ == "relcl" else h for h in heads]
    heads += [c for h in heads for c in h.conjuncts]
    if rule.object_preps:  # "two analysts to Szeged and an operational specialist to Vienna"
        heads += [t for h in heads if h.pos_ == "NOUN" and h.i not in resolver.ctx.by_token
                  for t in _prep_objects(h, rule.object_preps)]
    found = []
    for head in heads:
        mentions = resolver.entities(head, sent, exclude=subject)
        if not mentions and rule.direct_object and resolver._is_operation(head):
            mentions = resolver.operation_bodies(head)  # "the operation was supported by Europol"
        if not mentions and rule.direct_object and head.pos_ == "VERB":  # "was led by A, supported by B"
            mentions = [m for c in head.children if c.dep_ == "nsubjpass" and resolver._is_operation(c)
                        for m in resolver.operation_bodies(c)]
        for mention in mentions:
            if mention.type in rule.object_types and mention not in found:
                found.append(mention)
    return found


def negated(token: Token) -> bool:
    """ "had not worked with", "no cooperation with": the text denies the relation."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children) or (
        token.dep_ in {"xcomp", "conj"} and any(c.dep_ == "neg" for c in token.head.children))


def _same_entity(a: Mention, b: Mention) -> bool:
    return (a.key is not None and a.key == b.key) or a.text == b.text


_VERB_TAGS = frozenset({"VERB", "AUX"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN"})


def cue_relations(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """Relations signalled by the cue verbs and nouns of the lexicon."""
    rules = [(rule, ctx.words(rule.verbs), ctx.words(rule.nouns)) for rule in CUE_RULES]
    first_words = {cue.split(" ")[0] for _, verbs, nouns in rules for cue in verbs | nouns}
    for sent, tokens in ctx.sentences:
        for token in tokens:
            pos = token.pos_
            if (pos not in _VERB_TAGS and pos not in _NOUN_TAGS) or not _may_be_cue(token, first_words):
                continue
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
                        if not any(_same_entity(agent, obj) for agent in agents):  # "supported by A and B": not A to B
                            confidence = rule.confidence if is_verb else rule.confidence - 0.1
                            yield Relation(subject, rule.predicate, obj, ctx.evidence(sent), confidence,
                                           f"{rule.predicate}-{'verb' if is_verb else 'noun'}-cue")


def _bodies_in(ctx: DocContext, token: Token) -> list[Mention]:
    """Bodies named under `token`, leaving out possessors ("Britain's" in "Britain's NCA")."""
    return [ctx.by_token[t.i] for t in token.subtree
            if t.i in ctx.by_token and ctx.by_token[t.i].type in _BODY_TYPES and t.dep_ not in {"poss", "case"}
            and not _in_apposition(t, token) and not _in_clause(t, token)]


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
    if marker.pos_ in {"NOUN", "PROPN"}:
        verb, noun = marker.head, marker
    found: list[Mention] = []
    passive_with_agent = any(c.dep_ == "agent" for c in verb.children)
    for child in verb.children:
        # with a "by" agent, an object is a misparsed second agent ("run jointly by the Police aux frontières")
        if child.dep_ in {"nsubj", "agent"} or (passive_with_agent and child.dep_ == "dobj"):
            found += _bodies_in(ctx, child)
    for head in (verb, noun):
        for prep in (c for c in (head.children if head is not None else ()) if c.dep_ == "prep"):
            # "a joint investigation by the City of London Police and the NCA"
            if prep.lower_ in {"with", "alongside", "between"} or (head is noun and prep.lower_ in {"by", "involving"}):
                found += _bodies_in(ctx, prep)
    return list(dict.fromkeys(found))


def joint_cooperation(ctx: DocContext) -> Iterator[Relation]:
    """Bodies said to act jointly cooperate with each other, pairwise."""
    cooperation_nouns = ctx.words("cooperation_nouns")
    for sent, tokens in ctx.sentences:
        for token in tokens:
            is_marker = token.lower_ in {"jointly", "together", "joint"}
            is_cooperation = token.pos_ == "NOUN" and token.lemma_.lower() in cooperation_nouns
            is_between = is_cooperation and any(c.dep_ == "prep" and c.lower_ == "between" for c in token.children)
            # "Spain and Morocco signed an agreement": a cooperation made by several subjects together
            is_shared = is_cooperation and token.dep_ == "dobj" and any(
                c.dep_ == "nsubj" and c.conjuncts for c in token.head.children)
            if not (is_marker or is_between or is_shared) or negated(token.head):
                continue
            participants = _joint_participants(ctx, token)
            for i, a in enumerate(participants):
                for b in participants[i + 1:]:
                    if not _same_entity(a, b):
                        yield Relation(a, "cooperatesWith", b, ctx.evidence(sent), 0.7, "cooperates-jointly")


def assisted_by(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "HSI led the inquiry with the assistance of Border Patrol": the helpers support the actor."""
    rule = next(r for r in CUE_RULES if r.predicate == "supports")
    support_nouns = ctx.words(rule.nouns)
    for sent, tokens in ctx.sentences:
        for noun in tokens:
            if noun.lemma_.lower() not in support_nouns or noun.head.lower_ not in {"with", "by"}:
                continue
            helpers = [resolver.entity(t, sent) for t in _prep_objects(noun, frozenset({"of", "from"}))]
            helpers += [resolver.entity(c, sent) for h in _prep_objects(noun, frozenset({"of", "from"})) for c in h.conjuncts]
            clause = noun.head.head
            actors = resolver.agents(clause, sent, rule) or [
                m for c in clause.children if c.dep_ == "nsubjpass" and resolver._is_operation(c)
                for m in resolver.operation_bodies(c)]  # "The investigation was conducted ..., with support from X"
            for actor in actors:
                for helper in dict.fromkeys(h for h in helpers if h and h.type in rule.subject_types):
                    if actor.type in rule.object_types and not _same_entity(helper, actor):
                        yield Relation(helper, "supports", actor, ctx.evidence(sent), 0.7, "supports-assisted-by")


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


_ACTIVITY_PREPS = frozenset({"in", "across", "throughout", "inside", "within", "at", "on"})


def _places_under(ctx: DocContext, head: Token, depth: int = 1, preps: frozenset[str] = _ACTIVITY_PREPS) -> list[Mention]:
    """Places named after "in/across/at" below `head`: "raids in Dover", "deployed to properties across London"."""
    found = []
    for prep in (c for c in head.children if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for target in (pobj, *pobj.conjuncts):
                place = ctx.by_token.get(target.i)
                if prep.lower_ in preps and place is not None and place.type in {"Country", "Location"}:
                    found.append(place)
                elif place is None and target.pos_ == "NOUN":
                    if prep.lower_ in preps:  # "at the Kapitan Andreevo and Lesovo checkpoints", "at Belfast port"
                        found += _named_places(ctx, target) + _examples(ctx, target)
                    if depth:
                        found += _places_under(ctx, target, depth - 1)
    return found


def _examples(ctx: DocContext, noun: Token) -> list[Mention]:
    """ "on islands such as Lesvos and Kos": the places a plural noun is illustrated by."""
    return [ctx.by_token[t.i] for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "as"
            and any(c.lower_ == "such" for c in prep.children) or (prep.dep_ == "prep" and prep.lower_ == "including")
            for pobj in prep.children if pobj.dep_ == "pobj" for t in (pobj, *pobj.conjuncts)
            if t.i in ctx.by_token and ctx.by_token[t.i].type in {"Country", "Location"}]


def _named_places(ctx: DocContext, noun: Token) -> list[Mention]:
    """Places naming a facility by compound: "the Kapitan Andreevo and Lesovo checkpoints", "Belfast port"."""
    return [ctx.by_token[t.i] for c in noun.children if c.dep_ == "compound" for t in (c, *c.conjuncts)
            if t.i in ctx.by_token and ctx.by_token[t.i].type in {"Country", "Location"}]


def activity_places(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "NCA officers made six arrests in London", "Frontex will boost patrols in the eastern Aegean".

    An agency (or its officers) doing something in a place operates there;
    saying, being born or being based somewhere does not count.
    """
    idle = ctx.words("reporting_verbs") | ctx.words("seat_verbs") | ctx.words("idle_verbs")
    place_objects = ctx.words("place_object_verbs")
    presence = next(r for r in CUE_RULES if r.predicate == "operatesIn")
    for sent, tokens in ctx.sentences:
        for verb in tokens:
            if verb.pos_ != "VERB" or verb.lemma_.lower() in idle or negated(verb):
                continue
            places = _places_under(ctx, verb)
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                places += _places_under(ctx, obj, 0)
                if verb.lemma_.lower() in place_objects:  # "ships patrolling the Florida Straits"
                    places += [p for t in (obj, *obj.conjuncts) for p in [ctx.by_token.get(t.i)]
                               if p is not None and p.type in {"Country", "Location"}]
            # "flies its aircraft over the Mediterranean from Malta": only where the agency itself is the subject
            own_places = _places_under(ctx, verb, 0, frozenset({"over", "from"}))
            if not places and not own_places:
                continue
            actors = [m for c in verb.children if c.dep_ == "nsubj" for m in resolver._subject_entities(c, verb, sent)]
            actors += [m for c in verb.children if c.dep_ == "agent" for p in c.children
                       for m in resolver._subject_entities(p, verb, sent)]
            if actors:
                places += own_places
            elif verb.dep_ == "xcomp" or (verb.dep_ == "acl" and resolver._is_authority(verb.head)) or (
                    verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
                actors = resolver.agents(verb, sent, presence)  # "ships patrolling the Straits", "recalled to patrol"
            actors = [a for a in actors if a.type == "Agency"]
            for actor in dict.fromkeys(actors):
                for place in dict.fromkeys(places):
                    if not _same_entity(actor, place):
                        yield Relation(actor, "operatesIn", place, ctx.evidence(sent), 0.65, "operatesIn-activity")


def personnel_places(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "NCA officers in Calais", "Frontex officials at the agency's office in Piraeus", "Border Force, which
    has officers at Belfast port": an agency's people somewhere."""
    personnel = ctx.words("personnel_nouns")
    for sent, tokens in ctx.sentences:
        for noun in tokens:
            if noun.pos_ != "NOUN" or (noun.lower_ not in personnel and noun.lemma_.lower() not in personnel) \
                    or noun.i in ctx.by_token:
                continue
            kept = noun.dep_ == "dobj" and noun.head.lemma_ in {"have", "keep", "maintain"}  # "has officers at X"
            places = list(dict.fromkeys(_places_under(ctx, noun) + (_places_under(ctx, noun.head, 0) if kept else [])))
            if not places:
                continue
            owners = [ctx.mention_of(noun)] if ctx.mention_of(noun) else []
            if not owners and kept:
                owners = [m for c in noun.head.children if c.dep_ == "nsubj"
                          for m in resolver._subject_entities(c, noun.head, sent)]
            for owner in (o for o in owners if o.type == "Agency"):
                for place in places:
                    yield Relation(owner, "operatesIn", place, ctx.evidence(sent), 0.7, "operatesIn-personnel")


def joint_subjects(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "Police from Bosnia, Croatia and Europol caught eight traffickers": bodies acting as one subject cooperate.

    Also the agents of a passive ("a plan drafted by the Greek Police and
    Frontex"). Only for the verbs of police and border work (arrest, raid,
    dismantle, draft, sign, set up): "Spain and Morocco both published
    reports" is no cooperation.
    """
    actions = ctx.words("joint_action_verbs")
    first_words = {action.split(" ")[0] for action in actions}
    for sent, tokens in ctx.sentences:
        for verb in tokens:
            takes_part = verb.lemma_ == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)
            if verb.pos_ != "VERB" or not (takes_part or _may_be_cue(verb, first_words) and cue_lemmas(verb) & actions) \
                    or negated(verb) \
                    or any(c.lower_ in {"both", "each", "separately", "respectively"} for c in verb.subtree if c.dep_ != "conj"):
                continue
            groups = [resolver._subject_entities(c, verb, sent) for c in verb.children if c.dep_ == "nsubj"]
            groups += [[m for p in c.children for m in resolver._subject_entities(p, verb, sent)]
                       for c in verb.children if c.dep_ == "agent"]
            for group in groups:
                bodies = list(dict.fromkeys(m for m in group if m.type in _BODY_TYPES))
                for i, a in enumerate(bodies):
                    for b in bodies[i + 1:]:
                        if not _same_entity(a, b):
                            yield Relation(a, "cooperatesWith", b, ctx.evidence(sent), 0.65, "cooperates-joint-subjects")


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
                    if target and target.type in _BODY_TYPES | {"Person"} and not _same_entity(speaker, target):
                        yield Relation(speaker, "criticises", target, ctx.evidence(sent), 0.65, "criticises-negative-claim")
