"""The ontology (ontology/kg.ttl) and the SHACL shapes (ontology/shapes.ttl).

(a) every term of kg.graph.vocab.KG is declared, with the right kind, and
    nothing else is declared in the kg: namespace;
(b) the ontology parses, is aligned as documented, and OWL RL reasoning over
    it and a small data graph gives the expected inferences;
(c) the shapes accept tests/data/valid_graph.ttl and reject broken variants of
    it with a useful message, with or without the ontology loaded.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import owlrl
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.graph.vocab import DOC, KG, QUOTE, RELATIONS, STATEMENT, SYMMETRIC_RELATIONS

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_TTL = ROOT / "ontology" / "kg.ttl"
SHAPES_TTL = ROOT / "ontology" / "shapes.ttl"
VALID_GRAPH_TTL = ROOT / "tests" / "data" / "valid_graph.ttl"
SEEDS = ROOT / "seeds"
RAPPER = Path("/usr/bin/rapper")

ONTOLOGY_IRI = URIRef("https://kg.example.org/ontology")
KG_NS = str(KG._NS)
KGE = Namespace("https://kg.example.org/entity/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
PROV = Namespace("http://www.w3.org/ns/prov#")
# a plain Namespace: rdflib's XSD warns when pytest probes module attributes
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
# where owlrl writes the inconsistencies it finds
OWLRL_ERROR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

PREFIXES = """
@prefix kg:      <https://kg.example.org/ontology#> .
@prefix kge:     <https://kg.example.org/entity/> .
@prefix kgd:     <https://kg.example.org/doc/> .
@prefix kgs:     <https://kg.example.org/statement/> .
@prefix kgq:     <https://kg.example.org/quote/> .
@prefix kgp:     <https://kg.example.org/position/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

VOCAB_TERMS = sorted(name for name in KG.__annotations__ if not name.startswith("_"))
DATATYPE_PROPERTIES = {
    "text",
    "evidenceText",
    "startChar",
    "endChar",
    "confidence",
    "extractedBy",
    "sourceFile",
    "parsedWith",
    "isoCode",
    "date",
    "dateText",
    "dateIsDocumentDate",
    "trigger",
    "value",
    "unit",
    "qualifier",
}
ENTITY_CLASSES = {"Person", "Organisation", "Agency", "Location", "Country"}
# An evaluation script maps classes to entity types by local name through
# rdfs:subClassOf, so non-entity classes must never reach one of these.
ENTITY_LIKE_NAMES = ENTITY_CLASSES | {"Organization", "Place"}
NON_ENTITY_CLASSES = ("Document", "Quote", "Position", "Statement")
# Relations the seed articles never state, so the valid graph (whose evidence
# is slices of the seeds) has none: tests/graph/test_place_relations.py checks
# them on records built in tests/place_records.py.
NOT_IN_THE_SEEDS = {"basedIn", "locatedIn", "inCountry"}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_TTL, format="turtle")


def valid_graph() -> Graph:
    return Graph().parse(VALID_GRAPH_TTL, format="turtle")


def local_name(iri: URIRef) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def superclasses(ontology: Graph, cls: URIRef) -> set[URIRef]:
    """Named superclasses of `cls` in the ontology, transitively (not `cls` itself)."""
    found = set(ontology.transitive_objects(cls, RDFS.subClassOf)) - {cls}
    return {c for c in found if isinstance(c, URIRef)}


def kg_subclasses(ontology: Graph, cls: URIRef) -> set[URIRef]:
    """kg: classes below `cls`, transitively (not `cls` itself)."""
    return set(ontology.transitive_subjects(RDFS.subClassOf, cls)) - {cls}


# --------------------------------------------------------------------------
# (a) the vocabulary and the ontology declare the same terms
# --------------------------------------------------------------------------


def test_vocab_lists_terms() -> None:
    assert VOCAB_TERMS, "KG's annotations list no terms"
    assert DATATYPE_PROPERTIES <= set(VOCAB_TERMS)
    assert set(RELATIONS) <= set(VOCAB_TERMS)


@pytest.mark.parametrize("name", VOCAB_TERMS)
def test_vocab_term_is_declared(ontology: Graph, name: str) -> None:
    term = getattr(KG, name)
    kinds = set(ontology.objects(term, RDF.type)) & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    if name[0].isupper():
        expected = OWL.Class
    elif name in DATATYPE_PROPERTIES:
        expected = OWL.DatatypeProperty
    else:
        expected = OWL.ObjectProperty
    assert kinds == {expected}, f"kg:{name} should be declared exactly as {expected.n3()}"


@pytest.mark.parametrize("name", VOCAB_TERMS)
def test_vocab_term_is_documented(ontology: Graph, name: str) -> None:
    term = getattr(KG, name)
    for predicate in (RDFS.label, RDFS.comment):
        values = list(ontology.objects(term, predicate))
        assert len(values) == 1, f"kg:{name} needs exactly one {predicate.n3()}"
        assert isinstance(values[0], Literal) and (values[0].language or "").lower() == "en-gb"
        assert str(values[0]).strip()


def test_no_term_is_declared_outside_the_vocab(ontology: Graph) -> None:
    declared = {
        local_name(s)
        for s in ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }
    assert declared == set(VOCAB_TERMS)


def test_labels_and_comments_use_british_spelling(ontology: Graph) -> None:
    american = re.compile(r"\b\w*(?:iz(?:e|es|ed|ing|ation|ations)|(?<!\w)center|(?<!\w)behavior)\b", re.IGNORECASE)
    allowed = {"size", "sizes", "seize", "seized", "seizes", "prize", "capsize"}
    for term in ontology.subjects(RDF.type, None):
        for text in (*ontology.objects(term, RDFS.label), *ontology.objects(term, RDFS.comment)):
            words = {w.lower() for w in american.findall(str(text))} - allowed
            assert not words, f"{term}: American spelling {words}"


# --------------------------------------------------------------------------
# (b) structure, alignment and reasoning
# --------------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")) == Literal(KG_NS)


def test_class_hierarchy(ontology: Graph) -> None:
    assert (KG.Agency, RDFS.subClassOf, KG.Organisation) in ontology
    assert (KG.Country, RDFS.subClassOf, KG.Location) in ontology
    assert (KG.Statement, RDFS.subClassOf, RDF.Statement) in ontology
    assert (KG.cooperatesWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (KG.locatedIn, RDF.type, OWL.TransitiveProperty) in ontology


@pytest.mark.parametrize(
    ("term", "predicate", "target"),
    [
        (KG.Person, RDFS.subClassOf, SCHEMA.Person),
        (KG.Person, RDFS.subClassOf, FOAF.Person),
        (KG.Organisation, RDFS.subClassOf, SCHEMA.Organization),
        (KG.Organisation, RDFS.subClassOf, ORG.Organization),
        (KG.Organisation, RDFS.subClassOf, FOAF.Organization),
        (KG.Agency, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
        (KG.Location, RDFS.subClassOf, SCHEMA.Place),
        (KG.Country, RDFS.subClassOf, SCHEMA.Country),
        (KG.Position, RDFS.subClassOf, ORG.Post),
        (KG.Document, RDFS.subClassOf, SCHEMA.NewsArticle),
        (KG.Document, RDFS.subClassOf, FOAF.Document),
        (KG.Quote, RDFS.subClassOf, SCHEMA.Quotation),
        (KG.Quote, RDFS.subClassOf, PROV.Entity),
        (KG.memberOf, RDFS.subPropertyOf, ORG.memberOf),
        (KG.memberOf, RDFS.subPropertyOf, SCHEMA.memberOf),
        (KG.holdsPosition, RDFS.subPropertyOf, ORG.holds),
        (KG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo),
        (KG.source, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (KG.text, RDFS.subPropertyOf, SCHEMA.text),
        (KG.mentionedIn, OWL.inverseOf, SCHEMA.mentions),
        (KG.basedIn, RDFS.subPropertyOf, SCHEMA.location),
        (KG.locatedIn, RDFS.subPropertyOf, SCHEMA.containedInPlace),
    ],
)
def test_alignment(ontology: Graph, term: URIRef, predicate: URIRef, target: URIRef) -> None:
    assert (term, predicate, target) in ontology


@pytest.mark.parametrize(
    ("prop", "datatype"),
    [
        (KG.startChar, XSD.integer),
        (KG.endChar, XSD.integer),
        (KG.confidence, XSD.decimal),
        (KG.text, XSD.string),
        (KG.evidenceText, XSD.string),
        (KG.extractedBy, XSD.string),
        (KG.sourceFile, XSD.string),
        (KG.parsedWith, XSD.string),
        (KG.isoCode, XSD.string),
    ],
)
def test_datatype_ranges(ontology: Graph, prop: URIRef, datatype: URIRef) -> None:
    assert ontology.value(prop, RDFS.range) == datatype


def test_only_the_entity_classes_have_entity_like_names(ontology: Graph) -> None:
    kg_classes = {local_name(c) for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(KG_NS)}
    assert kg_classes & ENTITY_LIKE_NAMES == ENTITY_CLASSES
    # external classes are referenced, never declared here
    declared = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    assert all(str(c).startswith(KG_NS) for c in declared)


@pytest.mark.parametrize("name", NON_ENTITY_CLASSES)
def test_non_entity_classes_have_no_entity_like_superclass(ontology: Graph, name: str) -> None:
    names = {local_name(c) for c in superclasses(ontology, getattr(KG, name))}
    assert not names & ENTITY_LIKE_NAMES


def test_no_equivalent_classes(ontology: Graph) -> None:
    assert not list(ontology.triples((None, OWL.equivalentClass, None)))


def test_domains_and_ranges_use_declared_classes(ontology: Graph) -> None:
    def named_classes(node) -> Iterator[URIRef]:
        if isinstance(node, URIRef):
            yield node
        else:
            union = ontology.value(node, OWL.unionOf)
            assert union is not None, "anonymous domains and ranges are unions"
            yield from Collection(ontology, union)

    for predicate in (RDFS.domain, RDFS.range):
        for prop, cls in ontology.subject_objects(predicate):
            for named in named_classes(cls):
                if str(named).startswith(KG_NS):
                    assert (named, RDF.type, OWL.Class) in ontology, f"{prop} {predicate}: {named}"
                else:
                    assert str(named).startswith(str(XSD)), f"{prop} {predicate}: {named}"


REASONING_DATA = (
    PREFIXES
    + """
kgd:doc a kg:Document ;
    dcterms:title "A title" ;
    kg:sourceFile "doc.txt" .

kge:national-crime-agency a kg:Agency ;
    rdfs:label "National Crime Agency" ;
    kg:mentionedIn kgd:doc .
kge:bulgaria a kg:Country ;
    rdfs:label "Bulgaria" ;
    kg:isoCode "BG" ;
    kg:mentionedIn kgd:doc .
kge:austria a kg:Country ;
    rdfs:label "Austria" ;
    kg:isoCode "AT" ;
    kg:mentionedIn kgd:doc .
kge:yvette-cooper a kg:Person ;
    rdfs:label "Yvette Cooper" ;
    kg:holdsPosition kgp:home-secretary ;
    kg:memberOf kge:home-office ;
    kg:mentionedIn kgd:doc .
kge:home-office a kg:Agency ;
    rdfs:label "Home Office" ;
    kg:mentionedIn kgd:doc .
kgp:home-secretary a kg:Position ;
    rdfs:label "Home Secretary" .

kge:national-crime-agency kg:cooperatesWith kge:bulgaria .

kgs:1 a kg:Statement ;
    rdf:subject kge:national-crime-agency ;
    rdf:predicate kg:cooperatesWith ;
    rdf:object kge:bulgaria ;
    kg:evidenceText "The NCA has closely co-operated with Bulgarian authorities." ;
    kg:startChar 0 ; kg:endChar 58 ;
    kg:confidence 0.8 ;
    kg:extractedBy "cooperation-verb-cue" ;
    kg:source kgd:doc .

kgq:1 a kg:Quote ;
    kg:speaker kge:yvette-cooper ;
    kg:text "But there is work to do" ;
    kg:startChar 60 ; kg:endChar 83 ;
    kg:source kgd:doc .
"""
)


def owl_rl_closure(*graphs: Graph) -> Graph:
    closure = Graph()
    for graph in graphs:
        closure += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    return closure


@pytest.fixture(scope="module")
def closure(ontology: Graph) -> Graph:
    return owl_rl_closure(ontology, Graph().parse(data=REASONING_DATA, format="turtle"))


def test_reasoning_finds_no_inconsistency(closure: Graph) -> None:
    assert list(closure.objects(None, OWLRL_ERROR.error)) == []


@pytest.mark.parametrize(
    ("node", "cls"),
    [
        (KGE["national-crime-agency"], KG.Organisation),
        (KGE["national-crime-agency"], SCHEMA.Organization),
        (KGE["national-crime-agency"], SCHEMA.GovernmentOrganization),
        (KGE["national-crime-agency"], ORG.Organization),
        (KGE["national-crime-agency"], FOAF.Organization),
        (KGE.bulgaria, KG.Location),
        (KGE.bulgaria, SCHEMA.Country),
        (KGE.bulgaria, SCHEMA.Place),
        (KGE["yvette-cooper"], SCHEMA.Person),
        (KGE["yvette-cooper"], FOAF.Person),
        (URIRef("https://kg.example.org/position/home-secretary"), ORG.Post),
        (DOC.doc, SCHEMA.NewsArticle),
        (QUOTE["1"], SCHEMA.Quotation),
        (STATEMENT["1"], RDF.Statement),
    ],
)
def test_reasoning_infers_types(closure: Graph, node: URIRef, cls: URIRef) -> None:
    assert (node, RDF.type, cls) in closure


@pytest.mark.parametrize(
    "triple",
    [
        (KGE.bulgaria, KG.cooperatesWith, KGE["national-crime-agency"]),  # symmetric
        (KGE["yvette-cooper"], ORG.memberOf, KGE["home-office"]),
        (KGE["yvette-cooper"], SCHEMA.memberOf, KGE["home-office"]),
        (KGE["yvette-cooper"], ORG.holds, URIRef("https://kg.example.org/position/home-secretary")),
        (QUOTE["1"], PROV.wasAttributedTo, KGE["yvette-cooper"]),
        (STATEMENT["1"], PROV.wasDerivedFrom, DOC.doc),
        (DOC.doc, SCHEMA.mentions, KGE.bulgaria),
    ],
)
def test_reasoning_infers_triples(closure: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in closure


def test_reasoning_keeps_countries_apart(closure: Graph) -> None:
    # owlrl mishandles single-property owl:hasKey; the ontology must not use it
    assert (KGE.bulgaria, OWL.sameAs, KGE.austria) not in closure


def test_reasoning_gives_non_entities_no_entity_type(ontology: Graph) -> None:
    closure = owl_rl_closure(ontology, valid_graph())
    for name in NON_ENTITY_CLASSES:
        for node in closure.subjects(RDF.type, getattr(KG, name)):
            names = {local_name(t) for t in closure.objects(node, RDF.type) if isinstance(t, URIRef)}
            assert not names & ENTITY_LIKE_NAMES, f"{node} typed {names & ENTITY_LIKE_NAMES}"


def test_reasoning_detects_disjoint_classes(ontology: Graph) -> None:
    data = Graph().parse(data=PREFIXES + "kge:x a kg:Person, kg:Agency .", format="turtle")
    assert list(owl_rl_closure(ontology, data).objects(None, OWLRL_ERROR.error))


@pytest.mark.parametrize("path", [ONTOLOGY_TTL, SHAPES_TTL, VALID_GRAPH_TTL], ids=lambda p: p.name)
def test_rapper_parses_like_rdflib(path: Path) -> None:
    if not RAPPER.exists():
        pytest.skip("rapper (raptor2-utils) is not installed")
    done = subprocess.run(
        [str(RAPPER), "-i", "turtle", "-c", str(path)], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower() and "warning" not in done.stderr.lower(), done.stderr
    count = re.search(r"returned (\d+) triples", done.stderr)
    assert count, done.stderr
    assert int(count.group(1)) == len(Graph().parse(path, format="turtle"))


# --------------------------------------------------------------------------
# (c) the shapes
# --------------------------------------------------------------------------


def shacl_results(data: Graph, shapes: Graph, ontology: Graph | None = None) -> set[tuple[str, str, str]]:
    """(focus node, path, message) of every result, as plain strings.

    Inference off, as for the built graphs; advanced mode on for the
    sh:SPARQLTarget of the evidence shapes (see shapes.ttl).
    """
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True
    )

    def path(result) -> str:
        value = results.value(result, SH.resultPath)
        if isinstance(value, BNode):
            return "^" + str(results.value(value, SH.inversePath))
        return str(value or "")

    found = {
        (
            str(results.value(r, SH.focusNode)),
            path(r),
            " ".join(str(m) for m in results.objects(r, SH.resultMessage)),
        )
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }
    assert conforms == (not found)
    return found


def test_valid_graph_conforms(shapes: Graph, ontology: Graph) -> None:
    assert shacl_results(valid_graph(), shapes) == set()
    assert shacl_results(valid_graph(), shapes, ontology) == set()


def test_valid_graph_covers_every_class_and_relation() -> None:
    graph = valid_graph()
    for name in (*ENTITY_CLASSES, *NON_ENTITY_CLASSES):
        assert graph.value(None, RDF.type, getattr(KG, name)), f"no kg:{name} in the valid graph"
    for relation in set(RELATIONS) - NOT_IN_THE_SEEDS:
        assert next(graph.triples((None, getattr(KG, relation), None)), None), f"no kg:{relation} triple"
    # only the most specific class, as the pipeline writes it
    assert not set(graph.subjects(RDF.type, KG.Agency)) & set(graph.subjects(RDF.type, KG.Organisation))
    assert not list(graph.triples((None, RDFS.subClassOf, None)))


def test_valid_graph_evidence_matches_the_seed_files() -> None:
    graph = valid_graph()
    spans = [(s, KG.evidenceText) for s in graph.subjects(RDF.type, KG.Statement)]
    spans += [(q, KG.text) for q in graph.subjects(RDF.type, KG.Quote)]
    for node, text_property in spans:
        source_file = SEEDS / str(graph.value(graph.value(node, KG.source), KG.sourceFile))
        if not source_file.exists():
            pytest.skip(f"{source_file} is missing")
        text = source_file.read_text(encoding="utf-8")
        start, end = graph.value(node, KG.startChar).toPython(), graph.value(node, KG.endChar).toPython()
        assert text[start:end] == str(graph.value(node, text_property)), node


E = "https://kg.example.org/entity/"
S = "https://kg.example.org/statement/"
Q = "https://kg.example.org/quote/"
D = "https://kg.example.org/doc/"
P = "https://kg.example.org/position/"
K = KG_NS

# (id, SPARQL update applied to the valid graph, expected focus node, path, message fragment)
BROKEN = [
    (
        "country-without-iso-code",
        "DELETE WHERE { kge:bulgaria kg:isoCode ?code }",
        E + "bulgaria", K + "isoCode", "A country must have exactly one kg:isoCode",
    ),
    (
        "lower-case-iso-code",
        ('DELETE { kge:bulgaria kg:isoCode ?code } INSERT { kge:bulgaria kg:isoCode "bg" } '
         "WHERE { kge:bulgaria kg:isoCode ?code }"),
        E + "bulgaria", K + "isoCode", "two upper-case letters",
    ),
    (
        "two-countries-one-iso-code",
        ('DELETE { kge:austria kg:isoCode ?code } INSERT { kge:austria kg:isoCode "BG" } '
         "WHERE { kge:austria kg:isoCode ?code }"),
        "BG", "^" + K + "isoCode", "Two or more countries share this kg:isoCode",
    ),
    (
        "iso-code-on-a-location",
        'INSERT DATA { kge:europe kg:isoCode "EU" }',
        E + "europe", "", "Only a kg:Country may have a kg:isoCode",
    ),
    (
        "statement-without-evidence",
        "DELETE WHERE { kgs:0636c6bc90b5 kg:evidenceText ?text }",
        S + "0636c6bc90b5", K + "evidenceText", "exactly one kg:evidenceText",
    ),
    (
        "statement-with-blank-evidence",
        ('DELETE { kgs:0636c6bc90b5 kg:evidenceText ?text } INSERT { kgs:0636c6bc90b5 kg:evidenceText "  " } '
         "WHERE { kgs:0636c6bc90b5 kg:evidenceText ?text }"),
        S + "0636c6bc90b5", K + "evidenceText", "non-empty sentence",
    ),
    (
        "confidence-as-double",
        ("DELETE { kgs:0636c6bc90b5 kg:confidence ?c } INSERT { kgs:0636c6bc90b5 kg:confidence 8.0E-1 } "
         "WHERE { kgs:0636c6bc90b5 kg:confidence ?c }"),
        S + "0636c6bc90b5", K + "confidence", "an xsd:decimal (not an xsd:double) from 0 to 1",
    ),
    (
        "confidence-above-one",
        ("DELETE { kgs:0636c6bc90b5 kg:confidence ?c } INSERT { kgs:0636c6bc90b5 kg:confidence 1.5 } "
         "WHERE { kgs:0636c6bc90b5 kg:confidence ?c }"),
        S + "0636c6bc90b5", K + "confidence", "from 0 to 1",
    ),
    (
        "start-after-end",
        ("DELETE { kgs:0636c6bc90b5 kg:startChar ?s } INSERT { kgs:0636c6bc90b5 kg:startChar 2000 } "
         "WHERE { kgs:0636c6bc90b5 kg:startChar ?s }"),
        S + "0636c6bc90b5", K + "startChar", "less than its kg:endChar",
    ),
    (
        "negative-start",
        ("DELETE { kgq:5248d3c0c795 kg:startChar ?s } INSERT { kgq:5248d3c0c795 kg:startChar -1 } "
         "WHERE { kgq:5248d3c0c795 kg:startChar ?s }"),
        Q + "5248d3c0c795", K + "startChar", "at least 0",
    ),
    (
        "statement-without-source",
        "DELETE WHERE { kgs:0636c6bc90b5 kg:source ?doc }",
        S + "0636c6bc90b5", K + "source", "exactly one kg:source",
    ),
    (
        "statement-with-unknown-predicate",
        ("DELETE { kgs:0636c6bc90b5 rdf:predicate ?p } INSERT { kgs:0636c6bc90b5 rdf:predicate kg:mentionedIn } "
         "WHERE { kgs:0636c6bc90b5 rdf:predicate ?p }"),
        S + "0636c6bc90b5", str(RDF.predicate), "one of kg:holdsPosition",
    ),
    (
        "statement-of-an-unasserted-triple",
        "DELETE DATA { kge:national-crime-agency kg:operatesIn kge:austria }",
        S + "abfd9661cb7b", "", "is not asserted in the graph",
    ),
    (
        "relation-without-statement",
        "DELETE WHERE { kgs:abfd9661cb7b ?p ?o }",
        E + "national-crime-agency", K + "operatesIn", "no kg:Statement holding its evidence",
    ),
    (
        "quote-without-speaker",
        "DELETE WHERE { kgq:5248d3c0c795 kg:speaker ?who }",
        Q + "5248d3c0c795", K + "speaker", "A quotation must have exactly one kg:speaker",
    ),
    (
        "quote-spoken-by-a-place",
        ("DELETE { kgq:5248d3c0c795 kg:speaker ?who } INSERT { kgq:5248d3c0c795 kg:speaker kge:europe } "
         "WHERE { kgq:5248d3c0c795 kg:speaker ?who }"),
        Q + "5248d3c0c795", K + "speaker", "a person, organisation, agency or country",
    ),
    (
        "quote-without-text",
        "DELETE WHERE { kgq:5248d3c0c795 kg:text ?text }",
        Q + "5248d3c0c795", K + "text", "exactly one kg:text",
    ),
    (
        "member-of-a-country",
        ("DELETE { kge:rob-jones kg:memberOf kge:national-crime-agency . ?s rdf:object kge:national-crime-agency } "
         "INSERT { kge:rob-jones kg:memberOf kge:bulgaria . ?s rdf:object kge:bulgaria } "
         "WHERE { ?s rdf:subject kge:rob-jones ; rdf:predicate kg:memberOf ; rdf:object kge:national-crime-agency }"),
        E + "rob-jones", K + "memberOf", "kg:memberOf must point at a kg:Organisation or kg:Agency",
    ),
    (
        "position-held-by-an-agency",
        ("DELETE { kge:rob-jones kg:holdsPosition ?post . ?s rdf:subject kge:rob-jones } "
         "INSERT { kge:europol kg:holdsPosition ?post . ?s rdf:subject kge:europol } "
         "WHERE { ?s rdf:subject kge:rob-jones ; rdf:predicate kg:holdsPosition ; rdf:object ?post }"),
        E + "europol", "", "Only a kg:Person can have kg:holdsPosition",
    ),
    (
        "position-that-is-not-a-position",
        "DELETE DATA { kgp:home-secretary a kg:Position }",
        E + "yvette-cooper", K + "holdsPosition", "kg:holdsPosition must point at a kg:Position",
    ),
    (
        "person-operating-in-a-country",
        ("DELETE { kge:national-crime-agency kg:operatesIn kge:austria . kgs:abfd9661cb7b rdf:subject ?a } "
         "INSERT { kge:robert-jenrick kg:operatesIn kge:austria . kgs:abfd9661cb7b rdf:subject kge:robert-jenrick } "
         "WHERE { kgs:abfd9661cb7b rdf:subject ?a }"),
        E + "robert-jenrick", "", "Only an organisation, agency or country can have kg:operatesIn",
    ),
    (
        "entity-with-two-labels",
        'INSERT DATA { kge:europol rdfs:label "EUROPOL" }',
        E + "europol", str(RDFS.label), "exactly one rdfs:label",
    ),
    (
        "entity-with-empty-label",
        'DELETE { kge:europol rdfs:label ?l } INSERT { kge:europol rdfs:label "" } WHERE { kge:europol rdfs:label ?l }',
        E + "europol", str(RDFS.label), "non-empty xsd:string",
    ),
    (
        "entity-mentioned-nowhere",
        "DELETE WHERE { kge:europe kg:mentionedIn ?doc }",
        E + "europe", K + "mentionedIn", "kg:mentionedIn at least one kg:Document",
    ),
    (
        "entity-iri-not-a-slug",
        ("DELETE { ?s ?p kge:europe . kge:europe ?q ?o } INSERT { ?s ?p kge:Europe_1 . kge:Europe_1 ?q ?o } "
         "WHERE { { ?s ?p kge:europe } UNION { kge:europe ?q ?o } }"),
        E + "Europe_1", "", "ending in a slug",
    ),
    (
        "position-without-label",
        "DELETE WHERE { kgp:home-secretary rdfs:label ?l }",
        P + "home-secretary", str(RDFS.label), "A position must have exactly one rdfs:label",
    ),
    (
        "document-without-title",
        "DELETE WHERE { kgd:003_784e9872068629d6 dcterms:title ?t }",
        D + "003_784e9872068629d6", "http://purl.org/dc/terms/title", "exactly one dcterms:title",
    ),
    (
        "document-without-source-file",
        "DELETE WHERE { kgd:003_784e9872068629d6 kg:sourceFile ?f }",
        D + "003_784e9872068629d6", K + "sourceFile", "exactly one kg:sourceFile",
    ),
    (
        "document-parsed-with-two-models",
        'INSERT DATA { kgd:003_784e9872068629d6 kg:parsedWith "en_core_web_lg-3.8.0" }',
        D + "003_784e9872068629d6", K + "parsedWith", "one kg:parsedWith",
    ),
    (
        "document-parsed-with-nothing",
        ('DELETE { kgd:003_784e9872068629d6 kg:parsedWith ?m } INSERT { kgd:003_784e9872068629d6 kg:parsedWith " " } '
         "WHERE { kgd:003_784e9872068629d6 kg:parsedWith ?m }"),
        D + "003_784e9872068629d6", K + "parsedWith", "non-empty xsd:string",
    ),
]


def broken_graph(update: str) -> Graph:
    """The valid graph changed by a SPARQL update."""
    graph = valid_graph()
    before = set(graph)
    graph.update(PREFIXES.replace("@prefix", "PREFIX").replace(" .\n", "\n") + update)
    assert set(graph) != before, "the update changed nothing"
    return graph


@pytest.mark.parametrize(("update", "focus", "path", "fragment"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_graph_fails_with_a_useful_message(
    shapes: Graph, ontology: Graph, update: str, focus: str, path: str, fragment: str
) -> None:
    data = broken_graph(update)
    results = shacl_results(data, shapes)
    assert results, "the broken graph should not conform"
    matching = [r for r in results if r[0] == focus and r[1] == path and fragment in r[2]]
    assert matching, f"expected ({focus}, {path}, ...{fragment}...), got {sorted(results)}"
    # the shapes need no ontology: loading it changes nothing
    assert shacl_results(data, shapes, ontology) == results


# (id, SPARQL update applied to the valid graph) that must still conform
ACCEPTABLE = [
    (
        "cooperation-asserted-the-other-way",
        ("DELETE DATA { kge:national-crime-agency kg:cooperatesWith kge:bulgaria } ;"
         "INSERT DATA { kge:bulgaria kg:cooperatesWith kge:national-crime-agency }"),
    ),
    (
        "cooperation-asserted-both-ways",
        "INSERT DATA { kge:bulgaria kg:cooperatesWith kge:national-crime-agency }",
    ),
    (
        "country-supports-an-agency",
        ("INSERT DATA { kge:bulgaria kg:supports kge:national-crime-agency . "
         "kgs:c0ffee a kg:Statement ; rdf:subject kge:bulgaria ; rdf:predicate kg:supports ; "
         "rdf:object kge:national-crime-agency ; kg:evidenceText 'Bulgarian authorities helped the NCA.' ; "
         "kg:startChar 0 ; kg:endChar 36 ; kg:confidence 0.5 ; kg:extractedBy 'support-verb-cue' ; "
         "kg:source kgd:000_301b9ffc123abff1 . }"),
    ),
    (
        "country-speaks",
        ("DELETE { kgq:5248d3c0c795 kg:speaker ?who } INSERT { kgq:5248d3c0c795 kg:speaker kge:bulgaria } "
         "WHERE { kgq:5248d3c0c795 kg:speaker ?who }"),
    ),
    (
        "entity-without-aliases",
        "DELETE WHERE { kge:national-crime-agency skos:altLabel ?alias }",
    ),
    (
        "document-graph-built-without-a-model-name",  # graph_triples(resolution) in library code
        "DELETE WHERE { kgd:003_784e9872068629d6 kg:parsedWith ?model }",
    ),
]


@pytest.mark.parametrize("update", [a[1] for a in ACCEPTABLE], ids=[a[0] for a in ACCEPTABLE])
def test_acceptable_variants_conform(shapes: Graph, update: str) -> None:
    assert "cooperatesWith" in SYMMETRIC_RELATIONS
    assert shacl_results(broken_graph(update), shapes) == set()


def test_messages_are_readable(shapes: Graph) -> None:
    for shape, message in shapes.subject_objects(SH.message):
        assert isinstance(message, Literal) and (message.language or "").lower() == "en-gb", shape
        assert str(message)[0].isupper() or str(message).startswith("kg:"), message
        assert str(message).endswith("."), message


def test_shapes_use_only_declared_kg_terms(shapes: Graph, ontology: Graph) -> None:
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(KG_NS)}
    declared = set(ontology.subjects(RDF.type, None))
    assert used, "the shapes should use kg: terms"
    assert used <= declared, used - declared


def test_shapes_list_every_subclass(shapes: Graph, ontology: Graph) -> None:
    """The class lists in shapes.ttl follow the hierarchy in kg.ttl.

    Wherever a target or a sh:or list names a kg class, it must also name the
    class's kg subclasses, because the data carries only the most specific
    class and is validated without inference.
    """
    class_sets: list[tuple[str, set[URIRef]]] = []
    for shape in set(shapes.subjects(SH.targetClass, None)):
        class_sets.append((f"targets of {shape}", set(shapes.objects(shape, SH.targetClass))))
    for shape, members in shapes.subject_objects(SH["or"]):
        classes = {shapes.value(m, SH["class"]) for m in Collection(shapes, members)} - {None}
        class_sets.append((f"sh:or of {shape}", classes))
    assert class_sets
    for where, classes in class_sets:
        for cls in classes:
            missing = kg_subclasses(ontology, cls) - classes
            assert not missing, f"{where} names {cls} but not its subclasses {missing}"


def test_shapes_check_the_relations_in_the_vocab(shapes: Graph) -> None:
    listed = {
        local_name(p)
        for s in shapes.subjects(SH.path, RDF.predicate)
        for p in Collection(shapes, shapes.value(s, SH["in"]))
    }
    assert listed == set(RELATIONS)
    targeted = {local_name(p) for p in shapes.objects(None, SH.targetSubjectsOf)}
    assert set(RELATIONS) <= targeted


def test_blank_node_statement_is_rejected(shapes: Graph) -> None:
    data = valid_graph()
    node = BNode()
    statement = STATEMENT["0636c6bc90b5"]
    for p, o in list(data.predicate_objects(statement)):
        data.add((node, p, o))
    data.remove((statement, None, None))
    results = shacl_results(data, shapes)
    assert any("must be an IRI in https://kg.example.org/statement/" in r[2] for r in results)
