"""The page `kg build` writes for the seeds, opened offline in headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import RDF

from kg.event_types import event_types
from kg.graph.vocab import KG
from kg.records import ENTITY_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.model]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402  (after the skip on purpose)


def test_seeds_page_offline_with_every_entity(seeds_build, seeds_graph):
    entities = {s for t in ENTITY_TYPES for s in seeds_graph.subjects(RDF.type, KG[t])}
    events = {s for t in event_types() for s in seeds_graph.subjects(RDF.type, KG[t])}
    operations = set(seeds_graph.subjects(RDF.type, KG.NamedOperation))
    requests, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else (requests.append(route.request.url), route.abort()))
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto((seeds_build[0] / "graph.html").as_uri())
        page.wait_for_function("() => window.kgReady === true", timeout=30_000)
        count = page.evaluate("() => network.body.data.nodes.length")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "graph-seeds.png"))
        browser.close()
    assert (requests, errors) == ([], [])
    assert count == len(entities) + len(events) + len(operations) and len(entities) > 20 and events
