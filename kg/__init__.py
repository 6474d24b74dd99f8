"""kg: build a knowledge graph of agencies, countries and people from news articles.

>>> from pathlib import Path
>>> from kg import build
>>> summary = build([Path("seeds")], Path("output"))  # doctest: +SKIP
"""

from typing import TYPE_CHECKING

from kg.config import Settings
from kg.errors import InputError, KgError, ModelError, OntologyError, OutputError, ShapeError
from kg.records import Article, Count, Entity, Event, EventDate, Evidence, Extraction, Mention, Quote, Relation

if TYPE_CHECKING:
    from kg.builder import BuildSummary, build, build_resolution

_FROM_BUILDER = ("BuildSummary", "build", "build_resolution")


def __getattr__(name: str):
    """kg.build and its kin, imported on first use: `import kg.query` or `kg query` need no builder."""
    if name in _FROM_BUILDER:
        import kg.builder

        return getattr(kg.builder, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = [
    "Article", "BuildSummary", "Count", "Entity", "Event", "EventDate", "Evidence", "Extraction", "InputError", "KgError", "Mention",
    "ModelError", "OntologyError", "OutputError", "Quote", "Relation", "Settings", "ShapeError",
    "build", "build_resolution",
]
