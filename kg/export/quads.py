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
* each event whose kg:source it is, with its kg:Count nodes (the
  kg:participatesIn triples its agents get stay in the default graph, as a
  named operation belongs to no one article);
* the `kg:mentionedIn` triples that point at it.

Labels and types of entities stay in the default graph only: they belong to
the merged entity, not to any one article. So `GRAPH kgd:... { ... }` asks what
one article says, and the default graph answers everything else.
"""

from collections import defaultdict

from rdflib import RDF, Dataset, Graph, URIRef

from kg.export import writers
from kg.graph.build import PREFIX_IRIS, PREFIXES
from kg.graph.terms import Triple, TripleIndex, plain_triples, rdflib_graph, to_rdflib
from kg.graph.vocab import EVENT, KG, SYMMETRIC_RELATIONS

QUAD_FORMATS = ("nquads", "trig")
_SYMMETRIC = frozenset(str(KG[name]) for name in SYMMETRIC_RELATIONS)
_TYPE, _SOURCE, _MENTIONED_IN = str(RDF.type), str(KG.source), str(KG.mentionedIn)
_DOCUMENT, _STATEMENT, _QUOTE = str(KG.Document), str(KG.Statement), str(KG.Quote)
_EVENT, _COUNT = str(EVENT), str(KG.count)


def _supported_triples(properties: dict[str, list], present: set[Triple]) -> list[Triple]:
    """The direct triple a statement supports, and its mirror when the relation is symmetric."""
    s, p, o = (properties.get(str(term), [None])[0] for term in (RDF.subject, RDF.predicate, RDF.object))
    return [t for t in ((s, p, o), *([(o, p, s)] if p in _SYMMETRIC else [])) if t in present]


def document_triples(triples: list[Triple]) -> dict[str, set[Triple]]:
    """The plain triples of each document's named graph, by document IRI."""
    properties = TripleIndex(triples).properties
    present = set(triples)
    per_document: dict[str, set[Triple]] = defaultdict(set)
    for subject, props in properties.items():
        kinds = props.get(_TYPE, ())
        if _DOCUMENT in kinds:
            per_document[subject].update((subject, p, o) for p, objects in props.items() for o in objects)
        if subject.startswith(_EVENT) and _SOURCE in props:  # an event, and its counts
            document = min(o for o in props[_SOURCE] if type(o) is str)
            for node in (subject, *props.get(_COUNT, ())):
                per_document[document].update((node, p, o) for p, objects in properties[node].items() for o in objects)
        elif _STATEMENT in kinds or _QUOTE in kinds:
            document = min((o for o in props.get(_SOURCE, ()) if type(o) is str), default=None)
            if document is None:
                continue  # invalid under the shapes; nothing to attribute it to
            per_document[document].update((subject, p, o) for p, objects in props.items() for o in objects)
            if _STATEMENT in kinds:
                per_document[document].update(_supported_triples(props, present))
    for s, p, o in triples:
        if p == _MENTIONED_IN and type(o) is str:
            per_document[o].add((s, p, o))
    return dict(per_document)


def _plain(graph: Graph) -> list[Triple]:
    triples = plain_triples(graph)
    if triples is None:
        raise ValueError("the graph holds blank nodes; kg graphs have none")
    return triples


def document_graphs(graph: Graph) -> dict[URIRef, set[tuple]]:
    """The rdflib triples of each document's named graph, by document IRI."""
    return {URIRef(document): {tuple(map(to_rdflib, triple)) for triple in triples}
            for document, triples in document_triples(_plain(graph)).items()}


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


def nquads(triples: list[Triple]) -> bytes:
    """N-Quads as N-Triples lines, each named graph's with its name before the final " ."; lines sorted."""
    lines = writers.ntriples_lines(triples)
    for document, named in document_triples(triples).items():
        lines += [line.removesuffix(" .") + f" <{document}> ." for line in writers.ntriples_lines(list(named))]
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")


def _turtle_parts(turtle: bytes) -> tuple[list[str], str]:
    """Turtle as rdflib writes it split into its @prefix lines (always first) and its body."""
    lines = turtle.decode("utf-8").split("\n")
    count = next((i for i, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
    return lines[:count], "\n".join(lines[count:]).strip()


def trig(triples: list[Triple], prefixes: dict[str, str] = PREFIX_IRIS, turtle: bytes | None = None) -> bytes:
    """TriG written graph by graph: rdflib's TriG serializer orders graphs by hash, so differently each run.

    The default graph uses `prefixes` (`turtle`: its Turtle, when already written);
    each named graph kg's own prefixes, in a namespace manager of its own.
    """
    turtle = turtle if turtle is not None else writers.turtle(triples, rdflib_graph((), prefixes))
    parts = [("{", _turtle_parts(turtle))]
    for document, named in sorted(document_triples(triples).items()):
        namespaces = rdflib_graph((), PREFIX_IRIS)
        label = URIRef(document).n3(namespaces.namespace_manager)
        parts.append((f"{label} {{", _turtle_parts(writers.turtle(sorted(named), namespaces))))
    prefix_lines = sorted({line for _, (lines, _) in parts for line in lines})
    blocks = [f"{opening}\n{body}\n}}\n" for opening, (_, body) in parts]
    return ("\n".join(prefix_lines) + "\n\n" + "\n".join(blocks)).encode("utf-8")


def serialize_quads(graph: Graph, fmt: str) -> bytes:
    """The dataset of `graph` as N-Quads ("nquads", lines sorted) or TriG ("trig"), byte-for-byte deterministic."""
    if fmt not in QUAD_FORMATS:
        raise ValueError(f"not a quad format: {fmt!r} (expected one of {', '.join(QUAD_FORMATS)})")
    triples = _plain(graph)
    return nquads(triples) if fmt == "nquads" else trig(triples, {p: str(n) for p, n in graph.namespaces()})
