"""Decoding real-world article bytes: BOMs, UTF-8, Windows-1252, mixtures, and what is not text."""

import pytest

from kg.errors import InputError
from kg.ingest.read import decode, read_article

ARTICLE = "Europol said “yes” to Müller’s plan – at last."


@pytest.mark.parametrize(
    "data, expected",
    [
        (ARTICLE.encode("utf-8"), ARTICLE),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), ARTICLE),
        (ARTICLE.encode("utf-16"), ARTICLE),
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), ARTICLE),
        (b"\xff\xfe" + ARTICLE.encode("utf-16-le"), ARTICLE),
        (ARTICLE.encode("utf-32"), ARTICLE),
        (ARTICLE.encode("cp1252"), ARTICLE),
        (ARTICLE.encode("utf-8").replace("“".encode("utf-8"), b"\x93"), ARTICLE),
        ("Caf\xe9 owner said: the NCA came at 9am.".encode("latin-1") + b"\x81", "Café owner said: the NCA came at 9am.\x81"),
        (b"\xef\xbb\xbf\xef\xbb\xbf" + ARTICLE.encode("utf-8"), ARTICLE),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-be-bom", "utf-16-le-bom", "utf-32-bom", "windows-1252",
         "utf-8-with-one-stray-1252-byte", "latin-1-control-byte", "double-bom"],
)
def test_encodings_decode(data, expected):
    assert decode(data, "a.txt") == expected


def test_encodings_stray_byte_keeps_utf8_elsewhere():
    """One bad byte must not turn the rest of a UTF-8 file into mojibake."""
    data = "Zoë Müller of the Garda Síochána said ".encode("utf-8") + b"\x93enough\x94."
    assert decode(data, "a.txt") == "Zoë Müller of the Garda Síochána said “enough”."


def test_encodings_declared_charset_of_a_page_is_used_when_not_utf8():
    data = "<meta charset='windows-1251'><p>Министерство</p>".encode("cp1251")
    assert "Министерство" in decode(data, "a.html", declared="windows-1251")


def test_encodings_declared_latin1_reads_smart_quotes_as_browsers_do():
    assert decode(b"the \x93NCA\x94", "a.html", declared="iso-8859-1") == "the “NCA”"


def test_encodings_unknown_declared_charset_is_ignored():
    assert decode(b"the \x93NCA\x94", "a.html", declared="no-such-charset") == "the “NCA”"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (ARTICLE.encode("utf-16-le"), "byte-order mark"),
        (b"\xff\xfe" + b"\x00\xd8" + "x".encode("utf-16-le"), "UTF-16"),
        (bytes(range(1, 256)) * 4, "binary"),
        ("NCA\x00".encode("utf-16"), "NUL"),
    ],
    ids=["nul-bytes", "utf-16-without-bom", "utf-16-lone-surrogate", "binary-without-nul", "utf-16-nul-char"],
)
def test_encodings_undecodable_is_a_one_line_input_error_naming_the_file(data, message):
    with pytest.raises(InputError, match=message) as caught:
        decode(data, "dir/bad file.txt")
    assert str(caught.value).startswith("dir/bad file.txt: ")
    assert "\n" not in str(caught.value)


def test_encodings_read_article_reports_undecodable_file_by_path(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(1, 256)) * 4)
    with pytest.raises(InputError, match="photo.txt: binary"):
        read_article(path)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\u2029", "\x85"])
def test_encodings_line_breaks_become_newlines(tmp_path, newline):
    path = tmp_path / "a.txt"
    path.write_bytes(f"Border deal signed{newline}The NCA said so.".encode("utf-8"))
    article = read_article(path)
    assert article.text == "Border deal signed\nThe NCA said so."
    assert article.title == "Border deal signed"


def test_encodings_windows_1252_file_reads_end_to_end(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(b"Border deal signed\r\nThe NCA said \x93we will act\x94 \x96 and it did.\r\n")
    article = read_article(path)
    assert article.text == "Border deal signed\nThe NCA said “we will act” – and it did.\n"
    assert len(article.clean_text) == len(article.text)
