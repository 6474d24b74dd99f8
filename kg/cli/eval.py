"""`kg eval`: score a built graph against gold annotations."""

import json
from pathlib import Path

import click

from kg.cli import cli, reports_errors
from kg.evaluate import collect_gold_files, failed_floors, format_text, load_gold, score
from kg.query import load_graph

_F1 = click.FloatRange(0.0, 1.0)


@cli.command("eval")
@click.argument("gold_paths", metavar="GOLD...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--graph", "graph_path", type=click.Path(path_type=Path), default=Path("output/graph.ttl"),
              show_default=True, help="The graph to judge (any RDF file).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--min-entity-f1", type=_F1, default=0.0, show_default=True, help="Fail below this entity F1.")
@click.option("--min-relation-f1", type=_F1, default=0.0, show_default=True, help="Fail below this relation F1.")
@click.option("--min-quote-f1", type=_F1, default=0.0, show_default=True, help="Fail below this quote F1.")
@reports_errors
def eval_command(gold_paths: tuple[Path, ...], graph_path: Path, fmt: str,
                 min_entity_f1: float, min_relation_f1: float, min_quote_f1: float) -> None:
    """Score the graph against GOLD annotations (JSON files, or folders of them).

    Several gold files are taken together, as if the graph was built from all
    their texts. Prints precision, recall and F1, then what was missed or
    spurious; exits 1 when an F1 is below its --min-*-f1 floor.

    \b
    Example:
      kg eval tests/data/gold/ --graph output/graph.ttl --min-entity-f1 0.8
    """
    golds = [load_gold(path) for path in collect_gold_files(gold_paths)]
    scores = score(load_graph(graph_path), golds)
    click.echo(json.dumps(scores.to_dict(), indent=1, ensure_ascii=False) if fmt == "json" else format_text(scores))
    failures = failed_floors(scores, {"entities": min_entity_f1, "relations": min_relation_f1,
                                      "quotes": min_quote_f1})
    if failures:
        raise click.ClickException("; ".join(failures))
