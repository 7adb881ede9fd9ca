"""The Bolt store: the portfolio in a graph server (Neo4j, or any server speaking Bolt and Cypher).

Layout in the server. Every element is a node labelled ``Item`` and its kind's label
(``Initiative``, ``FocusArea``, ...) with the properties ``id``, ``kind``, ``programme``, ``data``
(the element's file-format fields as canonical JSON), ``version``, ``revision`` and ``title``.
Every reference is a relationship of the schema's type (``SERVES``, ``PART_OF``, ...) carrying
``field`` and ``holder`` (the id of the element that holds the reference), in the direction
DESIGN.md section 2 names. One ``TrackerMeta`` node holds the revision; one ``AuditEntry`` node per
revision holds who, when and the note, with ``AuditPart`` nodes listing what changed (op, kind, id).

Why every change set is one Cypher statement: a change set must be applied whole or not at all on
every server. Neo4j rolls a failed statement back, and so does FalkorDB, but FalkorDB's explicit
transactions do not roll back earlier statements. So the writer reads and validates, then sends a
single statement that first compares and sets the revision (taking the revision node's write lock
before reading it, so two writers on Neo4j cannot both win) and only then deletes, writes nodes,
relationships and the audit entry. A writer that lost the race re-reads and tries again, so two
processes never lose each other's changes.

Labels and relationship types in statements come only from the schema (``graph.schema``); every
value travels as a parameter.

The package: ``url`` (store URLs, ``redact``), ``escaping`` (texts and parameter budgets),
``staging`` (a plan as statement rows), ``cypher`` (every statement) and ``store`` (``BoltStore``:
the connection, the capability check, reads and both write protocols). Tests that change a
statement or a time limit patch it in ``cypher`` or ``store``.
"""
from __future__ import annotations

from graph.store.bolt.cypher import LABELS, RELATIONS
from graph.store.bolt.escaping import batches, escape_text, pieces, unescape_text
from graph.store.bolt.staging import StagedWrite, staged_write
from graph.store.bolt.store import BoltStore
from graph.store.bolt.url import BoltTarget, parse_bolt_url, redact

__all__ = [
    "LABELS", "RELATIONS", "BoltStore", "BoltTarget", "StagedWrite",
    "batches", "escape_text", "parse_bolt_url", "pieces", "redact", "staged_write", "unescape_text",
]
