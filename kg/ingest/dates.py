"""Dates: a document's publication date from what its input states, and relative expressions resolved against it.

A document's date comes only from the input: the HTML page's metadata
(trafilatura, markup only: no date guessed from free text), a Markdown front
matter `date:` field, a date or dateline line at the top of a `.txt` article, or
`kg build --date` for a single file. Never from a file's modification time,
which says when a copy was made, not when the article was written.

Dates are ISO 8601 strings of the precision the input gives: "2024-03-05" (a
day), "2024-03" (a month) or "2024" (a year). Numeric day/month forms are read
only when they cannot be the other way round: "25/03/2024" is 25 March, but
"12/03/2024" may be 12 March (British) or 3 December (American), so only its
year is kept. A dateline without a year ("LONDON, July 5 (Reuters) -") gives
no date at all: its year would be a guess.

`resolve_expression` gives the date of an expression in the text ("yesterday",
"on Sunday", "last week", "in January", "on 3 March", "March 2024") against
the document's date, and leaves it unresolved, keeping its text, when the
document has no date precise enough for it.
"""

import re
from datetime import date, timedelta

from kg.errors import InputError
from kg.records import EventDate, date_precision

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for name in names}
WEEKDAYS = {name: number for number, names in enumerate((
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
    ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun"))) for name in names}
# Words a date line opens with ("Published 5 July 2022", "Updated: 12/03/2024 14:05"); published dates first.
PUBLISHED_LABELS = ("published", "first published", "posted", "date", "dated", "released", "issued")
UPDATED_LABELS = ("updated", "last updated", "last modified", "modified")
DATE_LINES_READ = 12  # a date or dateline line is among the first lines of an article, after the headline

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_ABSOLUTE = (  # (pattern, what its groups are): day month year, month day year, month year, ISO, numeric
    (re.compile(rf"(?:{_WEEKDAY}\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH}),?\s+(?P<year>{_YEAR})\b", re.I)),
    (re.compile(rf"(?:{_WEEKDAY}\s+)?(?P<month>{_MONTH})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})\b", re.I)),
    (re.compile(rf"\b(?P<year>{_YEAR})-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)(?!\d)")),
    (re.compile(rf"\b(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<year>{_YEAR})\b")),
    (re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<year>{_YEAR})\b", re.I)),
    (re.compile(rf"\b(?P<year>{_YEAR})-(?P<mm>[01]\d)(?![\d-])")),
)
_LABELLED_LINE = re.compile(r"^\W*(?P<label>[A-Za-z][A-Za-z ]{1,20}?)\s*(?::|\bon\b)?\s*(?P<rest>.+)$")
# "LONDON, July 5, 2022 (Reuters) -", "PARIS, 5 July 2022 (AFP) –": a place in capitals, a date, a source
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][A-Za-z .]+)?,\s+(?P<date>[^()]{3,40}?)\s*\([A-Za-z .&]+\)\s*[-–—]")
_ONLY_A_DATE = re.compile(rf"^\W*(?:{_WEEKDAY}\s+)?[\w ,./:-]{{4,40}}$")
_CLI_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO 8601 form of a year, month or day; None when the parts make no calendar date."""
    try:
        if day is not None:
            return date(year, month, day).isoformat()
        if month is not None:
            return date(year, month, 1).isoformat()[:7]
        return f"{year:04d}"
    except ValueError:
        return None


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _numeric(a: int, b: int, year: int) -> str | None:
    """Day and month of "a/b/year" when only one order is a date, or both orders give the same; else the year."""
    as_day_month, as_month_day = _iso(year, b, a), _iso(year, a, b)
    if as_day_month and as_month_day and as_day_month != as_month_day:
        return _iso(year)  # 12/03/2024: 12 March or 3 December; only the year is stated beyond doubt
    return as_day_month or as_month_day


def parse_date(text: str) -> str | None:
    """The first absolute date in `text`, as ISO 8601 of the precision it states; None without one.

    >>> parse_date("Published 5 July 2022"), parse_date("July 5, 2022"), parse_date("March 2024")
    ('2022-07-05', '2022-07-05', '2024-03')
    >>> parse_date("25/03/2024 14:05"), parse_date("12/03/2024"), parse_date("July 5")
    ('2024-03-25', '2024', None)
    """
    for pattern in _ABSOLUTE:
        match = pattern.search(text)
        if not match:
            continue
        found = match.groupdict()
        year = int(found["year"])
        if found.get("a"):
            value = _numeric(int(found["a"]), int(found["b"]), year)
        elif found.get("mm"):
            value = _iso(year, int(found["mm"]), int(found["dd"]) if found.get("dd") else None)
        else:
            month = MONTHS[found["month"].lower().rstrip(".")]
            value = _iso(year, month, _day_number(found["day"]) if found.get("day") else None)
        if value:
            return value
    return None


def _label_of(line: str) -> tuple[str, str] | None:
    match = _LABELLED_LINE.match(line)
    if not match:
        return None
    return match.group("label").strip().lower(), match.group("rest")


def date_of_text(text: str) -> str | None:
    """The publication date a plain-text article states in its first lines; None when it states none.

    Read, in this order of trust: a line labelled as the publication date
    ("Published 5 July 2022", "Date: 2022-07-05"), a dateline with a year
    ("LONDON, July 5, 2022 (Reuters) -"), a line that is only a date
    ("Tuesday 5 July 2022"), and last a line labelled as an update
    ("Updated: 25/03/2024 14:05"). A dateline without a year gives nothing.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()][:DATE_LINES_READ]
    published, dateline, alone, updated = [], [], [], []
    for line in lines:
        labelled = _label_of(line)
        if labelled and labelled[0] in PUBLISHED_LABELS:
            published.append(parse_date(labelled[1]))
        elif labelled and labelled[0] in UPDATED_LABELS:
            updated.append(parse_date(labelled[1]))
        elif match := _DATELINE.match(line):
            dateline.append(parse_date(match.group("date")))
        elif _ONLY_A_DATE.match(line) and len(line) <= 40:
            alone.append(parse_date(line))
    for found in (published, dateline, alone, updated):
        value = next((d for d in found if d), None)
        if value:
            return value
    return None


def date_of_front_matter(front_matter: str) -> str | None:
    """The `date:` field of a Markdown front matter block ("date: 2024-03-05", "date: 5 March 2024")."""
    match = re.search(r"^date:[ \t]*(.+?)[ \t]*$", front_matter, re.MULTILINE | re.IGNORECASE)
    return parse_date(match.group(1).strip("\"'")) if match else None


def date_option(value: str) -> str:
    """The ISO date of `kg build --date YYYY[-MM[-DD]]`.

    Raises:
        InputError: not a real year, month or day in that form.
    """
    match = _CLI_DATE.fullmatch(value.strip())
    iso = match and _iso(int(match["year"]), match["month"] and int(match["month"]), match["day"] and int(match["day"]))
    if not iso:
        raise InputError(f"--date {value!r}: not a date; give YYYY, YYYY-MM or YYYY-MM-DD, such as 2024-03-05")
    return iso


# --- relative expressions ----------------------------------------------------------------------------------------

def _as_date(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _span(first: date, last: date) -> str | None:
    """The most precise ISO date that covers every day from `first` to `last`: a day, a month or a year."""
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return first.isoformat()[:7]
    if first.year == last.year:
        return f"{first.year:04d}"
    return None  # a week across New Year: no one ISO date holds it


def _nearest_year(month: int, day: int | None, document: date, future: bool = False) -> int:
    """The year of a month (and day) stated without one: the last such month up to the document's date ("arrested
    in October", told in May: last October), or with `future` the next one from it ("will be deployed in
    October"). The month of the document itself is this year's either way."""
    if month == document.month and (day is None or not future):
        return document.year
    if future:
        return document.year if (month, day or 1) >= (document.month, document.day) else document.year + 1
    return document.year if (month, day or 1) <= (document.month, document.day) else document.year - 1


_RELATIVE_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                  "yesterday": -1, "last night": -1, "the day before yesterday": -2, "tomorrow": 1}
_NUMBERS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_FILLER = re.compile(r"^(?:on|in|during|since|from|at|by|of|the|earlier|early|late|this past)\s+", re.I)


def _strip(expression: str) -> str:
    text = " ".join(expression.lower().replace(",", " ").split()).rstrip(".")
    while (shorter := _FILLER.sub("", text)) != text:
        text = shorter
    return text


def _weekday(text: str, document: date, future: bool) -> str | None:
    match = re.fullmatch(rf"(?:(last|next|this|this coming|this past)\s+)?({_WEEKDAY})", text)
    if not match:
        return None
    target = WEEKDAYS[match.group(2).rstrip(".,")]
    which = match.group(1) or ""
    if future or which in ("next", "this coming"):
        ahead = (target - document.weekday()) % 7 or (7 if which else 0)
        return (document + timedelta(days=ahead)).isoformat()
    back = (document.weekday() - target) % 7
    if which == "last" and back == 0:
        back = 7
    return (document - timedelta(days=back)).isoformat()


def _day_relative(text: str, document: date, future: bool) -> str | None:
    """Expressions that need the document's day: yesterday, on Sunday, last week, three days ago."""
    if text in _RELATIVE_DAYS:
        return (document + timedelta(days=_RELATIVE_DAYS[text])).isoformat()
    if (found := _weekday(text, document, future)) is not None:
        return found
    if match := re.fullmatch(r"(last|this|next) week", text):
        shift = {"last": -7, "this": 0, "next": 7}[match.group(1)]
        monday = document - timedelta(days=document.weekday()) + timedelta(days=shift)
        return _span(monday, monday + timedelta(days=6))
    if match := re.fullmatch(r"(\d+|" + "|".join(_NUMBERS) + r") days? ago", text):
        count = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS[match.group(1)]
        return (document - timedelta(days=count)).isoformat()
    return None


def _month_relative(text: str, document: date, future: bool = False) -> str | None:
    """Expressions that need the document's month: last month, in January, on 3 March."""
    if match := re.fullmatch(r"(last|this|next) month", text):
        month_index = document.year * 12 + document.month - 1 + {"last": -1, "this": 0, "next": 1}[match.group(1)]
        return _iso(month_index // 12, month_index % 12 + 1)
    if text in MONTHS or text.rstrip(".") in MONTHS:
        month = MONTHS[text.rstrip(".")]
        return _iso(_nearest_year(month, None, document, future), month)
    match = (re.fullmatch(rf"(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH})", text, re.I)
             or re.fullmatch(rf"(?P<month>{_MONTH})\s+(?P<day>{_DAY})", text, re.I))
    if match:
        month, day = MONTHS[match.group("month").rstrip(".")], _day_number(match.group("day"))
        return _iso(_nearest_year(month, day, document, future), month, day)
    return None


_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}  # last month of the season, north of the equator


def _year_relative(text: str, document: date) -> str | None:
    """ "last year"; "last spring", "this summer": the year of the season (not winter, which spans two)."""
    if match := re.fullmatch(r"(last|this|next) year", text):
        return _iso(document.year + {"last": -1, "this": 0, "next": 1}[match.group(1)])
    if match := re.fullmatch(r"(last|this|next) (spring|summer|autumn|fall)", text):
        which, end = match.group(1), _SEASON_END[match.group(2)]
        if which == "this":
            return _iso(document.year)
        if which == "last":
            return _iso(document.year if document.month > end else document.year - 1)
        return _iso(document.year if document.month < end - 2 else document.year + 1)
    return None


def resolve_expression(expression: str, document_date: str | None, future: bool = False) -> EventDate:
    """The date an expression of the text gives, against the document's date; unresolved when it cannot be.

    Args:
        expression: the words as written: "yesterday", "on Sunday", "last week",
            "in January", "on 3 March", "March 2024", "5 July 2022".
        document_date: the article's date (`Article.date`), or None.
        future: the sentence speaks of what is to come ("will meet on Sunday"):
            a weekday is then the next one, not the last.

    Returns:
        An EventDate with the expression's text; its `iso` is a day, month or
        year, or None when the expression is not a date kg reads or needs a
        more precise document date than there is. A week is given as the month
        (or year) that holds all of it, as ISO 8601 dates in RDF have no weeks.
        A month or day without a year is the last one up to the document's date
        (the next one from it with `future`).

    >>> resolve_expression("yesterday", "2024-03-05").iso, resolve_expression("on Sunday", "2024-03-05").iso
    ('2024-03-04', '2024-03-03')
    >>> resolve_expression("in January", "2024-03-05").iso, resolve_expression("yesterday", None).iso
    ('2024-01', None)
    """
    absolute = parse_date(expression)
    if absolute:
        return EventDate(expression, absolute)
    text = _strip(expression)
    if re.fullmatch(_YEAR, text):
        return EventDate(expression, text)
    iso = None
    if document_date:
        precision, document = date_precision(document_date), _as_date(document_date)
        if precision == "day":
            iso = _day_relative(text, document, future)
        if iso is None and precision in ("day", "month"):
            iso = _month_relative(text, document, future)
        if iso is None:
            iso = _year_relative(text, document)
    return EventDate(expression, iso)


def document_date(article_date: str | None) -> EventDate | None:
    """The date of an event the text does not date: the document's own, flagged as such; None without one."""
    return EventDate("", article_date, is_document_date=True) if article_date else None
