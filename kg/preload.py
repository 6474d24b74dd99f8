"""An extraction process started before the corpus is read, so the model loads while the builder reads.

A rebuild with a cache parses only the articles that are new or changed, one
or a few; with one worker it used to read the corpus and the cached records
first and only then load the spaCy model and GeoNames' tables (seconds of the
rebuild). `PreloadedWorker` forks one process at the start of the build that
loads them at once, on the second core, then waits for the articles to parse;
a build that finds nothing to parse ends it. It runs `kg.parallel`'s serial
extraction over the same articles in the same order, so its records are the
ones this process would make.

Kept out of `kg.parallel`, whose source is part of the extraction cache's
version (`kg.cache.EXTRACTION_SOURCES`): how a process is started does not
change what an article's records hold.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection

from kg.config import Settings
from kg.errors import KgError
from kg.parallel import Indexed, Result, _context, _pipeline, extract_serial


def _warm(settings: Settings) -> None:
    """Load what extraction loads on first use: the pipeline, the gazetteer, GeoNames' towns and countries."""
    from kg.gazetteer import city_names, load_gazetteer
    from kg.geography import country_of_town, region_names

    _pipeline(settings)
    load_gazetteer(settings.ontology_dir)
    city_names()
    region_names()
    country_of_town("Calais")


def _serve(connection: Connection, settings: Settings, piece_chars: int) -> None:
    """The child: load, then parse each list of articles sent, sending back (index, result) pairs and None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the builder handles Ctrl-C and ends this process
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        _warm(settings)
        while True:
            items = connection.recv()
            if items is None:
                return
            for pair in extract_serial(items, settings, piece_chars):
                connection.send(pair)
            connection.send(None)
    except EOFError:  # the builder went away
        return
    except BaseException as exc:  # noqa: BLE001  (handed to the builder, which raises it)
        try:
            connection.send(exc if isinstance(exc, KgError) else KgError(f"extraction failed: {type(exc).__name__}: {exc}"))
        except Exception:  # noqa: BLE001
            pass


class PreloadedWorker:
    """One forked process that loads the extraction pipeline now and parses the articles given later.

    `close()` ends it (nothing to parse, or the build stopped); use it as a context manager.
    """

    def __init__(self, settings: Settings, piece_chars: int):
        context = _context()
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, settings, piece_chars), daemon=True,
                                       name="kg-extract")
        self.process.start()
        child.close()

    def extract(self, items: Sequence[Indexed]) -> Iterator[tuple[int, Result]]:
        """Send `items` to the process at once (it starts on them as soon as it is loaded); yields (index, result)."""
        self.connection.send(list(items))
        return self._results()

    def _results(self) -> Iterator[tuple[int, Result]]:
        while True:
            try:
                message = self.connection.recv()
            except (EOFError, ConnectionResetError, OSError):
                self.process.join(timeout=5)
                raise KgError(f"the extraction process ended (exit code {self.process.exitcode})") from None
            if message is None:
                return
            if isinstance(message, BaseException):
                raise message
            yield message

    def close(self) -> None:
        """Let the process go (or end it, when it is still loading or parsing)."""
        if self.process.is_alive():
            try:
                self.connection.send(None)
            except (BrokenPipeError, ConnectionResetError, OSError):
                pass
            self.process.join(timeout=0.05)
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.connection.close()

    def __enter__(self) -> PreloadedWorker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
