"""The event types of kg, read from `ontology/event_types.tsv`: data, not code.

The table is the one list of types: the ontology declares one subclass of
kg:Event per row (`tests/graph/test_events_graph.py` keeps them in step), the
graph builder accepts only these, and the page and `kg eval` name them.
"""

from functools import cache
from pathlib import Path

from kg.config import ONTOLOGY_DIR
from kg.errors import OntologyError

EVENT_TYPES_FILE = "event_types.tsv"


@cache
def event_types(ontology_dir: Path = ONTOLOGY_DIR) -> dict[str, str]:
    """Each event type ("Arrest", ...) with its description, in the table's order.

    Raises:
        OntologyError: the table is missing or a row has not three tab-separated fields.
    """
    path = Path(ontology_dir) / EVENT_TYPES_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise OntologyError(f"{path}: cannot read the event types: {exc.strerror or exc}") from None
    types = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0].isalpha():
            raise OntologyError(f"{path}:{number}: expected 'Type<TAB>label<TAB>comment'")
        types[fields[0]] = fields[2]
    return types
