"""Exceptions raised by kg. The CLI turns each into a one-line error."""


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class InputError(KgError):
    """An input path or article cannot be used (missing, empty, binary, not text)."""


class ModelError(KgError):
    """The spaCy model is missing or cannot be loaded."""


class OutputError(KgError):
    """An output location cannot be written."""


class OntologyError(KgError):
    """A data file of the ontology folder is missing or malformed."""


class ShapeError(KgError):
    """The graph does not conform to the SHACL shapes."""


class StreamUnsupported(KgError):
    """A graph the streaming build cannot write byte for byte as the in-memory one; the builder falls back to that."""
