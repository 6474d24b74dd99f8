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

from kg.export.writers import Block, Blocks

BLOCKS_FILE = "blocks.pickle"
BLOCKS_FORMAT = "kg-blocks-2"


def load_blocks(cache_dir: Path | None) -> Blocks | None:
    """The blocks saved by the last build in `cache_dir`, or None."""
    if cache_dir is None:
        return None
    try:
        with (Path(cache_dir) / BLOCKS_FILE).open("rb") as stream:
            saved = pickle.load(stream)
    except Exception:  # noqa: BLE001  (missing, cut short, corrupt, incompatible: start afresh)
        return None
    try:
        form, fingerprint, by_digest = saved
        if form == BLOCKS_FORMAT:
            return Blocks(fingerprint, {digest: Block(*fields) for digest, fields in by_digest.items()})
    except (TypeError, ValueError, AttributeError):  # another shape of file
        pass
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
            # plain tuples: pickled and read back in half the time of the named tuples
            plain = {digest: tuple(block) for digest, block in blocks.by_digest.items()}
            pickle.dump((BLOCKS_FORMAT, blocks.fingerprint, plain), stream, protocol=pickle.HIGHEST_PROTOCOL)
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
