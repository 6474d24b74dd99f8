"""The networkx graph read back from the triples."""

from kg.builder import build_resolution
from kg.config import REPO_ROOT
from kg.export.network import network_of, to_networkx
from kg.graph.build import build_graph, graph_triples

SEEDS = REPO_ROOT / "seeds"


def test_network_holds_entities_relations_and_document_titles():
    triples = graph_triples(build_resolution([SEEDS]))
    network = network_of(triples)
    titles = network.graph["documents"]
    assert sorted(titles) == ["000_301b9ffc123abff1", "003_784e9872068629d6"]
    assert all(title for title in titles.values())
    nca = network.nodes["https://kg.example.org/entity/national-crime-agency"]
    assert nca["type"] == "Agency" and "NCA" in nca["aliases"] and nca["documents"]
    assert any(data["relation"] == "operatesIn" for _, _, data in network.edges(data=True))


def test_network_of_an_rdflib_graph_is_the_network_of_its_triples():
    resolution = build_resolution([SEEDS])
    a, b = network_of(graph_triples(resolution)), to_networkx(build_graph(resolution))
    assert a.graph == b.graph
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True)) == sorted(b.edges(keys=True, data=True))


def test_network_has_directed_place_edges_with_their_evidence():
    from place_records import TEXT, places_triples

    network = network_of(places_triples())
    e = "https://kg.example.org/entity/"
    based = network.edges[e + "frontex", e + "warsaw", "basedIn"]
    assert based["relation"] == "basedIn" and based["symmetric"] is False and based["confidence"] == 0.9
    assert not network.has_edge(e + "warsaw", e + "frontex")
    [evidence] = based["evidence"]
    assert evidence["doc"] == "places" and TEXT[evidence["start"]:evidence["end"]] == evidence["sentence"]
    located = {(u, v) for u, v, k in network.edges(keys=True) if k == "locatedIn"}
    assert located == {(e + "warsaw", e + "poland"), (e + "calais", e + "hauts-de-france"),
                       (e + "hauts-de-france", e + "france"), (e + "kapitan-andreevo", e + "svilengrad")}
    in_country = network.edges[e + "svilengrad", e + "bulgaria", "inCountry"]
    assert in_country["relation"] == "inCountry" and in_country["symmetric"] is False
    assert in_country["confidence"] == 0.5
    assert not network.has_edge(e + "svilengrad", e + "bulgaria", "locatedIn")
    assert network.nodes[e + "calais"]["type"] == "Location"
