"""HTML pages and Markdown files read as articles: only the article's own text, headline first."""

import pytest

from kg.errors import InputError
from kg.ingest.html import declared_charset, extract_html
from kg.ingest.markdown import extract_markdown
from kg.ingest.read import collect_inputs, read_article

BODY = [
    "Europol and Frontex will cooperate on joint patrols in the Mediterranean, the European Commission said on Monday.",
    "“We are determined to stop the smuggling gangs,” said Ylva Johansson, the European Commissioner for Home Affairs.",
    "The National Crime Agency said it supports the new operation, which will run from Greece and Italy.",
]
PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Europol and Frontex step up joint patrols | Example News</title>
<meta property="og:title" content="Europol and Frontex step up joint patrols">
<script>var tracking = "Interpol tracking pixel";</script>
<style>body { color: red; }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<div class="cookie-banner" id="cookie-consent">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<header><h1>Europol and Frontex step up joint patrols</h1></header>
<article>
%s
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Celebrity wedding shock</a></li><li><a href="/b">Transfer news</a></li></ul></aside>
<footer><p>© 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
<script>document.write("injected Interpol text");</script>
</body></html>
""" % "\n".join(f"<p>{p}</p>" for p in BODY)

BOILERPLATE = ("World", "Politics", "cookies", "tracking", "Most read", "Celebrity", "All rights", "Privacy",
               "injected", "color: red", "Example News")


def test_html_keeps_only_the_article_body_headline_first(tmp_path):
    path = tmp_path / "patrols.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Europol and Frontex step up joint patrols"
    assert article.text == "\n".join(["Europol and Frontex step up joint patrols", *BODY])
    assert not [word for word in BOILERPLATE if word in article.text]
    assert (article.doc_id, article.source_file) == ("patrols", "patrols.html")


@pytest.mark.parametrize(
    "head, expected",
    [
        ('<title>Site title</title><meta property="og:title" content="Border deal signed">', "Border deal signed"),
        ("<title>Border deal signed | Example News</title>", "Border deal signed"),
        ("", "Border deal signed"),
    ],
    ids=["og-title", "title-without-site-name", "h1"],
)
def test_html_title_from_og_title_title_or_h1(head, expected):
    page = f"<html><head>{head}</head><body><h1>Border deal signed</h1><article><p>{BODY[0]}</p></article></body></html>"
    assert extract_html(page, "a.html")[0] == expected


def test_html_escaped_markup_in_text_stays_text():
    page = f"<html><body><article><p>{BODY[0]}</p><p>The NCA said &lt;script&gt; &amp; “O’Brien” twice.</p></article></body></html>"
    assert "The NCA said <script> & “O’Brien” twice." in extract_html(page, "a.html")[1]


def test_html_page_declaring_a_legacy_charset(tmp_path):
    path = tmp_path / "moscow.htm"
    path.write_bytes(f"<html><head><meta charset='windows-1251'></head><body><article><p>{BODY[0]} "
                     "Министерство внутренних дел agreed.</p></article></body></html>".encode("cp1251"))
    assert "Министерство внутренних дел agreed." in read_article(path).text


def test_html_declared_charset_sniffing():
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">') == "Shift_JIS"
    assert declared_charset(b'<?xml version="1.0" encoding="iso-8859-1"?><html>') == "iso-8859-1"
    assert declared_charset(b"<html><p>charset=utf-8</p>") is None


@pytest.mark.parametrize("page", [f"<p>{BODY[0]}</p>", BODY[0], f"<div>\x01\x0b{BODY[0]}\x1f</div>"],
                         ids=["fragment", "plain-text", "control-characters"])
def test_html_fragments_and_plain_text_still_read(page):
    assert extract_html(page, "a.html")[1] == BODY[0]


@pytest.mark.parametrize("page", ["", "<html><head><title>Only a title</title></head></html>",
                                  "<div>" * 5000 + "x"], ids=["empty", "no-body", "too-deep"])
def test_html_without_text_is_an_input_error(tmp_path, page):
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(InputError, match="empty.html: "):
        read_article(path)


MARKDOWN = """\
![logo](logo.png)

# Europol and *Frontex* sign a [deal](https://example.org/deal)

By **Staff Reporter**

Europol and Frontex will cooperate, the _European Commission_ said.
It was **signed** in `Warsaw` on Monday.

> “We are determined,” said Ylva Johansson.

- Item with <b>inline HTML</b>
- Item two

| a | b |
|---|---|
| 1 | 2 |

```python
print("code is not prose")
```

<script>alert("x")</script>

## Background
Escaped \\*stars\\* &amp; entities.
"""


def test_markdown_strips_markup_and_keeps_the_first_heading_as_headline():
    title, text = extract_markdown(MARKDOWN)
    assert title == "Europol and Frontex sign a deal"
    assert text.split("\n") == [
        "Europol and Frontex sign a deal",
        "By Staff Reporter",
        "Europol and Frontex will cooperate, the European Commission said. It was signed in Warsaw on Monday.",
        "“We are determined,” said Ylva Johansson.",
        "Item with inline HTML",
        "Item two",
        "Background",
        "Escaped *stars* & entities.",
    ]


def test_markdown_front_matter_title_wins_and_leads_the_text(tmp_path):
    path = tmp_path / "deal.md"
    path.write_text('---\nlayout: post\ntitle: "Border deal signed"\n---\nThe NCA said so.\n', encoding="utf-8")
    article = read_article(path)
    assert article.title == "Border deal signed"
    assert article.text == "Border deal signed\nThe NCA said so."


def test_markdown_without_heading_titles_from_first_line(tmp_path):
    path = tmp_path / "note.markdown"
    path.write_text("Border deal signed\n\nThe *NCA* said so.\n", encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.text) == ("Border deal signed", "Border deal signed\nThe NCA said so.")


def test_collect_inputs_takes_html_and_markdown_but_not_assets(tmp_path):
    for name in ("a.txt", "b.HTML", "c.htm", "d.md", "style.css", "app.js", "e.markdown"):
        (tmp_path / name).write_text("Europol said so.", encoding="utf-8")
    assert [p.name for p in collect_inputs([tmp_path])] == ["a.txt", "b.HTML", "c.htm", "d.md", "e.markdown"]


@pytest.mark.model
def test_html_offsets_in_the_graph_refer_to_the_extracted_text(tmp_path):
    from rdflib import Graph

    from kg.builder import build
    from kg.graph.vocab import KG

    path = tmp_path / "in" / "patrols.html"
    path.parent.mkdir()
    path.write_text(PAGE, encoding="utf-8")
    build([path], tmp_path / "out")
    text = read_article(path).text
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    spans = [(int(graph.value(node, KG.startChar)), int(graph.value(node, KG.endChar)), str(sentence))
             for node, sentence in graph.subject_objects(KG.evidenceText)]
    assert spans
    assert all(text[start:end] == sentence for start, end, sentence in spans)
