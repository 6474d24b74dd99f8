"""Quotations as British papers print them: single marks that double as apostrophes,
quotations over several paragraphs, texts cut off, nested quotations, and their speakers.

All sentences are invented for these tests.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.quotes import find_quotations


def quoted(text):
    return [text[q.start : q.end] for q in find_quotations(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("‘Those gangs don’t care about the people in the boats,’ she said.",
         ["Those gangs don’t care about the people in the boats,"]),
        ("‘We are seizing the smugglers’ boats before they reach the beach,’ said Tom Hale.",
         ["We are seizing the smugglers’ boats before they reach the beach,"]),
        ("‘The traffickers’ profits run into millions and we will take them,’ he said.",
         ["The traffickers’ profits run into millions and we will take them,"]),
        ("Tom Hale said: ‘We will follow the gangs’ money wherever it goes.’",
         ["We will follow the gangs’ money wherever it goes."]),
        ("‘It has been like this since the ’90s, and it is no rock ’n’ roll romance,’ she said.",
         ["It has been like this since the ’90s, and it is no rock ’n’ roll romance,"]),
        ("'We won't let the gangs' boats leave the beach again,' he said.",
         ["We won't let the gangs' boats leave the beach again,"]),
        ("Charities condemned the ‘stop the boats’ slogan on Monday.", ["stop the boats"]),
        ("She called the plan ‘a gift to the smugglers’ because it would fail.", ["a gift to the smugglers"]),
        ("‘We will catch the smugglers’ she said. ‘They are greedy and careless.’",
         ["We will catch the smugglers", "They are greedy and careless."]),
        ("‘We will catch the smugglers’ Tom Hale said. ‘They are greedy and careless.’",
         ["We will catch the smugglers", "They are greedy and careless."]),
        ("‘Save the migrants’ lives’ is the charity’s new campaign.", ["Save the migrants’ lives"]),
        ("‘Our officers’ own union backs the plan,’ he said.", ["Our officers’ own union backs the plan,"]),
        ("“He told me ‘we are ready’ and left the house,” she said.", ["He told me ‘we are ready’ and left the house,"]),
        ("‘He told me “we are ready” and left the house,’ she said.", ["He told me “we are ready” and left the house,"]),
        ("'He told me to say 'go home' to their faces,' she said.", ["He told me to say 'go home' to their faces,"]),
        ("Ministers were ‘focused' on the gangs, she said.", ["focused"]),
        ("‘We are ready,’said Tom Hale.", ["We are ready,"]),
        ("“We are determined to act,\" he said. \"So are we,” she said.", ["We are determined to act,", "So are we,"]),
    ],
    ids=["apostrophe-inside", "possessive-plural", "possessive-first-word", "possessive-before-colon-quote",
         "elisions", "straight-singles", "noun-use", "before-conjunction", "before-pronoun", "before-name-and-verb",
         "possessive-then-close", "possessive-before-own", "single-in-double", "double-in-single", "straight-nested",
         "mixed-marks", "no-space-after", "mixed-double-marks"],
)
def test_quotes_single_marks(text, expected):
    assert quoted(text) == expected


def test_quotes_apostrophes_alone_are_no_quotations():
    text = ("The gangs' boats, rock 'n' roll in the '90s, Labour ‘s plans and O’Brien’s officers’ shifts.\n"
            "The ‘Ndrangheta and the 'Ndrangheta run the port, police said.\nNext line.")
    assert find_quotations(text) == []


def test_quotes_straight_single_left_open_is_an_apostrophe_mid_text():
    text = "The smugglers call it 'the crossing and\nThe police disagree."
    assert find_quotations(text) == []


def test_quotes_single_marks_over_paragraphs():
    text = ("Tom Hale said: ‘We will follow the gangs’ money.\n"
            "‘These officers’ skills are what the job needs.\n"
            "‘We are determined to do all we can.’")
    found = [(text[q.start:q.end], q.open_ended, q.paragraph) for q in find_quotations(text)]
    assert found == [("We will follow the gangs’ money.", True, 0),
                     ("These officers’ skills are what the job needs.", True, 1),
                     ("We are determined to do all we can.", False, 2)]


def test_quotes_possessive_ends_a_quotation_not_continued():
    text = "Tom Hale said: ‘We will follow the gangs’ money.\nThe inquiry goes on."
    assert quoted(text) == ["We will follow the gangs"]


def test_quotes_cut_off_text_stays_open():
    text = "Jones said: ‘We will keep going after the gangs’ bosses and"
    assert [(text[q.start:q.end], q.open_ended) for q in find_quotations(text)] == [
        ("We will keep going after the gangs’ bosses and", True)]


def test_quotes_paragraphs_numbered_without_blank_lines():
    text = "‘First we act,’ he said.\n\n   \n‘Then we talk.’"
    assert [q.paragraph for q in find_quotations(text)] == [0, 1]


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("ab s’‘'\"“”«»„\n,.:n9 (—")), max_size=60))
def test_quotes_ranges_are_ordered_and_inside_one_paragraph(text):
    end = 0
    for q in find_quotations(text):
        assert end <= q.start <= q.end <= len(text)
        assert "\n" not in text[q.start : q.end]
        end = q.end


def speakers(extraction):
    return [(q.speaker.text, q.text) for q in extraction.quotes]


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Home Secretary Yvette Cooper visited Folkestone on Tuesday.\n‘Those gangs don’t care whether people live or die,’ she said.",
         [("Yvette Cooper", "Those gangs don’t care whether people live or die,")]),
        ("‘We are seizing the smugglers’ boats before they reach the beach,’ said Tom Hale, a spokesman for the National Crime Agency.",
         [("Tom Hale", "We are seizing the smugglers’ boats before they reach the beach,")]),
        ("'We will not be deterred by these gangs' threats,' said Tom Hale, a spokesman for the National Crime Agency.",
         [("Tom Hale", "We will not be deterred by these gangs' threats,")]),
        ("Detective Inspector Sarah Mills told the BBC: ‘We have dismantled a network that moved hundreds of people.’",
         [("Sarah Mills", "We have dismantled a network that moved hundreds of people.")]),
        ("Sarah Mills added: ‘There will be more arrests in the coming weeks.’",
         [("Sarah Mills", "There will be more arrests in the coming weeks.")]),
        ("According to Sarah Mills, ‘the gangs are adapting faster than the police are’.",
         [("Sarah Mills", "the gangs are adapting faster than the police are")]),
        ("The Home Office said: ‘We are working night and day to stop the boats.’",
         [("Home Office", "We are working night and day to stop the boats.")]),
        ("‘We will not tolerate criminals exploiting our borders,’ a Home Office spokesman said.",
         [("Home Office", "We will not tolerate criminals exploiting our borders,")]),
        ("Sarah Mills of the National Crime Agency met Border Force officers in Dover.\n"
         "‘We cannot do this alone and the smugglers’ networks reach across Europe,’ she said.",
         [("Sarah Mills", "We cannot do this alone and the smugglers’ networks reach across Europe,")]),
        ("The European Commission approved new funding on Monday. A Commission spokesperson said the money would "
         "“ensure fair and fast asylum procedures” in the region.",
         [("European Commission", "ensure fair and fast asylum procedures")]),
    ],
    ids=["pronoun-single", "said-x-spokesman-possessive", "straight-singles", "told-the-bbc", "added", "according-to",
         "organisation", "organisation-spokesman", "pronoun-after-body", "body-named-by-modifier"],
)
def test_quotes_british_speakers(extract_text, text, expected):
    assert speakers(extract_text(text)) == expected


@pytest.mark.model
def test_quotes_single_marks_over_paragraphs_one_speaker(extract_text):
    text = ("NCA Director Rob Jones said: ‘Tackling the smugglers’ networks remains a key priority.\n"
            "‘These extra officers will play a key role in that.\n"
            "\n"
            "‘We are determined to do all we can.’")
    assert [q.speaker.text for q in extract_text(text).quotes] == ["Rob Jones"] * 3


@pytest.mark.model
@pytest.mark.parametrize("opening", ["“", "‘", "'"])
def test_quotes_cut_off_at_text_end_kept(extract_text, opening):
    text = f"Police made six arrests.\nJones said: {opening}We will keep going after these gangs wherever they operate and"
    assert speakers(extract_text(text)) == [("Jones", "We will keep going after these gangs wherever they operate and")]


@pytest.mark.model
def test_quotes_nested_single_in_double_is_one_quote(extract_text):
    text = ("Sarah Mills described her last meeting with the suspect.\n"
            "“He told me ‘we are ready to go tonight’ and then left the house,” she said.")
    assert speakers(extract_text(text)) == [
        ("Sarah Mills", "He told me ‘we are ready to go tonight’ and then left the house,")]


@pytest.mark.model
def test_quotes_scare_quotes_in_single_marks_are_not_statements(extract_text):
    text = "Yvette Cooper said the plan was ‘robust’ and the gangs ‘desperate’."
    assert extract_text(text).quotes == ()
