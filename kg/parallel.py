"""Per-article NLP and extraction, in this process, in worker processes, or on a dask cluster.

Every executor runs the same function over the same articles and yields
`(index, result)` pairs, where a result is the article's Extraction or a
`Failed` record saying why it could not be extracted. Results may come in
any order; the caller puts them back in input order before the merge, so the
graph does not depend on the executor or the number of workers.
"""

import multiprocessing
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from kg.chunking import MAX_PIECE_CHARS, join_pieces, pieces_of
from kg.config import Settings
from kg.errors import KgError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.records import Article, Extraction

EXECUTORS = ("local", "dask")
PIPE_BATCH = 16
TASK_ARTICLES = 8  # articles per task sent to a worker process or a dask worker
CONNECT_TIMEOUT = "15s"  # to reach a dask scheduler


@dataclass(frozen=True)
class Failed:
    """An article whose extraction raised: skipped, with the reason."""

    reason: str


Result = Extraction | Failed
Indexed = tuple[int, Article]


def extract_with(nlp, gazetteer: Gazetteer, articles: Sequence[Article],
                 piece_chars: int = MAX_PIECE_CHARS) -> Iterator[tuple[int, Result]]:
    """Parse and extract each article, long ones in pieces; yields (position in `articles`, result) in order."""
    from kg.extract.article import extract_article  # spaCy-heavy: imported where the model runs

    def pieces():
        for i, article in enumerate(articles):
            parts = pieces_of(article, piece_chars)
            for j, (offset, piece) in enumerate(parts):
                yield piece.clean_text, (i, j == len(parts) - 1, offset, piece)

    done: list[tuple[int, Extraction]] = []
    failure: str | None = None
    for doc, (i, last, offset, piece) in nlp.pipe(pieces(), as_tuples=True, batch_size=PIPE_BATCH):
        if failure is None:
            try:
                done.append((offset, extract_article(doc, piece, gazetteer)))
            except Exception as exc:  # noqa: BLE001  (one bad article must not stop a corpus)
                failure = f"extraction failed: {type(exc).__name__}: {exc}"
        if last:
            yield i, Failed(failure) if failure else join_pieces(articles[i], done)
            done, failure = [], None


def _pipeline(settings: Settings):
    from kg.nlp.pipeline import load_pipeline  # loads spaCy: only where articles are parsed

    return load_pipeline(settings.model, settings.ontology_dir)


def extract_serial(items: Sequence[Indexed], settings: Settings, piece_chars: int) -> Iterator[tuple[int, Result]]:
    nlp, gazetteer = _pipeline(settings), load_gazetteer(settings.ontology_dir)
    for position, result in extract_with(nlp, gazetteer, [a for _, a in items], piece_chars):
        yield items[position][0], result


def _batches(items: Sequence[Indexed], workers: int) -> list[list[Indexed]]:
    """Tasks of up to TASK_ARTICLES articles, at least four per worker when there are enough articles."""
    size = max(1, min(TASK_ARTICLES, len(items) // (4 * max(workers, 1))))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


# --- worker processes -------------------------------------------------------------------------

_worker_args: tuple[Settings, int] | None = None


def _init_worker(settings: Settings, piece_chars: int) -> None:
    """In each worker: the parent handles Ctrl-C and stops the pool; SIGTERM just ends the worker."""
    global _worker_args
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_args = (settings, piece_chars)


def _work(batch: list[Indexed]) -> list[tuple[int, Result]]:
    assert _worker_args is not None, "worker not initialised"
    return list(extract_serial(batch, *_worker_args))


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


@contextmanager
def _processes(items: Sequence[Indexed], settings: Settings, piece_chars: int,
               workers: int) -> Iterator[Iterator[tuple[int, Result]]]:
    """`workers` processes, each with its own pipeline, over batches of articles, started at once."""
    context = _context()  # each worker loads the pipeline itself, in parallel, on its first task
    with context.Pool(workers, initializer=_init_worker, initargs=(settings, piece_chars)) as pool:
        batches = pool.imap_unordered(_work, _batches(items, workers))  # the workers start on it now
        yield (pair for results in batches for pair in results)


# --- dask -------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _worker_version(settings: Settings, piece_chars: int) -> str:
    from kg.cache import pipeline_version

    return pipeline_version(settings, piece_chars)


def dask_task(batch: list[Indexed], settings: Settings, piece_chars: int) -> tuple[str, list[tuple[int, Result]]]:
    """What a dask worker runs: the batch's results and the worker's pipeline version."""
    return _worker_version(settings, piece_chars), list(extract_serial(batch, settings, piece_chars))


def _client(scheduler: str | None, workers: int):
    from dask.distributed import Client, LocalCluster

    if scheduler is None:
        return Client(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, host="127.0.0.1"))
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise KgError(f"cannot reach the dask scheduler at {scheduler}: {exc}") from None


def extract_dask(items: Sequence[Indexed], settings: Settings, piece_chars: int, workers: int,
                 scheduler: str | None) -> Iterator[tuple[int, Result]]:
    """Batches of articles as dask tasks; every worker must run the same pipeline version as this process."""
    try:
        from dask.distributed import as_completed
    except ImportError:
        raise KgError("the dask executor needs dask.distributed: pip install 'dask[distributed]'") from None
    from kg.cache import pipeline_version

    expected = pipeline_version(settings, piece_chars)
    with _client(scheduler, workers) as client:
        futures = client.map(dask_task, _batches(items, workers), settings=settings, piece_chars=piece_chars, pure=False)
        for future in as_completed(futures):
            version, results = future.result()
            if version != expected:
                raise KgError(f"dask worker runs pipeline version {version}, this process {expected}: "
                              "install the same kg, model and ontology files on every node")
            yield from results


@contextmanager
def extracting(items: Sequence[Indexed], settings: Settings = Settings(), workers: int = 1,
               executor: str = "local", scheduler: str | None = None,
               piece_chars: int = MAX_PIECE_CHARS) -> Iterator[Iterator[tuple[int, Result]]]:
    """Extract `(index, article)` items with the chosen executor; the body iterates `(index, result)` as they finish.

    With worker processes the work starts on entering, so the caller can do
    other work (load cached records) while the workers load the model and parse;
    leaving the block stops them. With one worker it runs in this process as the
    body iterates.
    """
    if executor not in EXECUTORS:
        raise KgError(f"unknown executor {executor!r}: use one of {', '.join(EXECUTORS)}")
    if not items:
        yield iter(())
    elif executor == "dask":
        yield extract_dask(items, settings, piece_chars, workers, scheduler)
    elif workers > 1:
        with _processes(items, settings, piece_chars, min(workers, len(items))) as results:
            yield results
    else:
        yield extract_serial(items, settings, piece_chars)

