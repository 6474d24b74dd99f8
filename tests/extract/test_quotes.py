import pytest

from kg.extract.quotes import find_quotations

pytestmark = pytest.mark.model


def test_quotes_find_curly_straight_and_open_ended():
    text = 'He said “we will act” today.\n"Straight ones too," she said.\n“An open one\n“continues here.”'
    found = [(text[q.start:q.end], q.open_ended) for q in find_quotations(text)]
    assert found == [("we will act", False), ("Straight ones too,", False), ("An open one", True), ("continues here.", False)]


def test_quotes_in_french_guillemets_with_spaces_inside():
    text = "Jacque Beer said: « Tackling organised crime remains a top priority. »"
    assert [text[q.start:q.end].strip() for q in find_quotations(text)] == ["Tackling organised crime remains a top priority."]


def test_quotes_apostrophes_and_inches_are_not_quotes():
    assert find_quotations("The NCA’s officers and the gangs' boats, a 12\" screen.") == []


def speakers(extraction):
    return [(q.speaker.text, q.text.split()[0]) for q in extraction.quotes]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We will not rest until these gangs are dismantled,” said Anna Berg, a spokesperson for Europol.",
         [("Anna Berg", "We")]),
        ("Interior Minister Jan Kowalski said: “Our officers are working day and night on this.”",
         [("Jan Kowalski", "Our")]),
        # an abbreviated rank before the speaker's name ends no sentence
        ("“We are planting a seed of cooperation,” police Cmdr. Armando Trevino said Tuesday in Nogales.",
         [("Armando Trevino", "We")]),
        ("Home Secretary Yvette Cooper visited Dover.\n“This is a serious and organised threat,” she said.",
         [("Yvette Cooper", "This")]),
        ("Minister for Border Security and Asylum, Dame Olwen Pryce said:\n“I want to thank the NCA for acting so swiftly.",
         [("Olwen Pryce", "I")]),
        ("Inspector Ida Lund said the boat sank. A Frontex spokesman confirmed the rescue.\n"
         "“Our crews worked through the night to save them,” he said.", [("Frontex", "Our")]),
        ("According to a Home Office statement, the plan was designed “to penetrate and dismantle the gangs at every level.”",
         [("Home Office", "to")]),
        ("‘We won’t stop until every gang is dismantled,’ said Anna Berg, a spokesperson for Europol.",
         [("Anna Berg", "We")]),
        ('"This network treated people as cargo," said Anna Berg. "Today\'s results show what police can achieve."',
         [("Anna Berg", "This"), ("Anna Berg", "Today's")]),
        ("Spain's Secretary of State for Security, Carmen Ortega, said: \"The Guardia Civil has shown its worth again.\"",
         [("Carmen Ortega", "The")]),
        ("“Smugglers sell the ocean as a shortcut. It is not,” said Special Agent in Charge Renée Castañeda of HSI.",
         [("Renée Castañeda", "Smugglers")]),
        ('"This was a cross-border case from start to finish," said Supt. Dana Whitford, the officer in charge.',
         [("Dana Whitford", "This")]),
        ("Interior Minister Vít Hájek, who joined Vollmer in Berlin, said patrols would start. "
         "“Our police do not stop at the line on the map,” he said.", [("Vít Hájek", "Our")]),
        ("“The inquiry began with a routine check of a lorry at the port,”Europol said.", [("Europol", "The")]),
        ("The statement quoted Ines Duarte, head of operations at Eurojust, as saying, \"Gangs adapt faster than the "
         "law does.\"", [("Ines Duarte", "Gangs")]),
        ("Deputy Commissioner-General, Anan Wongsa who was also present, thanked the police. “Our close ties led us to "
         "this success,“ he said.", [("Anan Wongsa", "Our")]),
    ],
    ids=["said-after", "said-colon-before", "abbreviated-rank", "pronoun", "title-comma-name-colon", "pronoun-for-unnamed-spokesman", "according-to", "single-curly", "same-paragraph", "appositive-subject",
         "title-as-subject", "rank-cut-by-full-stop", "pronoun-to-subject", "closing-mark-run-on", "quoted-as-saying",
         "opening-mark-closes"],
)
def test_quotes_attribute_speaker(extract_text, text, expected):
    assert speakers(extract_text(text)) == expected


def test_quotes_continue_over_paragraphs(extract_text):
    text = ("NCA Director General of Operations Rob Jones said: “Tackling organised immigration crime remains a key priority.\n"
            "“These extra officers will play a key role in that.\n"
            "“We are determined to do all we can.”")
    assert [q.speaker.text for q in extract_text(text).quotes] == ["Rob Jones"] * 3


def test_quotes_without_speaker_are_skipped_not_guessed(extract_text):
    extraction = extract_text("A new programme will be rolled out to “target, investigate and take down unscrupulous employers”.")
    assert extraction.quotes == ()
    assert extraction.skipped_quotes == 1


def test_quotes_scare_quotes_are_not_statements(extract_text):
    text = "The minister Yvette Cooper said the plan was “determined” and “robust”."
    assert extract_text(text).quotes == ()


@pytest.mark.parametrize("text, expected", [
    ('"The coast guard arrested 58 migrants off the coast this morning," said Karim al-Hadi, a spokesman for the '
     'interior ministry.', ["Karim al-Hadi"]),
    ("Commissioner Ana Reyes expressed her concern over the case, saying: “We remain committed to protecting every "
     "victim of trafficking.”", ["Ana Reyes"]),
    ("Dutch police could not give more details. “We are still gathering information on the suspects,” a police "
     "spokesperson said.", ["Dutch police"]),
    ("“Smuggling at sea is dangerous for everyone involved,” said Capt Tom Reyes, commander of Coast Guard Sector "
     "San Diego.", ["Tom Reyes"]),
])
def test_quotes_speakers_with_particles_participles_and_unnamed_spokespeople(extract_text, text, expected):
    assert [speaker for speaker, _ in speakers(extract_text(text))] == expected
