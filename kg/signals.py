"""Stop cleanly on SIGTERM, SIGINT and SIGHUP: raise, so every `finally` clean-up runs.

Python dies on SIGTERM without running `finally` blocks; inside
`stop_on_signals()` the signal raises SystemExit (SIGINT raises
KeyboardInterrupt as usual), so staging folders and temporary cache files are
removed and the previous output stays as it was. A second signal while the
clean-up runs is ignored, so the clean-up finishes. `deferred_signals()`
marks a short critical section (renaming outputs into place): a signal that
arrives inside it is raised when it ends, so the outputs are replaced all
together or not at all.
"""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_EXIT_CODES = {signal.SIGTERM: 128 + signal.SIGTERM, signal.SIGHUP: 128 + signal.SIGHUP}
_state = {"stopping": False, "deferring": 0, "pending": None}


def _raise_for(signum: int) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(_EXIT_CODES.get(signum, 128 + signum))


def _handler(signum: int, _frame) -> None:
    if _state["stopping"]:
        return
    if _state["deferring"]:
        _state["pending"] = _state["pending"] or signum
        return
    _state["stopping"] = True
    _raise_for(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGTERM/SIGHUP raise SystemExit and SIGINT raises KeyboardInterrupt.

    Does nothing outside the main thread (where Python cannot install handlers).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    _state.update(stopping=False, deferring=0, pending=None)
    for sig in previous:
        signal.signal(sig, _handler)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        _state.update(stopping=False, deferring=0, pending=None)


@contextmanager
def deferred_signals() -> Iterator[None]:
    """A critical section: a signal arriving inside is raised when the section ends."""
    _state["deferring"] += 1
    try:
        yield
    finally:
        _state["deferring"] -= 1
    pending = _state["pending"]
    if pending and not _state["deferring"]:
        _state.update(pending=None, stopping=True)
        _raise_for(pending)
