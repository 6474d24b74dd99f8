"""An external sort: (key, text) items sorted by key through sorted runs on disk.

The streaming writers (`kg.export.stream_files`) meet subjects in article
order but write them in the order of their keys; items are kept in memory
up to `run_chars` characters, then sorted and written to a run file, and
`sorted_items` merges the runs. Memory holds one run and one chunk of each
run file, whatever the size of the graph.
"""

import heapq
import pickle
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

RUN_CHARS = 32 * 2**20
MAX_FAN_IN = 400  # runs merged at once: open files (well under the usual limit of 1,024) and a chunk each in memory
_CHUNK_CHARS = 64 * 1024  # text per pickle in a run file: one chunk of each run is in memory while merging


class SortedRuns:
    """Items added in any order, read back sorted by key (keys are unique, or ties are in any order)."""

    def __init__(self, folder: Path, name: str, run_chars: int | None = None):
        self.folder, self.name, self.run_chars = Path(folder), name, run_chars or RUN_CHARS
        self.items: list[tuple] = []
        self.chars = 0
        self.runs: list[Path] = []
        self.count = 0
        self.written = 0  # run files made, for their names

    def add(self, key, text: str) -> None:
        self.items.append((key, text))
        self.chars += len(text) + 64
        self.count += 1
        if self.chars >= self.run_chars:
            self._spill()

    def _spill(self) -> None:
        self.items.sort(key=itemgetter(0))
        self.runs.append(self._write_run(self.items))
        self.items, self.chars = [], 0

    def _write_run(self, items) -> Path:
        path = self.folder / f"{self.name}-{self.written:05d}.run"
        self.written += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            chunk, chars = [], 0
            for item in items:
                chunk.append(item)
                chars += len(item[1]) + 64
                if chars >= _CHUNK_CHARS:
                    pickle.dump(chunk, stream, protocol=pickle.HIGHEST_PROTOCOL)
                    chunk, chars = [], 0
            if chunk:
                pickle.dump(chunk, stream, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    def spill(self) -> list[Path]:
        """Every item to disk (for another process to merge); the run files."""
        if self.items:
            self._spill()
        return list(self.runs)

    def absorb(self, runs: list[Path], count: int) -> None:
        """Merge the run files another SortedRuns spilled, holding `count` items, with these."""
        self.runs += runs
        self.count += count

    def sorted_items(self) -> Iterator[tuple]:
        """Every item, by key; the run files are removed once read."""
        self.items.sort(key=itemgetter(0))
        if not self.runs:
            yield from self.items
            return
        while len(self.runs) > MAX_FAN_IN:  # merge the oldest runs into one until one merge can take them all
            group, self.runs = self.runs[:MAX_FAN_IN], self.runs[MAX_FAN_IN:]
            self.runs.append(self._write_run(heapq.merge(*map(_read_run, group), key=itemgetter(0))))
        readers = [_read_run(path) for path in self.runs]
        yield from heapq.merge(*readers, self.items, key=itemgetter(0))


def _read_run(path: Path) -> Iterator[tuple]:
    with path.open("rb") as stream:
        while True:
            try:
                chunk = pickle.load(stream)
            except EOFError:
                break
            yield from chunk
    path.unlink(missing_ok=True)
