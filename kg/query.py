"""Load a built graph and run SPARQL over it.

Queries run in an embedded Oxigraph store (pyoxigraph): a graph file is
bulk-loaded into an in-memory store, a store folder of `kg build --store`
(`kg.store`) is opened as it is, and the answer comes back as a
`QueryResult`, a plain value that does not depend on the store. rdflib stays
the API that builds graphs; an rdflib graph is handed to Oxigraph as
N-Triples. `run_query_rdflib` answers the same way with rdflib's engine, for
comparisons and benchmarks.

Named queries are the `.rq` files of `queries/` at the repository root (packaged in a wheel):
`resolve_query("agencies-by-country")` reads `queries/agencies-by-country.rq`.
"""

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import BNode, Graph
from rdflib.query import Result

from kg.config import QUERIES_DIR
from kg.errors import InputError
from kg.graph.build import PREFIXES
from kg.store import is_store, open_store

_FORMATS_BY_SUFFIX = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml",
                      ".nq": "nquads", ".trig": "trig"}
_OX_FORMATS_BY_SUFFIX = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML, ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
}
_PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_QUERY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")

Cell = str | None
Row = tuple[Cell, ...]


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query, whichever store computed it.

    `kind` is "SELECT", "ASK" or "CONSTRUCT" (DESCRIBE answers are graphs too).
    A SELECT has `variables` and `rows`; a cell is the IRI of a named node,
    the lexical form of a literal, `_:id` for a blank node, or None when the
    variable is unbound. An ASK has `answer`; a CONSTRUCT has `turtle`.
    Iterating a result yields its rows.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    answer: bool | None = None
    turtle: str = ""

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def row_set(self) -> frozenset[Row]:
        """The rows as a set, numbers in canonical form ("0.80" and "0.8" are equal).

        Stores differ in row order (when a query leaves it open) and in the
        lexical form they return for numbers; this is what they must agree on.
        """
        return frozenset(tuple(_canonical_number(c) for c in row) for row in self.rows)

    @classmethod
    def from_sparql_json(cls, data: Mapping) -> "QueryResult":
        """A result in the SPARQL 1.1 Query Results JSON Format, as an HTTP endpoint sends it."""
        if "boolean" in data:
            return cls("ASK", answer=bool(data["boolean"]))
        variables = tuple(data["head"]["vars"])
        rows = tuple(tuple(_json_cell(binding.get(v)) for v in variables) for binding in data["results"]["bindings"])
        return cls("SELECT", variables, rows)


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")


def _canonical_number(cell: Cell) -> Cell:
    if cell is None or not _NUMBER.fullmatch(cell):
        return cell
    number = Decimal(cell).normalize()
    return format(number, "f") if number != 0 else "0"


def _json_cell(term: Mapping | None) -> Cell:
    if term is None:
        return None
    return f"_:{term['value']}" if term["type"] == "bnode" else term["value"]


@dataclass(frozen=True)
class NamedQuery:
    """A query file of `queries/`: its name (the file stem) and the first line of its comment."""

    name: str
    path: Path
    summary: str


# --- loading -----------------------------------------------------------------

def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def check_graph_file(path: Path) -> None:
    """Fail with a one-line error unless `path` is a file (a store or other folder says what it is).

    Raises:
        InputError: `path` is missing or a folder.
    """
    if path.is_dir():
        if is_store(path):
            raise InputError(f"{path}: a kg store folder, not a graph file (give graph.ttl or another RDF file)")
        raise InputError(f"{path}: a folder, not a graph file")
    if not path.is_file():
        raise InputError(f"{path}: no such graph file")


def load_graph(path: Path) -> Graph:
    """Parse an RDF file into an rdflib graph; the format comes from its suffix.

    Raises:
        InputError: missing file, a folder, or not parseable RDF.
    """
    check_graph_file(path)
    graph = Graph()
    try:
        graph.parse(path, format=_FORMATS_BY_SUFFIX.get(path.suffix.lower(), "turtle"))
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(f"{path}: not a readable RDF graph: {_first_line(exc)}") from None
    return graph


def oxigraph_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a graph file, from its suffix (Turtle when unknown)."""
    return _OX_FORMATS_BY_SUFFIX.get(path.suffix.lower(), ox.RdfFormat.TURTLE)


def load_store(path: Path) -> ox.Store:
    """Bulk-load an RDF file into a new in-memory Oxigraph store; the format comes from its suffix.

    Quad formats (N-Quads, TriG) keep their named graphs; queries see the
    file's default graph.

    Raises:
        InputError: missing file, a folder, or not parseable RDF.
    """
    check_graph_file(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=oxigraph_format(path))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not a readable RDF graph: {_first_line(exc)}") from None
    return store


def graph_to_store(graph: Graph) -> ox.Store:
    """An Oxigraph store holding the triples of an rdflib graph (handed over as N-Triples)."""
    store = ox.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


# --- named queries -------------------------------------------------------------

def _summary(path: Path) -> str:
    """The first line of the `#` comment block a query file starts with."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
        if line.strip():
            break
    return ""


def named_queries(folder: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """The named queries of `folder`, by name."""
    return {p.stem: NamedQuery(p.stem, p, _summary(p)) for p in sorted(folder.glob("*.rq"))}


def resolve_query(text: str, folder: Path = QUERIES_DIR) -> str:
    """SPARQL for `text`: the file of a named query when `text` is a bare name, else `text` itself.

    Raises:
        InputError: a bare name that is not a named query.
    """
    if not _QUERY_NAME.fullmatch(text.strip()):
        return text
    query = named_queries(folder).get(text.strip())
    if query is None:
        raise InputError(f"no named query {text.strip()!r} in {folder} (kg query --list shows them)")
    return query.path.read_text(encoding="utf-8")


# --- running -----------------------------------------------------------------

def _syntax_error(message: str) -> InputError:
    """Oxigraph's "error at L:C: expected one of ..." as one readable line."""
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not match:
        return InputError(f"SPARQL syntax error: {' '.join(message.split())}")
    line, column, detail = match.groups()
    if "Prefix not found" in detail:
        detail = "undeclared prefix"
    else:
        # Drop the character classes Oxigraph lists ('A' ..= 'Z' | ...): they say "a name character".
        detail = re.sub(r"\[[^\[\]]*\.\.=[^\[\]]*\]", "a name character", " ".join(detail.split()))
        detail = re.sub(r"(, a name character)+", ", a name character", detail)
    if len(detail) > 160:
        detail = detail[:157] + "..."
    return InputError(f"SPARQL syntax error at line {line}, column {column}: {detail}")


def _ox_cell(term) -> Cell:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _ox_term(value: str) -> ox.NamedNode | ox.Literal:
    """A binding given on the command line: `<iri>` or `prefix:name` (kg's prefixes) is an IRI, else a string."""
    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])
    prefix, _, local = value.partition(":")
    if local and prefix in _PREFIX_IRIS and not local.startswith("//"):
        return ox.NamedNode(_PREFIX_IRIS[prefix] + local)
    return ox.Literal(value)


def _from_oxigraph(answer) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", answer=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        turtle = ox.serialize(answer, format=ox.RdfFormat.TURTLE, prefixes=_PREFIX_IRIS)
        return QueryResult("CONSTRUCT", turtle=turtle.decode("utf-8"))
    variables = tuple(v.value for v in answer.variables)
    rows = tuple(tuple(_ox_cell(solution[v]) for v in variables) for solution in answer)
    return QueryResult("SELECT", variables, rows)


def run_query(source: Path | Graph | ox.Store, sparql: str, bindings: Mapping[str, str] | None = None) -> QueryResult:
    """Run SPARQL in Oxigraph, with kg's prefixes predeclared.

    `source` is a graph file (bulk-loaded), a store folder of `kg build
    --store` (queried over the union of its named graphs, which is the whole
    graph), an rdflib graph or a store. A prefix the query declares itself wins over kg's. `bindings` fix selected
    variables before evaluation (SEP-0007 substitution), e.g.
    {"name": "Rob Jones"}; a named query opens such a parameter with
    `VALUES ?name { UNDEF }`.

    Raises:
        InputError: an unreadable graph file or store folder, or a SPARQL syntax error with its position.
    """
    union = isinstance(source, Path) and source.is_dir()
    if isinstance(source, Path):
        store = open_store(source) if union else load_store(source)
    elif isinstance(source, Graph):
        store = graph_to_store(source)
    else:
        store = source
    substitutions = {ox.Variable(name): _ox_term(value) for name, value in (bindings or {}).items()}
    try:
        answer = store.query(sparql, prefixes=_PREFIX_IRIS, substitutions=substitutions or None,
                             use_default_graph_as_union=union)
        return _from_oxigraph(answer)
    except SyntaxError as exc:
        raise _syntax_error(str(exc)) from None
    except RuntimeError as exc:
        unselected = re.search(r"does not contains? variable \?(\w+)", str(exc))
        if unselected:
            raise InputError(f"cannot bind ?{unselected.group(1)}: the query does not select it") from None
        raise InputError(f"cannot run the query: {_first_line(exc)}") from None


def _rdflib_cell(term) -> Cell:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _from_rdflib(result: Result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult("ASK", answer=bool(result.askAnswer))
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        return QueryResult("CONSTRUCT", turtle=result.graph.serialize(format="turtle"))
    variables = tuple(str(v) for v in result.vars)
    return QueryResult("SELECT", variables, tuple(tuple(_rdflib_cell(row[v]) for v in result.vars) for row in result))


def run_query_rdflib(graph: Graph, sparql: str) -> QueryResult:
    """Run SPARQL with rdflib's own engine, with kg's prefixes predeclared.

    Raises:
        InputError: a SPARQL syntax error, with its position.
    """
    try:
        return _from_rdflib(graph.query(sparql, initNs=_PREFIX_IRIS))
    except ParseException as exc:
        raise InputError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None


# --- formatting ----------------------------------------------------------------

def _text(cell: Cell) -> str:
    return "" if cell is None else cell


def _table(result: QueryResult) -> str:
    rows = [[_text(c) for c in row] for row in result.rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(result.variables)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(result.variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines + [f"({len(rows)} rows)"])


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.variables)
    writer.writerows([_text(c) for c in row] for row in result.rows)
    return out.getvalue().rstrip("\n")


def format_result(result: QueryResult, fmt: str) -> str:
    """A SELECT result as an aligned table, CSV or JSON; ASK as true/false; CONSTRUCT as Turtle."""
    if result.kind == "ASK":
        return "true" if result.answer else "false"
    if result.kind == "CONSTRUCT":
        return result.turtle
    if fmt == "json":
        records = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
        return json.dumps(records, indent=1, ensure_ascii=False)
    if fmt == "csv":
        return _csv(result)
    return _table(result)
