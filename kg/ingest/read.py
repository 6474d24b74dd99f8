"""Find article files and read them into `Article` records."""

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.clean import clean
from kg.records import Article

ARTICLE_SUFFIXES = (".txt",)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")
_MAX_TITLE = 160


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders into a sorted list of article files.

    Raises:
        InputError: a path does not exist, or a folder holds no article.
    """
    found: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            articles = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES]
            if not articles:
                raise InputError(f"{path}: folder holds no article ({', '.join(ARTICLE_SUFFIXES)} files)")
            found.update(articles)
        else:
            found.add(path)
    return sorted(found, key=lambda p: (p.name, str(p)))


def decode(data: bytes, name: str) -> str:
    """Decode article bytes: a BOM decides, else UTF-8, else Windows-1252.

    Raises:
        InputError: the bytes are binary (NUL bytes) or decode to nothing useful.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if b"\x00" in data:
        raise InputError(f"{name}: binary file, not a text article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 or Windows-1252 text") from None


def title_of(clean_text: str, doc_id: str) -> str:
    """The headline: the first line when it reads like one, else its opening words."""
    first = next((line.strip() for line in clean_text.split("\n") if line.strip()), "")
    if not first:
        return doc_id
    if not _SENTENCE_END.search(first) and len(first) <= _MAX_TITLE:
        return first
    words = first.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def read_article(path: Path) -> Article:
    """Read one article file.

    Raises:
        InputError: unreadable, binary or empty file.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    text = decode(data, str(path)).replace("\r\n", "\n").replace("\r", "\n")
    cleaned = clean(text)
    if not cleaned.strip():
        raise InputError(f"{path}: empty article (no text after removing page furniture)")
    doc_id = path.stem
    return Article(doc_id=doc_id, source_file=path.name, title=title_of(cleaned, doc_id), text=text, clean_text=cleaned)


def read_articles(paths: Iterable[Path]) -> Iterator[Article]:
    """Read every article under the given files and folders, in a stable order."""
    for path in collect_inputs(paths):
        yield read_article(path)
