"""The end-to-end build: articles in, graph files out.

ingest -> nlp -> extract -> resolve -> graph -> export, each stage a plain
function over plain data. Extraction runs per article (in this process, in
worker processes or on a dask cluster, see `kg.parallel`) and its records are
cached per article (`kg.cache`); resolve, graph and export see the records in
doc-id order, so the output does not depend on how they were made.

Memory stays bounded by the entities, not the articles: records go to a spill
file as they come (`kg.resolve.spill`), resolution passes over it keeping a
compact entity index, and each article's triples are formatted and sorted to
disk as it is read again (`kg.export.stream_files`). A graph that path cannot
write exactly as the in-memory writers (never one of kg's own) is built in
memory instead. The page is made article by article too (`kg.export.page_stream`:
the triples are kept only while the graph may still be one page); `--store` takes
the whole graph, kept on disk as it is made (`TripleSpill`) and read back once
the files are written.

When a second core is free, a rebuild spreads over two processes (the bytes
do not change): with one worker and a filled cache, a process forked at the
start loads the spaCy model while the corpus and the cached records are read,
and parses the new articles (`kg.preload`); from 200 articles on, the page is
made in a child interpreter while this one writes the RDF files, and this one
runs the overview's Louvain while the child writes the data files
(`kg.export.page_process`).
"""

import gc
import pickle
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from kg.cache import ExtractionCache, pipeline_version
from kg.chunking import MAX_PIECE_CHARS
from kg.config import Settings
from kg.errors import InputError, KgError, StreamUnsupported
from kg.export.block_store import BlockStore
from kg.export.page_process import spare_core
from kg.export.rdf_files import FORMAT_SUFFIXES, check_output_dir, replace_together, serialize_all, staging_folder
from kg.export.stream_files import StreamingFiles
from kg.export.writers import Blocks
from kg.gazetteer import load_gazetteer
from kg.graph.build import PREFIX_IRIS, ArchiveGraph, graph_triples
from kg.graph.terms import Triple
from kg.ingest.read import collect_inputs, document_ids, read_article
from kg.nlp.model import model_id
from kg.parallel import Failed, extracting
from kg.preload import PreloadedWorker
from kg.records import Article, Extraction
from kg.resolve.merge import EntityTable, Merger, Resolution, resolve
from kg.resolve.spill import RecordSpill
from kg.signals import stop_on_signals
from kg.store import check_store_dir, update_store

Progress = Callable[[Article], None]


@dataclass(frozen=True)
class BuildOptions:
    """How a build runs; none of these changes the output.

    Args:
        workers: processes (or dask workers of a local cluster) for NLP and extraction.
        executor: "local" (this machine) or "dask" (a dask.distributed cluster).
        scheduler: address of the dask scheduler; None starts a local cluster.
        cache_dir: folder of the per-article extraction cache; None for no cache.
        strict: fail on any skipped file instead of building the others.
        piece_chars: articles longer than this are parsed in pieces of at most this many characters.
        store_dir: folder of an on-disk Oxigraph store to update with the graph (`kg.store`); None for none.
    """

    workers: int = 1
    executor: str = "local"
    scheduler: str | None = None
    cache_dir: Path | None = None
    strict: bool = False
    piece_chars: int = MAX_PIECE_CHARS
    store_dir: Path | None = None


@dataclass
class BuildSummary:
    """What a build read and wrote, for the terminal summary."""

    documents: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    quotes: int = 0
    skipped_quotes: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason) of files left out
    extracted: int = 0  # articles parsed in this build
    cached: int = 0  # articles whose records came from the cache
    cache_error: str | None = None  # why the cache could not be written, when it could not
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class Corpus:
    """The articles read, in input order, and the files skipped on the way."""

    paths: list[Path] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    explicit: set[Path] = field(default_factory=set)  # files named on their own, which must build


def _explicit_files(inputs: Iterable[Path]) -> set[Path]:
    return {path for path in inputs if not path.is_dir()}


def _single_file(inputs: list[Path], date: str | None) -> None:
    """Raises InputError when a publication date is given for anything but one article file."""
    if date is not None and (len(inputs) != 1 or inputs[0].is_dir()):
        raise InputError("--date gives the date of one article: name a single file, not "
                         + ("a folder" if len(inputs) == 1 else f"{len(inputs)} inputs"))


def read_corpus(inputs: Iterable[Path], strict: bool = False, date: str | None = None) -> Corpus:
    """Read every article under `inputs`, all before any NLP.

    A file named on its own must read; a bad file found in a folder is skipped
    with its reason (or, with `strict`, fails the build). `date` (ISO 8601, for
    a single file only) is the article's publication date, over what the file states.

    Raises:
        InputError: a path is missing, a folder has no article, a named file is bad, or strict and a file is bad;
            a date with anything but a single file.
    """
    inputs = list(inputs)
    _single_file(inputs, date)
    corpus = Corpus(explicit=_explicit_files(inputs))
    paths = collect_inputs(inputs)
    ids = document_ids(paths)
    for path in paths:
        try:
            article = read_article(path, ids[path], date)
        except Exception as exc:  # noqa: BLE001  (any unreadable file in a folder is skipped, not fatal)
            if path in corpus.explicit or not isinstance(exc, (KgError, OSError, ValueError, UnicodeError)):
                raise
            reason = str(exc).removeprefix(f"{path}: ")
            if strict:
                raise InputError(f"{path}: {reason} (--strict: no file may be skipped)") from None
            corpus.skipped.append((str(path), reason))
            continue
        corpus.paths.append(path)
        corpus.articles.append(article)
    return corpus


@contextmanager
def _gc_paused():
    """Pause CPython's cyclic garbage collector while plain records pile up.

    Loading thousands of cached records, resolving them and writing the files
    allocate millions of small objects without reference cycles; the collector
    would walk all of them again and again (a third of the time of these stages).
    Not used around NLP, whose objects can form cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_KEPT = True  # in the results of `extract_corpus`, an Extraction handed to its `keep`


def _cached(corpus: Corpus, cache: ExtractionCache | None, progress: Progress | None, skip: set[int],
            take: Callable[[Extraction, bytes], object]) -> list:
    """What `take` makes of each article's cached Extraction (and its pickle), None where there is none (and at `skip`)."""
    results: list = []
    for i, article in enumerate(corpus.articles):
        found = cache.get_pickled(article) if cache and i not in skip else None
        results.append(take(*found) if found is not None else None)
        if results[-1] is not None and progress:
            progress(article)
    return results


def _failures(corpus: Corpus, results: list, strict: bool) -> list[tuple[str, str]]:
    """(file, reason) of the articles whose extraction failed; an error for a named file or under strict."""
    failures = [(corpus.paths[i], r.reason) for i, r in enumerate(results) if isinstance(r, Failed)]
    for path, reason in failures:
        if strict or path in corpus.explicit:
            raise KgError(f"{path}: {reason}" + (" (--strict: no file may be skipped)" if strict else ""))
    return [(str(path), reason) for path, reason in failures]


def extract_corpus(corpus: Corpus, settings: Settings = Settings(), options: BuildOptions = BuildOptions(),
                   progress: Progress | None = None, summary: BuildSummary | None = None,
                   keep: Callable[[Extraction, bytes | None], None] | None = None,
                   preloaded: PreloadedWorker | None = None) -> list[Extraction]:
    """The Extraction of every article, in input order: from the cache, else parsed now.

    With `keep`, each Extraction is handed to it as it comes (cached ones first,
    with their pickle, None for the others) and none is held: the list returned is then empty. Articles whose extraction
    fails are added to `corpus.skipped`. `preloaded` (`_preloaded`), a process
    that loaded the pipeline while the corpus was read, parses the articles not
    cached, while the cached ones are read here; it is ended when there are none.
    """
    summary = summary if summary is not None else BuildSummary()
    skipped_quotes = 0

    def kept(extraction: Extraction, pickled: bytes | None = None):
        nonlocal skipped_quotes
        skipped_quotes += extraction.skipped_quotes
        if keep is None:
            return extraction
        keep(extraction, pickled)
        return _KEPT

    cache = ExtractionCache(options.cache_dir, pipeline_version(settings, options.piece_chars)) if options.cache_dir else None
    uncached = [(i, a) for i, a in enumerate(corpus.articles) if cache is None or not cache.has(a)]
    skip = {i for i, _ in uncached}
    run = partial(extracting, settings=settings, workers=options.workers, executor=options.executor,
                  scheduler=options.scheduler, piece_chars=options.piece_chars)

    def done(index: int, result: Extraction | Failed) -> None:
        if isinstance(result, Extraction):
            if cache:
                cache.put(result)
            result = kept(result)
        results[index] = result
        if progress:
            progress(corpus.articles[index])

    if preloaded is not None and not uncached:
        preloaded.close()  # nothing to parse: its memory and core are free again
    first = nullcontext(preloaded.extract(uncached)) if preloaded is not None and uncached else run(uncached)
    with first as running:  # worker processes load the model and parse while the cache is read
        with _gc_paused():
            results = _cached(corpus, cache, progress, skip, kept)
        unreadable = [(i, a) for i, a in enumerate(corpus.articles) if results[i] is None and i not in skip]
        summary.extracted = len(uncached) + len(unreadable)
        summary.cached = len(results) - summary.extracted
        for index, result in running:
            done(index, result)
    with run(unreadable) as running:  # entries cut short or corrupt: parsed again
        for index, result in running:
            done(index, result)
    corpus.skipped += _failures(corpus, results, options.strict)
    if cache:
        cache.prune()
        summary.cache_error = cache.write_error
    summary.skipped_quotes = skipped_quotes
    return [r for r in results if isinstance(r, Extraction)]


def build_resolution(inputs: Iterable[Path], settings: Settings = Settings(), progress: Progress | None = None,
                     options: BuildOptions = BuildOptions(), summary: BuildSummary | None = None) -> Resolution:
    """Read, extract and resolve every article under `inputs`.

    Raises:
        InputError: a path is missing, a folder has no article, a named file is not a text article,
            or no article could be read at all.
    """
    summary = summary if summary is not None else BuildSummary()
    corpus = read_corpus(inputs, options.strict)
    extractions = extract_corpus(corpus, settings, options, progress, summary)
    summary.skipped = sorted(corpus.skipped)
    if not extractions:
        raise _no_article(summary)
    with _gc_paused():
        return resolve(extractions, load_gazetteer(settings.ontology_dir))


def render_files(triples: list[Triple], settings: Settings = Settings(), title: str = "kg",
                 blocks: Blocks | None = None) -> tuple[dict[str, bytes], Blocks]:
    """Every output file of a graph, by file name, and the subject blocks of its RDF files.

    `blocks` of the last build spare formatting the subjects whose triples are unchanged.
    """
    formats, blocks = serialize_all(triples, settings.formats, PREFIX_IRIS, blocks)
    files = {"graph" + FORMAT_SUFFIXES[fmt]: data for fmt, data in formats.items()}
    if settings.html:
        files.update(_page_files(triples, title))
    return files, blocks


def _page_files(triples: list[Triple], title: str) -> dict[str, bytes]:
    """graph.html, and the data folder's files of an overview page (`kg.export.html_page.page_files`)."""
    from kg.export.html_page import page_files  # pyvis (and the IPython it imports) only for a page
    from kg.export.network import network_of

    return page_files(network_of(triples), title=title)


def _page_leftovers(names: list[str]) -> tuple[str, ...]:
    from kg.export.html_page import page_leftovers

    return page_leftovers(dict.fromkeys(names))


def _write_files(staging: Path, files: dict[str, bytes]) -> list[str]:
    """Write `files` into `staging` (making their folders); their names."""
    for name, data in files.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_bytes(data)
    return list(files)


def summarise(resolution: Resolution, summary: BuildSummary | None = None) -> BuildSummary:
    summary = summary if summary is not None else BuildSummary()
    summary.documents, summary.quotes = len(resolution.documents), len(resolution.quotes)
    summary.entities = Counter(e.type for e in resolution.entities.values())
    summary.relations = Counter(p for _, p, _ in {(r.subject, r.predicate, r.object) for r in resolution.relations})
    return summary


def _no_article(summary: BuildSummary) -> InputError:
    first = summary.skipped[0] if summary.skipped else ("input", "nothing to read")
    return InputError(f"no article could be read ({len(summary.skipped)} skipped; {first[0]}: {first[1]})")


class TripleSpill:
    """Triples pickled to a file as they come (in batches), read back in the same order: the store's copy of the
    graph, kept on disk while the files and the page are made rather than in memory beside them."""

    BATCH = 100_000

    def __init__(self, path: Path):
        self.path = Path(path)
        self.batch: list[Triple] = []
        self.stream = None

    def extend(self, triples: Iterable[Triple]) -> None:
        self.batch.extend(triples)
        if len(self.batch) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.stream is None:
            self.stream = self.path.open("wb")
        pickle.dump(self.batch, self.stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.batch = []

    def read(self) -> list[Triple]:
        """Every triple, in the order they came; the file is removed."""
        triples: list[Triple] = []
        if self.stream is not None:
            self.stream.close()
            with self.path.open("rb") as stream:
                while True:
                    try:
                        triples += pickle.load(stream)
                    except EOFError:
                        break
            self.path.unlink()
            self.stream = None
        return triples + self.batch


class Partition:
    """What a run of articles makes once resolved: their files' queued blocks, their share of the entities.

    The local build makes one; with dask each worker makes one per task and the client absorbs them.
    `parsed_with` is the model id recorded on each document; with `keep="disk"`
    every triple is kept for the store, on disk (a `TripleSpill` in `folder`);
    with `page` the page is made article by article (`kg.export.page_stream`),
    its spill files under `folder/.page`, in a child process with `page="process"`
    (`close()` ends it when the build stops before `finish`); with `hand_back` (a worker's partition)
    each article's own triples and the entities it mentions are kept, in memory,
    for the client to feed to its page and store as it absorbs the partition.
    """

    def __init__(self, folder: Path, settings: Settings, previous=None, parsed_with: str | None = None,
                 keep: bool | str = False, page: bool | str = False, hand_back: bool = False):
        self.graph, self.table = ArchiveGraph(parsed_with), EntityTable()
        self.files = StreamingFiles(folder, settings.formats, PREFIX_IRIS, previous)
        self.triples = TripleSpill(Path(folder) / ".store-triples") if keep == "disk" else None
        self.page = None
        if page == "process" and settings.html:  # made in a child process, beside the files (`kg.export.page_process`)
            from kg.export.page_process import PageProcess

            self.page = PageProcess(Path(folder) / ".page")
        elif page and settings.html:
            from kg.export.page_stream import PageStream

            self.page = PageStream(Path(folder) / ".page")
        self.articles: list[tuple[list[Triple], list[str]]] | None = [] if hand_back else None
        self.relations: set[tuple[str, str, str]] = set()
        self.quotes = 0

    def add(self, merger: Merger, index: int, extraction: Extraction) -> None:
        resolved = merger.finish(index, extraction)
        self.table.add(resolved)
        part = self.graph.article(resolved)
        self.files.add_article(part)
        self._keep(part.local, part.mentioned)
        self.relations.update((r.subject, r.predicate, r.object) for r in resolved.relations)
        self.quotes += len(resolved.quotes)

    def _keep(self, local: list[Triple], mentioned: list[str]) -> None:
        """An article's own triples and the entities it mentions, to the store's spill, the page, the client."""
        if self.triples is not None:
            self.triples.extend(local)
        if self.page is not None:
            self.page.add_article(local, mentioned)
        if self.articles is not None:
            self.articles.append((local, mentioned))

    def spilled(self) -> tuple:
        """The partition as plain data, its queued blocks on disk: what a dask task returns."""
        return self.graph, self.table, self.files.spill(), self.articles, self.relations, self.quotes

    def absorb(self, spilled: tuple) -> None:
        """Add a partition of the next articles (`spilled`); their triples go to the page and the store in order."""
        graph, table, files, articles, relations, quotes = spilled
        self.graph.absorb(graph)
        self.table.absorb(table)
        self.files.absorb(files)
        for local, mentioned in articles or ():
            self._keep(local, mentioned)
        self.relations |= relations
        self.quotes += quotes

    def finish(self, merger: Merger, staging: Path, summary: BuildSummary,
               documents: int) -> tuple[list[str], TripleSpill | None]:
        """Add the entities' subjects and write every file into `staging`; the names written, and the store's triples."""
        entities = self.table.entities(merger)
        held = self.graph.held_triples(entities)
        title = f"kg: {documents} articles"
        if self.page is not None and hasattr(self.page, "start_finish"):
            self.page.start_finish(held, staging, title)  # the page's process makes it while the files are written
        names = self.files.finish(held, self.graph.references)
        summary.documents, summary.quotes = documents, self.quotes
        summary.entities = Counter(e.type for e in entities.values())
        summary.relations = Counter(p for _, p, _ in self.relations)
        if self.triples is not None:
            self.triples.extend(held)
        if self.page is not None:
            names += self.page.finish(held, staging, title)
            self.page = None
        return names, self.triples

    def close(self) -> None:
        """End the page's child process, if any is still running (a build that stopped before `finish`)."""
        if self.page is not None and hasattr(self.page, "close"):
            self.page.close()


def _stream_graph(spill: RecordSpill, staging: Path, settings: Settings, options: BuildOptions, summary: BuildSummary,
                  parsed_with: str | None) -> tuple[list[str], TripleSpill | None, BlockStore | None]:
    """Resolve the spilled records and write every file into `staging`, article by article.

    The names written, the store's triples (on disk) when there is a store, and
    the blocks to commit. With the dask executor the articles are resolved and
    formatted on the workers (`kg.distributed`), and the page is made here as
    their partitions come back, as the local build makes it.

    Raises:
        StreamUnsupported: a graph only the in-memory writers reproduce exactly.
    """
    merger = Merger(load_gazetteer(settings.ontology_dir))
    keep = "disk" if options.store_dir else False
    if options.executor == "dask":
        from kg.distributed import merge_on_cluster

        merger.run(spill.view_passes())
        partition = Partition(staging, settings, parsed_with=parsed_with, keep=keep, page=True)
        merge_on_cluster(spill, merger, partition, staging, settings, options)
        return *partition.finish(merger, staging, summary, len(spill)), None
    partition = Partition(staging, settings, None, parsed_with, keep, page=_page_mode(len(spill)))
    made = None
    if options.cache_dir:  # the last build's blocks, read and updated in place (committed by `write_graph`)
        made = partition.files.previous = partition.files.made = BlockStore(options.cache_dir, partition.files.fingerprint)
    try:
        merger.run(spill.view_passes())  # the page's process, if any, starts meanwhile
        for index, extraction in enumerate(spill.records()):
            partition.add(merger, index, extraction)
        return *partition.finish(merger, staging, summary, len(spill)), made
    except BaseException:
        if made is not None:
            made.abort()
        raise
    finally:
        partition.close()  # before the staging folder the page's process writes into is removed


def _page_mode(articles: int) -> bool | str:
    """How `_stream_graph` makes the page: in a child process beside the files when there is a core to spare
    and the build is big enough to repay starting it (`kg.export.page_process`), else in this process."""
    from kg.export import page_process  # read at call time: tests lower it

    return "process" if articles >= page_process.MIN_ARTICLES and spare_core() else True


def _memory_graph(spill: RecordSpill, staging: Path, settings: Settings, summary: BuildSummary,
                  parsed_with: str | None) -> tuple[list[str], list[Triple]]:
    """The in-memory build of the spilled records, for graphs `_stream_graph` does not write; names and triples."""
    resolution = resolve(spill.records(), load_gazetteer(settings.ontology_dir))
    triples = graph_triples(resolution, parsed_with)
    summarise(resolution, summary)
    del resolution
    files, _ = render_files(triples, settings, f"kg: {summary.documents} articles")
    return _write_files(staging, files), triples


def write_graph(spill: RecordSpill, out_dir: Path, staging: Path, settings: Settings, options: BuildOptions,
                summary: BuildSummary, parsed_with: str | None = None) -> None:
    """Resolve the spilled records, write the graph's files and replace the previous ones together; then the store."""
    with _gc_paused():
        try:
            names, triples, made = _stream_graph(spill, staging, settings, options, summary, parsed_with)
        except StreamUnsupported:
            summary.quotes = 0
            (names, triples), made = _memory_graph(spill, staging, settings, summary, parsed_with), None
    try:
        spill.close()
        replace_together(staging, out_dir, names, remove=_page_leftovers(names) if settings.html else ())
        if options.store_dir:
            if isinstance(triples, TripleSpill):  # read back now that the files and the page are made and freed
                with _gc_paused():
                    triples = triples.read()
            update_store(options.store_dir, triples)
        del triples
    except BaseException:
        if made is not None:
            made.abort()  # the saved blocks stay those of the graph still in place
        raise
    if made is not None:
        summary.cache_error = summary.cache_error or made.commit()
    summary.outputs = [out_dir / name for name in sorted(names)] + ([options.store_dir] if options.store_dir else [])


@contextmanager
def _preloaded(settings: Settings, options: BuildOptions) -> Iterator[PreloadedWorker | None]:
    """A process loading the extraction pipeline from now on (`kg.preload`), for a one-worker local rebuild with a
    cache already filled (most articles cached, a few to parse) and a core to spare; else None."""
    cache = options.cache_dir
    if (options.workers != 1 or options.executor != "local" or cache is None or not Path(cache).is_dir()
            or not any(Path(cache).iterdir()) or not spare_core()):
        yield None
        return
    worker = PreloadedWorker(settings, options.piece_chars)
    try:
        yield worker
    finally:
        worker.close()


def build(inputs: Iterable[Path], out_dir: Path, settings: Settings = Settings(),
          progress: Progress | None = None, options: BuildOptions = BuildOptions(),
          date: str | None = None) -> BuildSummary:
    """Build the graph of the articles under `inputs` and write it to `out_dir`.

    Writes graph.ttl, graph.nt, graph.jsonld and graph.html, all replaced
    together at the end; on any error, SIGINT or SIGTERM the previous output
    stays as it was and no temporary file is left behind. `date` (ISO 8601,
    `kg.ingest.dates.date_option`) is the publication date of a single input file.

    Raises:
        KgError: bad input, a missing or unsuitable model, a missing data file, or an unwritable output folder.
    """
    started = time.perf_counter()
    with stop_on_signals():
        check_output_dir(out_dir)
        if options.store_dir:
            check_store_dir(options.store_dir)
        parsed_with = model_id(settings.model)
        summary = BuildSummary()
        with _preloaded(settings, options) as preloaded:  # loads the model while the corpus and the cache are read
            corpus = read_corpus(inputs, options.strict, date)
            with staging_folder(out_dir) as staging:
                spill = RecordSpill(staging / ".records")
                extract_corpus(corpus, settings, options, progress, summary, keep=spill.add, preloaded=preloaded)
                if preloaded is not None:
                    preloaded.close()  # every article is parsed
                summary.skipped = sorted(corpus.skipped)
                del corpus  # the texts are in the spill now
                if not len(spill):
                    raise _no_article(summary)
                write_graph(spill, out_dir, staging, settings, options, summary, parsed_with)
    summary.seconds = time.perf_counter() - started
    return summary


def build_from_extractions(extractions: Iterable[Extraction], out_dir: Path, settings: Settings = Settings(),
                           options: BuildOptions = BuildOptions(), parsed_with: str | None = None) -> BuildSummary:
    """Write the graph of extraction records made elsewhere (a bench, another extractor) to `out_dir`.

    The records stream: each is spilled to disk as it comes, none is held.
    `parsed_with` names the pipeline that made them, for kg:parsedWith (none by default).

    Raises:
        InputError: no record at all.
    """
    started = time.perf_counter()
    if options.store_dir:
        check_store_dir(options.store_dir)
    summary = BuildSummary()
    with staging_folder(out_dir) as staging:
        spill = RecordSpill(staging / ".records")
        for extraction in extractions:
            spill.add(extraction)
        if not len(spill):
            raise _no_article(summary)
        write_graph(spill, out_dir, staging, settings, options, summary, parsed_with)
    summary.seconds = time.perf_counter() - started
    return summary
