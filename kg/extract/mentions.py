"""Entity mentions from a parsed Doc: spaCy NER corrected by the gazetteer ruler.

The ruler's matches carry a curated key (`ent.ent_id_`) and win. Statistical
entities without a key are typed by their label and head word, and dropped
when they look like common nouns ("Immigration Removal Centres") or parts of
a job title ("Home" of "Home Secretary").
"""

import re
from dataclasses import replace
from collections.abc import Iterator, Sequence
from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Span, Token

from kg.extract.context import ParsedDoc
from kg.gazetteer import Gazetteer, city_names
from kg.geography import country_of_town, region_names
from kg.nlp.components import TITLES_KEY
from kg.records import ENTITY_TYPES, Mention

_NAME_LABELS = {"PERSON"}
_ORG_LABELS = {"ORG"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_OTHER_NAME_LABELS = {"WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
_DETERMINERS = {"the", "a", "an"}


_DESCRIPTORS = {"ngo", "charity", "campaign", "group", "firm", "company", "agency", "newspaper", "broadcaster"}


def trim(span: Span, gazetteer: Gazetteer) -> Span:
    """Drop leading determiners, honorifics and trailing possessives or punctuation."""
    honorifics = gazetteer.words("honorifics")
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct or doc[start].is_space
                           or (span.label_ == "PERSON" and doc[start].lower_ in honorifics)
                           or (span.label_ == "ORG" and end - start > 1 and doc[start].lower_ in _DESCRIPTORS)):
        start += 1  # "the NGO Balkan Asylum Watch": the name after the kind of body
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'"} or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    opened = [t.i for t in doc[start:end] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1]:end]):  # "RP (Welfare Party": the name before it
        end = opened[-1]
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    return Span(doc, start, end, label=span.label, span_id=span.id)


def title_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside a job title span."""
    return {i for span in doc.spans.get(TITLES_KEY, []) for i in range(span.start, span.end)}


# Lower-case words a proper name may hold: "Department of Public Safety", "Police aux frontières".
_NAME_PARTICLES = {"of", "for", "on", "and", "the", "de", "del", "della", "di", "da", "du", "des", "la", "le", "aux", "y", "van", "von", "der"}


def _looks_like_name(span: Span) -> bool:
    words = [t for t in span if t.is_alpha or (t.text[:1].isalpha() and t.text.endswith("."))]  # "Fla.", "N.C."
    return (bool(words) and words[0].text[0].isupper() and words[-1].text[0].isupper()
            and all(t.text[0].isupper() or t.lower_ in _NAME_PARTICLES or _hyphened_particle(t) for t in words)
            and not any(_is_number(t) for t in span))


_HYPHENED_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "abu", "ould"})


def _hyphened_particle(token: Token) -> bool:
    """ "al" in "Mohamed al-Ghwaili": a particle joined by a hyphen to the next part of the name."""
    doc = token.doc
    return token.lower_ in _HYPHENED_PARTICLES and token.i + 2 < len(doc) and doc[token.i + 1].text == "-" \
        and doc[token.i + 2].text[:1].isupper()


def _is_number(token: Token) -> bool:
    """ "10", "six", but not an ordinal in a name ("Bradley First Air", "the 5th Circuit")."""
    return token.like_num and not re.fullmatch(r"first|second|third|\d+(?:st|nd|rd|th)", token.lower_)


def _is_place_object(span: Span) -> bool:
    """A name governed by a place preposition that is a known town, or one word after "in"/"near"/"at".

    NER often takes such names for people or organisations: "the station in
    Mytilene", "officers at Lacolle", "boats left from Oran".
    """
    head = span.root
    while head.dep_ == "conj" and head.head.i < head.i:  # "in Dover, Folkestone and Margate"
        head = head.head
    if head.dep_ != "pobj" or head.head.lower_ not in _PLACE_PREPOSITIONS | {"of"}:
        return False
    if span.text in city_names():
        return head.head.lower_ != "of" or head.head.head.lower_ in {"port", "city", "town", "village", "island"}
    # one unknown word after "in" is a place NER took for a person ("officers at Lacolle"); an organisation NER saw
    # there is one if the preposition hangs on a noun of bodies ("our partner agencies in Revenue")
    return len(span) == 1 and head.head.lower_ in {"in", "near", "at"} and not (
        span.label_ in _ORG_LABELS and head.head.head.lemma_.lower() in {"agency", "partner", "colleague", "counterpart"})


# Body words that also end the names of places: "Soviet Union", "European Community".
_PLACE_LIKE_HEADS = frozenset({"union", "community", "federation", "commonwealth", "international", "cross", "crescent"})


def _head_word(span: Span) -> Token:
    """The word a name is about: "Service" in "Public Prosecution Service of Canada"."""
    for token in span[1:]:
        if token.lower_ in {"of", "for", "on"}:
            return span.doc[token.i - 1]
    return span[-1]


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _not_a_name(span: Span, gazetteer: Gazetteer) -> bool:
    """ "500 EUR", "yesterday (Tues)", "Gang charged £1,300": an amount's currency, a calendar word or a
    capitalised common noun opening a sentence is no name."""
    if len(span) != 1:
        return False
    token = span[0]
    doc = token.doc
    beside_number = any(0 <= i < len(doc) and doc[i].like_num for i in (token.i - 1, token.i + 1))
    return ((token.text in _currency_codes() and beside_number)  # "500 EUR", not the SHP party
            or token.lower_.rstrip(".") in gazetteer.words("calendar_words")
            or (token.text.endswith(".") and token.lower_ in gazetteer.words("rank_words") | gazetteer.words("honorifics"))
            or (token.pos_ in {"NOUN", "VERB", "ADJ"} and token.is_sent_start and token.is_title)
            or (_opens_sentence(token) and token.is_title and _written_lower_elsewhere(token))
            or (token.is_upper and len(token) > 2 and _written_lower_elsewhere(token)))  # "A LORRY driver", shouted


def _opens_sentence(token: Token) -> bool:
    """The first word of a sentence or a line, past opening punctuation ("'Courier system'")."""
    i = token.i - 1
    while i >= token.sent.start and token.doc[i].is_punct and "\n" not in token.doc[i].whitespace_:
        i -= 1
    return i < token.sent.start or "\n" in token.doc[i].whitespace_ or token.doc[i].is_space


def _written_lower_elsewhere(token: Token) -> bool:
    """ "Gang charged £1,300 ..." then "The gang were seen": the word is a common noun the text also writes in
    lower case."""
    return any(t.text == token.lower_ and t.pos_ in {"NOUN", "ADJ"} for t in token.doc if t.i != token.i)


def _typed_unkeyed(span: Span, gazetteer: Gazetteer) -> str | None:
    """Entity type of a statistical entity without curated key, or None to drop it."""
    label, head = span.label_, _head_word(span)
    if _not_a_name(span, gazetteer):
        return None
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.is_lower and after.lower_ in gazetteer.words("area_nouns") and _looks_like_name(span):
        return "Location"  # "Adana's Yüreğir district", "the Podlaskie region"
    if label in _NAME_LABELS | _ORG_LABELS and _is_place_object(span):
        return "Location" if _looks_like_name(span) else None
    if label in _NAME_LABELS | _ORG_LABELS and _short_for_agency(span, gazetteer):
        return "Agency"
    described = _described_as(span, gazetteer)
    if described is not None and label in _NAME_LABELS | _ORG_LABELS | _PLACE_LABELS and _looks_like_name(span):
        return described
    if label in _NAME_LABELS and len(span) > 1 and span[-1].is_title and span[-1].lower_ in gazetteer.words("area_nouns") \
            and _looks_like_name(span):
        return "Location"  # "Myanmar's Rakhine State": a region NER took for a person
    if label in _NAME_LABELS and len(span) > 1 and span[-1].lower_ in gazetteer.body_heads - _PLACE_LIKE_HEADS \
            and _looks_like_name(span):  # "Marine Battalions", "Tak Border Police": a body NER took for a person
        return "Agency" if span[-1].lower_ in gazetteer.words("agency_heads") else "Organisation"
    if label in _NAME_LABELS and len(span) > 1 and _is_known_town(span.text) and span.start > 0 \
            and span.doc[span.start - 1].lower_.rstrip(".") not in gazetteer.words("honorifics") | gazetteer.words("rank_words"):
        return "Location"  # "Coast Guard Sector San Diego": a town of two words NER took for a person
    if label in _NAME_LABELS:  # not "Charities criticised the raids": a plural is no one's name
        plural = any(t.tag_ == "NNS" for t in span)  # NNPS is also given to surnames such as "Albers"
        return "Person" if _looks_like_name(span) and len(span) <= 4 and not plural else None
    if len(span) > 1 and span[-1].lower_ in gazetteer.words("facility_heads") and _looks_like_name(span):
        return "Location"  # "Canterbury Crown Court": where a case is heard, a place (curated courts stay bodies)
    if label in _ORG_LABELS and len(span) == 1 and span.text in gazetteer.demonym_keys:
        return None  # "the Bosnian State Investigation and Protection Agency": a demonym alone names no body
    if label in _ORG_LABELS and _has_middle_initial(span):
        return "Person"  # "Ulf D. Merbold": a given name, an initial and a surname
    if label in _ORG_LABELS and not {span[-1].lower_, head.lower_} & gazetteer.body_heads and _is_known_town(span.text) \
            and span.root.dep_ not in {"compound", "poss"}:
        return "Location"  # "Colombo", "Ulcinj": a town NER took for an organisation; not "an Emery employee"
    if label in _ORG_LABELS:
        agency_head = head.lower_ in gazetteer.words("agency_heads")
        plural_name = head.lower_ in gazetteer.words("organisation_heads") | gazetteer.words("plural_agency_heads")
        # "Titan Systems", "British Airways", "the Central Operational Services"; not "Border Guards"
        named_after = head.i + 1 < span.end  # "the Centers for Disease Control": a plural with its field is a name
        if not _looks_like_name(span) or (head.tag_ in {"NNS", "NNPS"} and not plural_name and not named_after) \
                or (len(span) == 1 and agency_head):
            return None  # common nouns: "Immigration Removal Centres", a bare "Government"
        return "Agency" if agency_head else "Organisation"
    if label in _PLACE_LABELS and len(span) == 1 and _leads_a_government(span[0]) and not _is_known_town(span.text):
        return "Person"  # "the Abbott government", which NER took for a place
    if label in _PLACE_LABELS and len(span) == 1 and span.text.endswith("s") and span.text[:-1] in gazetteer.demonym_keys:
        return None  # "Pakistanis": nationals, not the country
    if label in _PLACE_LABELS:
        heads = gazetteer.body_heads - _PLACE_LIKE_HEADS
        named = next((w for w in (span[-1].lower_, head.lower_) if w in heads), None)
        if len(span) > 1 and _looks_like_name(span) and named:
            # "the District of Columbia Council", "the University of Texas"
            return "Agency" if named in gazetteer.words("agency_heads") else "Organisation"
        return "Location" if _looks_like_name(span) else None
    if label in _OTHER_NAME_LABELS:
        return "Unknown" if _looks_like_name(span) else None
    return None


def _described_as(span: Span, gazetteer: Gazetteer) -> str | None:
    """The type the text gives a name in passing: "Kaiwan Poore, 37, was detained" (an age: a person); "Oltim,
    a French police unit that ..." (a public body); "Safe Passage, a charity" (an organisation)."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].like_num \
            and doc[span.end + 1].text.isdigit() and len(doc[span.end + 1].text) <= 2 and doc[span.end + 2].text == "," \
            and len(span) >= 2 and all(t.is_title for t in span):
        return "Person"
    if span.end + 2 >= len(doc) or doc[span.end].text != "," or doc[span.end + 1].lower_ not in {"a", "an"}:
        return None
    head = None  # read on the surface: the parser often hangs the description on the name before
    for token in doc[span.end + 2 : span.end + 8]:
        if token.pos_ not in {"ADJ", "NOUN", "PROPN", "PUNCT"} or token.text in {",", ".", ";", "("}:
            break
        head = token if token.pos_ == "NOUN" and token.is_lower else head
    people = gazetteer.positions | gazetteer.words("occupation_nouns") | gazetteer.words("personnel_nouns")
    if head is None or head.lower_ in people:  # "Rachel Okoye, a specialist prosecutor": a person's job
        return None
    if head.lower_ in gazetteer.words("agency_heads"):
        return "Agency"
    if head.lower_ in gazetteer.words("organisation_heads"):
        return "Organisation"
    return None


def _short_for_agency(span: Span, gazetteer: Gazetteer) -> bool:
    """ "the drug squad (YKAN)", "the anti-money laundering unit (Mokas)": a short name in brackets after a
    described public body names that body."""
    doc = span.doc
    if len(span) != 1 or span.start < 2 or span.end >= len(doc) or doc[span.start - 1].text != "(" \
            or doc[span.end].text != ")":
        return False
    described = doc[span.start - 2]
    return described.is_lower and described.lower_ in gazetteer.words("agency_heads")


def _named_after_title(parsed: ParsedDoc, gazetteer: Gazetteer, taken: set[int]) -> list[Span]:
    """Names NER missed right after a title or honorific: "Minister Lavoie", "the Honourable Dominique Lavoie"."""
    doc, tokens = parsed.doc, parsed.tokens
    skipped = gazetteer.words("honorifics") | gazetteer.words("rank_words")
    in_title = title_tokens(doc)
    triggers = {span.end for span in doc.spans.get(TITLES_KEY, [])}
    triggers |= {t.i + 1 for t in tokens if t.lower_ in gazetteer.words("honorifics") and t.is_title}
    names = []
    for start in sorted(triggers):
        while start < len(tokens) and (tokens[start].lower_ in skipped or start in in_title):
            start += 1  # "Brigadier General Made Wirawan", "spokesman Lt. Cmdr. Serkan Özdemir"
        start, set_off = _after_title_phrase(tokens, start, taken)
        end = start
        while (end < len(tokens) and end - start < 3 and tokens[end].pos_ == "PROPN" and tokens[end].is_title
               and (end not in taken or _unkeyed_non_person(tokens[end])
                    or (end > start and tokens[end].ent_type_ == "PERSON"))):  # "Surachate | Hakparn": NER's half
            end += 1
        closed = end >= len(tokens) or tokens[end].text in {",", ".", ";"} or tokens[end].is_sent_start \
            or tokens[end].lower_ in _CLOSING_WORDS  # "Deputy Commissioner-General, Surachate Hakparn who was"
        body_word = any(tokens[i].lower_ in gazetteer.body_heads for i in range(start, end))  # "Chief Directorate ..."
        if end > start and (closed or not set_off) and not (start in taken and tokens[start].ent_type_ == "PERSON") \
                and not body_word:
            names.append(Span(doc, start, end, label="PERSON"))
    return names


_CLOSING_WORDS = frozenset({"who", "said", "says", "told", "added"})


def _after_title_phrase(tokens: Sequence[Token], start: int, taken: set[int]) -> tuple[int, bool]:
    """Where the name starts after a title: past "of INTERPOL" and the comma that sets the name off
    ("the Secretary General of INTERPOL, Jürgen Stock,"); True when a comma sets it off."""
    i = start
    if i < len(tokens) and tokens[i].lower_ in {"of", "at", "for"}:
        i += 1
        if i < len(tokens) and tokens[i].lower_ == "the":
            i += 1
        if i not in taken:
            return start, False
        while i < len(tokens) and i in taken and tokens[i].ent_type_ != "PERSON":
            i += 1
    if i < len(tokens) and tokens[i].text == ",":
        return i + 1, True
    return start, False


def _without_trailing_ranks(span: Span, gazetteer: Gazetteer) -> Span:
    """ "Navy Capt" read by NER as one organisation: the rank belongs to the person after it."""
    ranks = gazetteer.words("rank_words")
    end = span.end
    while end > span.start and (span.doc[end - 1].lower_ in ranks or span.doc[end - 1].text == "."):
        end -= 1
    return span if end == span.end else Span(span.doc, span.start, end, label=span.label)


def _through_hyphen(span: Span, gazetteer: Gazetteer) -> Span:
    """ "the Police Regional Office-9", "the Police Regional Office-Bangsamoro Autonomous Region": a body's name
    joined by a hyphen to its number or region, which NER cut at the hyphen."""
    doc, end = span.doc, span.end
    joined = re.fullmatch(r"([A-Z][a-z]+)-\w+", doc[end].text) if end < len(doc) else None
    if joined and joined.group(1).lower() in gazetteer.body_heads:
        return Span(doc, span.start, end + 1, label=span.label)  # "the Police Regional | Office-9", one token
    if end + 1 < len(doc) and doc[end].is_title and doc[end].lower_ in gazetteer.body_heads \
            and not doc[end].whitespace_ and doc[end + 1].text == "-":
        end += 1  # "the Police Regional | Office-Bangsamoro"
    if end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 1
    elif not (end - 1 > span.start and doc[end - 1].text == "-" and not doc[end - 1].whitespace_):
        return span
    if end < len(doc) and doc[end].like_num:
        end += 1
    else:
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
    return Span(doc, span.start, end, label=span.label) if doc[end - 1].text != "-" else span


def _chosen_key(ent: Span, gazetteer: Gazetteer, text: str) -> str:
    """The entry a name several entries share stands for here: the one whose full name the article writes, else
    the one whose country it names ("The AFP has charged three" in a story of Sydney and Australians: the police,
    not the news agency); the ruler's choice when the article tells nothing."""
    keys = gazetteer.shared_forms.get(ent.text)
    if not keys or ent.ent_id_ not in keys:
        return ent.ent_id_

    def told(key: str) -> tuple[bool, bool]:
        entry = gazetteer.entries[key]
        named = entry.name != ent.text and re.search(rf"\b{re.escape(entry.name)}\b", text) is not None
        country = any(re.search(rf"\b{re.escape(word)}\b", text) for word in gazetteer.country_words(entry.home))
        return named, country

    return max(keys, key=lambda k: (told(k), k == ent.ent_id_))


_CODE_NAME_CUES = frozenset({"codenamed", "code-named", "dubbed", "nicknamed"})


def _code_name(span: Span) -> bool:
    """A name right after "Operation" or "codenamed": the name of an operation, not of an entity."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and doc[i].text in {"“", '"', "‘", "'"}:
        i -= 1
    return i >= 0 and (doc[i].lower_ in _CODE_NAME_CUES or doc[i].text == "Operation")


def _with_leading_rank(span: Span, gazetteer: Gazetteer) -> Span:
    """ "Chief Directorate Combating Organized Crime", "General Directorate of Security": a rank word right before a
    body's head word is the first word of the body's name, not a title."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None or not len(span) or span[0].lower_ not in gazetteer.body_heads or not before.is_title \
            or before.lower_ not in gazetteer.words("rank_words"):
        return span
    return Span(doc, span.start - 1, span.end, label=span.label)


def _unkeyed_non_person(token: Token) -> bool:
    """A token NER put in an organisation or place without curated key: "Teixeira" after "spokeswoman Ana"."""
    return not token.ent_id_ and token.ent_type_ in {"ORG", "GPE", "NORP"}


def _without_leading_titles(span: Span, gazetteer: Gazetteer, in_title: set[int]) -> Span:
    """ "Superintendent Fiona McCartan" read by NER as one name: the title words are not the person's."""
    skipped = gazetteer.words("honorifics") | gazetteer.words("rank_words")
    doc, start, end = span.doc, span.start, span.end
    while start < end and (start in in_title or doc[start].lower_ in skipped):
        start += 1
    if start > span.start:  # the name NER cut short runs on: "Superintendent Fiona" + "McCartan"
        while end < len(doc) and end - start < 3 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                and not doc[end].ent_id_ and doc[end].ent_type_ in {"", "PERSON"}:
            end += 1
    return Span(doc, start, end, label=span.label)


_PLACE_PREPOSITIONS = {"in", "at", "near", "from", "to", "outside", "around", "via", "towards", "off", "between", "across", "into", "through"}


def _towns_after_prepositions(parsed: ParsedDoc, taken: set[int]) -> list[Span]:
    """Towns NER missed, named after a place preposition: "in Almería", "near Oran"."""
    doc, tokens = parsed.doc, parsed.tokens
    towns = city_names()
    found = []
    places = {t.i for ent in parsed.ents if ent.label_ in {"GPE", "LOC", "Location", "Country"} or ent.text in towns
              for t in ent}
    for previous, token in zip(tokens, tokens[1:]):
        listed = previous.lower_ in {",", "and", "or"} and previous.i - 1 in places  # "in Ramsgate, Broadstairs and Deal"
        if token.i in taken or not (previous.lower_ in _PLACE_PREPOSITIONS or listed) or not token.is_title:
            continue
        end = token.i
        while (end < len(tokens) and end - token.i < 3 and tokens[end].is_title and tokens[end].pos_ == "PROPN"
               and end not in taken):
            end += 1
        for stop in range(end, token.i, -1):  # longest known name first: "Palma de Mallorca" before "Palma"
            if doc[token.i:stop].text in towns:
                found.append(Span(doc, token.i, stop, label="GPE"))
                places.update(range(token.i, stop))
                break
    return found


def _dateline_place(doc: Doc, ent: Span) -> str | None:
    """ "ROME (AP) —", "ISTANBUL, May 14 -": a capitalised town opening a paragraph is a place."""
    at_paragraph_start = ent.start == 0 or "\n" in doc[ent.start - 1].text + doc[ent.start - 1].whitespace_
    following = doc[ent.end].text if ent.end < len(doc) else ""
    if not (at_paragraph_start and ent.text.isupper() and following in {",", "(", "—", "–", "-"}):
        return None
    name = ent.text.title()
    return name if name in city_names() else None


def dateline_towns(parsed: ParsedDoc, taken: set[int]) -> list[Span]:
    """ "MEXICO CITY (AP)", "ATHENS, May 14 (Reuters) -": a known town in capitals opening a paragraph."""
    doc, tokens = parsed.doc, parsed.tokens
    found = []
    for token in tokens:
        if not token.is_sent_start or not token.is_upper or token.i in taken:
            continue
        end = token.i
        while end < len(tokens) and end - token.i < 3 and tokens[end].is_upper and tokens[end].is_alpha and end not in taken:
            end += 1
        following = tokens[end].text if end < len(tokens) else ""
        if end > token.i and following in {",", "(", "—", "–", "-"} and doc[token.i:end].text.title() in city_names():
            found.append(Span(doc, token.i, end, label="GPE"))
    return found


def headline_case_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines in headline case ("Police Chief Warns Of Rising Crossings").

    There every word is capitalised, so capitals say nothing about names:
    only curated names are trusted on such lines.
    """
    ranges, offset = [], 0
    for line in text.split("\n"):
        words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
        ends_clause = line.rstrip().endswith((".", ":"))  # "Paul Morgan, Border Force Director for Europe, said:"
        # three words only as a line of their own: a subhead ("Huge Smuggling Network"), not "- Jo Bell, 58, of Leeds"
        short = len(words) == 3 and not any(c.isdigit() or c == "," for c in line)
        if (len(words) >= 4 or short) and sum(w[0].isupper() for w in words) >= 0.8 * len(words) and not ends_clause:
            ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    return ranges


_NAME_CONNECTORS = {"of", "for", "and", "&"}


def _capitalised_run(doc: Doc, start: int, taken: set[int], step: int) -> int:
    """Index past a run of capitalised words (with of/for/and inside) from `start` in direction `step`."""
    i, last = start, start - step
    while 0 <= i < len(doc) and i not in taken and (doc[i].is_title or doc[i].lower_ in _NAME_CONNECTORS):
        if doc[i].is_title:
            last = i
        i += step
    return last + step


def _before_place_of_seat(doc: Doc, start: int, end: int, heads: frozenset[str]) -> int:
    """ "Pacific Marine Inc. of Houston": a run of capitalised words that goes on past a body word into "of"/"in"
    and a place ends at the body word."""
    for i in range(start + 1, end - 1):
        if doc[i].lower_ in {"of", "in"} and doc[i - 1].lower_.rstrip(".") in heads \
                and doc[i + 1].ent_type_ in {"GPE", "LOC", "Location", "Country"}:
            return i
    return end


def bodies_named_after_places(parsed: ParsedDoc, gazetteer: Gazetteer) -> list[Span]:
    """Public bodies whose name holds a place: "Texas Department of Public Safety",
    "Public Prosecution Service of Canada".

    The curated place wins the ruler's match and so hides the body from
    NER; here the place and the capitalised words around it ending in an
    agency word ("Department", "Service", "Police") become one body.
    """
    doc = parsed.doc
    heads = gazetteer.body_heads
    taken = {t.i for ent in parsed.ents if ent.ent_id_ or ent.label_ == "PERSON" for t in ent}
    bodies = []
    for ent in parsed.ents:
        if ent.label_ not in {"Country", "Location"}:
            continue
        end = _capitalised_run(doc, ent.end, taken, 1)
        end = _before_place_of_seat(doc, ent.end, end, heads)
        tail = [t for t in doc[ent.end:end] if t.is_title]
        if tail and tail[-1].lower_.rstrip(".") in heads:
            start = ent.start  # "the Royal Bahamas Defence Force", "Pacific Marine Inc."
            while start > 0 and doc[start - 1].is_title and doc[start - 1].i not in taken and not doc[start - 1].is_sent_start:
                start -= 1
            bodies.append(Span(doc, start, end, label="ORG"))
            continue
        before = doc[ent.start - 1] if ent.start else None
        if before is not None and before.ent_type_ == "ORG" and not before.ent_id_ and before.whitespace_ \
                and before.text[:1].isupper():  # "University of New South" + "Wales"
            start = next(e.start for e in parsed.ents if e.start <= before.i < e.end)
            bodies.append(Span(doc, start, ent.end, label="ORG"))
            continue
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" or (ent.start >= 3 and doc[ent.start - 1].lower_ == "the"
                                                                    and doc[ent.start - 2].lower_ == "of"):
            of = ent.start - 1 if doc[ent.start - 1].lower_ == "of" else ent.start - 2
            start = _capitalised_run(doc, of - 1, taken, -1) + 1
            if start < of and doc[of - 1].lower_ in heads:
                bodies.append(Span(doc, start, ent.end, label="ORG"))
    return bodies


def _abbreviated_place(doc_id: str, span: Span, gazetteer: Gazetteer) -> Mention:
    """A state or province written abbreviated, named by its full name (and curated key, if any)."""
    name = gazetteer.place_abbreviations[span.text]
    key = gazetteer.surface_forms.get(name)
    entry = gazetteer.entries.get(key) if key else None
    return Mention(doc_id, span.start_char, span.end_char, span.text, entry.type if entry else "Location",
                   key=key, name=entry.name if entry else name)


def _has_middle_initial(span: Span) -> bool:
    """ "Ulf D. Merbold", "Gloria I. Chavez": capitalised words around one initial with its full stop."""
    words = [t.text for t in span]
    return (len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1]) is not None
            and all(w[:1].isupper() and w[1:].islower() and len(w) > 1 for w in (words[0], words[2])))


def _is_known_town(name: str) -> bool:
    """A name GeoNames gives one country for: towns, not the codes and initials among its alternate names."""
    return not name.isupper() and country_of_town(name) is not None


def _name_run(doc: Doc, head: Token) -> Span:
    """A proper name ending at `head` with the capitalised compounds before it: "Owen Le Vallee"."""
    start = head.i
    while start > 0 and doc[start - 1].head.i == head.i and doc[start - 1].dep_ == "compound" \
            and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1
    return doc[start : head.i + 1]


def people_by_apposition(parsed: ParsedDoc, gazetteer: Gazetteer) -> list[Span]:
    """Names NER missed or mistyped that an apposition says are people.

    "Tal, a senior Defense Ministry official", "Harrington, a professor of
    law", "the deputy secretary of the ministry, Abdul Halim Ali": a proper
    name in apposition with an occupation noun is a person.
    """
    roles = gazetteer.role_nouns
    found = []
    for token in parsed.tokens:
        if token.pos_ == "PROPN" and token.text[:1].isupper():
            described = any(c.dep_ == "appos" and c.pos_ in {"NOUN", "PROPN"} and c.lemma_.lower() in roles
                            for c in token.children)  # "Stefania Loddo, Eurojust's National Member for Italy"
            named = token.dep_ == "appos" and token.head.pos_ == "NOUN" and token.head.lemma_.lower() in roles \
                and token.head.i < token.i
            if described or named:
                span = _name_run(parsed.doc, token)
                if _looks_like_name(span) and not any(t.ent_id_ for t in span):
                    found.append(Span(parsed.doc, span.start, span.end, label="PERSON"))
    return found


def names_defined_by_acronym(parsed: ParsedDoc, taken: set[int]) -> list[Span]:
    """Capitalised names NER missed that the text defines an acronym for: "The Joint Intelligence Cell (JIC)
    says": the initials spell the acronym, so the words are one name."""
    found = []
    for token, expansion in _defined_acronyms(parsed.doc):
        if len(expansion) < 2 or any(t.i in taken for t in expansion) \
                or not all(t.is_title or t.lower_ in _NAME_PARTICLES for t in expansion):
            continue
        found.append(Span(parsed.doc, expansion.start, expansion.end, label="ORG"))
        found += [Span(parsed.doc, t.i, t.i + 1, label="ORG") for t in parsed.tokens  # "(JIC)", "The JIC is based"
                  if t.text == token.text and t.i not in taken]
    return sorted(set(found), key=lambda span: span.start)


def bodies_by_head_word(parsed: ParsedDoc, gazetteer: Gazetteer, taken: set[int]) -> list[Span]:
    """Capitalised names ending in a body word that NER missed: "the Liberation Day Committee".

    Two or more proper nouns (with of/for/and/on inside) whose last word is an
    agency or organisation head word ("Committee", "Police", "Systems").
    """
    heads = gazetteer.body_heads | gazetteer.words("facility_heads")
    doc, tokens = parsed.doc, parsed.tokens
    # a name NER read as a person or a place may begin a body's name: "the Lecce District Anti-Mafia Directorate"
    soft = {t.i for ent in parsed.ents if not ent.ent_id_ and ent.label_ in {"PERSON", "GPE", "NORP", "LOC"} for t in ent}
    free = lambda j: j not in taken or j in soft  # noqa: E731

    def capitalised(j: int) -> bool:  # the tagger calls some name words nouns or adjectives: "Anti-Mafia Directorate"
        return j < len(tokens) and tokens[j].pos_ in {"PROPN", "NOUN", "ADJ"} and tokens[j].text[:1].isupper() and free(j)

    found, i = [], 0
    while i < len(tokens):
        if not capitalised(i) or tokens[i].pos_ != "PROPN":
            i += 1
            continue
        end, last = i, i
        while end < len(tokens) and free(end) and (
                capitalised(end)
                or (tokens[end].lower_ in _NAME_CONNECTORS - {"&"} and capitalised(end + 1))
                or (tokens[end].text == "-" and not tokens[end].whitespace_ and not tokens[end - 1].whitespace_
                    and capitalised(end + 1))):  # "Anti-Mafia"
            if tokens[end].text[:1].isupper():
                last = end
            end += 1
        if last > i and tokens[last].lower_ in heads and not all(j in soft for j in range(i, last + 1)):
            found.append(Span(doc, i, last + 1, label="ORG"))
        i = max(end, i + 1)
    return found


def split_place_lists(ents: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """ "Dover, Folkestone, Ramsgate" read by NER as one entity: one place per known town."""
    out = []
    for ent in ents:
        if not any(token.text == "," for token in ent):
            out.append(ent)
            continue
        parts, start = [], ent.start
        for token in ent:
            if token.text == "," or token.lower_ in {"and", "or"}:
                parts.append(ent.doc[start : token.i])
                start = token.i + 1
        parts.append(ent.doc[start : ent.end])
        parts = [p for p in parts if len(p)]
        known = city_names()
        if ent.ent_id_ or len(parts) < 2 or not all(p.text in known or p.text in gazetteer.surface_forms for p in parts):
            out.append(ent)
            continue
        out += [Span(ent.doc, p.start, p.end, label="GPE") for p in parts]
    return out


def names_cut_at_and_of(ents: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """ "the Directorate of Security and Protection | of the Maritime Borders", "the Provincial Brigade of Foreigners |
    and Borders": a body's long name NER cut at "and" or "of", taken whole when what follows is capitalised words
    no other name claims (a single unlisted word NER made a name of its own is taken too)."""
    if not ents:
        return ents
    doc = ents[0].doc
    owner = {t.i: n for n, ent in enumerate(ents) for t in ent}
    out, absorbed = [], set()
    for n, ent in enumerate(ents):
        if n in absorbed:
            continue
        end = ent.end
        if ent.label_ in _ORG_LABELS and not ent.ent_id_ and any(t.lower_ in gazetteer.body_heads for t in ent):
            while end + 1 < len(doc) and doc[end].lower_ in {"and", "of"}:
                if doc[end].lower_ == "and" and not any(t.lower_ == "of" for t in doc[ent.start : end]):
                    break  # "A and B": two bodies, unless inside "X of A and B"
                start = end + 2 if doc[end].lower_ == "of" and doc[end + 1].lower_ == "the" else end + 1
                stop = start
                while stop < len(doc) and doc[stop].is_title and doc[stop].is_alpha:
                    stop += 1
                others = {owner[i] for i in range(start, stop) if i in owner}
                claimed = any(ents[o].ent_id_ or len(ents[o]) > 1 or ents[o].start < start or ents[o].end > stop
                              or ents[o].label_ not in _ORG_LABELS for o in others)
                if stop == start or claimed or doc[stop - 1].lower_ in gazetteer.words("calendar_words"):
                    break
                absorbed |= others
                end = stop
        out.append(ent if end == ent.end else Span(doc, ent.start, end, label=ent.label_))
    return out


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_BEFORE_DAYS = frozenset({"on", "last", "next", "this", "by", "until", "till", "since", "every", "from", "before",
                          "after", "each", "early", "late", "of"})


def given_names_read_as_days(ents: list[Span]) -> list[Span]:
    """ "the Public Relations Officer, Sunday James, said": a weekday right before a surname NER found, with nothing
    that makes it a day ("on Sunday", "last Friday"), is a given name."""
    out: list[Span] = []
    for ent in ents:
        previous = out[-1] if out else None
        if ent.label_ == "PERSON" and previous is not None and previous.label_ == "DATE" and len(previous) == 1 \
                and previous.end == ent.start and previous[0].lower_ in _WEEKDAYS and previous[0].is_title \
                and (previous.start == 0 or ent.doc[previous.start - 1].lower_ not in _BEFORE_DAYS):
            out[-1] = Span(ent.doc, previous.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


def split_bodies_from_names(ents: list[Span], gazetteer: Gazetteer, taken: set[int]) -> list[Span]:
    """ "spokesperson for the National Guard Houssemeddine Jebabli", read by NER as the organisation "the National
    Guard Houssemeddine": the name words after the body's head word, with the name that runs on past the
    organisation, are a person."""
    doc, out, absorbed = ents[0].doc if ents else None, [], set()
    for ent in ents:
        if ent.start in absorbed:
            continue  # the rest of a name taken into the person before
        heads = [t.i for t in ent if t.lower_ in gazetteer.body_heads]
        last = heads[-1] if heads else None
        after = ent.end
        while after < len(doc) and doc[after].pos_ == "PROPN" and doc[after].is_title \
                and (after not in taken or doc[after].ent_type_ == "PERSON"):
            after += 1  # the name runs on past the organisation: "... Houssemeddine | Jebabli"
        tail = doc[last + 1 : ent.end] if last is not None else None
        if ent.label_ not in _ORG_LABELS or ent.ent_id_ or tail is None or not len(tail) or after == ent.end \
                or doc[last].lower_ in _PLACE_LIKE_HEADS or not all(
                    t.pos_ == "PROPN" and t.is_title and t.is_alpha and t.lower_ not in gazetteer.generic_body_words
                    and t.lower_ not in gazetteer.body_heads for t in doc[last + 1 : after]):
            out.append(ent)
            continue
        out += [Span(doc, ent.start, last + 1, label=ent.label_), Span(doc, last + 1, after, label="PERSON")]
        absorbed |= set(range(ent.end, after))
    return out


def _possessive_office(span: Span, in_title: set[int], gazetteer: Gazetteer) -> bool:
    """ "the Federal Prosecutor’s Office", "the U.S. Attorney's Office": a title's office is a body, not a title."""
    return (span[-1].lower_ in gazetteer.words("agency_heads") and len(span) >= 3 and span[-2].tag_ == "POS"
            and span[-3].i in in_title)


def _is_non_entity(span: Span, gazetteer: Gazetteer) -> bool:
    """Named things that are not entities: "Joint Operation Poseidon", "Balkan route".

    Not a body named after one: "the Liberation Day Committee".
    """
    heads = gazetteer.body_heads
    return span[-1].lower_ not in heads and any(t.lower_ in gazetteer.words("non_entity_words") for t in span)


def common_acronyms(doc: Doc, gazetteer: Gazetteer) -> frozenset[str]:
    """Acronyms the text defines for a common phrase or a non-entity ("organised criminal group (OCG)", "Joint
    Action Day (JAD)"): no entity, there or wherever they are used after."""
    return frozenset(token.text for token, expansion in _defined_acronyms(doc)
                     if all(t.is_lower for t in expansion) or _is_non_entity(expansion, gazetteer))


def _defined_acronyms(doc: Doc) -> Iterator[tuple[Token, Span]]:
    """Each bracketed acronym with the words before it that it spells: "(OCG)" and "organised criminal group"."""
    for token in doc:
        if token.is_upper and token.i > 0 and doc[token.i - 1].text == "(":
            expansion = _acronym_expansion(doc[token.i : token.i + 1])
            if expansion is not None:
                yield token, expansion


def _region_around_country(ent: Span) -> Span | None:
    """ "Western Australia": a capitalised word before a country's name that makes a state's name (ISO 3166-2)."""
    doc = ent.doc
    if ent.start == 0 or not doc[ent.start - 1].is_title or (ent.end < len(doc) and doc[ent.end].is_title):
        return None  # not "South Australia Police", a body
    span = doc[ent.start - 1: ent.end]
    return span if span.text in region_names() else None


def _acronym_expansion(span: Span) -> Span | None:
    """The words a bracketed acronym stands for, when they come right before it: "(OCG)" after "organised
    criminal group"."""
    doc, letters = span.doc, span.text
    if len(span) != 1 or not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6) \
            or span.start < 2 or doc[span.start - 1].text != "(" or span.end >= len(doc) or doc[span.end].text != ")":
        return None
    words, i = [], span.start - 2
    while i >= 0 and len(words) < len(letters) and doc[i].is_alpha:
        if doc[i].lower_ not in _NAME_PARTICLES:
            words.append(doc[i])
        i -= 1
    if len(words) != len(letters) or "".join(w.text[0] for w in reversed(words)).upper() != letters:
        return None
    return doc[i + 1: span.start - 1]


def possessive_office_names(parsed: ParsedDoc, gazetteer: Gazetteer) -> list[Span]:
    """ "the Attorney General’s Office", "the Palm Beach Sheriff’s Office": a body named after its head's title,
    which NER starts at the possessive word ("General’s Office"); the name runs back over the capitalised
    words before it."""
    doc = parsed.doc
    found = []
    for ent in parsed.ents:
        if ent.ent_id_ or ent.label_ != "ORG" or len(ent) < 3 or ent[1].lower_ not in {"’s", "'s"} \
                or ent[-1].lower_ not in gazetteer.body_heads:
            continue
        start = ent.start
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and not doc[start - 1].ent_id_ \
                and doc[start - 1].ent_type_ != "PERSON" and not doc[start].is_sent_start:
            start -= 1
        if start < ent.start:
            found.append(Span(doc, start, ent.end, label="ORG"))
    return found


def entity_mentions(parsed: ParsedDoc, doc_id: str, gazetteer: Gazetteer) -> list[Mention]:
    """Mentions of named entities, in text order.

    Unkeyed mentions of type "Unknown" (a name NER could not type, such as
    a WORK_OF_ART) are kept for resolve, which links them to a known entity
    of the same name or drops them.
    """
    doc = parsed.doc
    in_title = title_tokens(doc)
    acronyms = common_acronyms(doc, gazetteer)
    taken = {t.i for ent in parsed.ents for t in ent} | in_title
    mentions = []
    bodies = bodies_named_after_places(parsed, gazetteer)
    in_bodies = {t.i for span in bodies for t in span}
    people = people_by_apposition(parsed, gazetteer)
    in_people = {t.i for span in people for t in span}
    people = [p for p in people if not any(t.i in taken and t.ent_type_ == "PERSON" for t in p)]
    found_bodies = bodies_by_head_word(parsed, gazetteer, taken | in_people | in_bodies)
    found_bodies += names_defined_by_acronym(parsed, taken | in_people | in_bodies | {t.i for s in found_bodies for t in s})
    offices = possessive_office_names(parsed, gazetteer)
    in_bodies |= {t.i for span in offices for t in span}
    extra = (_named_after_title(parsed, gazetteer, taken | in_people) + _towns_after_prepositions(parsed, taken | in_people)
             + bodies + offices + people + found_bodies + dateline_towns(parsed, taken))
    headlines = headline_case_lines(parsed.text)
    after_titles = [span for span in extra if span.label_ == "PERSON"]
    replaced = in_bodies | {t.i for span in people + after_titles + found_bodies for t in span}
    ents = split_place_lists([e for e in parsed.ents if not any(t.i in replaced for t in e) or e.ent_id_], gazetteer)
    ents = given_names_read_as_days(split_bodies_from_names(names_cut_at_and_of(ents, gazetteer), gazetteer, taken))
    extra = [span for span in extra if span.label_ != "PERSON" or not any(t.ent_id_ for t in span)]
    for ent in sorted([*ents, *extra], key=lambda s: s.start):
        in_headline = any(start <= ent.start_char < end for start, end in headlines)
        if not ent.ent_id_ and in_headline and not (ent.label_ == "GPE" and ent.text in city_names()):
            continue  # in headline case only curated names and known towns are names
        if ent.ent_id_:
            entry = gazetteer.entries.get(_chosen_key(ent, gazetteer, parsed.text))
            region = _region_around_country(ent) if entry and entry.type == "Country" else None
            if region is not None:  # "Western Australia", "South Australia": a state, not the country
                mentions.append(Mention(doc_id, region.start_char, region.end_char, region.text, "Location"))
                continue
            if entry and entry.type in ENTITY_TYPES:
                span = ent if ent.text in (entry.name, *entry.aliases) else trim(ent, gazetteer)  # "The Hague"
                mentions.append(Mention(doc_id, span.start_char, span.end_char, span.text, entry.type,
                                        key=entry.key, name=entry.name))
            continue
        span = trim(ent, gazetteer)
        if span.label_ == "PERSON":
            span = _without_leading_titles(span, gazetteer, in_title)
        elif span.label_ in _ORG_LABELS:
            span = _through_hyphen(_with_leading_rank(_without_trailing_ranks(span, gazetteer), gazetteer), gazetteer)
        elif span.label_ in _PLACE_LABELS and len(span) > 1 and span[-1].is_lower and span[-1].lower_ in gazetteer.words("area_nouns"):
            span = Span(doc, span.start, span.end - 1, label=span.label_)  # "Jiangsu province": the name alone
        ranked = span.label_ in _ORG_LABELS and span.start < ent.start  # "Chief" taken into "Chief Directorate ..."
        if _code_name(span):
            continue  # "Operation Hunter", "codenamed El Pibe": an operation's name, no person or place
        if not len(span) or (any(t.i in in_title for t in span[int(ranked):])
                             and not _possessive_office(span, in_title, gazetteer)) \
                or _is_non_entity(span, gazetteer) or span.text in acronyms:
            continue
        place = _dateline_place(doc, span)
        if place:
            mentions.append(Mention(doc_id, span.start_char, span.end_char, span.text, "Location", name=place))
            continue
        entity_type = _typed_unkeyed(span, gazetteer)
        if entity_type == "Location" and span.text in gazetteer.place_abbreviations:
            mentions.append(_abbreviated_place(doc_id, span, gazetteer))  # "Lansing, Mich." names Michigan
        elif entity_type:
            mentions.append(Mention(doc_id, span.start_char, span.end_char, span.text, entity_type))
    return mentions


def coordinated_demonyms(parsed: ParsedDoc, mentions: list[Mention], doc_id: str,
                         gazetteer: Gazetteer) -> dict[Mention, Mention]:
    """ "Hungarian, Serbian and Austrian police": the demonyms before share the authority noun.

    Returns each new demonym mention with the mention of the authority noun it shares.
    """
    demonyms = gazetteer.demonym_keys
    doc = parsed.doc
    found: dict[Mention, Mention] = {}
    for mention in mentions:
        span = parsed.span(mention.start, mention.end)
        if span is None or mention.key is None or not (span[0].text in demonyms or span[:2].text in demonyms):
            continue
        i = span.start
        while True:
            j = i - 1
            while j >= 0 and i - j <= 2 and doc[j].lower_ in {"and", ",", "or"}:
                j -= 1  # ", and": "Hungarian, Serbian, and Austrian"
            if j == i - 1 or j < 0:
                break
            first = doc[j - 1 : j + 1] if j > 0 and doc[j - 1 : j + 1].text in demonyms else doc[j : j + 1]
            if first.text not in demonyms or (len(first) == 1 and first[0].ent_type_ not in {"", "NORP", "GPE", "LANGUAGE"}):
                break  # "North Macedonian and Serbian police": a demonym of two words too, whatever NER took it for
            entry = gazetteer.entries[demonyms[first.text]]
            shared = Mention(doc_id, first.start_char, first.end_char, first.text, entry.type,
                             key=entry.key, name=entry.name)
            found[shared] = mention
            i = first.start
    return found


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _NAME_PARTICLES and w[:1].isalpha()).upper()


def initials_pairs(mentions: list[Mention]) -> list[tuple[str, str]]:
    """ "Australian Federal Police ... AFP Commander X": an acronym that spells a body named in the article.

    Read only when the article does not also name the body the acronym usually
    stands for, so "AFP" is the Australian police here, the news agency elsewhere.
    """
    bodies = {m.name or m.text for m in mentions if m.type in {"Agency", "Organisation"} and len(m.text.split()) > 1}
    pairs = []
    for m in mentions:
        if not (m.text.isupper() and m.text.isalpha() and 2 <= len(m.text) <= 6):
            continue
        usual = m.name if m.key else None
        spelled = sorted(b for b in bodies if _initials(b) == m.text and b != usual)
        if len(spelled) == 1 and usual not in bodies:
            pairs.append((m.text, spelled[0]))
    return list(dict.fromkeys(pairs))


def with_facility_nouns(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "Manchester airport": a place followed by a facility noun written in lower case names the facility;
    "Adana police": followed by a force noun, the town's force."""
    nouns, forces = gazetteer.words("facility_suffixes"), gazetteer.words("local_force_nouns")
    extended = []
    for mention in mentions:
        word = re.match(r" ([a-z]+(?: guard)?)\b", text[mention.end : mention.end + 20])
        if mention.type == "Location" and word and word.group(1) in nouns:
            end = mention.end + 1 + len(word.group(1))
            mention = Mention(mention.doc_id, mention.start, end, text[mention.start : end], "Location")
        elif mention.type == "Location" and not mention.key and word and word.group(1) in forces:
            end = mention.end + 1 + len(word.group(1))  # "Adana police", "Kırklareli gendarmerie": a local force
            mention = Mention(mention.doc_id, mention.start, end, text[mention.start : end], "Agency")
        extended.append(mention)
    return extended


def employers_before_roles(parsed: ParsedDoc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "Edison spokesman Kevin Kelly", "Healy president George Malina": an unkeyed name right before an
    organisation's role noun and a person's name is the person's employer, an organisation, though NER (or
    GeoNames, which knows an Edison and a Healy) took it for a place."""
    roles = gazetteer.words("organisation_role_nouns")
    people = {t.i for m in mentions if m.type == "Person" for span in [parsed.span(m.start, m.end)] if span is not None
              for t in span}
    typed = []
    for mention in mentions:
        span = parsed.span(mention.start, mention.end)
        role = span.doc[span.end] if span is not None and span.end < len(span.doc) else None
        if mention.type == "Location" and not mention.key and role is not None and role.lower_ in roles \
                and role.i + 1 in people:
            mention = replace(mention, type="Organisation")
        typed.append(mention)
    return typed


def generic_bodies_with_towns(text: str, mentions: list[Mention],
                              gazetteer: Gazetteer) -> tuple[list[Mention], list[tuple[Mention, Mention]]]:
    """ "the District State Prosecutor’s Office in Koper", "the Prosecutor’s Office in Mitrovica": a body whose name
    is only generic words is named with its town, or every town's office would be one node. Returns the mentions
    and each such body with its town, its seat."""
    places = {m.start: m for m in mentions if m.type == "Location"}
    named, seats = [], []
    for mention in mentions:
        gap = re.match(r" (?:in|of) (?:the )?", text[mention.end : mention.end + 8])  # "the Port Authority of Karystos"
        town = places.get(mention.end + len(gap.group(0))) if gap else None
        if mention.type in {"Agency", "Organisation"} and not mention.key and gazetteer.generic_body_name(mention.text) \
                and town:
            mention = Mention(mention.doc_id, mention.start, town.end, text[mention.start : town.end], "Agency")
            seats.append((mention, town))
        named.append(mention)
    return named, seats


def bodies_owning_units(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "the Tijuana Municipal Police Department’s Intelligence Unit": two bodies, the department and its unit,
    which NER read as one name."""
    units, heads = gazetteer.words("unit_nouns"), gazetteer.body_heads
    found = []
    for mention in mentions:
        match = re.fullmatch(r"(.+?)([’']s )(.+)", mention.text)
        if mention.key or mention.type not in _BRACKETED_BODY_TYPES or match is None \
                or len(match.group(3).split()) < 2 or match.group(3).split()[-1].lower() not in units \
                or match.group(1).split()[-1].lower() not in heads:  # not "the Federal Prosecutor’s Office"
            found.append(mention)
            continue
        owner_end = mention.start + len(match.group(1))
        unit_start = owner_end + len(match.group(2))
        owner_type = "Agency" if match.group(1).split()[-1].lower() in gazetteer.words("agency_heads") else "Organisation"
        found.append(Mention(mention.doc_id, mention.start, owner_end, match.group(1), owner_type))
        found.append(Mention(mention.doc_id, unit_start, mention.end, match.group(3), mention.type))
    return found


_BRACKETED_BODY_TYPES = frozenset({"Agency", "Organisation"})
_NAME_BEFORE_AND = re.compile(r"((?:[A-Z][\w'’-]* ){1,3})and $")


def names_joined_by_and(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "Maritime and Coast Guard Agency", "Revenue and Customs Office": a body's name with "and" inside, of which
    NER took only the part after it. Not two names: "Amnesty International and Human Rights Watch" (the first
    ends in a body word), "Europol and Frontex" (curated)."""
    heads = gazetteer.body_heads
    dropped: set[Mention] = set()
    joined: dict[Mention, Mention] = {}
    for body in mentions:
        if body.type not in _BRACKETED_BODY_TYPES or body.key or body.text.split()[-1].lower() not in heads:
            continue
        match = _NAME_BEFORE_AND.search(text[max(0, body.start - 60) : body.start])
        if match is None:
            continue
        start = body.start - len(match.group(0))
        while text[start:].startswith(("The ", "A ", "An ")) and start + 4 < body.start:
            start = text.index(" ", start) + 1  # "The Revenue and Customs Office": the article is no part of it
        inside = [m for m in mentions if m is not body and m.start < body.start and m.end > start]
        first_words = text[start : body.start].split()[:-1]
        if not first_words or any(m.key or m.start < start or m.text.split()[-1].lower() in heads for m in inside) \
                or first_words[-1].lower() in heads or (start > 0 and not text[start - 1].isspace()):
            continue
        dropped.update(inside)
        joined[body] = replace(body, start=start, text=text[start : body.end], name=None)
    return [joined.get(m, m) for m in mentions if m not in dropped]


def bracketed_names(text: str, mentions: list[Mention]) -> tuple[list[Mention], list[tuple[str, str]]]:
    """ "the Italian Financial Corps (Guardia di Finanza)", "the Hellenic Police (Ελληνική Αστυνομία)": a body's
    other name in brackets right after it names the same body.

    The bracketed mention takes the body's type and curated identity (or the body
    takes the bracketed one's, when only that is curated); two names neither of
    which is curated are returned as an (alias, name) pair. Acronyms are
    `acronym_pairs`' business.
    """
    by_end = {m.end: m for m in mentions if m.type in _BRACKETED_BODY_TYPES}
    replaced: dict[Mention, Mention] = {}
    pairs = []
    for inner in mentions:
        before, after = text[max(0, inner.start - 2) : inner.start], text[inner.end : inner.end + 1]
        outer = by_end.get(inner.start - 2) if before == " (" else None
        if outer is None or after != ")" or inner.text.isupper() \
                or (inner.type in {"Country", "Location"} and inner.key is not None):
            continue
        if inner.type not in _BRACKETED_BODY_TYPES and any(c.isascii() and c.isalpha() for c in inner.text):
            continue  # "the NCA (Catherine Moss)": a person is no other name of a body; a foreign script is
        if inner.key and outer.key:
            continue
        if inner.key:
            replaced[outer] = replace(outer, type=inner.type, key=inner.key, name=inner.name)
        else:
            replaced[inner] = replace(inner, type=outer.type, key=outer.key, name=outer.name)
            if not outer.key:
                pairs.append((inner.text, outer.text))
    return [replaced.get(m, m) for m in mentions], pairs


def acronym_pairs(parsed: ParsedDoc, mentions: list[Mention]) -> list[tuple[str, str]]:
    """(acronym, expansion) pairs stated as "Police aux frontières (PAF)"."""
    tokens = parsed.tokens
    pairs = []
    by_end = {m.end: m for m in mentions}
    for i, token in enumerate(tokens[:-2]):
        if token.text != "(" or tokens[i + 2].text != ")":
            continue
        acronym = tokens[i + 1].text
        before = tokens[i - 1].idx + len(tokens[i - 1].text) if i else -1
        mention = by_end.get(before)
        if mention and acronym.isupper() and 2 <= len(acronym) <= 8 and acronym != mention.text:
            pairs.append((acronym, mention.text))
    return pairs


_TOWN_WINDOW = 2  # words either side of a name that may complete a town's name NER cut short


def towns_named_in_full(parsed: ParsedDoc, mentions: list[Mention]) -> list[Mention]:
    """ "the Mae Ramat checkpoint" read as "Mae" and "Ramat", "Santa Cruz de Tenerife" as "Tenerife": capitalised
    words around an unkeyed name that together are a town GeoNames knows are that town, one place."""
    doc = parsed.doc
    keyed = {t.i for m in mentions if m.key for span in [parsed.span(m.start, m.end)] if span is not None for t in span}
    towns: list[Span] = []
    for mention in mentions:
        span = parsed.span(mention.start, mention.end)
        if span is None or mention.key or mention.type not in {"Location", "Organisation", "Unknown", "Person"} \
                or (mention.type == "Person" and len(span) > 1) or any(span.start < t.end for t in towns):
            continue
        best = None
        for start in range(max(span.start - _TOWN_WINDOW, span.sent.start), span.start + 1):
            for end in range(span.end, min(span.end + _TOWN_WINDOW, span.sent.end) + 1):
                window = doc[start:end]
                if len(window) > len(span) and all(_town_word(t) and t.i not in keyed for t in window) \
                        and window[0].is_title and window[-1].is_title and country_of_town(window.text):
                    best = window if best is None or len(window) > len(best) else best
        if best is not None:
            towns.append(best)
    if not towns:
        return mentions
    inside = {i for town in towns for i in range(town.start, town.end)}
    by_start = {t.idx: t.i for t in doc}
    kept = [m for m in mentions if by_start.get(m.start) not in inside]
    doc_id = mentions[0].doc_id
    made = [Mention(doc_id, town.start_char, town.end_char, town.text, "Location") for town in towns]
    return sorted(kept + made, key=lambda m: (m.start, m.end))


def areas_listed(parsed: ParsedDoc, doc_id: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "in the Aluksne and Krustpils regions", "the Tallinn and Tartu counties": names listed before an area
    noun are places, whatever NER took each of them for."""
    areas = gazetteer.words("area_nouns")
    named = {t.i: t for noun in parsed.tokens if noun.tag_ == "NNS" and noun.lemma_.lower() in areas
             for child in noun.children if child.dep_ in {"nmod", "compound"} and child.i < noun.i
             for t in (child, *child.conjuncts) if t.pos_ == "PROPN" and t.is_title and t.i < noun.i}
    if not named:
        return mentions
    kept, keyed = [], set()
    for mention in mentions:
        span = parsed.span(mention.start, mention.end)
        covers = span is not None and any(t.i in named for t in span)
        if covers and mention.key:
            keyed |= {t.i for t in span}
        if not covers or mention.key:
            kept.append(mention)
    made = [Mention(doc_id, t.idx, t.idx + len(t.text), t.text, "Location") for i, t in named.items() if i not in keyed]
    return sorted(kept + made, key=lambda m: (m.start, m.end))


def _town_word(token: Token) -> bool:
    return (token.pos_ == "PROPN" and token.is_alpha) or token.lower_ in _NAME_PARTICLES


def lone_names_as_places(parsed: ParsedDoc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A one-word "person" the article never names in full, never titles and never hears speak is a place.

    News introduces people by their full names; NER takes unfamiliar place names
    for people ("Farmakonisi", "Agrilias"). A word that is only ever a name of
    its own, with no honorific or title before it and never the subject of a
    reporting verb, is read as a place.
    """
    doc = parsed.doc
    full_names = {word for m in mentions if m.type == "Person" and " " in m.text for word in m.text.split()}
    lone = {m.text for m in mentions if m.type == "Person" and m.key is None and " " not in m.text
            and m.text not in full_names and m.text[:1].isupper() and not m.text.isupper()}
    if not lone:
        return mentions
    by_char = {t.idx: t for t in doc}
    in_titles = title_tokens(doc)
    spoken = {m.text for m in mentions if m.text in lone and _names_a_person(by_char.get(m.start), in_titles, gazetteer)}
    places = lone - spoken
    return [replace(m, type="Location") if m.type == "Person" and m.text in places else m for m in mentions]


_LED_BODIES = frozenset({"administration", "cabinet", "government", "presidency", "regime"})


def _leads_a_government(token: Token) -> bool:
    """ "the Abbott government", "the Obama administration": a leader's surname before the body he leads."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in _LED_BODIES


def _names_a_person(token: Token | None, in_titles: set[int], gazetteer: Gazetteer) -> bool:
    """An honorific, title or rank before the name, the name speaking or said to be someone: "Mr Lewis",
    "Lewis said", "Barrett is a member of"."""
    if token is None:
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and (before.lower_.rstrip(".") in gazetteer.words("honorifics") | gazetteer.words("rank_words")
                               or before.i in in_titles or before.lower_ in gazetteer.words("spokesperson_nouns")):
        return True
    if (token.dep_ == "appos" and token.head.pos_ == "NOUN") or any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in token.children):
        return True  # "the minister, Lewis," / "Lewis, a spokesman,"
    if _leads_a_government(token):
        return True  # "the Obama administration"
    verb = token.head if token.dep_ in {"nsubj", "nsubjpass"} else None
    if verb is None:
        return False
    people_nouns = gazetteer.words("occupation_nouns") | gazetteer.words("relational_nouns")
    return (verb.lemma_.lower() in gazetteer.words("reporting_verbs")  # "Lewis said", "Barrett is a member of"
            or any(c.dep_ == "attr" and (c.lemma_.lower() in people_nouns or c.i in in_titles) for c in verb.children))
