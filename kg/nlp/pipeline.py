"""Load the spaCy pipeline kg runs: the English model, a gazetteer ruler, title spans."""

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from kg.config import Settings
from kg.gazetteer import load_gazetteer
from kg.nlp import components  # noqa: F401  (registers the kg_* components)
from kg.nlp.model import model_id, not_installed
from kg.nlp.patterns import demonym_config, name_patterns


def load_pipeline(model: str = Settings.model, ontology_dir: Path = Settings.ontology_dir) -> Language:
    """The model with kg's components; loaded once per process, however the arguments are written.

    Raises:
        ModelError: the model is missing, not English, or lacks a parser or NER (see kg.nlp.model).
    """
    return _load_pipeline(model, Path(ontology_dir))


@lru_cache(maxsize=2)  # keyed by the normalised arguments: `load_pipeline()` and `load_pipeline(m, d)` share it
def _load_pipeline(model: str, ontology_dir: Path) -> Language:
    model_id(model)  # a model kg cannot use fails here with a one-line reason, before spaCy tries it
    try:
        nlp = spacy.load(model)
    except OSError:
        raise not_installed(model) from None
    gazetteer = load_gazetteer(ontology_dir)
    _split_quote_marks_run_on(nlp)
    nlp.add_pipe("kg_paragraphs", before="parser")
    names = nlp.add_pipe("entity_ruler", name="kg_names", before="ner", config={"validate": False})
    with nlp.select_pipes(enable=[]):  # the ruler matches on ORTH: tokenizing its names is enough, no tagger or parser
        names.add_patterns(name_patterns(gazetteer))
    nlp.add_pipe("kg_demonyms", before="ner", config=demonym_config(gazetteer))
    nlp.add_pipe("kg_titles", after="ner", config={"titles": sorted(gazetteer.positions),
                                                    "domains": sorted(gazetteer.words("title_domains"))})
    return nlp


# A closing double quote run on to the next word, as pages print it: 'operation,”Europol said', 'said,"We'
_RUN_ON_QUOTES = (r"(?<=\w)[,.!?](?=[”\"])", r"(?<=[\w,.!?])[”\"](?=[^\W\d_])")


def _split_quote_marks_run_on(nlp: Language) -> None:
    """Split a double quotation mark from the words it touches, so 'operation,”Europol' is four tokens (the
    default tokenizer keeps it one and NER misses the name). Single quotes are left: "don’t", "gangs’"."""
    infixes = [*nlp.Defaults.infixes, *_RUN_ON_QUOTES]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
