"""`kg build` records the publication date the input states, or `--date` for a single file; never the file time."""

import pytest
from click.testing import CliRunner

from kg.cli import cli

pytestmark = pytest.mark.model
DCTERMS_DATE = "<http://purl.org/dc/terms/date>"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def dates_in(out):
    return [line for line in (out / "graph.nt").read_text().splitlines() if DCTERMS_DATE in line]


def test_build_writes_the_date_a_file_states_and_the_given_date(tmp_path):
    article = tmp_path / "raids.txt"
    article.write_text("Six held in dawn raids\nPublished 5 March 2024\nThe National Crime Agency arrested six men "
                       "in Folkestone on Sunday.\n", encoding="utf-8")
    result = run("build", article, "--out", tmp_path / "out", "--no-html", "--no-cache")
    assert result.exit_code == 0, result.output
    assert [line.split(" ", 2)[2] for line in dates_in(tmp_path / "out")] == [
        '"2024-03-05"^^<http://www.w3.org/2001/XMLSchema#date> .']
    result = run("build", article, "--out", tmp_path / "given", "--no-html", "--no-cache", "--date", "2024-03")
    assert result.exit_code == 0, result.output
    assert [line.split(" ", 2)[2] for line in dates_in(tmp_path / "given")] == [
        '"2024-03"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .']


def test_build_without_a_stated_date_writes_none(tmp_path):
    article = tmp_path / "raids.txt"
    article.write_text("Six held in dawn raids\nThe National Crime Agency arrested six men yesterday.\n")
    assert run("build", article, "--out", tmp_path / "out", "--no-html", "--no-cache").exit_code == 0
    assert dates_in(tmp_path / "out") == []


@pytest.mark.parametrize(("how", "message"), [
    ("folder", "Error: --date gives the date of one article: name a single file, not a folder"),
    ("two", "Error: --date gives the date of one article: name a single file, not 2 inputs"),
    ("bad", "Error: --date '5 March': not a date; give YYYY, YYYY-MM or YYYY-MM-DD, such as 2024-03-05"),
])
def test_bad_date_option_is_a_one_line_error(tmp_path, how, message):
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text("Six held\nPolice arrested six men.\n")
    inputs = {"folder": [tmp_path / "in"], "two": [tmp_path / "in" / "a.txt", tmp_path / "in" / "b.txt"],
              "bad": [tmp_path / "in" / "a.txt"]}[how]
    result = run("build", *inputs, "--out", tmp_path / "out", "--date", "5 March" if how == "bad" else "2024-03-05")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [message]
    assert not (tmp_path / "out" / "graph.ttl").exists()
