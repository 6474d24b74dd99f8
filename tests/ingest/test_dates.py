"""Publication dates from what the input states, and relative expressions resolved against them."""

import pytest

from kg.errors import InputError
from kg.ingest.dates import date_of_front_matter, date_of_text, date_option, parse_date, resolve_expression
from kg.ingest.read import read_article


@pytest.mark.parametrize(("text", "expected"), [
    ("Police seize boats\nPublished 5 July 2022\nPolice seized ten boats.", "2022-07-05"),
    ("Police seize boats\nBy A. Writer\nPosted Tue 8 Apr 2025 at 5:12am\nText.", "2025-04-08"),
    ("LONDON, July 5, 2022 (Reuters) - Police arrested six men.", "2022-07-05"),
    ("LONDON, July 5 (Reuters) - Police arrested six men.", None),  # no year: not guessed
    ("Headline\nUpdated: 25/03/2024 14:05\nText.", "2024-03-25"),    # 25 cannot be a month
    ("Headline\nUpdated: 12/03/2024 14:05\nText.", "2024"),          # 12 March or 3 December: the year only
    ("Headline\nDate: 2024-03-05T10:00:00Z\nText.", "2024-03-05"),
    ("Headline\nMarch 27, 2025\nCanada and the US launched a task force.", "2025-03-27"),
    ("Headline\nPublished 5 July 2022\nUpdated 9 July 2022\nText.", "2022-07-05"),  # published before updated
    ("Headline\nThe NCA said the raids took place on 3 March 2024.\n", None),      # a sentence, not a date line
    ("Home Secretary Yvette Cooper said on Friday the gangs would be dismantled.\n", None),
])
def test_date_of_text(text, expected):
    assert date_of_text(text) == expected


def test_dates_of_markdown_front_matter_and_html_metadata(tmp_path):
    markdown = tmp_path / "a.md"
    markdown.write_text("---\ntitle: Boats seized\ndate: \"2024-03-05\"\n---\n# Boats seized\n\nThe NCA seized boats.\n")
    html = tmp_path / "b.html"
    html.write_text('<html><head><meta property="article:published_time" content="2022-07-05T10:00:00Z">'
                    '<title>Six held</title></head><body><article><h1>Six held</h1><p>'
                    + "Police arrested six people in London after a raid on a house. " * 4 + "</p></article></body></html>")
    undated = tmp_path / "c.html"
    undated.write_text(html.read_text().replace('<meta property="article:published_time" content="2022-07-05T10:00:00Z">', ""))
    assert read_article(markdown).date == "2024-03-05"
    assert read_article(html).date == "2022-07-05"
    assert read_article(undated).date is None
    assert date_of_front_matter("title: x\ndate: 5 March 2024") == "2024-03-05"


def test_read_article_never_uses_the_file_time_and_takes_a_given_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Six held\nPolice arrested six people yesterday.\n")
    assert read_article(path).date is None
    assert read_article(path, date="2024-03").date == "2024-03"
    assert read_article(path, date="2024-03").date_precision == "month"


@pytest.mark.parametrize(("value", "expected"), [("2024", "2024"), ("2024-03", "2024-03"), ("2024-03-05", "2024-03-05")])
def test_date_option(value, expected):
    assert date_option(value) == expected


@pytest.mark.parametrize("value", ["2024-13", "2024-02-30", "5 March 2024", "24-03-05", ""])
def test_date_option_refuses_what_is_not_a_date(value):
    with pytest.raises(InputError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        date_option(value)


@pytest.mark.parametrize(("text", "expected"), [
    ("3 March 2024", "2024-03-03"),
    ("March 2024", "2024-03"),
    ("July 5, 2022", "2022-07-05"),
    ("05/07/2022", "2022"),     # ambiguous order: the year only
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


# The document is dated Tuesday 5 March 2024.
@pytest.mark.parametrize(("expression", "expected"), [
    ("yesterday", "2024-03-04"),
    ("today", "2024-03-05"),
    ("on Sunday", "2024-03-03"),
    ("last Tuesday", "2024-02-27"),      # "last" a weekday: not the document's own day
    ("on Tuesday", "2024-03-05"),
    ("three days ago", "2024-03-02"),
    ("last week", "2024"),               # 26 Feb - 3 Mar: no one month holds it
    ("this week", "2024-03"),
    ("last month", "2024-02"),
    ("in January", "2024-01"),
    ("in December", "2023-12"),          # the December nearest the document's date
    ("on 3 March", "2024-03-03"),
    ("March 2024", "2024-03"),
    ("in 2023", "2023"),
    ("last year", "2023"),
    ("last spring", "2023"),             # this year's spring has not ended by March
    ("last autumn", "2023"),
    ("this summer", "2024"),
    ("last winter", None),               # a winter spans two years
    ("in the morning", None),            # not a date kg reads
])
def test_resolve_expression_against_a_day(expression, expected):
    resolved = resolve_expression(expression, "2024-03-05")
    assert (resolved.iso, resolved.text, resolved.is_document_date) == (expected, expression, False)


def test_resolve_expression_looks_ahead_for_what_is_to_come():
    assert resolve_expression("on Sunday", "2024-03-05", future=True).iso == "2024-03-10"


def test_resolve_expression_needs_a_precise_enough_document_date():
    assert resolve_expression("yesterday", "2024-03").iso is None   # a month does not fix a day
    assert resolve_expression("in January", "2024-03").iso == "2024-01"
    assert resolve_expression("last year", "2024").iso == "2023"


def test_resolve_expression_without_a_document_date_keeps_the_text_only():
    for expression in ("yesterday", "on Sunday", "last week", "in January"):
        resolved = resolve_expression(expression, None)
        assert (resolved.iso, resolved.text) == (None, expression)
    assert resolve_expression("5 July 2022", None).iso == "2022-07-05"  # absolute: no document needed
