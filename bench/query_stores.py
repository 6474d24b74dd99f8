"""Load and query times of the stores on a large synthetic graph that follows docs/data-model.md.

    .venv/bin/python bench/query_stores.py                   # about 200,000 triples
    .venv/bin/python bench/query_stores.py --scale 0.1 --no-virtuoso --repeat 1

Generates documents, entities (with aliases, ISO codes, mentions), positions,
statements with evidence and quotes, in the proportions of a real build, with
a fixed random seed; two of the documents carry the seed articles' ids, so
the default parameters of relations-only-in have something to compare. Then:

* load: rdflib (parse Turtle), pyoxigraph (bulk load), the oxigraph server's
  `oxigraph load`, and Virtuoso's bulk loader (ld_dir + rdf_loader_run) into a
  private instance when Debian's virtuoso-opensource is installed;
* query: every named query in rdflib and in pyoxigraph (best of --repeat
  runs), and once over HTTP in Virtuoso, checking that all agree.

Prints a Markdown table; --json writes the numbers too.
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import DCTERMS, SKOS, XSD

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests" / "stores"))  # the private-Virtuoso helper of the store tests

from kg.cli.serve import oxigraph_command  # noqa: E402
from kg.graph.build import new_graph  # noqa: E402
from kg.graph.vocab import DOC, ENTITY, KG, POSITION, QUOTE, STATEMENT  # noqa: E402
from kg.query import load_store, named_queries, resolve_query, run_query, run_query_rdflib  # noqa: E402

SEED_DOCS = ("000_301b9ffc123abff1", "003_784e9872068629d6")
ENTITY_TYPES = {"Person": 0.35, "Agency": 0.2, "Organisation": 0.2, "Location": 0.15, "Country": 0.1}
# relation: (subject types, object types)
RELATIONS = {
    "memberOf": (("Person",), ("Agency", "Organisation")),
    "cooperatesWith": (("Agency", "Organisation", "Country"), ("Agency", "Organisation", "Country", "Location")),
    "operatesIn": (("Agency", "Organisation"), ("Country", "Location", "Agency")),
    "supports": (("Person", "Agency", "Organisation"), ("Person", "Agency", "Organisation", "Country")),
    "criticises": (("Person", "Agency", "Organisation"), ("Person", "Agency", "Organisation", "Country")),
    "holdsPosition": (("Person",), ()),
}
RULES = ("title-before-name", "member-apposition", "cooperatesWith-verb-cue", "operatesIn-noun-cue",
         "supports-verb-cue", "criticises-negative-claim")
WORDS = ("border", "security", "agency", "officers", "gangs", "smuggling", "minister", "police", "network",
         "investigation", "partners", "europe", "crossings", "enforcement", "said", "working", "together")

# Per unit of scale 1 (about 200,000 triples).
DOCUMENTS, ENTITIES, POSITIONS, STATEMENTS, QUOTES = 500, 5000, 200, 13500, 4500


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))).capitalize() + "."


def synthetic_graph(scale: float, seed: int = 7) -> Graph:
    """A graph shaped like kg's output: every node as docs/data-model.md describes it."""
    rng = random.Random(seed)
    graph = new_graph()
    documents = [DOC[d] for d in SEED_DOCS] + [DOC[f"{i:03d}_{rng.getrandbits(64):016x}"]
                                                for i in range(2, max(2, int(DOCUMENTS * scale)))]
    for doc in documents:
        stem = str(doc).rsplit("/", 1)[1]
        graph.add((doc, RDF.type, KG.Document))
        graph.add((doc, DCTERMS.title, Literal(sentence(rng)[:80])))
        graph.add((doc, DCTERMS.identifier, Literal(stem)))
        graph.add((doc, KG.sourceFile, Literal(f"{stem}.txt")))

    by_type: dict[str, list] = {t: [] for t in ENTITY_TYPES}
    for i in range(int(ENTITIES * scale)):
        kind = rng.choices(list(ENTITY_TYPES), weights=list(ENTITY_TYPES.values()))[0]
        node = ENTITY[f"{kind.lower()}-{i}"]
        by_type[kind].append(node)
        graph.add((node, RDF.type, KG[kind]))
        graph.add((node, RDFS.label, Literal(f"{kind} {i}")))
        for alias in range(rng.choice((0, 0, 1, 2))):
            graph.add((node, SKOS.altLabel, Literal(f"{kind[:3].upper()}{i}-{alias}")))
        if kind == "Country":
            graph.add((node, KG.isoCode, Literal(f"{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}")))
        for doc in rng.sample(documents, rng.choice((1, 1, 1, 2, 3))):
            graph.add((node, KG.mentionedIn, doc))

    positions = [POSITION[f"position-{i}"] for i in range(max(1, int(POSITIONS * scale)))]
    for i, position in enumerate(positions):
        graph.add((position, RDF.type, KG.Position))
        graph.add((position, RDFS.label, Literal(f"Position {i}")))

    for i in range(int(STATEMENTS * scale)):
        relation = rng.choice(list(RELATIONS))
        subjects, objects = RELATIONS[relation]
        s = rng.choice(by_type[rng.choice(subjects)])
        o = rng.choice(positions) if relation == "holdsPosition" else rng.choice(by_type[rng.choice(objects)])
        graph.add((s, KG[relation], o))
        if relation == "cooperatesWith":
            graph.add((o, KG[relation], s))
        node = STATEMENT[f"{i:016x}"]
        start = rng.randint(0, 5000)
        for p, v in ((RDF.type, KG.Statement), (RDF.subject, s), (RDF.predicate, KG[relation]), (RDF.object, o),
                     (KG.evidenceText, Literal(sentence(rng))), (KG.startChar, Literal(start)),
                     (KG.endChar, Literal(start + rng.randint(40, 300))),
                     (KG.confidence, Literal(Decimal(rng.choice(("0.65", "0.70", "0.80", "0.90"))),
                                             datatype=XSD.decimal)),
                     (KG.extractedBy, Literal(rng.choice(RULES))), (KG.source, rng.choice(documents))):
            graph.add((node, p, v))

    speakers = by_type["Person"] + by_type["Agency"]
    for i in range(int(QUOTES * scale)):
        node = QUOTE[f"{i:016x}"]
        start = rng.randint(0, 5000)
        for p, v in ((RDF.type, KG.Quote), (KG.speaker, rng.choice(speakers)), (KG.text, Literal(sentence(rng))),
                     (KG.startChar, Literal(start)), (KG.endChar, Literal(start + rng.randint(40, 300))),
                     (KG.source, rng.choice(documents))):
            graph.add((node, p, v))
    return graph


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def best_of(repeat: int, action: Callable[[], object], budget: float = 20.0) -> tuple[float, object]:
    """The fastest of up to `repeat` runs; no further runs once `budget` seconds are spent."""
    runs = [timed(action)]
    while len(runs) < repeat and sum(seconds for seconds, _ in runs) < budget:
        runs.append(timed(action))
    return min(seconds for seconds, _ in runs), runs[-1][1]


def load_times(ttl: Path, workdir: Path) -> dict[str, float]:
    seconds = {}
    seconds["rdflib (parse Turtle)"], _ = timed(lambda: Graph().parse(ttl, format="turtle"))
    seconds["pyoxigraph (bulk_load, in memory)"], _ = timed(lambda: load_store(ttl))
    command = [oxigraph_command(), "load", "--location", str(workdir / "oxigraph-store"), "--file", str(ttl)]
    seconds["oxigraph server (oxigraph load, on disk)"], _ = timed(lambda: subprocess.run(command, check=True,
                                                                                          capture_output=True))
    return seconds


def virtuoso_times(ttl: Path, workdir: Path, sparql: dict[str, str]) -> tuple[dict[str, float], dict]:
    """Start a private Virtuoso, bulk-load the graph, run each query once over HTTP."""
    from store_helpers import PrivateVirtuoso, virtuoso_installed

    if not virtuoso_installed():
        return {}, {}
    graph_iri = "https://kg.example.org/graph/bench"
    load, answers = {}, {}
    load["Virtuoso (start)"], virtuoso = timed(lambda: PrivateVirtuoso(workdir / "virtuoso").__enter__())
    try:
        load["Virtuoso (ld_dir + rdf_loader_run)"], _ = timed(lambda: virtuoso.load(ttl, graph_iri))
        endpoint = virtuoso.endpoint(graph_iri)
        for name, text in sparql.items():
            answers[name] = timed(lambda text=text: endpoint.select(text, timeout=600))
    finally:
        virtuoso.__exit__(None, None, None)
    return load, answers


def print_query_table(rows: dict[str, dict]) -> None:
    columns = [("rdflib", "rdflib (s)"), ("oxigraph", "Oxigraph (s)"), ("virtuoso", "Virtuoso HTTP (s)")]
    shown = [(key, title) for key, title in columns if any(key in row for row in rows.values())]
    with_speedup = all("rdflib" in row for row in rows.values())
    titles = ["query", "rows"] + [title for _, title in shown] + (["rdflib / Oxigraph"] if with_speedup else [])
    print("| " + " | ".join(titles + ["same rows"]) + " |\n|" + "---|" * (len(titles) + 1))
    for name, row in rows.items():
        cells = [name, str(row["rows"])] + [f"{row[key]:.3f}" for key, _ in shown]
        if with_speedup:
            cells.append(f"{row['rdflib'] / max(row['oxigraph'], 1e-6):.0f}x")
        print("| " + " | ".join(cells + ["yes" if row["agree"] else "NO"]) + " |")
    for key, title in shown:
        print(f"all queries, {title.removesuffix(' (s)')}: {sum(row[key] for row in rows.values()):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is about 200,000 triples")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per query and engine, the best kept (fewer once 20 s are spent on one)")
    parser.add_argument("--no-virtuoso", action="store_true", help="skip Virtuoso even when installed")
    parser.add_argument("--no-rdflib-queries", action="store_true",
                        help="time rdflib's load only (its queries take minutes on millions of triples)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        workdir = Path(tmp)
        build_seconds, graph = timed(lambda: synthetic_graph(args.scale))
        ttl = workdir / "graph.ttl"
        graph.serialize(ttl, format="turtle", encoding="utf-8")
        print(f"synthetic graph: {len(graph):,} triples, {ttl.stat().st_size / 1e6:.1f} MB Turtle "
              f"(generated in {build_seconds:.1f} s)\n")

        loads = load_times(ttl, workdir)
        store = load_store(ttl)
        sparql = {name: resolve_query(name) for name in named_queries()}
        rows = {}
        for name, text in sparql.items():
            oxigraph_s, oxigraph_result = best_of(args.repeat, lambda text=text: run_query(store, text))
            rows[name] = {"rows": len(oxigraph_result), "oxigraph": oxigraph_s, "agree": True}
            if not args.no_rdflib_queries:
                rows[name]["rdflib"], rdflib_result = best_of(args.repeat,
                                                              lambda text=text: run_query_rdflib(graph, text))
                rows[name]["agree"] = rdflib_result.row_set() == oxigraph_result.row_set()

        virtuoso_load, virtuoso_answers = ({}, {}) if args.no_virtuoso else virtuoso_times(ttl, workdir, sparql)
        loads.update(virtuoso_load)
        for name, (seconds, result) in virtuoso_answers.items():
            rows[name]["virtuoso"] = seconds
            rows[name]["agree"] &= result.row_set() == run_query(store, sparql[name]).row_set()

    print("| store | load time (s) |\n|---|---:|")
    for store_name, seconds in loads.items():
        print(f"| {store_name} | {seconds:.2f} |")
    print()
    print_query_table(rows)
    if args.json:
        args.json.write_text(json.dumps({"triples": len(graph), "load": loads, "queries": rows}, indent=1))


if __name__ == "__main__":
    main()
