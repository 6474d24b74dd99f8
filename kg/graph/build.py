"""Turn a Resolution into the knowledge graph's triples, with provenance.

Every relation is a direct triple (so simple SPARQL works) plus one
`kg:Statement` per piece of evidence: the sentence, its offsets and its
document, as Wikidata keeps references beside its direct claims.

The graph is a list of plain triples (`kg.graph.terms`): the writers read it
as it is, and `build_graph` puts it into an rdflib Graph for code that wants one.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS, XSD

from kg.graph.terms import Lit, Triple, literal, rdflib_graph
from kg.graph.events import add_events, add_evidence, count_operation_forms, operation_triples
from kg.graph.vocab import DOC, ENTITY, EVENT, KG, OPERATION, POSITION, QUOTE, STATEMENT, SYMMETRIC_RELATIONS, kg_iri
from kg.graph.terms import date_literal
from kg.records import Article, Entity, Evidence
from kg.resolve.iris import document_iri, entity_iri, position_iri, quote_iri, statement_iri
from kg.errors import StreamUnsupported
from kg.resolve.merge import Resolution, ResolvedArticle, ResolvedRelation

PREFIXES = {
    "kg": KG._NS, "kge": ENTITY, "kgd": DOC, "kgs": STATEMENT, "kgq": QUOTE, "kgp": POSITION, "kgev": EVENT,
    "kgo": OPERATION,
    "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "dcterms": DCTERMS, "xsd": XSD, "owl": OWL, "prov": PROV,
}
PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}

_TYPE, _LABEL, _ALT_LABEL = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
_SUBJECT, _PREDICATE, _OBJECT = str(RDF.subject), str(RDF.predicate), str(RDF.object)
_TITLE, _IDENTIFIER, _DATE = str(DCTERMS.title), str(DCTERMS.identifier), str(DCTERMS.date)
_SYMMETRIC = frozenset(str(KG[name]) for name in SYMMETRIC_RELATIONS)
_MENTIONED_IN = str(KG.mentionedIn)
# Subjects made by one article alone: its document, its statements, its quotes, its events and their counts.
ARTICLE_NAMESPACES = (str(DOC), str(STATEMENT), str(QUOTE), str(EVENT))


def new_graph() -> Graph:
    """An empty rdflib graph with kg's prefixes bound (and no others)."""
    return rdflib_graph((), PREFIX_IRIS)


def _aliases(entity: Entity) -> list[str]:
    """Distinct surface forms, ignoring case, preferring the capitalised spelling."""
    by_case: dict[str, str] = {}
    for alias in sorted(entity.aliases, key=lambda a: (a.lower(), a)):
        if alias.lower() != entity.name.lower():
            by_case.setdefault(alias.lower(), alias)
    return sorted(by_case.values())


def _entity_text(key: str) -> str:
    return str(entity_iri(key))


class _MadeOnce(dict):
    """A value made by `make` the first time its key is asked for, then kept."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


def _confidence_literal(value: float) -> Lit:
    return literal(Decimal(f"{value:.2f}"))


class _GraphTriples:
    """The triples of one graph, each kept once, in the order first added; terms made once each."""

    def __init__(self, entity: _MadeOnce | None = None):
        self.triples: dict[Triple, None] = {}
        self.entity = entity if entity is not None else _MadeOnce(_entity_text)
        self.document = _MadeOnce(lambda doc_id: str(document_iri(doc_id)))
        self.integer = _MadeOnce(literal)
        self.confidence = _MadeOnce(_confidence_literal)

    def add(self, s: str, p: str, o) -> None:
        self.triples[(s, p, o)] = None


def add_document(graph: _GraphTriples, article: Article, parsed_with: str | None = None) -> None:
    doc = graph.document[article.doc_id]
    graph.add(doc, _TYPE, kg_iri("Document"))
    graph.add(doc, _TITLE, Lit(article.title))
    graph.add(doc, _IDENTIFIER, Lit(article.doc_id))
    graph.add(doc, kg_iri("sourceFile"), Lit(article.source_file))
    if parsed_with:
        graph.add(doc, kg_iri("parsedWith"), Lit(parsed_with))
    if article.date:
        graph.add(doc, _DATE, date_literal(article.date))


def add_entity(graph: _GraphTriples, entity: Entity) -> None:
    node = graph.entity[entity.key]
    graph.add(node, _TYPE, kg_iri(entity.type))
    graph.add(node, _LABEL, Lit(entity.name))
    for alias in _aliases(entity):
        graph.add(node, _ALT_LABEL, Lit(alias))
    if entity.iso_code:
        graph.add(node, kg_iri("isoCode"), Lit(entity.iso_code))
    for doc_id in sorted(entity.doc_ids):
        graph.add(node, kg_iri("mentionedIn"), graph.document[doc_id])


def add_statement(graph: _GraphTriples, s: str, p: str, o: str, evidence: Evidence, confidence: float, rule: str) -> None:
    graph.add(s, p, o)
    if p in _SYMMETRIC:
        graph.add(o, p, s)
    node = str(statement_iri(s, p, o, evidence.doc_id, evidence.start, evidence.end))
    graph.add(node, _TYPE, kg_iri("Statement"))
    graph.add(node, _SUBJECT, s)
    graph.add(node, _PREDICATE, p)
    graph.add(node, _OBJECT, o)
    graph.add(node, kg_iri("evidenceText"), Lit(evidence.sentence))
    graph.add(node, kg_iri("confidence"), graph.confidence[confidence])
    graph.add(node, kg_iri("extractedBy"), Lit(rule))
    add_evidence(graph, node, evidence)


def _count_position_forms(forms: dict[str, Counter], relations: Iterable[ResolvedRelation]) -> None:
    for rel in relations:
        if rel.predicate == "holdsPosition":
            forms[str(position_iri(rel.object))][rel.object] += 1


def _labels(forms: dict[str, Counter]) -> dict[str, str]:
    """One label per position: its most frequent spelling, capitalised forms first."""
    return {iri: max(c, key=lambda f: (c[f], sum(ch.isupper() for ch in f), f)) for iri, c in forms.items()}


def _position_labels(resolution: Resolution) -> dict[str, str]:
    forms: dict[str, Counter] = defaultdict(Counter)
    _count_position_forms(forms, resolution.relations)
    return _labels(forms)


def _strongest_per_evidence(relations: Iterable[ResolvedRelation]) -> list[ResolvedRelation]:
    """One statement per triple and sentence: when several rules agree, the most confident one speaks."""
    best: dict[tuple, ResolvedRelation] = {}
    for rel in relations:
        ev = rel.relation.evidence
        key = (rel.subject, rel.predicate, position_iri(rel.object) if rel.predicate == "holdsPosition" else rel.object,
               ev.doc_id, ev.start, ev.end)
        current = best.get(key)
        if current is None or (rel.relation.confidence, current.relation.rule) > (current.relation.confidence, rel.relation.rule):
            best[key] = rel
    return list(best.values())


def graph_triples(resolution: Resolution, parsed_with: str | None = None) -> list[Triple]:
    """The knowledge graph of a resolved corpus, as plain triples (each once).

    `parsed_with` names the spaCy pipeline the articles were parsed with
    (`kg.nlp.model.model_id`), recorded on each document as kg:parsedWith.
    """
    graph = _GraphTriples()
    for article in resolution.documents:
        add_document(graph, article, parsed_with)
    for entity in resolution.entities.values():
        add_entity(graph, entity)
    for iri, label in _position_labels(resolution).items():
        graph.add(iri, _TYPE, kg_iri("Position"))
        graph.add(iri, _LABEL, Lit(label))
    _add_statements(graph, resolution.relations)
    _add_quotes(graph, resolution.quotes)
    add_events(graph, resolution.events)
    forms: dict[str, Counter] = defaultdict(Counter)
    count_operation_forms(forms, resolution.events)
    for triple in operation_triples(_labels(forms)):
        graph.add(*triple)
    return list(graph.triples)


def _add_statements(graph: _GraphTriples, relations: Iterable[ResolvedRelation]) -> None:
    for rel in _strongest_per_evidence(relations):
        obj = str(position_iri(rel.object)) if rel.predicate == "holdsPosition" else graph.entity[rel.object]
        add_statement(graph, graph.entity[rel.subject], kg_iri(rel.predicate), obj,
                      rel.relation.evidence, rel.relation.confidence, rel.relation.rule)


def _add_quotes(graph: _GraphTriples, quotes) -> None:
    for resolved in quotes:
        quote, evidence = resolved.quote, resolved.quote.evidence
        node = str(quote_iri(evidence.doc_id, evidence.start, evidence.end))
        graph.add(node, _TYPE, kg_iri("Quote"))
        graph.add(node, kg_iri("speaker"), graph.entity[resolved.speaker])
        graph.add(node, kg_iri("text"), Lit(quote.text))
        add_evidence(graph, node, evidence)


def build_graph(resolution: Resolution) -> Graph:
    """The knowledge graph of a resolved corpus as an rdflib Graph."""
    return rdflib_graph(graph_triples(resolution), PREFIX_IRIS)


class ArticleTriples(NamedTuple):
    """One article's share of the graph, as `ArchiveGraph.article` hands it to the writers."""

    document: str  # the document's IRI
    local: list[Triple]  # every triple of the article's own subjects: document, statements, quotes
    references: Counter  # how often the local triples name each local subject (and entities name the document)
    direct: list[Triple]  # the direct entity triples its statements support (entity subjects, kept also in the graph)
    mentioned: list[str]  # IRIs of the entities it mentions (`kg:mentionedIn` its document)


class ArchiveGraph:
    """The graph of a corpus made article by article, the same triples as `graph_triples`.

    An article's own subjects (its document, statements and quotes) are
    complete when the article is: `article()` returns them for writing. The
    entities' triples (labels, aliases, documents, direct relations) and the
    positions' are gathered here until `held_triples()`; `references` counts how
    often each IRI outside the articles' own subjects is an object, as the Turtle
    writer orders subjects by it. `parsed_with` is recorded on each document
    as kg:parsedWith, as in `graph_triples`.
    """

    def __init__(self, parsed_with: str | None = None):
        self.parsed_with = parsed_with
        self.entity = _MadeOnce(_entity_text)
        # offsets and confidences come back in every article: each literal made once per build, not once per article
        # (rdflib's Literal is most of the cost of an article's triples)
        self.integer, self.confidence = _MadeOnce(literal), _MadeOnce(_confidence_literal)
        self.direct: dict[Triple, None] = {}
        self.position_forms: dict[str, Counter] = defaultdict(Counter)
        self.operation_forms: dict[str, Counter] = defaultdict(Counter)
        self.references: Counter = Counter()

    def article(self, resolved: ResolvedArticle) -> ArticleTriples:
        """Raises StreamUnsupported when a record names another article's document (never so from extraction)."""
        graph = _GraphTriples(self.entity)
        graph.integer, graph.confidence = self.integer, self.confidence
        add_document(graph, resolved.article, self.parsed_with)
        doc = graph.document[resolved.article.doc_id]
        _count_position_forms(self.position_forms, resolved.relations)
        _add_statements(graph, resolved.relations)
        _add_quotes(graph, resolved.quotes)
        add_events(graph, resolved.events)
        count_operation_forms(self.operation_forms, resolved.events)
        local, direct = [], []
        for triple in graph.triples:
            (local if triple[0].startswith(ARTICLE_NAMESPACES) else direct).append(triple)
        subjects = {s for s, _, _ in local}
        references = Counter()
        for _, _, o in local:
            if type(o) is str:
                if o in subjects:
                    references[o] += 1
                elif o.startswith(ARTICLE_NAMESPACES):
                    raise StreamUnsupported(f"{resolved.article.doc_id}: a record names another article's {o}")
                else:
                    self.references[o] += 1
        if any(m.doc_id != resolved.article.doc_id for m in resolved.key_of):
            raise StreamUnsupported(f"{resolved.article.doc_id}: a mention carries another doc id")
        mentioned = sorted({self.entity[key] for key in resolved.key_of.values()})
        references[doc] += len(mentioned)
        self.direct.update(dict.fromkeys(direct))
        return ArticleTriples(doc, local, references, direct, mentioned)

    def absorb(self, other: "ArchiveGraph") -> None:
        """Add what another ArchiveGraph gathered from other articles (a partition made elsewhere)."""
        self.direct.update(other.direct)
        for iri, forms in other.position_forms.items():
            self.position_forms[iri].update(forms)
        for iri, forms in other.operation_forms.items():
            self.operation_forms[iri].update(forms)
        self.references.update(other.references)

    def held_triples(self, entities: dict[str, Entity]) -> list[Triple]:
        """The entities' and positions' triples, once every article is in; their objects counted in `references`."""
        graph = _GraphTriples(self.entity)
        for entity in entities.values():
            add_entity(graph, entity)
        for iri, label in _labels(self.position_forms).items():
            graph.add(iri, _TYPE, kg_iri("Position"))
            graph.add(iri, _LABEL, Lit(label))
        graph.triples.update(self.direct)
        for triple in operation_triples(_labels(self.operation_forms)):
            graph.add(*triple)
        triples = list(graph.triples)
        for s, p, o in triples:
            if type(o) is str and p != _MENTIONED_IN:  # an article counted its document's mentions itself
                if o.startswith(ARTICLE_NAMESPACES) or s.startswith(ARTICLE_NAMESPACES):
                    raise StreamUnsupported(f"an entity triple names an article's own subject: {s} {p} {o}")
                self.references[o] += 1
        return triples
