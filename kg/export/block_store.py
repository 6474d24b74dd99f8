"""The subject blocks of the last build, kept in the cache folder so a rebuild formats only what changed.

One SQLite file, `blocks.sqlite`: each block by the digest of its subject's
N-Triples lines, and the writing context (`fingerprint`) they are valid for.
A build looks blocks up a few hundred at a time, so they are never all in
memory. `kg build` updates the file in place (`BlockStore`): it inserts the
blocks it made and, once the outputs are in place, drops those it did not use,
in one transaction; `BlockWriter` writes the blocks used into a new file that
replaces the old one. Either way the file holds one graph's blocks, never more. Like the extraction cache it is trusted local data;
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


_SCHEMA = ("CREATE TABLE meta (format TEXT, fingerprint TEXT)",
           "CREATE TABLE blocks (digest BLOB, turtle TEXT, prefixes TEXT, is_class INTEGER, jsonld_key TEXT, jsonld TEXT)")
_INSERT = "INSERT INTO blocks VALUES (?, ?, ?, ?, ?, ?)"


def _create_tables(connection: sqlite3.Connection, fingerprint: str) -> None:
    for statement in _SCHEMA:
        connection.execute(statement)
    connection.execute("INSERT INTO meta VALUES (?, ?)", (BLOCKS_FORMAT, fingerprint))


def _row(digest: bytes, block: Block) -> tuple:
    return digest, block.turtle, " ".join(block.prefixes), int(block.is_class), block.jsonld_key, block.jsonld


def _select(connection: sqlite3.Connection, digests: list[bytes]) -> dict[bytes, Block]:
    """The saved blocks of those digests that have one (one query per few hundred digests)."""
    found = {}
    for start in range(0, len(digests), _LOOKUP):
        part = digests[start:start + _LOOKUP]
        try:
            rows = connection.execute("SELECT digest, turtle, prefixes, is_class, jsonld_key, jsonld FROM blocks "
                                      f"WHERE digest IN ({', '.join('?' * len(part))})", part).fetchall()
        except sqlite3.Error:
            continue
        for digest, turtle, prefixes, is_class, key, text in rows:
            found[digest] = Block(turtle, tuple(prefixes.split(" ")) if prefixes else (), bool(is_class), key, text)
    return found


class BlockReader:
    """Blocks of the last build, read on demand."""

    def __init__(self, connection: sqlite3.Connection, fingerprint: str):
        self.connection = connection
        self.fingerprint = fingerprint

    def get(self, digest: bytes) -> Block | None:
        return self.get_many([digest]).get(digest)

    def get_many(self, digests: list[bytes]) -> dict[bytes, Block]:
        """The saved blocks of those digests that have one (one query per few hundred digests)."""
        return _select(self.connection, digests)

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
            _create_tables(self.connection, fingerprint)
        except (OSError, sqlite3.Error) as exc:
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        self.error = self.error or f"{self.path}: {getattr(exc, 'strerror', None) or exc}"
        self.abort()

    def put(self, digest: bytes, block: Block) -> None:
        if self.connection is None:
            return
        self.rows.append(_row(digest, block))
        if len(self.rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        try:
            self.connection.executemany(_INSERT, self.rows)
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


class BlockStore:
    """The saved blocks read and updated in place, in one transaction: what a build uses, kept; the rest, dropped.

    What `open_blocks` and `BlockWriter` do together, without writing every block again: a rebuild that adds
    an article inserts the few blocks it made and deletes those no subject of this graph has any more, and
    the file still holds one graph's blocks. Nothing changes on disk until `commit` (after the outputs are in
    place); `abort`, a failed build or a killed process (SQLite's journal) leave the saved blocks as they
    were. A file that cannot be read, or that another writer version or context made, starts empty. When
    another build holds the file, this build neither reads nor saves blocks (`error` says so).
    """

    def __init__(self, cache_dir: Path, fingerprint: str):
        self.path = Path(cache_dir) / BLOCKS_FILE
        self.fingerprint = fingerprint
        self.connection: sqlite3.Connection | None = None
        self.error: str | None = None
        self.known: set[bytes] = set()  # digests saved (found by `get_many`) or inserted by this build
        self.used: set[bytes] = set()  # digests of this build's subjects
        self.rows: list[tuple] = []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._open()
        except sqlite3.OperationalError as exc:  # locked by another build, or cannot be opened: left alone
            self._fail(exc)
        except sqlite3.DatabaseError:  # not a database, or cut short: made anew
            self._close()
            try:
                self.path.unlink(missing_ok=True)
                self._open()
            except (OSError, sqlite3.Error) as exc:
                self._fail(exc)
        except (OSError, sqlite3.Error) as exc:
            self._fail(exc)

    def _open(self) -> None:
        self.connection = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        self.connection.execute("PRAGMA synchronous = OFF")  # a cache: SQLite's journal still undoes a killed build
        self.connection.execute("BEGIN IMMEDIATE")  # no other build writes it meanwhile
        tables = {name for (name,) in self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        meta = self.connection.execute("SELECT format, fingerprint FROM meta").fetchone() if "meta" in tables else None
        if meta is None or meta[0] != BLOCKS_FORMAT or "blocks" not in tables:
            for table in tables:
                self.connection.execute(f'DROP TABLE "{table}"')
            _create_tables(self.connection, self.fingerprint)
            self.connection.execute("CREATE INDEX by_digest ON blocks (digest)")
        elif meta[1] != self.fingerprint:  # blocks written for other prefixes or code: none is valid
            self.connection.execute("DELETE FROM blocks")
            self.connection.execute("UPDATE meta SET fingerprint = ?", (self.fingerprint,))

    def _fail(self, exc: Exception) -> None:
        busy = isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
        reason = "in use by another build" if busy else (getattr(exc, "strerror", None) or exc)
        self.error = self.error or f"{self.path}: {reason}"
        self.abort()

    def get_many(self, digests: list[bytes]) -> dict[bytes, Block]:
        """The saved blocks of those digests that have one (one query per few hundred digests)."""
        if self.connection is None:
            return {}
        found = _select(self.connection, digests)
        self.known.update(found)
        return found

    def get(self, digest: bytes) -> Block | None:
        return self.get_many([digest]).get(digest)

    def put(self, digest: bytes, block: Block) -> None:
        """A block this build uses: inserted when it is not saved yet."""
        if self.connection is None:
            return
        self.used.add(digest)
        if digest in self.known:
            return
        self.known.add(digest)
        self.rows.append(_row(digest, block))
        if len(self.rows) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        try:
            self.connection.executemany(_INSERT, self.rows)
        except sqlite3.Error as exc:
            self._fail(exc)
        self.rows = []

    def commit(self) -> str | None:
        """Keep this build's blocks, drop the others; the reason when they could not be saved."""
        if self.connection is not None and self.rows:
            self._flush()
        if self.connection is not None:
            try:
                self.connection.execute("CREATE TEMP TABLE used (digest BLOB PRIMARY KEY) WITHOUT ROWID")
                self.connection.executemany("INSERT INTO used VALUES (?)", ((d,) for d in self.used))
                self.connection.execute("DELETE FROM blocks WHERE digest NOT IN (SELECT digest FROM used)")
                self.connection.execute("COMMIT")
            except (OSError, sqlite3.Error) as exc:
                self._fail(exc)
        self._close()
        return self.error

    def abort(self) -> None:
        """Leave the saved blocks as they were."""
        if self.connection is not None:
            try:
                if self.connection.in_transaction:
                    self.connection.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        self._close()

    def _close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except sqlite3.Error:
                pass
            self.connection = None
