"""Archive-scale bench: synthetic extraction records through resolve, graph and write, no NLP.

    python bench/archive.py --articles 10000 100000 [--quads] [--code DIR] [--executor dask]

Each size runs in a child process (`--child`) fed by `bench/synthetic.py`, and
`bench/measure.py` samples the peak RSS of its process tree and of each
process (with dask: the client, which runs the scheduler of its LocalCluster
too, and each worker). The child calls what `kg build` calls once the records are there:
`kg.builder.build_from_extractions` when the code has it (the streaming build),
else resolve, graph_triples, render_files and write_together in turn (the code
before it). `--code DIR` runs another copy of kg (e.g. `git archive main`
unpacked), for a before/after table. Prints a Markdown table with the slope of
time and peak RSS per 1,000 articles between the first and the last size.
"""

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
TEMP = REPO / "temp" / "archive"
MB = 2**20


def child(articles: int, out: Path, quads: bool, executor: str) -> None:
    sys.path.insert(0, str(BENCH))
    from synthetic import SyntheticCorpus

    from kg import builder
    from kg.config import Settings

    formats = Settings.formats + (("nquads", "trig") if quads else ())
    settings = Settings(formats=formats, html=False)
    corpus = SyntheticCorpus(articles)
    started = time.perf_counter()
    if hasattr(builder, "build_from_extractions"):
        options = builder.BuildOptions(executor=executor, workers=2)
        builder.build_from_extractions(iter(corpus), out, settings, options)
    else:
        from kg.export.rdf_files import write_together
        from kg.gazetteer import load_gazetteer
        from kg.graph.build import graph_triples
        from kg.resolve.merge import resolve

        with builder._gc_paused():
            resolution = resolve(list(corpus), load_gazetteer(settings.ontology_dir))
            triples = graph_triples(resolution)
            del resolution
            files, _ = builder.render_files(triples, settings)
        write_together(out, files)
    print(json.dumps({"build_seconds": time.perf_counter() - started}))


def measure(articles: int, quads: bool, code: Path | None, executor: str) -> dict:
    sys.path.insert(0, str(BENCH))
    from measure import run

    out = TEMP / f"out-{articles}"
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in (code or REPO, BENCH))}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(articles), str(out), "--executor", executor]
    result = run(command + (["--quads"] if quads else []), env=env, cwd=str(code or REPO))
    if result.returncode != 0:
        raise SystemExit(f"archive bench failed at {articles} articles: {result.stderr[-3000:]}")
    sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file()}
    triples = sum(1 for _ in (out / "graph.nt").open("rb"))
    numbers = {"articles": articles, "seconds": result.seconds, "peak_rss_mb": result.peak_rss / MB,
               "triples": triples, "bytes": sizes, **_processes(result.processes),
               **json.loads(result.stdout.strip().splitlines()[-1])}
    shutil.rmtree(out, ignore_errors=True)
    return numbers


def _processes(processes: dict) -> dict:
    """The peak RSS of the main process (the client) and of each dask worker (spawned processes), in MB."""
    main = [p["peak_rss"] for p in processes.values() if p["name"] == "main"]
    workers = sorted((p["peak_rss"] for p in processes.values() if "spawn_main" in p["name"]), reverse=True)
    return {"client_peak_mb": main[0] / MB if main else None, "worker_peaks_mb": [w / MB for w in workers]}


def table(rows: list[dict]) -> str:
    workers = any(row.get("worker_peaks_mb") for row in rows)
    lines = ["| articles | triples | peak RSS | time | RSS per 1,000 articles | time per 1,000 articles |"
             + (" client peak | client per 1,000 | worker peaks | largest worker per 1,000 |" if workers else ""),
             "|---|---|---|---|---|---|" + ("---|---|---|---|" if workers else "")]
    first = rows[0]

    def slope(row: dict, value) -> str:
        span = (row["articles"] - first["articles"]) / 1000
        return f"{(value(row) - value(first)) / span:,.1f} MB" if span else ""

    for row in rows:
        span = (row["articles"] - first["articles"]) / 1000
        seconds = f"{(row['seconds'] - first['seconds']) / span:,.2f} s" if span else ""
        line = (f"| {row['articles']:,} | {row['triples']:,} | {row['peak_rss_mb']:,.0f} MB | "
                f"{row['seconds']:,.1f} s | {slope(row, lambda r: r['peak_rss_mb'])} | {seconds} |")
        if workers:
            line += (f" {row['client_peak_mb']:,.0f} MB | {slope(row, lambda r: r['client_peak_mb'])} | "
                     f"{' / '.join(f'{w:,.0f}' for w in row['worker_peaks_mb'])} MB | "
                     f"{slope(row, lambda r: max(r['worker_peaks_mb']))} |")
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--quads", action="store_true", help="also write graph.nq and graph.trig")
    parser.add_argument("--code", type=Path, default=None, help="folder holding the kg package to measure")
    parser.add_argument("--executor", choices=("local", "dask"), default="local")
    parser.add_argument("--results", type=Path, default=TEMP / "results.json")
    parser.add_argument("--child", nargs=2, metavar=("ARTICLES", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(int(args.child[0]), Path(args.child[1]), args.quads, args.executor)
        return 0
    TEMP.mkdir(parents=True, exist_ok=True)
    rows = []
    for articles in args.articles:
        rows.append(measure(articles, args.quads, args.code, args.executor))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(rows, indent=1))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
