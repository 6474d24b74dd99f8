"""The graph page and the store at archive scale, on a synthetic graph (no NLP).

    .venv/bin/python bench/page_store.py                     # 8,000 articles, about 4 minutes
    .venv/bin/python bench/page_store.py --articles 2000 --no-full-page

The graph comes from `tests/synthetic_graph.py`: resolved records the real
graph builder turns into triples (8,000 articles: about 8,800 entities, 50,000
relations, 1.1 million triples, the size of the 8,000-article bench corpus).
Measures:

* page: the single page (`render_html`, what kg wrote before the overview)
  and the overview (`page_files`): render time, size, and in headless Chromium
  the time until the page is usable (`window.kgReady`) and its JS heap; for the
  overview also searching an entity it does not draw and opening it (its data
  file loaded, neighbourhood drawn, panel with evidence);
* store: `kg.store.update_store` from scratch, then with one more article;
  `kg query most-connected` (the whole command, best of --repeat runs) on
  graph.ttl and on the store folder.

Prints a Markdown table. Compare numbers of one run: the machine is shared.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))

from synthetic_graph import synthetic_triples  # noqa: E402

from kg.export import writers  # noqa: E402
from kg.export.html_page import page_files, render_html  # noqa: E402
from kg.export.network import network_of  # noqa: E402
from kg.export.overview import page_view  # noqa: E402
from kg.export.rdf_files import write_together  # noqa: E402
from kg.graph.build import new_graph  # noqa: E402
from kg.store import update_store  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def open_in_chromium(page: Path, search: str | None = None) -> dict[str, float]:
    """Seconds until usable, JS heap in MB, and with `search` the seconds until its panel shows evidence."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        tab = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        started = time.perf_counter()
        tab.goto(page.as_uri())
        tab.wait_for_function("() => window.kgReady === true", timeout=600_000)
        numbers = {"usable_s": time.perf_counter() - started,
                   "heap_mb": tab.evaluate("() => performance.memory.usedJSHeapSize") / 1e6}
        if search:
            started = time.perf_counter()
            tab.fill("#search", search)
            tab.press("#search", "Enter")
            tab.wait_for_function("() => document.getElementById('panel').textContent.includes('Source: ')",
                                  timeout=60_000)
            numbers["open_s"] = time.perf_counter() - started
        browser.close()
    return numbers


def best_of(repeat: int, command: list[str]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def measure_page(graph, folder: Path, full_page: bool) -> list[tuple[str, str]]:
    rows = []
    if full_page:
        html, seconds = timed(lambda: render_html(graph, title="synthetic").encode("utf-8"))
        (folder / "full").mkdir()
        (folder / "full" / "graph.html").write_bytes(html)
        browser = open_in_chromium(folder / "full" / "graph.html")
        rows.append(("single page (before)", f"{len(html) / 1e6:.1f} MB, render {seconds:.1f} s, usable in Chromium "
                     f"after {browser['usable_s']:.1f} s, JS heap {browser['heap_mb']:.0f} MB"))
    files, seconds = timed(lambda: page_files(graph, title="synthetic"))
    write_together(folder / "overview", files)
    hidden = _an_entity_outside_the_overview(graph, files)
    browser = open_in_chromium(folder / "overview" / "graph.html", graph.nodes[hidden]["label"])
    data = sum(len(v) for k, v in files.items() if k != "graph.html")
    rows.append(("page now (overview above the budget)", f"{len(files['graph.html']) / 1e6:.2f} MB page + {data / 1e6:.0f} MB in "
                 f"{len(files) - 1} data files, render {seconds:.1f} s, usable after {browser['usable_s']:.2f} s, "
                 f"JS heap {browser['heap_mb']:.0f} MB; search and open an entity outside the overview "
                 f"{browser['open_s']:.2f} s"))
    return rows


def _an_entity_outside_the_overview(graph, files) -> str:
    page = files["graph.html"].decode("utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    drawn = {n["id"] for n in page_view(data)["nodes"]}
    degree = dict(graph.degree())
    return max((n for n in graph if n not in drawn), key=lambda n: (degree[n], n))


def measure_store(triples, more, folder: Path, repeat: int) -> list[tuple[str, str]]:
    (folder / "graph.ttl").write_bytes(writers.turtle(triples, new_graph()))
    cold, cold_s = timed(lambda: update_store(folder / "store", triples))
    size = sum(p.stat().st_size for p in (folder / "store").rglob("*") if p.is_file())
    warm, warm_s = timed(lambda: update_store(folder / "store", more))
    update_store(folder / "store", triples)
    kg = str(Path(sys.executable).with_name("kg"))
    from_file = best_of(repeat, [kg, "query", str(folder / "graph.ttl"), "most-connected"])
    from_store = best_of(repeat, [kg, "query", str(folder / "store"), "most-connected"])
    return [
        ("store from scratch", f"{cold_s:.1f} s, {cold.loaded:,} named graphs, {size / 1e6:.0f} MB on disk"),
        ("store, one more article", f"{warm_s:.1f} s, {warm.loaded} graphs reloaded, {warm.unchanged:,} unchanged"),
        ("kg query most-connected", f"graph.ttl {from_file:.2f} s, store {from_store:.2f} s "
                                    f"({from_file / from_store:.1f}x faster), best of {repeat}"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-full-page", action="store_true", help="Skip the single page (minutes in Chromium).")
    parser.add_argument("--no-store", action="store_true")
    args = parser.parse_args()
    triples = synthetic_triples(args.articles, 4 * args.articles)
    graph = network_of(triples)
    rows = [("graph", f"{args.articles:,} articles, {len(triples):,} triples, {graph.number_of_nodes():,} entities, "
                      f"{graph.number_of_edges():,} relations")]
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-page-store-"))
    try:
        rows += measure_page(graph, folder, not args.no_full_page)
        if not args.no_store:
            rows += measure_store(triples, synthetic_triples(args.articles + 1, 4 * args.articles), folder, args.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
