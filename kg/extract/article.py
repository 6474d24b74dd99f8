"""Run every extraction rule over one parsed article."""

import re
from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.context import DocContext, ParsedDoc
from kg.extract.events import extract_events
from kg.extract.mentions import (acronym_pairs, bodies_owning_units, bracketed_names, employers_before_roles,
                                 generic_bodies_with_towns, coordinated_demonyms, names_joined_by_and, with_facility_nouns, entity_mentions, initials_pairs,
                                 lone_names_as_places, towns_named_in_full, areas_listed)
from kg.extract.places import place_relations
from kg.extract.positions import rank_relations, title_relations
from kg.extract.roles import person_roles
from kg.extract.quotes import extract_quotes
from kg.extract.presence import activity_places, personnel_places
from kg.extract.relations import (action_partners, assisted_by, backed_operations, claim_criticisms, cooperation_between,
                                  cue_relations, given_support, group_members, joint_cooperation, joint_subjects,
                                  operation_participants, listed_participants, operation_support, received_help, requested_help,
                                  shared_operations, thanked_helpers)
from kg.extract.resolver import Resolver
from kg.gazetteer import Gazetteer
from kg.records import Article, Extraction, Mention, Relation


def _seats(ctx: DocContext, seats: list[tuple[Mention, Mention]]) -> list[Relation]:
    """ "the Public Prosecutor's Office in Rosenheim": based in the town its name holds."""
    return [Relation(body, "basedIn", town, ctx.evidence(ctx.span_of(town).sent), 0.8, "basedIn-seat")
            for body, town in seats if ctx.span_of(town) is not None]


def _employers(relations: list[Relation]) -> dict[str, Mention]:
    """Person surface forms (full name and surname) to the organisation they work for."""
    employers: dict[str, Mention] = {}
    for rel in relations:
        if rel.predicate == "memberOf" and isinstance(rel.object, Mention):
            employers.setdefault(rel.subject.text, rel.object)
            employers.setdefault(rel.subject.text.split()[-1], rel.object)
    return employers


def _home(mention: Mention | str, gazetteer: Gazetteer) -> str | None:
    entry = gazetteer.entries.get(mention.key) if isinstance(mention, Mention) and mention.key else None
    return entry.home if entry else None


def _not_with_own_country(relations: list[Relation], gazetteer: Gazetteer) -> list[Relation]:
    """A country does not cooperate with its own national body: "Dutch police ... the Royal Netherlands Marechaussee"."""
    return [r for r in relations if r.predicate != "cooperatesWith" or not (
        {r.subject.type, r.object.type} & {"Country"} and _home(r.subject, gazetteer)
        and _home(r.subject, gazetteer) == _home(r.object, gazetteer))]


def _distinct(relations: list[Relation]) -> list[Relation]:
    """One relation per subject, predicate, object and sentence: the first rule to find it wins."""
    seen, kept = set(), []
    for rel in relations:
        key = (rel.subject, rel.predicate, rel.object, rel.evidence.start)
        if key not in seen:
            seen.add(key)
            kept.append(rel)
    return kept


def extract_article(doc: Doc, article: Article, gazetteer: Gazetteer) -> Extraction:
    """Mentions, relations and quotes of one article.

    Args:
        doc: the article's `clean_text` run through `load_pipeline()`.
        article: the article record.
        gazetteer: the curated data the pipeline was built with.
    """
    parsed = ParsedDoc(doc, article.clean_text)
    mentions = towns_named_in_full(parsed, entity_mentions(parsed, article.doc_id, gazetteer))
    mentions = lone_names_as_places(parsed, areas_listed(parsed, article.doc_id, mentions, gazetteer), gazetteer)
    mentions = employers_before_roles(parsed, mentions, gazetteer)
    shared_nouns = coordinated_demonyms(parsed, mentions, article.doc_id, gazetteer)
    shared_spans = {(m.start, m.end) for m in shared_nouns}  # "Nigerien", which NER also read as a place
    mentions = sorted([*(m for m in mentions if m.key or (m.start, m.end) not in shared_spans), *shared_nouns],
                      key=lambda m: m.start)
    mentions = names_joined_by_and(article.clean_text, with_facility_nouns(article.clean_text, mentions, gazetteer), gazetteer)
    mentions, seats = generic_bodies_with_towns(article.clean_text, bodies_owning_units(mentions, gazetteer), gazetteer)
    mentions, bracketed = bracketed_names(article.clean_text, mentions)
    titles, title_rels = title_relations(DocContext(parsed, article.doc_id, gazetteer, mentions))
    titles = [t for t in titles if not any(m.start <= t.start and t.end <= m.end for m in mentions)]  # "Prosecutor’s Office"
    ctx = DocContext(parsed, article.doc_id, gazetteer, sorted(mentions + titles, key=lambda m: (m.start, m.end)))
    for demonym, noun in shared_nouns.items():
        ctx.coordinated.setdefault(noun, []).append(demonym)
    quotes, skipped = extract_quotes(ctx)
    titled = {(r.subject, ctx.span_of(r.subject).sent.start) for r in title_rels
              if r.predicate == "holdsPosition" and ctx.span_of(r.subject) is not None}
    relations = [*title_rels, *rank_relations(ctx), *person_roles(ctx, titled)]
    speakers = {(q.evidence.start, q.evidence.end): q.speaker for q in quotes}
    resolver = Resolver(ctx, speakers, _employers(relations))
    relations += [*cue_relations(ctx, resolver), *joint_cooperation(ctx), *assisted_by(ctx, resolver), *thanked_helpers(ctx, resolver), *received_help(ctx, resolver), *requested_help(ctx, resolver), *given_support(ctx, resolver), *claim_criticisms(ctx),
                  *backed_operations(ctx), *joint_subjects(ctx, resolver), *cooperation_between(ctx, resolver),
                  *shared_operations(ctx, resolver), *group_members(ctx, resolver), *action_partners(ctx, resolver), *operation_support(ctx, resolver),
                  *operation_participants(ctx, resolver), *listed_participants(ctx),
                  *activity_places(ctx, resolver),
                  *personnel_places(ctx, resolver),
                  *place_relations(ctx), *_seats(ctx, seats)]
    parents = units_of_bodies(article.clean_text, ctx.mentions, gazetteer)
    relations = [r for r in _to_parents(relations, parents) if r.subject != r.object]
    relations = _distinct(_not_with_own_country(relations, gazetteer))
    events = [replace(e, agents=tuple(dict.fromkeys(parents.get(a, a) for a in e.agents)))
              for e in extract_events(ctx, resolver, article)]
    aliases = dict.fromkeys([*acronym_pairs(parsed, mentions), *initials_pairs(mentions), *bracketed])
    event_ends = [m for e in events for m in (*e.agents, *e.places, *e.participants)]
    return Extraction(article, _with_relation_ends([*ctx.mentions, *event_ends], relations), tuple(relations),
                      tuple(quotes), tuple(aliases), skipped, tuple(events))


_OF_LINK = re.compile(r"\s+of\s+(?:the\s+)?")  # "the Organised Crime Unit of the Hellenic Police"
_POSSESSIVE_LINK = re.compile(r"[’']s?\s+(?:\([A-Z]{2,8}\)\s+)?")  # "Homeland Security Investigations’ (HSI) Office"
_MOVED_TO_PARENT = frozenset({"cooperatesWith", "supports", "operatesIn"})


def units_of_bodies(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> dict[Mention, Mention]:
    """Units named with the body they belong to, to that body: "the Organised Crime Unit of the Hellenic Police",
    "HSI’s Assistant Attaché Office". Whom a unit works with, supports or is posted to, its body does."""
    units = gazetteer.words("unit_nouns")
    bodies = [m for m in mentions if m.type in {"Agency", "Organisation"}]
    parents: dict[Mention, Mention] = {}
    for unit in bodies:
        if unit.key or unit.text.split()[-1].lower() not in units:
            continue
        after = next((b for b in bodies if b.start > unit.end and _OF_LINK.fullmatch(" " + text[unit.end:b.start])), None)
        before = next((b for b in reversed(bodies) if b.end < unit.start and b.text.split()[-1].lower() not in units
                       and _POSSESSIVE_LINK.fullmatch(text[b.end:unit.start])), None)
        parent = after or before
        if parent is not None and parent.text != unit.text:
            parents[unit] = parent
    return parents


def _to_parents(relations: list[Relation], parents: dict[Mention, Mention]) -> list[Relation]:
    """The relations of units as their bodies' own; a unit's seat is where its body works ("HSI’s office in
    Tijuana")."""
    def parent(end):
        return parents.get(end, end) if isinstance(end, Mention) else end
    moved = []
    for r in relations:
        if r.predicate == "basedIn" and r.subject in parents:
            moved.append(replace(r, subject=parents[r.subject], predicate="operatesIn", rule="operatesIn-unit-seat"))
        elif r.predicate in _MOVED_TO_PARENT:
            moved.append(replace(r, subject=parent(r.subject), object=parent(r.object)))
        else:
            moved.append(r)
    return moved


def _with_relation_ends(mentions: list[Mention], relations: list[Relation]) -> tuple[Mention, ...]:
    """The mentions, with the ends a rule read off a word no mention covers ("the Greek island of Lesbos": Greek)."""
    known = set(mentions)
    ends = [end for rel in relations for end in (rel.subject, rel.object)
            if isinstance(end, Mention) and end not in known]
    return tuple(sorted({*mentions, *ends}, key=lambda m: (m.start, m.end, m.type, m.text)))
