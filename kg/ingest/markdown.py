"""Plain text and headline of a Markdown article.

markdown-it-py parses the CommonMark; the text keeps what a reader reads
(headings, paragraphs, list items, block quotes) with the markup, link
targets, images, code, tables and raw HTML dropped, one block a line.
Offsets in the graph refer to this text, not to the Markdown source.
"""

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TITLE_FIELD = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_BREAKS = {"softbreak": " ", "hardbreak": "\n"}


def split_front_matter(source: str) -> tuple[str | None, str]:
    """(title field, rest) of a page with a YAML front matter block, as static-site generators write."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return None, source
    title = _TITLE_FIELD.search(match.group(1))
    return (title.group(1).strip("\"'") if title else None), source[match.end():]


def front_matter(source: str) -> str | None:
    """The YAML front matter block of a page (without its fences), or None."""
    match = _FRONT_MATTER.match(source)
    return match.group(1) if match else None


def _piece(child: Token) -> str:
    if child.type in ("text", "code_inline"):
        return child.content
    return _BREAKS.get(child.type, "")  # markup, link targets, images and inline HTML carry no words


def inline_text(token: Token) -> str:
    """The words of an inline token: emphasis, links and inline HTML reduced to their text."""
    return "".join(_piece(child) for child in token.children or ())


def _blocks(tokens: list[Token]) -> list[tuple[bool, str]]:
    """(is a heading, text) of every block outside tables."""
    blocks, in_table = [], 0
    for previous, token in zip([None, *tokens], tokens):
        in_table += {"table_open": 1, "table_close": -1}.get(token.type, 0)
        if token.type == "inline" and not in_table:
            text = inline_text(token).strip()
            if text:
                blocks.append((previous is not None and previous.type == "heading_open", text))
    return blocks


def extract_markdown(source: str) -> tuple[str | None, str]:
    """(headline, text): the front matter title or the first heading, and the text one block a line."""
    title, body = split_front_matter(source)
    blocks = _blocks(_PARSER.parse(body))
    if title is None:
        title = next((" ".join(text.split()) for heading, text in blocks if heading), None)
    return title, "\n".join(text for _, text in blocks)
