"""A change set's plan as rows for the write statements, each statement within the parameter budget."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.changeset import Record
from graph.schema import references_of
from graph.store.base import Plan, dumps
from graph.store.bolt.escaping import batches, cost, pieces
from graph.store.bolt.native import parts, position, properties, reason_of, themes_of
from graph.vocabulary import THEMES


def title_of(data: dict[str, Any]) -> str | None:
    """The text a person knows the element by (kept on the node for browsing the graph), at most 200 characters."""
    for key in ("title", "name", "statement", "text"):
        value = data.get(key)
        if isinstance(value, str):
            return value[:200]
    return None


@dataclass
class WriteRows:
    """What one change set writes, cut into statements that each fit the server's parameter budget."""

    deletes: list[str]
    updates: list[dict[str, Any]]  # {"id", "props", "pos"}: the node's every property, its position
    creates: dict[str, list[dict[str, Any]]]
    appends: list[dict[str, str]]  # {"id", "piece"}: the rest of a data text too long for one statement
    edges: dict[str, list[dict[str, str | None]]]
    audit: list[dict[str, Any]]  # {"seq", "ops", "kinds", "items"}: what changed, in parts that fit a statement
    #: {"seq", "item", "side", "piece", "text"}: each change's fields before and after, in pieces that fit a statement
    audit_data: list[dict[str, Any]] = field(default_factory=list)
    #: {"id", "theme", "da", "en"}: an element TAGGED with a theme
    themes: list[dict[str, str]] = field(default_factory=list)
    #: label -> {"holder", "field", "seq", "props"}: the part nodes (readings) of the written elements
    parts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def write_rows(plan: Plan, budget: int) -> WriteRows:
    """Sort a plan into rows for the write statements of one transaction; long texts go in ``appends``."""
    head = max(64, budget // 4)
    appends: list[dict[str, str]] = []

    def row(r: Record) -> dict[str, Any]:
        data = dumps(r.data)
        parts = pieces(data, head) if cost(data) > head else [data]
        appends.extend({"id": r.id, "piece": p} for p in parts[1:])
        props = properties(r.kind, r.data)
        props.update(id=r.id, kind=r.kind, programme=r.programme, data=parts[0], version=r.version, title=title_of(r.data))
        return {"id": r.id, "props": props, "pos": position(r.data) if r.kind == "site" else None}

    creates: dict[str, list[dict[str, Any]]] = {}
    for r in plan.creates:
        creates.setdefault(r.kind, []).append(row(r))
    updates = [row(a) for _, a in plan.updates]
    edges: dict[str, list[dict[str, str | None]]] = {}
    themes: list[dict[str, str]] = []
    part_nodes: dict[str, list[dict[str, Any]]] = {}
    for r in plan.creates + [a for _, a in plan.updates]:
        for ref, target in references_of(r.kind, r.data):
            a, b = (target, r.id) if ref.reverse else (r.id, target)
            edge = {"a": a, "b": b, "field": ref.field, "holder": r.id, "reason": reason_of(r.data, target)}
            edges.setdefault(ref.relation, []).append(edge)
        themes.extend(theme_row(r.id, key) for key in dict.fromkeys(themes_of(r.data)))
        for label, part_rows in parts(r.kind, r.id, r.data).items():
            part_nodes.setdefault(label, []).extend(part_rows)
    changes = [("create", r.kind, r.id) for r in plan.creates]
    changes += [("update", a.kind, a.id) for _, a in plan.updates]
    changes += [("delete", r.kind, r.id) for r in plan.deletes]
    audit = [
        {"seq": seq, "ops": [c[0] for c in part], "kinds": [c[1] for c in part], "items": [c[2] for c in part]}
        for seq, part in enumerate(batches(changes, max(64, budget // 2)))
    ]
    rows = WriteRows([r.id for r in plan.deletes], updates, creates, appends, edges, audit, audit_data(plan, head))
    rows.themes, rows.parts = themes, part_nodes
    return rows


def theme_row(item: str, key: str) -> dict[str, str]:
    """An element's tag with a theme, with the theme's names for the ``Theme`` node."""
    _, da, en = THEMES.get(key, (None, key, key))
    return {"id": item, "theme": key, "da": da, "en": en}


def audit_data(plan: Plan, head: int) -> list[dict[str, Any]]:
    """The before and after fields of every change, as the SQLite store keeps them, cut into pieces."""
    sides: list[tuple[str, str, Any]] = [(r.id, "after", r.data) for r in plan.creates]
    sides += [side for b, a in plan.updates for side in ((a.id, "before", b.data), (a.id, "after", a.data))]
    sides += [(r.id, "before", r.data) for r in plan.deletes]
    rows: list[dict[str, Any]] = []
    for seq, (item, side, data) in enumerate(sides):
        text = dumps(data)
        for n, piece in enumerate(pieces(text, head) if cost(text) > head else [text]):
            rows.append({"seq": seq, "item": item, "side": side, "piece": n, "text": piece})
    return rows

