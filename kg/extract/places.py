"""Where organisations sit and which places lie inside which.

- basedIn: "the Warsaw-based Frontex", "Interpol's headquarters in Lyon",
  "Eurojust, headquartered in The Hague", "the agency, which is based in Lisbon";
- locatedIn, as the text states it: "Calais, France", "Gravesend, Kent",
  "Coquelles in northern France"; a list of towns ("Dover, Folkestone,
  Ramsgate") is not read as one town inside another;
- inCountry from GeoNames: a town whose country GeoNames knows, when the
  article also names that country ("Osnabrück" and "Germany"), with a lower
  confidence. The text does not state it, so it is not locatedIn; its
  evidence is the sentence that names the town, not one that says where it is.
"""

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract.context import DocContext
from kg.geography import country_of_town, region_names
from kg.gazetteer import COUNTRY_PREFIX, city_names
from kg.records import Mention, Relation

_BODIES = frozenset({"Agency", "Organisation"})
_PLACES = frozenset({"Country", "Location"})
_LIST_WORDS = frozenset({"and", "or", ","})


def _place(ctx: DocContext, token: Token) -> Mention | None:
    mention = ctx.by_token.get(token.i)
    return mention if mention is not None and mention.type in _PLACES else None


def _body(ctx: DocContext, token: Token) -> Mention | None:
    """The body a token names; a description in apposition stands for the name ("Afripol, the AU's body, which ...")."""
    mention = ctx.by_token.get(token.i) or (ctx.named_earlier(token) if token.pos_ == "NOUN" else None)
    if mention is None and token.lower_ == "its":  # "the Bundespolizei, Germany's federal police, at its headquarters"
        mention = ctx.previous_mention(token.idx, _BODIES)
        if mention is not None and mention.start < token.sent.start_char:
            mention = None
    if mention is None and token.dep_ in {"appos", "compound"}:  # "the Frankfurt-based group Pro Asyl"
        mention = ctx.by_token.get(token.head.i)
    if mention is None:  # "the Berlin-based charity, Sea-Watch,"
        mention = next((ctx.by_token[c.i] for c in token.children if c.dep_ == "appos" and c.i in ctx.by_token), None)
    return mention if mention is not None and mention.type in _BODIES else None


def _seat_places(head: Token, ctx: DocContext) -> list[Mention]:
    """ "headquarters in Lyon", "based at The Hague", "the Warsaw headquarters"."""
    named = [p for c in head.children if c.dep_ == "compound" for p in [_place(ctx, c)] if p is not None]
    return named + [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}
                    for pobj in prep.children if pobj.dep_ == "pobj" for p in [_place(ctx, pobj)] if p is not None]


def _seated_body(ctx: DocContext, verb: Token) -> Mention | None:
    """Who is "based"/"headquartered": the passive subject, the relative clause's noun, or the noun modified."""
    if verb.dep_ in {"acl", "relcl"}:
        return _body(ctx, verb.head)
    if verb.dep_ == "advcl" and verb.i < verb.head.i:  # "Eurojust, headquartered in The Hague, said"
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
    return _body(ctx, subject) if subject is not None else None


def based_in(ctx: DocContext) -> Iterator[Relation]:
    """An organisation's seat or home, as the text states it."""
    seat_verbs = ctx.words("seat_verbs")
    seat_nouns = ctx.words("seat_nouns")
    for sent, tokens in ctx.sentences:
        evidence = ctx.evidence(sent)
        for token in tokens:
            lemma = token.lemma_.lower()
            pairs: list[tuple[Mention | None, Mention | None]] = []
            if token.lower_ in seat_verbs and token.i >= 2 and ctx.doc[token.i - 1].text == "-" and token.dep_ == "amod":
                pairs.append((_body(ctx, token.head), _place(ctx, ctx.doc[token.i - 2])))  # "Warsaw-based Frontex"
            elif lemma in seat_verbs and token.pos_ == "VERB":
                body = _seated_body(ctx, token)
                pairs += [(body, place) for place in _seat_places(token, ctx)]
            elif lemma in seat_nouns and token.pos_ == "NOUN":  # "Interpol's headquarters in Lyon"
                owner = next((_body(ctx, c) for c in token.children if c.dep_ == "poss"), None) or next(
                    (_body(ctx, p) for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for p in prep.children if p.dep_ == "pobj"), None) or _owner_by_compound(ctx, token)
                pairs += [(owner, place) for place in _seat_places(token, ctx)]
            body = ctx.by_token.get(token.i)
            if body is not None and body.type in _BODIES and token == ctx.span_of(body).root:
                pairs += [(body, place) for place in _home_places(ctx, token, body)]
            for body, place in pairs:
                if body is not None and place is not None:
                    yield Relation(body, "basedIn", place, evidence, 0.8, "basedIn-seat")


def _home_places(ctx: DocContext, root: Token, body: Mention) -> list[Mention]:
    """Where a body's own phrase places it.

    "the National Crime Agency of the United Kingdom" (a public body of its
    country), "Larami Corp. of Philadelphia" (a town, not a country: "the
    Police of Spain" is a national force, stated elsewhere), "Dover's
    Samaritan Trust charity", "Sun Hung Kai Properties, a Hong Kong construction
    firm", "Brown University in Providence" (a town: "Sea-Watch in the
    Mediterranean" is not a seat; "the NCA in Calais", "the IOM in
    Sarajevo" are on duty or have an office there).
    """
    def fits(place: Mention | None) -> bool:
        return place is not None and (place.type == "Location" or (place.type == "Country" and body.type == "Agency"))

    of_places = [p for prep in root.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for pobj in prep.children if pobj.dep_ == "pobj" for p in [_place(ctx, pobj)] if fits(p)]
    in_towns = [p for prep in root.children if prep.dep_ == "prep" and prep.lower_ == "in"
                for pobj in prep.children if pobj.dep_ == "pobj" for p in [_place(ctx, pobj)] if p is not None and _is_town(p)]
    if body.key is not None:  # a known body "in Calais" is on duty or has an office there; its seat is known
        in_towns = []
    heads = [root, root.head] if root.dep_ == "compound" and root.head.i not in ctx.by_token else [root]
    owners = [p for head in heads for c in head.children if c.dep_ == "poss"
              for p in [_place(ctx, c)] if p is not None and p.type == "Location"]
    described = [p for appos in root.children if appos.dep_ == "appos" and appos.pos_ == "NOUN" and appos.i not in ctx.by_token
                 for c in appos.children if c.dep_ == "compound" for p in [_place(ctx, c)] if p is not None]
    return of_places + in_towns + owners + described


def _owner_by_compound(ctx: DocContext, noun: Token) -> Mention | None:
    """ "the Europol headquarters in The Hague"."""
    return next((_body(ctx, c) for c in noun.children if c.dep_ == "compound"), None)


def _in_list(ctx: DocContext, span: Span) -> bool:
    """ "Dover, Folkestone, Ramsgate and Margate": a place followed by a comma or "and" and another place."""
    doc, after = ctx.doc, span.end
    while after < len(doc) and doc[after].lower_ in _LIST_WORDS:
        after += 1
    return span.end < after < len(doc) and _place(ctx, doc[after]) is not None


def iso_code(mention: Mention) -> str | None:
    """The ISO 3166-1 code of a country the gazetteer knows, else None."""
    return mention.key[len(COUNTRY_PREFIX):] if mention.key and mention.key.startswith(COUNTRY_PREFIX) else None


def _consistent(town: Mention, area: Mention) -> bool:
    """GeoNames does not put the town in another country than the one the text names."""
    iso = iso_code(area)
    if iso is None:
        return True
    known = country_of_town(town.name or town.text)
    return known is None or known == iso


def stated_located_in(ctx: DocContext) -> Iterator[Relation]:
    """ "Calais, France", "Gravesend, Kent", "Coquelles in northern France"."""
    for mention in ctx.mentions:
        span = ctx.span_of(mention)
        if mention.type != "Location" or span is None:
            continue
        root = span.root
        areas = []
        for child in root.children:
            if child.i <= root.i:
                continue
            if child.dep_ in {"appos", "npadvmod"} and ctx.doc[span.end].text == ",":
                area = _place(ctx, child)
                area_span = ctx.span_of(area) if area else None
                if area is not None and area_span is not None and area_span.start == span.end + 1 \
                        and not _in_list(ctx, area_span):
                    areas.append(area)
            elif child.dep_ == "prep" and child.lower_ == "in":
                areas += [a for pobj in child.children if pobj.dep_ == "pobj" for a in [_place(ctx, pobj)] if a]
        if not areas:
            areas += [a for a in [_area_after_comma(ctx, span)] if a is not None]
        after = _area_after(ctx, span)
        if after is not None and (after.type == "Country" or _is_region(after) or not (_is_town(mention) and _is_town(after))):
            areas.append(after)  # not "in Dover, in Folkestone": two towns are a list
        areas += [a for a in (_area_by_noun(ctx, root), _country_by_demonym(ctx, root, mention),
                              _country_adjective(ctx, root, mention), _area_of_noun(ctx, root),
                              _area_before_settlement(ctx, root), _area_of_facility(ctx, root),
                              _area_after_both(ctx, root, span), _owning_country(ctx, root)) if a is not None]
        for part in _included_places(ctx, root):  # "from Quebec, including Montreal and Saint Regis"
            if part != mention and part.type == "Location":
                yield Relation(part, "locatedIn", mention, ctx.evidence(span.sent), 0.75, "locatedIn-stated")
        bracketed = _area_in_brackets(ctx, span)
        if bracketed is not None:  # the bracket covers the whole list before it, whatever GeoNames says
            yield Relation(mention, "locatedIn", bracketed, ctx.evidence(span.sent), 0.8, "locatedIn-stated")
            for other in root.conjuncts:
                listed = _place(ctx, other)
                if listed is not None and listed.type == "Location" and listed != mention:
                    yield Relation(listed, "locatedIn", bracketed, ctx.evidence(span.sent), 0.8, "locatedIn-stated")
        for area in dict.fromkeys(areas):
            if area != mention and (area.key is None or area.key != mention.key) and _consistent(mention, area):
                yield Relation(mention, "locatedIn", area, ctx.evidence(span.sent), 0.8, "locatedIn-stated")


_PLACE_NOUNS = frozenset({"district", "town", "city", "village", "suburb", "port", "county", "province", "region",
                          "island", "municipality", "neighbourhood", "neighborhood", "state", "capital", "coast",
                          "area", "locality", "hamlet", "resort", "borough", "commune", "township", "settlement"})
_AREA_LEAD_WORDS = frozenset({"the", "northern", "southern", "eastern", "western", "central", "north", "south", "east",
                              "west", "north-east", "north-west", "south-east", "south-west", "northeast", "northwest",
                              "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
                              "north-eastern", "north-western", "south-eastern", "south-western", "rural", "coastal"})


def _area_after(ctx: DocContext, span: Span) -> Mention | None:
    """ "Cairnryan in Scotland", "Kupang, in East Nusa Tenggara", "Matthew Town on Great Inagua"."""
    doc, i = ctx.doc, span.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i >= len(doc) or doc[i].lower_ not in {"in", "on"}:
        return None
    found = _area_from(ctx, i + 1)
    return found[0] if found else None


def _area_from(ctx: DocContext, i: int) -> tuple[Mention, Span] | None:
    """The place named from token `i` on, past "the", compass words ("northern France") and "the province of",
    with its span."""
    doc = ctx.doc
    while i < len(doc) and ((doc[i].lower_ in _AREA_LEAD_WORDS and doc[i].is_lower)
                            or (doc[i].text == "-" and i + 1 < len(doc) and doc[i + 1].lower_ in _AREA_LEAD_WORDS)):
        i += 1  # "north-eastern Romania", split by the tokenizer
    if i + 1 < len(doc) and doc[i].lower_ in _PLACE_NOUNS - _SETTLEMENT_NOUNS and doc[i + 1].lower_ == "of":
        i += 2  # "Sanlúcar de Barrameda, in the province of Cádiz"
    area = _place(ctx, doc[i]) if i < len(doc) else None
    area_span = ctx.span_of(area) if area is not None else None
    return (area, area_span) if area_span is not None and area_span.start == i else None


_CLOSING = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "-", "--"})


def _area_after_comma(ctx: DocContext, span: Span) -> Mention | None:
    """ "from Subotica, Serbia, and then", "in Dunkirk, northern France,", "LYON, France (AP)": a town, a comma and
    a country or region closed by punctuation, read on the surface where the parser did not see the apposition."""
    doc, i = ctx.doc, span.end
    if i + 1 >= len(doc) or doc[i].text != "," or (span.start >= 2 and doc[span.start - 1].text == ","
                                                    and _place(ctx, doc[span.start - 2]) is not None):
        return None  # "Dover, Folkestone, Ramsgate": a list, not nesting
    found = _area_from(ctx, i + 1)
    if found is None or _in_list(ctx, found[1]):
        return None
    area, area_span = found
    end = area_span.end
    closed = (end >= len(doc) or doc[end].text in _CLOSING or doc[end].is_sent_start or doc[end].is_space
              or "\n" in doc[end - 1].whitespace_)  # a list line ends: "- Ngoc Dung Le, 52, of Brossard, Quebec
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].pos_ == "PROPN":
        return None  # "Montreal, Saint Regis, Akwesasne": a list goes on
    compass = doc[i + 1].lower_ in _AREA_LEAD_WORDS - {"the"} and doc[i + 1].is_lower  # "Dagenham, east London"
    is_area = area.type == "Country" or not _is_town(area) or _is_region(area) or compass
    return area if closed and is_area else None


def _area_by_noun(ctx: DocContext, root: Token) -> Mention | None:
    """ "Dikili, a district of İzmir", "Kidira, a remote area in Senegal": a place noun in apposition, with the area
    after "of"/"in"."""
    for appos in (c for c in root.children if c.dep_ == "appos" and c.lemma_.lower() in _PLACE_NOUNS):
        for prep in (c for c in appos.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                area = _place_or_named_area(ctx, pobj)  # "Dikili, a district of Izmir province"
                if area is not None:
                    return area
    return None


def _country_by_demonym(ctx: DocContext, root: Token, mention: Mention) -> Mention | None:
    """ "the Greek island of Lesbos", "Greece's island of Samos": the demonym or owner of the place noun."""
    while root.dep_ == "conj" and root.head.i < root.i:  # "the Spanish cities of Malaga and Granada"
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.lemma_.lower() not in _PLACE_NOUNS:
        return None
    for modifier in root.head.head.children:
        if modifier.dep_ == "poss" and _place(ctx, modifier) is not None:
            return _place(ctx, modifier)  # "Greece's island of Samos"
        key = ctx.gazetteer.demonym_keys.get(modifier.text) if modifier.dep_ in {"amod", "compound"} else None
        if key is not None:
            entry = ctx.gazetteer.entries[key]
            return Mention(mention.doc_id, modifier.idx, modifier.idx + len(modifier.text), modifier.text, entry.type,
                           key=entry.key, name=entry.name)
    return None


def _area_in_brackets(ctx: DocContext, span: Span) -> Mention | None:
    """ "arrested in Zagreb and Glina (Croatia)": a bracketed country after a place."""
    doc, i = ctx.doc, span.end
    area = _place(ctx, doc[i + 1]) if i + 2 < len(doc) and doc[i].text == "(" else None
    area_span = ctx.span_of(area) if area is not None else None
    if area is None or area.type != "Country" or area_span is None or area_span.start != i + 1:
        return None
    return area if area_span.end < len(doc) and doc[area_span.end].text == ")" else None


def _country_adjective(ctx: DocContext, root: Token, mention: Mention) -> Mention | None:
    """ "the French Riviera", "the Greek islands": a demonym modifying a place names its country."""
    for modifier in (c for c in root.children if c.dep_ in {"amod", "compound"} and c.i < root.i):
        key = ctx.gazetteer.demonym_keys.get(modifier.text)
        span = ctx.span_of(mention)
        if key is not None and span is not None and not span.start <= modifier.i < span.end:
            entry = ctx.gazetteer.entries[key]
            if entry.type == "Country":
                return Mention(mention.doc_id, modifier.idx, modifier.idx + len(modifier.text), modifier.text,
                               entry.type, key=entry.key, name=entry.name)
    return None


def _included_places(ctx: DocContext, root: Token) -> list[Mention]:
    """ "Quebec, including Montreal, Saint Regis and Akwesasne": the places listed after "including"."""
    return [p for prep in root.children if prep.dep_ == "prep" and prep.lower_ == "including"
            for pobj in prep.children if pobj.dep_ == "pobj" for t in (pobj, *pobj.conjuncts)
            for p in [_place(ctx, t)] if p is not None]


_SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "port", "island", "capital", "municipality"})


def _area_of_noun(ctx: DocContext, root: Token) -> Mention | None:
    """ "the Docklands and Catford areas of London": a place naming a kind of area of another (not "the West
    Midlands city of Birmingham", the other way round: see `_area_before_settlement`)."""
    noun = root.head if root.dep_ in {"compound", "nmod"} else (
        root.head.head if root.dep_ == "conj" and root.head.dep_ in {"compound", "nmod"} else None)
    if noun is None or noun.lemma_.lower() not in (_PLACE_NOUNS | {"area", "part", "outskirts"}) - _SETTLEMENT_NOUNS:
        return None
    return next((p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for pobj in prep.children if pobj.dep_ == "pobj" for p in [_place_or_named_area(ctx, pobj)]
                 if p is not None), None)


def _place_or_named_area(ctx: DocContext, token: Token) -> Mention | None:
    """A place, or the place naming an area noun: "Nicosia district", "Tak province"."""
    place = _place(ctx, token)
    if place is None and token.lemma_.lower() in _PLACE_NOUNS:
        place = next((p for c in token.children if c.dep_ in {"compound", "nmod"} and c.i < token.i
                      for p in [_place(ctx, c)] if p is not None), None)
    return place


def _area_of_facility(ctx: DocContext, root: Token) -> Mention | None:
    """ "the Mae Ramat checkpoint in Tak province", "the Pournara reception centre in Kokkinotrimithia": a place naming
    a facility, which is in the area after "in"."""
    if root.dep_ != "compound" or root.head.lemma_.lower() not in _FACILITY_NOUNS:
        return None
    return next((p for prep in root.head.children if prep.dep_ == "prep" and prep.lower_ == "in"
                 for pobj in prep.children if pobj.dep_ == "pobj" for p in [_place_or_named_area(ctx, pobj)]
                 if p is not None), None)


_FACILITY_NOUNS = frozenset({"checkpoint", "crossing", "camp", "centre", "center", "port", "harbour", "harbor",
                             "airport", "station", "jetty", "hospital", "prison", "beach", "market", "terminal"})


def _area_after_both(ctx: DocContext, root: Token, span: Span) -> Mention | None:
    """ "Papar and Semporna, both districts of Sabah": places listed, then what all of them are part of."""
    last = max((root, *root.conjuncts), key=lambda t: t.i)
    last_mention = _place(ctx, last)
    last_span = ctx.span_of(last_mention) if last_mention is not None else span
    doc, i = ctx.doc, (last_span or span).end
    if i + 3 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in {"both", "all"} \
            or doc[i + 2].lemma_.lower() not in _PLACE_NOUNS or doc[i + 3].lower_ not in {"of", "in"}:
        return None
    found = _area_from(ctx, i + 4)
    return found[0] if found else None


def _area_before_settlement(ctx: DocContext, root: Token) -> Mention | None:
    """ "the West Midlands city of Birmingham", "the Kent port of Dover": the place before the noun holds the town."""
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.lemma_.lower() not in _SETTLEMENT_NOUNS:
        return None
    noun = root.head.head
    return next((p for c in noun.children if c.dep_ in {"compound", "nmod"} and c.i < noun.i
                 for p in [_place(ctx, c)] if p is not None and p.type in {"Location", "Country"}), None)


def _owning_country(ctx: DocContext, root: Token) -> Mention | None:
    """ "China's Jiangsu province", "Australia's northern waters": a country in the possessive owns the place; with
    a place noun, a region or town too ("Adana's Yüreğir district")."""
    named_area = root.dep_ in {"compound", "nmod"} and root.head.lemma_.lower() in _PLACE_NOUNS
    heads = [root, root.head] if named_area else [root]
    owner = next((ctx.by_token.get(c.i) for head in heads for c in head.children if c.dep_ == "poss"), None)
    return owner if owner is not None and (owner.type == "Country" or (named_area and owner.type == "Location")) else None


def _is_town(mention: Mention) -> bool:
    return (mention.name or mention.text) in city_names()


def _is_region(mention: Mention) -> bool:
    """A state, province or county ("Quebec", "Kent"), which a town may lie in even when a town has its name."""
    return (mention.name or mention.text) in region_names()


def _written_as_areas(ctx: DocContext) -> set[str]:
    """Names the article writes as the area of a town: "Akwesasne, Ontario and Cornwall, Ontario".

    After a place and a comma, either twice or more, or not a town's name at all:
    "Bihac, Cazin and Velika Kladusa" is a list of towns.
    """
    after_comma: dict[str, int] = {}
    for mention in ctx.mentions:
        span = ctx.span_of(mention)
        if mention.type == "Location" and span is not None and span.start >= 2 and ctx.doc[span.start - 1].text == ",":
            before = ctx.by_token.get(span.start - 2)
            if before is not None and before.type == "Location":
                name = mention.name or mention.text
                after_comma[name] = after_comma.get(name, 0) + 1
    return {name for name, times in after_comma.items() if times > 1 or name not in city_names()}


def gazetteer_located_in(ctx: DocContext, stated: set[Mention], areas: set[str]) -> Iterator[Relation]:
    """inCountry: a town in a country the article names, by GeoNames (kg:inCountry, not kg:locatedIn).

    The link comes from the gazetteer; the evidence is the sentence of the
    town's first mention, which names the town but need not say where it is.
    A name the article itself uses as an area ("Akwesasne, Ontario") is a
    region there, not the town of that name.
    """
    countries = {iso_code(m): m for m in ctx.mentions if m.type == "Country" and iso_code(m)}
    done: set[str] = set()
    for mention in ctx.mentions:
        name = mention.name or mention.text
        if mention.type != "Location" or mention in stated or name in done or name in areas:
            continue
        iso = country_of_town(name)
        span = ctx.span_of(mention)
        if iso in countries and span is not None:
            done.add(name)
            yield Relation(mention, "inCountry", countries[iso], ctx.evidence(span.sent), 0.5, "inCountry-geonames")


def place_relations(ctx: DocContext) -> list[Relation]:
    """basedIn, locatedIn and inCountry of one article; a town placed by the text is not placed again by GeoNames."""
    stated = list(stated_located_in(ctx))
    placed = {r.subject for r in stated}
    areas = {r.object.name or r.object.text for r in stated if isinstance(r.object, Mention)} | _written_as_areas(ctx)
    return [*based_in(ctx), *stated, *gazetteer_located_in(ctx, placed, areas)]
