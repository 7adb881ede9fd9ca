"""Bringing a Bolt store written by an older model of the graph to today's (``tracker migrate``).

Model 1 kept every element's fields only in the ``data`` JSON of its node. Model 2 (``native``)
adds them as properties of their Neo4j type, a site's ``position``, the ``reason`` of each link on
its relationship, the ``Theme`` nodes and the part nodes (``Reading``). The migration reads each element's ``data`` and writes
what model 2 adds, in one transaction that also sets the model on the revision node: it happens
whole or not at all, and a second run finds nothing to do.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from graph.store.base import StoreError
from graph.store.bolt import cypher
from graph.store.bolt.native import MODEL_VERSION, parts, position, properties, reason_of, themes_of
from graph.store.bolt.rows import theme_names
from graph.store.bolt.store import META_KEY, BoltStore

#: Elements per statement of the migration.
BATCH = 2_000

SET_PROPERTIES = f"UNWIND $rows AS row MATCH (n:Item {{id: row.id}}) SET n += row.props, {cypher.POSITION} RETURN count(n) AS n"
SET_REASONS = (
    "UNWIND $rows AS row MATCH (n:Item {id: row.id})-[r]-(t:Item {id: row.target}) "
    "WHERE r.holder = row.id SET r.reason = row.reason RETURN count(r) AS n"
)
SET_MODEL = "MATCH (m:TrackerMeta {key: $key}) SET m.schema = $model RETURN m.revision AS revision"


@dataclass(frozen=True)
class Migrated:
    """What a migration did: the model found, the model now, and how many elements it rewrote."""

    found: int
    now: int
    elements: int


def migrate(url: str) -> Migrated:
    """Migrate the Bolt store at ``url`` in place to ``MODEL_VERSION``; nothing to do when it is there.

    A store of a newer model than this tracker knows is refused (by ``BoltStore``) before anything is read.
    """
    store = BoltStore(url, migrating=True)
    try:
        found = store.model
        if found == MODEL_VERSION:
            return Migrated(found, found, 0)
        count = store._write(lambda tx: _migrate(tx))
        return Migrated(found, MODEL_VERSION, count)
    finally:
        store.close()


def _migrate(tx: Any) -> int:
    """Every element's model-2 additions, then the model on the revision node, in transaction ``tx``."""
    tx.run("MATCH (m:TrackerMeta {key: $key}) SET m.lock = 'migrate'", key=META_KEY).consume()
    rows = tx.run("MATCH (n:Item) RETURN n.id, n.kind, n.data, elementId(n)").values()
    props: list[dict[str, Any]] = []
    reasons: list[dict[str, Any]] = []
    themes: list[dict[str, str]] = []
    part_nodes: dict[str, list[dict[str, Any]]] = {}
    nodes: dict[str, str] = {}
    for item, kind, text, node in rows:
        nodes[item] = node
        try:
            data = json.loads(text)
        except ValueError:
            raise StoreError(
                f"the element '{item}' holds fields that are not JSON; it was not written by the tracker, nothing was migrated",
                f"elementet '{item}' har felter, der ikke er JSON; det er ikke skrevet af trackeren, intet er migreret",
            ) from None
        props.append({"id": item, "props": properties(kind, data), "pos": position(data) if kind == "site" else None})
        for target in (data.get("reasons") or {}):
            reason = reason_of(data, target)
            if reason is not None:
                reasons.append({"id": item, "target": target, "reason": reason})
        themes.extend({"id": item, "theme": key} for key in dict.fromkeys(themes_of(data)))
        for label, part_rows in parts(kind, item, data).items():
            part_nodes.setdefault(label, []).extend({**p, "node": node} for p in part_rows)
    keys = sorted({t["theme"] for t in themes})
    found = tx.run(cypher.THEME_NODES, rows=[theme_names(k) for k in keys]).single()
    theme_nodes = dict(found["ids"]) if found else {}
    tags = [{**t, "n": nodes[t["id"]], "th": theme_nodes[t["theme"]]} for t in themes]
    statements = [(SET_PROPERTIES, props), (SET_REASONS, reasons), (cypher.DIRECT_THEMES, tags)]
    statements += [(cypher.direct_parts(label), part_rows) for label, part_rows in part_nodes.items()]
    for statement, all_rows in statements:
        for start in range(0, len(all_rows), BATCH):
            tx.run(statement, rows=all_rows[start : start + BATCH]).consume()
    tx.run(SET_MODEL, key=META_KEY, model=MODEL_VERSION).consume()
    return len(rows)
