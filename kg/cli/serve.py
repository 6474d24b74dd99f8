"""`kg serve`: a local SPARQL 1.1 endpoint over a graph file or store folder, run by the `oxigraph` server."""

import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

import click

from kg.cli import cli, reports_errors
from kg.errors import InputError, KgError
from kg.query import check_graph_file, oxigraph_format
from kg.store import data_dir

STARTUP_SECONDS = 30


class ServerError(KgError):
    """The oxigraph server is missing, cannot load the graph, or cannot start."""


def oxigraph_command() -> str:
    """The `oxigraph` executable of PyPI's `oxigraph` package: beside this Python first, then on PATH."""
    beside_python = Path(sys.executable).with_name("oxigraph")
    found = str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")
    if found is None:
        raise ServerError("the oxigraph server is not installed (pip install oxigraph)")
    return found


# Without these, the machine's RUST_BACKTRACE=1 makes oxigraph follow each error with a stack trace.
_QUIET_ENV = {"RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}


def _run_env() -> dict[str, str]:
    return {**os.environ, **_QUIET_ENV}


def _error_line(stderr: str) -> str:
    """The line of oxigraph's stderr that says what went wrong."""
    lines = [line.strip() for line in stderr.split("Stack backtrace:")[0].splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or ["no message"])[0]


def load_into(store_dir: Path, graph_path: Path) -> None:
    """Bulk-load a graph file into an Oxigraph store folder with `oxigraph load`."""
    command = [oxigraph_command(), "load", "--location", str(store_dir), "--file", str(graph_path),
               "--format", oxigraph_format(graph_path).media_type]
    done = subprocess.run(command, capture_output=True, text=True, env=_run_env())
    if done.returncode != 0:
        raise InputError(f"{graph_path}: oxigraph cannot load it: {_error_line(done.stderr)}")


def _bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def endpoint_url(host: str, port: int, path: str = "query") -> str:
    return f"http://{_bind_address(host, port)}/{path}"


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def check_port_free(host: str, port: int) -> None:
    """Fail early when the port is taken: otherwise the readiness check would find the other server."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server's own bind does
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ServerError(f"cannot listen on {_bind_address(host, port)}: {exc.strerror}") from None


def _accepts_connections(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _read_log(log: IO[str]) -> str:
    log.seek(0)
    return log.read()


def start_server(store_dir: Path, host: str, port: int, allow_update: bool, log: IO[str],
                 union: bool = False) -> subprocess.Popen:
    """`oxigraph serve-read-only` (or `serve`, which takes updates) over a loaded store folder.

    `union`: queries see the union of the named graphs as their default graph (a kg store's whole graph).
    """
    mode = "serve" if allow_update else "serve-read-only"
    command = [oxigraph_command(), mode, "--location", str(store_dir), "--bind", _bind_address(host, port),
               *(["--union-default-graph"] if union else [])]
    # stderr to a file, not a pipe: nobody reads a pipe while serving, and a full one would block the server
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, text=True, env=_run_env())


def wait_until_serving(server: subprocess.Popen, host: str, port: int, log: IO[str]) -> None:
    """Return once the server accepts connections; fail if it exits or takes too long."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerError(f"oxigraph stopped at start: {_error_line(_read_log(log))}")
        if _accepts_connections(host, port):
            return
        time.sleep(0.1)
    raise ServerError(f"oxigraph did not answer on {_bind_address(host, port)} within {STARTUP_SECONDS} s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


@cli.command("serve")
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--allow-update", is_flag=True,
              help="Also accept SPARQL Update at /update (changes last until the server stops).")
@reports_errors
def serve_command(graph_path: Path, port: int, host: str, allow_update: bool) -> None:
    """Serve GRAPH as a SPARQL 1.1 endpoint (Oxigraph) until Ctrl-C.

    GRAPH is an RDF file, loaded into a temporary store that is deleted when
    the server stops, or a store folder written by kg build --store, served
    as it is (read-only; queries see the whole graph as the default graph).
    GRAPH itself is never changed. Read-only unless --allow-update.

    \b
    Example:
      kg serve output/graph.ttl
      kg serve output/store/
      curl -H 'Accept: text/csv' --data-urlencode query@queries/positions.rq http://127.0.0.1:7878/query
    """
    store_data = _store_data(graph_path, allow_update)
    check_port_free(host, port)
    previous_handler = signal.signal(signal.SIGTERM, _interrupt)  # a kill stops as cleanly as Ctrl-C
    try:
        if store_data:
            _run_server(store_data, host, port, allow_update=False, union=True)
        else:
            _serve_file(graph_path, host, port, allow_update)
    finally:
        signal.signal(signal.SIGTERM, previous_handler)


def _store_data(graph_path: Path, allow_update: bool) -> Path | None:
    """The Oxigraph folder to serve when `graph_path` is a kg store folder; None for a graph file."""
    if not graph_path.is_dir():
        check_graph_file(graph_path)
        return None
    if allow_update:
        raise InputError(f"{graph_path}: a store folder is served read-only (--allow-update needs a graph file)")
    return data_dir(graph_path)


def _serve_file(graph_path: Path, host: str, port: int, allow_update: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as store_dir:
        load_into(Path(store_dir), graph_path)
        _run_server(Path(store_dir), host, port, allow_update, union=False)


def _run_server(store_dir: Path, host: str, port: int, allow_update: bool, union: bool) -> None:
    with tempfile.TemporaryFile("w+") as log:
        server = start_server(store_dir, host, port, allow_update, log, union)
        try:
            wait_until_serving(server, host, port, log)
            _announce(host, port, allow_update)
            server.wait()
            raise ServerError(f"oxigraph stopped: {_error_line(_read_log(log))}")
        except KeyboardInterrupt:
            click.echo("Stopped.")
        finally:
            stop(server)


def _announce(host: str, port: int, allow_update: bool) -> None:
    click.echo(f"SPARQL endpoint: {endpoint_url(host, port)}")
    if allow_update:
        click.echo(f"SPARQL update:   {endpoint_url(host, port, 'update')} (changes are lost at exit)")
    if not _is_loopback(host):
        click.echo(f"Warning: listening on {host}, not only this machine", err=True)
    click.echo("Press Ctrl-C to stop.")
