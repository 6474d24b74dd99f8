"""`kg build`: articles in, graph files out."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click

from kg.builder import BuildOptions, BuildSummary, build
from kg.cli import cli, reports_errors
from kg.config import MODEL_NAME, Settings
from kg.errors import InputError
from kg.export.quads import QUAD_FORMATS
from kg.ingest.dates import date_option
from kg.ingest.read import collect_inputs
from kg.parallel import EXECUTORS
from kg.store import check_store_dir

CACHE_FOLDER = ".kg-cache"


def format_summary(summary: BuildSummary) -> str:
    def counts(counter) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"

    lines = [
        f"documents   {summary.documents}",
        f"entities    {sum(summary.entities.values())} ({counts(summary.entities)})",
        f"relations   {sum(summary.relations.values())} ({counts(summary.relations)})",
        f"quotes      {summary.quotes}",
        f"articles    {summary.extracted} parsed, {summary.cached} from cache",
        *([f"cache       not written: {summary.cache_error}"] if summary.cache_error else []),
        f"skipped     {len(summary.skipped)}",
        *(f"  {path}: {reason}" for path, reason in summary.skipped),
        f"time        {summary.seconds:.1f} s",
        "wrote       " + ", ".join(str(p) for p in summary.outputs),
    ]
    return "\n".join(lines)


@contextmanager
def progress_on_terminal(total: int, stream: IO[str]) -> Iterator[Callable | None]:
    """A progress callback drawing a bar on `stream` when it is a terminal, else None.

    Off a terminal click would still print the bar's label once: a stray line in
    logs and in captured stderr, which should hold nothing but errors.
    """
    if not stream.isatty():
        yield None
        return
    with click.progressbar(length=total, label="articles", show_pos=True, file=stream) as bar:
        yield lambda _article: bar.update(1)


@cli.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Folder for graph.ttl, graph.nt, graph.jsonld and graph.html.")
@click.option("--model", default=MODEL_NAME, show_default=True, envvar="KG_MODEL", show_envvar=True,
              help="spaCy English pipeline with a parser and NER: an installed package or a pipeline folder.")
@click.option("--no-html", is_flag=True, help="Skip the interactive HTML page.")
@click.option("--quads", is_flag=True, help="Also write graph.nq and graph.trig: a named graph per article.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes for NLP and extraction (dask workers with --executor dask and no --scheduler).")
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path), default=None,
              help=f"Per-article extraction cache folder [default: OUT/{CACHE_FOLDER}].")
@click.option("--no-cache", is_flag=True, help="Parse every article again; read and write no cache.")
@click.option("--strict", is_flag=True, help="Fail when any file would be skipped.")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
              help="Where extraction runs: this machine, or a dask.distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler address (tcp://host:8786); without it --executor dask starts a local cluster.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="Also keep the graph in an on-disk Oxigraph store in DIR, updated where it changed "
                   "(for kg query DIR and kg serve DIR).")
@click.option("--date", "date", metavar="YYYY[-MM[-DD]]", default=None,
              help="Publication date of a single input file, over any the file states (never its modification time).")
@reports_errors
def build_command(inputs: tuple[Path, ...], out_dir: Path, model: str, no_html: bool, quads: bool, workers: int,
                  cache_dir: Path | None, no_cache: bool, strict: bool, executor: str, scheduler: str | None,
                  store_dir: Path | None, date: str | None) -> None:
    """Build the graph of the articles in INPUTS (files or folders).

    The first line of an article may be its headline. A bad file inside a
    folder is skipped and listed; a bad file named on its own is an error.
    Outputs are replaced together at the end; on any error or interruption
    the previous output is left as it was.

    \b
    Example:
      kg build seeds/ --out output/
      kg build article.txt --out graph/ --date 2024-03-05
      kg build archive/ --out graph/ --workers 2 --model en_core_web_lg
      kg build archive/ --out graph/ --store graph/store/
      kg build archive/ --out graph/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    date = date_option(date) if date is not None else None
    options = BuildOptions(workers=workers, executor=executor, scheduler=scheduler, strict=strict,
                           cache_dir=None if no_cache else (cache_dir or out_dir / CACHE_FOLDER), store_dir=store_dir)
    if store_dir:
        if store_dir.resolve() == out_dir.resolve():
            raise InputError(f"{store_dir}: --store needs a folder of its own, not the --out folder")
        check_store_dir(store_dir)  # before the progress bar, so a bad folder is the only line printed
    settings = Settings(model=model, html=not no_html, formats=Settings.formats + (QUAD_FORMATS if quads else ()))
    total = len(collect_inputs(inputs))
    try:
        with progress_on_terminal(total, sys.stderr) as progress:
            summary = build(inputs, out_dir, settings, progress=progress, options=options, date=date)
    except KeyboardInterrupt:
        click.echo("\nError: interrupted; the previous output is left as it was", err=True)
        sys.exit(130)
    click.echo(format_summary(summary))
