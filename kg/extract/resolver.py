"""Which entities a token stands for, within one article.

The rules of `kg.extract.relations` and `kg.extract.presence` find a cue
word and its two ends in the parse; the `Resolver` says what each end names:
a mention, its owner ("NCA officers"), "we"/"our" inside a quotation (the
speaker's organisation), "the eastern European nation" (the country last
named), "local police" (the country the sentence is about), the bodies that
ran an operation ("the investigation was supported by Europol"). Anything
else is left unresolved: an unsupported relation is worse than a missed one.
"""

from functools import lru_cache

from spacy.tokens import Span, Token

from kg.extract.context import DocContext
from kg.extract.rules import CueRule
from kg.records import Mention

_FIRST_PLURAL = {"we", "our", "us", "ours"}
_PARTICIPATION_VERBS = frozenset({"participate", "join"})


def taking_part(verb: Token) -> bool:
    """ "took part in", "participated in", "joined": a body among others, not one running the work."""
    lemma = verb.lemma_.lower()
    return lemma in _PARTICIPATION_VERBS or (lemma == "take" and any(c.lower_ == "part" for c in verb.children))
_ACTIVE_SUBJECTS = {"nsubj"}
_PASSIVE_SUBJECTS = {"nsubjpass"}
_CLIMB = {"xcomp", "advcl", "conj", "pcomp", "ccomp"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
BODY_TYPES = frozenset({"Agency", "Organisation", "Country"})
_FORCE_SUFFIXES = ("Police", "Constabulary", "Police Service", "Police Force")


def _stems(token: Token) -> frozenset[str]:
    """The lemma, and for a verb the stems of its inflection, since the model's lemmas slip ("staged" -> "stag")."""
    return _stems_of(token.lemma_.lower(), token.lower_, token.pos_ in {"VERB", "AUX"})


@lru_cache(maxsize=65536)  # the same words come back in every article
def _stems_of(lemma: str, word: str, verb: bool) -> frozenset[str]:
    stems = {lemma}
    if verb:
        for suffix in ("ed", "ing", "s"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)]
                stems |= {stem, stem + "e"}
    return frozenset(stems)


IDIOM_OBJECTS = frozenset({"forces", "hands"})  # "join forces", "joined hands": part of the verb, no object


def cue_lemmas(token: Token) -> set[str]:
    """The lemma, "co-operate" joined back from "co - operated", and phrasal forms ("hit out", "team up", "join
    forces")."""
    stems = _stems(token)
    if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ == "co":
        stems = {"co-" + stem for stem in stems}
    return stems | {f"{stem} {c.lower_}" for stem in stems for c in token.children
                    if c.dep_ == "prt" or (c.dep_ == "dobj" and c.lower_ in IDIOM_OBJECTS)}  # "joined hands"


def may_be_cue(token: Token, first_words: set[str]) -> bool:
    """False when no `cue_lemmas(token)` can be a cue word beginning with one of `first_words`.

    Every cue lemma begins with one of the token's stems, or with "co-" and it:
    a quick test that spares most tokens the look at their neighbours and children.
    """
    return any(" " in stem or stem in first_words or f"co-{stem}" in first_words for stem in _stems(token))


def negated(token: Token) -> bool:
    """ "had not worked with", "no cooperation with": the text denies the relation."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children) or (
        token.dep_ in {"xcomp", "conj"} and any(c.dep_ == "neg" for c in token.head.children))


def same_entity(a: Mention, b: Mention) -> bool:
    return (a.key is not None and a.key == b.key) or a.text == b.text


class Resolver:
    """Maps tokens to the entities they stand for within one document."""

    def __init__(self, ctx: DocContext, speakers: dict[tuple[int, int], Mention], employers: dict[str, Mention]):
        self.ctx = ctx
        self.speakers = speakers  # quotation range -> speaker
        self.employers = employers  # person surface text -> organisation mention
        self._operations: list[tuple[int, list[Mention]]] | None = None  # operation noun index -> who ran it
        self._taking_part: set[int] = set()  # operation nouns whose bodies only took part ("took part in the operation")
        self._acted: list[tuple[int, list[Mention]]] | None = None  # police-work verb index -> who did it
        self._partners_of: dict[int, list[Mention]] = {}  # police-work verb index -> who did it beside the subject

    def operation_bodies(self, noun: Token) -> list[Mention]:
        """Who ran the operation a noun names: in its sentence, else the last operation whose runners were named.

        "a joint investigation by the City of London Police and the NCA. The
        inquiry, supported by HMRC, ...": HMRC supports both forces.
        """
        operations = self._operation_table()
        own = next((bodies for i, bodies in operations if i == noun.i), None)
        referring = any(c.lower_ in {"the", "this", "that"} for c in noun.lefts)
        if own and not (noun.i in self._taking_part and referring and self.leaders_before(noun.i)):
            return own
        if not referring and not self._opened_by_no_one_named(noun):
            return []
        leaders = self.leaders_before(noun.i)
        if leaders and any(i in self._taking_part for i, _ in operations if leaders[0] < i <= noun.i):
            return leaders[1]  # "led by A and B. C, D and E took part in the operation. X supported the operation"
        return self.latest_runners(noun.i)

    def runners_told_next(self, noun: Token) -> list[Mention]:
        """ "An operation supported by Europol saw eight arrests. Operation Odyssey, led by A and B, began ...": an
        operation introduced with "a" and no one running it, whose runners the next sentence names."""
        if not any(c.lower_ in {"a", "an"} for c in noun.lefts):
            return []
        sent = noun.sent
        following = next((s for s, _ in self.ctx.sentences if s.start >= sent.end), None)
        if following is None:
            return []
        told = next((bodies for i, bodies in self._operation_table()
                     if following.start <= i < following.end and i not in self._taking_part), [])
        running = self.ctx.words("running_verbs")
        led = [t for t in following if t.tag_ == "VBN" and cue_lemmas(t) & running  # "Operation Odyssey led by A"
               and any(c.dep_ == "agent" for c in t.children)]
        return told or ([m for c in led[0].children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                         for m in self.subject_entities(p, led[0], following) if m.type in BODY_TYPES]
                        + self.partners(led[0], following) if led else [])

    def _opened_by_no_one_named(self, noun: Token) -> bool:
        """ "The police arrested nine. An inquiry was opened in cooperation with ...": an operation told in a
        passive with no "by" is run by whoever did the police work told before it."""
        verb = noun.head
        return noun.dep_ == "nsubjpass" and bool(cue_lemmas(verb) & self.ctx.words("running_verbs")) \
            and not any(c.dep_ == "agent" for c in verb.children)

    def latest_runners(self, index: int) -> list[Mention]:
        """Who ran the operation or did the police work told last before `index`."""
        earlier = [(i, bodies) for i, bodies in self._operation_table() if i < index]
        acted = [(i, bodies) for i, bodies in self._actions() if i < index]
        latest = max(earlier + acted, key=lambda item: item[0], default=None)
        if latest is None:
            return []
        sent = self.ctx.doc[latest[0]].sent  # "A arrested six, while B detained three": both ran it
        return list(dict.fromkeys(m for i, bodies in earlier + acted if sent.start <= i < sent.end for m in bodies))

    def leaders_before(self, index: int) -> tuple[int, list[Mention]] | None:
        """The last operation before `index` whose runners were named as running it, not as taking part, with the
        co-leaders an earlier telling named beside them ("Frontex, together with Austria, led an operation ... The
        operation, led by Frontex, ...": Frontex and Austria)."""
        led = [(i, bodies) for i, bodies in self._operation_table() if i < index and i not in self._taking_part]
        if not led:
            return None
        last, leaders = led[-1]
        keys = {m.key or m.text for m in leaders}
        for _, bodies in led[:-1]:
            if keys & {m.key or m.text for m in bodies}:
                leaders = [*leaders, *(m for m in bodies if (m.key or m.text) not in keys)]
                keys |= {m.key or m.text for m in bodies}
        return last, leaders

    def _operation_table(self) -> list[tuple[int, list[Mention]]]:
        """Operation nouns with the bodies named as running (or taking part in) them, in text order."""
        if self._operations is None:
            self._operations = []
            for sent, tokens in self.ctx.sentences:
                for token in tokens:
                    if self.is_operation(token):
                        bodies = self._runners(token, sent)
                        if bodies:
                            self._operations.append((token.i, bodies))
        return self._operations

    def acted_bodies(self) -> list[tuple[int, list[Mention]]]:
        """Bodies that did police work, by the index of the verb, in text order."""
        return self._actions()

    def _actions(self) -> list[tuple[int, list[Mention]]]:
        """Bodies that did police work, by the index of the verb: "Polish Border Guard officers arrested ..."."""
        if self._acted is None:
            actions = self.ctx.words("joint_action_verbs")
            self._acted = []  # empty while the police work is read: "the authorities involved" need it done
            acted = []
            for sent, tokens in self.ctx.sentences:
                for verb in tokens:
                    if verb.pos_ == "VERB" and cue_lemmas(verb) & actions and not negated(verb):
                        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
                        bodies = [m for c in subjects for m in self.subject_entities(c, verb, sent) if m.type in BODY_TYPES]
                        partners = [m for t in (verb, *subjects) for m in self.partners(t, sent)]
                        bodies += partners
                        if bodies:
                            acted.append((verb.i, list(dict.fromkeys(bodies))))
                            self._partners_of[verb.i] = partners
            self._acted = acted
        return self._acted

    def partners(self, token: Token, sent: Span) -> list[Mention]:
        """Bodies working beside the one `token` names or does: "officers, working with the CBI,",
        "alongside Europol", "together with the Garda", "along with the CBP", "in cooperation with Interpol"."""
        cooperation = self.ctx.words("cooperation_verbs") | self.ctx.words("cooperation_nouns")
        participation = self.ctx.words("participation_nouns")
        misparsed = [g for c in token.children if c.dep_ == "punct" for g in c.children]  # ", working with" under a comma
        preps = [c for c in (*token.children, *misparsed) if c.dep_ == "prep" and c.lower_ in {"alongside", "with"}
                 and (c.lower_ == "alongside" or any(a.lower_ == "together" for a in c.children)
                      or token.doc[c.i - 1].lower_ in {"together", "jointly"})]  # "carried out jointly with"
        for child in (*token.children, *misparsed):
            if child.dep_ in {"acl", "advcl", "prep"} and cue_lemmas(child) & cooperation:  # "working with"
                heads = [child]
            elif child.dep_ == "prep" and child.lower_ == "in":  # "in cooperation with"
                heads = [p for p in child.children if p.dep_ == "pobj" and cue_lemmas(p) & cooperation]
            else:
                heads = []
            preps += [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in {"with", "alongside"}]
            # "its officers in co-operation with the French Border Police": "with" hung on the subject
            preps += [c for h in heads for c in token.children if c.dep_ == "prep" and c.lower_ == "with"
                      and c.i == h.i + 1 and not any(g.dep_ == "prep" and g.lower_ == "with" for g in h.children)]
            if child.dep_ in {"advmod", "prep"} and child.lower_ in {"together", "along", "jointly"}:  # "along with"
                preps += [c for c in child.children if c.dep_ == "prep" and c.lower_ == "with"]
            if child.dep_ == "prep" and child.lower_ == "with":  # "with the participation of A and B"
                preps += [c for p in child.children if p.dep_ == "pobj" and p.lemma_.lower() in participation
                          for c in p.children if c.dep_ == "prep" and c.lower_ == "of"]
        return [m for prep in preps for pobj in prep.children if pobj.dep_ == "pobj"
                for t in (pobj, *pobj.conjuncts) for m in self.entities(t, sent) if m.type in BODY_TYPES]

    def is_operation(self, token: Token) -> bool:
        """An operation noun, alone or after its compound: "the investigation", "joint action days"."""
        if token.pos_ != "NOUN":
            return False
        nouns, lemma = self.ctx.words("operation_nouns"), token.lemma_.lower()
        return lemma in nouns or any(c.dep_ == "compound" and f"{c.lemma_.lower()} {lemma}" in nouns for c in token.children)

    def named_runners(self, noun: Token, sent: Span) -> list[Mention]:
        """Who ran the operation a noun names, as its own sentence says (no earlier sentence)."""
        return self._runners(noun, sent)

    def _runners(self, noun: Token, sent: Span) -> list[Mention]:
        """Bodies named as running an operation: its owner ("the NCA operation"), "between/by/of A and B",
        a passive "led by A", or the subject of the verb that has it as object ("A and B launched an operation")."""
        found: list[Mention] = []
        for child in noun.children:
            if child.dep_ in {"compound", "poss", "nmod"} and child.i in self.ctx.by_token:
                found.append(self.ctx.by_token[child.i])
            leader = self.hyphen_leader(child)
            if leader is not None:
                found.append(leader)
            if child.dep_ == "prep" and child.lower_ in {"between", "by", "of", "involving", "comprising"}:
                found += [m for pobj in child.children if pobj.dep_ == "pobj" for t in (pobj, *pobj.conjuncts)
                          for m in self.entities(t, sent)]
            if child.dep_ == "acl" and child.lower_ in {"involving", "comprising"}:  # "an investigation involving A"
                found += [m for obj in child.children if obj.dep_ == "dobj" for t in (obj, *obj.conjuncts)
                          for m in self.entities(t, sent)]
        found += self.participle_runners(noun, sent)
        verb = noun.head
        if noun.dep_ == "nsubjpass" and verb.lemma_.lower() in self.ctx.words("running_verbs"):  # "was led by A"
            found += [m for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                      for m in self.subject_entities(p, verb, sent)]
            found += self.directors(verb, sent)
        elif noun.dep_ in {"nsubj", "nsubjpass"}:  # "The investigation, under the direction of X, was supported by Y"
            found += self.directors(verb, sent)
            # "The action took place on Wednesday by police in Austria, Bulgaria and Croatia"
            found += [m for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "by"
                      for pobj in prep.children if pobj.dep_ == "pobj" for t in (pobj, *pobj.conjuncts)
                      for m in self.entities(t, sent)]
        elif noun.dep_ == "pobj" and verb.lower_ in {"following", "after"} and verb.head.pos_ == "VERB":
            # "dismantled by Portuguese authorities following an investigation backed by Europol": who did it
            done = verb.head
            found += [m for c in done.children if c.dep_ == "nsubj" for m in self.subject_entities(c, done, sent)]
            found += [m for c in done.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                      for m in self.subject_entities(p, done, sent)]
        elif noun.dep_ in {"dobj", "pobj"}:
            if noun.dep_ == "pobj" and verb.dep_ == "prep":  # "took part in the operation"
                verb = verb.head
            if taking_part(verb):
                self._taking_part.add(noun.i)
            if not cue_lemmas(verb) & self.ctx.words("support_verbs"):  # "Europol supported the investigation" runs none
                subjects = [c for c in verb.children if c.dep_ == "nsubj"] or [
                    c for c in verb.children if c.dep_ == "npadvmod" and c.i < verb.i and c.i in self.ctx.by_token]
                # ("Frontex, together with Austria led ...": the parser may take a subject so set off for a modifier)
                found += [m for c in subjects for m in self.subject_entities(c, verb, sent)]
                if found:  # "Frontex, together with Austria, led an international operation": both ran it
                    found += [m for t in (verb, *subjects) for m in self.partners(t, sent)]
        return list(dict.fromkeys(m for m in found if m.type in BODY_TYPES))

    def directors(self, verb: Token, sent: Span) -> list[Mention]:
        """ "carried out under the direction of Albanian, Greek and Italian judicial authorities": who directed."""
        nouns = [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "under"
                 for p in prep.children if p.dep_ == "pobj" and (p.lemma_.lower() in self.ctx.words("direction_nouns")
                                                                 or p.lower_ in self.ctx.words("direction_nouns"))]
        return [m for n in nouns for of in n.children if of.dep_ == "prep" and of.lower_ == "of"
                for p in of.children if p.dep_ == "pobj" for t in (p, *p.conjuncts)
                for m in self.entities(t, sent) if m.type in BODY_TYPES]

    def hyphen_leader(self, participle: Token) -> Mention | None:
        """ "an NCA-led investigation", "a Bulgarian-led operation": the body or country before "-led"."""
        doc = self.ctx.doc
        if participle.lower_ not in self.ctx.words("lead_participles") or participle.i < 2 \
                or doc[participle.i - 1].text != "-":
            return None
        before = doc[participle.i - 2]
        named = self.ctx.by_token.get(before.i)
        if named is not None:
            return named if named.type in BODY_TYPES else None
        key = self.ctx.gazetteer.demonym_keys.get(before.text)
        entry = self.ctx.gazetteer.entries.get(key) if key else None
        if entry is None or entry.type != "Country":
            return None
        return Mention(self.ctx.doc_id, before.idx, before.idx + len(before.text), before.text, entry.type,
                       key=entry.key, name=entry.name)

    def participle_runners(self, noun: Token, sent: Span) -> list[Mention]:
        """ "an operation carried out by authorities from Austria and Greece", "an investigation launched by
        the Policía Nacional": the agents of a running participle on the noun."""
        running = self.ctx.words("running_verbs") | self.ctx.words("joint_action_verbs")
        found: list[Mention] = []
        for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and cue_lemmas(c) & running):
            agents = [p for agent in acl.children if agent.dep_ == "agent" for by in (agent, *agent.conjuncts)
                      for p in by.children if p.dep_ == "pobj"]
            named = [m for p in agents for m in self.subject_entities(p, acl, sent) if m.type in BODY_TYPES]
            if not named and any(self.is_authority(t) for p in agents for t in (p, *p.conjuncts)):
                # "carried out by judicial authorities | from Austria and Greece", the parser's attachment
                named = [m for prep in acl.children if prep.dep_ == "prep" and prep.lower_ in {"from", "in", "of"}
                         for p in prep.children if p.dep_ == "pobj" for t in (p, *p.conjuncts)
                         for m in [self.ctx.by_token.get(t.i)] if m is not None and m.type == "Country"]
            found += named
        return found

    def entity(self, token: Token, sent: Span, exclude: Mention | None = None) -> Mention | None:
        ctx = self.ctx
        if token.lower_ in _FIRST_PLURAL:
            return self.speaker_body(token)
        if token.lower_ in {"it", "they"}:
            return self._reported_self(token) or self._previous_subject(token)
        mention = ctx.mention_of(token)
        if mention and mention.type == "Location" and token.i not in ctx.by_token:
            return self._local_force(mention) or mention
        if mention:
            return mention
        lemma = token.lemma_.lower()
        if lemma in ctx.words("personnel_nouns") or token.lower_ in ctx.words("personnel_nouns"):
            right_after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            # "dismantled by police officers from the CBŚP": the parser may hang the "from" on the verb
            misattached = [right_after] if right_after is not None and right_after.dep_ == "prep" \
                and right_after.head.i != token.i and right_after.lower_ in {"of", "from"} else []
            for prep in [*(c for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}), *misattached]:
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    if ctx.mention_of(pobj):
                        return ctx.mention_of(pobj)  # "officers of the Guardia Civil"
            if not any(c.dep_ in {"poss", "compound", "amod"} and c.lower_ not in {"its", "their"} for c in token.children):
                reporter = self._reporting_body(token)
                if reporter is not None:
                    return reporter  # "The NCA said ..., with 350 officers descending on targets in Teesside";
                    # "The NCA announced that its officers had smashed ..."
        if lemma in ctx.words("place_anaphors") and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return ctx.previous_mention(token.idx, {"Country"})
        if any(c.lower_ in ctx.words("local_markers") for c in token.children) and lemma in ctx.words("authority_nouns"):
            return self._place_in(token, sent, exclude)
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ in _FIRST_PLURAL:
                return self.speaker_body(child)
        return ctx.named_earlier(token)

    def entities(self, token: Token, sent: Span, exclude: Mention | None = None) -> list[Mention]:
        """What a token stands for, with the bodies it shares its noun with.

        "Hungarian, Serbian and Austrian police": three countries; "partners in
        Belgium and France", "law enforcement officials from the UK": the places'
        authorities.
        """
        found: list[Mention] = []
        if token.i not in self.ctx.by_token and self.is_authority(token):
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "from", "of"}):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    for place in (pobj, *pobj.conjuncts):
                        named = self.ctx.by_token.get(place.i) or self._named_right_after(place)
                        # "officers from Europol and Kent Police", "colleagues in Border Force"; "officers in Europol" are elsewhere
                        wanted = {"Country"} if prep.lower_ == "in" and not self.is_partner(token) else BODY_TYPES
                        if named is not None and named.type in wanted and named != exclude:
                            found.append(named)
            if found:  # "officers from the NCA, Kent Police and Essex Police", the rest of the list parsed as apposition
                found += [m for a in token.children if a.dep_ == "appos" for t in (a, *a.conjuncts)
                          for m in [self.ctx.by_token.get(t.i)] if m is not None and m.type in BODY_TYPES]
        if not found:
            mention = self.entity(token, sent, exclude)
            found = self._coordination_of(mention) if mention else []
            if mention is not None and token.i in self.ctx.by_token:
                found += self._misparsed_coordination(token, mention)
        if not found:
            found = self.involved_bodies(token, exclude)
        if not found:
            found = [m for m in self._operation_referred(token) if m != exclude]
        return list(dict.fromkeys(found))

    def _operation_referred(self, token: Token) -> list[Mention]:
        """ "... and that joint investigation continues. It is also assisted by Border Force": "it" opening a
        sentence after one that named an operation stands for that operation, and so for who runs it."""
        sent = token.sent
        before = self.ctx.sentence_before(sent)
        if token.lower_ != "it" or token.dep_ not in {"nsubj", "nsubjpass"} or token.head != sent.root or before is None:
            return []
        operations = [t for t in before if self.is_operation(t)]
        return self.operation_bodies(operations[-1]) if operations else []

    def involved_bodies(self, token: Token, exclude: Mention | None = None) -> list[Mention]:
        """ "Eurojust supported the authorities involved", "to support the national investigations": the bodies
        of the police work told last before the words."""
        words = self.ctx.words("authority_nouns") | self.ctx.words("partner_nouns") | self.ctx.words("operation_nouns")
        if token.tag_ not in {"NNS", "NNPS"} or token.lemma_.lower() not in words | {"country"} \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
                or not any(c.lower_ in self.ctx.words("involvement_modifiers") for c in token.children
                           if c.dep_ in {"amod", "acl", "compound"}):
            return []
        earlier = [(i, bodies) for i, bodies in self.acted_bodies() if i < token.i]
        if not earlier:
            return []
        index, bodies = earlier[-1]
        partners = self._partners_of.get(index, [])
        if exclude is not None and any(same_entity(exclude, m) for m in partners):
            # "A, B and C, together with Eurojust and Europol": Eurojust supported A, B and C
            bodies = [m for m in bodies if m not in partners]
        return [m for m in bodies if exclude is None or not same_entity(exclude, m)]

    def _named_right_after(self, noun: Token) -> Mention | None:
        """ "regional agency Europol": a common noun described by the name right after it."""
        after = self.ctx.by_token.get(noun.i + 1) if noun.pos_ == "NOUN" and noun.i + 1 < len(self.ctx.doc) else None
        return after if after is not None and after.type in BODY_TYPES and self.ctx.doc[noun.i + 1].pos_ == "PROPN" else None

    def _misparsed_coordination(self, token: Token, mention: Mention) -> list[Mention]:
        """ "the U.S. Border Patrol and Homeland Security Investigations" parsed with the first name as a
        modifier of the second: a modifier with its own "and" is a body of its own."""
        found = []
        for child in token.children:
            other = self.ctx.by_token.get(child.i)
            if child.dep_ in {"nmod", "compound"} and other is not None and other != mention \
                    and other.type in BODY_TYPES and any(c.dep_ == "cc" for c in child.children):
                found.append(other)
        return found

    def _coordination_of(self, mention: Mention) -> list[Mention]:
        """A demonym mention with the others sharing its noun: "Nigerian, Nigerien and Ghanaian police"."""
        for noun, shared in self.ctx.coordinated.items():
            if mention == noun or mention in shared:
                return [noun, *shared]
        return [mention]

    def is_partner(self, token: Token) -> bool:
        """ "partners", "colleagues", "our partner agencies"."""
        words = self.ctx.words("partner_nouns")
        return token.lemma_.lower() in words or token.lower_ in words or any(
            c.dep_ == "compound" and c.lower_ in words for c in token.children)

    def is_authority(self, token: Token) -> bool:
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
                if mention and mention.type in BODY_TYPES:
                    return mention
        return None

    def _reporting_body(self, token: Token) -> Mention | None:
        """The agency whose statement a word stands in: "The NCA said ... 350 officers ..."."""
        current = token
        while current.head.i != current.i:
            if current.dep_ == "ccomp" and current.head.lemma_.lower() in self.ctx.words("reporting_verbs"):
                subject = next((c for c in current.head.children if c.dep_ == "nsubj"), None)
                mention = self.ctx.mention_of(subject) if subject is not None else None
                return mention if mention is not None and mention.type == "Agency" else None
            current = current.head
        return None

    def _previous_subject(self, token: Token) -> Mention | None:
        """ "Gardaí are investigating. They are also liaising with ...": a pronoun opening a sentence as its
        subject is the body that was the subject of the sentence before, if a body was."""
        sent = token.sent
        before = self.ctx.sentence_before(sent)
        if token.dep_ != "nsubj" or token.head != sent.root or before is None:
            return None
        subjects = [c for c in before.root.children if c.dep_ in {"nsubj", "nsubjpass"}]
        found = [m for s in subjects for m in (self.operation_bodies(s) if self.is_operation(s)
                                               else self.subject_entities(s, before.root, before))]
        wanted = {"Agency", "Organisation"} if token.lower_ == "it" else BODY_TYPES
        return found[0] if len(found) == 1 and found[0].type in wanted else None

    def speaker_body(self, token: Token) -> Mention | None:
        """The body a quotation's speaker stands for: "we" in a Europol spokesman's words is Europol."""
        for (start, end), speaker in self.speakers.items():
            if start <= token.idx < end:
                if speaker.text in self.employers:  # a person, even where NER typed a surname as a body
                    return self.employers[speaker.text]
                return speaker if speaker.type in {"Agency", "Organisation", "Country"} else None
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

    def subject_entities(self, subject: Token, clause: Token, sent: Span) -> list[Mention]:
        """What a subject names, with its conjuncts ("Iraqi authorities and the KRG assisted")."""
        if subject.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl":
            subject = clause.head  # "Border Force, which supported the NCA"
        named = [self.ctx.by_token[c.i] for c in subject.children if c.dep_ == "appos" and c.i in self.ctx.by_token
                 and self.ctx.by_token[c.i].type == "Person"]
        if named and (subject.i not in self.ctx.by_token or self.ctx.by_token[subject.i].type == "Title"):
            return named[:1]  # "Sinn Féin's justice spokesman, Declan Moran, criticised": the person speaks
        titled = self.ctx.person_after_title(subject) if subject.i not in self.ctx.by_token else None
        if titled is not None:
            return [titled]  # "Tory MP for Ashford Graham Pell blasted the Home Office"
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
                    found = self.subject_entities(child, current, sent)
                    if not found and child.dep_ == "nsubj" and self.is_operation(child):
                        found = self.operation_bodies(child)  # "The operation ... in collaboration with Europol"
                    if not found and child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl" \
                            and self.is_operation(current.head):  # "The operation, which had the help of X, was led by A"
                        found = self.named_runners(current.head, sent) or self.operation_bodies(current.head)
                    if found or not passive_ok:
                        return found
                    owner = self.personnel_owner(sent)
                    return [owner] if owner else []
                if child.dep_ == "nsubjpass" and current is not token and self.is_operation(child) \
                        and cue_lemmas(current) & self.ctx.words("running_verbs"):
                    return self.operation_bodies(child)  # "The operation was carried out in cooperation with Europol"
                if child.dep_ == "agent":  # "by Europol and by border guards from Lithuania"
                    found = [m for by in (child, *child.conjuncts) for pobj in by.children if pobj.dep_ == "pobj"
                             for m in self.subject_entities(pobj, current, sent)]
                    if found:
                        return list(dict.fromkeys(found))
            if current.dep_ in {"acl", "relcl"}:
                found = self.entity(current.head, sent)
                if found:
                    return [found]
            runners = self.operation_bodies(current) if current is not token and self.is_operation(current) else []
            if runners:
                return runners  # "an investigation by the Met in partnership with the NCA"
            if current is not token and current.pos_ == "NOUN":  # "Frontex's commitment to supporting Bulgaria"
                owner = next((self.ctx.by_token[c.i] for c in current.children
                              if c.dep_ == "poss" and c.i in self.ctx.by_token), None)
                if owner is not None:
                    return [owner]
            climbs = current.dep_ in _CLIMB | {"acl"} or (current is not token and current.dep_ in {"dobj", "pobj", "prep"})
            if not climbs or current.head.i == current.i:
                break
            current = current.head
        owner = self.personnel_owner(sent) if passive_ok else None
        return [owner] if owner else []
