"""`kg build`: articles in, graph files out."""

from pathlib import Path

import click

from kg.builder import BuildSummary, build
from kg.cli import cli, reports_errors
from kg.config import Settings
from kg.ingest.read import collect_inputs


def format_summary(summary: BuildSummary) -> str:
    def counts(counter) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"

    return "\n".join([
        f"documents   {summary.documents}",
        f"entities    {sum(summary.entities.values())} ({counts(summary.entities)})",
        f"relations   {sum(summary.relations.values())} ({counts(summary.relations)})",
        f"quotes      {summary.quotes}",
        f"time        {summary.seconds:.1f} s",
        "wrote       " + ", ".join(str(p) for p in summary.outputs),
    ])


@cli.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Folder for graph.ttl, graph.nt, graph.jsonld and graph.html.")
@click.option("--no-html", is_flag=True, help="Skip the interactive HTML page.")
@reports_errors
def build_command(inputs: tuple[Path, ...], out_dir: Path, no_html: bool) -> None:
    """Build the graph of the .txt articles in INPUTS (files or folders).

    The first line of an article may be its headline. Outputs are replaced
    together at the end; on any error the previous output is left as it was.

    \b
    Example:
      kg build seeds/ --out output/
    """
    paths = collect_inputs(inputs)
    with click.progressbar(length=len(paths), label="articles", show_pos=True, file=click.get_text_stream("stderr")) as bar:
        summary = build(paths, out_dir, Settings(html=not no_html), progress=lambda _article: bar.update(1))
    click.echo(format_summary(summary))
