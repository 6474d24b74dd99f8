"""Unit tests of the interactive graph page: the raw HTML, no browser."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from kg.export.html_page import OTHER_RELATION_STYLE, RELATION_STYLES, render_html

E = "https://kg.example.org/entity/"
SCRIPT_NAME = "<script>window.__pwned=1</script>"
IMG_QUOTE = '"><img src=x onerror="window.__pwned=2">'


def entity(graph, slug, label, kind, **extra):
    data = {"label": label, "type": kind, "aliases": [], "iso_code": None,
            "documents": ["000_301b9ffc123abff1"], "positions": [], "quotes": []}
    graph.add_node(E + slug, **{**data, **extra})


def relate(graph, a, relation, b, sentence, *, symmetric=False, start=100):
    graph.add_edge(E + a, E + b, key=relation, relation=relation, symmetric=symmetric,
                   confidence=0.8, evidence=[{"sentence": sentence, "doc": "000_301b9ffc123abff1",
                                              "start": start, "end": start + len(sentence)}])


def small_graph(reverse: bool = False) -> nx.MultiDiGraph:
    """Agencies, countries, a person with quotes, a symmetric relation, a nasty name."""
    steps = [
        lambda g: entity(g, "national-crime-agency", "National Crime Agency", "Agency", aliases=["NCA"]),
        lambda g: entity(g, "bulgaria", "Bulgaria", "Country", iso_code="BG", aliases=["Bulgarian"]),
        lambda g: entity(g, "austria", "Austria", "Country", iso_code="AT"),
        lambda g: entity(g, "yvette-cooper", "Yvette Cooper", "Person", positions=["Home Secretary"],
                         quotes=[{"text": "But there is work to do\u2028 & more", "doc": "d1",
                                  "start": 412, "end": 640}]),
        lambda g: entity(g, "evil", SCRIPT_NAME, "Person", aliases=["</script><b>x"],
                         quotes=[{"text": IMG_QUOTE, "doc": "d1", "start": 1, "end": 9}]),
        lambda g: relate(g, "national-crime-agency", "cooperatesWith", "bulgaria",
                         "The NCA has closely co-operated with Bulgarian authorities.", symmetric=True),
        lambda g: relate(g, "national-crime-agency", "operatesIn", "austria",
                         "A new post opened in Austria </script><script>alert(1)</script>."),
        lambda g: relate(g, "evil", "criticises", "national-crime-agency", IMG_QUOTE),
    ]
    graph = nx.MultiDiGraph()
    for step in reversed(steps[:5]) if reverse else steps[:5]:
        step(graph)
    for step in reversed(steps[5:]) if reverse else steps[5:]:
        step(graph)
    return graph


class Page(HTMLParser):
    """Collects tags with attributes and the text of <script> and <style> elements."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self._open: tuple[str, dict] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self._buffer = []

    def handle_data(self, data):
        if self._open:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            text = "".join(self._buffer)
            if tag == "script":
                self.scripts.append((self._open[1], text))
            else:
                self.styles.append(text)
            self._open = None

    def data(self) -> dict:
        [block] = [text for attrs, text in self.scripts if attrs.get("type") == "application/json"]
        return json.loads(block)


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(small_graph(), title="Border security <2024> & co")


def test_same_graph_gives_byte_identical_html(html):
    assert render_html(small_graph(), title="Border security <2024> & co") == html
    assert render_html(small_graph(reverse=True), title="Border security <2024> & co") == html


def test_article_text_is_escaped_in_the_raw_html(html):
    for raw in (SCRIPT_NAME, IMG_QUOTE, "<img", "</script><b>x", "alert(1)</script>", "\u2028"):
        assert raw not in html
    assert "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e" in html
    assert "\\u2028 \\u0026 more" in html
    assert "<title>Border security &lt;2024&gt; &amp; co</title>" in html
    # Only the page's own <script> elements: vis-network, the JSON block, the app.
    assert len(Page(html).scripts) == 3


def test_data_block_round_trips(html):
    data = Page(html).data()
    assert data["entities"][E + "evil"]["label"] == SCRIPT_NAME
    assert data["entities"][E + "evil"]["quotes"][0]["text"] == IMG_QUOTE
    assert data["entities"][E + "bulgaria"]["iso_code"] == "BG"
    assert data["entities"][E + "yvette-cooper"]["positions"] == ["Home Secretary"]
    assert sorted(n["id"] for n in data["nodes"]) == sorted(small_graph().nodes)
    evidence = {r["relation"]: r["evidence"][0]["sentence"] for r in data["relations"].values()}
    assert evidence["cooperatesWith"].startswith("The NCA has closely")


def test_tooltips_are_plain_text(html):
    data = Page(html).data()
    evil = next(n for n in data["nodes"] if n["id"] == E + "evil")
    assert evil["title"] == "Person: " + SCRIPT_NAME  # vis 9 renders string titles as innerText
    assert all(isinstance(item["title"], str) for item in data["nodes"] + data["edges"])


def test_no_remote_references(html):
    page = Page(html)
    remote = re.compile(r"^\s*(https?:)?//", re.I)
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "srcset", "data", "poster"):
            assert not remote.match(attrs.get(name) or ""), (tag, attrs)
    assert not [attrs for tag, attrs in page.tags if tag == "link"]
    assert not [attrs for attrs, _ in page.scripts if "src" in attrs]
    for css in page.styles:
        assert "@import" not in css
        for target in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
            assert target.startswith("data:"), target
    assert "sourceMappingURL" not in html


def test_content_security_policy_allows_exactly_the_inline_scripts(html):
    page = Page(html)
    [csp] = [a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    executable = [text for attrs, text in page.scripts if attrs.get("type") != "application/json"]
    hashes = {base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() for t in executable}
    assert hashes == allowed and len(executable) == 2


def test_vis_network_is_inlined_from_the_pyvis_package(html):
    from importlib import resources

    bundled = (resources.files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text("utf-8")
    vis_js = next(text for attrs, text in Page(html).scripts if attrs.get("type") != "application/json")
    assert vis_js[:20000] == bundled[:20000]
    assert abs(len(vis_js) - len(bundled)) < 100


def test_legend_lists_the_types_and_relations_present(html):
    page = Page(html)
    types = [a["value"] for t, a in page.tags if a.get("data-filter") == "type"]
    relations = [a["value"] for t, a in page.tags if a.get("data-filter") == "relation"]
    assert types == ["Person", "Agency", "Country"]
    assert relations == ["cooperatesWith", "operatesIn", "criticises"]
    assert any(a.get("id") == "hide-isolated" for t, a in page.tags)


def test_edge_styles_follow_the_relation(html):
    edges = {e["label"]: e for e in Page(html).data()["edges"]}
    assert edges["cooperatesWith"]["arrows"] == {"to": {"enabled": False}}
    assert edges["operatesIn"]["arrows"] == "to"
    assert edges["cooperatesWith"]["dashes"] and edges["cooperatesWith"]["color"] != edges["criticises"]["color"]
    assert len({e["id"] for e in edges.values()}) == 3


def test_symmetric_relation_stated_both_ways_is_drawn_once():
    graph = small_graph()
    relate(graph, "bulgaria", "cooperatesWith", "national-crime-agency", "Bulgaria works with the NCA.",
           symmetric=True, start=7)
    data = Page(render_html(graph, title="t")).data()
    [rel] = [r for r in data["relations"].values() if r["relation"] == "cooperatesWith"]
    assert [e["start"] for e in rel["evidence"]] == [7, 100]


def test_nodes_are_sized_by_importance(html):
    sizes = {n["id"]: n["size"] for n in Page(html).data()["nodes"]}
    assert sizes[E + "national-crime-agency"] > sizes[E + "austria"]
    shapes = {n["id"]: n["shape"] for n in Page(html).data()["nodes"]}
    assert shapes[E + "bulgaria"] != shapes[E + "national-crime-agency"] != shapes[E + "evil"]


def test_layout_seed_is_fixed_and_physics_is_bounded(html):
    options = Page(html).data()["options"]
    assert isinstance(options["layout"]["randomSeed"], int)
    assert options["physics"]["stabilization"]["iterations"] <= 1000


def test_empty_graph_renders():
    page = Page(render_html(nx.MultiDiGraph(), title="empty"))
    assert page.data()["nodes"] == [] and page.data()["options"]["physics"]["enabled"] is False


def test_place_relations_have_their_own_styles_legend_rows_and_filters():
    graph = small_graph()
    entity(graph, "warsaw", "Warsaw", "Location")
    entity(graph, "poland", "Poland", "Country", iso_code="PL")
    relate(graph, "national-crime-agency", "basedIn", "warsaw", "The Warsaw-based agency.")
    relate(graph, "warsaw", "locatedIn", "poland", "Officers met in Warsaw, Poland.")
    entity(graph, "krakow", "Kraków", "Location")
    relate(graph, "krakow", "inCountry", "poland", "Officers patrol Kraków.")  # GeoNames, not the text
    page = Page(render_html(graph, title="t"))
    relations = [a["value"] for t, a in page.tags if a.get("data-filter") == "relation"]
    assert relations == ["cooperatesWith", "operatesIn", "criticises", "basedIn", "locatedIn", "inCountry"]
    data = page.data()
    edges = {e["label"]: e for e in data["edges"]}
    assert edges["basedIn"]["arrows"] == edges["locatedIn"]["arrows"] == edges["inCountry"]["arrows"] == "to"
    assert edges["inCountry"]["dashes"] and edges["inCountry"]["dashes"] != edges["locatedIn"]["dashes"]
    styles = {(e["color"], str(e["dashes"])) for e in edges.values()}
    assert len(styles) == len(edges)  # each relation drawn its own way
    assert data["relationStyles"]["basedIn"] == RELATION_STYLES["basedIn"][0] != OTHER_RELATION_STYLE[0]
    [located] = [r for r in data["relations"].values() if r["relation"] == "locatedIn"]
    assert located["evidence"][0]["sentence"] == "Officers met in Warsaw, Poland."


def test_every_kg_relation_but_holds_position_has_a_distinct_style():
    from kg.export.network import EVENT_EDGES
    from kg.graph.vocab import RELATIONS

    drawn = set(RELATIONS) - {"holdsPosition"} | set(EVENT_EDGES)  # holdsPosition: a node attribute, not an edge
    assert set(RELATION_STYLES) == drawn
    assert len({colour for colour, _ in RELATION_STYLES.values()}) == len(drawn)
    assert len({str(dashes) for _, dashes in RELATION_STYLES.values()}) == len(drawn) - 1  # two solid lines
    assert OTHER_RELATION_STYLE[0] not in {colour for colour, _ in RELATION_STYLES.values()}
