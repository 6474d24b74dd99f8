"""The graph as an RDF dataset: a named graph per article, the merged graph as default.

The default graph is the whole graph, as in graph.ttl, so every query of
`queries/` gives the same answers on graph.nq or graph.trig. The named graph
of a document (its IRI, `kgd:<file stem>`) holds what that one article
contributes:

* the document node itself (type, title, identifier, source file);
* each kg:Statement whose kg:source it is, with the direct triple the
  statement supports (both directions for a symmetric relation stored both
  ways);
* each kg:Quote whose kg:source it is;
* the `kg:mentionedIn` triples that point at it.

Labels and types of entities stay in the default graph only: they belong to
the merged entity, not to any one article. So `GRAPH kgd:... { ... }` asks what
one article says, and the default graph answers everything else.
"""

from collections import defaultdict
from collections.abc import Iterable

from rdflib import RDF, Dataset, Graph, URIRef

from kg.export import writers
from kg.graph.build import PREFIXES, new_graph
from kg.graph.terms import plain_triples
from kg.graph.vocab import KG, SYMMETRIC_RELATIONS

Triple = tuple[URIRef, URIRef, object]

QUAD_FORMATS = ("nquads", "trig")
_SYMMETRIC = frozenset(KG[name] for name in SYMMETRIC_RELATIONS)


def _supported_triples(graph: Graph, statement: URIRef) -> Iterable[Triple]:
    """The direct triple a statement supports, and its mirror when the relation is symmetric."""
    s, p, o = (graph.value(statement, term) for term in (RDF.subject, RDF.predicate, RDF.object))
    if (s, p, o) in graph:
        yield s, p, o
    if p in _SYMMETRIC and (o, p, s) in graph:
        yield o, p, s


def document_graphs(graph: Graph) -> dict[URIRef, set[Triple]]:
    """The triples of each document's named graph, by document IRI."""
    per_document: dict[URIRef, set[Triple]] = defaultdict(set)
    for document in graph.subjects(RDF.type, KG.Document):
        per_document[document].update(graph.triples((document, None, None)))
    for kind in (KG.Statement, KG.Quote):
        for node in graph.subjects(RDF.type, kind):
            document = graph.value(node, KG.source)
            if document is None:
                continue  # invalid under the shapes; nothing to attribute it to
            per_document[document].update(graph.triples((node, None, None)))
            if kind == KG.Statement:
                per_document[document].update(_supported_triples(graph, node))
    for entity, document in graph.subject_objects(KG.mentionedIn):
        per_document[document].add((entity, KG.mentionedIn, document))
    return dict(per_document)


def to_dataset(graph: Graph) -> Dataset:
    """A dataset: `graph` as the default graph plus one named graph per document."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for triple in graph:
        dataset.default_graph.add(triple)
    # Sorted insertion keeps the serializers' graph order, hence their output, stable.
    for document, triples in sorted(document_graphs(graph).items()):
        named = dataset.graph(document)
        for triple in sorted(triples):
            named.add(triple)
    return dataset


def _graph_of(triples: Iterable[Triple]) -> Graph:
    graph = new_graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _ntriples(graph: Graph) -> list[str]:
    triples = plain_triples(graph)
    if triples is None:  # blank nodes: rdflib's lines (split at "\n" only, see writers.ntriples_lines)
        return [line for line in graph.serialize(format="nt").split("\n") if line.strip()]
    return writers.ntriples_lines(triples)


def _nquads(graph: Graph) -> bytes:
    """N-Quads as N-Triples lines, each named graph's with its name before the final " ."."""
    lines = _ntriples(graph)
    for document, triples in document_graphs(graph).items():
        lines += [line.removesuffix(" .") + f" {document.n3()} ." for line in _ntriples(_graph_of(triples))]
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def _turtle_parts(graph: Graph) -> tuple[list[str], str]:
    """A graph's Turtle split into its @prefix lines (always first) and its body."""
    lines = graph.serialize(format="turtle").split("\n")
    count = next((i for i, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
    return lines[:count], "\n".join(lines[count:]).strip()


def _trig(graph: Graph) -> bytes:
    """TriG written graph by graph: rdflib's TriG serializer orders graphs by hash, so differently each run."""
    parts = [("{", _turtle_parts(graph))]
    for document, triples in sorted(document_graphs(graph).items()):
        named = _graph_of(triples)
        parts.append((f"{document.n3(named.namespace_manager)} {{", _turtle_parts(named)))
    prefixes = sorted({line for _, (lines, _) in parts for line in lines})
    blocks = [f"{opening}\n{body}\n}}\n" for opening, (_, body) in parts]
    return ("\n".join(prefixes) + "\n\n" + "\n".join(blocks)).encode("utf-8")


def serialize_quads(graph: Graph, fmt: str) -> bytes:
    """The dataset of `graph` as N-Quads ("nquads", lines sorted) or TriG ("trig"), byte-for-byte deterministic."""
    if fmt == "nquads":
        return _nquads(graph)
    if fmt == "trig":
        return _trig(graph)
    raise ValueError(f"not a quad format: {fmt!r} (expected one of {', '.join(QUAD_FORMATS)})")
