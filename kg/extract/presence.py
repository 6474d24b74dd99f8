"""operatesIn from what agencies and their people do somewhere.

"NCA officers made six arrests in London", "ships patrolling the Florida
Straits", "Frontex officials at the agency's office in Piraeus", "Border
Force, which has officers at Belfast port": an agency acting in a place, or
its people there, operates in that place.
"""

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.context import DocContext
from kg.extract.places import iso_code
from kg.extract.resolver import Resolver, negated, same_entity
from kg.extract.rules import CUE_RULES
from kg.geography import country_of_town
from kg.records import Mention, Relation

_PLACE_TYPES = frozenset({"Country", "Location"})
_ACTIVITY_PREPS = frozenset({"in", "across", "throughout", "inside", "within", "at", "on"})
_PARTNER_PREPS = frozenset({"with", "alongside"})  # "raised the issue with the authorities in Libya": theirs, not ours


def _places_under(ctx: DocContext, head: Token, depth: int = 1, preps: frozenset[str] = _ACTIVITY_PREPS) -> list[Mention]:
    """Places named after "in/across/at" below `head`: "raids in Dover", "deployed to properties across London"."""
    found = []
    for prep in (c for c in head.children if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for target in (pobj, *pobj.conjuncts):
                place = ctx.by_token.get(target.i)
                if prep.lower_ in preps and place is not None and place.type in {"Country", "Location"}:
                    found.append(place)
                elif place is None and target.pos_ == "NOUN" and prep.lower_ not in _PARTNER_PREPS:
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


def _country_code(mention: Mention) -> str | None:
    """A country's ISO code, or the one GeoNames gives a town."""
    return iso_code(mention) if mention.type == "Country" else country_of_town(mention.name or mention.text)


def _may_operate(actor: Mention, place: Mention, actors: list[Mention]) -> bool:
    """An agency anywhere; a country's authorities only abroad ("French investigators in Germany"): at home
    they are simply its police, a town of unknown country says nothing, and beside the place's own country
    ("French and British investigators arrested 19 in Calais and London") each may have acted at home."""
    if actor.type == "Agency":
        return True
    home, there = _country_code(actor), _country_code(place)
    return (actor.type == "Country" and home is not None and there is not None and home != there
            and all(_country_code(other) != there for other in actors if other.type == "Country"))


def _away_from_home(ctx: DocContext, actor: Mention, place: Mention) -> bool:
    """Police work tells where a body operates only away from home: "NCA officers made six arrests in Calais",
    "Frontex patrols in the Aegean", "Border Force boats patrol the English Channel"; "the Belgian police searched
    homes in Antwerp" is its own country's work, and a body whose home kg does not know may be at home anywhere."""
    if actor.type != "Agency":
        return True  # a country's personnel: `_may_operate` already wants them abroad
    entry = ctx.gazetteer.entries.get(actor.key) if actor.key else None
    if entry is None:
        return False
    if not entry.home:
        return True  # an international body (Europol, Frontex, Interpol)
    return _country_code(place) != entry.home  # a sea, a region or a town of unknown country may be away


def _is_personnel(ctx: DocContext, noun: Token) -> bool:
    """ "investigators from the French authorities", "French officers": people sent, not a country acting at home."""
    personnel = ctx.words("field_personnel_nouns")
    return noun.lower_ in personnel or noun.lemma_.lower() in personnel


def _with_partners(ctx: DocContext, verb: Token) -> bool:
    """ "liaising with police in the UK and France": the places are the partners', not the agency's."""
    return verb.lemma_.lower() in ctx.words("cooperation_verbs") and any(
        c.dep_ == "prep" and c.lower_ in {"with", "alongside"} for c in verb.children)


def activity_places(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "NCA officers made six arrests in London", "Frontex will boost patrols in the eastern Aegean".

    An agency (or its officers) doing something in a place operates there;
    saying, being born or being based somewhere does not count.
    """
    idle = ctx.words("reporting_verbs") | ctx.words("seat_verbs") | ctx.words("idle_verbs")
    place_objects = ctx.words("place_object_verbs")
    presence = next(r for r in CUE_RULES if r.predicate == "operatesIn")
    for sent, tokens in ctx.sentences:
        if not any(m.type in _PLACE_TYPES for m in ctx.mentions_in(sent)):
            continue  # no place named in the sentence: no place to operate in
        for verb in tokens:
            if verb.pos_ != "VERB" or verb.lemma_.lower() in idle or negated(verb) or _with_partners(ctx, verb):
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
            actors = [m for c in verb.children if c.dep_ == "nsubj" for m in resolver.subject_entities(c, verb, sent)
                      if m.type != "Country" or _is_personnel(ctx, c)]
            actors += [m for c in verb.children if c.dep_ == "agent" for p in c.children
                       for m in resolver.subject_entities(p, verb, sent)]
            if actors:
                places += own_places
            elif verb.dep_ == "xcomp" or (verb.dep_ == "acl" and resolver.is_authority(verb.head)) or (
                    verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
                actors = resolver.agents(verb, sent, presence)  # "ships patrolling the Straits", "recalled to patrol"
            for actor in dict.fromkeys(actors):
                for place in dict.fromkeys(places):
                    if _may_operate(actor, place, actors) and _away_from_home(ctx, actor, place) \
                            and not same_entity(actor, place):
                        yield Relation(actor, "operatesIn", place, ctx.evidence(sent), 0.65, "operatesIn-activity")


def _place_right_after(ctx: DocContext, noun: Token) -> list[Mention]:
    """ "by Border Force officials in Dunkerque" where the parser hung "in Dunkerque" elsewhere: read on the surface."""
    doc, i = ctx.doc, noun.i + 1
    if i + 1 >= len(doc) or doc[i].lower_ not in {"in", "at"}:
        return []
    place = ctx.by_token.get(i + 1)
    return [place] if place is not None and place.type in _PLACE_TYPES else []


def _places_present(ctx: DocContext, noun: Token) -> list[Mention]:
    """ "officers from Europol present in Dublin", "NCA officers were present in Calais"."""
    present = [c for c in noun.children if c.dep_ in {"amod", "acl"} and c.lemma_.lower() == "present"]
    if noun.dep_ == "nsubj":
        present += [c for c in noun.head.children if c.dep_ == "acomp" and c.lemma_.lower() == "present"]
        present += [noun.head] if noun.head.lemma_.lower() == "present" else []  # "with officers ... present in X"
    return [place for adjective in present for place in _places_under(ctx, adjective, 0)]


def personnel_places(ctx: DocContext, resolver: Resolver) -> Iterator[Relation]:
    """ "NCA officers in Calais", "Frontex officials at the agency's office in Piraeus", "Border Force, which
    has officers at Belfast port": an agency's people somewhere."""
    personnel = ctx.words("personnel_nouns")
    for sent, tokens in ctx.sentences:
        if not any(m.type in _PLACE_TYPES for m in ctx.mentions_in(sent)):
            continue
        for noun in tokens:
            if noun.pos_ != "NOUN" or (noun.lower_ not in personnel and noun.lemma_.lower() not in personnel) \
                    or noun.i in ctx.by_token:
                continue
            kept = noun.dep_ == "dobj" and noun.head.lemma_ in {"have", "keep", "maintain"}  # "has officers at X"
            places = list(dict.fromkeys(_places_under(ctx, noun) + (_places_under(ctx, noun.head, 0) if kept else [])
                                        + _places_present(ctx, noun) or _place_right_after(ctx, noun)))
            if not places:
                continue
            owners = [ctx.mention_of(noun)] if ctx.mention_of(noun) else []
            if not owners and _places_present(ctx, noun):  # "officers from Europol and the Brazilian police present"
                owners = resolver.entities(noun, sent)
            if not owners and kept:
                owners = [m for c in noun.head.children if c.dep_ == "nsubj"
                          for m in resolver.subject_entities(c, noun.head, sent)]
            for owner in (o for o in owners if o.type != "Country" or _is_personnel(ctx, noun)):
                for place in (p for p in places if _may_operate(owner, p, owners)):
                    yield Relation(owner, "operatesIn", place, ctx.evidence(sent), 0.7, "operatesIn-personnel")
