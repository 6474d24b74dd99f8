"""The subject blocks of the last build, kept in the cache folder so a rebuild formats only what changed.

One file, `blocks.pickle`, replaced atomically after each build and holding
only the blocks that build used, so it never grows beyond one graph's text.
Like the extraction cache it is trusted local data (unpickling runs code); a
file that cannot be read, or that another writer version made, counts as empty.
"""

import os
import pickle
import uuid
from pathlib import Path

from kg.export.writers import Blocks

BLOCKS_FILE = "blocks.pickle"
BLOCKS_FORMAT = "kg-blocks-1"


def load_blocks(cache_dir: Path | None) -> Blocks | None:
    """The blocks saved by the last build in `cache_dir`, or None."""
    if cache_dir is None:
        return None
    try:
        with (Path(cache_dir) / BLOCKS_FILE).open("rb") as stream:
            saved = pickle.load(stream)
    except Exception:  # noqa: BLE001  (missing, cut short, corrupt, incompatible: start afresh)
        return None
    if isinstance(saved, tuple) and len(saved) == 2 and saved[0] == BLOCKS_FORMAT and isinstance(saved[1], Blocks):
        return saved[1]
    return None


def save_blocks(cache_dir: Path | None, blocks: Blocks) -> str | None:
    """Replace the saved blocks; the reason when they could not be written (a cache failure never fails a build)."""
    if cache_dir is None:
        return None
    path = Path(cache_dir) / BLOCKS_FILE
    temp = path.parent / f".tmp-{uuid.uuid4().hex[:12]}-{BLOCKS_FILE}"  # named first: `finally` always finds it
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temp.open("xb") as stream:
            pickle.dump((BLOCKS_FORMAT, blocks), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError as exc:
        return f"{path}: {exc.strerror or exc}"
    finally:
        _remove(temp)
    return None


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # its folder is not there, or not a folder
        pass
