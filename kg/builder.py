"""The end-to-end build: articles in, graph files out.

ingest -> nlp -> extract -> resolve -> graph -> export, each stage a plain
function over plain data.
"""

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.config import Settings
from kg.export.html_page import render_html
from kg.export.network import to_networkx
from kg.export.rdf_files import FORMAT_SUFFIXES, check_output_dir, serialize, write_together
from kg.extract.article import extract_article
from kg.gazetteer import load_gazetteer
from kg.graph.build import build_graph
from kg.ingest.read import collect_inputs, read_article
from kg.nlp.pipeline import load_pipeline
from kg.records import Article, Extraction
from kg.resolve.merge import Resolution, resolve

Progress = Callable[[Article], None]


@dataclass
class BuildSummary:
    """What a build read and wrote, for the terminal summary."""

    documents: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    quotes: int = 0
    skipped_quotes: int = 0
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def extract_corpus(articles: Iterable[Article], settings: Settings = Settings(),
                   progress: Progress | None = None) -> Iterator[Extraction]:
    """Run the NLP pipeline and the extraction rules over each article."""
    nlp = load_pipeline(settings.model, settings.ontology_dir)
    gazetteer = load_gazetteer(settings.ontology_dir)
    for doc, article in nlp.pipe(((a.clean_text, a) for a in articles), as_tuples=True, batch_size=16):
        if progress:
            progress(article)
        yield extract_article(doc, article, gazetteer)


def build_resolution(inputs: Iterable[Path], settings: Settings = Settings(),
                     progress: Progress | None = None) -> Resolution:
    """Read, extract and resolve every article under `inputs`.

    Raises:
        InputError: a path is missing, a folder has no article, or a file is not a text article.
    """
    articles = [read_article(path) for path in collect_inputs(inputs)]  # all input errors before NLP
    return resolve(extract_corpus(articles, settings, progress), load_gazetteer(settings.ontology_dir))


def render_files(graph: Graph, settings: Settings = Settings(), title: str = "kg") -> dict[str, bytes]:
    """Every output file of a graph, by file name."""
    files = {"graph" + FORMAT_SUFFIXES[fmt]: serialize(graph, fmt) for fmt in settings.formats}
    if settings.html:
        files["graph.html"] = render_html(to_networkx(graph), title=title).encode("utf-8")
    return files


def summarise(resolution: Resolution, graph: Graph) -> BuildSummary:
    summary = BuildSummary(documents=len(resolution.documents), quotes=len(resolution.quotes))
    summary.entities = Counter(e.type for e in resolution.entities.values())
    summary.relations = Counter(p for _, p, _ in {(r.subject, r.predicate, r.object) for r in resolution.relations})
    return summary


def build(inputs: Iterable[Path], out_dir: Path, settings: Settings = Settings(),
          progress: Progress | None = None) -> BuildSummary:
    """Build the graph of the articles under `inputs` and write it to `out_dir`.

    Writes graph.ttl, graph.nt, graph.jsonld and graph.html, all replaced
    together at the end; on any error the previous output stays as it was.

    Raises:
        KgError: bad input, a missing model or data file, or an unwritable output folder.
    """
    started = time.perf_counter()
    check_output_dir(out_dir)
    resolution = build_resolution(inputs, settings, progress)
    graph = build_graph(resolution)
    files = render_files(graph, settings, title=f"kg: {len(resolution.documents)} articles")
    write_together(out_dir, files)
    summary = summarise(resolution, graph)
    summary.skipped_quotes = 0
    summary.outputs = [out_dir / name for name in sorted(files)]
    summary.seconds = time.perf_counter() - started
    return summary
