"""Check a kg graph against the SHACL shapes in `ontology/shapes.ttl`.

`validate()` wraps `pyshacl.validate` and turns its results graph into a
small, deterministic report: one readable line per result,
``"<focus node> - <path> - <message>"``, with terms shortened to the kg
prefixes (``kge:bulgaria - kg:isoCode - A country must have ...``).

Validation runs without inference (``inference="none"``): the shapes are
written for graphs that carry only each node's most specific class (see the
comment at the top of `ontology/shapes.ttl`).  It runs in pyshacl's advanced
mode, for the SHACL-AF SPARQL targets of the two evidence shapes and the
check that no place lies inside itself.  The
ontology is passed to pyshacl as ``ont_graph``, which mixes it into a copy of
the data graph; the caller's graph is never modified.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD, NamespaceManager
from rdflib.term import Node

from kg.config import ONTOLOGY_DIR
from kg.graph.vocab import DOC, ENTITY, KG, POSITION, QUOTE, STATEMENT

SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_PATH = ONTOLOGY_DIR / "kg.ttl"

# Prefixes used to shorten IRIs in the report lines.
_PREFIXES = {
    "kg": KG._NS,
    "kge": ENTITY,
    "kgd": DOC,
    "kgs": STATEMENT,
    "kgq": QUOTE,
    "kgp": POSITION,
    "rdf": RDF._NS,
    "rdfs": RDFS._NS,
    "owl": OWL._NS,
    "xsd": XSD._NS,
    "skos": SKOS._NS,
    "dcterms": DCTERMS._NS,
    "sh": SH._NS,
}

_MAX_LITERAL = 60  # characters of a literal value shown in a report line


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of `validate()`.

    `violations` holds one line per SHACL result, ``"focus - path - message"``
    (followed by ``(value: ...)`` when the offending value is not the focus
    node itself), de-duplicated and sorted, so equal graphs give equal reports.
    Results of a severity other than sh:Violation are prefixed with it, as in
    ``"[Warning] ..."``.
    """

    conforms: bool
    violations: list[str]

    def __str__(self) -> str:
        if self.conforms:
            return "The graph conforms to the shapes."
        count = len(self.violations)
        lines = [f"The graph does not conform to the shapes ({count} problem{'s' if count != 1 else ''}):"]
        lines.extend(f"  {line}" for line in self.violations)
        return "\n".join(lines)


def validate(
    data: Graph,
    shapes_path: Path | None = None,
    ontology_path: Path | None = None,
) -> ValidationReport:
    """Validate `data` against the shapes, with the ontology as pyshacl's ont_graph.

    `shapes_path` and `ontology_path` default to the repository's
    `ontology/shapes.ttl` and `ontology/kg.ttl`.  `data` is not modified.
    """
    shapes = _parse(shapes_path or SHAPES_PATH)
    ontology = _parse(ontology_path or ONTOLOGY_PATH)
    conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        advanced=True,  # for the sh:SPARQLTarget of the evidence shapes
    )
    namespaces = _namespaces()
    lines = {
        _describe(results, result, namespaces)
        for report in results.subjects(RDF.type, SH.ValidationReport)
        for result in results.objects(report, SH.result)
    }
    return ValidationReport(conforms=bool(conforms), violations=sorted(lines))


def _namespaces() -> NamespaceManager:
    namespaces = Graph(bind_namespaces="none").namespace_manager
    for prefix, namespace in _PREFIXES.items():
        namespaces.bind(prefix, namespace, override=True, replace=True)
    return namespaces


def _parse(path: str | os.PathLike[str]) -> Graph:
    return Graph().parse(Path(path), format="turtle")


def _describe(results: Graph, result: Node, namespaces: NamespaceManager) -> str:
    """One line for one sh:ValidationResult."""
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    severity = results.value(result, SH.resultSeverity)
    messages = sorted({str(m) for m in results.objects(result, SH.resultMessage)})

    line = " - ".join(
        (
            _render(focus, namespaces),
            _render_path(results, path, namespaces),
            "; ".join(messages) or "(no message)",
        )
    )
    if value is not None and value != focus:
        line += f" (value: {_render(value, namespaces)})"
    if severity is not None and severity != SH.Violation:
        line = f"[{_render(severity, namespaces).removeprefix('sh:')}] {line}"
    return line


def _render(term: Node | None, namespaces: NamespaceManager) -> str:
    if term is None:
        return "(none)"
    if isinstance(term, URIRef):
        try:
            return term.n3(namespaces)
        except Exception:  # noqa: BLE001  (rdflib raises a bare Exception for an invalid IRI)
            return f"<{term}>"
    if isinstance(term, BNode):
        return "(blank node)"  # labels differ between parses; keep lines stable
    if isinstance(term, Literal):
        text = str(term)
        if len(text) > _MAX_LITERAL:
            text = text[: _MAX_LITERAL - 3] + "..."
        shown = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
        if term.language:
            return f"{shown}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{shown}^^{term.datatype.n3(namespaces)}"
        return shown
    return str(term)


def _render_path(results: Graph, path: Node | None, namespaces: NamespaceManager) -> str:
    if path is None:
        return "(node)"  # a constraint on the focus node itself
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        if isinstance(inverse, URIRef):
            return "^" + _render(inverse, namespaces)
        return "(complex path)"
    return _render(path, namespaces)
