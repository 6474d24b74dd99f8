"""The graph's files written as its subjects come, byte for byte what `serialize_all` writes in memory.

Articles arrive one at a time (`kg.graph.build.ArchiveGraph`) with their own
subjects complete: document, statements, quotes. Each subject becomes one block
per format (`kg.export.writers`: its sorted N-Triples lines, its Turtle text,
its JSON-LD node), reused from the last build when its triples are unchanged,
and goes into a sorted run on disk (`kg.export.runs`) keyed by where that format
puts it: N-Triples by the subject's `<iri>`, Turtle by how often the subject is
an object and then its IRI (rdflib's order; an article's own subjects are named
only by that article, entities are counted once all are in), JSON-LD by the
node's compact JSON, N-Quads by line, TriG by document. The entities' and
positions' subjects follow at the end, and each file is the merge of its runs,
written straight to disk. Memory holds the runs being filled, not the graph.
"""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rdflib import URIRef

from kg.errors import StreamUnsupported
from kg.export import writers
from kg.export.quads import document_triples
from kg.export.rdf_files import FORMAT_SUFFIXES, jsonld_context
from kg.export.runs import SortedRuns
from kg.graph.build import PREFIX_IRIS, ArticleTriples
from kg.graph.terms import Triple, rdflib_graph
from kg.graph.vocab import KG

STREAM_FORMATS = ("nt", "turtle", "json-ld", "nquads", "trig")
_MENTIONED_IN = str(KG.mentionedIn)
_WRITE_CHUNK = 2**20
TERM_CACHE = 200_000  # formatted terms kept for reuse: statement IRIs and sentences never come back, entities do
HELD_BATCH = 200_000  # the entities' and positions' triples formatted at a time by `finish`


def subject_batches(triples: list[Triple], size: int) -> Iterator[list[Triple]]:
    """`triples` in lists of about `size` triples (more when one subject has more), each subject's all in one."""
    groups: dict[str, list[Triple]] = {}
    for triple in triples:
        group = groups.get(triple[0])
        if group is None:
            groups[triple[0]] = [triple]
        else:
            group.append(triple)
    batch: list[Triple] = []
    for subject in list(groups):
        batch += groups.pop(subject)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Output:
    """A binary file written in chunks of about a megabyte."""

    def __init__(self, path: Path):
        self.stream = path.open("wb")
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> None:
        self.parts.append(data)
        self.size += len(data)
        if self.size >= _WRITE_CHUNK:
            self.flush()

    def flush(self) -> None:
        self.stream.write(b"".join(self.parts))
        self.parts, self.size = [], 0

    def close(self) -> None:
        self.flush()
        self.stream.close()


class StreamingFiles:
    """The RDF files of one graph, fed subject group by subject group, written into `folder` by `finish`.

    Args:
        folder: where the files are written (a staging folder: the caller renames them into place).
        formats: any of STREAM_FORMATS.
        previous: blocks of the last build (`get_many(digests)`), or None.
        made: where the blocks of this build go (`put(digest, block)`), or None.

    Raises:
        StreamUnsupported: a format, predicate or literal the streaming path does not reproduce exactly.
    """

    def __init__(self, folder: Path, formats, prefixes: dict[str, str] = PREFIX_IRIS, previous=None, made=None):
        unknown = set(formats) - set(STREAM_FORMATS)
        if unknown:
            raise StreamUnsupported(f"format not streamed: {', '.join(sorted(unknown))}")
        self.folder, self.formats = Path(folder), tuple(formats)
        self.namespaces = rdflib_graph((), prefixes)
        self.context = jsonld_context(self.namespaces)
        self.labels = writers._TurtleLabels(self.namespaces, [])
        self.bindings = dict(self.labels.bindings)
        self.fingerprint = writers._fingerprint(self.labels, self.context)
        self.maker = writers._BlockMaker(self.labels, self.context)
        self.previous = previous if previous is not None and previous.fingerprint == self.fingerprint else None
        self.made = made
        wanted = set(self.formats) | ({"turtle"} if "trig" in self.formats else set())  # TriG's default graph: the Turtle body
        self.runs = {fmt: SortedRuns(self.folder / ".runs", fmt.replace("-", "")) for fmt in STREAM_FORMATS if fmt in wanted}
        self.quads = "nquads" in self.formats
        self.predicates: set[str] = set()
        self.prefixes_used: set[str] = set()
        self.classes: list[tuple[str, str]] = []  # (IRI, Turtle) of typed rdfs:Class subjects: rdflib writes them first
        self.trig_prefix_lines: set[str] = set()
        self.subjects = 0
        # quads.trig writes each named graph with kg's own prefixes: the blocks made here are its when they are those
        self.named_namespaces = rdflib_graph((), PREFIX_IRIS)
        self.named_blocks = self.bindings == dict(writers._TurtleLabels(self.named_namespaces, []).bindings)

    def add_article(self, part: ArticleTriples) -> None:
        """One article's own subjects, whole; and its named graph for N-Quads and TriG."""
        named = []
        if self.quads or "trig" in self.formats:
            mentions = [(entity, _MENTIONED_IN, part.document) for entity in part.mentioned]
            named = list(document_triples(part.local + part.direct + mentions).items())
        quad_lines: dict[str, list[str]] = {}
        for document, triples in named:
            if self.quads:
                triples = list(triples)
                for line, (s, _, _) in zip(writers.ntriples_lines(triples), triples):
                    quad_lines.setdefault(s, []).append(line.removesuffix(" .") + f" <{document}> .")
        blocks = self._add_subjects(part.local, part.references, quad_lines)
        if "trig" in self.formats:
            for document, triples in named:
                self._add_trig_graph(document, list(triples), blocks)
        local = {s for s, _, _ in part.local}
        for s, lines in quad_lines.items():  # entity subjects: their other lines come from other articles
            if s not in local:
                for line in lines:
                    self.runs["nquads"].add(line, line)
        self._trim_caches()

    def _trim_caches(self) -> None:
        """Forget formatted terms once there are many: the caches here and in rdflib would grow with the archive."""
        labels, terms = self.labels, self.maker.terms
        if len(labels.iris) + len(labels.literals) + len(terms.ids) + len(terms.values) < TERM_CACHE:
            return
        for cache in (labels.iris, labels.literals, terms.ids, terms.values):
            cache.clear()
        self.namespaces.namespace_manager.reset()  # rdflib keeps every IRI it split into prefix and name
        self.named_namespaces.namespace_manager.reset()

    def _add_trig_graph(self, document: str, triples: list[Triple], blocks: dict[str, writers.Block]) -> None:
        """The document's named graph as quads.trig writes it: Turtle of its sorted triples, kg's prefixes.

        The graph holds the whole of the article's own subjects, so their blocks are the default graph's.
        """
        if self.named_blocks:
            label = URIRef(document).n3(self.named_namespaces.namespace_manager)  # a kgd: name: binds nothing new
            partial = {s for s, _, _ in triples if s not in blocks}
            named = {s: blocks[s] for s, _, _ in triples if s in blocks}
            named.update((s, self.maker.block(s, properties))
                         for s, properties in writers._properties(triples, partial).items())
            references = Counter(o for _, _, o in triples if type(o) is str)
            turtle = writers._turtle(named, references, self.bindings).decode("utf-8")
        else:
            namespaces = rdflib_graph((), PREFIX_IRIS)
            label = URIRef(document).n3(namespaces.namespace_manager)
            turtle = writers.turtle(sorted(triples), namespaces).decode("utf-8")
        lines = turtle.split("\n")
        count = next((i for i, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
        self.trig_prefix_lines.update(lines[:count])
        body = "\n".join(lines[count:]).strip()
        self.runs["trig"].add(document, f"{label} {{\n{body}\n}}\n")

    def _check_predicates(self, triples: list[Triple]) -> None:
        for p in {p for _, p, _ in triples} - self.predicates:
            if p in writers._LIST_PREDICATES:
                raise StreamUnsupported("RDF lists are left to rdflib")
            self.labels.verb(p)
            if {prefix: str(ns) for prefix, ns in self.namespaces.namespace_manager.namespaces()} != self.bindings:
                raise StreamUnsupported(f"predicate outside the bound namespaces: {p}")
            self.predicates.add(p)

    def _add_subjects(self, triples: list[Triple], references: Counter, quad_lines: dict[str, list[str]],
                      whole: bool = True) -> dict[str, writers.Block]:
        """Format (or reuse) the block of each subject of `triples`, whole subjects all, and queue them by format."""
        self._check_predicates(triples)
        texts, forms = writers._subject_texts(triples)
        blocks, missing = {}, {}
        digests = {subject: writers._digest(text) for subject, text in texts.items()}
        saved = self.previous.get_many(list(digests.values())) if self.previous is not None else {}
        for subject, digest in digests.items():
            block = saved.get(digest)
            if block is None:
                missing[subject] = digest
            else:
                blocks[subject] = (digest, block)
        for subject, properties in writers._properties(triples, set(missing)).items():
            blocks[subject] = (missing[subject], self.maker.block(subject, properties))
        for subject, text in texts.items():
            digest, block = blocks[subject]
            self._add_block(subject, forms[subject], text, block, references.get(subject, 0),
                            quad_lines.get(subject, ()), whole)
            if self.made is not None:
                self.made.put(digest, block)
        return {subject: block for subject, (_, block) in blocks.items()}

    def _add_block(self, subject: str, form: str, text: str, block: writers.Block, references: int,
                   quad_lines, whole: bool) -> None:
        self.subjects += 1
        runs = self.runs
        if "nt" in runs:
            runs["nt"].add(form, text)
        if "turtle" in runs:
            self.prefixes_used.update(block.prefixes)
            if block.is_class:
                self.classes.append((subject, block.turtle))
            else:
                runs["turtle"].add((references, subject), block.turtle)
        if "json-ld" in runs:
            if block.jsonld is None:
                raise StreamUnsupported(f"{subject}: a JSON-LD node left to rdflib")
            runs["json-ld"].add(block.jsonld_key, block.jsonld)
        if self.quads:
            lines = text.split("\n")
            if whole:
                lines = sorted(lines + list(quad_lines))
                runs["nquads"].add(lines[0], "\n".join(lines))
            else:
                for line in lines:
                    runs["nquads"].add(line, line)

    def spill(self) -> dict:
        """Everything queued, to disk, and what `absorb` needs to merge it into another StreamingFiles."""
        return {"runs": {fmt: (runs.spill(), runs.count) for fmt, runs in self.runs.items()},
                "prefixes_used": self.prefixes_used, "classes": self.classes, "subjects": self.subjects,
                "trig_prefix_lines": self.trig_prefix_lines, "predicates": self.predicates}

    def absorb(self, state: dict) -> None:
        """Merge what another StreamingFiles (same formats and prefixes) queued and spilled."""
        for fmt, (runs, count) in state["runs"].items():
            self.runs[fmt].absorb(runs, count)
        self.prefixes_used |= state["prefixes_used"]
        self.classes += state["classes"]
        self.subjects += state["subjects"]
        self.trig_prefix_lines |= state["trig_prefix_lines"]
        self._check_predicates([("", p, "") for p in state["predicates"]])

    def finish(self, held: list[Triple], references: Counter) -> list[str]:
        """Add the entities' and positions' subjects, then write every file; the names of the files written.

        The held subjects are formatted HELD_BATCH triples at a time, whole subjects each: their text goes to
        the sorted runs (on disk past a size) before the next batch is formatted, so the entities' mentions of
        every document are never all formatted in memory at once.
        """
        for batch in subject_batches(held, HELD_BATCH):
            self._add_subjects(batch, references, {}, whole=False)
            self._trim_caches()
        if "json-ld" in self.formats and self.subjects < 2:
            raise StreamUnsupported("a graph of fewer than two subjects has its own JSON-LD layout")
        writers_by_format = {"nt": self._write_nt, "json-ld": self._write_jsonld, "nquads": self._write_nquads,
                             "turtle": self._write_turtle}
        for fmt in self.formats:
            if fmt in writers_by_format and not (fmt == "turtle" and "trig" in self.formats):
                writers_by_format[fmt]()
        if "trig" in self.formats:
            self._write_turtle()
        return ["graph" + FORMAT_SUFFIXES[fmt] for fmt in self.formats]

    def _output(self, fmt: str) -> _Output:
        return _Output(self.folder / ("graph" + FORMAT_SUFFIXES[fmt]))

    def _write_nt(self) -> None:
        out, empty = self._output("nt"), True
        for _, text in self.runs["nt"].sorted_items():
            out.write((text + "\n").encode("utf-8"))
            empty = False
        if empty:
            out.write(b"\n")
        out.close()

    def _write_nquads(self) -> None:
        out = self._output("nquads")
        for _, text in self.runs["nquads"].sorted_items():
            out.write((text + "\n").encode("utf-8"))
        if not self.runs["nquads"].count:
            out.write(b"\n")
        out.close()

    def _write_jsonld(self) -> None:
        out = self._output("json-ld")
        out.write(("{\n \"@context\": " + writers._indented(self.context, 1) + ",\n \"@graph\": [\n  ").encode("utf-8"))
        for number, (_, text) in enumerate(self.runs["json-ld"].sorted_items()):
            out.write(((",\n  " if number else "") + text).encode("utf-8"))
        out.write(b"\n ]\n}\n")
        out.close()

    def _turtle_blocks(self):
        yield from (text for _, text in sorted(self.classes))
        yield from (text for _, text in self.runs["turtle"].sorted_items())

    def _write_turtle(self) -> None:
        """graph.ttl, and graph.trig beside it: TriG's default graph is the Turtle file's body."""
        header = [f"@prefix {prefix}: <{self.bindings[prefix]}> ." for prefix in sorted(self.prefixes_used)]
        turtle = self._output("turtle") if "turtle" in self.formats else None
        trig = self._output("trig") if "trig" in self.formats else None
        if turtle:
            turtle.write("".join(line + "\n" for line in header).encode("utf-8", "replace"))
        if trig:
            lines = sorted(self.trig_prefix_lines | set(header))
            trig.write(("\n".join(lines) + "\n\n{\n").encode("utf-8"))
        for number, text in enumerate(self._turtle_blocks()):
            data = text.encode("utf-8", "replace")
            if turtle:
                turtle.write(data)
            if trig:
                trig.write((b"\n\n" if number else b"") + data[1:-1])  # rdflib's blocks are "\n...\n"
        if turtle:
            turtle.write(b"\n")
            turtle.close()
        if trig:
            trig.write(b"\n}\n")
            for _, block in self.runs["trig"].sorted_items():
                trig.write(b"\n" + block.encode("utf-8"))
            trig.close()
