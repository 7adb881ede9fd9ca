"""A change set's plan as rows for the write statements, cut into statements of a bounded size."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.changeset import Record
from graph.schema import references_of
from graph.store.base import Plan, dumps
from graph.store.bolt.native import parts, position, properties, reason_of, themes_of
from graph.vocabulary import THEMES

#: Rows per statement at most, whatever their size: the server plans and runs each statement's
#: rows together, and a few thousand keep its per-statement memory small.
ROWS_PER_STATEMENT = 10_000
#: Bytes a row is counted with besides its texts (ids, numbers, dates, the keys of the map).
ROW_OVERHEAD = 100


def title_of(data: dict[str, Any]) -> str | None:
    """The text a person knows the element by (kept on the node for browsing the graph), at most 200 characters."""
    for key in ("title", "name", "statement", "text"):
        value = data.get(key)
        if isinstance(value, str):
            return value[:200]
    return None


def chunks(rows: list[Any], budget: int, size: Callable[[Any], int] | None = None) -> Iterator[list[Any]]:
    """``rows`` in consecutive lists of at most ``ROWS_PER_STATEMENT`` rows whose ``size`` adds up to
    about ``budget`` (at least one row each); without ``size`` every row counts ``ROW_OVERHEAD``.

    The size is what the caller already knows (the length of a row's texts), so cutting costs no
    encoding of its own.

    >>> [len(c) for c in chunks(list(range(5)), 250)]
    [2, 2, 1]
    >>> [len(c) for c in chunks(["a" * 10, "b" * 500, "c"], 400, len)]
    [1, 1, 1]
    """
    batch: list[Any] = []
    used = 0
    for row in rows:
        cost = (size(row) if size is not None else 0) + ROW_OVERHEAD
        if batch and (used + cost > budget or len(batch) >= ROWS_PER_STATEMENT):
            yield batch
            batch, used = [], 0
        batch.append(row)
        used += cost
    if batch:
        yield batch


@dataclass
class WriteRows:
    """What one change set writes, as rows for the statements of its one transaction."""

    deletes: list[str]
    updates: list[dict[str, Any]]  # {"id", "props", "pos"}: the node's every property, its position
    creates: dict[str, list[dict[str, Any]]]
    #: relation -> {"a", "b", "field", "holder", "reason"}: ``a`` and ``b`` are element ids
    edges: dict[str, list[dict[str, str | None]]]
    audit: list[dict[str, Any]]  # {"seq", "ops", "kinds", "items"}: what changed, in parts
    #: {"seq", "items", "sides", "texts"}: the changes' fields before and after, many per row
    audit_data: list[dict[str, Any]] = field(default_factory=list)
    #: {"id", "theme"}: an element TAGGED with a theme
    themes: list[dict[str, str]] = field(default_factory=list)
    #: label -> {"holder", "field", "seq", "props"}: the part nodes (readings) of the written elements
    parts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: id -> the length of the element's fields as JSON, the measure that cuts node rows into statements
    sizes: dict[str, int] = field(default_factory=dict)

    def size(self, row: dict[str, Any]) -> int:
        """A node row's estimated bytes (for ``chunks``)."""
        return self.sizes.get(row["id"], 0)


def write_rows(plan: Plan, budget: int) -> WriteRows:
    """Sort a plan into rows for the write statements of one transaction.

    Each element's fields are encoded as JSON once, for the ``data`` property and the audit's
    after side together.
    """
    head = max(64, budget // 4)
    texts: dict[str, str] = {}

    def row(r: Record) -> dict[str, Any]:
        data = texts[r.id] = dumps(r.data)
        props = properties(r.kind, r.data)
        props.update(id=r.id, kind=r.kind, programme=r.programme, data=data, version=r.version, title=title_of(r.data))
        return {"id": r.id, "props": props, "pos": position(r.data) if r.kind == "site" else None}

    creates: dict[str, list[dict[str, Any]]] = {}
    for r in plan.creates:
        creates.setdefault(r.kind, []).append(row(r))
    updates = [row(a) for _, a in plan.updates]
    edges: dict[str, list[dict[str, str | None]]] = {}
    themes: list[dict[str, str]] = []
    part_nodes: dict[str, list[dict[str, Any]]] = {}
    for r in plan.creates + [a for _, a in plan.updates]:
        reasons = r.data.get("reasons")
        for ref, target in references_of(r.kind, r.data):
            a, b = (target, r.id) if ref.reverse else (r.id, target)
            reason = reason_of(r.data, target) if reasons else None
            edges.setdefault(ref.relation, []).append({"a": a, "b": b, "field": ref.field, "holder": r.id, "reason": reason})
        if r.data.get("themes"):
            themes.extend({"id": r.id, "theme": key} for key in dict.fromkeys(themes_of(r.data)))
        for label, part_rows in parts(r.kind, r.id, r.data).items():
            part_nodes.setdefault(label, []).extend(part_rows)
    changes = [("create", r.kind, r.id) for r in plan.creates]
    changes += [("update", a.kind, a.id) for _, a in plan.updates]
    changes += [("delete", r.kind, r.id) for r in plan.deletes]
    step = max(1, budget // 64)
    audit = [
        {"seq": seq, "ops": [c[0] for c in part], "kinds": [c[1] for c in part], "items": [c[2] for c in part]}
        for seq, part in enumerate(changes[start : start + step] for start in range(0, len(changes), step))
    ]
    rows = WriteRows([r.id for r in plan.deletes], updates, creates, edges, audit, audit_data(plan, head, texts))
    rows.themes, rows.parts = themes, part_nodes
    rows.sizes = {item: len(text) for item, text in texts.items()}
    return rows


def theme_names(key: str) -> dict[str, str]:
    """A theme's key and names for its ``Theme`` node (graph.vocabulary.THEMES).

    >>> theme_names("responsibility")["da"]
    'Organisering af ansvar'
    """
    _, da, en = THEMES.get(key, (None, key, key))
    return {"theme": key, "da": da, "en": en}


def audit_data(plan: Plan, head: int, texts: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The before and after fields of every change, as the SQLite store keeps them, packed into
    rows of about ``head`` characters each: one ``AuditData`` node holds many changes' texts, not
    one node per change (``texts``: the after sides already encoded).

    Each row: ``{"seq", "items", "sides", "texts"}``, the three lists side by side.
    """
    known = texts or {}
    sides: list[tuple[str, str, Any]] = [(r.id, "after", r.data) for r in plan.creates]
    sides += [side for b, a in plan.updates for side in ((a.id, "before", b.data), (a.id, "after", a.data))]
    sides += [(r.id, "before", r.data) for r in plan.deletes]
    rows: list[dict[str, Any]] = []
    used = head
    for item, side, data in sides:
        text = known[item] if side == "after" and item in known else dumps(data)
        if used + len(text) > head:
            rows.append({"seq": len(rows), "items": [], "sides": [], "texts": []})
            used = 0
        row = rows[-1]
        row["items"].append(item)
        row["sides"].append(side)
        row["texts"].append(text)
        used += len(text) + ROW_OVERHEAD
    return rows
