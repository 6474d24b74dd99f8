"""Load the spaCy pipeline kg runs: the English model, a gazetteer ruler, title spans."""

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

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
    abbreviations = sorted(w for w in gazetteer.words("rank_words") | gazetteer.words("honorifics")
                           if w.endswith(".") and " " not in w and len(w) > 2)
    _keep_abbreviated_titles(nlp, abbreviations)
    nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_abbreviations", before="parser", config={"words": abbreviations})
    names = nlp.add_pipe("entity_ruler", name="kg_names", before="ner", config={"validate": False})
    with nlp.select_pipes(enable=[]):  # the ruler matches on ORTH: tokenizing its names is enough, no tagger or parser
        names.add_patterns(name_patterns(gazetteer))
    nlp.add_pipe("kg_demonyms", before="ner", config=demonym_config(gazetteer))
    nlp.add_pipe("kg_titles", after="ner", config={"titles": sorted(gazetteer.positions),
                                                    "domains": sorted(gazetteer.words("title_domains"))})
    return nlp


# A closing double quote run on to the next word, as pages print it: 'operation,”Europol said', 'said,"We'
_RUN_ON_QUOTES = (r"(?<=\w)[,.!?](?=[”\"])", r"(?<=[\w,.!?])[”\"](?=[^\W\d_])")


def _keep_abbreviated_titles(nlp: Language, words: list[str]) -> None:
    """ "Cmdr.", "Insp.", "Supt." one token each: split from their full stop, the parser ends a sentence there
    ("… police Cmdr. | Armando Trevino said") and the quotation loses its speaker."""
    for word in words:
        for form in (word.capitalize(), word.upper()):
            if len(nlp.tokenizer(form)) > 1:
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _split_quote_marks_run_on(nlp: Language) -> None:
    """Split a double quotation mark from the words it touches, so 'operation,”Europol' is four tokens (the
    default tokenizer keeps it one and NER misses the name). Single quotes are left: "don’t", "gangs’"."""
    infixes = [*nlp.Defaults.infixes, *_RUN_ON_QUOTES]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
