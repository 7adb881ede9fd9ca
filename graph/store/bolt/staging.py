"""A change set's plan as rows for the write statements, each statement within the parameter budget."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.changeset import Record
from graph.schema import references_of
from graph.store.base import Plan, dumps
from graph.store.bolt.escaping import batches, cost, pieces, same


def title_of(data: dict) -> str | None:
    """The text a person knows the element by (kept on the node for browsing the graph), at most 200 characters."""
    for key in ("title", "name", "statement", "text"):
        value = data.get(key)
        if isinstance(value, str):
            return value[:200]
    return None


@dataclass
class StagedWrite:
    """What one change set writes, cut into statements that each fit the server's parameter budget."""

    deletes: list[str]
    updates: list[dict[str, Any]]
    creates: dict[str, list[dict[str, Any]]]
    appends: list[dict[str, str]]  # {"id", "piece"}: the rest of a data text too long for one statement
    edges: dict[str, list[dict[str, str]]]
    audit: list[dict[str, Any]]  # {"seq", "ops", "kinds", "items"}: what changed, in parts that fit a statement
    #: {"seq", "item", "side", "piece", "text"}: each change's fields before and after, in pieces that fit a statement
    audit_data: list[dict[str, Any]] = field(default_factory=list)


def staged_write(plan: Plan, budget: int, encode: Callable[[str], str] = same) -> StagedWrite:
    """Sort a plan into rows for the staging statements; long texts go in ``appends``.

    ``encode`` turns every text into what the server can carry (``escape_text`` for FalkorDB).
    """
    head = max(64, budget // 4)
    appends: list[dict[str, str]] = []

    def row(r: Record) -> dict[str, Any]:
        data = encode(dumps(r.data))
        parts = pieces(data, head) if cost(data) > head else [data]
        appends.extend({"id": r.id, "piece": p} for p in parts[1:])
        title = title_of(r.data)
        return {"id": r.id, "programme": r.programme, "data": parts[0], "version": r.version, "title": encode(title) if title else None}

    creates: dict[str, list[dict[str, Any]]] = {}
    for r in plan.creates:
        creates.setdefault(r.kind, []).append(row(r))
    updates = [row(a) for _, a in plan.updates]
    edges: dict[str, list[dict[str, str]]] = {}
    for r in plan.creates + [a for _, a in plan.updates]:
        for ref, target in references_of(r.kind, r.data):
            a, b = (target, r.id) if ref.reverse else (r.id, target)
            edges.setdefault(ref.relation, []).append({"a": a, "b": b, "field": ref.field, "holder": r.id})
    changes = [("create", r.kind, r.id) for r in plan.creates]
    changes += [("update", a.kind, a.id) for _, a in plan.updates]
    changes += [("delete", r.kind, r.id) for r in plan.deletes]
    audit = [
        {"seq": seq, "ops": [c[0] for c in part], "kinds": [c[1] for c in part], "items": [c[2] for c in part]}
        for seq, part in enumerate(batches(changes, max(64, budget // 2)))
    ]
    return StagedWrite([r.id for r in plan.deletes], updates, creates, appends, edges, audit, audit_data(plan, head, encode))


def audit_data(plan: Plan, head: int, encode: Callable[[str], str]) -> list[dict[str, Any]]:
    """The before and after fields of every change, as the SQLite store keeps them, cut into pieces."""
    sides: list[tuple[str, str, Any]] = [(r.id, "after", r.data) for r in plan.creates]
    sides += [side for b, a in plan.updates for side in ((a.id, "before", b.data), (a.id, "after", a.data))]
    sides += [(r.id, "before", r.data) for r in plan.deletes]
    rows: list[dict[str, Any]] = []
    for seq, (item, side, data) in enumerate(sides):
        text = encode(dumps(data))
        for n, piece in enumerate(pieces(text, head) if cost(text) > head else [text]):
            rows.append({"seq": seq, "item": item, "side": side, "piece": n, "text": piece})
    return rows

