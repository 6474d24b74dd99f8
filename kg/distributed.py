"""The merge on a dask cluster (`kg build --executor dask`): the articles are resolved and formatted on the workers.

The client runs resolution's passes over the compact views of the spilled
records (`kg.resolve.merge.Merger.run`: names, keys, surnames, title holders;
no text), then sends the articles in runs of MERGE_TASK_ARTICLES, each with its
mention keys, to the workers. A worker makes each article's triples, formats
each subject's blocks and writes them to sorted run files keyed as each format
orders its subjects: that is the shuffle. It returns its share of the entities
(documents, surface forms, direct relations: small) and the names of its run
files. The client gathers the shares into its entity table, adds the entities'
own subjects and merges every run into each file: the reduce. The bytes are
those of the local build. A worker writes its runs in a temporary folder of its
own and returns their bytes, which the client stores under the output folder
as they come: only the client needs the output folder, and it holds a few
tasks' runs at a time, never the graph. With a page or a store the workers
hand back each article's own triples too, and the client feeds them to its
page (`kg.export.page_stream`) and its store's spill as it absorbs the tasks
in article order, as the local build does: the page's memory stays bounded.
"""

import tempfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from kg.builder import BuildOptions, Partition
from kg.config import Settings
from kg.errors import KgError
from kg.parallel import _client
from kg.records import Extraction
from kg.resolve.merge import Merger
from kg.resolve.spill import RecordSpill

MERGE_TASK_ARTICLES = 256
TASKS_IN_FLIGHT_PER_WORKER = 2  # records of this many tasks a worker may hold: the client reads no further ahead


def merge_task(articles: list[tuple[int, Extraction]], finisher: Merger, title_holders: dict,
               settings: Settings, parsed_with: str | None, hand_back: bool) -> tuple:
    """What a worker runs: resolve, graph and format a run of articles; its partition, with the bytes of its runs.

    `parsed_with` is the client's partition's (`kg.builder.Partition`); with `hand_back`
    each article's triples come back too, for the client's page and store.
    """
    finisher.title_holders = title_holders
    with tempfile.TemporaryDirectory(prefix="kg-merge-") as folder:
        partition = Partition(Path(folder), settings, parsed_with=parsed_with, hand_back=hand_back)
        for index, extraction in articles:
            partition.add(finisher, index, extraction)
        graph, table, files, articles, relations, quotes = partition.spilled()
        files["runs"] = {fmt: ([path.read_bytes() for path in paths], count) for fmt, (paths, count) in files["runs"].items()}
    return graph, table, files, articles, relations, quotes


def _stored(spilled: tuple, folder: Path) -> tuple:
    """A task's partition with the bytes of its runs written to files under `folder`."""
    graph, table, files, articles, relations, quotes = spilled
    folder.mkdir(parents=True, exist_ok=True)
    runs = {}
    for fmt, (contents, count) in files["runs"].items():
        paths = [folder / f"{fmt.replace('-', '')}-{number:05d}.run" for number in range(len(contents))]
        for path, data in zip(paths, contents):
            path.write_bytes(data)
        runs[fmt] = (paths, count)
    return graph, table, {**files, "runs": runs}, articles, relations, quotes


def _tasks(spill: RecordSpill) -> Iterator[tuple[int, list[tuple[int, Extraction]]]]:
    records = enumerate(spill.records())
    while batch := list(islice(records, MERGE_TASK_ARTICLES)):
        yield batch[0][0], batch


def merge_on_cluster(spill: RecordSpill, merger: Merger, partition: Partition, staging: Path, settings: Settings,
                     options: BuildOptions) -> None:
    """Resolve, graph and format the spilled articles on the cluster, absorbing each task's partition into `partition`.

    Partitions are absorbed in article order, so the page and the store get the articles' triples in the local build's order.
    """
    try:
        from dask.distributed import wait
    except ImportError:
        raise KgError("the dask executor needs dask.distributed: pip install 'dask[distributed]'") from None
    with _client(options.scheduler, options.workers) as client:
        holders = client.scatter(merger.title_holders, broadcast=True)
        limit = TASKS_IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        pending, done, next_start = {}, {}, 0

        def collect(futures) -> None:
            nonlocal next_start
            for future in futures:
                start = pending.pop(future)
                done[start] = _stored(future.result(), staging / ".parts" / f"{start:010d}")
            while next_start in done:
                partition.absorb(done.pop(next_start))
                next_start += MERGE_TASK_ARTICLES

        for start, articles in _tasks(spill):
            while len(pending) + len(done) >= limit:  # results waiting for an earlier task count too
                collect(wait(list(pending), return_when="FIRST_COMPLETED").done)
            finisher = merger.finisher(range(start, start + len(articles)))
            finisher.title_holders = {}  # sent once to every worker instead
            pending[client.submit(merge_task, articles, finisher, holders, settings, partition.graph.parsed_with,
                                  partition.triples is not None or partition.page is not None, pure=False)] = start
        while pending:
            collect(wait(list(pending), return_when="FIRST_COMPLETED").done)
