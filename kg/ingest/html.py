"""Article text and headline of an HTML page.

trafilatura finds the article body and drops navigation, scripts, styles,
cookie banners, comments and other page boilerplate. The text it returns
(with the headline put first by `kg.ingest.read`) is the article's text:
offsets in the graph refer to it, not to the HTML source.
"""

import re

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement

from kg.errors import InputError

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
                      rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096  # browsers look for the <meta charset> in the first 1024 bytes; allow long heads
# Characters XML cannot hold: lxml refuses them in text nodes, and HTML treats them as parse errors.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, collect_ids=False,
                               default_doctype=False)


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in `<meta charset>` or its XML declaration, if any."""
    match = _CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) if text and text.strip() else None


def parse_page(page: str) -> HtmlElement | None:
    """The page as a full document tree, or None when it has no markup or text at all.

    Parsed here rather than by trafilatura, which drops fragments and plain text
    ("<p>...</p>" alone) as "not HTML"; lxml wraps them in html and body.
    """
    try:
        return lxml.html.document_fromstring(_NOT_XML.sub("", page).encode("utf-8"), parser=_PARSER)
    except ParserError:  # "Document is empty"
        return None


# Dates only from the page's markup (meta tags, JSON-LD, <time>), never guessed from its text; no "today" bound,
# so the same page gives the same date on any day.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "9999-12-31"}


def extract_html(page: str, name: str) -> tuple[str | None, str, str | None]:
    """(headline, text, publication date) of an HTML page, the text one paragraph a line.

    The date is what the page's metadata states (trafilatura), as "YYYY-MM-DD", or None.

    Raises:
        InputError: the page holds no article text.
    """
    import trafilatura  # 60 ms to import: paid only by builds that read HTML

    tree = parse_page(page)
    document = None if tree is None else trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
        date_extraction_params=_DATE_PARAMS)
    if document is None or not (document.text or "").strip():
        raise InputError(f"{name}: no article text found in the HTML page")
    return _one_line(document.title), document.text.strip(), document.date or None
