"""Triple stores in tests and benchmarks: SPARQL over HTTP, `kg serve`, a private Virtuoso.

Everything listens on loopback only, on ports the OS says are free, and stops
when its `with` block ends. bench/query_stores.py imports this module too.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kg.query import QueryResult

LOOPBACK = "127.0.0.1"
VIRTUOSO_TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 Protocol endpoint: queries by GET, updates by POST."""

    query_url: str
    update_url: str | None = None
    default_graph: str | None = None  # sent as default-graph-uri with every query

    def select(self, sparql: str, timeout: float = 120) -> QueryResult:
        params = {"query": sparql}
        if self.default_graph:
            params["default-graph-uri"] = self.default_graph
        request = urllib.request.Request(f"{self.query_url}?{urllib.parse.urlencode(params)}",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return QueryResult.from_sparql_json(json.load(response))

    def update(self, sparql: str) -> int:
        """POST a SPARQL Update; the HTTP status, whether or not it was accepted."""
        request = urllib.request.Request(self.update_url or self.query_url, data=sparql.encode("utf-8"),
                                         headers={"Content-Type": "application/sparql-update"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class KgServe:
    """`kg serve GRAPH` in a child process, on a free loopback port unless given one."""

    def __init__(self, graph: Path, *options: str, port: int | None = None):
        self.graph, self.options, self.fixed_port = graph, options, port
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        self.banner = ""

    def _start(self) -> str:
        """Start kg serve; its banner line, or its error when it gave up."""
        command = [sys.executable, "-m", "kg", "serve", str(self.graph), "--port", str(self.port), *self.options]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.banner = self.process.stdout.readline()  # printed once the server answers, or EOF when kg gave up
        if self.banner.startswith("SPARQL endpoint: "):
            return ""
        self.process.wait(timeout=30)
        error = self.process.stderr.read().strip()
        self._close_pipes()
        return error or f"exit status {self.process.returncode}"

    def __enter__(self) -> "KgServe":
        error = self._start()
        if error and "cannot listen" in error and self.fixed_port is None:
            self.port = free_port()  # another program took the free port first: once more on another
            error = self._start()
        if error:
            raise RuntimeError(f"kg serve did not start: {error}")
        return self

    def _close_pipes(self) -> None:
        self.process.stdout.close()
        self.process.stderr.close()

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(self.banner.removeprefix("SPARQL endpoint: ").strip(),
                        f"http://{LOOPBACK}:{self.port}/update")

    def interrupt(self, timeout: float = 30) -> int:
        """Ctrl-C: the exit status of kg serve."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=timeout)

    def __exit__(self, *_exc) -> None:
        if self.process.poll() is None:
            self.interrupt()
        self._close_pipes()


def accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection((LOOPBACK, port), timeout=1):
            return True
    except OSError:
        return False


def virtuoso_installed() -> bool:
    return all(shutil.which(tool) for tool in ("virtuoso-t", "isql-vt")) and VIRTUOSO_TEMPLATE.is_file()


def private_ini(template: str, folder: Path, sql_port: int, http_port: int) -> str:
    """Debian's virtuoso.ini with the database in `folder`, both servers on loopback ports, no row cap."""
    files = {"DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile", "xa_persistent_file"}
    ports = {"[Parameters]": sql_port, "[HTTPServer]": http_port}
    section, lines = "", []
    for line in template.splitlines():
        key, equals, value = line.partition("=")
        key, value = key.strip(), value.split(";")[0].strip()
        if line.startswith("["):
            section = line.strip()
        elif equals and key in files:
            line = f"{key} = {folder / Path(value).name}"
        elif equals and key == "ServerPort" and section in ports:
            line = f"ServerPort = {LOOPBACK}:{ports[section]}"
        elif equals and key == "DirsAllowed":
            line = f"DirsAllowed = {value}, {folder}"
        elif equals and key == "ResultSetMaxRows":
            line = "ResultSetMaxRows = 1000000"  # Debian's 10000 silently cuts longer answers short
        lines.append(line)
    return "\n".join(lines) + "\n"


class PrivateVirtuoso:
    """A Virtuoso instance of our own: database in `folder`, SQL and HTTP on free loopback ports."""

    def __init__(self, folder: Path, startup_seconds: float = 90):
        self.folder = folder
        self.sql_port, self.http_port = free_port(), free_port()
        self.startup_seconds = startup_seconds
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "PrivateVirtuoso":
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(private_ini(VIRTUOSO_TEMPLATE.read_text(), self.folder, self.sql_port, self.http_port))
        log = open(self.folder / "virtuoso.out", "w")
        self.process = subprocess.Popen(["virtuoso-t", "-f", "-c", str(ini)], cwd=self.folder,
                                        stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + self.startup_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited: {(self.folder / 'virtuoso.out').read_text()[-500:]}")
            if accepts_connections(self.http_port) and self._isql_ok("select 1;"):
                return
            time.sleep(0.5)
        raise RuntimeError(f"virtuoso did not start within {self.startup_seconds} s")

    def _isql_ok(self, sql: str) -> bool:
        done = subprocess.run(["isql-vt", f"{LOOPBACK}:{self.sql_port}", "dba", "dba", f"exec={sql}"],
                              capture_output=True, text=True, timeout=60)
        return done.returncode == 0 and "*** Error" not in done.stdout + done.stderr

    def isql(self, sql: str, timeout: float = 3600) -> str:
        done = subprocess.run(["isql-vt", f"{LOOPBACK}:{self.sql_port}", "dba", "dba", f"exec={sql}"],
                              capture_output=True, text=True, timeout=timeout)
        output = done.stdout + done.stderr
        if done.returncode != 0 or "*** Error" in output:
            raise RuntimeError(f"isql failed: {output.strip()[-500:]}")
        return output

    def load(self, path: Path, graph: str) -> None:
        """Load an RDF file into `graph` with Virtuoso's bulk loader (ld_dir, rdf_loader_run)."""
        inbox = self.folder / "load"
        shutil.rmtree(inbox, ignore_errors=True)
        inbox.mkdir()
        shutil.copy(path, inbox / path.name)
        self.isql(f"ld_dir('{inbox}', '{path.name}', '{graph}'); rdf_loader_run(); checkpoint;")
        errors = self.isql(f"SELECT ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file = '{inbox / path.name}' "
                           "AND ll_error IS NOT NULL;")
        if "0 Rows." not in errors:
            raise RuntimeError(f"virtuoso could not load {path.name}: {errors.strip()[-300:]}")

    def endpoint(self, graph: str) -> Endpoint:
        return Endpoint(f"http://{LOOPBACK}:{self.http_port}/sparql", default_graph=graph)

    def __exit__(self, *_exc) -> None:
        # isql may report the connection it loses as the server goes down; the wait below decides
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.isql("shutdown;", timeout=60)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def in_ci() -> bool:
    return bool(os.environ.get("CI"))
