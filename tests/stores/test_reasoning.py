"""The ontology over the seeds' graph: OWL RL reasoning infers what the data leaves implicit, and the shapes pass."""

import owlrl
import pytest
from rdflib import OWL, RDF, Graph, Namespace

from kg.config import ONTOLOGY_DIR
from kg.graph.validate import validate
from kg.graph.vocab import ENTITY, KG

pytestmark = pytest.mark.model

# where owlrl writes the inconsistencies it finds (disjoint classes shared, and the like)
OWLRL_ERROR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
NCA, EUROPOL, BULGARIA = ENTITY["national-crime-agency"], ENTITY["europol"], ENTITY["bulgaria"]


def closure(data: Graph) -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY_DIR / "kg.ttl")
    for triple in data:
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


@pytest.fixture(scope="module")
def reasoned(seeds_graph) -> Graph:
    return closure(seeds_graph)


@pytest.mark.parametrize("cls, superclass", [(KG.Agency, KG.Organisation), (KG.Country, KG.Location)])
def test_every_instance_gets_its_superclass(seeds_graph, reasoned, cls, superclass):
    instances = set(seeds_graph.subjects(RDF.type, cls))
    assert instances, f"the seeds have no {cls}"
    assert all((node, RDF.type, superclass) in reasoned for node in instances)
    assert not any((node, RDF.type, superclass) in seeds_graph for node in instances)  # only by inference


def test_cooperation_is_inferred_both_ways(seeds_graph):
    one_way = Graph()
    for triple in seeds_graph:
        one_way.add(triple)
    one_way.remove((EUROPOL, KG.cooperatesWith, NCA))
    one_way.remove((BULGARIA, KG.cooperatesWith, NCA))
    reasoned = closure(one_way)
    assert (EUROPOL, KG.cooperatesWith, NCA) in reasoned and (BULGARIA, KG.cooperatesWith, NCA) in reasoned


def test_reasoning_finds_no_inconsistency(reasoned):
    assert list(reasoned.objects(None, OWLRL_ERROR.error)) == []
    assert list(reasoned.subjects(RDF.type, OWL.Nothing)) == []


def test_shapes_pass(seeds_graph):
    report = validate(seeds_graph)
    assert report.conforms, str(report)
