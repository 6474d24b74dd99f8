"""The text report of `kg eval` and its floors."""

from __future__ import annotations

from collections.abc import Mapping

from kg.evaluate.metrics import REPORT_DIGITS, Scores


def format_text(scores: Scores) -> str:
    """The scores as an aligned table, then the errors, one per line."""
    rows = [("entities", scores.entities), ("entities (typed)", scores.entities_typed),
            ("relations", scores.relations)]
    rows += [(f"  {name}", prf) for name, prf in scores.relations_by_type.items()]
    rows.append(("quotes", scores.quotes))
    if scores.events is not None:
        rows.append(("events", scores.events.events))
    width = max(len(name) for name, _ in rows)
    lines = [f"{'':{width}}  {'P':>5}  {'R':>5}  {'F1':>5}  {'TP':>4}  {'FP':>4}  {'FN':>4}"]
    lines += [f"{name:{width}}  {prf.p:5.3f}  {prf.r:5.3f}  {prf.f:5.3f}  {prf.tp:4d}  {prf.fp:4d}  {prf.fn:4d}"
              for name, prf in rows]
    if scores.events is not None:
        shares = {name: getattr(scores.events, name) for name in ("counts", "dates", "places")}
        lines.append("event attributes  " + ", ".join(
            f"{name} {share.found}/{share.total}" + (f" ({share.value:.3f})" if share.total else "")
            for name, share in shares.items()))
    sections: list[tuple[str, list[str]]] = [
        ("missed entities", scores.missed_entities),
        ("spurious entities", scores.spurious_entities),
        ("mistyped entities", [f"{gid}: {want} in gold, {got} in graph"
                               for gid, want, got in scores.mistyped_entities]),
        ("split entities", [f"{gid}: {', '.join(iris)}" for gid, iris in scores.split_entities.items()]),
        ("missed relations", [" ".join(key) for key in scores.missed_relations]),
        ("spurious relations", [" ".join(key) for key in scores.spurious_relations]),
        ("missed quotes", [f"{speaker}: {starts}" for speaker, starts in scores.missed_quotes]),
        ("spurious quotes", [f"{speaker or '(no speaker)'}: {text}" for speaker, text in scores.spurious_quotes]),
        ("missed events", scores.events.missed if scores.events is not None else []),
        ("spurious events", scores.events.spurious if scores.events is not None else []),
    ]
    for title, items in sections:
        if items:
            lines += ["", f"{title} ({len(items)})"] + [f"  {item}" for item in items]
    if scores.relations_to_unknown_nodes:
        lines += ["", f"relation triples to non-entity nodes: {scores.relations_to_unknown_nodes}"]
    return "\n".join(lines)


def failed_floors(scores: Scores, floors: Mapping[str, float]) -> list[str]:
    """One message per F1 below its floor; `floors` maps "entities", "relations" or "quotes" to a minimum.

    F1 is compared as reported, rounded to three places.
    """
    failures = []
    for task, floor in floors.items():
        f1 = round(getattr(scores, task).f, REPORT_DIGITS)
        if f1 < floor:
            failures.append(f"{task} F1 {f1:.3f} is below the floor {floor:g}")
    return failures
