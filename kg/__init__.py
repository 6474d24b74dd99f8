"""kg: build a knowledge graph of agencies, countries and people from news articles.

>>> from pathlib import Path
>>> from kg import build
>>> summary = build([Path("seeds")], Path("output"))  # doctest: +SKIP
"""

from kg.builder import BuildSummary, build, build_resolution
from kg.config import Settings
from kg.errors import InputError, KgError, ModelError, OntologyError, OutputError, ShapeError
from kg.records import Article, Count, Entity, Event, EventDate, Evidence, Extraction, Mention, Quote, Relation

__all__ = [
    "Article", "BuildSummary", "Count", "Entity", "Event", "EventDate", "Evidence", "Extraction", "InputError", "KgError", "Mention",
    "ModelError", "OntologyError", "OutputError", "Quote", "Relation", "Settings", "ShapeError",
    "build", "build_resolution",
]
