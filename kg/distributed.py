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
those of the local build. The run files are written under the output folder,
so the workers must see it: a LocalCluster does; a remote cluster needs the
output folder on a filesystem its workers share.
"""

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


def merge_task(articles: list[tuple[int, Extraction]], finisher: Merger, title_holders: dict, folder: str,
               settings: Settings) -> tuple:
    """What a worker runs: resolve, graph and format a run of articles; its partition, blocks spilled to `folder`."""
    finisher.title_holders = title_holders
    partition = Partition(Path(folder), settings)
    for index, extraction in articles:
        partition.add(finisher, index, extraction)
    return partition.spilled()


def _tasks(spill: RecordSpill) -> Iterator[tuple[int, list[tuple[int, Extraction]]]]:
    records = enumerate(spill.records())
    while batch := list(islice(records, MERGE_TASK_ARTICLES)):
        yield batch[0][0], batch


def merge_on_cluster(spill: RecordSpill, merger: Merger, partition: Partition, staging: Path, settings: Settings,
                     options: BuildOptions) -> None:
    """Resolve, graph and format the spilled articles on the cluster, absorbing each task's partition into `partition`.

    Partitions are absorbed in article order, so the page (which holds every triple) sees them as the local build does.
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
                done[pending.pop(future)] = future.result()
            while next_start in done:
                partition.absorb(done.pop(next_start))
                next_start += MERGE_TASK_ARTICLES

        for start, articles in _tasks(spill):
            while len(pending) + len(done) >= limit:  # results waiting for an earlier task count too
                collect(wait(list(pending), return_when="FIRST_COMPLETED").done)
            finisher = merger.finisher(range(start, start + len(articles)))
            finisher.title_holders = {}  # sent once to every worker instead
            folder = staging / ".parts" / f"{start:010d}"
            pending[client.submit(merge_task, articles, finisher, holders, str(folder), settings, pure=False)] = start
        while pending:
            collect(wait(list(pending), return_when="FIRST_COMPLETED").done)
