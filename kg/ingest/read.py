"""Find article files and read them into `Article` records.

Plain text (`.txt`) is read as it is. HTML (`.html`, `.htm`) and Markdown
(`.md`, `.markdown`) are reduced to their plain text first (`kg.ingest.html`,
`kg.ingest.markdown`): for them `Article.text` is that extracted text,
headline first, and every offset in the graph refers to it.
"""

import codecs
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.clean import clean
from kg.ingest.dates import date_of_front_matter, date_of_text, parse_date
from kg.ingest.html import declared_charset, extract_html
from kg.ingest.markdown import extract_markdown, front_matter
from kg.records import Article

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
ARTICLE_SUFFIXES = (".txt", *HTML_SUFFIXES, *MARKDOWN_SUFFIXES)
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Labels browsers decode as Windows-1252, which the fallback below already does better than Latin-1.
_WINDOWS_1252_ALIASES = {"ascii", "iso8859-1", "cp1252"}
_CONTROL_SHARE_OF_BINARY = 0.05
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")
_LINE_BREAKS = re.compile(r"\r\n?|[\x85\u2028\u2029]")
_MAX_TITLE = 160


def _windows_1252_char(byte: int) -> str:
    """A byte as Windows-1252 reads it; the five bytes it leaves undefined as their Latin-1 controls (as browsers do)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_WINDOWS_1252 = tuple(_windows_1252_char(b) for b in range(256))


def _windows_1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252."""
    return "".join(_WINDOWS_1252[b] for b in error.object[error.start:error.end]), error.end


codecs.register_error("kg-windows-1252", _windows_1252_fallback)


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


def _decode_marked(data: bytes, name: str) -> str | None:
    """The text of bytes that start with a byte-order mark; None without one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name}: not valid {encoding.upper()} text despite its byte-order mark") from None
    return None


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    """The text in a page's declared encoding, when Python knows it and the bytes fit it."""
    try:
        encoding = codecs.lookup(declared).name if declared else None
    except LookupError:
        return None
    if encoding is None or encoding in _WINDOWS_1252_ALIASES:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    """Control characters beyond whitespace in more than a few places: not text in any encoding we guessed."""
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return controls > _CONTROL_SHARE_OF_BINARY * len(text)


def decode(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode article bytes: a BOM decides, else UTF-8, else the declared encoding, else Windows-1252.

    Valid UTF-8 stretches stay UTF-8 even when a few stray bytes are not, so a
    UTF-8 file with one Windows-1252 smart quote reads right throughout.

    Raises:
        InputError: the bytes are binary (NUL bytes, or mostly control characters) or break their BOM's encoding.
    """
    text = _decode_marked(data, name)
    if text is None and b"\x00" in data:
        raise InputError(f"{name}: binary file, not a text article (NUL bytes; UTF-16 needs a byte-order mark)")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_declared(data, declared)
    if text is None:
        text = data.decode("utf-8", errors="kg-windows-1252")
        if _looks_binary(text):
            raise InputError(f"{name}: binary file, not a text article (not UTF-8 or Windows-1252 text)")
    if "\x00" in text:
        raise InputError(f"{name}: binary file, not a text article (NUL characters)")
    return text.lstrip("\ufeff")  # a second byte-order mark, or one the BOM's codec kept


def title_of(clean_text: str, doc_id: str) -> str:
    """The headline: the first line when it reads like one, else its opening words."""
    first = next((line.strip() for line in clean_text.split("\n") if line.strip()), "")
    if not first:
        return doc_id
    if not _SENTENCE_END.search(first) and len(first) <= _MAX_TITLE:
        return first
    words = first.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def normalise_newlines(text: str) -> str:
    """CRLF, CR, NEL and the Unicode line and paragraph separators as plain newlines."""
    return _LINE_BREAKS.sub("\n", text)


def _headline_first(title: str | None, text: str) -> str:
    """Text that opens with its headline, as a plain-text article does, so the headline is read too."""
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n{text}"


def _text_title_date(path: Path, data: bytes) -> tuple[str, str | None, str | None]:
    """The article's text; for HTML and Markdown, the headline their markup gives; the date the input states."""
    name, suffix = str(path), path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        title, text, stated = extract_html(decode(data, name, declared_charset(data)), name)
        return _headline_first(title, text), title, stated and parse_date(stated)
    if suffix in MARKDOWN_SUFFIXES:
        source = normalise_newlines(decode(data, name))
        title, text = extract_markdown(source)
        front = front_matter(source)
        return _headline_first(title, text), title, front and date_of_front_matter(front)
    text = decode(data, name)
    return text, None, date_of_text(normalise_newlines(text))


def document_ids(paths: Iterable[Path]) -> dict[Path, str]:
    """The document id of each file: its stem, unless another file has the same stem.

    `a/report.txt`, `b/report.txt` and `report.html` would all be "report", and
    their documents would merge into one node; each of them gets the stem plus a
    short hash of its path instead, stable from one build of the same inputs to the next.
    """
    paths = list(paths)
    stems = Counter(path.stem for path in paths)
    return {path: path.stem if stems[path.stem] == 1 else f"{path.stem}_{_path_hash(path)}" for path in paths}


def _path_hash(path: Path) -> str:
    return hashlib.sha256(path.as_posix().encode("utf-8", "surrogateescape")).hexdigest()[:8]


def read_article(path: Path, doc_id: str | None = None, date: str | None = None) -> Article:
    """Read one article file (plain text, HTML or Markdown); its id is `doc_id`, else the file's stem.

    For HTML and Markdown, `text` and every offset refer to the extracted
    plain text, not to the file's markup; `source_file` is still the file name.
    `date` (ISO 8601, as `kg build --date` gives it) overrides the date the
    file states (`kg.ingest.dates`); never the file's modification time.

    Raises:
        InputError: unreadable, binary or empty file, or an HTML page without text.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    text, title, stated_date = _text_title_date(path, data)
    text = normalise_newlines(text)
    cleaned = clean(text)
    if not cleaned.strip():
        raise InputError(f"{path}: empty article (no text after removing page furniture)")
    doc_id = doc_id or path.stem
    return Article(doc_id=doc_id, source_file=path.name, title=title or title_of(cleaned, doc_id),
                   text=text, clean_text=cleaned, date=date or stated_date or None)


def read_articles(paths: Iterable[Path]) -> Iterator[Article]:
    """Read every article under the given files and folders, in a stable order."""
    paths = collect_inputs(paths)
    ids = document_ids(paths)
    for path in paths:
        yield read_article(path, ids[path])
