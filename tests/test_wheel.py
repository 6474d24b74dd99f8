"""kg as a tool: the wheel, installed by a fresh venv's own pip, run from a folder outside the checkout.

The fresh venv's pip is the one `python -m venv` bundles (23.2 with Python
3.11), never upgraded, so the dependencies must resolve as a new user's would.
Installing them fetches spaCy and the rest from the package index (through
pip's cache where it can): about a minute here.
"""

import ensurepip
import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.config import REPO_ROOT, Settings

pytestmark = [pytest.mark.wheel, pytest.mark.model]

# Generated or local-only parts of a checkout; the rest is what a source distribution of kg holds and more.
NOT_SOURCE = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis",
              "output", "test-artifacts", ".kg-cache", "temp")
# Variables that would let the fresh venv see the checkout or the test venv instead of its own install.
LEAKY_ENV = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PIP_REQUIRE_VIRTUALENV")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>NCA and Europol arrest smugglers | Example News</title>
  <script>window.analytics = {track: function () {}};</script>
  <style>nav { display: flex; }</style>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
  <div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
  <main>
    <article>
      <h1>NCA and Europol arrest people smugglers in Bulgaria</h1>
      <p>The National Crime Agency worked with Europol and Bulgarian authorities to arrest eight members
      of a people smuggling network on Tuesday, the agency said.</p>
      <p>NCA officers made arrests in London, while Bulgarian police searched addresses in Sofia.</p>
      <p>"This network treated people as cargo and put their lives at risk for profit," said Rob Jones,
      the NCA's Director General of Operations.</p>
      <p>Europol said it had supported the investigation for more than a year.</p>
    </article>
  </main>
  <footer>&copy; Example News 2024. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body>
</html>
"""


def fresh_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in LEAKY_ENV}


def run(command: list, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    """Run a command of the fresh install; fail with the end of its stderr when it fails."""
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=fresh_env(), capture_output=True, text=True,
                          **kwargs)
    assert done.returncode == 0, f"{command[0]} {command[1]} failed:\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("wheel")


@pytest.fixture(scope="module")
def venv_bin(work) -> Path:
    """The bin folder of a fresh venv where the wheel of this checkout is installed with its own pip."""
    source = work / "source"
    shutil.copytree(REPO_ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    run([sys.executable, "-m", "venv", work / "venv"], cwd=work)
    bin_dir = work / "venv" / "bin"
    pip_version = run([bin_dir / "pip", "--version"], cwd=work).stdout
    assert pip_version.startswith(f"pip {ensurepip.version()} "), pip_version
    run([bin_dir / "pip", "wheel", "--no-deps", "--wheel-dir", work / "dist", source], cwd=work)
    (wheel,) = (work / "dist").glob("kg-*.whl")
    run([bin_dir / "pip", "install", wheel], cwd=work)
    return bin_dir


@pytest.fixture(scope="module")
def elsewhere(work, venv_bin) -> Path:
    """A working folder outside the checkout, with a copy of the seeds and an HTML page."""
    folder = work / "elsewhere"
    shutil.copytree(REPO_ROOT / "seeds", folder / "articles")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def seeds_built(venv_bin, elsewhere) -> subprocess.CompletedProcess:
    return run([venv_bin / "kg", "build", "articles", "--out", "out"], cwd=elsewhere)


def test_wheel_install_reads_its_own_data_not_the_checkout(venv_bin, elsewhere):
    where = run([venv_bin / "python", "-c", "import kg.config as c; print(c.__file__); print(c.ONTOLOGY_DIR); "
                 "print(c.QUERIES_DIR)"], cwd=elsewhere).stdout.split()
    site_packages = venv_bin.parent / "lib"
    for path in map(Path, where):
        assert path.is_relative_to(site_packages) and path.exists(), path
    assert sorted(p.name for p in Path(where[1]).iterdir()) == sorted(
        p.name for p in (REPO_ROOT / "ontology").iterdir())


def test_wheel_build_of_the_seeds_is_the_committed_graph(elsewhere, seeds_built):
    assert seeds_built.stderr == ""  # no progress bar off a terminal
    assert "documents   2" in seeds_built.stdout
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.html"):
        assert (elsewhere / "out" / name).read_bytes() == (REPO_ROOT / "output" / name).read_bytes(), name


def test_wheel_build_reads_an_html_page_as_the_checkout_does(venv_bin, elsewhere, tmp_path):
    from kg.builder import build

    done = run([venv_bin / "kg", "build", "page.html", "--out", "page-out", "--no-html"], cwd=elsewhere)
    assert done.stderr == ""
    graph = (elsewhere / "page-out" / "graph.ttl").read_text(encoding="utf-8")
    assert 'dcterms:title "NCA and Europol arrest people smugglers in Bulgaria"' in graph
    assert "kge:national-crime-agency" in graph and "kge:europol" in graph
    assert "cookies" not in graph and "Example News" not in graph
    build([elsewhere / "page.html"], tmp_path / "checkout", Settings(html=False))
    assert graph == (tmp_path / "checkout" / "graph.ttl").read_text(encoding="utf-8")


def test_wheel_query_validate_and_eval_use_the_packaged_data(venv_bin, elsewhere, seeds_built):
    kg = venv_bin / "kg"
    assert "documents" in run([kg, "query", "--list"], cwd=elsewhere).stdout
    named = run([kg, "query", "out/graph.ttl", "documents", "--format", "csv"], cwd=elsewhere).stdout
    assert len(named.splitlines()) == 3
    assert "conforms" in run([kg, "validate", "out/graph.ttl"], cwd=elsewhere).stdout.lower()
    gold = [REPO_ROOT / "tests" / "data" / "gold" / f"{seed.stem}.json" for seed in sorted((REPO_ROOT / "seeds").iterdir())]
    scores = json.loads(run([kg, "eval", *gold, "--graph", "out/graph.ttl", "--format", "json"], cwd=elsewhere).stdout)
    assert scores["relations"]["f"] == 1.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_wheel_serve_answers_sparql_on_loopback(venv_bin, elsewhere, seeds_built):
    port = _free_port()
    server = subprocess.Popen([str(venv_bin / "kg"), "serve", "out/graph.ttl", "--port", str(port)], cwd=elsewhere,
                              env=fresh_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        banner = server.stdout.readline()  # printed once the server answers, EOF if kg serve gave up
        assert banner == f"SPARQL endpoint: http://127.0.0.1:{port}/query\n", server.stderr.read()
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?d a <https://kg.example.org/ontology#Document> }"})
        request = urllib.request.Request(f"http://127.0.0.1:{port}/query?{query}",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        assert answer["results"]["bindings"][0]["n"]["value"] == "2"
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()
        server.stderr.close()
