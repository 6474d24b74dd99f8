"""Render the knowledge graph as one self-contained, interactive HTML page.

`render_html()` turns the networkx graph of `docs/data-model.md` ("The networkx
graph") into a page an analyst can open from `file://` with the network off:

* pyvis builds the vis-network node and edge records; the page itself comes from
  our own template `templates/graph.html.j2`, which inlines the vis-network JS
  and CSS bundled in the installed pyvis package (no CDN, no Bootstrap);
* all article text travels as JSON inside `<script type="application/json">`
  with `<`, `>`, `&`, U+2028 and U+2029 escaped, and the page's script puts it in
  the DOM only through `textContent`; tooltips are plain text;
* a Content-Security-Policy allows only the page's own scripts (by SHA-256
  hash) and no fetch, frame, font or remote image at all;
* the output is byte-identical for the same graph: nodes and edges are sorted,
  ids derive from the data, the layout seed is fixed, nothing reads the clock.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

# Entity type -> (fill colour, vis-network shape); labels sit under these shapes.
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "Agency": ("#e15759", "diamond"),
    "Organisation": ("#f28e2b", "square"),
    "Country": ("#59a14f", "triangle"),
    "Location": ("#b07aa1", "triangleDown"),
    "Event": ("#17becf", "box"),
    "NamedOperation": ("#bcbd22", "hexagon"),
}
OTHER_TYPE_STYLE = ("#9d9d9d", "dot")

# Relation -> (line colour, vis-network dash pattern or False for solid).
RELATION_STYLES: dict[str, tuple[str, list[int] | bool]] = {
    "memberOf": ("#6a51a3", False),
    "cooperatesWith": ("#1b9e77", [8, 5]),
    "operatesIn": ("#8c6d31", [2, 4]),
    "supports": ("#2b8cbe", False),
    "criticises": ("#d7301f", [12, 4, 2, 4]),
    "basedIn": ("#e7298a", [10, 3, 2, 3, 2, 3]),
    "locatedIn": ("#c49a00", [14, 4]),
    "inCountry": ("#e6ab02", [3, 9]),
    "agent": ("#17becf", [4, 2]),
    "place": ("#9edae5", [6, 3]),
    "participant": ("#aec7e8", [2, 2]),
    "partOfOperation": ("#bcbd22", [5, 5, 1, 5]),
    "participatesIn": ("#dbdb8d", [8, 3]),
}
OTHER_RELATION_STYLE: tuple[str, list[int] | bool] = ("#888888", False)

LARGE_GRAPH_NODES = 150  # above this: cheaper layout and rendering settings
PAGE_MAX_NODES = 2000  # above this, or PAGE_MAX_BYTES, graph.html is an overview (kg.export.overview)
PAGE_MAX_BYTES = 5_000_000
PAGE_DATA_FOLDER = "graph-data"  # beside graph.html: the overview's data files
LAYOUT_SEED = 20240601
MIN_NODE_SIZE, MAX_NODE_SIZE = 10.0, 34.0

_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S*\s*$")


def page_files(graph: nx.MultiDiGraph, *, title: str) -> dict[str, bytes]:
    """The page of `graph` and any data files beside it, by path relative to the output folder.

    Within the budget (at most PAGE_MAX_NODES entities and PAGE_MAX_BYTES of
    page), graph.html alone, from `render_html`; above it, an overview page and
    its data folder, from `kg.export.overview`.
    """
    if graph.number_of_nodes() <= PAGE_MAX_NODES:
        page = render_html(graph, title=title).encode("utf-8")
        if len(page) <= PAGE_MAX_BYTES:
            return {"graph.html": page}
    from kg.export.overview import render_overview

    return render_overview(graph, title=title)


def page_leftovers(files: dict[str, bytes]) -> tuple[str, ...]:
    """Paths an earlier page may have left in the output folder that the page in `files` does not use."""
    return () if any(name.startswith(PAGE_DATA_FOLDER + "/") for name in files) else (PAGE_DATA_FOLDER,)


def render_html(graph: nx.MultiDiGraph, *, title: str) -> str:
    """Return the complete HTML document for `graph` (see the module docstring)."""
    if not all(isinstance(node, str) for node in graph):
        graph = nx.relabel_nodes(graph, str)  # ids must match JSON object keys
    node_ids = sorted(graph.nodes)
    relations = _merged_relations(graph)
    sizes = _node_sizes(graph)
    net = _pyvis_network(graph, node_ids, relations, sizes)
    entities = {node: _entity(graph, node, sizes[node]) for node in node_ids}
    payload = {
        "nodes": net.nodes,
        "edges": net.edges,
        "entities": entities,
        "relations": {rel["id"]: rel for rel in relations},
        "documents": {str(doc): str(title) for doc, title in sorted((graph.graph.get("documents") or {}).items())},
        "options": _vis_options(len(node_ids)),
        "typeStyles": {t: _type_style(t)[0] for t in _present(e["type"] for e in entities.values())},
        "relationStyles": {r: _relation_style(r)[0] for r in _present(r["relation"] for r in relations)},
    }
    has_events = any("event" in entity for entity in entities.values())
    vis_js, vis_css = _vis_assets()
    return _template().render(
        title=title,
        data_json=Markup(_script_json(payload)),
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        csp=lambda *scripts: Markup(_content_security_policy([vis_js, *map(str, scripts)])),
        type_legend=_legend(entities.values(), "type", _type_style),
        relation_legend=_legend(relations, "relation", _relation_style),
        node_count=len(node_ids),
        edge_count=len(relations),
        has_events=has_events,
    )


def _merged_relations(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One record per relation; a symmetric pair stated both ways becomes one record."""
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for u, v, data in graph.edges(data=True):
        relation = str(data.get("relation", "related"))
        symmetric = bool(data.get("symmetric", False))
        src, dst = (min(u, v), max(u, v)) if symmetric else (u, v)
        record = merged.setdefault(
            (src, dst, relation),
            {"from": src, "to": dst, "relation": relation, "symmetric": symmetric,
             "confidence": None, "evidence": []},
        )
        record["confidence"] = _max_confidence(record["confidence"], data.get("confidence"))
        record["evidence"].extend(data.get("evidence") or [])
        if data.get("events"):  # the events that support it: the date filter hides it with all of them
            record.setdefault("events", []).extend(map(str, data["events"]))
    records = [merged[key] for key in sorted(merged)]
    for index, record in enumerate(records):
        record["id"] = f"e{index}"
        record["evidence"] = _unique_sorted(record["evidence"], ("doc", "start", "end", "sentence"))
        if "events" in record:
            record["events"] = sorted(set(record["events"]))
    return records


def _max_confidence(current: float | None, new: Any) -> float | None:
    if not isinstance(new, (int, float)) or not math.isfinite(new):
        return current
    return float(new) if current is None else max(current, float(new))


def _unique_sorted(items: list[dict[str, Any]], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Drop duplicates and sort by `fields` (None sorts first); keep only `fields`."""
    unique = {tuple(item.get(f) for f in fields): {f: item.get(f) for f in fields} for item in items}
    return [unique[key] for key in sorted(unique, key=lambda k: [(v is not None, v) for v in k])]


def _node_sizes(graph: nx.MultiDiGraph) -> dict[Any, float]:
    """Size by degree centrality over distinct neighbours (order-independent, exact)."""
    if graph.number_of_nodes() < 2:
        return {node: MIN_NODE_SIZE for node in graph.nodes}
    centrality = nx.degree_centrality(nx.Graph(graph))
    top = max(centrality.values()) or 1.0
    span = MAX_NODE_SIZE - MIN_NODE_SIZE
    return {n: round(MIN_NODE_SIZE + span * math.sqrt(c / top), 1) for n, c in centrality.items()}


def _pyvis_network(graph, node_ids, relations, sizes) -> Network:
    """The vis-network records, built with pyvis (its own template is never used)."""
    net = Network(directed=True, cdn_resources="in_line")
    for node in node_ids:
        data = graph.nodes[node]
        label = str(data.get("label") or node)
        kind = str(data.get("type") or "Other")
        colour, shape = _type_style(kind)
        net.add_node(node, label=label, shape=shape, size=sizes[node],
                     color={"background": colour, "border": "#ffffff",
                            "highlight": {"background": colour, "border": "#111111"}},
                     title=f"{kind}: {label}")  # plain text: vis 9 shows it via innerText
    for rel, smooth in zip(relations, _parallel_smoothing(relations)):
        colour, dashes = _relation_style(rel["relation"])
        arrows = {"to": {"enabled": False}} if rel["symmetric"] else "to"
        count = len(rel["evidence"])
        net.add_edge(rel["from"], rel["to"], id=rel["id"], label=rel["relation"],
                     color=colour,
                     dashes=dashes, arrows=arrows, smooth=smooth,
                     width=round(1.5 + 0.5 * min(count, 4), 1),
                     title=f"{rel['relation']}: {count} evidence sentence{'s' * (count != 1)}")
    return net


def _parallel_smoothing(relations: list[dict[str, Any]]) -> list[Any]:
    """Straight lines, except that parallel relations of one pair fan out as curves."""
    seen: dict[frozenset, int] = {}
    result = []
    for rel in relations:
        pair = frozenset((rel["from"], rel["to"]))
        rank = seen[pair] = seen.get(pair, -1) + 1
        result.append(False if rank == 0 else
                      {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW",
                       "roundness": round(0.2 * ((rank + 1) // 2), 2)})
    return result


def _entity(graph: nx.MultiDiGraph, node: Any, size: float) -> dict[str, Any]:
    return entity_record(node, graph.nodes[node], size)


def entity_record(node: Any, data: dict[str, Any], size: float) -> dict[str, Any]:
    """What the page keeps of a node with attributes `data` (docs/data-model.md) and drawn size `size`."""
    return {
        "iri": str(node),
        "label": str(data.get("label") or node),
        "type": str(data.get("type") or "Other"),
        "aliases": sorted({str(a) for a in data.get("aliases") or []}),
        "iso_code": data.get("iso_code") or None,
        "documents": sorted({str(d) for d in data.get("documents") or []}),
        "positions": sorted({str(p) for p in data.get("positions") or []}),
        "quotes": _unique_sorted(list(data.get("quotes") or []), ("doc", "start", "end", "text")),
        "importance": size,
        **({"event": _event(data)} if data.get("type") == "Event" else {}),
    }


def _event(data: dict[str, Any]) -> dict[str, Any]:
    """What an event's panel shows and the date filter reads."""
    return {
        "type": str(data.get("event_type") or ""),
        "date": data.get("date") or None,
        "date_text": data.get("date_text") or None,
        "date_is_document_date": bool(data.get("date_is_document_date")),
        "counts": [{"value": c.get("value"), "unit": c.get("unit"), "qualifier": c.get("qualifier")}
                   for c in data.get("counts") or []],
        "trigger": data.get("trigger") or None,
        "evidence": data.get("evidence") or None,
    }


def _type_style(kind: str) -> tuple[str, str]:
    return TYPE_STYLES.get(kind, OTHER_TYPE_STYLE)


def _relation_style(relation: str) -> tuple[str, list[int] | bool]:
    return RELATION_STYLES.get(relation, OTHER_RELATION_STYLE)


def _present(values) -> list[str]:
    """Distinct values in legend order: the known ones first, then the rest sorted."""
    found = set(values)
    known = [k for k in (*TYPE_STYLES, *RELATION_STYLES) if k in found]
    return known + sorted(found - set(known))


def _legend(records, field: str, style) -> list[dict[str, Any]]:
    """Legend rows (also the filter checkboxes): name, count, colour, shape or dashes."""
    records = list(records)
    counts: dict[str, int] = {}
    for record in records:
        counts[record[field]] = counts.get(record[field], 0) + 1
    rows = []
    for name in _present(counts):
        colour, form = style(name)
        dash = " ".join(map(str, form)) if isinstance(form, list) else ""
        directed = any(not r.get("symmetric", False) for r in records if r[field] == name)
        rows.append({"name": name, "count": counts[name], "colour": colour, "dash": dash,
                     "shape": form if isinstance(form, str) else "", "directed": directed})
    return rows


def _vis_options(node_count: int) -> dict[str, Any]:
    large = node_count > LARGE_GRAPH_NODES
    physics = {
        "enabled": node_count > 0,
        "solver": "forceAtlas2Based" if large else "barnesHut",
        "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.1, "springLength": 170,
                      "springConstant": 0.03, "damping": 0.35, "avoidOverlap": 0.5},
        "forceAtlas2Based": {"gravitationalConstant": -70, "centralGravity": 0.008,
                             "springLength": 80, "springConstant": 0.06, "damping": 0.6,
                             "avoidOverlap": 0.3},
        "minVelocity": 1.0,
        "stabilization": {"enabled": True, "iterations": 150 if large else 800,
                          "updateInterval": 50, "fit": True},
    }
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": not large},
        "physics": physics,
        "interaction": {"hover": not large, "tooltipDelay": 250, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "multiselect": False,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#1f2328",
                           "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 0.5,
                  "arrows": {"to": {"scaleFactor": 0.6}},
                  "font": {"size": 11, "face": "system-ui, sans-serif", "color": "#57606a",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
    }


def _script_json(payload: Any) -> str:
    """JSON safe inside a <script> element: no `<`, `>`, `&`, U+2028 or U+2029 left raw."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    for char, escape in _JSON_ESCAPES:  # str.replace runs in C; str.translate with a dict does not
        text = text.replace(char, escape)
    return text


def _content_security_policy(scripts: list[str], dynamic: bool = False) -> str:
    """Only these inline scripts run; nothing may be fetched, framed or submitted.

    `dynamic` adds 'strict-dynamic': the scripts those scripts insert may run
    too (the overview's data files), and no other.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return ("default-src 'none'; script-src " + ("'strict-dynamic' " if dynamic else "") + hashes
            + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the newest copy bundled inside pyvis."""
    lib = resources.files("pyvis") / "lib"
    versions = [d for d in lib.iterdir() if d.name.startswith("vis-") and d.is_dir()]
    if not versions:
        raise RuntimeError("the installed pyvis has no bundled vis-network under pyvis/lib")
    newest = max(versions, key=lambda d: tuple(int(p) for p in re.findall(r"\d+", d.name)))
    # The HTML parser turns CR into LF; do it first so the CSP hash matches what runs.
    js = (newest / "vis-network.min.js").read_text("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    css = (newest / "vis-network.css").read_text("utf-8")
    js = _SOURCE_MAP.sub("\n", js)
    if "</script" in js.lower() or "<!--" in js or "</style" in css.lower():
        raise RuntimeError(f"{newest} cannot be inlined safely in an HTML page")
    return js, css


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _template(name: str = "graph.html.j2") -> jinja2.Template:
    return _environment().get_template(name)
