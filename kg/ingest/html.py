"""Article text and headline of an HTML page.

trafilatura finds the article body and drops navigation, scripts, styles,
cookie banners, comments and other page boilerplate. The text it returns
(with the headline put first by `kg.ingest.read`) is the article's text:
offsets in the graph refer to it, not to the HTML source.
"""

import re

import trafilatura

from kg.errors import InputError

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
                      re.IGNORECASE)
_SNIFF_BYTES = 4096  # browsers look for the <meta charset> in the first 1024 bytes; allow long heads


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in `<meta charset>` or its XML declaration, if any."""
    match = _CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) if text and text.strip() else None


def _body_and_title(page: str) -> tuple[str, str | None]:
    """The main text and headline by trafilatura, or the page's bare text when it finds no article."""
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                           include_tables=False, include_images=False)
    if document is not None and document.text and document.text.strip():
        return document.text, _one_line(document.title)
    return trafilatura.html2txt(page, clean=True), None


def extract_html(page: str, name: str) -> tuple[str | None, str]:
    """(headline, text) of an HTML page, one paragraph a line.

    Raises:
        InputError: the page holds no readable text.
    """
    body, title = _body_and_title(page)
    body = body.strip()
    if not body:
        raise InputError(f"{name}: no article text found in the HTML page")
    return title, body
