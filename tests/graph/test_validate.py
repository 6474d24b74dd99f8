"""kg.graph.validate.validate(): pyshacl wrapped into a small, stable report."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from kg.graph.validate import ONTOLOGY_PATH, SHAPES_PATH, ValidationReport, validate
from kg.graph.vocab import KG, STATEMENT

ROOT = Path(__file__).resolve().parents[2]
VALID_GRAPH_TTL = ROOT / "tests" / "data" / "valid_graph.ttl"
KGE = Namespace("https://kg.example.org/entity/")
LINE = re.compile(r"^(\[\w+\] )?\S+ - \S+ - [^\n]+$")


def valid_graph() -> Graph:
    return Graph().parse(VALID_GRAPH_TTL, format="turtle")


def test_default_paths_are_the_repository_files() -> None:
    assert SHAPES_PATH == ROOT / "ontology" / "shapes.ttl"
    assert ONTOLOGY_PATH == ROOT / "ontology" / "kg.ttl"
    assert SHAPES_PATH.is_file() and ONTOLOGY_PATH.is_file()


def test_valid_graph_conforms() -> None:
    report = validate(valid_graph())
    assert report == ValidationReport(conforms=True, violations=[])
    assert str(report) == "The graph conforms to the shapes."


def test_report_is_frozen() -> None:
    report = validate(valid_graph())
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.conforms = False  # type: ignore[misc]


def test_data_graph_is_not_modified() -> None:
    data = valid_graph()
    data.remove((KGE.bulgaria, KG.isoCode, None))
    before = set(data)
    validate(data)
    assert set(data) == before


def test_missing_iso_code() -> None:
    data = valid_graph()
    data.remove((KGE.bulgaria, KG.isoCode, None))
    report = validate(data)
    assert not report.conforms
    assert report.violations == [
        ("kge:bulgaria - kg:isoCode - A country must have exactly one kg:isoCode: its ISO 3166-1 alpha-2 code,"
         ' two upper-case letters such as "BG".')
    ]


def test_value_is_shown_when_it_is_not_the_focus_node() -> None:
    data = valid_graph()
    statement = STATEMENT["9289d4d5cdea"]  # Rob Jones is a member of the NCA
    data.remove((KGE["rob-jones"], KG.memberOf, KGE["national-crime-agency"]))
    data.add((KGE["rob-jones"], KG.memberOf, KGE.bulgaria))
    data.set((statement, RDF.object, KGE.bulgaria))
    assert validate(data).violations == [
        "kge:rob-jones - kg:memberOf - kg:memberOf must point at a kg:Organisation or kg:Agency. (value: kge:bulgaria)"
    ]


def test_node_constraints_and_literals_are_readable() -> None:
    data = valid_graph()
    data.add((KGE.europe, KG.criticises, KGE.austria))  # a place cannot criticise, and there is no statement
    data.set((STATEMENT["0636c6bc90b5"], KG.confidence, Literal(0.8)))  # a float: xsd:double, not xsd:decimal
    data.set((KGE.austria, KG.isoCode, Literal("BG")))  # two countries, one code
    assert validate(data).violations == [
        '"BG" - ^kg:isoCode - Two or more countries share this kg:isoCode; they should be one entity.',
        "kge:europe - (node) - Only a person, organisation, agency or country can have kg:supports or kg:criticises.",
        ("kge:europe - kg:criticises - This relation triple has no kg:Statement holding its evidence."
         " (value: kge:austria)"),
        ("kgs:0636c6bc90b5 - kg:confidence - A statement must have exactly one kg:confidence:"
         ' an xsd:decimal (not an xsd:double) from 0 to 1. (value: "0.8"^^xsd:double)'),
    ]


def test_violations_are_sorted_one_line_and_deterministic() -> None:
    def broken() -> Graph:
        data = valid_graph()
        data.remove((None, KG.evidenceText, None))
        data.remove((None, KG.speaker, None))
        data.remove((KGE.europol, KG.mentionedIn, None))
        data.add((KGE["Not_A_Slug"], RDF.type, KG.Location))
        return data

    first, second = validate(broken()), validate(broken())
    assert first == second
    assert not first.conforms
    assert first.violations == sorted(set(first.violations))
    assert len(first.violations) == 9 + 2 + 1 + 3  # statements, quotes, Europol, the new node
    for line in first.violations:
        assert LINE.match(line), line
    text = str(first)
    assert text.splitlines()[0] == "The graph does not conform to the shapes (15 problems):"


def test_long_and_multiline_literals_are_shortened() -> None:
    data = valid_graph()
    data.add((KGE.europol, RDFS.label, Literal("A second label\nover two lines, and long enough to be cut short")))
    [line] = validate(data).violations
    assert line.startswith("kge:europol - rdfs:label - An entity must have exactly one rdfs:label")
    assert "\n" not in line


def test_blank_nodes_and_bad_iris_do_not_break_the_report() -> None:
    data = valid_graph()
    data.add((BNode(), RDF.type, KG.Quote))
    data.add((URIRef("https://kg.example.org/entity/has space"), RDF.type, KG.Person))
    report = validate(data)
    assert not report.conforms
    assert "(blank node) - kg:speaker - A quotation must have exactly one kg:speaker:" \
        " a person, organisation, agency or country." in report.violations
    assert any(line.startswith("<https://kg.example.org/entity/has space> - (node) - ") for line in report.violations)


def test_custom_shapes(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix kg: <https://kg.example.org/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        [] a sh:NodeShape ;
            sh:targetClass kg:Person ;
            sh:property [ sh:path skos:altLabel ; sh:minCount 1 ; sh:severity sh:Warning ;
                          sh:message "A person should have an alias." ] .
        """,
        encoding="utf-8",
    )
    report = validate(valid_graph(), shapes_path=shapes)
    assert report.violations == ["[Warning] kge:rob-jones - skos:altLabel - A person should have an alias."]


def test_ontology_is_loaded_for_subclasses(tmp_path: Path) -> None:
    """A subclass added to the ontology is understood before the shapes name it."""
    ontology = tmp_path / "kg.ttl"
    ontology.write_text(
        ONTOLOGY_PATH.read_text(encoding="utf-8")
        + "\nkg:Ministry a owl:Class ; rdfs:subClassOf kg:Agency .\n",
        encoding="utf-8",
    )
    data = valid_graph()
    ministry = URIRef("https://kg.example.org/ontology#Ministry")  # not in the vocab, on purpose
    data.remove((KGE["national-crime-agency"], RDF.type, KG.Agency))
    data.add((KGE["national-crime-agency"], RDF.type, ministry))

    # with it, a ministry is an agency, so Rob Jones may be a member of one ...
    assert validate(data, ontology_path=ontology).conforms
    # ... and it is still checked as an entity
    data.remove((KGE["national-crime-agency"], KG.mentionedIn, None))
    assert validate(data, ontology_path=ontology).violations == [
        ("kge:national-crime-agency - kg:mentionedIn - An entity must be kg:mentionedIn at least one kg:Document,"
         " and only in documents.")
    ]
    # without it, the unknown class is no organisation at all
    assert any("must point at a kg:Organisation or kg:Agency" in line for line in validate(data).violations)
