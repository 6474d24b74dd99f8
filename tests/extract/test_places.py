"""kg.extract.places: what the text states is locatedIn, what GeoNames knows is inCountry."""

import pytest

pytestmark = pytest.mark.model


def place_links(extraction):
    """(subject, predicate, object) of the containment relations, by the names the text uses."""
    return {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations
            if r.predicate in {"locatedIn", "inCountry"}}


def test_places_town_known_to_geonames_is_in_country_not_located_in(extract_text):
    text = "Police arrested two men in Osnabrück on Tuesday. Germany has tightened its border checks."
    extraction = extract_text(text)
    assert place_links(extraction) == {("Osnabrück", "inCountry", "Germany")}
    [link] = [r for r in extraction.relations if r.predicate == "inCountry"]
    assert (link.rule, link.confidence) == ("inCountry-geonames", 0.5)
    # the evidence is where the town is named; the sentence does not say it lies in Germany
    assert link.evidence.sentence == "Police arrested two men in Osnabrück on Tuesday."
    assert text[link.evidence.start:link.evidence.end] == link.evidence.sentence


def test_places_stated_containment_is_located_in_and_gets_no_in_country(extract_text):
    extraction = extract_text("Officers searched a lorry park in Calais, France, on Tuesday.")
    assert place_links(extraction) == {("Calais", "locatedIn", "France")}
    [link] = [r for r in extraction.relations if r.predicate == "locatedIn"]
    assert link.rule == "locatedIn-stated" and link.confidence > 0.5


def test_places_the_same_town_unstated_is_in_country(extract_text):
    extraction = extract_text("Officers searched a lorry park in Calais on Tuesday. France has sent more police.")
    assert place_links(extraction) == {("Calais", "inCountry", "France")}


@pytest.mark.parametrize(
    "text, link",
    [
        # a province is an area even where GeoNames has a town of that name (Quebec City)
        ("The accused are Ngoc Le, 52, of Brossard, Quebec, and Huu Nguyen, 43, of Laval, Quebec.",
         ("Brossard", "locatedIn", "Quebec")),
        # a list line ends the area
        ("Those charged\n- Ngoc Le, 52, of Brossard, Quebec\n- Huu Nguyen, 43, of Laval\n", ("Brossard", "locatedIn", "Quebec")),
        ("They landed on Greece's island of Samos.", ("Samos", "locatedIn", "Greece")),
    ],
)
def test_places_stated_forms(extract_text, text, link):
    assert link in place_links(extract_text(text))


def test_places_a_list_of_towns_is_not_nesting(extract_text):
    assert place_links(extract_text("Raids took place in Dover, Folkestone and Ramsgate.")) == set()


@pytest.mark.parametrize("text, expected", [
    ("Migrants came from Myanmar's Rakhine State.", ("Rakhine State", "locatedIn", "Myanmar")),
    ("Police stopped the van at the Mae Ramat checkpoint in Tak province.", ("Mae Ramat", "locatedIn", "Tak")),
    ("Four were arrested in the Mansoura area of Nicosia district.", ("Mansoura", "locatedIn", "Nicosia")),
    ("Police raided farms in Papar and Semporna, both districts of Sabah.", ("Papar", "locatedIn", "Sabah")),
    ("Police raided farms in Papar and Semporna, both districts of Sabah.", ("Semporna", "locatedIn", "Sabah")),
    ("They were taken to the Pournara reception centre in Kokkinotrimithia.",
     ("Pournara", "locatedIn", "Kokkinotrimithia")),
])
def test_places_in_areas_named_through_facilities_area_nouns_and_lists(extract_text, text, expected):
    found = {(r.subject.name or r.subject.text, r.predicate, r.object.name or r.object.text)
             for r in extract_text(text).relations if r.predicate == "locatedIn"}
    assert expected in found


def test_a_district_of_a_province_named_by_its_place(extract_text):
    found = {(r.subject.text, r.object.text) for r in extract_text("In Dikili, a district of Izmir province, the "
                                                                   "migrants were held.").relations
             if r.predicate == "locatedIn"}
    assert ("Dikili", "Izmir") in found
