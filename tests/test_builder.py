"""The builder on real-world folders: bad files skipped with reasons, --strict, failures of one article."""

import shutil

import pytest
from click.testing import CliRunner

from kg.builder import BuildOptions, build, read_corpus
from kg.cli import cli
from kg.config import REPO_ROOT
from kg.errors import InputError, KgError

pytestmark = pytest.mark.model
SEEDS = REPO_ROOT / "seeds"
FILES = ("graph.html", "graph.jsonld", "graph.nt", "graph.ttl")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def mixed_folder(tmp_path):
    """The two seeds plus an empty file, a binary file and a file that is not text, nested."""
    folder = tmp_path / "mixed"
    shutil.copytree(SEEDS, folder)
    (folder / "empty.txt").write_text("")
    (folder / "nested").mkdir()
    (folder / "nested" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "nested" / "blank.txt").write_text("\n\n   \n")
    return folder


def previous_output(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in FILES:
        (out / name).write_text(f"previous {name}")
    return out


def test_read_corpus_skips_bad_files_in_folders_with_reasons(mixed_folder):
    corpus = read_corpus([mixed_folder])
    assert [a.doc_id for a in corpus.articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    reasons = dict(corpus.skipped)
    assert set(reasons) == {str(mixed_folder / "empty.txt"), str(mixed_folder / "nested" / "binary.txt"),
                            str(mixed_folder / "nested" / "blank.txt")}
    assert "empty" in reasons[str(mixed_folder / "empty.txt")]
    assert "binary" in reasons[str(mixed_folder / "nested" / "binary.txt")]


def test_read_corpus_named_bad_file_is_an_error(mixed_folder):
    with pytest.raises(InputError, match="empty"):
        read_corpus([mixed_folder / "empty.txt", SEEDS])


def test_read_corpus_strict_fails_on_the_first_bad_file(mixed_folder):
    with pytest.raises(InputError, match="--strict"):
        read_corpus([mixed_folder], strict=True)


def test_cli_mixed_folder_builds_good_files_and_lists_skipped(mixed_folder, tmp_path, seeds_build):
    out = tmp_path / "out"
    result = run("build", mixed_folder, "--out", out, "--no-cache")
    assert result.exit_code == 0, result.output
    assert "documents   2" in result.output and "skipped     3" in result.output
    assert f"{mixed_folder / 'nested' / 'binary.txt'}: binary file" in result.output
    for name in FILES:  # the bad files change nothing: same graph as the seeds alone
        assert (out / name).read_bytes() == (seeds_build[0] / name).read_bytes(), name


def test_cli_strict_fails_with_one_line_and_leaves_output(mixed_folder, tmp_path):
    out = previous_output(tmp_path)
    result = run("build", mixed_folder, "--out", out, "--strict")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: ")
    assert "--strict" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    assert all((out / name).read_text() == f"previous {name}" for name in FILES)


def test_folder_of_only_bad_files_is_an_error(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_text("")
    (folder / "b.txt").write_bytes(b"\x00" * 100)
    result = run("build", folder, "--out", tmp_path / "out")
    assert result.exit_code == 1 and "no article could be read" in result.output
    assert not (tmp_path / "out").exists()


def test_an_article_whose_extraction_fails_is_skipped(monkeypatch, tmp_path, seeds_copy):
    import kg.extract.article

    real = kg.extract.article.extract_article

    def flaky(doc, article, gazetteer):
        if article.doc_id.startswith("000"):
            raise RuntimeError("rule crashed")
        return real(doc, article, gazetteer)

    monkeypatch.setattr(kg.extract.article, "extract_article", flaky)
    summary = build([seeds_copy], tmp_path / "out")
    assert summary.documents == 1
    [(path, reason)] = summary.skipped
    assert path.endswith("000_301b9ffc123abff1.txt") and reason == "extraction failed: RuntimeError: rule crashed"
    with pytest.raises(KgError, match="--strict"):
        build([seeds_copy], tmp_path / "strict", options=BuildOptions(strict=True))
    assert not (tmp_path / "strict").exists()
    named = seeds_copy / "000_301b9ffc123abff1.txt"
    with pytest.raises(KgError, match="rule crashed"):  # a file named on its own must build
        build([named, seeds_copy / "003_784e9872068629d6.txt"], tmp_path / "named")
    assert not (tmp_path / "named").exists()


def test_cli_summary_counts_cached_articles(seeds_copy, tmp_path):
    out = tmp_path / "out"
    first = run("build", seeds_copy, "--out", out)
    second = run("build", seeds_copy, "--out", out)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "articles    2 parsed, 0 from cache" in first.output
    assert "articles    0 parsed, 2 from cache" in second.output
    assert (out / ".kg-cache").is_dir()


def test_cli_scheduler_needs_dask_executor(seeds_copy, tmp_path):
    result = run("build", seeds_copy, "--out", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2 and "--executor dask" in result.output


def test_same_file_name_in_two_folders_gives_two_documents(tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    for folder in ("monday", "tuesday"):
        (tmp_path / folder).mkdir()
        shutil.copy(seed, tmp_path / folder / seed.name)
    summary = build([tmp_path / "monday", tmp_path / "tuesday"], tmp_path / "out", options=BuildOptions())
    assert summary.documents == 2
    text = (tmp_path / "out" / "graph.nt").read_text()
    assert text.count("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://kg.example.org/ontology#Document>") == 2
