"""The `kg` command line: one module per command, each a thin wrapper.

Library errors (KgError) become one-line `Error: ...` messages with exit 1.
"""

import functools
import importlib
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


# Each command's module, imported when the command runs (or --help lists it): `kg query DIR` does not pay
# for the build's imports (spaCy's pipeline code, the writers, the block store).
COMMAND_MODULES = {name: f"kg.cli.{name}" for name in ("build", "eval", "query", "serve", "validate")}


class LazyGroup(click.Group):
    """A group whose commands register themselves when their module is first imported."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            importlib.import_module(COMMAND_MODULES[cmd_name])
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli() -> None:
    """Build a knowledge graph of agencies, countries and people from news articles.

    \b
    Example:
      kg build seeds/ --out output/
      kg query output/graph.ttl "SELECT ?s WHERE { ?s a kg:Agency }"
      kg validate output/graph.ttl
    """


__all__ = ["cli", "reports_errors"]
