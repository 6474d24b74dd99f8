"""Turn a Resolution into an rdflib Graph with provenance.

Every relation is a direct triple (so simple SPARQL works) plus one
`kg:Statement` per piece of evidence: the sentence, its offsets and its
document, as Wikidata keeps references beside its direct claims.
"""

from collections import Counter, defaultdict
from decimal import Decimal

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS, XSD

from kg.graph.vocab import DOC, ENTITY, KG, POSITION, QUOTE, STATEMENT, SYMMETRIC_RELATIONS
from kg.records import Article, Entity, Evidence
from kg.resolve.iris import document_iri, entity_iri, position_iri, quote_iri, statement_iri
from kg.resolve.merge import Resolution, ResolvedRelation

PREFIXES = {
    "kg": KG._NS, "kge": ENTITY, "kgd": DOC, "kgs": STATEMENT, "kgq": QUOTE, "kgp": POSITION,
    "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "dcterms": DCTERMS, "xsd": XSD, "owl": OWL, "prov": PROV,
}


def new_graph() -> Graph:
    """An empty graph with kg's prefixes bound (and no others)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _aliases(entity: Entity) -> list[str]:
    """Distinct surface forms, ignoring case, preferring the capitalised spelling."""
    by_case: dict[str, str] = {}
    for alias in sorted(entity.aliases, key=lambda a: (a.lower(), a)):
        if alias.lower() != entity.name.lower():
            by_case.setdefault(alias.lower(), alias)
    return sorted(by_case.values())


def add_document(graph: Graph, article: Article) -> None:
    doc = document_iri(article.doc_id)
    graph.add((doc, RDF.type, KG.Document))
    graph.add((doc, DCTERMS.title, Literal(article.title)))
    graph.add((doc, DCTERMS.identifier, Literal(article.doc_id)))
    graph.add((doc, KG.sourceFile, Literal(article.source_file)))


def add_entity(graph: Graph, entity: Entity) -> None:
    node = entity_iri(entity.key)
    graph.add((node, RDF.type, KG[entity.type]))
    graph.add((node, RDFS.label, Literal(entity.name)))
    for alias in _aliases(entity):
        graph.add((node, SKOS.altLabel, Literal(alias)))
    if entity.iso_code:
        graph.add((node, KG.isoCode, Literal(entity.iso_code)))
    for doc_id in sorted(entity.doc_ids):
        graph.add((node, KG.mentionedIn, document_iri(doc_id)))


def add_evidence(graph: Graph, node: URIRef, evidence: Evidence) -> None:
    graph.add((node, KG.source, document_iri(evidence.doc_id)))
    graph.add((node, KG.startChar, Literal(evidence.start)))
    graph.add((node, KG.endChar, Literal(evidence.end)))


def add_statement(graph: Graph, s: URIRef, p: URIRef, o: URIRef, evidence: Evidence, confidence: float, rule: str) -> None:
    graph.add((s, p, o))
    if str(p).rsplit("#", 1)[-1] in SYMMETRIC_RELATIONS:
        graph.add((o, p, s))
    node = statement_iri(s, p, o, evidence.doc_id, evidence.start, evidence.end)
    graph.add((node, RDF.type, KG.Statement))
    graph.add((node, RDF.subject, s))
    graph.add((node, RDF.predicate, p))
    graph.add((node, RDF.object, o))
    graph.add((node, KG.evidenceText, Literal(evidence.sentence)))
    graph.add((node, KG.confidence, Literal(Decimal(f"{confidence:.2f}"), datatype=XSD.decimal)))
    graph.add((node, KG.extractedBy, Literal(rule)))
    add_evidence(graph, node, evidence)


def _position_labels(resolution: Resolution) -> dict[URIRef, str]:
    """One label per position: its most frequent spelling, capitalised forms first."""
    forms: dict[URIRef, Counter] = defaultdict(Counter)
    for rel in resolution.relations:
        if rel.predicate == "holdsPosition":
            forms[position_iri(rel.object)][rel.object] += 1
    return {iri: max(c, key=lambda f: (c[f], sum(ch.isupper() for ch in f), f)) for iri, c in forms.items()}


def _strongest_per_evidence(resolution: Resolution) -> list[ResolvedRelation]:
    """One statement per triple and sentence: when several rules agree, the most confident one speaks."""
    best: dict[tuple, ResolvedRelation] = {}
    for rel in resolution.relations:
        ev = rel.relation.evidence
        key = (rel.subject, rel.predicate, position_iri(rel.object) if rel.predicate == "holdsPosition" else rel.object,
               ev.doc_id, ev.start, ev.end)
        current = best.get(key)
        if current is None or (rel.relation.confidence, current.relation.rule) > (current.relation.confidence, rel.relation.rule):
            best[key] = rel
    return list(best.values())


def build_graph(resolution: Resolution) -> Graph:
    """The knowledge graph of a resolved corpus."""
    graph = new_graph()
    for article in resolution.documents:
        add_document(graph, article)
    for entity in resolution.entities.values():
        add_entity(graph, entity)
    for iri, label in _position_labels(resolution).items():
        graph.add((iri, RDF.type, KG.Position))
        graph.add((iri, RDFS.label, Literal(label)))
    for rel in _strongest_per_evidence(resolution):
        obj = position_iri(rel.object) if rel.predicate == "holdsPosition" else entity_iri(rel.object)
        add_statement(graph, entity_iri(rel.subject), KG[rel.predicate], obj,
                      rel.relation.evidence, rel.relation.confidence, rel.relation.rule)
    for resolved in resolution.quotes:
        quote, evidence = resolved.quote, resolved.quote.evidence
        node = quote_iri(evidence.doc_id, evidence.start, evidence.end)
        graph.add((node, RDF.type, KG.Quote))
        graph.add((node, KG.speaker, entity_iri(resolved.speaker)))
        graph.add((node, KG.text, Literal(quote.text)))
        add_evidence(graph, node, evidence)
    return graph
