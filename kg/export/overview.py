"""The graph page of a big graph: an overview, with each entity's details loaded on demand.

Above the page budget (`kg.export.html_page.page_files`) one page holding
every node, edge and sentence is unreadable and slow, so `graph.html` shows:

* the communities of the entity graph (networkx Louvain, fixed seed), each
  collapsed into one cluster node, and the most connected entities (degree
  centrality) drawn around their cluster, with the strongest relations
  between them; positions are computed here, so the page needs no physics;
* a search index of every entity (name, aliases, ISO code, type, cluster),
  compact: each IRI namespace, type and cluster is stored once and rows refer
  to them by number; the nodes and edges drawn are short records the page's
  script expands. Events (about four an article, most of the graph's nodes,
  labelled by their type, counts and date, not by a name) that the overview
  does not draw have their rows in `graph-data/events.js` instead, which the
  page reads when the search box or an entity is first used: the page grows
  with the entities, which level off, not with the articles (8,000 bench
  articles: 43,064 nodes of which 34,439 events; the page was 6.7 MB with
  every row inline in the old layout);
* nothing else: each entity's details, relations with their evidence
  sentences, quotes and documents are in `graph-data/part-NNN.js` beside the
  page, one file per hash bucket of entity ids, which the page loads with a
  `<script>` element when the entity is opened (`fetch()` of `file://` is
  blocked in browsers, a script is not). Each file calls `kgPart(build, bucket,
  data)`; `build` is a hash of the page's data, so files of another build are
  refused rather than shown.

Still one offline page with no server and no request outside its folder.
Output is deterministic: sorted ids, seeded communities and layout, rounded
positions.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx
from markupsafe import Markup

from kg.export.html_page import (
    LAYOUT_SEED, PAGE_DATA_FOLDER, _content_security_policy, _legend, _merged_relations, _present, _relation_style,
    _script_json, _template, _type_style, _vis_assets, entity_record,
)

DATA_FOLDER = PAGE_DATA_FOLDER
EVENTS_FILE = "events.js"  # in DATA_FOLDER: the index rows of the events the overview does not draw
CLUSTER_COLOUR = "#d0d7de"
OTHER_CLUSTER = "#cluster-other"
GOLDEN_ANGLE = 2.399963  # radians: points at multiples of it on a growing radius fill a disc evenly
ENTITY_SPACING = 40  # canvas units between the entities drawn around a cluster


@dataclass(frozen=True)
class OverviewLimits:
    """How much of the graph the overview draws.

    Args:
        entities: entities drawn as nodes, the most connected first.
        clusters: communities drawn as cluster nodes, the largest first; the
            smaller ones and the unconnected entities share one more node.
        relations: relations drawn between the entities drawn, the best attested first.
        cluster_links: links drawn between clusters, the strongest first.
        entities_per_part: about how many entities share one data file.
    """

    entities: int = 400
    clusters: int = 150
    relations: int = 1500
    cluster_links: int = 400
    entities_per_part: int = 32


def render_overview(graph: nx.MultiDiGraph, *, title: str, limits: OverviewLimits = OverviewLimits()) -> dict[str, bytes]:
    """graph.html as an overview, and its data files under `DATA_FOLDER/`, by path relative to the page."""
    if not all(isinstance(node, str) for node in graph):
        graph = nx.relabel_nodes(graph, str)
    relations = _merged_relations(graph)
    for rel in relations:
        rel["count"] = len(rel["evidence"])
    files: dict[str, bytes] = {}

    def write(name: str, data: bytes) -> None:
        files[name] = data

    def patch(name: str, build: str) -> None:
        data = files[name]
        files[name] = data[:BUILD_OFFSET] + build.encode("ascii") + data[BUILD_OFFSET + len(build):]

    write_overview(graph.nodes, relations, _graph_parts(graph, relations), write, patch, title=title, limits=limits)
    return files


BUILD_PLACEHOLDER = "0" * 16  # in each data file until the build hash, taken over every file, is known
BUILD_OFFSET = len('window.kgPart("')  # where a data file's build hash starts


Edge = tuple[str, str, int]
Communities = Callable[[list[str], list[Edge]], Callable[[], list[list[str]]]]


def write_overview(nodes: Mapping[str, dict[str, Any]], relations: list[dict[str, Any]],
                   part_json: Callable[[int, int, list[str]], bytes], write: Callable[[str, bytes], None],
                   patch: Callable[[str, str], None], *, title: str,
                   limits: OverviewLimits = OverviewLimits(), communities: Communities | None = None) -> None:
    """Write the overview page and its data files, one at a time, through `write(path, bytes)`.

    `nodes` are the page's nodes (entities, events, operations) and their attributes (`label`, `type`,
    `aliases`, `iso_code`: what the index and the clusters need); `relations` the merged relation records
    of `kg.export.html_page._merged_relations` in their order, each with its evidence `count` (its
    evidence itself is not needed here); `part_json(bucket, buckets, nodes)` the JSON of data file
    `bucket` of `buckets`, UTF-8, for the (sorted) nodes of that bucket. Each data file is written with `BUILD_PLACEHOLDER` where the
    build hash goes, then `patch(path, build)` once every file is hashed: no file is held after it is written.
    `communities(node ids, weighted edges)`, when given, starts the Louvain communities of that graph elsewhere
    (`communities_of`, in another process) and returns the function that waits for them: the data files, which
    do not need them, are written meanwhile.
    """
    ids = sorted(nodes)
    edges = _weighted_edges(relations)
    simple = community_graph(ids, edges)
    degree = dict(simple.degree())
    if communities is None:
        found = _communities(simple, degree)
        pending = lambda: found  # noqa: E731
    else:
        pending = communities(ids, edges)
    buckets = _bucket_count(len(ids), limits.entities_per_part)
    bucket_of = {node: _bucket(node, buckets) for node in ids}
    members: dict[int, list[str]] = defaultdict(list)
    for node in ids:
        members[bucket_of[node]].append(node)
    hasher = hashlib.sha256()  # of the parts' JSON and the events', file by file: no joined copy of 170 MB
    names = []
    for bucket in range(buckets):
        data = part_json(bucket, buckets, members.get(bucket, []))
        hasher.update(data)
        names.append(f"{DATA_FOLDER}/part-{bucket:04d}.js")
        write(names[-1], _part_script(BUILD_PLACEHOLDER, bucket, data))
        del data
    clusters, cluster_of = _clusters(pending(), degree, nodes, limits.clusters)
    shown = _shown_entities(nodes, degree, limits.entities)
    positions = _layout(clusters, cluster_of, shown, degree)
    types = _present(str(nodes[n].get("type") or "Other") for n in ids)
    kinds = _present(rel["relation"] for rel in relations)
    cluster_number = {c["id"]: i for i, c in enumerate(clusters)}
    prefixes = sorted({_prefix(node) for node in ids})
    prefix_number, type_number = {p: i for i, p in enumerate(prefixes)}, {t: i for i, t in enumerate(types)}

    def row(node: str) -> list[Any]:
        return _index_row(nodes, node, prefix_number, type_number, cluster_number[cluster_of[node]], degree[node],
                          bucket_of[node])

    drawn = set(shown)
    on_page = [n for n in ids if n in drawn or nodes[n].get("type") != "Event"]
    later = [n for n in ids if n not in drawn and nodes[n].get("type") == "Event"]
    row_of = {node: i for i, node in enumerate(on_page)}
    events_json = _script_json([row(n) for n in later]) if later else ""
    hasher.update(events_json.encode("utf-8"))
    build = hasher.hexdigest()[:16]
    for name in names:
        patch(name, build)
    payload = {
        "build": build,
        "dataFolder": DATA_FOLDER,
        "eventsFile": f"{DATA_FOLDER}/{EVENTS_FILE}" if later else None,
        "prefixes": prefixes,
        "types": types,
        "index": [row(n) for n in on_page],
        "clusters": _cluster_records(clusters, positions),
        "drawn": _drawn_entities(shown, degree, positions, row_of),
        "relations": _overview_relations(relations, shown, cluster_of, limits, row_of),
        "links": _cluster_links(simple, cluster_of, cluster_number, limits),
        "options": _overview_options(),
        "typeStyles": {t: _type_style(t)[0] for t in types},
        "typeShapes": {t: _type_style(t)[1] for t in types},
        "relationStyles": {r: _relation_style(r)[0] for r in kinds},
        "relationDashes": {r: _relation_style(r)[1] for r in kinds},
    }
    if later:
        write(f"{DATA_FOLDER}/{EVENTS_FILE}", f'window.kgEvents("{build}",{events_json});\n'.encode("utf-8"))
    del events_json
    write("graph.html", _render(payload, nodes, relations, title, len(clusters), len(shown)).encode("utf-8"))


# --- structure ---------------------------------------------------------------------------

def _weighted_graph(nodes: Iterable[str], relations: list[dict[str, Any]]) -> nx.Graph:
    """Entities and who is related to whom, weighted by evidence sentences; built in sorted order (Louvain's result depends on it)."""
    return community_graph(sorted(nodes), _weighted_edges(relations))


def _weighted_edges(relations: list[dict[str, Any]]) -> list[Edge]:
    """(a, b, weight) of each pair of related nodes, a < b, weighted by evidence sentences, in sorted order."""
    weights: Counter = Counter()
    for rel in relations:
        if rel["from"] != rel["to"]:
            weights[tuple(sorted((rel["from"], rel["to"])))] += max(1, rel["count"])
    return [(u, v, w) for (u, v), w in sorted(weights.items())]


def community_graph(ids: list[str], edges: list[Edge]) -> nx.Graph:
    """The graph Louvain runs on, nodes and edges added in the order given (the result depends on it)."""
    simple = nx.Graph()
    simple.add_nodes_from(ids)
    simple.add_weighted_edges_from(edges)
    return simple


def communities_of(ids: list[str], edges: list[Edge]) -> list[list[str]]:
    """`_communities` of the graph of `community_graph(ids, edges)`: what `write_overview` computes, anywhere."""
    simple = community_graph(ids, edges)
    return _communities(simple, dict(simple.degree()))


def _communities(simple: nx.Graph, degree: dict[str, int]) -> list[list[str]]:
    """Louvain communities of the connected entities, largest first, each sorted by degree then id."""
    # A graph of its own, not a subgraph view (every step of Louvain through a view's filters costs 40 % more). The
    # same communities: Louvain copies its input by its edges first, and copying by edges twice gives what once does
    # (each node's neighbours: those before it in node order, then the rest in the order it had them).
    connected = nx.Graph()
    connected.add_nodes_from(n for n in simple if degree[n] > 0)
    connected.add_weighted_edges_from(simple.edges(data="weight"))
    found = nx.community.louvain_communities(connected, weight="weight", seed=LAYOUT_SEED) if len(connected) else []
    ranked = [sorted(c, key=lambda n: (-degree[n], n)) for c in found]
    return sorted(ranked, key=lambda members: (-len(members), members[0]))


def _clusters(communities: list[list[str]], degree: dict[str, int], nodes: Mapping[str, dict[str, Any]],
              limit: int) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Cluster records (drawn communities, then one for the rest) and the cluster id of every entity."""
    big = [c for c in communities if len(c) > 1][:limit]
    rest = sorted((n for c in communities if c not in big for n in c), key=lambda n: (-degree[n], n))
    rest += sorted(n for n in nodes if degree[n] == 0)
    groups = [(f"#cluster-{i + 1}", members) for i, members in enumerate(big)]
    if rest:
        groups.append((OTHER_CLUSTER, rest))
    clusters, cluster_of = [], {}
    for cluster_id, members in groups:
        names = [str(nodes[n].get("label") or n) for n in members[:3]]
        other = cluster_id == OTHER_CLUSTER
        clusters.append({"id": cluster_id, "size": len(members), "top": names, "other": other,
                         "label": ("Small groups and unconnected" if other else ", ".join(names[:2]))
                         + f" ({len(members)})"})
        cluster_of.update((n, cluster_id) for n in members)
    return clusters, cluster_of


def _shown_entities(nodes: Iterable[str], degree: dict[str, int], limit: int) -> list[str]:
    """The connected entities drawn in the overview: the highest degree first, ties by id."""
    ranked = sorted((n for n in nodes if degree[n] > 0), key=lambda n: (-degree[n], n))
    return sorted(ranked[:limit])


def _bucket_count(entities: int, per_part: int) -> int:
    """A power of two near entities / per_part, from 16 to 4,096 files."""
    wanted = max(1, math.ceil(entities / per_part))
    return min(4096, max(16, 1 << (wanted - 1).bit_length()))


def _bucket(node: str, buckets: int) -> int:
    return int.from_bytes(hashlib.blake2b(node.encode("utf-8"), digest_size=4).digest(), "big") % buckets


def _prefix(node: str) -> str:
    """The namespace of an id: up to its last '/' or '#' (ids are IRIs; the page stores each namespace once)."""
    return node[:max(node.rfind("/"), node.rfind("#")) + 1]


def _index_row(nodes: Mapping[str, dict[str, Any]], node: str, prefix_number: dict[str, int], type_number: dict[str, int],
               cluster: int, degree: int, bucket: int) -> list[Any]:
    """What search needs of every entity, compactly (the page holds one row per entity, so each byte counts
    thousands of times): [namespace, rest of the id, label, type, cluster, degree, data file] as numbers where
    the page has a table (`prefixes`, `types`, `clusters`), then the aliases and the ISO code, each only when
    the entity has them (the ISO code after an empty alias list when it has no alias)."""
    data = nodes[node]
    prefix = _prefix(node)
    row: list[Any] = [prefix_number[prefix], node[len(prefix):], str(data.get("label") or node),
                      type_number[str(data.get("type") or "Other")], cluster, degree, bucket]
    aliases, iso = sorted({str(a) for a in data.get("aliases") or []}), data.get("iso_code") or None
    if aliases or iso:
        row.append(aliases)
    if iso:
        row.append(iso)
    return row


def page_view(data: dict[str, Any], events: list[list[Any]] = ()) -> dict[str, Any]:
    """The page's compact data as its script reads it (for tests and benchmarks): `index` rows of
    [id, label, type, aliases, ISO code, cluster id, degree, data file] (with the rows of the events file
    `events` after the page's own), the `nodes` drawn (clusters, then entities; id, kind, x, y) and the
    `edges` drawn (id, from, to, kind)."""
    clusters = data["clusters"]
    index = [[data["prefixes"][r[0]] + r[1], r[2], data["types"][r[3]], r[7] if len(r) > 7 else [],
              r[8] if len(r) > 8 else None, clusters[r[4]]["id"], r[5], r[6]] for r in [*data["index"], *events]]
    nodes = [{"id": c["id"], "kind": "cluster", "x": c["x"], "y": c["y"]} for c in clusters]
    nodes += [{"id": index[row][0], "kind": "entity", "x": x, "y": y} for row, x, y, _size in data["drawn"]]
    edges = [{"id": f"{index[a][0]}\t{relation}\t{index[b][0]}", "from": index[a][0], "to": index[b][0],
              "kind": "relation"} for a, b, relation, _symmetric, _count in data["relations"]]
    edges += [{"id": f"{index[row][0]}\tin\t{index[row][5]}", "from": index[row][0], "to": index[row][5], "kind": "member"}
              for row, *_ in data["drawn"]]
    edges += [{"id": f"{clusters[a]['id']}\tlinks\t{clusters[b]['id']}", "from": clusters[a]["id"],
               "to": clusters[b]["id"], "kind": "link"} for a, b, _count, _width in data["links"]]
    return {"index": index, "nodes": nodes, "edges": edges}


# --- data files --------------------------------------------------------------------------

def _graph_parts(graph: nx.MultiDiGraph, relations: list[dict[str, Any]]) -> Callable[[int, int, list[str]], bytes]:
    """The JSON of each data file, UTF-8, by bucket and its nodes: their details, relations (with evidence)
    and the documents they name, with titles.

    Bytes, not text: the data files of 8,000 articles are 170 MB, and text with a curly quote holds two or
    four bytes a character."""
    incident: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in relations:
        incident[rel["from"]].append(rel)
        if rel["to"] != rel["from"]:
            incident[rel["to"]].append(rel)
    titles = {str(d): str(t) for d, t in (graph.graph.get("documents") or {}).items()}

    def part_json(bucket: int, buckets: int, nodes: list[str]) -> bytes:
        entities = {n: _details(graph.nodes[n], n) for n in nodes}
        return part_data(entities, {n: [relation_record(r) for r in incident[n]] for n in nodes}, titles)

    return part_json


def part_data(entities: dict[str, dict[str, Any]], relations: dict[str, list[dict[str, Any]]],
              titles: dict[str, str]) -> bytes:
    """A data file's JSON: its entities' details, their relation records (with evidence) and the titles of the
    documents these name."""
    documents = _documents_named(entities.values(), (r for rels in relations.values() for r in rels))
    return _script_json({"entities": entities, "relations": relations,
                         "documents": {d: titles[d] for d in documents if d in titles}}).encode("utf-8")


def _details(data: dict[str, Any], node: str) -> dict[str, Any]:
    """What the single page keeps of an entity, but its importance (search ranks by the index's degree)."""
    details = entity_record(node, data, 0)
    del details["importance"]
    return details


def relation_record(rel: dict[str, Any]) -> dict[str, Any]:
    return {k: rel[k] for k in ("from", "to", "relation", "symmetric", "confidence", "evidence")}


def _documents_named(entities, relations) -> list[str]:
    docs = set()
    for ent in entities:
        docs.update(ent["documents"])
        docs.update(str(q["doc"]) for q in ent["quotes"] if q.get("doc"))
    for rel in relations:
        docs.update(str(e["doc"]) for e in rel["evidence"] if e.get("doc"))
    return sorted(docs)


def _part_script(build: str, bucket: int, data_json: bytes) -> bytes:
    """A data file: JSON (escaped as for a <script>, so it is also a safe JavaScript expression) handed to kgPart."""
    return f'window.kgPart("{build}",{bucket},'.encode("utf-8") + data_json + b");\n"


# --- what the overview draws ---------------------------------------------------------------

def _layout(clusters: list[dict[str, Any]], cluster_of: dict[str, str], shown: list[str],
            degree: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Positions of cluster and entity nodes: each entity drawn on a spiral around its cluster, the clusters on
    a spiral of their own, largest in the middle, spaced by the room their entities take."""
    around: dict[str, list[str]] = defaultdict(list)
    for node in sorted(shown, key=lambda n: (-degree[n], n)):
        around[cluster_of[node]].append(node)
    positions: dict[str, tuple[int, int]] = {}
    area = 0.0
    for i, cluster in enumerate(clusters):
        cluster["reach"] = round(_spiral_radius(cluster["size"], len(around[cluster["id"]])))  # the page draws more beyond
        reach = cluster["reach"] + ENTITY_SPACING
        distance = math.sqrt(area + reach * reach / 2) * 1.8 if i else 0.0
        area += reach * reach
        cx, cy = distance * math.cos(i * GOLDEN_ANGLE), distance * math.sin(i * GOLDEN_ANGLE)
        positions[cluster["id"]] = (round(cx), round(cy))
        for j, node in enumerate(around[cluster["id"]]):
            radius = _cluster_radius(cluster["size"]) + ENTITY_SPACING * math.sqrt(j + 1)
            positions[node] = (round(cx + radius * math.cos(j * GOLDEN_ANGLE)), round(cy + radius * math.sin(j * GOLDEN_ANGLE)))
    return positions


def _spiral_radius(size: int, members: int) -> float:
    return _cluster_radius(size) + ENTITY_SPACING * math.sqrt(members)


def _cluster_radius(size: int) -> float:
    return 18 + 5 * math.sqrt(size)


def _cluster_records(clusters: list[dict[str, Any]], positions: dict[str, tuple[int, int]]) -> list[dict[str, Any]]:
    """Each cluster with its place and drawn size; the page makes its node (`clusterNode` in overview.js)."""
    return [{**c, "x": positions[c["id"]][0], "y": positions[c["id"]][1], "radius": round(_cluster_radius(c["size"]), 1),
             "fontSize": round(14 + _cluster_radius(c["size"]) / 5)} for c in clusters]


def _drawn_entities(shown: list[str], degree: dict[str, int], positions: dict[str, tuple[int, int]],
                    row_of: dict[str, int]) -> list[list[int | float]]:
    """[index row, x, y, size] of each entity drawn; the page makes its node from its index row (`entityNode`)."""
    top = max((degree[n] for n in shown), default=1) or 1
    return [[row_of[node], positions[node][0], positions[node][1], round(10 + 24 * math.sqrt(degree[node] / top), 1)]
            for node in shown]


def relation_edge_id(rel: dict[str, Any]) -> str:
    """The id of a relation's edge; the page makes the same id for relations it loads later."""
    return f"{rel['from']}\t{rel['relation']}\t{rel['to']}"


def _overview_relations(relations: list[dict[str, Any]], shown: list[str], cluster_of: dict[str, str],
                        limits: OverviewLimits, row_of: dict[str, int]) -> list[list[Any]]:
    """Relations inside a cluster between the entities drawn, the best attested first up to the limit, as
    [from row, to row, relation, symmetric (0 or 1), evidence count] in edge id order; the page makes the edges,
    and one from each drawn entity to its cluster."""
    drawn = set(shown)
    # Relations across clusters are drawn as the clusters' links: one line per pair of clusters, not a hairball.
    inside = [r for r in relations if r["from"] in drawn and r["to"] in drawn and r["from"] != r["to"]
              and cluster_of[r["from"]] == cluster_of[r["to"]]]
    inside = sorted(inside, key=lambda r: (-r["count"], relation_edge_id(r)))[:limits.relations]
    return [[row_of[r["from"]], row_of[r["to"]], r["relation"], int(bool(r["symmetric"])), r["count"]]
            for r in sorted(inside, key=relation_edge_id)]


def _cluster_links(simple: nx.Graph, cluster_of: dict[str, str], cluster_number: dict[str, int],
                   limits: OverviewLimits) -> list[list[int | float]]:
    """The strongest links between clusters: [cluster, cluster, related pairs, line width]."""
    links: Counter = Counter()
    for u, v in simple.edges():
        a, b = sorted((cluster_of[u], cluster_of[v]))
        if a != b:
            links[(a, b)] += 1
    strongest = sorted(links.items(), key=lambda item: (-item[1], item[0]))[:limits.cluster_links]
    top = max((n for _, n in strongest), default=1)
    return [[cluster_number[a], cluster_number[b], n, round(1 + 7 * math.sqrt(n / top), 1)] for (a, b), n in sorted(strongest)]


def _overview_options() -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": False, "tooltipDelay": 250, "hideEdgesOnDrag": True, "hideEdgesOnZoom": True,
                        "multiselect": False, "keyboard": {"enabled": True, "bindToWindow": False}},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#1f2328",
                           "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "selectionWidth": 2, "arrows": {"to": {"scaleFactor": 0.6}},
                  "font": {"size": 11, "face": "system-ui, sans-serif", "color": "#57606a",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
    }


def _render(payload: dict[str, Any], nodes: Mapping[str, dict[str, Any]], relations: list[dict[str, Any]], title: str,
            cluster_count: int, shown_count: int) -> str:
    vis_js, vis_css = _vis_assets()
    types = [{"type": str(nodes[n].get("type") or "Other")} for n in nodes]
    return _template("overview.html.j2").render(
        title=title,
        data_json=Markup(_script_json(payload)),
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        csp=lambda *scripts: Markup(_content_security_policy([vis_js, *map(str, scripts)], dynamic=True)),
        type_legend=_legend(types, "type", _type_style),
        relation_legend=_legend(relations, "relation", _relation_style),
        node_count=len(nodes),
        edge_count=len(relations),
        shown_count=shown_count,
        cluster_count=cluster_count,
    )
