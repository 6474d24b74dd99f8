"""The page of a graph built article by article, without the whole graph in memory.

`kg.builder` hands each article's own triples (its document, statements, quotes,
events) to `PageStream.add_article` as it makes them, and the entities' triples
to `PageStream.finish` at the end. While the graph may still fit one page
(`kg.export.html_page.PAGE_MAX_NODES`: no more events than that so far; every
event is a node of the page) the triples are kept and the page is made as
before, `page_files(network_of(triples))`. Past that the page is certainly an
overview (`kg.export.overview`), and it is made from:

* in memory, what the overview itself draws and indexes: each node's label,
  type, aliases and ISO code, and each relation's ends, kind, confidence and
  number of distinct evidence sentences (evidence names its document, and each
  article has its own, so the count of each article's distinct sentences adds
  up across articles);
* on disk, what only the data files show: evidence sentences, quotes and event
  details, buffered as each article is read in 4,096 buckets by the hash of the
  node they belong to (`_bucket(node, 4096)`; a relation's evidence goes to the
  buckets of both its ends), and written every `SPILL_CHARS` to a spill file,
  bucket after bucket, with the place of each. The overview's data file `b` of
  `n` (a power of two up to 4,096) holds the nodes whose hash is `b` modulo `n`:
  buckets `b`, `b + n`, `b + 2n`, ... hold everything it needs, read back from
  each spill file. Each data file is made and written before the next.

The bytes are those of `page_files(network_of(triples))` for the same graph
(tests compare them): the same functions of `kg.export.network` make the same
records, read from each article's triples or the entities' triples where the
whole graph had them.
"""

from __future__ import annotations

import pickle
import shutil
from collections import defaultdict
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF

from kg.export import html_page
from kg.export.html_page import _max_confidence, page_files
from kg.export.network import (
    _EVENT_RELATIONS, _IDENTIFIER, _LABEL, _TITLE, _add_nodes, _event_attributes, _event_types, _evidence,
    network_of,
)
from kg.export.overview import BUILD_OFFSET, Communities, _bucket, _details, part_data, write_overview
from kg.graph.terms import Triple, TripleIndex
from kg.graph.vocab import SYMMETRIC_RELATIONS, kg_iri

SPILL_BUCKETS = 4096  # the most data files an overview has (`kg.export.overview._bucket_count`)
SPILL_CHARS = 8 * 2**20  # text buffered before it is written to a spill file (about 40 MB of records)
_EVIDENCE_FIELDS = ("doc", "start", "end", "sentence")
_DOCUMENT, _STATEMENT, _QUOTE = kg_iri("Document"), kg_iri("Statement"), kg_iri("Quote")
_PREDICATE, _SUBJECT, _OBJECT = str(RDF.predicate), str(RDF.subject), str(RDF.object)
_STATEMENT_EDGE, _PARTICIPATION = "statement", "participation"  # other relations are an event's (kind: its IRI)


class PageStream:
    """The page of a graph whose articles' triples come one article at a time (see the module docstring)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.articles: list[list[Triple]] | None = []  # every article's triples, until the graph is certainly an overview
        self.events_seen = 0  # while the triples are kept: events and entities met, nodes of the page all
        self.mentioned: set[str] = set()
        self.document_triples: list[Triple] = []  # each document's identifier (entities name their documents by IRI)
        self.titles: dict[str, str] = {}  # document id -> title
        self.events: dict[str, dict[str, Any]] = {}  # event -> what the index needs (label, type)
        # (from, to, relation) -> [distinct evidence sentences, confidence, what made it]
        self.relations: dict[tuple[str, str, str], list] = {}
        self.buffer: dict[int, list] = defaultdict(list)
        self.buffered = 0
        self.runs: list[tuple[Path, dict[int, tuple[int, int]]]] = []  # spill files, each with its buckets' places
        self.bucket_of: dict[str, int] = {}

    # --- each article -----------------------------------------------------------------

    def add_article(self, triples: list[Triple], mentioned: list[str] = ()) -> None:
        """An article's own triples (its document, statements, quotes, events and their counts), and the
        entities it mentions (each a node of the page)."""
        index = TripleIndex(triples)
        kinds = _event_types(index)
        if self.articles is not None:
            self.events_seen += len(kinds)
            self.mentioned.update(mentioned)
            self.articles.append(triples)
            if self.events_seen + len(self.mentioned) <= html_page.PAGE_MAX_NODES:
                return
            self.mentioned = set()
            kept, self.articles = self.articles, None
            for article in kept:  # the page is an overview: spill what was kept
                self._read(TripleIndex(article))
            return
        self._read(index, kinds)

    def _read(self, index: TripleIndex, kinds: dict[str, str] | None = None) -> None:
        for doc in index.of_type.get(_DOCUMENT, ()):
            self.document_triples += [(doc, _IDENTIFIER, o) for o in index.objects(doc, _IDENTIFIER)]
            self.titles[index.value(doc, _IDENTIFIER) or doc] = index.value(doc, _TITLE) or ""
        for quote in index.of_type.get(_QUOTE, ()):
            speaker = index.value(quote, kg_iri("speaker"))
            item = _evidence(index, quote, kg_iri("text"))
            self._spill((speaker,), ("q", speaker, {"text": item.pop("sentence"), **item}))
        # this article's distinct evidence, (doc, start, end, sentence), by relation: tuples, cheaper than dicts to
        # spill and read back, made the page's dicts once per data file
        evidence: dict[tuple[str, str, str], dict] = defaultdict(dict)
        for statement in index.of_type.get(_STATEMENT, ()):
            relation = index.value(statement, _PREDICATE).rsplit("#", 1)[-1]
            s, o = index.value(statement, _SUBJECT), index.value(statement, _OBJECT)
            if relation == "holdsPosition" or s is None or o is None:
                continue
            if relation in SYMMETRIC_RELATIONS:
                s, o = sorted((s, o))
            key = (s, o, relation)
            self._relation(key, float(index.value(statement, kg_iri("confidence"))), _STATEMENT_EDGE)
            evidence[key][_evidence_key(_evidence(index, statement, kg_iri("evidenceText")))] = None
        for event, kind in sorted((_event_types(index) if kinds is None else kinds).items()):
            attributes = _event_attributes(index, event, kind)
            self.events[event] = {"label": attributes["label"], "type": attributes["type"]}
            self._spill((event,), ("e", event, _details(attributes, event)))
            item, confidence = _evidence_key(attributes["evidence"]), attributes["confidence"]
            for relation in _EVENT_RELATIONS:
                for target in sorted(t for t in index.objects(event, kg_iri(relation)) if type(t) is str):
                    self.relations[(event, target, relation)] = [0, confidence, event]  # one event: one sentence
                    evidence[(event, target, relation)][item] = None
            for operation in index.objects(event, kg_iri("partOfOperation")):
                for agent in index.objects(event, kg_iri("agent")):
                    if type(agent) is str and type(operation) is str:
                        key = (agent, operation, "participatesIn")
                        self._relation(key, confidence, _PARTICIPATION)
                        evidence[key][item] = None
        for key, items in evidence.items():
            self.relations[key][0] += len(items)
            for item in items:
                self._spill(key[:2], ("r", key, item))

    def _relation(self, key: tuple[str, str, str], confidence: float, made_by: str) -> None:
        record = self.relations.get(key)
        if record is None:
            self.relations[key] = [0, confidence, made_by]
        else:
            record[1] = confidence if record[1] is None else max(record[1], confidence)

    def _spill(self, nodes: tuple, item: tuple) -> None:
        buckets = set()
        for node in nodes:
            if type(node) is str:
                fine = self.bucket_of.get(node)
                if fine is None:
                    fine = self.bucket_of[node] = _bucket(node, SPILL_BUCKETS)
                buckets.add(fine)
        for fine in buckets:
            self.buffer[fine].append(item)
        values = item[2].values() if type(item[2]) is dict else item[2]
        self.buffered += 200 + sum(len(v) for v in values if type(v) is str)
        if self.buffered >= SPILL_CHARS:
            self._flush()

    @property
    def spilled(self) -> bool:
        return bool(self.runs)

    def _flush(self) -> None:
        """The buffered items to a new spill file: each bucket's items as one pickle, and where it is."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path, places = self.folder / f"spill-{len(self.runs):05d}", {}
        with path.open("wb") as stream:
            for fine, items in sorted(self.buffer.items()):
                data = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
                places[fine] = (stream.tell(), len(data))
                stream.write(data)
        self.runs.append((path, places))
        self.buffer, self.buffered = defaultdict(list), 0

    def _read_back(self, bucket: int, buckets: int, streams: list) -> list[tuple]:
        """Every item spilled for the nodes of data file `bucket` of `buckets` (`streams`: the spill files, open)."""
        items = []
        for fine in range(bucket, SPILL_BUCKETS, buckets):
            for stream, (_, places) in zip(streams, self.runs):
                place = places.get(fine)
                if place is not None:
                    stream.seek(place[0])
                    items += pickle.loads(stream.read(place[1]))
            items += self.buffer.pop(fine, [])
        return items

    # --- the page ------------------------------------------------------------------------

    def finish(self, held: list[Triple], staging: Path, title: str, communities: Communities | None = None) -> list[str]:
        """Write the page of the graph (the articles' triples so far and `held`, the rest) into `staging`; the names.

        `communities`: where an overview's Louvain communities are computed (`kg.export.overview.write_overview`).
        """
        if self.articles is not None:
            kept, self.articles = [t for article in self.articles for t in article], None
            return _write(staging, page_files(network_of(kept + held), title=title))
        index = TripleIndex([*held, *self.document_triples])
        network = nx.MultiDiGraph()
        _add_nodes(index, network)
        entities = set(network)
        for operation in sorted(set(index.of_type.get(kg_iri("NamedOperation"), ()))):
            network.add_node(operation, label=index.value(operation, _LABEL), type="NamedOperation", aliases=[],
                             iso_code=None, documents=[], positions=[], quotes=[])
        del index
        nodes: dict[str, dict[str, Any]] = dict(network.nodes(data=True))
        nodes.update(self.events)
        if len(nodes) <= html_page.PAGE_MAX_NODES:  # never so: every event and entity met is a node
            raise RuntimeError(f"the page's graph has {len(nodes)} nodes, fewer than the events and entities met")
        relations = [{"from": s, "to": o, "relation": relation,
                      "symmetric": made_by == _STATEMENT_EDGE and relation in SYMMETRIC_RELATIONS,
                      "confidence": _max_confidence(None, confidence), "count": count}
                     for (s, o, relation), (count, confidence, made_by) in sorted(self.relations.items())
                     if _in_page(s, o, made_by, entities, nodes, self.events)]
        self.relations = {}
        names: list[str] = []

        def write(name: str, data: bytes) -> None:
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            names.append(name)

        def patch(name: str, build: str) -> None:
            with (staging / name).open("r+b") as stream:
                stream.seek(BUILD_OFFSET)
                stream.write(build.encode("ascii"))

        self.bucket_of = {}
        if self.buffer:
            self._flush()  # what is still buffered: freed before the overview is laid out
        with ExitStack() as stack:
            streams = [stack.enter_context(path.open("rb")) for path, _ in self.runs]
            write_overview(nodes, relations, self._parts(nodes, entities, relations, streams), write, patch, title=title,
                           communities=communities)
        shutil.rmtree(self.folder, ignore_errors=True)
        return names

    def _parts(self, nodes: dict[str, dict[str, Any]], entities: set[str], relations: list[dict[str, Any]],
               streams: list) -> Callable[[int, int, list[str]], bytes]:
        incident: dict[str, list[int]] = defaultdict(list)
        for number, rel in enumerate(relations):
            incident[rel["from"]].append(number)
            if rel["to"] != rel["from"]:
                incident[rel["to"]].append(number)
        def part_json(bucket: int, buckets: int, members: list[str]) -> bytes:
            quotes: dict[str, list[dict]] = defaultdict(list)
            details: dict[str, dict] = {}
            evidence: dict[tuple[str, str, str], list[tuple]] = defaultdict(list)
            for kind, key, item in self._read_back(bucket, buckets, streams):
                if kind == "r":
                    evidence[key].append(item)
                elif kind == "q":
                    quotes[key].append(item)
                else:
                    details[key] = item
            records: dict[int, dict[str, Any]] = {}
            for node in members:
                for number in incident.get(node, ()):
                    if number not in records:
                        rel = relations[number]
                        key = (rel["from"], rel["to"], rel["relation"])
                        records[number] = {"from": rel["from"], "to": rel["to"], "relation": rel["relation"],
                                           "symmetric": rel["symmetric"], "confidence": rel["confidence"],
                                           "evidence": _evidence_records(evidence.get(key, ()))}
            part_entities = {}
            for node in members:
                if node in self.events:
                    part_entities[node] = details[node]
                elif node in entities:  # quotes go to entities only, as in `kg.export.network._add_quotes`
                    part_entities[node] = _details({**nodes[node], "quotes": quotes.get(node, [])}, node)
                else:
                    part_entities[node] = _details(nodes[node], node)
            return part_data(part_entities, {n: [records[i] for i in incident.get(n, ())] for n in members},
                             self.titles)

        return part_json


def _evidence_key(item: dict) -> tuple:
    return tuple(item.get(f) for f in _EVIDENCE_FIELDS)


def _evidence_records(items) -> list[dict]:
    """Evidence as `kg.export.html_page._unique_sorted` gives it (distinct, sorted, None first) from (doc, start,
    end, sentence) tuples."""
    return [dict(zip(_EVIDENCE_FIELDS, key)) for key in sorted(set(items), key=lambda k: [(v is not None, v) for v in k])]


def _in_page(s: str, o: str, made_by: str, entities: set[str], nodes: dict[str, Any], events: dict[str, Any]) -> bool:
    """Whether the page's graph (`kg.export.network`) has this relation: its ends were nodes when it was added."""
    if made_by == _STATEMENT_EDGE:  # statements are read before any event or operation is a node
        return s in entities and o in entities
    if made_by == _PARTICIPATION:  # after every node
        return s in nodes and o in nodes
    return o in nodes and (o not in events or o <= made_by)  # an event's edge: events are added in IRI order


def _write(staging: Path, files: dict[str, bytes]) -> list[str]:
    for name, data in files.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_bytes(data)
    return list(files)
