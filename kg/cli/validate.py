"""`kg validate`: check a graph against the SHACL shapes."""

from pathlib import Path

import click

from kg.cli import cli, reports_errors
from kg.errors import ShapeError
from kg.query import load_graph


@cli.command("validate")
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@reports_errors
def validate_command(graph_path: Path) -> None:
    """Validate GRAPH (any RDF file) against ontology/shapes.ttl.

    Exits non-zero and lists the violations when the graph does not conform.

    \b
    Example:
      kg validate output/graph.ttl
    """
    from kg.graph.validate import validate  # pyshacl: loaded for this command only, not for every `kg` call

    report = validate(load_graph(graph_path))
    if not report.conforms:
        for line in report.violations:
            click.echo(line, err=True)
        raise ShapeError(f"{graph_path}: {len(report.violations)} SHACL violation(s)")
    click.echo(f"{graph_path}: conforms to the shapes")
