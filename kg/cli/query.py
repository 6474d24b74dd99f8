"""`kg query`: SPARQL over a built graph file or store folder, in an embedded Oxigraph store."""

from pathlib import Path

import click

from kg.cli import cli, reports_errors
from kg.errors import InputError
from kg.query import QUERIES_DIR, format_result, named_queries, resolve_query, run_query


def _read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None


def _parse_bindings(pairs: tuple[str, ...]) -> dict[str, str]:
    bindings = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip().lstrip("?$"):
            raise InputError(f"--bind {pair!r}: expected NAME=VALUE")
        bindings[name.strip().lstrip("?$")] = value
    return bindings


def _listing() -> str:
    queries = named_queries()
    if not queries:
        return f"no named queries in {QUERIES_DIR}"
    width = max(len(name) for name in queries)
    return "\n".join(f"{q.name.ljust(width)}  {q.summary}" for q in queries.values())


@cli.command("query")
@click.argument("graph_path", metavar="GRAPH", required=False, type=click.Path(path_type=Path))
@click.argument("query", metavar="QUERY", required=False)
@click.option("--file", "-f", "query_file", type=click.Path(path_type=Path), help="Read the query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--bind", "-b", "binds", multiple=True, metavar="NAME=VALUE",
              help="Fix a variable before evaluation: a string, or an IRI as <...> or kge:..., kgd:... (repeatable).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@reports_errors
def query_command(graph_path: Path | None, query: str | None, query_file: Path | None, fmt: str,
                  binds: tuple[str, ...], list_queries: bool) -> None:
    """Run QUERY over GRAPH: SPARQL text or the name of a query in queries/.

    GRAPH is an RDF file (loaded into memory) or a store folder written by
    kg build --store (opened as it is: no parsing, fast on big graphs).
    kg's prefixes (kg:, kge:, kgd:, rdfs:, skos:, ...) are predeclared; a
    prefix the query declares itself wins.

    \b
    Example:
      kg query --list
      kg query output/graph.ttl agencies-by-country
      kg query output/graph.ttl quotes-by-person --bind name="Rob Jones" --format csv
      kg query output/graph.ttl "SELECT ?name WHERE { ?a a kg:Agency ; rdfs:label ?name }"
      kg query output/graph.ttl --file my-query.rq --format json
      kg query output/store/ most-connected
    """
    if list_queries:
        click.echo(_listing())
        return
    if graph_path is None:
        raise InputError("give a GRAPH file or store folder to query (or --list)")
    if (query is None) == (query_file is None):
        raise InputError("give either a QUERY (SPARQL or a name) or --file, not both or neither")
    sparql = _read_query_file(query_file) if query_file is not None else resolve_query(query)
    click.echo(format_result(run_query(graph_path, sparql, _parse_bindings(binds)), fmt))
