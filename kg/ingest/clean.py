"""Blank out page furniture (address blocks, share and cookie lines, bylines).

Cleaning keeps the text's length: a furniture line is replaced by spaces, so
character offsets into the cleaned text are offsets into the source file.
"""

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from kg.config import ONTOLOGY_DIR
from kg.errors import OntologyError


@lru_cache(maxsize=4)
def furniture_patterns(path: Path = ONTOLOGY_DIR / "furniture.txt") -> tuple[re.Pattern, ...]:
    """Compile the furniture patterns of a data file (one regex per line)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise OntologyError(f"cannot read furniture patterns {path}: {exc.strerror}") from None
    patterns = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            patterns.append(re.compile(line, re.IGNORECASE))
        except re.error as exc:
            raise OntologyError(f"{path}:{number}: bad pattern: {exc}") from None
    return tuple(patterns)


@lru_cache(maxsize=4)
def _any_of(patterns: tuple[re.Pattern, ...]) -> re.Pattern:
    """One regex that fully matches a line when one of `patterns` does: one look-up per line, not one per pattern."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or r"(?!)", re.IGNORECASE)


def is_furniture(line: str, patterns: Iterable[re.Pattern]) -> bool:
    """True when a whole line is page furniture rather than article prose."""
    stripped = line.strip()
    return bool(stripped) and _any_of(tuple(patterns)).fullmatch(stripped) is not None


def blank_furniture(text: str, *, patterns: Iterable[re.Pattern] | None = None) -> str:
    """Replace every furniture line by spaces, keeping offsets and newlines.

    >>> blank_furniture("Share this article\\nThe NCA said.")
    '                  \\nThe NCA said.'
    """
    furniture = _any_of(tuple(patterns) if patterns is not None else furniture_patterns())
    lines = text.split("\n")
    return "\n".join(" " * len(line) if (stripped := line.strip()) and furniture.fullmatch(stripped) else line
                     for line in lines)


def normalise_space(text: str) -> str:
    """Turn non-breaking and other odd spaces into plain spaces (same length)."""
    return re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\r\f\v]", " ", text)


def clean(text: str) -> str:
    """The cleaner the builder uses: odd spaces, then furniture."""
    return blank_furniture(normalise_space(text))
