"""The page made in a process of its own, beside the RDF files: the same `PageStream`, fed through a pipe.

The page (`kg.export.page_stream`) and the RDF files (`kg.export.stream_files`)
are made from the same triples and need nothing of each other, and each takes
seconds of a warm rebuild; with a second core free the page is made there while
this process formats and writes the files, and this process then computes the
overview's Louvain communities while the child writes the data files, which do
not need them. The child is a new interpreter, not a fork: it starts small
rather than as a copy of a builder that may hold the spaCy model and the entity
index (the peak RSS of a build is that of its whole process tree), and, unlike
multiprocessing's spawn, it never imports the caller's main module, so
`kg.build` needs no `if __name__ == "__main__"` guard in a script. It runs the
very same `PageStream` calls in the same order, so the page is byte for byte
the one made in this process (tests compare them).

Articles go in batches (`BATCH` articles a message); a full pipe makes the
builder wait for the page, so at most a few batches are in flight.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import KgError
from kg.graph.terms import Triple

# Module settings the page reads, handed to the child as this process has them (tests lower them)
TUNABLES = (("kg.export.html_page", "PAGE_MAX_NODES"), ("kg.export.html_page", "PAGE_MAX_BYTES"),
            ("kg.export.html_page", "LARGE_GRAPH_NODES"), ("kg.export.page_stream", "SPILL_CHARS"))
BATCH = 32  # articles a message: few enough to keep the pipe moving, enough to make pickling cheap
MIN_ARTICLES = 200  # smaller builds make their page in this process: spawning costs more than it saves


def spare_core() -> bool:
    """Whether a second core is free now: this process may use two or more, and no more than one fewer threads
    than that are running or ready to run, this one included. On a machine whose other cores are busy a second
    process only adds the cost of handing the work over."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores > 1 and cores - _running() >= 1


def _running() -> float:
    """Threads running or ready to run, this one included: the fewest of three looks 10 ms apart at
    /proc/loadavg (a busy build elsewhere is always ready to run; a short task is seldom in all three), else the
    load average of the last minute (which also counts what ran here before)."""
    try:
        counts = []
        for look in range(3):
            if look:
                time.sleep(0.01)
            counts.append(int(Path("/proc/loadavg").read_text().split()[3].split("/")[0]))
        return min(counts)
    except (OSError, ValueError, IndexError):
        try:
            return os.getloadavg()[0]
        except (AttributeError, OSError):  # no load average on this system
            return 1.0


def _tunables() -> dict[tuple[str, str], object]:
    import importlib

    return {(module, name): getattr(importlib.import_module(module), name) for module, name in TUNABLES}


_CHILD = ("import json, sys; sys.path[:0] = json.loads(sys.argv[1]); "
          "from kg.export.page_process import serve; serve(int(sys.argv[2]), int(sys.argv[3]))")


def serve(reading: int, writing: int) -> None:
    """The child: a PageStream fed by `PageProcess`'s messages on the pipe `reading` until "finish"; the answer on
    `writing`."""
    import gc
    import importlib

    gc.disable()  # millions of acyclic records, as in the builder (`kg.builder._gc_paused`)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the builder stops on Ctrl-C and ends this process
    inbox, outbox = Connection(reading, writable=False), Connection(writing, readable=False)
    try:
        folder, tunables = inbox.recv()
        for (module, name), value in tunables.items():
            setattr(importlib.import_module(module), name, value)
        from kg.export.page_stream import PageStream

        page = PageStream(Path(folder))
        while True:
            message = inbox.recv()
            if message[0] == "articles":
                for local, mentioned in message[1]:
                    page.add_article(local, mentioned)
            else:
                _, held, staging, title = message
                outbox.send(("done", page.finish(held, Path(staging), title, _communities_elsewhere(inbox, outbox))))
                return
    except EOFError:  # the builder went away
        return
    except BaseException as exc:  # noqa: BLE001  (handed back to the builder, which raises it)
        try:
            outbox.send(("error", exc if isinstance(exc, KgError) else
                         KgError(f"the page failed: {type(exc).__name__}: {exc}")))
        except Exception:  # noqa: BLE001
            pass


def _communities_elsewhere(inbox: Connection, outbox: Connection):
    """`write_overview`'s `communities`: the builder, idle once its files are written, runs Louvain while this
    process writes the data files. The request goes from a thread, so the data files start at once."""
    import threading

    def start(ids: list[str], edges: list) -> Callable[[], list[list[str]]]:
        sender = threading.Thread(target=outbox.send, args=(("communities", (ids, edges)),), daemon=True)
        sender.start()

        def result() -> list[list[str]]:
            sender.join()
            kind, value = inbox.recv()
            assert kind == "communities", kind
            return value

        return result

    return start


class PageProcess:
    """`PageStream`'s `add_article` and `finish`, run in a child process (see the module docstring).

    `close()` ends the child when the build stops before `finish`; it must be
    called before the staging folder the child writes into is removed.
    """

    def __init__(self, folder: Path):
        to_child, from_parent = os.pipe()
        from_child, to_parent = os.pipe()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _CHILD, json.dumps(sys.path), str(to_child), str(to_parent)],
                pass_fds=(to_child, to_parent), stdin=subprocess.DEVNULL)
        finally:
            os.close(to_child)
            os.close(to_parent)
        self.outbox = Connection(from_parent, readable=False)
        self.inbox = Connection(from_child, writable=False)
        self.batch: list[tuple[list[Triple], list[str]]] = []
        self.finishing = False
        self._send((str(folder), _tunables()))

    def add_article(self, triples: list[Triple], mentioned: list[str] = ()) -> None:
        self.batch.append((triples, list(mentioned)))
        if len(self.batch) >= BATCH:
            self._send(("articles", self.batch))
            self.batch = []

    def start_finish(self, held: list[Triple], staging: Path, title: str) -> None:
        """Have the child write the page into `staging` (as `PageStream.finish`) while this process goes on."""
        if self.batch:
            self._send(("articles", self.batch))
            self.batch = []
        self._send(("finish", held, str(staging), title))
        self.finishing = True

    def finish(self, held: list[Triple], staging: Path, title: str) -> list[str]:
        """Write the page into `staging` (as `PageStream.finish`), or wait for it after `start_finish`; the names."""
        if not self.finishing:
            self.start_finish(held, staging, title)
        kind, value = self._receive()
        if kind == "communities":  # an overview: its Louvain communities are computed here meanwhile
            from kg.export.overview import communities_of

            self._send(("communities", communities_of(*value)))
            kind, value = self._receive()
        self.process.wait()
        if kind == "error":
            raise value
        return value

    def _send(self, message: tuple) -> None:
        try:
            self.outbox.send(message)
        except (BrokenPipeError, ConnectionResetError, EOFError):
            kind, value = self._receive()  # the child stopped: its error, if it could say it
            raise value if kind == "error" else KgError("the page process stopped")

    def _receive(self) -> tuple[str, object]:
        try:
            return self.inbox.recv()
        except (EOFError, ConnectionResetError, OSError):
            code = self.process.wait()
            return "error", KgError(f"the page process ended (exit code {code}) before the page was made")

    def close(self) -> None:
        """End the child, whatever it is doing (a no-op once `finish` returned)."""
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait()
        self.outbox.close()
        self.inbox.close()
