"""A per-article cache of Extraction records, so a rebuild parses only new or changed articles.

An entry is keyed by the article's content (its id, file name, title, text
and cleaned text) and lives under a folder named by the pipeline version: a
hash of the kg source files that affect extraction, the ontology data files,
the model's name and version, and the spaCy and pycountry versions. Changing
any of them gives a new version, so no stale record is ever read; the folders
of other versions are removed once a build has extracted its articles.

Entries are pickles of the frozen Extraction dataclasses. The cache is
trusted local data, like a build folder: never point `--cache` at files you
did not write yourself, since unpickling runs code. Every write goes to a
temporary file that is renamed into place (`os.replace`), so an interrupted
build never leaves a half-written entry; an entry that cannot be read (cut
short, corrupt, from another Python) counts as missing and is written again.
"""

import hashlib
import importlib.metadata
import os
import pickle
import re
import shutil
import time
import uuid
from pathlib import Path

from kg.chunking import MAX_PIECE_CHARS
from kg.config import Settings
from kg.records import Article, Extraction

CACHE_FORMAT = "kg-extraction-cache-2"  # 2: Article.date, Extraction.events
PACKAGE_DIR = Path(__file__).resolve().parent
# Source files and folders of the kg package whose code decides what an article's Extraction holds.
EXTRACTION_SOURCES = ("extract", "nlp", "gazetteer.py", "geography.py", "records.py", "chunking.py", "parallel.py")
_NOT_EXTRACTION_DATA = {".ttl", ".md"}  # the OWL ontology, shapes and READMEs are not read by extraction
_TEMP_PREFIX = ".tmp-"
_STALE_TEMP_SECONDS = 3600
_VERSION_DIR = re.compile(r"^[0-9a-f]{16}$")


def _files(root: Path, names: tuple[str, ...], suffix: str = ".py") -> list[Path]:
    found = []
    for name in names:
        path = root / name
        found += sorted(path.rglob(f"*{suffix}")) if path.is_dir() else [path]
    return found


def _package_version(name: str) -> str:
    for candidate in (name, name.replace("_", "-")):
        try:
            return importlib.metadata.version(candidate)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown"


def _model_fingerprint(model: str) -> str:
    """Name and version of an installed model package, or the meta and config of a model folder."""
    path = Path(model)
    if path.is_dir():
        parts = [(path / name).read_bytes() for name in ("meta.json", "config.cfg") if (path / name).exists()]
        return "folder:" + hashlib.sha256(b"\0".join(parts)).hexdigest()
    return f"{model}=={_package_version(model)}"


def pipeline_version(settings: Settings = Settings(), piece_chars: int = MAX_PIECE_CHARS) -> str:
    """A short hash of everything besides the article itself that decides its Extraction."""
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, _model_fingerprint(settings.model), f"spacy=={_package_version('spacy')}",
                 f"pycountry=={_package_version('pycountry')}", f"pieces={piece_chars}"):
        digest.update(part.encode("utf-8") + b"\0")
    sources = _files(PACKAGE_DIR, EXTRACTION_SOURCES)
    data = [p for p in sorted(Path(settings.ontology_dir).iterdir()) if p.is_file() and p.suffix not in _NOT_EXTRACTION_DATA]
    for root, paths in ((PACKAGE_DIR, sources), (Path(settings.ontology_dir), data)):
        for path in paths:
            digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def article_key(article: Article) -> str:
    """A hash of the article record: same file, same content, same key."""
    digest = hashlib.sha256()
    for part in (article.doc_id, article.source_file, article.title, article.text, article.clean_text,
                 article.date or ""):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


class ExtractionCache:
    """Extraction records on disk, one file per article, under `root/<pipeline version>/`."""

    def __init__(self, root: Path, version: str):
        self.root = Path(root)
        self.version = version
        self.folder = self.root / version
        self.hits = 0
        self.misses = 0
        self.write_error: str | None = None  # the first failed write; later entries are still tried

    def _path(self, article: Article) -> Path:
        key = article_key(article)
        return self.folder / key[:2] / f"{key}.pkl"

    def has(self, article: Article) -> bool:
        """Whether an entry exists for this article (it may still turn out unreadable)."""
        return self._path(article).is_file()

    def get(self, article: Article) -> Extraction | None:
        """The cached Extraction of this article, or None when missing or unreadable."""
        found = self.get_pickled(article)
        return found[0] if found is not None else None

    def get_pickled(self, article: Article) -> tuple[Extraction, bytes] | None:
        """The cached Extraction of this article and its pickle (to store elsewhere without pickling it again),
        or None when missing or unreadable."""
        path = self._path(article)
        try:
            data = path.read_bytes()
            record = pickle.loads(data)
        except FileNotFoundError:
            record = None
        except Exception:  # noqa: BLE001  (cut short, corrupt, incompatible: recompute)
            record = None
        if isinstance(record, Extraction) and record.article == article:
            self.hits += 1
            return record, data
        self.misses += 1
        return None

    def put(self, extraction: Extraction) -> None:
        """Store an Extraction atomically: a temporary file renamed over the entry.

        A failed write (full disk, read-only folder) is recorded in `write_error`, not raised.
        """
        path = self._path(extraction.article)
        temp = path.parent / f"{_TEMP_PREFIX}{uuid.uuid4().hex[:12]}.pkl"  # named first: `except` always finds it
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with temp.open("xb") as stream:
                pickle.dump(extraction, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        except OSError as exc:  # a full or read-only disk costs the cache, not the build
            _remove(temp)
            self.write_error = self.write_error or f"{path.parent}: {exc.strerror or exc}"
        except BaseException:
            _remove(temp)
            raise

    def prune(self) -> None:
        """Remove the entries of other pipeline versions and temporary files left by killed builds."""
        if not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.is_dir() and child.name != self.version and _VERSION_DIR.match(child.name):
                shutil.rmtree(child, ignore_errors=True)
        cutoff = time.time() - _STALE_TEMP_SECONDS
        for temp in self.folder.glob(f"*/{_TEMP_PREFIX}*"):
            try:
                if temp.stat().st_mtime < cutoff:
                    temp.unlink()
            except OSError:
                continue
