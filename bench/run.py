"""The kg benchmark: throughput against bare nlp.pipe, memory, serialization, incremental builds.

    python bench/run.py [--articles 2000] [--throughput-articles N]

Generates the corpus (bench/generate.py) into temp/bench/, then in one run:

1. throughput, on the first N articles (default: all): words/s of `kg build`
   (one process, whole command, no cache) against bare `nlp.pipe` of the same
   pipeline on the same texts, and the 2-worker speed-ups of both;
2. scale, on all articles: peak RSS of `kg build --workers 2` (process tree;
   the cache in temp/bench/cache is filled on the first run and reused after),
   peak RSS of warm builds of the first half and of all articles, and their
   difference per article;
3. export, in this process: the graph's size and the time to write each file,
   then the same for a graph of about a million triples (copies of the
   corpus graph under other IRIs), with kg's writers and with rdflib's;
4. incremental: one new article added to the built corpus, built into the same
   folder with the cold build's options (--workers 2), then one more with the
   default options (one process), compared with the one-process throughput build
   when that one ran on every article.

Prints a Markdown table; temp/bench/results.json keeps every number.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
from measure import run  # noqa: E402

TEMP = REPO / "temp" / "bench"
SOURCE = TEMP / "src"  # a copy of kg/ and ontology/ taken at the start: edits made meanwhile do not count
KG = [sys.executable, "-m", "kg", "build"]
MB = 2**20
ENV = {**os.environ, "PYTHONPATH": str(SOURCE)}


def snapshot_source() -> None:
    """Run the benchmark on a copy of the code, so the cache stays valid while the working tree changes."""
    shutil.rmtree(SOURCE, ignore_errors=True)
    for name in ("kg", "ontology"):
        shutil.copytree(REPO / name, SOURCE / name, ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(SOURCE))


def subset(corpus: Path, count: int, name: str) -> Path:
    """A folder of links to the first `count` articles of the corpus."""
    folder = TEMP / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in sorted(corpus.glob("*.txt"))[:count]:
        (folder / path.name).symlink_to(path)
    return folder


def bare(folder: Path, processes: int, plain: bool = False) -> dict:
    command = [sys.executable, str(BENCH / "bare.py"), str(folder), "--processes", str(processes)]
    done = subprocess.run(command + (["--plain"] if plain else []), capture_output=True, text=True, check=True, env=ENV)
    return json.loads(done.stdout.strip().splitlines()[-1])


def kg_build(inputs: list[Path], out: Path, *options: str, keep: bool = False) -> dict:
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    result = run([*KG, *map(str, inputs), "--out", str(out), *options], cwd=SOURCE, env=ENV)  # -m imports from cwd
    if result.returncode != 0:
        raise SystemExit(f"kg build failed: {result.stderr[-2000:]}")
    counts = next(line for line in result.stdout.splitlines() if line.startswith("articles"))
    return {"seconds": result.seconds, "peak_rss_mb": result.peak_rss / MB, "articles": counts.split(None, 1)[1]}


def throughput(folder: Path) -> dict:
    words = bare(folder, 1)["words"]
    numbers = {"words": words}
    for processes in (1, 2):
        numbers[f"bare_{processes}"] = bare(folder, processes)["seconds"]
        numbers[f"kg_{processes}"] = kg_build([folder], TEMP / f"out-throughput-{processes}", "--no-cache", "--no-html",
                                              "--workers", str(processes))["seconds"]
    numbers["plain_model_1"] = bare(folder, 1, plain=True)["seconds"]
    same = all((TEMP / "out-throughput-1" / n).read_bytes() == (TEMP / "out-throughput-2" / n).read_bytes()
               for n in ("graph.ttl", "graph.nt", "graph.jsonld"))
    numbers["workers_identical"] = same
    return numbers


def scale(corpus: Path, count: int, fresh: bool) -> dict:
    cache = TEMP / "cache"
    if fresh:
        shutil.rmtree(cache, ignore_errors=True)
    cold = kg_build([corpus], TEMP / "out-all", "--workers", "2", "--cache", str(cache), "--no-html")
    half = kg_build([subset(corpus, count // 2, "half")], TEMP / "out-half", "--cache", str(cache))
    full = kg_build([corpus], TEMP / "out-all", "--cache", str(cache))
    return {"first": cold, "half": half, "full": full,
            "per_article_kb": (full["peak_rss_mb"] - half["peak_rss_mb"]) * 1024 / (count - count // 2)}


def timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - started


def replicate(triples: list, triples_wanted: int) -> list:
    """Copies of the plain `triples` with every kg IRI but the ontology's suffixed, until there are `triples_wanted`."""
    def rename(term, copy):
        if type(term) is str and term.startswith("https://kg.example.org/") and "ontology#" not in term:
            return f"{term}-{copy}"
        return term

    copies = triples_wanted // len(triples) + 1
    return [(rename(s, copy), p, rename(o, copy)) for copy in range(copies) for s, p, o in triples]


def rdflib_bytes(graph, fmt: str) -> bytes:
    """What kg wrote before its own writers: rdflib's serializers, N-Triples sorted, JSON-LD arrays sorted."""
    from kg.export.rdf_files import JSONLD_CONTEXT_PREFIXES, _sorted_arrays

    if fmt == "json-ld":
        namespaces = dict(graph.namespaces())
        context = {p: str(namespaces[p]) for p in JSONLD_CONTEXT_PREFIXES if p in namespaces}
        data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
        return (json.dumps(_sorted_arrays(data), indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
    if fmt == "nt":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    return graph.serialize(format=fmt, encoding="utf-8")


def export(corpus: Path, extras: list[Path], big_triples: int) -> dict:
    from kg.builder import BuildOptions, build_resolution
    from kg.export.html_page import render_html
    from kg.export.network import network_of
    from kg.export.rdf_files import serialize_all, serialize_triples
    from kg.graph.build import PREFIX_IRIS, graph_triples
    from kg.graph.terms import rdflib_graph

    resolution = build_resolution([corpus], options=BuildOptions(cache_dir=TEMP / "cache"))
    triples, graph_seconds = timed(graph_triples, resolution)
    nodes = {t for s, _, o in triples for t in (s, o) if type(t) is str}
    numbers = {"triples": len(triples), "nodes": len(nodes), "entities": len(resolution.entities),
               "graph_seconds": graph_seconds, "write": {}, "write_1m": {}, "rdflib_1m": {}}
    namespaces = rdflib_graph((), PREFIX_IRIS)
    for fmt in ("turtle", "nt", "json-ld"):  # each on its own, from nothing
        numbers["write"][fmt] = timed(serialize_triples, triples, fmt, namespaces)[1]
    numbers["write"]["html"] = timed(lambda: render_html(network_of(triples), title="bench"))[1]
    formats = ("turtle", "nt", "json-ld")
    numbers["write_all_seconds"] = timed(serialize_all, triples, formats, PREFIX_IRIS)[1]
    big = replicate(triples, big_triples)
    numbers["triples_1m"] = len(big)
    for fmt in formats:
        numbers["write_1m"][fmt] = timed(serialize_triples, big, fmt, namespaces)[1]
    numbers["write_all_1m"] = timed(serialize_all, big, formats, PREFIX_IRIS)[1]
    big_graph = rdflib_graph(big, PREFIX_IRIS)
    for fmt in formats:
        numbers["rdflib_1m"][fmt] = timed(rdflib_bytes, big_graph, fmt)[1]
    del big, big_graph
    # An analyst's next build: the corpus plus one new article, into the same folder, with the same options
    # as the cold build; the cache holds the corpus's extractions and the blocks of its last build.
    cache = ["--cache", str(TEMP / "cache"), "--no-html"]
    numbers["incremental"] = kg_build([corpus, extras[0]], TEMP / "out-all", "--workers", "2", *cache, keep=True)
    # And with kg build's default options (one process), compared with the one-process throughput build.
    numbers["incremental_1"] = kg_build([corpus, *extras], TEMP / "out-all", *cache, keep=True)
    return numbers


def machine() -> str:
    import psutil

    cpu = platform.processor() or platform.machine()
    return (f"{os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def table(t: dict, s: dict, e: dict, articles: int, full_throughput: bool) -> str:
    wps = {k: t["words"] / t[k] for k in ("bare_1", "bare_2", "kg_1", "kg_2", "plain_model_1")}
    kg_speedup, bare_speedup = t["kg_1"] / t["kg_2"], t["bare_1"] / t["bare_2"]
    rows = [
        ("kg build, 1 process (words/s)", f"{wps['kg_1']:,.0f}", f"ratio to bare nlp.pipe: {wps['kg_1'] / wps['bare_1']:.2f} (target >= 0.80)"),
        ("bare nlp.pipe, kg pipeline, 1 process (words/s)", f"{wps['bare_1']:,.0f}", "physical limit"),
        ("bare nlp.pipe, model alone, 1 process (words/s)", f"{wps['plain_model_1']:,.0f}",
         f"kg's pipeline runs at {wps['bare_1'] / wps['plain_model_1']:.2f} of the model alone"),
        ("kg build --workers 2 speed-up", f"{kg_speedup:.2f}x", f"bare n_process=2: {bare_speedup:.2f}x (target: kg >= bare)"),
        ("--workers 2 output identical to --workers 1", str(t["workers_identical"]), ""),
        (f"kg build --workers 2 --no-html, {articles} articles", f"{s['first']['seconds']:,.0f} s",
         f"articles {s['first']['articles']}"),
        (f"peak RSS, kg build --workers 2 --no-html, {articles} articles", f"{s['first']['peak_rss_mb']:,.0f} MB",
         "process tree (target < 1,536 MB)"),
        (f"peak RSS, kg build, {articles // 2} / {articles} articles (cached)",
         f"{s['half']['peak_rss_mb']:,.0f} / {s['full']['peak_rss_mb']:,.0f} MB",
         f"{s['per_article_kb']:,.0f} KB per article (articles {s['half']['articles']} / {s['full']['articles']})"),
        ("graph size", f"{e['triples']:,} triples", f"{e['nodes']:,} nodes, {e['entities']:,} entities"),
        *((f"write {fmt}, corpus graph", f"{sec:.1f} s", "") for fmt, sec in e["write"].items()),
        *((f"write {fmt}, {e['triples_1m']:,} triples", f"{sec:.1f} s",
           f"rdflib: {e['rdflib_1m'][fmt]:.1f} s ({e['rdflib_1m'][fmt] / sec:.1f}x slower)") for fmt, sec in e["write_1m"].items()),
        ("write all three together, corpus graph", f"{e['write_all_seconds']:.1f} s", "as kg build does: shared subject blocks"),
        (f"write all three together, {e['triples_1m']:,} triples", f"{e['write_all_1m']:.1f} s", "target < 60 s"),
        ("incremental: one new article, kg build --workers 2 --no-html", f"{e['incremental']['seconds']:.1f} s",
         f"{e['incremental']['seconds'] / s['first']['seconds']:.1%} of the cold build (target < 5%); "
         f"articles {e['incremental']['articles']}"),
        *([("incremental: one more new article, kg build --no-html (1 process)", f"{e['incremental_1']['seconds']:.1f} s",
            f"{e['incremental_1']['seconds'] / t['kg_1']:.1%} of the 1-process cold build of the corpus (target < 5%); "
            f"articles {e['incremental_1']['articles']}")] if full_throughput else []),
    ]
    lines = ["| measure | value | notes |", "|---|---|---|", *(f"| {a} | {b} | {c} |" for a, b, c in rows)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--throughput-articles", type=int, default=None,
                        help="articles for the throughput runs (default: all)")
    parser.add_argument("--reuse-cache", action="store_true",
                        help="keep temp/bench/cache from the last run (by default the first scale build parses every article)")
    parser.add_argument("--big-triples", type=int, default=1_000_000, help="size of the large export graph")
    args = parser.parse_args(argv)
    snapshot_source()
    corpus = TEMP / "corpus"
    paths = generate.generate(args.articles + 2, TEMP / "generated")
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    for path in paths[:-2]:
        path.rename(corpus / path.name)
    extras = [TEMP / "extra", TEMP / "extra-2"]  # a new article each, for the two incremental builds
    for extra, path in zip(extras, paths[-2:]):
        shutil.rmtree(extra, ignore_errors=True)
        extra.mkdir()
        path.rename(extra / path.name)
    folder = subset(corpus, args.throughput_articles or args.articles, "throughput")
    print("throughput ...", file=sys.stderr, flush=True)
    t = throughput(folder)
    print("scale ...", file=sys.stderr, flush=True)
    s = scale(corpus, args.articles, fresh=not args.reuse_cache)
    print("export ...", file=sys.stderr, flush=True)
    e = export(corpus, extras, args.big_triples)
    results = {"machine": machine(), "articles": args.articles, "throughput_articles": len(list(folder.iterdir())),
               "throughput": t, "scale": s, "export": e}
    (TEMP / "results.json").write_text(json.dumps(results, indent=1))
    print(f"machine: {results['machine']}\narticles: {args.articles} ({t['words']:,} words in the "
          f"{results['throughput_articles']} throughput articles)\n")
    print(table(t, s, e, args.articles, results["throughput_articles"] == args.articles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
