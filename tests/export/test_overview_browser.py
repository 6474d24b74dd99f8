"""The overview page of a big graph in headless Chromium: clusters, search over every entity, details from the data files.

Skipped only when /usr/bin/chromium is missing outside CI (as test_html_browser).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
from synthetic_graph import synthetic_triples
from test_html_browser import ARTIFACTS, Opened, browser  # noqa: F401  (browser is a fixture)

from kg.export.network import network_of
from kg.export.overview import DATA_FOLDER, OverviewLimits, page_view, render_overview
from kg.export.rdf_files import write_together

pytestmark = pytest.mark.browser

LIMITS = OverviewLimits(entities=40, clusters=10, relations=80, cluster_links=30, entities_per_part=16)
HOSTILE = "<img src=x onerror=\"window.__pwned=1\"> said the </script> minister."


def hidden_entity(graph: nx.MultiDiGraph, drawn: set[str]) -> str:
    """The most connected entity the overview does not draw."""
    degree = dict(nx.Graph(graph).degree())
    return min(set(graph) - drawn, key=lambda n: (-degree[n], n))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The overview of a 150-article synthetic graph, one hostile evidence sentence in it, written to a folder."""
    graph = network_of(synthetic_triples(150, 600))
    files = render_overview(graph, title="Overview test", limits=LIMITS)
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', files["graph.html"].decode(), re.S).group(1))
    drawn = {n["id"] for n in page_view(data)["nodes"] if n["kind"] == "entity"}
    target = hidden_entity(graph, drawn)
    u, v, key = next((u, v, k) for u, v, k in graph.edges(keys=True) if target in (u, v))
    graph.edges[u, v, key]["evidence"][0]["sentence"] = HOSTILE
    files = render_overview(graph, title="Overview test", limits=LIMITS)
    folder = tmp_path_factory.mktemp("overview")
    write_together(folder, files)
    return folder, graph, target, drawn


@pytest.fixture()
def page(browser, site):  # noqa: F811
    opened = Opened(browser, site[0] / "graph.html")
    yield opened
    opened.context.close()


def recorded_requests(page) -> list[str]:
    """The URLs the page asks for from now on (file: ones included)."""
    urls: list[str] = []
    page.page.on("request", lambda request: urls.append(request.url))
    return urls


def wait_for_panel(page, text: str):
    page.page.wait_for_function("(t) => document.getElementById('panel').textContent.includes(t)", arg=text,
                                timeout=10_000)


def test_overview_shows_clusters_offline_and_fast(page, site):
    assert page.errors == [] and page.requests == []
    kinds = page.js("network.body.data.nodes.get().map(n => n.kind)")
    assert kinds.count("entity") == LIMITS.entities and kinds.count("cluster") >= 2
    assert page.js("network.physics.options.enabled") is False
    assert page.js("document.querySelectorAll('script[src]').length") == 0  # no data file before it is asked for
    assert page.seconds_to_ready < 10
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "graph-overview.png"))


def test_search_finds_an_entity_outside_the_overview_and_loads_its_neighbourhood(page, site):
    _folder, graph, target, drawn = site
    assert target not in drawn
    label = graph.nodes[target]["label"]
    requests = recorded_requests(page)
    page.search(label)
    wait_for_panel(page, "Outgoing relations")
    assert page.js("network.getSelectedNodes()") == [target]
    neighbours = set(nx.Graph(graph).neighbors(target))
    on_canvas = set(page.js("network.body.data.nodes.getIds()"))
    assert neighbours <= on_canvas
    text = page.js("document.getElementById('panel').textContent")
    assert HOSTILE in text  # the evidence sentence, from the data file, as text
    for u, v, data in graph.edges(data=True):
        if target in (u, v):
            assert data["evidence"][-1]["sentence"] in text
    assert [Path(url).parent.name for url in requests] == [DATA_FOLDER]  # one data file, beside the page
    assert page.js("typeof window.__pwned") == "undefined" and page.js("document.querySelectorAll('img').length") == 0
    assert page.errors == [] and page.requests == []
    page.page.wait_for_timeout(600)
    page.page.screenshot(path=str(ARTIFACTS / "graph-overview-entity.png"))
    page.page.click("#clear")
    assert page.js("network.body.data.nodes.length") == len(drawn) + page.js(
        "network.body.data.nodes.get({filter: n => n.kind === 'cluster'}).length")


def test_clicking_a_cluster_lists_its_members(page):
    cluster, point = page.js("""() => {
        const c = network.body.data.nodes.get({filter: n => n.kind === 'cluster'})[0];
        return [c, network.canvasToDOM(network.getPositions([c.id])[c.id])];
    }""")
    box = page.page.locator("#graph canvas").bounding_box()
    page.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    wait_for_panel(page, "entities, the most connected first")
    assert page.page.inner_text("#panel h2") == cluster["label"]
    assert page.js("document.querySelectorAll('#panel ol.members li').length") == min(100, int(
        re.search(r"\((\d+)\)$", cluster["label"]).group(1)))


def test_clicking_a_member_opens_it(page):
    page.js("() => window.kg.showClusterPanel(network.body.data.nodes.get({filter: n => n.kind === 'cluster'})[0].id)")
    name = page.page.inner_text("#panel ol.members li:first-child")
    page.page.click("#panel ol.members li:first-child button")
    wait_for_panel(page, "In the cluster")
    assert page.page.inner_text("#panel h2") == name


def test_missing_or_foreign_data_files_are_a_message_not_a_crash(browser, site, tmp_path):  # noqa: F811
    folder, graph, target, _drawn = site
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    parts = sorted((copy / DATA_FOLDER).iterdir())
    for path in parts:  # every file now claims another build
        path.write_text(re.sub(r'kgPart\("\w+"', 'kgPart("0000000000000000"', path.read_text()))
    opened = Opened(browser, copy / "graph.html")
    try:
        opened.search(graph.nodes[target]["label"])
        wait_for_panel(opened, "another build")
        shutil.rmtree(copy / DATA_FOLDER)
        opened.search(graph.nodes[sorted(graph)[0]]["label"])
        wait_for_panel(opened, "keep the graph-data folder beside this page")
        assert not any("TypeError" in e or "ReferenceError" in e for e in opened.errors)
    finally:
        opened.context.close()


@pytest.fixture(scope="module")
def event_site(tmp_path_factory):
    """The overview of 60 synthetic articles with two events each: the events it does not draw are in events.js."""
    graph = network_of(synthetic_triples(60, 240, events_per_article=2))
    files = render_overview(graph, title="Overview with events", limits=LIMITS)
    assert f"{DATA_FOLDER}/events.js" in files
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', files["graph.html"].decode(), re.S).group(1))
    drawn = {n["id"] for n in page_view(data)["nodes"]}
    degree = dict(nx.Graph(graph).degree())
    event = max((n for n, d in graph.nodes(data=True) if d.get("type") == "Event" and n not in drawn),
                key=lambda n: (degree[n], n))
    folder = tmp_path_factory.mktemp("overview-events")
    write_together(folder, files)
    return folder, graph, event


def test_events_are_read_from_their_file_when_first_needed(browser, event_site):  # noqa: F811
    folder, graph, event = event_site
    label = graph.nodes[event]["label"]
    opened = Opened(browser, folder / "graph.html")
    try:
        assert opened.js("document.querySelectorAll('script[src]').length") == 0  # not read to show the page
        assert opened.js("(id) => window.kg.findMatches(id, 1000).length", "") == 0
        assert not opened.js("([l, id]) => window.kg.findMatches(l, 1000).some((h) => h.id === id)", [label, event])
        requests = recorded_requests(opened)
        opened.search(label)  # Enter before the file is read: it is read, then the event opened
        wait_for_panel(opened, graph.nodes[event]["evidence"]["sentence"][:40])
        assert opened.js("network.getSelectedNodes()") == [event]
        assert set(nx.Graph(graph).neighbors(event)) <= set(opened.js("network.body.data.nodes.getIds()"))
        assert [Path(url).name for url in requests][0] == "events.js" and len(requests) == 2  # and its data file
        assert opened.js("([l, id]) => window.kg.findMatches(l, 1000).some((h) => h.id === id)", [label, event])
        assert opened.errors == [] and opened.requests == []
    finally:
        opened.context.close()
