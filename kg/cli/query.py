"""`kg query`: SPARQL over a built graph."""

from pathlib import Path

import click

from kg.cli import cli, reports_errors
from kg.errors import InputError
from kg.query import format_result, load_graph, run_query


@cli.command("query")
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "-f", "query_file", type=click.Path(path_type=Path), help="Read the query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@reports_errors
def query_command(graph_path: Path, sparql: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL query over GRAPH. kg's prefixes (kg:, kge:, rdfs:, skos:, ...) are predeclared.

    \b
    Example:
      kg query output/graph.ttl "SELECT ?name WHERE { ?a a kg:Agency ; rdfs:label ?name }"
      kg query output/graph.ttl --file queries/agencies.rq --format csv
    """
    if (sparql is None) == (query_file is None):
        raise InputError("give either a SPARQL string or --file, not both or neither")
    if query_file is not None:
        try:
            sparql = query_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{query_file}: cannot read: {exc.strerror}") from None
    click.echo(format_result(run_query(load_graph(graph_path), sparql), fmt))
