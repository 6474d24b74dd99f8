"""Events from trigger words on the dependency parse: who did what, where, when and how many.

A trigger is a verb or noun whose lemma names an event type (`event_triggers_*`
in the lexicon): "arrested", "the seizure", "were deployed", "Operation
Sovereign Borders". A few triggers are events only with the right object
("searched four addresses", not "searched for answers"). Each sentence gives
at most one event of a type; its parts are read from the parse:

- agents: the subject or the "by" agent, the partners beside them ("with the
  help of X"), an owner ("the NCA's arrests"); else the body that reported the
  sentence, else the bodies of the last police work the article told of;
- places: what "in/at/near/off" names under the trigger, its object or its verb;
- counts: a number and the noun it counts, under the trigger ("arrested six
  men", "the arrest of 16 people", "jailed for eight years", "£85,000 in
  cash"), with the qualifier the text gives ("more than"); an age or a date is
  no count, and a number the parse does not tie to the trigger is left out;
- date: a date expression of the sentence, resolved against the article's
  date; else the article's date, flagged as such; else none.
"""

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from spacy.tokens import Span, Token

from kg.extract.context import DocContext
from kg.event_types import event_types
from kg.extract.resolver import BODY_TYPES, Resolver, cue_lemmas, negated, taking_part
from kg.geography import home_country
from kg.ingest.dates import document_date, resolve_expression
from kg.records import Article, Count, Event, EventDate, Mention

EVENT_TYPES = tuple(event_types())  # in the table's order: the first type that fits a trigger wins
_UNITS = ("people", "boats", "officers", "years", "months", "kilograms", "tonnes", "euros", "pounds", "dollars")
_BACK_REFERENCES = frozenset({"the", "these", "those", "this", "that", "their", "its", "his", "her", "such"})
_PLACE_PREPS = frozenset({"in", "at", "near", "off", "across", "on", "outside", "inside", "throughout"})
_OPERATION_NAME = re.compile(r"\bOperation\s+(?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,2}")
_MULTIPLIERS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "m": 1_000_000, "bn": 1_000_000_000}
_WORD_NUMBERS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                                                     "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
                                                     "dozen": 12, "dozens": 24}


def _types_of(ctx: DocContext, token: Token) -> list[str]:
    """The event types a word may name; "found" is a seizure of goods or an interception of people."""
    lemma = token.lemma_.lower()
    phrases = {lemma} | {f"{c.lower_} {lemma}" for c in token.children if c.dep_ == "compound"}  # "action day"
    types = [t for t in EVENT_TYPES if phrases & ctx.words(f"event_triggers_{t.lower()}")]
    if "Operation" not in types and token.tag_ in {"VBD", "VBN"} and cue_lemmas(token) & ctx.words("dismantling_verbs") \
            and any(o.lemma_.lower() in _CRIMINAL_GROUPS for o in _objects(token)):
        types.append("Operation")  # "Police dismantled a smuggling network": the operation that did it
    return types


_CRIMINAL_GROUPS = frozenset({"network", "gang", "ring", "group", "organisation", "organization", "cell", "syndicate"})


def _objects(token: Token) -> list[Token]:
    """What a trigger acts on: its object, a passive subject, or what follows "of" on a noun; with conjuncts."""
    heads = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    if heads and token.pos_ == "VERB":  # "seized EUR 410 000 in cash, 17 vehicles, ...": the list hung on the verb
        heads += [c for c in token.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i > heads[0].i]
    if not heads and _bullet_participle(token):
        # "• 7 locations searched": a list line the parser read as an active verb, its subject what was searched
        heads = [c for c in token.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"] + (
            [token.head] if token.dep_ == "acl" else [])  # "• 5 vehicles seized"
    if not heads and token.pos_ == "VERB":  # "detained four suspected people smugglers", parsed as a clause
        heads = [c for c in token.children if c.dep_ in {"ccomp", "xcomp", "oprd"} and c.pos_ == "NOUN"
                 and not any(g.dep_ in {"aux", "auxpass", "nsubjpass"} or (g.dep_ == "nsubj" and not _compound_like(g))
                             for g in c.children)]
    if not heads and token.pos_ == "VERB":  # "found a total of 23 migrants hiding in trucks": who was found doing it
        heads = [g for c in token.children if c.dep_ == "ccomp" and c.tag_ == "VBG"
                 for g in c.children if g.dep_ == "nsubj" and g.pos_ == "NOUN"]
    if token.pos_ == "NOUN":
        heads += [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in {"of", "on"}
                  for p in prep.children if p.dep_ == "pobj"]  # "the arrest of 16 people", "raids on 11 homes"
    return [t for head in heads for t in (head, *head.conjuncts)]


def _bullet_participle(token: Token) -> bool:
    """A verb ending its line after a counted subject (or noun) and no object: "7 locations searched", "5 vehicles
    seized": a results list."""
    if token.pos_ != "VERB" or any(c.dep_ in {"dobj", "nsubjpass", "aux", "auxpass"} for c in token.children):
        return False
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    ends_line = after is None or after.is_space or "\n" in token.whitespace_ or after.is_punct and (
        after.i + 1 >= len(token.doc) or "\n" in after.whitespace_ or token.doc[after.i + 1].is_space)
    counted = [c for c in token.children if c.dep_ == "nsubj"] + ([token.head] if token.dep_ == "acl" else [])
    return ends_line and any(any(n.dep_ == "nummod" for n in c.children) for c in counted)


def _compound_like(token: Token) -> bool:
    """A noun the parser made the subject of the noun right after it: "people smugglers" read as a clause."""
    return token.dep_ == "nsubj" and token.pos_ == "NOUN" and token.head.pos_ == "NOUN" and token.i == token.head.i - 1


def _fits_object(ctx: DocContext, token: Token, event_type: str) -> bool:
    """Object-bound triggers need an object of the right kind: "searched four addresses", "stopped a lorry"."""
    if token.lemma_.lower() not in ctx.words("event_object_bound"):
        return True
    kinds = {"Raid": "event_premises", "Seizure": "event_goods", "Interception": "event_crossings",
             "Deployment": "count_units_officers", "Rescue": "count_units_people", "Arrest": "count_units_people"}
    words = ctx.words(kinds.get(event_type, "event_goods"))
    objects = _objects(token) + ([token.head] if token.dep_ == "acl" else [])  # "officers stationed in Europol"
    if token.pos_ == "VERB" and not objects:  # "Three premises searched in Hungary.": a results line without "were"
        objects += [c for c in token.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    if token.pos_ == "NOUN":  # "151 house searches"
        objects += [c for c in token.children if c.dep_ == "compound"]
        if event_type == "Raid" and any(c.dep_ in {"nummod", "compound"} and c.like_num for c in token.children):
            return True  # "Sixteen searches were carried out in the UK": counted searches are of premises
        # "searches at the suspects' addresses", which the parser may hang on the verb
        preps = [*token.children, *(c for c in token.head.children if c.i > token.i)] if token.dep_ == "dobj" \
            else list(token.children)
        objects += [p for prep in preps if prep.dep_ == "prep" and prep.lower_ in {"at", "of", "on"}
                    for p in prep.children if p.dep_ == "pobj"]
    objects += [p for o in objects if o.lower_ in _QUANTITY_NOUNS for prep in o.children if prep.lower_ == "of"
                for p in prep.children if p.dep_ == "pobj"]  # "the search of a number of business premises"
    return any(obj.lemma_.lower() in words or obj.lower_ in words for obj in objects)


_QUANTITY_NOUNS = frozenset({"number", "series", "total", "range", "string", "dozens", "hundreds", "scores"})


def _trigger(ctx: DocContext, token: Token) -> tuple[str, bool] | None:
    """The event type a word names and whether it names an event told already ("the raids", "their arrests"), or
    None."""
    if token.pos_ not in {"VERB", "NOUN", "ADJ"}:
        return None
    event_type = next((t for t in _types_of(ctx, token) if _fits_object(ctx, token, t)), None)
    if event_type is None or negated(token) or (token.pos_ == "ADJ" and token.lemma_.lower() != "guilty"):
        return None
    if _possible_only(token):
        return None  # "Documents found may lead to further arrests": not an event that happened
    if token.pos_ == "VERB" and token.dep_ in {"amod", "acl"} and not _bullet_participle(token) and not (
            event_type == "Deployment" and token.head.lemma_.lower() in ctx.words("count_units_officers")):
        return None  # "the three men arrested in Breda", "seized data": a reference to an event, not one
    if token.pos_ == "NOUN" and (token.dep_ == "compound" or (token.tag_ == "NNS" and event_type == "Operation")
                                 or (token.head.lower_ == "in" and not any(c.dep_ in {"det", "nummod"}
                                                                           for c in token.children))):
        return None  # "detention spaces", "European operations", "already in operation"; not "resulted in 14 arrests"
    if event_type == "Charge" and any(c.text in _CURRENCY_SIGNS or c.lower_ in {"euro", "euros", "pounds", "dollars"}
                                      for c in token.subtree if c.i > token.i):
        return None  # "The migrants were charged 3,000 euro a person": a price
    if event_type == "Charge" and token.lemma_.lower() == "charge" and token.pos_ == "VERB" and not (
            any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
            or any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
            or any(c.dep_ == "dobj" and c.lemma_.lower() not in _PRICE_NOUNS for c in token.children)):
        return None  # "the gang charged €3,000 per person", "charged a fee": a price; not "charged six of the suspects"
    if token.pos_ == "NOUN" and event_type != "Operation" and any(
            c.dep_ in {"det", "poss"} and c.lower_ in _BACK_REFERENCES for c in token.children) \
            and not any(c.dep_ == "nummod" for t in _objects(token) for c in t.children):
        return event_type, True  # "The arrests are part of ...", "their arrests": told already
    if event_type == "Operation" and token.pos_ == "NOUN" and _criminal(ctx, token):
        return None  # "found frozen to death in a human smuggling operation": the smugglers' business
    if event_type == "Agreement" and not any(c.lemma_.lower() == "sign" for c in (token.head, *token.children)):
        return None  # "a deal signed", "signed an agreement": not every deal is an event
    if event_type == "Charge" and token.pos_ == "NOUN" and token.head.lower_ == "in":
        return None  # "in charge of"
    return event_type, False


_POSSIBILITY_MODALS = frozenset({"may", "might", "could", "should"})


def _possible_only(token: Token) -> bool:
    """The event is under a modal of possibility: "may lead to further arrests", "could be charged"."""
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.dep_ != "ROOT" and verb.head is not verb:
        verb = verb.head
    return any(c.dep_ == "aux" and c.lower_ in _POSSIBILITY_MODALS for c in verb.children)


def _criminal(ctx: DocContext, noun: Token) -> bool:
    """ "a people smuggling operation", "the criminal operation", "smashed a major operation"; not "an
    anti-smuggling operation"."""
    modifiers = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}]
    modifiers += [g for c in modifiers for g in c.children if g.dep_ in {"compound", "amod"}]
    if any(m.lower_.startswith(("anti", "counter")) for m in modifiers):
        return False
    criminal = ctx.words("criminal_operation_modifiers")
    verb = noun.head
    if noun.dep_ == "dobj" and (cue_lemmas(verb) & ctx.words("dismantling_verbs")  # "smashed a smuggling operation"
                                or (verb.i == noun.i - 1 and verb.lower_ in criminal)):  # "smuggling" read as a verb
        return True
    return any(m.lemma_.lower() in criminal for m in modifiers)


_PRICE_NOUNS = frozenset({"fee", "fees", "price", "prices", "rate", "sum", "amount", "money", "interest"})


def _bodies(resolver: Resolver, tokens: list[Token], clause: Token, sent: Span) -> list[Mention]:
    return [m for t in tokens for m in resolver.subject_entities(t, clause, sent) if m.type in BODY_TYPES]


def _stated_agents(ctx: DocContext, resolver: Resolver, trigger: Token, sent: Span,
                   last_operation: tuple[Mention, ...] = ()) -> list[Mention]:
    """Who did it, as the sentence says: subject, "by" agent, owner, partners; a generic subject ("coast guard
    officers", "these officers") is the agency named with those words or whose officers were named last; "the
    operation" the runners of the operation told before, not the body that reports it."""
    verb = trigger
    found: list[Mention] = []
    if trigger.pos_ == "NOUN":
        found += [ctx.by_token[c.i] for c in trigger.children if c.dep_ in {"poss", "compound", "nmod"}
                  and c.i in ctx.by_token and ctx.by_token[c.i].type in BODY_TYPES]
        found += _bodies(resolver, [p for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ == "by"
                                    for p in prep.children if p.dep_ == "pobj"], trigger, sent)
        if trigger.dep_ in {"dobj", "pobj", "nsubjpass", "attr"}:
            verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head  # "made six arrests"
        # "A Bulgarian-led investigation ... has resulted in the arrest of 16 people": who ran the investigation
        found += [m for c in verb.children if c.dep_ == "nsubj" and resolver.is_operation(c)
                  for m in resolver.operation_bodies(c) if m.type in BODY_TYPES]
    if trigger.pos_ == "NOUN" and resolver.is_operation(trigger) and cue_lemmas(verb) & ctx.words("support_verbs"):
        return resolver.operation_bodies(trigger)  # "Europol supported the operation": who ran it, not who helped
    if trigger.pos_ == "NOUN" and resolver.is_operation(trigger):
        runners = resolver.named_runners(trigger, sent) or resolver.runners_told_next(trigger)
        if runners:  # "a law enforcement operation supported by Europol ... Operation Odyssey, led by A": A
            return runners
    if verb.lemma_.lower() in ctx.words("reporting_verbs"):
        verb = trigger  # "The ABC reported the first mystery of the operation": who reports did not do it
    found += _bodies(resolver, [c for c in verb.children if c.dep_ == "nsubj"], verb, sent)
    found += _bodies(resolver, [p for agent in verb.children if agent.dep_ == "agent"
                                for p in agent.children if p.dep_ == "pobj"], verb, sent)
    if any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
        # "was detained at an address in Chatham by Home Office investigators": the "by" hung on a noun below
        found += _bodies(resolver, [p for by in verb.subtree if by.dep_ == "prep" and by.lower_ == "by"
                                    and by.head.pos_ == "NOUN" for p in by.children if p.dep_ == "pobj"], verb, sent)
    found += resolver.partners(verb, sent) + resolver.partners(trigger, sent)
    if trigger.dep_ == "acl":  # "NCA officers stationed in Europol"
        found += [m for m in resolver.entities(trigger.head, sent) if m.type in BODY_TYPES]
    if not found:  # "In a joint action by officers from Poland and Germany, seven people were arrested"
        found += [m for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in {"in", "during"}
                  for op in prep.children if op.dep_ == "pobj" and resolver.is_operation(op)
                  for m in resolver.named_runners(op, sent) if m.type in BODY_TYPES]
    found = [m for m in found if not _is_court(ctx, m)]  # a court judges; it is where a sentence is passed
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not found:
        found += _body_by_words(ctx, [c for c in subjects if c.dep_ == "nsubj"], trigger)
    if not found:
        found += _personnel_owner(ctx, subjects)
    if not found and any(_told_operation(resolver, t) for t in (trigger, *subjects)):
        found += last_operation  # "The operation resulted in 17 arrests ..., DHS announced"
    if not found:
        found += _reporting_bodies(ctx, resolver, sent)
    if not found and trigger.i != sent.root.i and sent.root.lemma_.lower() not in ctx.words("reporting_verbs"):
        # "The NCA co-operated ..., resulting in 40 boats being intercepted"; not "..., Xinhua reported"
        found += _bodies(resolver, [c for c in sent.root.children if c.dep_ == "nsubj"], sent.root, sent)
    return list(dict.fromkeys(found))


def _reported_by(ctx: DocContext, resolver: Resolver, sent: Span) -> list[Mention]:
    """The bodies a sentence's reporting verbs have as subjects: "..., Europol said", "..., Xinhua reported"."""
    verbs = [t for t in sent if t.lemma_.lower() in ctx.words("reporting_verbs") and t.pos_ == "VERB"]
    return [m for verb in verbs for m in _bodies(resolver, [c for c in verb.children if c.dep_ == "nsubj"], verb, sent)]


def _reporters(ctx: DocContext, resolver: Resolver, sent: Span) -> set[Mention]:
    """ "..., Xinhua reported": a newspaper or a charity that tells of the event, which it did not do."""
    return {m for m in _reported_by(ctx, resolver, sent) if m.type == "Organisation"}


def _told_operation(resolver: Resolver, token: Token) -> bool:
    """ "the operation", "this investigation": an operation named before."""
    return resolver.is_operation(token) and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"}
                                                for c in token.children)


def _fallback_agents(ctx: DocContext, resolver: Resolver, trigger: Token, sent: Span) -> list[Mention]:
    """With no agent in the sentence and no event before: the bodies of the last police work, else the agency
    last named."""
    return _last_actors(resolver, trigger) or _last_body_named(ctx, trigger)


def _is_court(ctx: DocContext, mention: Mention) -> bool:
    return mention.type != "Country" and (mention.name or mention.text).split()[-1].lower() in {"court", "tribunal"}


def _body_by_words(ctx: DocContext, subjects: list[Token], trigger: Token) -> list[Mention]:
    """ "Coast guard officers arrested three men", "National guard units foiled ...", "Police rescued 27": the
    agency named in the article whose name holds the subject's words ("Hellenic Coast Guard", "Royal Thai
    Police"), the last one before the trigger, else the first after."""
    found = []
    for subject in subjects:
        if subject.i in ctx.by_token:
            continue
        words = [t.lower_ for t in subject.subtree if t.i <= subject.i and t.pos_ in {"NOUN", "PROPN"}
                 and t.lower_ not in ctx.words("personnel_nouns")]
        if not words and subject.lower_ in {"police"}:
            words = ["police"]
        if not words:
            continue
        named = [m for m in ctx.mentions if m.type == "Agency" and not ctx.is_quoted(m.start)
                 and all(w in (m.name or m.text).lower().split() for w in words)]
        before = [m for m in named if m.end <= trigger.idx]
        found += before[-1:] or named[:1]
    return found


def _last_body_named(ctx: DocContext, trigger: Token) -> list[Mention]:
    """ "Coast guard officers later arrested three men": the agency last named before, else the first after."""
    bodies = [m for m in ctx.mentions if m.type == "Agency" and not ctx.is_quoted(m.start)]
    before = [m for m in bodies if m.end <= trigger.idx]
    return before[-1:] or bodies[:1]


def _personnel_owner(ctx: DocContext, subjects: list[Token]) -> list[Mention]:
    """ "These officers have been deployed": the body whose officers the text named last ("NCA officers")."""
    personnel = ctx.words("personnel_nouns")
    for subject in subjects:
        if subject.lemma_.lower() not in personnel and subject.lower_ not in personnel:
            continue
        for token in reversed(ctx.doc[: subject.i]):
            if token.lemma_.lower() == subject.lemma_.lower():
                owner = next((ctx.by_token[c.i] for c in token.children if c.dep_ in {"compound", "poss", "nmod"}
                              and c.i in ctx.by_token and ctx.by_token[c.i].type in BODY_TYPES), None)
                if owner is not None:
                    return [owner]
    return []


def _reporting_bodies(ctx: DocContext, resolver: Resolver, sent: Span) -> list[Mention]:
    """ "..., Europol said", "police said": the body that reported the sentence."""
    return [m for m in _reported_by(ctx, resolver, sent)
            if m.type in {"Agency", "Country"}]  # not a newspaper or a charity that reports it


def _last_actors(resolver: Resolver, trigger: Token) -> list[Mention]:
    """The bodies of the last police work told before the trigger: "Officers from the NCA raided ... Three men
    were arrested"."""
    earlier = [(i, bodies) for i, bodies in resolver.acted_bodies() if i <= trigger.i]
    return earlier[-1][1] if earlier else []


def _places(ctx: DocContext, trigger: Token, event_type: str) -> list[Mention]:
    preps = _PLACE_PREPS | ({"to"} if event_type == "Deployment" else set())  # "deployed to Romania"
    objects = _objects(trigger)
    heads = [trigger, *objects]
    heads += [c for c in trigger.children if c.dep_ == "nsubj" and c.i not in ctx.by_token]  # "Prosecutors in Białystok"
    # "23 suspects were arrested: 12 in Germany, seven in Czechia and four in Slovakia"
    heads += [t for o in objects for a in o.children if a.dep_ == "appos" and a.like_num
              for t in (a, *a.conjuncts)]
    if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB" and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children):
        heads += [trigger.head, *_objects(trigger.head)]  # "searched homes in Leeds and seized cash"
    if trigger.pos_ == "NOUN" and trigger.dep_ in {"dobj", "pobj", "nsubjpass"}:
        heads.append(trigger.head.head if trigger.dep_ == "pobj" else trigger.head)
    counted = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.head.lower_ in _QUANTITY_NOUNS else trigger
    if trigger.pos_ == "NOUN" and counted.dep_ == "nsubj" and counted.head.lemma_.lower() in _HAPPENING_VERBS:
        heads.append(counted.head)  # "Dozens of raids also took place in Germany"
    heads += [c for c in trigger.children if c.dep_ == "ccomp" and c.tag_ == "VBG"]  # "found 23 migrants hiding in X"
    fronted = _fronted_places(ctx, trigger.head) if trigger.dep_ == "conj" and trigger.pos_ == "VERB" else []
    found = []
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for target in (pobj, *pobj.conjuncts):
                    place = ctx.by_token.get(target.i) or _place_of(ctx, target)
                    # a body a deployment goes to tells deployments apart ("stationed in Europol"), though not a place
                    wanted = {"Country", "Location"} | ({"Agency"} if event_type == "Deployment" else set())
                    if place is not None and (place.type in wanted or _is_court(ctx, place)):
                        found.append(place)
                    elif place is None:
                        found += _areas_named(ctx, target)
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "during"):
            # "During the raids in Hungary, phones were seized": where the raids were
            found += [place for pobj in prep.children if pobj.dep_ == "pobj"
                      for place in [_place_of(ctx, pobj, depth=1)] if place is not None]
    return list(dict.fromkeys(found or fronted))


_HAPPENING_VERBS = frozenset({"take", "happen", "occur", "follow"})  # "took place in", "happened in", "followed in"


def _fronted_places(ctx: DocContext, verb: Token) -> list[Mention]:
    """ "In Romania, police searched 18 houses and 13 people were arrested": a place opening the sentence, before
    the first clause's subject, holds for the clauses joined to it."""
    subjects = [c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return [ctx.by_token[pobj.i] for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "in" and subjects and prep.i < min(subjects)
            for pobj in prep.children if pobj.dep_ == "pobj" and pobj.i in ctx.by_token
            and ctx.by_token[pobj.i].type in {"Country", "Location"}]


_AREA_NOUNS = frozenset({"area", "areas", "region", "regions", "district", "districts", "province", "provinces",
                         "county", "counties", "municipality", "suburbs", "outskirts"})


def _areas_named(ctx: DocContext, noun: Token) -> list[Mention]:
    """ "in the Lisbon region", "in the Calais, Le Havre and Paris areas": the places naming an area noun."""
    if noun.lower_ not in _AREA_NOUNS:
        return []
    return [ctx.by_token[t.i] for c in noun.children if c.dep_ in {"compound", "nmod"} for t in (c, *c.conjuncts)
            if t.i in ctx.by_token and ctx.by_token[t.i].type in {"Country", "Location"}]


def _place_of(ctx: DocContext, noun: Token, depth: int = 2) -> Mention | None:
    """ "in the port of Piraeus", "off the coast of Lesbos", "at an address in Leeds", "in a dawn raid in the
    West Midlands city of Birmingham": the place under a noun, two nouns down at most."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"of", "in", "near", "at"}):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            place = ctx.by_token.get(pobj.i)
            if place is not None and place.type in {"Country", "Location"}:
                return place
            deeper = _place_of(ctx, pobj, depth - 1) if depth > 1 and pobj.pos_ == "NOUN" else None
            if deeper is not None:
                return deeper
    return None


def _number(tokens: list[Token]) -> int | Decimal | None:
    """The value of a number as written: "six", "40", "85,000", "2.5 million", "£1.2m"."""
    value: Decimal | None = None
    for token in tokens:
        word = token.lower_.replace(",", "")
        if value is not None and re.fullmatch(r"\d{3}", word) and tokens[0].like_num:
            value = value * 1000 + int(word)  # "EUR 410 000": thousands written apart
            continue
        if word in _MULTIPLIERS and value is not None:
            value *= _MULTIPLIERS[word]
        elif word in _WORD_NUMBERS:
            number = _WORD_NUMBERS[word]
            if value is None:
                value = Decimal(number)
            elif number < 10 and value >= 20 and value % 10 == 0 and value < 100:
                value += number  # "thirty-six", "twenty one"
            else:
                value *= number  # "two hundred", "three dozen"
        else:
            match = re.fullmatch(r"(\d+(?:\.\d+)?)(m|bn)?", word)
            if match is None:
                continue
            try:
                value = Decimal(match.group(1)) * _MULTIPLIERS.get(match.group(2) or "", 1)
            except InvalidOperation:
                return None
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def _unit(ctx: DocContext, noun: Token) -> str:
    text = " ".join(t.lower_ for t in noun.lefts if t.dep_ == "compound") + " " + noun.lower_
    for unit in _UNITS:
        words = ctx.words(f"count_units_{unit}")
        if noun.lemma_.lower() in words or noun.lower_ in words or text.strip() in words:
            return unit
    return noun.lower_


def _qualifier(ctx: DocContext, number: Token) -> str | None:
    """ "more than 40", "around 300", "up to 10,000": the words just before the number, as written."""
    doc = number.doc
    end = number.i
    while end > 0 and doc[end - 1].text in _CURRENCY_SIGNS:
        end -= 1
    for size in (3, 2, 1):
        if end - size >= 0:
            words = " ".join(t.lower_ for t in doc[end - size:end])
            if words in ctx.words("count_qualifiers"):
                return words
    return None


def _is_age_or_date(number: Token) -> bool:
    """ "a 34-year-old man", "in 2023", "on 5 July": numbers that count nothing of the event."""
    after = number.doc[number.i + 1 : number.i + 4].text.lower()
    return number.ent_type_ in {"DATE", "TIME", "ORDINAL", "PERCENT"} or after.startswith(("-year-old", "year-old", "-year"))


def _counts(ctx: DocContext, trigger: Token) -> list[Count]:
    """Numbers the parse ties to the trigger: on its objects, after "of", "for" (a prison term), "in" (cash)."""
    terms = [p for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ in {"for", "to"}
             for p in prep.children if p.dep_ == "pobj"]
    # "intercepted one of the boats with 22 people on board", "deploy 60 officers, along with 12 patrol cars": the
    # phrase the parser hung on the verb
    besides = [p for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ == "with"
               for p in prep.children if p.dep_ == "pobj" and _unit(ctx, p) == "people"]
    besides += [t for along in trigger.children if along.dep_ == "prep" and along.lower_ == "along"
                for prep in along.children if prep.lower_ == "with" for p in prep.children if p.dep_ == "pobj"
                for t in (p, *p.conjuncts)]
    counts = []
    for noun in dict.fromkeys(_counted(_objects(trigger)) + terms + besides):
        is_term = noun in terms  # "jailed for four and a half years": a length of time, which NER calls a date
        numbers = [c for c in noun.children if c.dep_ == "nummod" and (is_term or not _is_age_or_date(c))]
        if not numbers:  # "four suspected people smugglers": the number hung on the first noun of a compound
            numbers = [n for c in noun.children if (c.dep_ == "compound" or _compound_like(c)) and c.i < noun.i
                       for n in c.children if n.dep_ == "nummod" and not _is_age_or_date(n)]
        if noun.like_num and not _is_age_or_date(noun):
            numbers.append(noun)  # "seized £85,000", "arrested 12"
        for number in numbers:
            count = _count(ctx, trigger, noun, number)
            if count is not None:
                counts.append(count)
    if trigger.pos_ == "NOUN" and not counts:  # "ended with 41 arrests", "made six arrests"
        numbers = [c for c in trigger.children if (c.dep_ == "nummod" or (c.dep_ == "compound" and c.like_num))
                   and not _is_age_or_date(c)]  # "Sixteen searches", read as a compound at a sentence's start
        numbers = numbers or [n for c in trigger.children if c.dep_ == "compound" and c.i < trigger.i
                              for n in c.children if n.dep_ == "nummod" and not _is_age_or_date(n)]
        for number in numbers:  # "9 house searches", the number hung on the compound
            count = _count(ctx, trigger, number, number)
            if count is not None and count.unit == "items":
                count = replace(count, unit=trigger.lower_)  # "151 house searches": searches
            if count is not None:
                counts.append(count)
    return counts


_DURATION_UNITS = frozenset({"day", "week", "month", "year"})


def _operation_counts(ctx: DocContext, trigger: Token, with_length: bool) -> list[Count]:
    """ "a two-year NCA investigation" (an operation's length), "Some 650 police officers took part in the action
    day", "Around 200 officers took part in the raids" (the staff an event took)."""
    nouns = [trigger, *(c for c in trigger.children if c.dep_ == "appos")] if with_length else []
    if with_length and trigger.dep_ == "compound":  # "Operation Larchmere, a two-year NCA investigation"
        nouns += [trigger.head, *(c for c in trigger.head.children if c.dep_ == "appos")]
    found = []
    for noun in nouns:
        for modifier in (c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"} and c.lemma_ in _DURATION_UNITS):
            number = next((n for n in modifier.children if n.dep_ == "nummod"), None)
            value = _number([number]) if number is not None else None
            if value is not None:
                found.append(Count(value, modifier.lemma_ + "s", None))
    verb = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "in" else None
    if verb is not None and taking_part(verb):  # "650 officers took part in the action day"
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            number = next((n for n in subject.children if n.dep_ == "nummod"), None)
            value = _number([number, *(c for c in number.children if c.dep_ in {"compound", "quantmod"})]) \
                if number is not None else None
            if value is not None:
                found.append(Count(value, subject.lower_, _qualifier(ctx, number)))
    return found


def _counted(objects: list[Token]) -> list[Token]:
    """The objects, and the nouns that say what they held: "a van carrying 26 people", "a boat with 61 people on
    board", "£96,000 in cash, two vehicles and a ledger" (the list the parser hung on "cash")."""
    found = list(objects)
    for obj in objects:
        counted = any(c.dep_ == "nummod" for c in obj.children)
        found += [t for a in obj.children if a.dep_ == "appos" and not (counted and _breakdown(a))
                  for t in (a, *a.conjuncts)]  # "11 lorries, €96,000 ... and two handguns"
        for child in obj.children:
            if child.dep_ == "acl":  # "carrying 26 people"
                found += [t for o in child.children if o.dep_ == "dobj" for t in (o, *o.conjuncts)]
                found += [v for w in child.children if w.dep_ == "conj" and w.lower_ == "worth" for v in _values(w)]
            if child.dep_ == "relcl":  # "a van in which 26 people had been locked", "a boat that carried 40 people"
                found += [t for o in child.children if o.dep_ in {"nsubjpass", "dobj", "nsubj"}
                          and o.lower_ not in {"which", "that", "who"} and o.pos_ in {"NOUN", "NUM"}
                          for t in (o, *o.conjuncts)]
            if child.lower_ in {"worth", "valued"}:
                found += _values(child)  # "a sailboat worth an estimated 90,000 euros", "valued at £2m"
            if child.dep_ == "prep" and child.lower_ == "of" and obj.lower_ in _QUANTITY_NOUNS:  # "a total of 23 migrants"
                found += [t for o in child.children if o.dep_ == "pobj" for t in (o, *o.conjuncts)]
            if child.dep_ == "prep" and child.lower_ in {"with", "in", "including"}:  # "with 61 people on board", "in cash, ...",
                # "27 migrants, including six children"
                found += [t for o in child.children if o.dep_ == "pobj" for t in (o, *o.conjuncts)]
    # "a van in which 26 people, among them nine children, had been locked": what the held nouns are made of
    found += [a for t in found[len(objects):] for a in t.children if a.dep_ == "appos" and not _breakdown(a)]
    return list(dict.fromkeys(found))


def _breakdown(appos: Token) -> bool:
    """ "23 suspects were arrested: 12 in Germany, seven in Czechia and four in Slovakia": bare numbers after a
    counted noun are its parts, not more of it (no currency, no noun of their own)."""
    return all(t.like_num and not any(c.text in _CURRENCY_SIGNS for c in t.children) for t in (appos, *appos.conjuncts))


def _values(word: Token) -> list[Token]:
    """The amount after "worth" or "valued at": "a sailboat worth 90,000 euros", "a lorry valued at £2m"."""
    found = [c for c in word.children if c.dep_ in {"npadvmod", "dobj", "pobj", "attr"}]
    return found + [p for prep in word.children if prep.dep_ == "prep" and prep.lower_ == "at"
                    for p in prep.children if p.dep_ == "pobj"]


def _count(ctx: DocContext, trigger: Token, noun: Token, number: Token) -> Count | None:
    parts = [number, *(c for c in number.children if c.dep_ in {"compound", "quantmod"} and c.like_num)]
    value = _number(sorted(parts, key=lambda t: t.i))
    if value is None:
        return None
    following = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    if following is not None and following not in parts and not number.whitespace_ and following.lower_ in _MULTIPLIERS:
        value *= _MULTIPLIERS[following.lower_]  # "£2m", split by the tokenizer into "2" and "m"
    if number.doc[number.i + 1 : number.i + 4].text.lower() == "and a half":
        value = Decimal(value) + Decimal("0.5")  # "four and a half years"
    symbol = next((t.text for t in (noun, *noun.children, *number.children) if t.text in _CURRENCY_SIGNS), None)
    if symbol is not None:
        unit = _unit_of_symbol(ctx, symbol)
    elif number is noun:  # "arrested 12": the people the trigger is about; "one of the boats": boats
        people_triggers = ctx.words("event_triggers_arrest") | ctx.words("event_triggers_charge")
        whole = next((p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
                      for p in prep.children if p.dep_ == "pobj"), None)
        unit = _unit(ctx, whole) if whole is not None else (
            "people" if trigger.lemma_.lower() in people_triggers else "items")
    else:
        unit = _unit(ctx, noun)
    return Count(value, unit, _qualifier(ctx, number))


_CURRENCY_SIGNS = frozenset({"£", "€", "$", "EUR", "GBP", "USD"})


def _unit_of_symbol(ctx: DocContext, symbol: str) -> str:
    return next((u for u in ("euros", "pounds", "dollars") if symbol in ctx.words(f"count_units_{u}")), symbol)


def _date(ctx: DocContext, article: Article, trigger: Token, sent: Span) -> EventDate | None:
    """The date expression of the sentence nearest the trigger; else the article's date, flagged."""
    future = any(c.dep_ == "aux" and c.lower_ in ctx.words("future_markers") for c in trigger.children)
    expressions = [ent for ent in sent.ents if ent.label_ in {"DATE", "TIME"} and not _is_duration(ent)
                   and _TIME_WORDS.search(ent.text)]  # not an age NER took for a date ("Dariusz Kowal, 36,")
    resolved = [(abs(ent.start - trigger.i), _resolved(ent, article, future), ent.label_) for ent in expressions]
    known = [item for item in resolved if item[1].iso]
    if known:
        return min(known, key=lambda item: item[0])[1]
    unresolved = [item for item in resolved if item[2] == "DATE"]  # "on Sunday" with no article date: kept as text
    if unresolved:
        return min(unresolved, key=lambda item: item[0])[1]
    return document_date(article.date)


def _resolved(ent: Span, article: Article, future: bool) -> EventDate:
    """The expression's date; else that of its longest part that is one ("early on Tuesday morning": Tuesday)."""
    whole = resolve_expression(ent.text, article.date, future=future)
    if whole.iso or not article.date:
        return whole
    for size in range(len(ent) - 1, 0, -1):
        for start in range(ent.start, ent.end - size + 1):
            part = resolve_expression(ent.doc[start:start + size].text, article.date, future=future)
            if part.iso:
                return part
    return whole


def _is_duration(ent: Span) -> bool:
    """ "eight years", "two months", "several weeks": a length of time, not when."""
    return bool(re.fullmatch(r"(?:\w+[\s-])*(?:years?|months?|weeks?|days?|hours?)(?:-old)?", ent.text.lower())) \
        and not re.search(r"\b(?:last|next|this|ago|earlier|later)\b", ent.text.lower())


def _participants(ctx: DocContext, trigger: Token) -> list[Mention]:
    return [ctx.by_token[t.i] for t in _objects(trigger) if t.i in ctx.by_token and ctx.by_token[t.i].type == "Person"]


def _operation(sent: Span) -> str | None:
    match = _OPERATION_NAME.search(sent.text)
    return match.group(0) if match else None


def _in_headline(article: Article, char: int) -> bool:
    first_line = article.text.split("\n", 1)[0]
    return bool(article.title) and first_line.strip() == article.title.strip() and char < len(first_line)


def extract_events(ctx: DocContext, resolver: Resolver, article: Article) -> list[Event]:
    """The events of an article in text order, one per type, sentence and place, and the same event told again in
    a later sentence merged into the first telling (see `_same_event`); the headline repeats the story: skipped."""
    merged: list[Event] = []
    first_of_story = 0  # events before "In a separate operation, ..." are not told again after it
    for event, told_again, separate in _sentence_events(ctx, resolver, article):
        if told_again:  # "this operation", "the raids": the one told last, not a new one
            earlier = max((i for i, e in enumerate(merged) if e.type == event.type), default=None)
            if event.type != "Operation":
                if earlier is not None:  # "Around 200 officers took part in the raids": what it adds
                    merged[earlier] = _with_details(merged[earlier], event)
                continue
        else:
            earlier = next((i for i, e in enumerate(merged) if i >= first_of_story and _same_event(e, event)), None)
        if separate:
            first_of_story = len(merged)
        if earlier is None:
            merged.append(event)
        else:
            merged[earlier] = _joined(merged[earlier], event)
    return merged


def _with_details(first: Event, reference: Event) -> Event:
    """An event told before, with the counts and places a later reference to it adds."""
    return replace(first, counts=tuple(dict.fromkeys((*first.counts, *reference.counts))),
                   places=tuple(dict.fromkeys((*first.places, *reference.places))))


def _same_event(first: Event, later: Event) -> bool:
    """Told again: same type, an agent in common (or none named), no place or date that tells them apart.

    "Four people have been arrested ... The three men and a woman were detained by NCA officers today": one
    arrest; "three were arrested in April, the fourth in October", or raids in Leeds and in Hull: two.
    """
    if first.type != later.type or first.type in {"Operation", "Agreement"} or first.evidence == later.evidence:
        return False  # one sentence's events of a type were kept apart on purpose (`_by_place`)
    agents = {m.key or m.text for m in first.agents}, {m.key or m.text for m in later.agents}
    places = {m.key or m.text for m in first.places}, {m.key or m.text for m in later.places}
    dates = [e.date.iso for e in (first, later) if e.date is not None and e.date.iso and not e.date.is_document_date]
    return (not all(agents) or bool(agents[0] & agents[1])) and (not all(places) or bool(places[0] & places[1])) \
        and (len(dates) < 2 or dates[0].startswith(dates[1]) or dates[1].startswith(dates[0]))


def _joined(first: Event, later: Event) -> Event:
    """The first telling, with what the later one adds: agents, places, counts, participants, a stated date."""
    def union(a: tuple, b: tuple) -> tuple:
        return tuple(dict.fromkeys((*a, *b)))

    date = first.date if first.date is not None and not first.date.is_document_date else (later.date or first.date)
    return replace(first, agents=union(first.agents, later.agents), places=union(first.places, later.places),
                   counts=union(first.counts, later.counts), participants=union(first.participants, later.participants),
                   date=date)


def _sentence_events(ctx: DocContext, resolver: Resolver, article: Article) -> Iterator[tuple[Event, bool, bool]]:
    """Each sentence's events, with whether the event is an operation the text named before ("the operation"), and
    whether it is one the text sets apart from those before ("In a separate operation")."""
    recent: list[Mention] = []  # the agents the parse gave the last event: who "they" and "officers" are next
    told: Counter[str] = Counter()  # how often each body was named as acting, in events or police work: the protagonist
    by_name: dict[str, list[Mention]] = {}  # the bodies each one last acted with
    last_operation: tuple[Mention, ...] = ()  # who ran the operation told last: who "the operation" is next
    operations_told = 0
    narrative: tuple[int, EventDate] | None = None  # the last date the text stated for an event, and where
    acts = list(resolver.acted_bodies())  # police work by bodies, events or not ("have dismantled a network")

    def credit(group: list[Mention]) -> None:  # these bodies acted, together
        for m in group:
            told[m.key or m.text] += 1
            by_name[m.key or m.text] = group

    for number, (sent, tokens) in enumerate(ctx.sentences):
        while acts and acts[0][0] < sent.start:
            credit([m for m in acts.pop(0)[1] if not _in_headline(article, m.start)])
        if _in_headline(article, sent.start_char) or not sent.text.strip():
            continue
        by_type: dict[str, list[Token]] = {}
        references: list[tuple[str, Token]] = []  # "the raids", told before
        for token in tokens:
            if ctx.is_quoted(token.idx):
                continue
            trigger = _trigger(ctx, token)
            if trigger is None:
                continue
            event_type, told_before = trigger
            if told_before:
                references.append((event_type, token))
            else:
                by_type.setdefault(event_type, []).append(token)
        operation = _operation(sent)
        named_at = next((t for t in tokens if t.idx >= sent.start_char + sent.text.index(operation)), None) \
            if operation else None
        if named_at is not None and "Operation" not in by_type and not ctx.is_quoted(named_at.idx):
            by_type["Operation"] = [named_at]  # not in a quotation: "The leads generated by Operation X will ..."
        for event_type, triggers in by_type.items():
            for group in _by_place(ctx, event_type, triggers):
                # an event the sentence names no agent for: the body named most often as acting so far, else the last
                protagonist = list(by_name[told.most_common(1)[0][0]]) if told else []  # with who it acted with
                event, stated = _event(ctx, resolver, article, event_type, group, sent, operation, protagonist or recent,
                                       last_operation)
                if event.date is not None and event.date.iso and not event.date.is_document_date:
                    narrative = (number, event.date)
                elif narrative is not None and number - narrative[0] <= _NARRATIVE_SENTENCES and (
                        event.date is None or event.date.is_document_date or not _TIME_WORDS.search(event.date.text)):
                    event = replace(event, date=narrative[1])  # "Officers later arrested three men": the told day
                recent = list(event.agents) if stated else recent
                if stated:
                    credit(list(event.agents))
                told_again = event_type == "Operation" and _told_operation(resolver, group[0]) and operations_told > 0
                operations_told += event_type == "Operation"
                last_operation = event.agents if event.type == "Operation" and event.agents else last_operation
                yield event, told_again, event_type == "Operation" and _set_apart(ctx, group[0])
        for event_type, token in references:
            event, _ = _event(ctx, resolver, article, event_type, [token], sent, operation, recent, last_operation)
            yield event, True, False


_NARRATIVE_SENTENCES = 3  # how far a stated date carries to the undated events told after it
# a date expression kg cannot resolve is kept, unless it holds no word of time ("aged 29 and 44", read as a date)
_TIME_WORDS = re.compile(r"\b(?:day|night|week|month|year|later|earlier|ago|before|after|spring|summer|autumn|fall|"
                         r"winter|morning|evening|afternoon|\w+day|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|"
                         r"aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|\d{4})s?\b", re.I)


# what only a country's own authorities do on its soil (an EU agency or a foreign force may help, not do it)
_SOVEREIGN_EVENTS = frozenset({"Arrest", "Raid", "Seizure", "Interception", "Rescue", "Charge", "Conviction"})


def _foreign_country_authorities(ctx: DocContext, event_type: str, places: list[Mention],
                                 acting: list[Mention]) -> list[Mention]:
    """ "Two people were arrested in Hungary", told in a Europol release or an NCA story: with no agent in the
    sentence, an arrest, search or seizure in a country none of the acting bodies belongs to was made by that
    country's authorities."""
    if event_type not in _SOVEREIGN_EVENTS:
        return []
    named = {_home_country(ctx, m): m for m in ctx.mentions if m.type == "Country" and m.key}
    countries = list(dict.fromkeys(m if m.type == "Country" else named.get(_home_country(ctx, m))
                                   for m in places if m.key or m.type == "Location"))
    countries = [c for c in countries if c is not None and c.key]  # a town's country, when the article names it
    homes = {_home_country(ctx, m) for m in acting}
    if not countries or _UNKNOWN_HOME in homes or any(_home_country(ctx, c) in homes for c in countries):
        return []
    return countries


def _international(ctx: DocContext, mention: Mention) -> bool:
    """A curated body of no one country: Europol, Eurojust, Frontex, Interpol."""
    entry = ctx.gazetteer.entries.get(mention.key) if mention.key else None
    return entry is not None and entry.type == "Agency" and entry.home is None


_UNKNOWN_HOME = "?"  # a body kg knows no home of ("the National Guard"): it may be that country's own


def _home_country(ctx: DocContext, mention: Mention) -> str | None:
    """The ISO code of a body's or a country's home (None for an international body), of a town's country
    (GeoNames), or of the demonym opening an unlisted body's name ("the Tunisian National Guard")."""
    if mention.key or mention.type == "Location":
        return home_country(mention, ctx.gazetteer)
    for word in (mention.name or mention.text).removeprefix("the ").split():  # "Tunisian ...", "... of Lithuania"
        key = ctx.gazetteer.demonym_keys.get(word) or ctx.gazetteer.surface_forms.get(word)
        country = ctx.gazetteer.entries.get(key) if key else None
        if country is not None and country.type == "Country":
            return country.home
    return _UNKNOWN_HOME


def _set_apart(ctx: DocContext, trigger: Token) -> bool:
    """ "In a separate operation", "In another case": an operation the text sets apart from what it told before."""
    return any(c.lower_ in ctx.words("distinct_markers") for c in trigger.children if c.dep_ in {"amod", "det"})


def _by_place(ctx: DocContext, event_type: str, triggers: list[Token]) -> list[list[Token]]:
    """Triggers of one type in a sentence are one event, unless they name different places ("officers stationed
    in Europol, ... and officers deployed to Romania": two deployments) or different dates ("three were arrested
    in April; the fourth was arrested in October": two arrests)."""
    groups: list[tuple[set[Mention], set[str], list[Token]]] = []
    for trigger in triggers:
        places, when = set(_places(ctx, trigger, event_type)), _nearest_date_text(trigger)
        group = next((g for g in groups if (not places or not g[0] or g[0] & places)
                      and (when is None or not g[1] or when in g[1])), None)
        if group is None:
            groups.append((places, {when} - {None}, [trigger]))
        else:
            group[0].update(places)
            group[1].update({when} - {None})
            group[2].append(trigger)
    return [g[2] for g in groups]


def _nearest_date_text(trigger: Token) -> str | None:
    """The date expression of the trigger's sentence nearest to it, as written, when it is in the trigger's own
    clause (between the trigger and the next semicolon or clause break either side)."""
    sent = trigger.sent
    dates = [ent for ent in sent.ents if ent.label_ == "DATE" and not _is_duration(ent)
             and not any(t.text == ";" for t in trigger.doc[min(ent.start, trigger.i) : max(ent.end, trigger.i)])]
    return min(dates, key=lambda ent: abs(ent.start - trigger.i)).text.lower() if dates else None


def _event(ctx: DocContext, resolver: Resolver, article: Article, event_type: str, triggers: list[Token],
           sent: Span, operation: str | None, recent: list[Mention],
           last_operation: tuple[Mention, ...] = ()) -> tuple[Event, bool]:
    """The event of a group of triggers, and whether the sentence itself named its agents."""
    first = triggers[0]
    stated = [m for t in triggers for m in _stated_agents(ctx, resolver, t, sent, last_operation)]
    places = [m for t in triggers for m in _places(ctx, t, event_type) if m.type in {"Country", "Location"}]
    agents = stated or recent or [m for t in triggers for m in _fallback_agents(ctx, resolver, t, sent)]
    if not stated or all(_international(ctx, m) for m in stated):
        # "Co-ordinated by Europol, the crackdown saw 44 arrests in the UK": Europol arrests no one
        agents = _foreign_country_authorities(ctx, event_type, places, agents) or agents
    reporters = _reporters(ctx, resolver, sent)
    agents = [m for m in agents if m not in reporters]
    counts = [c for t in triggers for c in _counts(ctx, t)]
    counts += [c for t in triggers for c in _operation_counts(ctx, t, with_length=event_type == "Operation")]
    participants = [m for t in triggers for m in _participants(ctx, t)]
    event = Event(type=event_type, trigger=first.text, start=first.idx, end=first.idx + len(first.text),
                  evidence=ctx.evidence(sent), confidence=0.7, rule=f"event-{first.pos_.lower()}-trigger",
                  agents=tuple(dict.fromkeys(agents)), places=tuple(dict.fromkeys(places)),
                  participants=tuple(dict.fromkeys(participants)), counts=tuple(dict.fromkeys(counts)),
                  date=_date(ctx, article, first, sent), operation=operation)
    return event, bool(stated)
