"""The `kg` command line: one module per command, each a thin wrapper.

Library errors (KgError) become one-line `Error: ...` messages with exit 1.
"""

import functools
from collections.abc import Callable

import click

from kg.errors import KgError


def reports_errors(command: Callable) -> Callable:
    """Turn kg's exceptions into click errors: one line, exit code 1, no traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KgError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli() -> None:
    """Build a knowledge graph of agencies, countries and people from news articles.

    \b
    Example:
      kg build seeds/ --out output/
      kg query output/graph.ttl "SELECT ?s WHERE { ?s a kg:Agency }"
      kg validate output/graph.ttl
    """


from kg.cli import build, eval, query, serve, validate  # noqa: E402  (commands register themselves on `cli`)

__all__ = ["cli", "reports_errors", "build", "eval", "query", "serve", "validate"]
