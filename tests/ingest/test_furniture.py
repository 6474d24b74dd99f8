"""Page furniture as real pages carry it: credits, captions, labels, link lines, widgets, bylines,
timestamps and contact blocks are blanked; prose that looks like them is kept.

Every line here was written for these tests (no text copied from any page).
"""

import pytest

from kg.errors import OntologyError
from kg.ingest.clean import blank_furniture, clean, load_furniture
from kg.ingest.read import read_article

PROSE = "The NCA said six men had been arrested in Kent."

# kind -> (furniture lines, look-alike sentences that must survive)
KINDS = {
    "photo credits and captions": (
        [
            "Image copyright Getty Images Image caption Migrants arrive at Dover",
            "Image copyright Harbour Photos Ltd",
            "Image caption Border Force officers on the quay at Ramsgate",
            "Image source, Getty Images",
            "Media caption The skipper describes the crossing",
            "Picture: Gareth Fuller/PA Wire",
            "Picture: Border Force officers at Dover on Monday.",
            "(PA Wire)",
            "Photo: John Smith/Getty Images",
            "Photo: An inflatable boat drifts off Gravelines after its engine failed",
            "Credit: Reuters",
            "Photograph: Andy Rain/EPA",
            "Pictured: Migrants on a Border Force cutter in Dover harbour",
            "Pic: NCA",
            "Migrants are brought ashore in Dover (Image: PA)",
            "Officers search a lorry at the port of Calais. (Photo by Anna Berg/AFP via Getty Images)",
            "A Border Force cutter returns to Dover harbour. Reuters",
            "Police tape outside the house in Rochdale, PA",
            "Migrants wait on the beach at Gravelines (AFP Files)",
            "A rescue boat arrives in the harbour at Calais | Getty Images",
            "EPA/Tom Reed",
            "Migrants queue for buses at Manston. Photograph: Sam Holt/Reuters",
            "A lifeboat crew brings a dinghy in | Photo: Ann Other / Reuters",
        ],
        [
            "Photo evidence was shown in court.",
            "Picture: the scene at Dover harbour on Tuesday morning, when Border Force officers brought "
            "in more than 300 people who had crossed the Channel overnight in small boats.",
            "Credit card fraud funded the gang, the NCA said.",
            "Image copyright infringement is not a matter for the NCA, the court heard.",
            "The interview was given to AFP on Tuesday.",
            "Migrants told their stories to AFP",
            "Officials said the footage was shared with Reuters and the PA news agency.",
            "Four arrested in NCA raids | Reuters",
            "Getty Images photographer detained in Calais",
        ],
    ),
    "press releases and government headers": (
        [
            "Press Release",
            "Press release",
            "Publication date",
            "European Commission logo",
            "Release date:",
            "News release",
            "FOR IMMEDIATE RELEASE",
            "For immediate release: 5 July 2022",
            "Embargoed until 00:01 Tuesday 5 July 2022",
            "From: Home Office",
            "From: Home Office and Border Force",
            "Part of: Border security and immigration",
            "Source: Home Office",
        ],
        [
            "The Home Office said it would publish the figures in a press release on Friday.",
            "Press releases from Europol are published in 23 languages.",
            "From Calais, the boats head north-west towards Dover.",
            "Part of the money was laundered through car washes in Kent.",
            "Source code for the app was seized by Dutch police.",
            "The publication date of the report was moved to May.",
            "Police unveiled the new Border Force logo on Monday",
        ],
    ),
    "aggregator headers": (
        [
            "From our partners",
            "Via MSN",
            "5 July 2022 14:32 via example-news.co.uk",
            "Story by Jane Doe",
            "Story by Jane Doe • 2h • 3 min read",
            "Jane Doe for The Independent",
            "Jane Doe and Tom Hale for the Guardian",
            "2 days ago",
            "1 Min Read",
            "5 min read",
            "https://images.example.com/2022/07/05/dover-boat.jpg",
            "cdn.example.net/img/dover-harbour.jpg?w=640",
            "Reporting by Jane Doe; Editing by Tom Hale",
            "(Reporting by Jane Doe in London; additional reporting by Ann Other in Paris)",
        ],
        [
            "The story by the BBC prompted an investigation by the NCA.",
            "Reporting by the BBC revealed that smugglers were charging £1,500 a seat.",
            "Via the EU's Frontex agency, Greece received 40 extra officers.",
            "Two days ago, the French coastguard rescued 60 people off Calais.",
            "Jane Doe, for the defence, said her client had been exploited by the gang.",
        ],
    ),
    "link lines": (
        [
            "Read also: Channel deaths: what we know",
            "Read more: Home Office wins appeal over removals",
            "READ MORE: Border chief quits READ MORE: New patrols in Calais",
            "Also read",
            "Related: Smugglers jailed in Belgium",
            "Read more »",
            "See also: Europol's annual report",
            "Read the original article: Smugglers arrested in raids",
            "Original article link: https://www.example.org/news/raids",
            "Read AlsoCourt hears case against Frontex over pushbacks",
            "The post Two smugglers arrested off Chios appeared first on Aegean Daily.",
        ],
        [
            "Read more widely, the report is a damning indictment of the asylum system.",
            "Read also the court's ruling, the lawyer said.",
            "The post of border commissioner was created in 2021, and the first holder appeared first on the list.",
            "Related charges were brought against three other men.",
            "See the figures below, the minister told MPs.",
        ],
    ),
    "widgets and newsletters": (
        [
            "A A A",
            "Text size",
            "Font size: A A A",
            "Listen to this article",
            "Listen to this article 4 min",
            "Print",
            "Comments",
            "12 comments",
            "Advertisement Hide Ad",
            "Media playback is unsupported on your device",
            "You may also like",
            "Exclusive",
            "Sign up to our newsletter",
            "Sign up to our free Border Briefing newsletter to get the latest in your inbox",
            "Sign up for the Home Affairs newsletter. It arrives every Friday in your inbox.",
            "Get our morning briefing newsletter straight to your inbox",
            "Stay connected: follow us on X and LinkedIn.",
            "For information about how the Kent Courier protects your data, read our Privacy Policy.",
            "To find out how we use your personal data, read our privacy notice.",
        ],
        [
            "The Home Office said its privacy policy for migrants' phones would be reviewed.",
            "Sign up bonuses were offered to new Border Force recruits, the union said.",
            "Comments made by the minister were criticised by Labour.",
            "Print journalists were barred from the hearing.",
            "A Border Force officer said the boat had been spotted at 3am.",
            "Exclusive talks between Britain and France began in Paris on Monday.",
        ],
    ),
    "bylines": (
        [
            "By Laurene Rey-Millet",
            "By Jane Doe, Home Affairs Correspondent",
            "By Jane Doe and Tom Hale",
            "Jane Doe | Tuesday 05 July 2022 14:32",
            "Jane Doe, 5 July 2022",
        ],
        [
            "By Tuesday, police had arrested six men.",
            "By the end of the year, more than 30,000 people had crossed the Channel.",
            "Jane Doe, a Home Affairs correspondent, said the figures were wrong.",
        ],
    ),
    "timestamps": (
        [
            "Updated 14:32 BST, 5 July 2022",
            "Tue 5 Jul 2022 14.32 BST",
            "2 hours ago",
            "an hour ago",
            "July 5, 2022 at 2:32 p.m.",
            "July 5, 2022 at 2:32 p.m. EDT",
            "date 2022-07-06",
            "Updated: 06-07-2022 15:31 IST | Created: 06-07-2022 15:24 IST",
            "Sunday 5 March 2023 09:58, UK",
            "5 July 2022 · 3 min read",
            "Today at 21:30",
            "21.05.2025 / 12:31",
            "Crime | Thursday, 6 March 2025 - 11:20",
        ],
        [
            "Five minutes later the boat capsized.",
            "Updated guidance on asylum claims was published by the Home Office in July.",
            "On 5 July 2022, 12 people were arrested in dawn raids.",
            "2 migrants died in the Channel on Tuesday, the coastguard said.",
            "Today, the Home Secretary will meet her French counterpart.",
        ],
    ),
    "author boxes and list labels": (
        ["About Europe correspondent (390 Articles)", "Anna Weber (120 posts)", "Latest News:"],
        ["The agency published 390 articles on smuggling routes last year (Europol said)."],
    ),
    "app and podcast promotions": (
        ["Listen to the morning headlines in our daily podcast, available on Spotify.",
         "Follow us on Google News to get the day's top stories!",
         "Наши новини и в Google News Showcase!"],
        ["Police said the gang advertised crossings on a podcast and on social media."],
    ),
    "contact lines": (
        ["Press contact", "Media enquiries:", "613-555-0147", "(210) 555-0143"],
        ["Contact with the gang was made through an encrypted app, the court heard."],
    ),
}


def _kind_lines(which: int) -> list[tuple[str, str]]:
    return [(kind, line) for kind, lines in KINDS.items() for line in lines[which]]


@pytest.mark.parametrize("kind, line", _kind_lines(0), ids=lambda value: value[:40])
def test_furniture_line_is_blanked_keeping_its_length(kind, line):
    text = f"{line}\n{PROSE}\n"
    cleaned = blank_furniture(text)
    assert len(cleaned) == len(text)
    assert cleaned.count("\n") == text.count("\n")
    assert cleaned.split("\n")[0] == " " * len(line), f"{kind}: {line!r} not blanked"
    assert cleaned.split("\n")[1] == PROSE


@pytest.mark.parametrize("kind, line", _kind_lines(1), ids=lambda value: value[:40])
def test_look_alike_sentence_survives(kind, line):
    assert blank_furniture(line) == line, f"{kind}: prose {line!r} was blanked"


def test_indented_furniture_and_crlf_keep_offsets():
    text = "  Picture: Gareth Fuller/PA Wire  \r\n" + PROSE
    cleaned = clean(text)
    assert len(cleaned) == len(text) and cleaned.endswith(PROSE) and not cleaned[:-len(PROSE)].strip()


# prefixes: furniture that opens a paragraph of prose


def test_embedded_bbc_credit_is_blanked_and_the_story_kept_at_its_offsets():
    line = "Image copyright PA Image caption Migrants at Dover The Home Office said 12 people were arrested."
    cleaned = blank_furniture(line)
    kept = line.index("Migrants at Dover")
    assert cleaned == " " * kept + line[kept:]


@pytest.mark.parametrize("line, kept", [
    ("date 2024-04-18 Home Office arrests four in smuggling raids", "Home Office arrests four in smuggling raids"),
    ("PRESS RELEASE : Europol supports action day against smugglers", "Europol supports action day against smugglers"),
    ("Press release: Border Force seizes 40 boats", "Border Force seizes 40 boats"),
])
def test_prefix_label_is_blanked_and_the_headline_kept(line, kept):
    assert blank_furniture(line) == " " * (len(line) - len(kept)) + kept


def test_prefix_followed_by_furniture_blanks_the_whole_line():
    line = " date 2022-07-12 By Jane Doe"
    assert blank_furniture(line) == " " * len(line)


def test_prefix_patterns_leave_prose_alone():
    for line in ("Date of the hearing was set for 5 July.", "Press releases are published daily.",
                 "Image copyright laws differ across Europe, the report said."):
        assert blank_furniture(line) == line


# tails: closing blocks


def test_contact_block_at_the_end_is_blanked():
    text = "\n".join([PROSE, "Media contact", "Jane Doe, Press Officer", "Office of the Minister of Justice",
                      "Tel: +44 20 7946 0000", "(210) 555-0143"])
    cleaned = blank_furniture(text)
    assert len(cleaned) == len(text)
    assert cleaned.startswith(PROSE + "\n") and not cleaned[len(PROSE):].strip()


def test_contact_label_before_prose_blanks_only_the_label():
    long_paragraph = ("The Home Office said it had received the figures on Tuesday and would publish them "
                      "with the National Crime Agency's annual report, which is due in the autumn.")
    text = "\n".join([PROSE, "Contacts", "Jane Doe said the numbers were rising.", long_paragraph])
    cleaned = blank_furniture(text).split("\n")
    assert cleaned[1] == " " * len("Contacts")
    assert cleaned[2:] == ["Jane Doe said the numbers were rising.", long_paragraph]


# the file format


def _furniture(tmp_path, body: str):
    path = tmp_path / "furniture.txt"
    path.write_text(body, encoding="utf-8")
    return load_furniture(path)


def test_format_defines_limits_no_stop_prefix_and_tail(tmp_path):
    furniture = _furniture(tmp_path, "\n".join([
        "# comment",
        "#! define WORD (?:alpha|beta)",
        "#! define TWO {WORD}\\s+{WORD}",
        "{TWO}",
        "#! line 12",
        "short .*",
        "#! line no-stop",
        "open .*",
        "#! prefix",
        "lead:\\s*",
        "#! tail 20",
        "the end",
    ]))
    assert (len(furniture.lines), len(furniture.prefixes), len(furniture.tails)) == (3, 1, 1)
    assert furniture.limits == (None, 12, None) and furniture.no_stop == (False, False, True)

    def blank(line):
        return blank_furniture(line, patterns=furniture)

    assert blank("alpha beta") == " " * 10
    assert blank("short line") == " " * 10
    assert blank("short but longer than twelve") == "short but longer than twelve"
    assert blank("open line") == " " * 9
    assert blank("open line.") == "open line."
    assert blank("open line.”") == "open line.”"
    assert blank("lead: text") == "      text"
    assert blank("x\nthe end\nshort\nlines") == "x\n       \n     \n     "
    assert blank("x\nthe end\nthis line is longer than twenty") == "x\nthe end\nthis line is longer than twenty"


@pytest.mark.parametrize("body, message", [
    ("{NOPE}", "undefined {NOPE}"),
    ("#! sideways", "unknown directive"),
    ("#! prefix 12", "unknown directive"),
    ("#! tail no-stop", "unknown directive"),
    ("(unclosed", "bad pattern"),
    ("#! define BAD (unclosed", "bad pattern"),
])
def test_format_errors_name_the_line(tmp_path, body, message):
    with pytest.raises(OntologyError, match=message) as error:
        _furniture(tmp_path, "# first\n" + body + "\n")
    assert "furniture.txt:2" in str(error.value)


def test_shipped_file_compiles_every_kind():
    furniture = load_furniture()
    assert furniture.lines and furniture.prefixes and furniture.tails


# end to end: no entity, relation or quote from furniture

ARTICLE = """Channel smuggling gang leader jailed after Kent raids
By Jane Doe, Home Affairs Correspondent
Jane Doe | Tuesday 05 July 2022 14:32
From our partners
Story by Tom Hale • 2h • 3 min read
A A A
Image copyright Getty Images Image caption Migrants arrive at Dover
Picture: Gareth Fuller/PA Wire
The National Crime Agency said the leader of a people smuggling gang had been jailed for 12 years at Canterbury Crown Court.
Read more: Europol praises Spanish police for record seizure
Photograph: Andy Rain/EPA
Officers from Kent Police worked with the French Border Police on the investigation, the NCA said.
Migrants are brought ashore in Dover by Border Force (Image: PA)
Sign up to our Home Affairs newsletter
Reporting by Ann Other; Editing by Tom Hale
Media contact
Priya Banerjee, Press Officer, Interpol
613-555-0147
"""
ARTICLE_PROSE = (  # every other line of ARTICLE is furniture
    "Channel smuggling gang leader jailed after Kent raids",
    "The National Crime Agency said the leader of a people smuggling gang",
    "Officers from Kent Police worked with the French Border Police",
)


@pytest.mark.model
def test_furniture_gives_no_entity_relation_or_quote(tmp_path, nlp, gazetteer):
    from kg.extract.article import extract_article

    path = tmp_path / "kent_raids.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    article = read_article(path)
    prose = [(start := ARTICLE.index(opening), ARTICLE.index("\n", start)) for opening in ARTICLE_PROSE]

    def in_prose(start, end):
        return any(a <= start and end <= b for a, b in prose)

    lines = ARTICLE.split("\n")
    furniture = " ".join(line for line in lines if not line.startswith(ARTICLE_PROSE))
    kept = " ".join(line for line in lines if line.startswith(ARTICLE_PROSE))
    assert article.clean_text.split() == kept.split()
    extraction = extract_article(nlp(article.clean_text), article, gazetteer)
    assert {m.text for m in extraction.mentions} >= {"National Crime Agency", "Kent Police", "French Border Police"}
    assert [m.text for m in extraction.mentions if not in_prose(m.start, m.end)] == []
    assert extraction.relations and all(in_prose(r.evidence.start, r.evidence.end) for r in extraction.relations)
    assert all(in_prose(q.evidence.start, q.evidence.end) for q in extraction.quotes)
    for name in ("Getty", "Fuller", "Andy Rain", "EPA", "Jane Doe", "Tom Hale", "Ann Other", "Europol", "Dover",
                 "Priya", "Interpol", "Border Force"):
        assert name in furniture and not any(name in m.text for m in extraction.mentions)
