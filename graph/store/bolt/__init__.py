"""The Bolt store: the portfolio in a graph server (Neo4j 5).

Layout in the server (model 2, see ``native``). Every element is a node labelled ``Item`` and
its kind's label (``Initiative``, ``FocusArea``, ...) with the properties ``id``, ``kind``,
``programme``, ``data`` (the element's file-format fields as canonical JSON: what is read back),
``version``, ``revision`` and ``title``, and each scalar field as a property of its Neo4j type.
Every reference is a relationship of the schema's type (``SERVES``, ``PART_OF``, ...) carrying
``field``, ``holder`` (the id of the element that holds the reference) and the link's ``reason``,
in the direction DESIGN.md section 2 names. Themes are ``Theme`` nodes (``TAGGED``), an
indicator's readings ``Reading`` nodes (``OF``). One ``TrackerMeta`` node holds the revision and
the model; one ``AuditEntry`` node per revision holds who, when and the note, with ``AuditPart``
nodes listing what changed (op, kind, id) and ``AuditData`` nodes holding the changes' fields
before and after (JSON texts, many changes per node; ``BoltStore.history`` also reads the older
one node per change and piece).

How a change set is applied whole or not at all: the writer reads and validates, then writes in
one explicit Neo4j transaction. Its first statement sets a property on the revision node, which
takes that node's write lock before the revision is read, so a second writer waits there and then
sees the new revision; then the nodes are written label by label (UNWIND statements that return
each node's element id), the relationships, tags and readings by those element ids, the audit,
and the revision advanced. A failure, a lost connection or a killed server rolls it all back.

A writer that lost the race re-reads and tries again, so two processes never lose each other's
changes.

Labels and relationship types in statements come only from the schema (``graph.schema``); every
value travels as a parameter.

The package: ``url`` (store URLs, ``redact``), ``escaping`` (pieces of long texts, batches of lookups),
``native`` (fields as typed properties), ``rows`` (a plan as statement rows, ``chunks``), ``cypher`` (every
statement), ``store`` (``BoltStore``: the connection, the schema, reads and the write) and
``migrate`` (model 1 to model 2). Tests that change a
statement or a time limit patch it in ``cypher`` or ``store``.
"""
from __future__ import annotations

from graph.store.bolt.cypher import LABELS, RELATIONS
from graph.store.bolt.escaping import batches, pieces
from graph.store.bolt.rows import WriteRows, write_rows
from graph.store.bolt.store import BoltStore
from graph.store.bolt.url import BoltTarget, parse_bolt_url, redact

__all__ = [
    "LABELS", "RELATIONS", "BoltStore", "BoltTarget", "WriteRows",
    "batches", "parse_bolt_url", "pieces", "redact", "write_rows",
]
