"""Load a built graph and run SPARQL over it."""

import csv
import io
import json
from pathlib import Path

from pyparsing import ParseException
from rdflib import Graph
from rdflib.query import Result

from kg.errors import InputError
from kg.graph.build import PREFIXES

_FORMATS_BY_SUFFIX = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".nq": "nquads", ".trig": "trig"}


def load_graph(path: Path) -> Graph:
    """Parse an RDF file; the format comes from its suffix.

    Raises:
        InputError: missing file or not parseable RDF.
    """
    if not path.is_file():
        raise InputError(f"{path}: no such graph file")
    graph = Graph()
    try:
        graph.parse(path, format=_FORMATS_BY_SUFFIX.get(path.suffix.lower(), "turtle"))
    except Exception as exc:  # rdflib raises many parser-specific types
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: not a readable RDF graph: {first_line}") from None
    return graph


def run_query(graph: Graph, sparql: str) -> Result:
    """Run SPARQL with kg's prefixes predeclared.

    Raises:
        InputError: a SPARQL syntax error, with its position.
    """
    try:
        return graph.query(sparql, initNs={p: str(ns) for p, ns in PREFIXES.items()})
    except ParseException as exc:
        raise InputError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None


def _cell(value) -> str:
    return "" if value is None else str(value)


def format_result(result: Result, fmt: str) -> str:
    """A SELECT result as an aligned table, CSV or JSON; ASK as true/false; CONSTRUCT as Turtle."""
    if result.type == "ASK":
        return "true" if result.askAnswer else "false"
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        return result.graph.serialize(format="turtle")
    names = [str(v) for v in result.vars]
    rows = [[_cell(row[v]) for v in result.vars] for row in result]
    if fmt == "json":
        return json.dumps([dict(zip(names, row)) for row in rows], indent=1, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines + [f"({len(rows)} rows)"])
