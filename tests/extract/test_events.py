"""Events read from sentences written for these tests."""

from decimal import Decimal

import pytest

from kg.ingest.clean import clean
from kg.records import Article

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def events_of(nlp, gazetteer):
    from kg.extract.article import extract_article

    def run(text: str, date: str | None = "2025-05-14"):
        article = Article("t", "t.txt", "", text, clean(text), date)
        return extract_article(nlp(article.clean_text), article, gazetteer).events

    return run


def summary(event):
    return (event.type, tuple(a.name or a.text for a in event.agents), tuple(p.name or p.text for p in event.places),
            tuple((c.value, c.unit, c.qualifier) for c in event.counts))


def test_arrest_with_agent_count_place_and_date(events_of):
    [event] = events_of("Kent Police arrested six men in Dover on Tuesday.")
    assert summary(event) == ("Arrest", ("Kent Police",), ("Dover",), ((6, "people", None),))
    assert (event.date.text, event.date.iso, event.date.is_document_date) == ("Tuesday", "2025-05-13", False)


def test_arrests_counted_on_their_own_noun(events_of):
    [event] = events_of("The action days ended on Friday with 41 arrests, Frontex said.")
    assert summary(event) == ("Arrest", ("Frontex",), (), ((41, "people", None),))


def test_who_supported_an_operation_did_not_run_it(events_of):
    events = events_of("The NCA led the operation. Europol supported the operation.")
    assert {(e.type, tuple(a.name for a in e.agents)) for e in events} == {("Operation", ("National Crime Agency",))}


def test_counts_listed_after_an_amount_and_after_including(events_of):
    [seizure] = events_of("Police seized 11 lorries, €96,000 in cash and two handguns.")
    assert {(c.value, c.unit) for c in seizure.counts} == {(11, "lorries"), (96000, "euros"), (2, "handguns")}
    [rescue] = events_of("Police have rescued 27 migrants, including six children.")
    assert {c.value for c in rescue.counts} == {27, 6}


def test_an_active_charge_of_people_is_a_charge_and_a_fee_is_not(events_of):
    [event] = events_of("The Federal Prosecutor’s Office has charged six of the suspects.")
    assert summary(event) == ("Charge", ("Federal Prosecutor’s Office",), (), ((6, "people", None),))
    assert events_of("The gang charged a fee of up to 3,000 euros.") == ()


def test_seizure_keeps_qualifiers_and_money(events_of):
    [event] = events_of("Officers from the NCA seized more than 40 boats, around 300 life jackets and £85,000 in cash.")
    assert event.type == "Seizure" and [a.name for a in event.agents] == ["National Crime Agency"]
    assert {(c.value, c.unit, c.qualifier) for c in event.counts} == {
        (40, "boats", "more than"), (300, "jackets", "around"), (85000, "pounds", None)}


def test_prison_term_is_a_count_in_years(events_of):
    [event] = events_of("A smuggler was jailed for four and a half years at Maidstone Crown Court yesterday.")
    assert event.type == "Conviction"
    assert [(c.value, c.unit) for c in event.counts] == [(Decimal("4.5"), "years")]
    assert event.date.iso == "2025-05-13"


def test_an_age_is_not_a_count(events_of):
    [event] = events_of("Border Force officers arrested a 34-year-old man in Ramsgate.")
    assert event.type == "Arrest" and event.counts == ()


def test_an_undated_event_takes_the_article_date_flagged_and_none_without_one(events_of):
    [dated] = events_of("Frontex deployed 40 officers to Greece.")
    assert summary(dated) == ("Deployment", ("Frontex",), ("Greece",), ((40, "officers", None),))
    assert dated.date.is_document_date and dated.date.iso == "2025-05-14"
    [undated] = events_of("Frontex deployed 40 officers to Greece.", date=None)
    assert undated.date is None


def test_a_relative_date_without_an_article_date_keeps_its_text_unresolved(events_of):
    [event] = events_of("Police in Spain arrested 16 people on Sunday.", date=None)
    assert (event.date.text, event.date.iso) == ("Sunday", None)


@pytest.mark.parametrize("text", [
    "The gang charged €3,000 per person for the crossing.",
    "The three men arrested in Breda appeared in court.",
    "Analysts checked the seized phones for contacts.",
    "Officers searched for the missing boat all night.",
    "The NCA did not arrest anyone.",
    "The government is increasing detention spaces.",
])
def test_no_event_from_a_price_a_reference_or_a_negation(events_of, text):
    assert events_of(text) == ()


def test_two_places_in_one_sentence_are_two_deployments(events_of):
    """The body officers are posted to tells two deployments apart; only places are an event's kg:place."""
    events = events_of("The number of NCA officers stationed in Europol has doubled and officers are now deployed to Romania.")
    deployments = [e for e in events if e.type == "Deployment"]
    assert [[p.name for p in e.places] for e in deployments] == [[], ["Romania"]]
    assert all([a.name for a in e.agents] == ["National Crime Agency"] for e in deployments)


def test_the_headline_repeats_the_story_and_gives_no_event(nlp, gazetteer):
    from kg.extract.article import extract_article

    text = "Police arrest six in Dover\nKent Police arrested six men in Dover on Tuesday."
    article = Article("t", "t.txt", "Police arrest six in Dover", text, clean(text), None)
    events = extract_article(nlp(article.clean_text), article, gazetteer).events
    assert [e.evidence.start for e in events] == [text.index("Kent")]


def test_a_named_operation_is_recorded(events_of):
    events = events_of("The arrests were part of Operation Larkspur, a two-year investigation by the NCA.")
    assert {e.operation for e in events} == {"Operation Larkspur"}


def test_an_operation_resulting_in_arrests_is_an_arrest_by_its_runners(events_of):
    events = events_of("The operation, led by the Polish Border Guard, resulted in 12 arrests across Podlaskie.")
    assert ("Arrest", ("Polish Border Guard",), ("Podlaskie",), ((12, "people", None),)) in map(summary, events)


def test_in_custody_is_no_event(events_of):
    assert events_of("The three men remain in custody.") == ()


def test_the_operation_told_before_is_run_by_its_runners_not_by_who_reports_it(events_of):
    events = events_of("The Guardia Civil and the Portuguese police dismantled the network in an operation called "
                       "Operation Tagus. The operation resulted in nine arrests in Lisbon, the Interior Ministry announced.")
    arrest = next(e for e in events if e.type == "Arrest")
    assert {a.name or a.text for a in arrest.agents} >= {"Guardia Civil"}
    later = [e for e in events if e.type == "Operation" and "Interior Ministry" in e.evidence.sentence]
    assert all("Interior Ministry" not in {a.name or a.text for a in e.agents} for e in later)


@pytest.mark.parametrize("text", ["Two men died in 2022 in a human smuggling operation run from Calais.",
                                  "The gang ran a criminal operation from a garage in Luton."])
def test_a_criminal_operation_is_no_police_operation(events_of, text):
    assert not [e for e in events_of(text) if e.type == "Operation"]


def test_an_anti_smuggling_operation_is_one(events_of):
    events = events_of("The Hellenic Coast Guard launched an anti-smuggling operation off Lesbos.")
    assert [e.type for e in events] == ["Operation"]


def test_the_operation_told_again_is_one_operation_and_a_second_one_is_new(events_of):
    events = events_of("The Polish Border Guard broke up a network in a joint operation with Lithuania. The operation "
                       "led to the seizure of 40 kilograms of heroin. This operation was coordinated with prosecutors. "
                       "A week later, a second operation in Podlaskie ended with five arrests.")
    operations = [e for e in events if e.type == "Operation"]
    assert len(operations) == 2 and [p.name or p.text for p in operations[1].places] == ["Podlaskie"]


def test_an_area_named_by_a_place_is_the_event_place(events_of):
    [arrest] = [e for e in events_of("Police arrested six people in the Kaunas region on Monday.") if e.type == "Arrest"]
    assert [p.name or p.text for p in arrest.places] == ["Kaunas"]


def test_two_dates_in_one_sentence_are_two_arrests(events_of):
    events = events_of("The RCMP charged four men. Three of the men were arrested in April 2024 and released on "
                       "conditions; the fourth was arrested at Montreal airport in October.")
    arrests = [e for e in events if e.type == "Arrest"]
    assert [(e.date.iso, [c.value for c in e.counts]) for e in arrests] == [("2024-04", [3]), ("2024-10", [])]


def test_events_after_a_separate_operation_are_new(events_of):
    events = events_of("Coast guard units arrested seven people and seized six boats. In a separate operation in "
                       "Sfax, officers of the National Guard raided a workshop, seized four hulls and detained two men.")
    assert [(e.type, [c.value for c in e.counts]) for e in events if e.type in {"Arrest", "Seizure"}] == [
        ("Arrest", [7]), ("Seizure", [6]), ("Seizure", [4]), ("Arrest", [2])]


def test_the_same_arrest_told_again_is_one_event(events_of):
    events = events_of("Kent Police arrested six men in Dover on Tuesday. The six men were detained by Kent Police "
                       "officers after a search.")
    assert [e.type for e in events].count("Arrest") == 1


def test_a_stated_date_carries_to_undated_events_told_next(events_of):
    rescue, arrest = events_of("The coast guard rescued 47 people south of Gavdos on Sunday. "
                               "Coast guard officers later arrested three men on suspicion of steering the boat.")
    assert (rescue.date.iso, arrest.date.iso, arrest.date.is_document_date) == ("2025-05-11", "2025-05-11", False)


def test_a_date_the_text_states_but_kg_cannot_resolve_is_not_replaced(events_of):
    first, second = events_of("Border Force arrested a man in Dover on Sunday. "
                              "A second man was detained by Border Force two months later in Chatham.")
    assert first.date.iso == "2025-05-11" and (second.date.text, second.date.iso) == ("two months later", None)


def test_counts_on_a_compound_and_the_value_of_what_was_seized(events_of):
    [arrest] = events_of("Polish Border Guard officers detained four suspected people smugglers on Monday.")
    assert [(c.value, c.unit) for c in arrest.counts] == [(4, "people")]
    [seizure] = events_of("Police seized a lorry valued at £2m and a boat worth an estimated €30,000.")
    assert {(c.value, c.unit, c.qualifier) for c in seizure.counts} == {(2000000, "pounds", None),
                                                                         (30000, "euros", "an estimated")}


def test_an_operation_is_run_by_its_runners_not_its_supporter_nor_the_paper_that_reports_it(events_of):
    events = events_of("A law enforcement operation supported by Europol saw the arrest of eight people. Operation "
                       "Odyssey, led by the Hellenic Police, began in 2019.")
    assert {(e.type, tuple(a.name or a.text for a in e.agents)) for e in events} >= {
        ("Operation", ("Hellenic Police",)), ("Arrest", ("Hellenic Police",))}
    for event in events_of("During the operation, the authorities seized 1,200 lifejackets, Xinhua reported."):
        assert [a.text for a in event.agents] == []


def test_an_event_with_no_agent_stated_is_the_protagonists_not_the_last_bodys(events_of):
    events = events_of("The RCMP arrested four men in Montreal on Monday. The RCMP also searched two homes in Laval. "
                       "The U.S. Border Patrol stopped a car near Champlain. A fifth man was arrested in October.")
    assert [a.name or a.text for a in events[-1].agents] == ["Royal Canadian Mounted Police"]


def test_a_breakdown_by_country_gives_places_not_more_counts(events_of):
    [event] = [e for e in events_of("During an action day on 19 November, 23 suspects were arrested: 12 in Germany, "
                                    "seven in Czechia and four in Slovakia.") if e.type == "Arrest"]
    assert summary(event)[2:] == (("Germany", "Czechia", "Slovakia"), ((23, "people", None),))


def test_an_age_is_no_date(events_of):
    [event] = events_of("Dariusz Kowal, 36, was sentenced at Canterbury Crown Court yesterday.")
    assert (event.date.text, event.date.iso) == ("yesterday", "2025-05-13")


def test_a_passive_agent_the_parser_hung_on_a_noun(events_of):
    events = events_of("Border Force intercepted the boat. Haddad was detained later at an address in Chatham by "
                       "Home Office investigators.")
    assert [a.name for a in events[-1].agents] == ["Home Office"]


def test_counts_the_parser_hung_on_the_verb(events_of):
    [interception] = events_of("The Guardia Civil intercepted one of the gang's boats with 22 people on board.")
    assert {(c.value, c.unit) for c in interception.counts} == {(1, "boats"), (22, "people")}
    [deployment] = events_of("Frontex said it would deploy 60 additional officers, along with 12 patrol cars.")
    assert {(c.value, c.unit) for c in deployment.counts} == {(60, "officers"), (12, "cars")}


def test_an_action_day_is_an_operation_and_a_list_line_is_a_passive(events_of):
    events = events_of("Police officers from Spain and Germany took part in an action day on 20 June.\n"
                       "Results:\n• 7 locations searched\n• 5 vehicles seized")
    assert {e.type for e in events} >= {"Operation", "Raid", "Seizure"}
    [raid] = [e for e in events if e.type == "Raid"]
    assert [(c.value, c.unit) for c in raid.counts] == [(7, "locations")]


def test_the_protagonists_are_those_who_did_the_police_work_told_before(events_of):
    events = events_of("Authorities in Germany, Czechia and Slovakia have dismantled a criminal network. During an "
                       "action day on 19 November, 23 suspects were arrested.")
    [arrest] = [e for e in events if e.type == "Arrest"]
    assert [a.name for a in arrest.agents] == ["Germany", "Czechia", "Slovakia"]


def test_thousands_written_apart_a_currency_code_and_a_list_hung_on_the_verb(events_of):
    events = events_of("Officers searched 31 properties and seized EUR 410 000 in cash, 17 vehicles, forged residence "
                       "permits and more than 90 mobile phones.")
    [seizure] = [e for e in events if e.type == "Seizure"]
    assert {(c.value, c.unit, c.qualifier) for c in seizure.counts} == {
        (410000, "euros", None), (17, "vehicles", None), (90, "phones", "more than")}


def test_an_operations_length_and_staff_are_its_counts(events_of):
    [operation] = [e for e in events_of("The arrests are part of Operation Larchmere, a two-year NCA investigation.")
                   if e.type == "Operation"]
    assert [(c.value, c.unit) for c in operation.counts] == [(2, "years")]
    [operation] = events_of("Some 650 police officers took part in the action day.")
    assert [(c.value, c.unit, c.qualifier) for c in operation.counts] == [(650, "officers", "some")]


def test_a_gang_operation_smashed_and_an_operation_named_in_a_quotation_are_no_events(events_of):
    assert [e.type for e in events_of("UK authorities have smashed a major people smuggling operation.")] == []
    assert events_of("“The leads generated by Operation Flash-Weka will result in more arrests,” he said.") == ()


def test_a_search_named_by_its_premises_in_a_compound_or_after_a_number_of(events_of):
    [raid] = events_of("The task force carried out 151 house searches in Austria.")
    assert summary(raid)[0::2] == ("Raid", ("Austria",)) and [(c.value, c.unit) for c in raid.counts] == [(151, "searches")]
    assert [e.type for e in events_of("Police searched a number of homes in Leeds.")] == ["Raid"]


def test_an_arrest_abroad_told_without_an_agent_was_made_by_that_countrys_authorities(events_of):
    events = events_of("Europol supported an action day against smugglers. Two people were arrested in Hungary.")
    [arrest] = [e for e in events if e.type == "Arrest"]
    assert [a.name for a in arrest.agents] == ["Hungary"]
    events = events_of("NCA officers raided a house in Leeds. Two men were arrested in France.")
    [arrest] = [e for e in events if e.type == "Arrest"]
    assert [a.name for a in arrest.agents] == ["France"]


def test_an_arrest_at_home_or_by_a_body_of_unknown_home_keeps_the_acting_body(events_of):
    events = events_of("NCA officers raided a house in Leeds. Two men were arrested in the United Kingdom.")
    [arrest] = [e for e in events if e.type == "Arrest"]
    assert [a.name for a in arrest.agents] == ["National Crime Agency"]
    events = events_of("The National Guard raided a workshop in Sfax. Two men were arrested in Tunisia.")
    [arrest] = [e for e in events if e.type == "Arrest"]
    assert [a.name or a.text for a in arrest.agents] == ["National Guard"]


def test_a_town_abroad_gives_its_country_when_the_article_names_it(events_of):
    events = events_of("Europol and Romania worked together. Europol supported the action day. "
                       "Three men were arrested in Bucharest.")
    [arrest] = [e for e in events if e.type == "Arrest"]
    assert [a.name for a in arrest.agents] == ["Romania"]


def test_places_of_raids_that_took_place_and_of_a_fronted_clause_and_during_raids(events_of):
    [raid] = events_of("Dozens of raids also took place in Germany and France.")
    assert summary(raid)[2] == ("Germany", "France")
    events = events_of("In Romania, law enforcement performed 18 house searches, and 13 people were arrested.")
    [arrest] = [e for e in events if e.type == "Arrest"]
    assert summary(arrest)[2] == ("Romania",)
    [seizure] = events_of("During the raids in Hungary several mobile phones and a car were seized.")
    assert summary(seizure)[2] == ("Hungary",)


def test_a_results_line_without_were_and_no_event_under_may(events_of):
    assert [e.type for e in events_of("Three premises searched in Hungary.")] == ["Raid"]
    assert events_of("Notes and documents found may lead to further arrests.") == ()


def test_an_international_agency_arrests_no_one_the_country_where_it_happened_did(events_of):
    events = events_of("Co-ordinated by Europol, the crackdown saw 44 arrests in the United Kingdom.")
    [arrest] = [e for e in events if e.type == "Arrest"]
    assert [a.name for a in arrest.agents] == ["United Kingdom"]


def test_dismantling_a_criminal_network_is_an_operation_by_who_did_it(events_of):
    [operation] = [e for e in events_of("A smuggling gang has been dismantled by the Polish Border Guard.")
                   if e.type == "Operation"]
    assert [a.name for a in operation.agents] == ["Polish Border Guard"]
    assert not [e for e in events_of("Police dismantled a tent in the park.") if e.type == "Operation"]
    assert not [e for e in events_of("The new unit will help to dismantle smuggling networks.") if e.type == "Operation"]


def test_numbers_in_words_with_tens_and_units_add_up(events_of):
    [arrest] = events_of("Thirty-six people were arrested.")
    assert [c.value for c in arrest.counts] == [36]


def test_a_number_on_the_compound_of_a_noun_trigger_and_a_total_of(events_of):
    [raid] = events_of("Federal police carried out 9 house searches in Bavaria.")
    assert [(c.value, c.unit) for c in raid.counts] == [(9, "searches")]
    [interception] = events_of("The Royal Netherlands Marechaussee found a total of 23 migrants hiding in trucks at "
                               "Rotterdam on Tuesday.")
    assert summary(interception) == ("Interception", ("Royal Netherlands Marechaussee",), ("Rotterdam",),
                                     ((23, "people", None),))


def test_an_event_told_again_adds_its_counts_to_the_first_telling(events_of):
    events = events_of("Belgian police raided 14 homes in Antwerp. Around 200 officers took part in the raids.")
    [raid] = [e for e in events if e.type == "Raid"]
    assert {(c.value, c.unit) for c in raid.counts} == {(14, "homes"), (200, "officers")}
    assert [e.type for e in events_of("The raids were a success, officers said.")] == []


def test_counts_in_a_relative_clause_on_the_object(events_of):
    [interception] = events_of("Slovak police stopped a van in which 26 people, among them nine children, had been "
                               "locked.")
    assert {c.value for c in interception.counts} == {26, 9}


@pytest.mark.parametrize("text, expected", [
    ("Sixteen searches were carried out in the UK.", ("Raid", 16)),
    ("The officers carried out searches at the suspects' addresses in Granada.", ("Raid", None)),
    ("The police recovered 29 potential victims of human trafficking.", ("Rescue", 29)),
    ("A boat crew managed to save five migrants.", ("Rescue", 5)),
    ("Army patrols captured eight infiltrators along the border.", ("Arrest", 8)),
])
def test_counted_searches_recovered_victims_and_captures(events_of, text, expected):
    [event] = events_of(text)
    assert (event.type, event.counts[0].value if event.counts else None) == expected


def test_people_found_on_a_truck_are_no_seizure_and_a_search_for_survivors_no_raid(events_of):
    assert all(e.type != "Seizure" for e in events_of("Two men were also found on a truck, hiding between washing "
                                                      "machines."))
    assert events_of("Rescuers searched for survivors.") == ()


def test_a_body_named_with_of_its_country_is_of_that_country(events_of):
    events = events_of("The State Border Guard Service of Lithuania led the action day. Two people were arrested "
                       "in Hungary.")
    [arrest] = [e for e in events if e.type == "Arrest"]
    assert [a.name for a in arrest.agents] == ["Hungary"]
