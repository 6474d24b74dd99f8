"""The graph page in headless Chromium: offline, interactive, escaped, fast enough.

Skipped only when /usr/bin/chromium is missing outside CI; in CI (env CI set) a
missing browser fails the module instead.
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import networkx as nx
import pytest

from kg.export.html_page import render_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402  (after the skip on purpose)

E = "https://kg.example.org/entity/"
DOC_A, DOC_B = "000_301b9ffc123abff1", "003_784e9872068629d6"
TITLE_A = "Government 'determined' to go after people smuggling gangs"
SCRIPT_NAME = "<script>window.__pwned=1</script>"
IMG_QUOTE = '"><img src=x onerror="window.__pwned=2">'
AUSTRIA_SENTENCE = ("So far, there\u2019s been a 50 percent increase in the number of NCA officers "
                    "stationed in Europol, with there being a new post opened in Austria.")


# ---- graphs ---------------------------------------------------------------------

def add_entity(graph, slug, label, kind, *, aliases=(), iso=None, docs=(DOC_A,), positions=(),
               quotes=()):
    graph.add_node(E + slug, label=label, type=kind, aliases=sorted(aliases), iso_code=iso,
                   documents=sorted(docs), positions=list(positions), quotes=list(quotes))


def add_relation(graph, a, relation, b, sentence, doc=DOC_A, start=0, *, symmetric=False):
    graph.add_edge(E + a, E + b, key=relation, relation=relation, symmetric=symmetric,
                   confidence=0.8, evidence=[{"sentence": sentence, "doc": doc, "start": start,
                                              "end": start + len(sentence)}])


def seeds_graph() -> nx.MultiDiGraph:
    """About what the two seed articles yield, plus one isolated and one hostile entity."""
    g = nx.MultiDiGraph(documents={DOC_A: TITLE_A, DOC_B: "<b>Migrants</b> & the Channel"})
    add_entity(g, "national-crime-agency", "National Crime Agency", "Agency", aliases=["NCA"],
               docs=(DOC_A, DOC_B))
    add_entity(g, "home-office", "Home Office", "Agency", docs=(DOC_A,))
    add_entity(g, "border-force", "Border Force", "Agency")
    add_entity(g, "europol", "Europol", "Agency", docs=(DOC_A, DOC_B))
    add_entity(g, "crown-prosecution-service", "Crown Prosecution Service", "Agency", aliases=["CPS"])
    add_entity(g, "bulgaria", "Bulgaria", "Country", iso="BG",
               aliases=["Bulgarian", "Bulgarian authorities"])
    add_entity(g, "austria", "Austria", "Country", iso="AT")
    add_entity(g, "romania", "Romania", "Country", iso="RO")
    add_entity(g, "calais", "Calais", "Location", docs=(DOC_B,))
    add_entity(g, "sky-news", "Sky News", "Organisation")
    add_entity(g, "yvette-cooper", "Yvette Cooper", "Person", aliases=["Cooper"], docs=(DOC_A, DOC_B),
               positions=["Home Secretary"], quotes=[
                   {"text": "But there is work to do, and the Border Security Command will bring "
                            "all the relevant bodies together.", "doc": DOC_A, "start": 412, "end": 640},
                   {"text": "Those gangs should not be able to get away with it.", "doc": DOC_A,
                    "start": 1210, "end": 1262}])
    add_entity(g, "keir-starmer", "Keir Starmer", "Person", aliases=["Sir Keir Starmer"],
               positions=["Prime Minister"])
    add_entity(g, "hostile", SCRIPT_NAME, "Person", quotes=[
        {"text": IMG_QUOTE, "doc": DOC_B, "start": 5, "end": 44}])
    add_relation(g, "national-crime-agency", "cooperatesWith", "bulgaria",
                 "The NCA has closely co-operated with Bulgarian authorities.", start=1530, symmetric=True)
    add_relation(g, "national-crime-agency", "operatesIn", "austria", AUSTRIA_SENTENCE, start=1904)
    add_relation(g, "national-crime-agency", "operatesIn", "romania",
                 "Officers are now permanently deployed to Romania.", start=2010)
    add_relation(g, "national-crime-agency", "operatesIn", "europol",
                 "50 per cent uplift in the number of NCA officers stationed in Europol.", DOC_B, 640)
    add_relation(g, "border-force", "operatesIn", "calais", "Border Force officers in Calais.", DOC_B, 900)
    add_relation(g, "yvette-cooper", "memberOf", "home-office",
                 "According to a Home Office statement, the Home Secretary ...", start=1400)
    add_relation(g, "yvette-cooper", "supports", "national-crime-agency",
                 "Yvette Cooper will meet the National Crime Agency.", start=2600)
    add_relation(g, "crown-prosecution-service", "supports", "border-force",
                 "The Border Security Command will bring Border Force and the Crown Prosecution "
                 "Service together.", start=700)
    add_relation(g, "keir-starmer", "supports", "border-force",
                 "Prime Minister Sir Keir Starmer backed Border Force.", start=880)
    add_relation(g, "hostile", "criticises", "home-office", IMG_QUOTE, DOC_B, 5)
    return g


def large_graph(nodes: int = 2000, edges: int = 5000) -> nx.MultiDiGraph:
    rng = random.Random(0)
    kinds = ["Person", "Agency", "Organisation", "Country", "Location"]
    relations = [("memberOf", False), ("cooperatesWith", True), ("operatesIn", False),
                 ("supports", False), ("criticises", False)]
    g = nx.MultiDiGraph()
    slugs = [f"entity-{i:04d}" for i in range(nodes)]
    for i, slug in enumerate(slugs):
        add_entity(g, slug, f"Entity {i:04d}", rng.choice(kinds), aliases=[f"E{i}"],
                   docs=[f"doc-{rng.randrange(200):03d}"])
    while g.number_of_edges() < edges:
        a, b = rng.sample(slugs, 2)
        relation, symmetric = rng.choice(relations)
        if not g.has_edge(E + a, E + b, key=relation):
            add_relation(g, a, relation, b, f"{a} {relation} {b}, says the article.",
                         f"doc-{rng.randrange(200):03d}", rng.randrange(10_000), symmetric=symmetric)
    return g


# ---- browser ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"CI is set and {CHROMIUM} is missing: the browser tests must run in CI")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page opened from file:// with every non-file request aborted and recorded."""

    def __init__(self, browser, path: Path, viewport=(1400, 900)):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        started = time.perf_counter()
        self.page.goto(path.as_uri())
        # A function, not an expression: the page's CSP forbids eval of strings.
        self.page.wait_for_function("() => window.kgReady === true", timeout=60_000)
        self.seconds_to_ready = time.perf_counter() - started

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def search(self, text: str):
        self.page.fill("#search", text)
        self.page.press("#search", "Enter")

    def hidden_nodes(self) -> list[str]:
        return sorted(self.js("network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id)"))

    def panel_text(self) -> str:
        return self.page.inner_text("#panel")


@pytest.fixture(scope="module")
def seeds_page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "graph.html"
    path.write_text(render_html(seeds_graph(), title="Border security: NCA and partners"), "utf-8")
    opened = Opened(browser, path)
    yield opened
    opened.context.close()


@pytest.fixture()
def page(seeds_page):
    """The seeds page with filters, search and selection reset."""
    seeds_page.js("""() => {
        document.querySelectorAll('#controls input[type=checkbox]').forEach(box => {
            box.checked = box.id !== 'hide-isolated';
        });
        window.kg.applyFilters();
        document.getElementById('panel-close').click();
        document.getElementById('search').value = '';
        document.getElementById('search-results').hidden = true;
        network.fit({animation: false});
    }""")
    box = seeds_page.page.locator("#graph canvas").bounding_box()
    seeds_page.page.mouse.move(box["x"] + 4, box["y"] + box["height"] - 4)  # hover nothing
    return seeds_page


def test_page_loads_offline_without_errors(page):
    assert page.errors == []
    assert page.requests == []
    graph = seeds_graph()
    assert page.js("network.body.data.nodes.length") == graph.number_of_nodes()
    assert page.js("network.body.data.edges.length") == graph.number_of_edges()
    assert page.js("network.physics.options.enabled") is False  # frozen once stabilised
    assert page.js("typeof window.__pwned") == "undefined"


def test_search_by_alias_focuses_selects_and_opens_the_panel(page):
    page.search("nca")
    assert page.js("network.getSelectedNodes()") == [E + "national-crime-agency"]
    text = page.panel_text()
    assert "National Crime Agency" in text and "Agency" in text and "NCA" in text
    assert AUSTRIA_SENTENCE in text and DOC_A in text
    page.page.wait_for_timeout(700)  # the focus animation
    # The node sits in the middle of the canvas area the panel leaves uncovered.
    x, y, free_width, height = page.js("""(id) => {
        const at = network.canvasToDOM(network.getPositions([id])[id]);
        const canvas = document.querySelector('#graph canvas').getBoundingClientRect();
        const panel = document.getElementById('panel').getBoundingClientRect();
        return [at.x, at.y, panel.left - canvas.left, canvas.height];
    }""", E + "national-crime-agency")
    assert abs(x - free_width / 2) < 3 and abs(y - height / 2) < 3


@pytest.mark.parametrize("query, slug", [("BULGARIAN AUTH", "bulgaria"), ("cooper", "yvette-cooper"),
                                         ("sir keir", "keir-starmer"), ("prosecution", "crown-prosecution-service")])
def test_search_matches_aliases_case_insensitively(page, query, slug):
    page.search(query)
    assert page.js("network.getSelectedNodes()") == [E + slug]


def test_country_and_person_panels(page):
    page.search("bulgaria")
    assert "BG" in page.panel_text() and "Bulgarian authorities" in page.panel_text()
    page.search("yvette")
    text = page.panel_text()
    assert "Home Secretary" in text
    assert "Those gangs should not be able to get away with it." in text
    assert "memberOf" in text and "Home Office" in text
    assert f"{TITLE_A} ({DOC_A})" in text and f"<b>Migrants</b> & the Channel ({DOC_B})" in text  # as text


def test_type_filter_hides_exactly_that_type(page):
    page.page.uncheck("input[data-filter='type'][value='Person']")
    people = sorted(E + s for s in ("yvette-cooper", "keir-starmer", "hostile"))
    assert page.hidden_nodes() == people
    hidden_edges = page.js("network.body.data.edges.get({filter: e => e.hidden}).map(e => e.label)")
    assert sorted(hidden_edges) == ["criticises", "memberOf", "supports", "supports"]
    page.page.check("input[data-filter='type'][value='Person']")
    assert page.hidden_nodes() == []


def test_relation_filter_and_isolated_control(page):
    page.page.check("#hide-isolated")
    assert page.hidden_nodes() == [E + "sky-news"]
    page.page.uncheck("input[data-filter='relation'][value='operatesIn']")
    assert page.hidden_nodes() == sorted(E + s for s in ("austria", "calais", "europol", "romania", "sky-news"))


def test_clicking_an_edge_shows_its_evidence(page):
    edge_id, point = page.js("""() => {
        const edge = network.body.data.edges.get({filter: e => e.label === 'operatesIn' &&
            e.to.endsWith('/austria')})[0];
        const pos = network.getPositions([edge.from, edge.to]);
        const mid = {x: (pos[edge.from].x + pos[edge.to].x) / 2, y: (pos[edge.from].y + pos[edge.to].y) / 2};
        return [edge.id, network.canvasToDOM(mid)];
    }""")
    box = page.page.locator("#graph canvas").bounding_box()
    page.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    assert page.js("network.getSelectedEdges()") == [edge_id]
    text = page.panel_text()
    assert AUSTRIA_SENTENCE in text and f"{TITLE_A} ({DOC_A})" in text and "operatesIn" in text


def test_hostile_strings_stay_text(page):
    page.search("window.__pwned")
    assert page.js("network.getSelectedNodes()") == [E + "hostile"]
    assert page.js("document.querySelector('#panel h2').textContent") == SCRIPT_NAME
    quotes = page.js("Array.from(document.querySelectorAll('#panel blockquote')).map(q => q.textContent)")
    assert IMG_QUOTE in quotes
    assert page.js("document.querySelectorAll('img').length") == 0
    assert page.js("document.querySelectorAll('#panel script, #search-results script').length") == 0
    page.page.fill("#search", "pwned")  # the dropdown shows the name as text too
    assert SCRIPT_NAME in page.page.inner_text("#search-results")
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.errors == [] and page.requests == []


def test_screenshot_of_the_seeds_page(page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "graph-small.png"))
    page.search("nca")
    page.page.wait_for_timeout(700)
    page.page.screenshot(path=str(ARTIFACTS / "graph-small-panel.png"))
    assert (ARTIFACTS / "graph-small.png").stat().st_size > 10_000


def test_large_graph_is_interactive_quickly(browser, tmp_path):
    graph = large_graph()
    started = time.perf_counter()
    html = render_html(graph, title="Large generated graph")
    render_seconds = time.perf_counter() - started
    path = tmp_path / "large.html"
    path.write_text(html, "utf-8")
    opened = Opened(browser, path)
    try:
        print(f"\nlarge graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
              f"page {path.stat().st_size / 1e6:.2f} MB, render {render_seconds:.2f} s, "
              f"interactive after {opened.seconds_to_ready:.2f} s "
              f"(in-page {opened.js('window.kgReadyAt') / 1000:.2f} s)")
        assert opened.seconds_to_ready < 30
        assert opened.errors == [] and opened.requests == []
        assert opened.js("network.body.data.nodes.length") == 2000
        ARTIFACTS.mkdir(exist_ok=True)
        opened.page.screenshot(path=str(ARTIFACTS / "graph-large.png"))
        started = time.perf_counter()
        opened.search("entity 1234")
        assert opened.js("network.getSelectedNodes()") == [E + "entity-1234"]
        assert time.perf_counter() - started < 5
    finally:
        opened.context.close()
