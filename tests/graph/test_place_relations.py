"""kg:basedIn, kg:locatedIn and kg:inCountry: vocabulary, ontology axioms, triples from records, SHACL and OWL RL.

The records come from tests/place_records.py (the seeds state none of these relations).
"""

from __future__ import annotations

from decimal import Decimal

import owlrl
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.config import REPO_ROOT
from kg.export.rdf_files import serialize_all
from kg.graph.build import PREFIX_IRIS, build_graph
from kg.graph.validate import validate
from kg.graph.vocab import ENTITY as KGE
from kg.graph.vocab import KG, RELATIONS, SYMMETRIC_RELATIONS
from place_records import TEXT, places_resolution, places_triples

ONTOLOGY_TTL = REPO_ROOT / "ontology" / "kg.ttl"
VALID_GRAPH_TTL = REPO_ROOT / "tests" / "data" / "valid_graph.ttl"
SCHEMA = Namespace("https://schema.org/")
OWLRL_ERROR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
PREFIXES = "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIX_IRIS.items()) + "\n"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def places_graph() -> Graph:
    return build_graph(places_resolution())


def valid_and_places() -> Graph:
    """The hand-written valid graph of the seeds plus the places' graph: one conforming graph."""
    graph = Graph().parse(VALID_GRAPH_TTL, format="turtle")
    for triple in places_graph():
        graph.add(triple)
    return graph


# --- vocabulary and ontology ----------------------------------------------------

def test_place_relations_are_relations_and_none_is_symmetric():
    assert {"basedIn", "locatedIn", "inCountry"} <= set(RELATIONS)
    assert not {"basedIn", "locatedIn", "inCountry"} & SYMMETRIC_RELATIONS


@pytest.mark.parametrize(("prop", "domain", "range_", "parent"), [
    (KG.basedIn, KG.Organisation, KG.Location, SCHEMA.location),
    (KG.locatedIn, KG.Location, KG.Location, SCHEMA.containedInPlace),
    (KG.inCountry, KG.Location, KG.Country, KG.locatedIn),  # a reasoner still infers locatedIn
])
def test_declared_with_domain_range_and_alignment(ontology, prop, domain, range_, parent):
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert ontology.value(prop, RDFS.domain) == domain  # Agency and Country are subclasses
    assert ontology.value(prop, RDFS.range) == range_
    assert (prop, RDFS.subPropertyOf, parent) in ontology


def test_only_located_in_is_transitive(ontology):
    assert (KG.locatedIn, RDF.type, OWL.TransitiveProperty) in ontology
    assert (KG.basedIn, RDF.type, OWL.TransitiveProperty) not in ontology
    assert (KG.inCountry, RDF.type, OWL.TransitiveProperty) not in ontology


# --- from records to triples and Turtle -------------------------------------------

def test_each_relation_is_a_direct_triple_with_a_statement_holding_its_evidence():
    graph = places_graph()
    for s, p, o in [(KGE.frontex, KG.basedIn, KGE.warsaw), (KGE.calais, KG.locatedIn, KGE["hauts-de-france"]),
                    (KGE.svilengrad, KG.inCountry, KGE.bulgaria)]:
        assert (s, p, o) in graph
        assert (o, p, s) not in graph  # not symmetric: one direction only
        [statement] = [st for st in graph.subjects(RDF.subject, s)
                       if graph.value(st, RDF.predicate) == p and graph.value(st, RDF.object) == o]
        assert (statement, RDF.type, KG.Statement) in graph
        start, end = graph.value(statement, KG.startChar).toPython(), graph.value(statement, KG.endChar).toPython()
        assert TEXT[start:end] == str(graph.value(statement, KG.evidenceText))
    # containment as stated, not its transitive closure: that is a reasoner's or a query's job
    assert (KGE.calais, KG.locatedIn, KGE.france) not in graph


def test_the_gazetteer_link_is_in_country_with_the_town_sentence_and_its_rule():
    graph = places_graph()
    assert (KGE.svilengrad, KG.locatedIn, KGE.bulgaria) not in graph  # not what the text states
    [statement] = [st for st in graph.subjects(RDF.subject, KGE.svilengrad)
                   if graph.value(st, RDF.predicate) == KG.inCountry]
    assert str(graph.value(statement, KG.extractedBy)) == "inCountry-geonames"
    assert graph.value(statement, KG.confidence).toPython() == Decimal("0.5")
    sentence = str(graph.value(statement, KG.evidenceText))
    assert "Svilengrad" in sentence and "Bulgaria" not in sentence  # where the town is named, not a statement of where


def test_turtle_writes_them_with_the_kg_prefix():
    files, _ = serialize_all(places_triples(), ["turtle", "nt"], PREFIX_IRIS)
    turtle = files["turtle"].decode("utf-8")
    assert "kg:basedIn kge:warsaw" in turtle and "kg:locatedIn kge:poland" in turtle
    assert "rdf:predicate kg:locatedIn" in turtle
    assert "kg:inCountry kge:bulgaria" in turtle and "rdf:predicate kg:inCountry" in turtle
    assert set(Graph().parse(data=turtle, format="turtle")) == set(places_graph())
    assert set(Graph().parse(data=files["nt"].decode("utf-8"), format="nt")) == set(places_graph())


# --- SHACL -------------------------------------------------------------------------

def test_valid_statements_conform():
    assert validate(places_graph()).violations == []
    assert validate(valid_and_places()).violations == []


def changed(update: str) -> Graph:
    graph = valid_and_places()
    before = set(graph)
    graph.update(PREFIXES + update)
    assert set(graph) != before, "the update changed nothing"
    return graph


def moved(predicate: str, old_subject: str, new_subject: str | None = None, old_object: str | None = None,
          new_object: str | None = None) -> str:
    """A SPARQL update that moves one relation (and its statement) to another subject or object."""
    s, o = new_subject or old_subject, new_object or old_object
    return (f"DELETE {{ {old_subject} {predicate} {old_object} . ?st rdf:subject {old_subject} ; rdf:object {old_object} }} "
            f"INSERT {{ {s} {predicate} {o} . ?st rdf:subject {s} ; rdf:object {o} }} "
            f"WHERE {{ ?st rdf:subject {old_subject} ; rdf:predicate {predicate} ; rdf:object {old_object} }}")


# (id, update, expected violation line start, message fragment)
REJECTED = [
    ("country-based-in-a-town", moved("kg:basedIn", "kge:frontex", "kge:poland", "kge:warsaw"),
     "kge:poland - (node) - ", "Only an organisation or agency can be kg:basedIn a place."),
    ("person-based-in-a-town", moved("kg:basedIn", "kge:frontex", "kge:rob-jones", "kge:warsaw"),
     "kge:rob-jones - (node) - ", "Only an organisation or agency can be kg:basedIn a place."),
    ("based-in-an-agency", moved("kg:basedIn", "kge:frontex", None, "kge:warsaw", "kge:europol"),
     "kge:frontex - kg:basedIn - ", "kg:basedIn must point at a kg:Location or kg:Country. (value: kge:europol)"),
    ("agency-located-in-a-country", moved("kg:locatedIn", "kge:warsaw", "kge:frontex", "kge:poland"),
     "kge:frontex - (node) - ", "Only a kg:Location or kg:Country can be kg:locatedIn another place."),
    ("located-in-a-person", moved("kg:locatedIn", "kge:warsaw", None, "kge:poland", "kge:yvette-cooper"),
     "kge:warsaw - kg:locatedIn - ", "kg:locatedIn must point at a kg:Location or kg:Country."),
    ("located-in-without-statement", "DELETE WHERE { ?st rdf:subject kge:warsaw ; ?p ?o }",
     "kge:warsaw - kg:locatedIn - ", "This relation triple has no kg:Statement holding its evidence."),
    ("based-in-not-asserted", "DELETE DATA { kge:frontex kg:basedIn kge:warsaw }",
     "kgs:", "is not asserted in the graph"),
    ("place-inside-itself", moved("kg:locatedIn", "kge:warsaw", "kge:france", "kge:poland", "kge:calais"),
     "kge:calais - kg:locatedIn - ", "This place lies inside itself: its kg:locatedIn and kg:inCountry links form a cycle."),
    ("in-country-a-town", moved("kg:inCountry", "kge:svilengrad", None, "kge:bulgaria", "kge:warsaw"),
     "kge:svilengrad - kg:inCountry - ", "kg:inCountry must point at a kg:Country. (value: kge:warsaw)"),
    ("in-country-a-region", moved("kg:inCountry", "kge:svilengrad", None, "kge:bulgaria", "kge:hauts-de-france"),
     "kge:svilengrad - kg:inCountry - ", "kg:inCountry must point at a kg:Country."),
    ("agency-in-a-country", moved("kg:inCountry", "kge:svilengrad", "kge:europol", "kge:bulgaria"),
     "kge:europol - (node) - ", "Only a kg:Location or kg:Country can be kg:inCountry a country."),
    ("in-country-without-statement", "DELETE WHERE { ?st rdf:subject kge:sofia ; ?p ?o }",
     "kge:sofia - kg:inCountry - ", "This relation triple has no kg:Statement holding its evidence."),
    ("country-inside-its-town", moved("kg:locatedIn", "kge:kapitan-andreevo", "kge:bulgaria", "kge:svilengrad"),
     "kge:svilengrad - kg:inCountry - ", "lies inside itself"),  # Svilengrad in Bulgaria by GeoNames, Bulgaria in it
    ("place-directly-inside-itself", moved("kg:locatedIn", "kge:warsaw", None, "kge:poland", "kge:warsaw"),
     "kge:warsaw - kg:locatedIn - ", "lies inside itself"),
]


@pytest.mark.parametrize(("update", "start", "fragment"), [r[1:] for r in REJECTED], ids=[r[0] for r in REJECTED])
def test_wrong_domain_range_or_evidence_is_rejected(update, start, fragment):
    violations = validate(changed(update)).violations
    assert any(line.startswith(start) and fragment in line for line in violations), violations


def test_a_cycle_names_every_place_on_it():
    graph = changed(moved("kg:locatedIn", "kge:warsaw", "kge:france", "kge:poland", "kge:calais"))
    cycle = [line for line in validate(graph).violations if "lies inside itself" in line]
    assert [line.split(" - ")[0] for line in cycle] == ["kge:calais", "kge:france", "kge:hauts-de-france"]


ACCEPTED = [
    ("agency-based-in-a-country", moved("kg:basedIn", "kge:frontex", None, "kge:warsaw", "kge:poland")),
    ("organisation-based-in-a-town", "DELETE { kge:frontex a kg:Agency } INSERT { kge:frontex a kg:Organisation } "
                                     "WHERE { kge:frontex a kg:Agency }"),
    ("country-located-in-a-continent", moved("kg:locatedIn", "kge:warsaw", "kge:poland", "kge:poland", "kge:europe")),
    ("two-seats", "INSERT { kge:frontex kg:basedIn kge:calais . ?new a kg:Statement ; rdf:subject kge:frontex ; "
                  "rdf:predicate kg:basedIn ; rdf:object kge:calais ; kg:evidenceText 'Frontex opened an office.' ; "
                  "kg:startChar 0 ; kg:endChar 25 ; kg:confidence 0.5 ; kg:extractedBy 'test' ; kg:source kgd:places } "
                  "WHERE { BIND (kgs:c0ffee AS ?new) }"),
]


@pytest.mark.parametrize("update", [a[1] for a in ACCEPTED], ids=[a[0] for a in ACCEPTED])
def test_acceptable_variants_conform(update):
    assert validate(changed(update)).violations == []


# --- OWL RL reasoning ----------------------------------------------------------------

def closure(ontology: Graph, data: Graph) -> Graph:
    graph = Graph()
    for triple in (*ontology, *data):
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


@pytest.fixture(scope="module")
def reasoned(ontology) -> Graph:
    return closure(ontology, places_graph())


def test_reasoning_finds_no_inconsistency(reasoned):
    assert list(reasoned.objects(None, OWLRL_ERROR.error)) == []
    assert list(reasoned.subjects(RDF.type, OWL.Nothing)) == []


@pytest.mark.parametrize("triple", [
    (KGE.calais, KG.locatedIn, KGE.france),                    # transitive
    (KGE.svilengrad, KG.locatedIn, KGE.bulgaria),              # inCountry is a kind of locatedIn
    (KGE["kapitan-andreevo"], KG.locatedIn, KGE.bulgaria),     # ... and chains with it
    (KGE.sofia, SCHEMA.containedInPlace, KGE.bulgaria),
    (KGE.calais, SCHEMA.containedInPlace, KGE["hauts-de-france"]),
    (KGE.frontex, SCHEMA.location, KGE.warsaw),
    (KGE.warsaw, RDF.type, KG.Location),
    (KGE.poland, RDF.type, KG.Location),
])
def test_reasoning_infers(reasoned, triple):
    assert triple in reasoned


def test_seats_are_not_inherited_by_containment(reasoned):
    # basedIn is not transitive: Frontex is based in Warsaw, not "based in" Poland
    assert (KGE.frontex, KG.basedIn, KGE.poland) not in reasoned


def test_reasoning_detects_an_agency_used_as_a_place(ontology):
    graph = places_graph()
    graph.add((KGE.warsaw, KG.locatedIn, KGE["border-force"]))  # the range makes Border Force a Location
    assert list(closure(ontology, graph).objects(None, OWLRL_ERROR.error))


def test_the_places_graph_uses_no_blank_nodes_or_foreign_entities():
    graph = places_graph()
    entities = {s for s in graph.subjects(RDF.type, None) if str(s).startswith(str(KGE))}
    assert entities == {URIRef(KGE[key]) for key in places_resolution().entities}
