
import pytest

from kg.errors import InputError
from kg.ingest.read import collect_inputs, decode, document_ids, read_article, read_articles, title_of


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Europol said “yes”.".encode("utf-8"), "Europol said “yes”."),
        (b"\xef\xbb\xbfEuropol said.", "Europol said."),
        ("Europol said “yes”.".encode("utf-16"), "Europol said “yes”."),
        (b"Europol said \x93yes\x94.", "Europol said “yes”."),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "windows-1252"],
)
def test_read_decode_encodings(data, expected):
    assert decode(data, "a.txt") == expected


def test_read_binary_file_is_an_input_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        read_article(path)


def test_read_empty_or_furniture_only_file_is_an_input_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("Share this article\n\n   \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_article(path)


def test_read_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        collect_inputs([tmp_path / "nope"])
    (tmp_path / "notes.csv").write_text("x")
    with pytest.raises(InputError, match="no article"):
        collect_inputs([tmp_path])


def test_read_collects_folders_sorted_and_deduplicated(tmp_path):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text("Europol said so.")
    assert [p.name for p in collect_inputs([tmp_path, tmp_path / "a.txt"])] == ["a.txt", "b.txt"]


def test_read_article_keeps_offsets_and_finds_headline(tmp_path):
    path = tmp_path / "003_x.txt"
    path.write_text("Extra NCA officers to strengthen border security\nThe NCA said so.\n", encoding="utf-8")
    article = read_article(path)
    assert article.doc_id == "003_x"
    assert article.title == "Extra NCA officers to strengthen border security"
    assert len(article.clean_text) == len(article.text)


def test_read_title_falls_back_to_opening_words():
    text = "The government is determined to go after people smuggling gangs, the minister has said today."
    assert title_of(text, "doc").startswith("The government is determined")
    assert title_of(text, "doc").endswith("…")


def test_files_sharing_a_stem_get_distinct_stable_ids(tmp_path):
    for relative in ("a/report.txt", "b/report.txt", "b/report.md", "c/unique.txt"):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Europol met the NCA in {relative}.\n")
    ids = document_ids(collect_inputs([tmp_path]))
    assert ids[tmp_path / "c" / "unique.txt"] == "unique"
    reports = [ids[tmp_path / r] for r in ("a/report.txt", "b/report.txt", "b/report.md")]
    assert len(set(reports)) == 3 and all(i.startswith("report_") for i in reports)
    assert document_ids(collect_inputs([tmp_path])) == ids
    assert sorted(a.doc_id for a in read_articles([tmp_path])) == sorted(ids.values())
