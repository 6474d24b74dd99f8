"""Scale: workers and dask give the local bytes, long articles in pieces, fast writers, clean interrupts."""

import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings as hsettings, strategies as st
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.builder import BuildOptions, build
from kg.chunking import join_pieces, pieces_of, split_text
from kg.config import REPO_ROOT, Settings
from kg.export import writers
from kg.export.rdf_files import JSONLD_CONTEXT_PREFIXES, _sorted_arrays, serialize, write_together
from kg.graph.build import new_graph
from kg.graph.terms import Lit, plain_triples
from kg.records import Article, Event, Evidence, Extraction, Mention, Quote, Relation
from kg.signals import deferred_signals, stop_on_signals

SEEDS = REPO_ROOT / "seeds"
ARTICLES = REPO_ROOT / "tests" / "data" / "articles"
OUTPUTS = ("graph.html", "graph.jsonld", "graph.nt", "graph.ttl")


def same_outputs(a, b, names=OUTPUTS):
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


# --- pieces of long articles ----------------------------------------------------------------------

@pytest.mark.parametrize("text, limit", [
    ("x" * 2_500_000, 100_000),  # one line, no space: fixed windows
    ("word " * 300_000, 100_000),  # one line of words: cut at spaces
    ("A sentence here. " * 200_000, 100_000),  # one line of sentences: cut after a sentence end
    ("para one.\n\npara two is longer.\n" * 50_000, 100_000),
    ("short", 100_000),
    ("", 10),
])
def test_split_text_covers_text_in_bounded_pieces(text, limit):
    pieces = split_text(text, limit)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(end - start <= limit for start, end in pieces)
    assert all(end > start for start, end in pieces) or text == ""


def test_split_text_prefers_paragraphs_then_sentences():
    text = ("First sentence. Second sentence.\n" * 40)
    for start, end in split_text(text, 200)[:-1]:
        assert text[end - 1] == "\n"
    one_line = "Alpha beta gamma. " * 100
    for start, end in split_text(one_line, 200)[:-1]:
        assert one_line[start:end].endswith(". ")


def _piece_extraction(piece: Article) -> Extraction:
    """A stand-in extractor: a mention, relation, quote and event at each 'Europol' of the piece, piece-relative."""
    mentions, relations, quotes, events = [], [], [], []
    at = piece.clean_text.find("Europol")
    while at >= 0:
        m = Mention(piece.doc_id, at, at + 7, "Europol", "Agency", "europol")
        evidence = Evidence(piece.doc_id, at, at + 7, "Europol")
        mentions.append(m)
        relations.append(Relation(m, "operatesIn", m, evidence, 0.5, "test"))
        quotes.append(Quote(m, "Europol", evidence))
        events.append(Event("Operation", "Europol", at, at + 7, evidence, 0.5, "test", agents=(m,), places=(m,)))
        at = piece.clean_text.find("Europol", at + 1)
    return Extraction(piece, tuple(mentions), tuple(relations), tuple(quotes), (("EP", "Europol"),), 1, tuple(events))


def test_pieces_shift_every_offset_back_to_the_whole_text():
    text = "Europol and others. " * 30_000 + "\nEnd with Europol."
    article = Article("big", "big.txt", "Big", text, text)
    parts = pieces_of(article, 50_000)
    assert len(parts) > 10
    joined = join_pieces(article, [(offset, _piece_extraction(piece)) for offset, piece in parts])
    assert joined.article == article and len(joined.mentions) == text.count("Europol")
    for m in joined.mentions:
        assert text[m.start:m.end] == "Europol" and m.doc_id == "big"
    for r in joined.relations:
        assert text[r.evidence.start:r.evidence.end] == "Europol" and r.subject == r.object
    assert all(text[q.evidence.start:q.evidence.end] == "Europol" for q in joined.quotes)
    assert len(joined.events) == text.count("Europol")
    for e in joined.events:
        assert text[e.start:e.end] == text[e.evidence.start:e.evidence.end] == "Europol"
        assert e.agents == e.places and text[e.agents[0].start:e.agents[0].end] == "Europol"
    assert joined.aliases == (("EP", "Europol"),) and joined.skipped_quotes == len(parts)


def test_short_article_is_one_piece_unchanged():
    article = Article("a", "a.txt", "A", "Europol met.", "Europol met.")
    [(offset, piece)] = pieces_of(article)
    assert offset == 0 and piece is article
    extraction = _piece_extraction(article)
    assert join_pieces(article, [(0, extraction)]) is extraction


def test_five_megabyte_single_line_is_parsed_in_pieces_with_bounded_memory(monkeypatch):
    """Beyond spaCy's max_length: no error, every piece parsed, offsets of the whole text, memory bounded."""
    import tracemalloc

    import spacy

    import kg.extract.article
    from kg.parallel import extract_with

    sentence = "Officers of Europol met their partners in the port and shared what they knew. "
    text = (sentence * (5_000_000 // len(sentence) + 1))[:5_000_000]
    article = Article("big", "big.txt", "Big", text, text)
    nlp = spacy.blank("en")
    assert len(text) > nlp.max_length
    parsed = []

    def fake_extract(doc, piece, gazetteer):
        parsed.append(len(doc.text))
        return _piece_extraction(piece)

    monkeypatch.setattr(kg.extract.article, "extract_article", fake_extract)
    tracemalloc.start()
    [(index, extraction)] = list(extract_with(nlp, None, [article], 100_000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert index == 0 and isinstance(extraction, Extraction)
    assert sum(parsed) == len(text) and max(parsed) <= 100_000
    assert len(extraction.mentions) == text.count("Europol")
    assert all(text[m.start:m.end] == "Europol" for m in extraction.mentions[::997])
    assert peak < 600 * 2**20, f"peak {peak / 2**20:.0f} MB"


@pytest.mark.model
def test_long_article_in_pieces_keeps_offsets_into_the_source(tmp_path):
    from rdflib import Graph

    from kg.query import run_query

    text = "\n".join((ARTICLES / name).read_text(encoding="utf-8") for name in
                     ("europol_action_day.txt", "frontex_aegean.txt", "interpol_red_notice.txt"))
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "long.txt"
    source.write_text(text, encoding="utf-8")
    build([source], tmp_path / "out", Settings(html=False), options=BuildOptions(piece_chars=4_000))
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    rows = list(run_query(graph, "SELECT ?t ?s ?e WHERE { ?x kg:evidenceText ?t ; kg:startChar ?s ; kg:endChar ?e }"))
    assert len(rows) > 10
    assert max(int(s) for _, s, _ in rows) > 8_000  # statements from the later pieces
    for sentence, start, end in rows:
        assert text[int(start):int(end)] == str(sentence)


# --- workers and dask -----------------------------------------------------------------------------

@pytest.mark.model
def test_two_workers_give_the_same_bytes(seeds_build, tmp_path):
    summary = build([SEEDS], tmp_path, options=BuildOptions(workers=2))
    assert summary.documents == 2 and summary.extracted == 2
    same_outputs(seeds_build[0], tmp_path)


@pytest.mark.model
def test_dask_local_cluster_gives_the_same_bytes(seeds_build, tmp_path):
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=None) as cluster:
        summary = build([SEEDS], tmp_path, options=BuildOptions(executor="dask", scheduler=cluster.scheduler_address))
    assert summary.documents == 2
    same_outputs(seeds_build[0], tmp_path)


def test_dask_unreachable_scheduler_is_one_line_error(tmp_path, monkeypatch):
    pytest.importorskip("dask.distributed")
    from click.testing import CliRunner

    import kg.parallel
    from kg.cli import cli

    monkeypatch.setattr(kg.parallel, "CONNECT_TIMEOUT", "2s")
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(tmp_path / "out"), "--executor", "dask",
                                      "--scheduler", "tcp://127.0.0.1:9", "--no-cache"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("Error: cannot reach the dask scheduler at tcp://127.0.0.1:9")
    assert not (tmp_path / "out").exists()


# --- fast writers are rdflib's bytes --------------------------------------------------------------

def rdflib_bytes(graph: Graph, fmt: str) -> bytes:
    import json

    if fmt == "json-ld":
        namespaces = dict(graph.namespaces())
        context = {p: str(namespaces[p]) for p in JSONLD_CONTEXT_PREFIXES if p in namespaces}
        data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
        return (json.dumps(_sorted_arrays(data), indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "nt":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    return graph.serialize(format=fmt, encoding="utf-8")


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt"])
def test_writers_match_rdflib_on_the_committed_graph(fmt):
    graph = new_graph().parse(REPO_ROOT / "output" / "graph.nt", format="nt")
    assert serialize(graph, fmt) == rdflib_bytes(graph, fmt)


_iris = st.sampled_from([
    "https://kg.example.org/entity/a", "https://kg.example.org/entity/b-c", "https://kg.example.org/doc/x_1",
    "https://kg.example.org/ontology#Agency", "https://kg.example.org/ontology#memberOf", "urn:x:1",
    "http://example.com/other/thing", "https://kg.example.org/entity/ends.", "https://kg.example.org/entity/",
    "https://kg.example.org/statement/0a1b", str(RDFS.Class), str(RDFS.label), str(RDF.type),
    "https://kg.example.org/entity/p%20q", "https://kg.example.org/entity/(x)",
]).map(URIRef)
_literals = st.one_of(
    st.text(max_size=12).map(Literal),
    st.integers(-5, 10**6).map(Literal),
    st.decimals(places=2, min_value=0, max_value=1, allow_nan=False).map(lambda d: Literal(d, datatype=XSD.decimal)),
    st.tuples(st.text(max_size=5), st.sampled_from(["en", "fr", "de-at"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.booleans().map(Literal),
    st.floats(allow_nan=False, allow_infinity=False).map(Literal),
)
_triples = st.lists(st.tuples(_iris, _iris, st.one_of(_iris, _literals)), max_size=25)


@hsettings(max_examples=150, deadline=None)
@given(_triples)
def test_writers_match_rdflib_on_generated_graphs(triples):
    graph = new_graph()
    for triple in triples:
        graph.add(triple)
    for fmt in ("turtle", "json-ld", "nt"):
        assert serialize(graph, fmt) == rdflib_bytes(graph, fmt), fmt


def test_writers_leave_blank_nodes_to_rdflib():
    from rdflib import BNode

    graph = new_graph()
    graph.add((BNode("b1"), RDFS.label, Literal("x")))
    assert plain_triples(graph) is None
    for fmt in ("turtle", "json-ld", "nt"):
        assert serialize(graph, fmt) == rdflib_bytes(graph, fmt), fmt


def test_writers_leave_rdf_lists_and_a_base_to_rdflib():
    triples = [("https://kg.example.org/entity/a", str(RDF.first), Lit("x"))]
    assert writers.turtle(triples, new_graph()) is None
    assert writers.jsonld(triples, new_graph(), {"rdfs": str(RDFS)}) is None
    based = new_graph()
    based.base = "https://kg.example.org/"
    assert writers.turtle([("https://kg.example.org/entity/a", str(RDFS.label), Lit("x"))], based) is None


# --- interrupts -----------------------------------------------------------------------------------

def test_deferred_signal_is_raised_after_the_critical_section():
    done = []
    with pytest.raises(SystemExit) as stopped, stop_on_signals():
        with deferred_signals():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
            done.append("renamed")
        done.append("after")
    assert done == ["renamed"] and stopped.value.code == 128 + signal.SIGTERM


def test_write_together_interrupted_mid_rename_replaces_every_file(tmp_path, monkeypatch):
    for name in ("a", "b", "c"):
        (tmp_path / name).write_text("old")
    real_replace = os.replace
    calls = []

    def replace_then_signal(src, dst):
        real_replace(src, dst)
        calls.append(dst)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)

    monkeypatch.setattr(os, "replace", replace_then_signal)
    with pytest.raises(KeyboardInterrupt), stop_on_signals():
        write_together(tmp_path, {"a": b"new", "b": b"new", "c": b"new"})
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {"a": "new", "b": "new", "c": "new"}


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated") / "corpus"
    subprocess.run([sys.executable, str(REPO_ROOT / "bench" / "generate.py"), "--articles", "60", "--out", str(folder)],
                   check=True, capture_output=True)
    return folder


def leftovers(folder):
    return [p for p in folder.rglob("*") if p.name.startswith((".kg-staging-", ".tmp-"))]


@pytest.mark.model
@pytest.mark.parametrize("signum, code, workers", [(signal.SIGTERM, 128 + signal.SIGTERM, "1"),
                                                   (signal.SIGINT, 130, "2")])
def test_interrupted_build_keeps_previous_output_and_leaves_no_temp_files(generated_corpus, tmp_path, signum, code,
                                                                           workers):
    out = tmp_path / "out"
    out.mkdir()
    previous = {name: f"previous {name}\n".encode() for name in OUTPUTS}
    for name, data in previous.items():
        (out / name).write_bytes(data)
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(generated_corpus), "--out", str(out),
                                "--workers", workers], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    cache = out / ".kg-cache"
    deadline = time.monotonic() + 120
    while not any(cache.rglob("*.pkl")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)  # interrupt once articles are being cached: mid-run, cache writes under way
    assert process.poll() is None, "build ended before it could be interrupted"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr.decode()
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == previous
    assert leftovers(out) == []
    assert "Traceback" not in stderr.decode()
