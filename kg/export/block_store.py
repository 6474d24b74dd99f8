"""The subject blocks of the last build, kept in the cache folder so a rebuild formats only what changed.

One SQLite file, `blocks.sqlite`: each block by the digest of its subject's
N-Triples lines, and the writing context (`fingerprint`) they are valid for.
A build looks blocks up one at a time (`BlockReader.get`), so they are never
all in memory, and writes the blocks it used into a new file that replaces the
old one once the outputs are in place (`BlockWriter.commit`): the file holds one
graph's blocks, never more. Like the extraction cache it is trusted local data;
a file that cannot be read, or that another writer version made, counts as empty.
"""

import os
import sqlite3
import uuid
from pathlib import Path

from kg.export.writers import Block

BLOCKS_FILE = "blocks.sqlite"
BLOCKS_FORMAT = "kg-blocks-3"
_BATCH = 10_000
_LOOKUP = 500  # digests per query, under SQLite's limit of bound parameters


class BlockReader:
    """Blocks of the last build, read on demand."""

    def __init__(self, connection: sqlite3.Connection, fingerprint: str):
        self.connection = connection
        self.fingerprint = fingerprint

    def get(self, digest: bytes) -> Block | None:
        return self.get_many([digest]).get(digest)

    def get_many(self, digests: list[bytes]) -> dict[bytes, Block]:
        """The saved blocks of those digests that have one (one query per few hundred digests)."""
        found = {}
        for start in range(0, len(digests), _LOOKUP):
            part = digests[start:start + _LOOKUP]
            try:
                rows = self.connection.execute("SELECT digest, turtle, prefixes, is_class, jsonld_key, jsonld FROM blocks "
                                               f"WHERE digest IN ({', '.join('?' * len(part))})", part).fetchall()
            except sqlite3.Error:
                continue
            for digest, turtle, prefixes, is_class, key, text in rows:
                found[digest] = Block(turtle, tuple(prefixes.split(" ")) if prefixes else (), bool(is_class), key, text)
        return found

    def close(self) -> None:
        self.connection.close()


def open_blocks(cache_dir: Path | None) -> BlockReader | None:
    """The blocks saved by the last build in `cache_dir`, or None."""
    if cache_dir is None or not (Path(cache_dir) / BLOCKS_FILE).is_file():
        return None
    try:
        connection = sqlite3.connect(f"file:{Path(cache_dir) / BLOCKS_FILE}?mode=ro", uri=True)
        form, fingerprint = connection.execute("SELECT format, fingerprint FROM meta").fetchone()
    except (sqlite3.Error, TypeError, ValueError):  # missing, cut short, corrupt, another shape of file
        return None
    if form != BLOCKS_FORMAT:
        connection.close()
        return None
    return BlockReader(connection, fingerprint)


class BlockWriter:
    """The blocks of this build, written to a temporary file that `commit` renames over the saved ones.

    A failure to write never fails a build: `error` says why, and the saved blocks stay as they were.
    """

    def __init__(self, cache_dir: Path, fingerprint: str):
        self.path = Path(cache_dir) / BLOCKS_FILE
        self.temp = self.path.parent / f".tmp-{uuid.uuid4().hex[:12]}-{BLOCKS_FILE}"
        self.rows: list[tuple] = []
        self.error: str | None = None
        self.connection = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(self.temp)
            self.connection.execute("PRAGMA journal_mode = OFF")
            self.connection.execute("PRAGMA synchronous = OFF")
            self.connection.execute("CREATE TABLE meta (format TEXT, fingerprint TEXT)")
            self.connection.execute("INSERT INTO meta VALUES (?, ?)", (BLOCKS_FORMAT, fingerprint))
            self.connection.execute("CREATE TABLE blocks (digest BLOB, turtle TEXT, prefixes TEXT, "
                                    "is_class INTEGER, jsonld_key TEXT, jsonld TEXT)")
        except (OSError, sqlite3.Error) as exc:
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        self.error = self.error or f"{self.path}: {getattr(exc, 'strerror', None) or exc}"
        self.abort()

    def put(self, digest: bytes, block: Block) -> None:
        if self.connection is None:
            return
        self.rows.append((digest, block.turtle, " ".join(block.prefixes), int(block.is_class),
                          block.jsonld_key, block.jsonld))
        if len(self.rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        try:
            self.connection.executemany("INSERT INTO blocks VALUES (?, ?, ?, ?, ?, ?)", self.rows)
        except sqlite3.Error as exc:
            self._fail(exc)
        self.rows = []

    def commit(self) -> str | None:
        """Replace the saved blocks with this build's; the reason when they could not be written."""
        if self.connection is not None:
            self._flush()
        if self.connection is not None:
            try:
                # indexed once all are in: cheaper than keeping an index of random digests in order row by row
                self.connection.execute("CREATE INDEX by_digest ON blocks (digest)")
                self.connection.commit()
                self.connection.close()
                self.connection = None
                os.replace(self.temp, self.path)
            except (OSError, sqlite3.Error) as exc:
                self._fail(exc)
        self.abort()
        return self.error

    def abort(self) -> None:
        """Drop this build's blocks (the saved ones stay)."""
        if self.connection is not None:
            try:
                self.connection.close()
            except sqlite3.Error:
                pass
            self.connection = None
        try:
            self.temp.unlink(missing_ok=True)
        except OSError:
            pass
