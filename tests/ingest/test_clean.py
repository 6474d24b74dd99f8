import pytest

from kg.ingest.clean import blank_furniture, clean

ADDRESS = "Physical Address\n304 North Cardinal St.\nDorchester Center, MA 02124\n"


def test_clean_blanks_address_block_and_keeps_length():
    text = ADDRESS + "The NCA said."
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert cleaned.strip() == "The NCA said."
    assert cleaned.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "We use cookies to improve your experience on our site.",
        "By Jane Smith, Home Affairs Correspondent",
        "Published 12 March 2024",
        "Image caption: Migrants in Calais",
        "Tel: +44 20 7946 0000",
        "press@example.org",
        "Copyright © 2024 Example News",
        "London SW1A 2AA",
    ],
)
def test_clean_blanks_furniture_lines(line):
    assert blank_furniture(line + "\nThe NCA said.").strip() == "The NCA said."


@pytest.mark.parametrize(
    "line",
    [
        "By contrast, the government has failed to act on the smuggling gangs.",
        "Share prices fell after the announcement, the Treasury said.",
        "The NCA has 70 investigations into smuggling networks.",
    ],
)
def test_clean_keeps_prose(line):
    assert blank_furniture(line) == line
