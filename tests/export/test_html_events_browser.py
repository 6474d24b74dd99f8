"""Events on the graph page in headless Chromium: the date filter and an event's panel.

The page is made from the event records of tests/event_records.py, through the
real graph builder and networkx export. Skipped as the other browser tests are
when /usr/bin/chromium is missing outside CI.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.config import Settings
from kg.export.html_page import render_html
from kg.export.network import network_of
from kg.gazetteer import load_gazetteer
from kg.graph.build import graph_triples
from kg.resolve.merge import resolve
from event_records import event_extractions

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402  (after the skip on purpose)

from export.test_html_browser import CHROMIUM_ARGS, Opened  # noqa: E402

E = "https://kg.example.org/entity/"
OPERATION = "https://kg.example.org/operation/operation-nautilus"


@pytest.fixture(scope="module")
def network():
    return network_of(graph_triples(resolve(event_extractions(), load_gazetteer(Settings().ontology_dir))))


@pytest.fixture(scope="module")
def page(network, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.fail(f"CI is set and {CHROMIUM} is missing: the browser tests must run in CI")
    path = tmp_path_factory.mktemp("events") / "graph.html"
    path.write_text(render_html(network, title="Events"), "utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        opened = Opened(browser, path)
        yield opened
        opened.context.close()
        browser.close()


def event_id(network, kind: str, date: str | None) -> str:
    return next(n for n, d in network.nodes(data=True) if d.get("event_type") == kind and d.get("date") == date)


def set_dates(page: Opened, start: str, end: str) -> None:
    page.page.fill("#date-from", start)
    page.page.fill("#date-to", end)
    page.page.dispatch_event("#date-to", "change")


def hidden_edges(page: Opened) -> set[tuple[str, str, str]]:
    return {tuple(e) for e in page.js(
        "network.body.data.edges.get({filter: e => e.hidden}).map(e => [e.from, e.label, e.to])")}


def test_page_with_events_loads_without_errors(page, network):
    assert page.errors == [] and page.requests == []
    assert page.js("network.body.data.nodes.length") == network.number_of_nodes()


def test_date_filter_hides_events_outside_the_range_and_the_edges_only_they_support(page, network):
    set_dates(page, "2024-03-01", "2024-03-31")
    hidden = set(page.hidden_nodes())
    in_march = {event_id(network, "Arrest", "2024-03-03"), event_id(network, "Conviction", "2024-03-05"),
                event_id(network, "Deployment", "2024-03-05"),
                event_id(network, "Seizure", "2024")}  # "last week": only its year is known, and 2024 meets March
    outside = {event_id(network, "Operation", "2024-01"), event_id(network, "Seizure", "2024-02"),
               event_id(network, "Arrest", None), event_id(network, "Agreement", None)}  # undated: not known in range
    assert outside <= hidden and not in_march & hidden
    assert not {n for n in hidden if network.nodes[n]["type"] != "Event"}  # entities stay
    # Europol's part in Operation Nautilus rests on the January event alone; the NCA's arrest edge stays
    assert (E + "europol", "participatesIn", OPERATION) in hidden_edges(page)
    assert not any(a == event_id(network, "Arrest", "2024-03-03") for a, _, _ in hidden_edges(page))
    set_dates(page, "2024-01-01", "2024-01-31")
    assert event_id(network, "Operation", "2024-01") not in page.hidden_nodes()
    assert event_id(network, "Arrest", "2024-03-03") in page.hidden_nodes()
    set_dates(page, "", "")
    assert page.hidden_nodes() == [] and hidden_edges(page) == set()


def test_event_panel_shows_its_counts_date_and_sentence(page, network):
    seizure = event_id(network, "Seizure", "2024")
    page.js("(id) => window.kg.showNodePanel(id)", seizure)
    text = page.panel_text()
    assert "more than 40 boats and engines" in text
    assert "French police seized more than 40 small boats and engines in Calais, France, last week." in text
    assert "\u201clast week\u201d" in text and "2024" in text
    page.js("(id) => window.kg.showNodePanel(id)", event_id(network, "Deployment", "2024-03-05"))
    text = page.panel_text()
    assert "up to 100 investigators" in text and "the text gives none" in text
