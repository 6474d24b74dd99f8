"""Extraction records kept on disk while a build resolves and writes them.

Resolution reads the corpus once per pass (`kg.resolve.merge.Merger.run`) and
the writers once more; holding every record (texts, sentences, mentions) would
make memory grow with the archive (only the views the passes read are held,
while they are few: `RecordSpill.view_passes`). Each record is pickled once, beside the
compact view the resolution passes read, into one file of the build's staging
folder, and read back in doc-id order as often as needed.
"""

import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.records import Extraction
from kg.resolve.merge import ArticleView, view_of


# views whose pickles take up to this are read once for all of resolution's passes (5.4 MB at 2,000 bench articles,
# ~30 MB of objects): a corpus of more than about 3,000 reads them from disk on each pass, as before, so that the
# peak memory of archive builds does not grow
VIEWS_HELD_BYTES = 8 * 2**20


class RecordSpill:
    """Extraction records in one file, read back in doc-id order."""

    def __init__(self, folder: Path):
        Path(folder).mkdir(parents=True, exist_ok=True)
        self.path = Path(folder) / "records.bin"
        self.stream = self.path.open("w+b")
        self.index: dict[str, tuple[int, int, int]] = {}  # doc id -> (offset, view bytes, record bytes)
        self.end = 0
        self.view_bytes = 0
        self._order: list[str] | None = None

    def add(self, extraction: Extraction, pickled: bytes | None = None) -> None:
        """Spill a record; `pickled`, its pickle when there is one already (the cache's entry), is stored as it is."""
        view = pickle.dumps(view_of(extraction), protocol=pickle.HIGHEST_PROTOCOL)
        record = pickled if pickled is not None else pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(self.stream.fileno(), view + record, self.end)
        self.index[extraction.article.doc_id] = (self.end, len(view), len(record))
        self.end += len(view) + len(record)
        self.view_bytes += len(view)
        self._order = None

    def __len__(self) -> int:
        return len(self.index)

    def _sorted(self) -> list[str]:
        if self._order is None:
            self._order = sorted(self.index)
        return self._order

    def views(self) -> Iterator[ArticleView]:
        fd = self.stream.fileno()
        for doc_id in self._sorted():
            offset, view, _ = self.index[doc_id]
            yield pickle.loads(os.pread(fd, view, offset))

    def view_passes(self) -> Callable[[], Iterable[ArticleView]]:
        """What `Merger.run` passes over, six times: the views read once and held while they are few (their
        pickles up to VIEWS_HELD_BYTES), else read from the file on each pass."""
        if self.view_bytes > VIEWS_HELD_BYTES:
            return self.views
        held = list(self.views())
        return lambda: held

    def records(self) -> Iterator[Extraction]:
        fd = self.stream.fileno()
        for doc_id in self._sorted():
            offset, view, record = self.index[doc_id]
            yield pickle.loads(os.pread(fd, record, offset + view))

    def close(self) -> None:
        self.stream.close()
        self.path.unlink(missing_ok=True)
