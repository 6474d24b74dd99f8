"""Plain RDF terms: an IRI is a `str`, a literal a `Lit` tuple.

rdflib's URIRef and Literal hash and compare in Python code and its memory
store keeps three indexes, so putting a corpus graph of 350,000 triples into an
rdflib Graph takes seconds. The builder and the writers of `kg.export.writers`
work on plain tuples instead (hashed and compared in C), and make rdflib terms
only once per distinct term, where rdflib's own formatting is wanted.
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD


class Lit(NamedTuple):
    """A literal: its lexical form, and a datatype IRI or a language tag (never both)."""

    lexical: str
    datatype: str | None = None
    language: str | None = None


Term = str | Lit
Triple = tuple[str, str, Term]

_DECIMAL = str(XSD.decimal)
_TYPE = str(RDF.type)


def literal(value: str | int | Decimal) -> Lit:
    """The literal rdflib makes of a Python string, integer or decimal (`Literal(value)`)."""
    if isinstance(value, str):
        return Lit(value)
    if isinstance(value, Decimal):
        return Lit(str(Literal(value, datatype=XSD.decimal)), _DECIMAL)
    return from_rdflib(Literal(value))


_DATE_TYPES = {4: str(XSD.gYear), 7: str(XSD.gYearMonth), 10: str(XSD.date)}


def date_literal(iso: str) -> Lit:
    """An ISO 8601 day, month or year as an xsd:date, xsd:gYearMonth or xsd:gYear literal."""
    return Lit(iso, _DATE_TYPES[len(iso)])


def from_rdflib(node) -> Term:
    """The plain term of an rdflib IRI or literal.

    Raises:
        TypeError: a blank node or another kind of term (plain triples have none).
    """
    if type(node) is URIRef:
        return str(node)
    if type(node) is Literal:
        return Lit(str(node), node.datatype and str(node.datatype), node.language)
    raise TypeError(f"not an IRI or a literal: {node!r}")


def to_rdflib(term: Term) -> URIRef | Literal:
    """The rdflib term of a plain term (the lexical form kept as it is)."""
    if type(term) is str:
        return URIRef(term)
    return Literal(term.lexical, lang=term.language, datatype=term.datatype and URIRef(term.datatype),
                   normalize=False)


def plain_triples(graph: Graph) -> list[Triple] | None:
    """The triples of an rdflib graph as plain terms; None when a term is not an IRI or a literal (a blank node)."""
    triples = []
    for s, p, o in graph:
        if type(s) is not URIRef or type(p) is not URIRef or type(o) not in (URIRef, Literal):
            return None
        triples.append((str(s), str(p), from_rdflib(o)))
    return triples


def rdflib_graph(triples: Iterable[Triple], prefixes: dict[str, str]) -> Graph:
    """An rdflib Graph of plain triples, with `prefixes` bound (and no others)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace)
    iris: dict[str, URIRef] = {}
    for s, p, o in triples:
        s_node = iris.get(s) or iris.setdefault(s, URIRef(s))
        p_node = iris.get(p) or iris.setdefault(p, URIRef(p))
        graph.add((s_node, p_node, URIRef(o) if type(o) is str else to_rdflib(o)))
    return graph


class TripleIndex:
    """Plain triples by subject and predicate, and subjects by type."""

    def __init__(self, triples: Iterable[Triple]):
        self.properties: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.of_type: dict[str, list[str]] = defaultdict(list)
        for s, p, o in triples:
            self.properties[s][p].append(o)
            if p == _TYPE:
                self.of_type[o].append(s)

    def objects(self, subject: str, predicate: str) -> list[Term]:
        properties = self.properties.get(subject)
        return properties.get(predicate, []) if properties else []

    def value(self, subject: str, predicate: str) -> str | None:
        """One object of the subject's predicate (its IRI or lexical form), None when there is none."""
        objects = self.objects(subject, predicate)
        if not objects:
            return None
        term = min(objects)
        return term if type(term) is str else term.lexical
