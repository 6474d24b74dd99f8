"""An article's events as triples: the event node with its evidence, its counts, its named operation.

An event is written as one sentence reports it (`docs/data-model.md`, Events):

    kgev:<hash> a kg:Arrest ; kg:trigger "arrested" ;
        kg:agent kge:national-crime-agency ; kg:place kge:london ; kg:participant kge:john-smith ;
        kg:count kgev:<hash>-1 ; kg:date "2024-03-03"^^xsd:date ; kg:dateText "on Sunday" ;
        kg:partOfOperation kgo:operation-sovereign-borders ;
        kg:evidenceText "..." ; kg:startChar 10 ; kg:endChar 80 ; kg:source kgd:<doc> ;
        kg:confidence 0.8 ; kg:extractedBy "arrest-verb" .
    kgev:<hash>-1 a kg:Count ; kg:value 6 ; kg:unit "people" ; kg:qualifier "more than" .
    kge:national-crime-agency kg:participatesIn kgo:operation-sovereign-borders .

The event's IRI is a hash of its document, its trigger's offsets and its
type, so it is the same in every run. Its counts are numbered in the order
the record gives them. A named operation's node (type and label) belongs to
no one article: `operation_triples` makes it once all its events are in.
"""

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, RDFS

from kg.event_types import event_types
from kg.graph.terms import Lit, Triple, date_literal, literal
from kg.graph.vocab import EVENT, OPERATION, kg_iri
from kg.records import Count, Event, Evidence
from kg.resolve.iris import digest, slug_or_hash
from kg.resolve.merge import ResolvedEvent

_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_TRUE = Lit("true", "http://www.w3.org/2001/XMLSchema#boolean")


def add_evidence(graph, node: str, evidence: Evidence) -> None:
    """The document and offsets of a statement's, quote's or event's evidence."""
    graph.add(node, kg_iri("source"), graph.document[evidence.doc_id])
    graph.add(node, kg_iri("startChar"), graph.integer[evidence.start])
    graph.add(node, kg_iri("endChar"), graph.integer[evidence.end])


def event_iri(event: Event) -> str:
    """`kgev:<hash>` of the event's document, trigger offsets and type: the same event, the same IRI."""
    return str(EVENT[digest(event.evidence.doc_id, event.start, event.end, event.type)])


def operation_iri(name: str) -> str:
    """`kgo:operation-sovereign-borders` for "Operation Sovereign Borders": one node per name, across articles."""
    return str(OPERATION[slug_or_hash(name)])


def _count_value(value: int | Decimal) -> Lit:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"a count's value is an int or a Decimal, not {value!r}")
    return literal(value)


def _add_count(graph, node: str, count: Count) -> None:
    graph.add(node, _TYPE, kg_iri("Count"))
    graph.add(node, kg_iri("value"), _count_value(count.value))
    graph.add(node, kg_iri("unit"), Lit(count.unit))
    if count.qualifier:
        graph.add(node, kg_iri("qualifier"), Lit(count.qualifier))


def _add_date(graph, node: str, event: Event) -> None:
    date = event.date
    if date is None:
        return
    if date.iso:
        graph.add(node, kg_iri("date"), date_literal(date.iso))
    if date.text:
        graph.add(node, kg_iri("dateText"), Lit(date.text))
    if date.is_document_date:
        graph.add(node, kg_iri("dateIsDocumentDate"), _TRUE)


def add_event(graph, resolved: ResolvedEvent) -> None:
    """The triples of one event: its node, its counts, and its agents' part in its named operation."""
    event = resolved.event
    if event.type not in event_types():
        raise ValueError(f"{event.evidence.doc_id}: unknown event type {event.type!r} "
                         f"(one of {', '.join(event_types())})")
    node = event_iri(event)
    graph.add(node, _TYPE, kg_iri(event.type))
    graph.add(node, kg_iri("trigger"), Lit(event.trigger))
    for predicate, keys in (("agent", resolved.agents), ("place", resolved.places),
                            ("participant", resolved.participants)):
        for key in keys:
            graph.add(node, kg_iri(predicate), graph.entity[key])
    for number, count in enumerate(event.counts, start=1):
        count_node = f"{node}-{number}"
        graph.add(node, kg_iri("count"), count_node)
        _add_count(graph, count_node, count)
    _add_date(graph, node, event)
    if event.operation:
        operation = operation_iri(event.operation)
        graph.add(node, kg_iri("partOfOperation"), operation)
        for key in resolved.agents:
            graph.add(graph.entity[key], kg_iri("participatesIn"), operation)
    graph.add(node, kg_iri("evidenceText"), Lit(event.evidence.sentence))
    graph.add(node, kg_iri("confidence"), graph.confidence[event.confidence])
    graph.add(node, kg_iri("extractedBy"), Lit(event.rule))
    add_evidence(graph, node, event.evidence)


def add_events(graph, events: Iterable[ResolvedEvent]) -> None:
    """Every event, the most confident one when two records share a document, trigger and type."""
    best: dict[str, ResolvedEvent] = {}
    for resolved in events:
        iri = event_iri(resolved.event)
        current = best.get(iri)
        if current is None or (resolved.event.confidence, current.event.rule) > (current.event.confidence,
                                                                                resolved.event.rule):
            best[iri] = resolved
    for resolved in best.values():
        add_event(graph, resolved)


def count_operation_forms(forms: dict[str, Counter], events: Iterable[ResolvedEvent]) -> None:
    """How often each spelling of each named operation's name is used, by operation IRI."""
    for resolved in events:
        if resolved.event.operation:
            forms[operation_iri(resolved.event.operation)][resolved.event.operation] += 1


def operation_triples(labels: dict[str, str]) -> list[Triple]:
    """The type and label of each named operation (label: its most frequent spelling)."""
    triples = []
    for iri, label in sorted(labels.items()):
        triples += [(iri, _TYPE, kg_iri("NamedOperation")), (iri, _LABEL, Lit(label))]
    return triples
