"""The overview page of a big graph and its data files: the raw files, no browser."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import networkx as nx
import pytest
from synthetic_graph import synthetic_triples

import kg.export.html_page as html_page
from kg.export.html_page import page_files, page_leftovers, render_html
from kg.export.network import network_of
from kg.export.overview import DATA_FOLDER, OverviewLimits, page_view, render_overview
from kg.export.rdf_files import write_together

LIMITS = OverviewLimits(entities=30, clusters=8, relations=60, cluster_links=20, entities_per_part=8)
HOSTILE = "</script><img src=x onerror=window.__pwned=1>"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    network = network_of(synthetic_triples(80, 300))
    first = sorted(network)[0]
    network.nodes[first]["aliases"] = [HOSTILE]
    return network


@pytest.fixture(scope="module")
def files(graph) -> dict[str, bytes]:
    return render_overview(graph, title="Overview <test>", limits=LIMITS)


def raw_page_data(files) -> dict:
    html = files["graph.html"].decode("utf-8")
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))


def page_data(files) -> dict:
    """The page's data as its script expands it: index rows, nodes and edges by id."""
    data = raw_page_data(files)
    return {**data, **page_view(data)}


def part(files, name: str) -> tuple[str, int, dict]:
    match = re.fullmatch(r'window\.kgPart\("(\w+)",(\d+),(.*)\);\n', files[name].decode("utf-8"), re.S)
    return match.group(1), int(match.group(2)), json.loads(match.group(3))


def test_small_graphs_keep_the_single_page(graph):
    small = graph.subgraph(sorted(graph)[:50]).copy()
    assert page_files(small, title="t") == {"graph.html": render_html(small, title="t").encode("utf-8")}
    assert page_leftovers(page_files(small, title="t")) == (DATA_FOLDER,)


def test_above_the_budget_the_page_is_an_overview(graph, monkeypatch):
    monkeypatch.setattr(html_page, "PAGE_MAX_NODES", 100)
    files = page_files(graph, title="t")
    assert "graph.html" in files and any(name.startswith(DATA_FOLDER + "/") for name in files)
    assert page_leftovers(files) == ()
    monkeypatch.setattr(html_page, "PAGE_MAX_NODES", 10_000)
    monkeypatch.setattr(html_page, "PAGE_MAX_BYTES", 1000)  # bytes count too
    assert len(page_files(graph, title="t")) > 1


def test_overview_draws_clusters_and_the_most_connected_entities(graph, files):
    data = page_data(files)
    kinds = [node["kind"] for node in data["nodes"]]
    assert kinds.count("entity") == LIMITS.entities
    assert 2 <= kinds.count("cluster") <= LIMITS.clusters + 1
    degree = dict(nx.Graph(graph).degree())
    drawn = {n["id"] for n in data["nodes"] if n["kind"] == "entity"}
    assert min(degree[n] for n in drawn) >= max(degree[n] for n in set(graph) - drawn)
    assert all("x" in n and "y" in n for n in data["nodes"]) and data["options"]["physics"] == {"enabled": False}
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])


def test_every_entity_is_in_the_search_index_with_its_cluster(graph, files):
    data = page_data(files)
    assert [row[0] for row in data["index"]] == sorted(graph)
    clusters = {c["id"]: c for c in data["clusters"]}
    assert all(row[5] in clusters for row in data["index"])
    sizes = {c: sum(1 for row in data["index"] if row[5] == c) for c in clusters}
    assert sizes == {c: clusters[c]["size"] for c in clusters}


def test_each_entity_has_its_details_and_evidence_in_its_data_file(graph, files):
    data = page_data(files)
    for node_id, label, _type, _aliases, _iso, _cluster, _degree, bucket in data["index"]:
        build, number, content = part(files, f"{DATA_FOLDER}/part-{bucket:04d}.js")
        assert build == data["build"] and number == bucket
        assert content["entities"][node_id]["label"] == label
        expected = {(u, d["relation"], v) for u, v, d in graph.edges(data=True) if node_id in (u, v)}
        assert {(r["from"], r["relation"], r["to"]) for r in content["relations"][node_id]} == expected
        for rel in content["relations"][node_id]:
            assert rel["evidence"] and all(ev["sentence"] and ev["doc"] in content["documents"] for ev in rel["evidence"])


def test_output_is_deterministic(graph, files):
    assert render_overview(graph, title="Overview <test>", limits=LIMITS) == files
    shuffled = nx.MultiDiGraph(**graph.graph)
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert render_overview(shuffled, title="Overview <test>", limits=LIMITS) == files


def test_strings_stay_escaped_in_page_and_data_files(files):
    assert HOSTILE not in files["graph.html"].decode("utf-8")
    assert page_data(files)["index"][0][3] == [HOSTILE]  # as text, once parsed
    for name, content in files.items():
        if name != "graph.html":
            text = content.decode("utf-8")
            assert "<" not in text and ">" not in text and "\u2028" not in text


def test_csp_allows_the_two_scripts_and_what_they_insert(files):
    html = files["graph.html"].decode("utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "script-src 'strict-dynamic' 'sha256-" in csp and "default-src 'none'" in csp
    assert "http:" not in csp and "https:" not in csp and "'unsafe-eval'" not in csp


# The real pipeline's graph of the 8,000 bench articles (bench/README.md): 43,064 nodes, 8,625 of them entities
# (the rest events, about four an article). The page holds a row per entity; events it does not draw are in
# graph-data/events.js.
ARCHIVE_NODES, ARCHIVE_ENTITIES = 43_064, 8_625


def events_file(files) -> tuple[str, list]:
    match = re.fullmatch(r'window\.kgEvents\("(\w+)",(.*)\);\n', files[f"{DATA_FOLDER}/events.js"].decode("utf-8"), re.S)
    return match.group(1), json.loads(match.group(2))


def test_page_stays_within_the_budget_at_archive_scale():
    """The page is its fixed part (vis-network, script, the overview drawn, bounded by OverviewLimits) and a
    row per entity: measured on 600 synthetic articles with four events each, it holds the budget at the
    8,000 articles' entities with room to spare, even were every node on it."""
    graph = network_of(synthetic_triples(600, events_per_article=4))
    events = {n for n, d in graph.nodes(data=True) if d.get("type") == "Event"}
    assert len(events) > graph.number_of_nodes() / 2
    files = render_overview(graph, title="600 articles")
    data = raw_page_data(files)
    build, later = events_file(files)
    assert build == data["build"] and data["eventsFile"] == f"{DATA_FOLDER}/events.js"
    view = page_view(data, later)
    assert [row[0] for row in view["index"][len(data["index"]):]] == sorted(events - {n["id"] for n in view["nodes"]})
    assert sorted(row[0] for row in view["index"]) == sorted(graph) and len(view["nodes"]) < 2000
    assert all(files[f"{DATA_FOLDER}/part-{row[7]:04d}.js"] for row in view["index"])
    page = len(files["graph.html"])
    index = len(json.dumps(data["index"], ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    per_row = index / len(data["index"])
    assert page - index + per_row * ARCHIVE_ENTITIES < 2_500_000
    assert page - index + per_row * ARCHIVE_NODES < 5_000_000


def test_graphs_without_events_have_no_events_file(files):
    assert raw_page_data(files)["eventsFile"] is None and f"{DATA_FOLDER}/events.js" not in files


def test_write_together_replaces_the_data_folder_whole_and_removes_it_when_unused(tmp_path, files):
    write_together(tmp_path, {"graph.html": b"old", f"{DATA_FOLDER}/part-9999.js": b"stale"})
    write_together(tmp_path, files)
    written = sorted(p.name for p in (tmp_path / DATA_FOLDER).iterdir())
    assert written == sorted(name.split("/")[1] for name in files if name != "graph.html")
    assert (tmp_path / "graph.html").read_bytes() == files["graph.html"]
    write_together(tmp_path, {"graph.html": b"small"}, remove=page_leftovers({"graph.html": b"small"}))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


@pytest.mark.model
def test_build_writes_the_overview_above_the_budget_and_removes_its_files_below(tmp_path, monkeypatch):
    from kg.builder import BuildOptions, build
    from kg.config import REPO_ROOT

    options = BuildOptions(cache_dir=tmp_path / "cache")
    monkeypatch.setattr(html_page, "PAGE_MAX_NODES", 5)
    build([REPO_ROOT / "seeds"], tmp_path / "out", options=options)
    assert any((tmp_path / "out" / DATA_FOLDER).glob("part-*.js"))
    assert b'id="clear"' in (tmp_path / "out" / "graph.html").read_bytes()  # the overview's "Back to the overview"
    monkeypatch.undo()
    build([REPO_ROOT / "seeds"], tmp_path / "out", options=options)
    assert not (tmp_path / "out" / DATA_FOLDER).exists()
    assert (tmp_path / "out" / "graph.html").read_bytes() == (REPO_ROOT / "output" / "graph.html").read_bytes()


def test_communities_are_louvains_of_the_connected_subgraph():
    """`_communities` runs Louvain on a copy of the connected entities, not on a subgraph view (cheaper); the
    communities are those of the view, which the pages of earlier builds were made from."""
    from kg.export.html_page import LAYOUT_SEED, _merged_relations
    from kg.export.overview import _communities, _weighted_graph

    network = network_of(synthetic_triples(120, 400, events_per_article=2))
    relations = _merged_relations(network)
    for rel in relations:
        rel["count"] = len(rel["evidence"])
    simple = _weighted_graph(network.nodes, relations)
    degree = dict(simple.degree())
    view = simple.subgraph(n for n in simple if degree[n] > 0)
    expected = nx.community.louvain_communities(view, weight="weight", seed=LAYOUT_SEED)
    ranked = sorted((sorted(c, key=lambda n: (-degree[n], n)) for c in expected), key=lambda m: (-len(m), m[0]))
    assert len(ranked) > 5
    assert _communities(simple, degree) == ranked
