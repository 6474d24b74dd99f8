"""Names and file names that break naive RDF writers give valid, stable IRIs and exact literals everywhere.

Apostrophes, diacritics, Cyrillic, Chinese and Arabic names, straight and
curly quotes, backslashes, `>` and `<script>`, in article text and in file
names, built by the real pipeline and read back by rdflib, rapper and serdi.
"""

import os
import re
import shutil
import subprocess

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.graph.vocab import DOC, ENTITY, KG, POSITION
from kg.ingest.read import read_article
from kg.resolve.iris import slug_or_hash

pytestmark = pytest.mark.model

NON_LATIN = ("Министерство внутренних дел", "中华人民共和国公安部", "وزارة الداخلية")
ARTICLES = {
    "o'brien & \"quotes\" #1 50% >x.txt": (
        "Garda chief Seán O'Brien meets Europol\n"
        "Garda Commissioner Seán O'Brien said the Garda Síochána will cooperate with Europol. "
        "“We won't stop – this is \"hard\" work\\path >here <script>alert(1)</script>,” O'Brien said.\n"
        "Jonas Gahr Støre, the Prime Minister of Norway, criticised the <script>alert(\"x\")</script> gangs.\n"
    ),
    "Министерство.txt": (
        "Moscow and Beijing sign a police pact\n"
        "The Министерство внутренних дел and the 中华人民共和国公安部 will work with the National Crime Agency, "
        "said Dmitry Петров. “We agree,” said Петров.\n"
        "وزارة الداخلية said it supports Interpol. François Molins of the Police aux frontières welcomed it.\n"
    ),
    "page <one> back\\slash.html": (
        "<html><head><title>Zoë “Ziggy” D'Arcy &amp; the \\ NCA</title></head><body><nav>Home</nav><article>"
        "<p>Zoë D'Arcy, the Director General of the National Crime Agency, said the NCA will cooperate with "
        "Europol and the Guardia Civil. “Line one\\nstill one &gt; and &lt;b&gt;,” D'Arcy said.</p>"
        "</article></body></html>"
    ),
    "notes with spaces.md": (
        "# Ana Ñúñez & `<Frontex>` talk\n\n"
        "Ana Ñúñez, the head of the *Guardia Civil*, said it will cooperate with [Frontex](https://x.org/a>b) "
        "in Spain. \"We're ready \\ willing,\" Ñúñez said.\n"
    ),
}
SHAPES = {ENTITY: r"[a-z0-9]+(-[a-z0-9]+)*", POSITION: r"[a-z0-9]+(-[a-z0-9]+)*", DOC: r"[^/\s<>\"{}|\\^`%]+"}
FORMATS = (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld"))


def need_tool(name: str) -> str:
    """The tool's path; skipped on a workstation without it, a failure in CI (which installs it)."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{name} is not installed; .ci/run installs it")
    pytest.skip(f"{name} not installed")


@pytest.fixture(scope="module")
def hostile_builds(tmp_path_factory):
    """The hostile articles built twice into separate folders: (input folder, first output, second output)."""
    from kg.builder import build

    inputs = tmp_path_factory.mktemp("hostile-in")
    for name, text in ARTICLES.items():
        (inputs / name).write_text(text, encoding="utf-8")
    outputs = [tmp_path_factory.mktemp(f"hostile-out-{n}") for n in (1, 2)]
    for out in outputs:
        build([inputs], out)
    return inputs, *outputs


@pytest.fixture(scope="module")
def graphs(hostile_builds):
    out = hostile_builds[1]
    return {fmt: Graph().parse(out / name, format=fmt) for name, fmt in FORMATS}


def test_hostile_every_serialization_parses_to_the_same_graph(graphs):
    turtle = graphs["turtle"]
    assert len(turtle) > 50
    assert {fmt: len(g) for fmt, g in graphs.items()} == {fmt: len(turtle) for fmt in graphs}
    assert isomorphic(turtle, graphs["nt"]) and isomorphic(turtle, graphs["json-ld"])


@pytest.mark.parametrize("name, syntax", [("graph.ttl", "turtle"), ("graph.nt", "ntriples")])
def test_hostile_rapper_counts_the_same_triples(hostile_builds, graphs, name, syntax):
    done = subprocess.run([need_tool("rapper"), "-i", syntax, "-c", str(hostile_builds[1] / name)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert re.search(r"returned (\d+) triples?", done.stderr).group(1) == str(len(graphs["turtle"]))


@pytest.mark.parametrize("name, syntax", [("graph.ttl", "turtle"), ("graph.nt", "ntriples")])
def test_hostile_serdi_reads_the_same_triples(hostile_builds, graphs, name, syntax):
    done = subprocess.run([need_tool("serdi"), "-i", syntax, "-o", "ntriples", str(hostile_builds[1] / name)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len([line for line in done.stdout.split("\n") if line.strip()]) == len(graphs["turtle"])


def test_hostile_iris_are_stable_across_builds(hostile_builds):
    _, first, second = hostile_builds
    for name, _ in FORMATS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_hostile_iris_have_the_shapes_of_their_namespaces(graphs):
    iris = {term for triple in graphs["nt"] for term in triple if isinstance(term, URIRef)}
    for namespace, shape in SHAPES.items():
        local_names = [str(iri)[len(namespace):] for iri in iris if str(iri).startswith(namespace)]
        assert local_names, namespace
        assert [n for n in local_names if not re.fullmatch(shape, n)] == []


def test_hostile_file_names_give_one_document_each_with_exact_literals(hostile_builds, graphs):
    graph = graphs["nt"]
    assert sorted(str(o) for o in graph.objects(None, KG.sourceFile)) == sorted(ARTICLES)
    for name in ARTICLES:
        docs = list(graph.subjects(KG.sourceFile, Literal(name)))
        assert len(docs) == 1
        article = read_article(hostile_builds[0] / name)
        assert graph.value(docs[0], URIRef("http://purl.org/dc/terms/title")) == Literal(article.title)


def test_hostile_text_literals_round_trip_exactly(hostile_builds, graphs):
    """Every sentence and quote read back from Turtle is a verbatim slice of its article's text."""
    texts = [read_article(hostile_builds[0] / name).text for name in ARTICLES]
    graph = graphs["turtle"]
    literals = [str(o) for p in (KG.evidenceText, KG.text) for o in graph.objects(None, p)]
    assert any("\\" in lit for lit in literals) and any('"' in lit for lit in literals)
    assert [lit for lit in literals if not any(lit in text for text in texts)] == []


def test_hostile_graph_conforms_to_the_shapes(graphs):
    from kg.graph.validate import validate

    report = validate(graphs["turtle"])
    assert report.conforms, "\n".join(report.violations[:10])


def test_hostile_markup_in_names_is_not_live_in_the_page(hostile_builds):
    page = (hostile_builds[1] / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in page


def test_hostile_non_latin_names_key_to_distinct_hashes():
    keys = [slug_or_hash(name) for name in NON_LATIN]
    assert len(set(keys)) == len(keys) and all(re.fullmatch(r"[0-9a-f]{12}", key) for key in keys)


def test_hostile_non_latin_names_stay_distinct_entities(graphs):
    graph = graphs["turtle"]
    assert ENTITY[slug_or_hash("")] not in set(graph.subjects())
