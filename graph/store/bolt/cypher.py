"""The Cypher the Bolt store sends. Labels and relationship types come only from the schema
(``graph.schema``); every value travels as a parameter.
"""
from __future__ import annotations

from graph.schema import REFERENCES

#: The node label of each kind (labels come from here only, never from user values).
LABELS: dict[str, str] = {kind: "".join(part.capitalize() for part in kind.split("_")) for kind in REFERENCES}

#: Every relationship type the schema knows.
RELATIONS: tuple[str, ...] = tuple(sorted({ref.relation for refs in REFERENCES.values() for ref in refs}))

#: What a reader sees of an element: only committed nodes (a writer's staged new nodes are ``fresh``).
ITEM_FIELDS = "n.kind AS kind, n.id AS id, n.programme AS programme, n.data AS data, n.version AS version"
COMMITTED = "n.fresh IS NULL"
#: Every committed element, as lists of ``$chunk`` rows (the fields of ``ITEM_FIELDS``, in order).
LOAD_CHUNKED = (
    f"MATCH (n:Item) WHERE {COMMITTED} WITH collect([n.kind, n.id, n.programme, n.data, n.version]) AS rows "
    "UNWIND range(0, size(rows) - 1, $chunk) AS start RETURN rows[start..start + $chunk] AS chunk"
)


# -- the write protocol's statements ----------------------------------------------------------
#
# A writer (1) takes the lease: a compare-and-set on the revision node that succeeds only if the
# revision is still the one it validated against and no live writer holds the lease; (2) stages
# the change in small statements that readers do not see (new nodes and relationships are marked
# ``fresh``, replaced values wait in ``next_*`` properties, deletions are marked ``doomed``), renewing
# the lease before every group of statements; (3) commits in one statement that advances the revision and turns
# the staging into the new state. A writer that dies leaves only staging, which the next writer
# clears once the lease has run out.

LEASE = (
    # Setting a property first takes the node's write lock on Neo4j, so the values read next are
    # the committed ones and a concurrent writer waits here (FalkorDB runs writes one at a time).
    "MATCH (m:TrackerMeta {key: $key}) SET m.lock = $token "
    "WITH m, timestamp() AS now, m.lease AS previous "
    "WHERE m.revision = $old AND (m.lease IS NULL OR m.lease_until < now) "
    "SET m.lease = $token, m.lease_until = now + $ttl "
    "RETURN previous"
)
#: Every staging statement starts here: nothing happens unless this writer still holds the lease.
HOLD = "MATCH (m:TrackerMeta {key: $key}) WHERE m.lease = $token WITH m "
#: Sent before every group of staging statements (not in each: writing the lease node costs a
#: third of a small statement's time on FalkorDB).
RENEW = "MATCH (m:TrackerMeta {key: $key}) WHERE m.lease = $token SET m.lease_until = timestamp() + $ttl RETURN 1 AS n"

STAGE_DELETES = HOLD + "UNWIND $rows AS id MATCH (n:Item {id: id}) WHERE n.fresh IS NULL SET n.stage = $token, n.doomed = true RETURN count(n) AS n"
STAGE_UPDATES = (
    HOLD + "UNWIND $rows AS row MATCH (n:Item {id: row.id}) WHERE n.fresh IS NULL "
    "SET n.stage = $token, n.next_data = row.data, n.next_version = row.version, "
    "n.next_programme = row.programme, n.next_title = row.title RETURN count(n) AS n"
)
STAGE_UNLINK = (
    HOLD + "UNWIND $rows AS id MATCH (n:Item {id: id})-[r]-() WHERE n.fresh IS NULL AND r.holder = id AND r.fresh IS NULL "
    "SET r.doomed = true, r.stage = $token RETURN count(DISTINCT id) AS n"
)
STAGE_APPEND = (
    HOLD + "UNWIND $rows AS row MATCH (n:Item {id: row.id}) WHERE n.stage = $token "
    "SET n.next_data = CASE WHEN n.fresh THEN n.next_data ELSE n.next_data + row.piece END, "
    "n.data = CASE WHEN n.fresh THEN n.data + row.piece ELSE n.data END RETURN count(n) AS n"
)
STAGE_AUDIT = HOLD + "CREATE (a:AuditEntry {stage: $token, at: $at, actor: $actor, note: $note}) RETURN 1 AS n"
# Parts, not one growing list: appending to a list property costs its whole length every time.
STAGE_AUDIT_PARTS = (
    HOLD + "UNWIND $rows AS row CREATE (p:AuditPart {stage: $token, seq: row.seq, ops: row.ops, kinds: row.kinds, items: row.items}) "
    "RETURN count(p) AS n"
)
STAGE_AUDIT_DATA = (
    HOLD + "UNWIND $rows AS row CREATE (d:AuditData {stage: $token, seq: row.seq, item: row.item, side: row.side, "
    "piece: row.piece, text: row.text}) RETURN count(d) AS n"
)


def stage_creates(kind: str) -> str:
    return (
        HOLD + f"UNWIND $rows AS row CREATE (n:Item:{LABELS[kind]} {{id: row.id, kind: '{kind}', programme: row.programme, "
        "data: row.data, version: row.version, title: row.title, stage: $token, fresh: true}) RETURN count(n) AS n"
    )


def stage_edges(relation: str) -> str:
    if relation not in RELATIONS:
        raise ValueError(f"not a relation of the schema: {relation}")
    return (
        HOLD + "UNWIND $rows AS e MATCH (a:Item {id: e.a}) MATCH (b:Item {id: e.b}) "
        "WHERE a.doomed IS NULL AND b.doomed IS NULL "
        f"CREATE (a)-[r:{relation} {{field: e.field, holder: e.holder, stage: $token, fresh: true}}]->(b) RETURN count(r) AS n"
    )


#: The commit's first step: advance the revision if this writer still holds the lease.
COMMIT_CHECK = (
    "MATCH (m:TrackerMeta {key: $key}) SET m.lock = $token "
    "WITH m WHERE m.lease = $token AND m.revision = $old "
    "SET m.revision = $new, m.lease = null, m.lease_until = null, m.writer = $token "
)
#: The commit's further steps: turn this writer's staging into the new state.
COMMIT_STEPS = (
    "MATCH (n:Item {stage: $token})-[r]-() WHERE r.doomed = true WITH DISTINCT r DELETE r ",
    "MATCH (n:Item {stage: $token}) WHERE n.doomed = true DETACH DELETE n ",
    "MATCH (n:Item {stage: $token})-[r]-() WHERE r.fresh = true WITH DISTINCT r SET r.fresh = null, r.stage = null ",
    "MATCH (n:Item {stage: $token}) WHERE n.next_version IS NOT NULL "
    "SET n.data = n.next_data, n.version = n.next_version, n.programme = n.next_programme, n.title = n.next_title ",
    "MATCH (n:Item {stage: $token}) "
    "SET n.revision = $new, n.stage = null, n.fresh = null, n.next_data = null, n.next_version = null, "
    "n.next_programme = null, n.next_title = null ",
    "MATCH (a:AuditEntry {stage: $token}) SET a.revision = $new, a.stage = null ",
    "MATCH (p:AuditPart {stage: $token}) SET p.revision = $new, p.stage = null ",
    "MATCH (d:AuditData {stage: $token}) SET d.revision = $new, d.stage = null ",
)
WON = "MATCH (m:TrackerMeta {key: $key}) RETURN m.writer = $token AND m.revision = $new AS won"
#: Everything in one statement, so the new state appears whole or not at all (FalkorDB, whose
#: transactions do not roll back). Inside one Neo4j transaction the steps run one statement each:
#: Neo4j 5 refuses to read, later in the same statement, a node deleted from uncommitted state.
COMMIT = (
    COMMIT_CHECK
    + "".join(
        f"WITH count(*) AS _{k} MATCH (m:TrackerMeta {{key: $key}}) WHERE m.writer = $token AND m.revision = $new " + step
        for k, step in enumerate(COMMIT_STEPS, 1)
    )
    + f"WITH count(*) AS _{len(COMMIT_STEPS) + 1} " + WON
)

#: Clearing what writers that died left behind (run by a writer holding the lease).
CLEANUP = (
    "MATCH (n:Item)-[r]-() WHERE n.stage IS NOT NULL AND r.fresh = true WITH DISTINCT r DELETE r",
    "MATCH (n:Item)-[r]-() WHERE n.stage IS NOT NULL AND r.doomed = true WITH DISTINCT r SET r.doomed = null, r.stage = null",
    "MATCH (n:Item) WHERE n.fresh = true DETACH DELETE n",
    "MATCH (n:Item) WHERE n.stage IS NOT NULL SET n.stage = null, n.doomed = null, n.next_data = null, "
    "n.next_version = null, n.next_programme = null, n.next_title = null",
    "MATCH (a:AuditEntry) WHERE a.stage IS NOT NULL DELETE a",
    "MATCH (p:AuditPart) WHERE p.stage IS NOT NULL DELETE p",
    "MATCH (d:AuditData) WHERE d.stage IS NOT NULL DELETE d",
)
RELEASE = "MATCH (m:TrackerMeta {key: $key}) WHERE m.lease = $token SET m.lease = null, m.lease_until = null"

# -- the direct write, on servers whose transactions roll back (Neo4j) --------------------------
#
# One explicit transaction: lock the revision node, check the revision, write the new state
# directly, advance the revision. Other transactions see all of it or none of it.

#: Setting a property takes the node's write lock first, so the revision read next is the committed one.
LOCK = (
    "MATCH (m:TrackerMeta {key: $key}) SET m.lock = $token WITH m "
    "WHERE m.revision = $old AND (m.lease IS NULL OR m.lease_until < timestamp()) RETURN 1 AS n"
)
ADVANCE = "MATCH (m:TrackerMeta {key: $key}) WHERE m.revision = $old SET m.revision = $new, m.lease = null, m.lease_until = null RETURN true AS won"
DIRECT_UNLINK = "UNWIND $rows AS id MATCH (n:Item {id: id})-[r]-() WHERE r.holder = id DELETE r RETURN count(DISTINCT id) AS n"
DIRECT_DELETES = "UNWIND $rows AS id MATCH (n:Item {id: id}) DETACH DELETE n RETURN count(*) AS n"
DIRECT_UPDATES = (
    "UNWIND $rows AS row MATCH (n:Item {id: row.id}) SET n.data = row.data, n.version = row.version, "
    "n.programme = row.programme, n.title = row.title, n.revision = $new RETURN count(n) AS n"
)
DIRECT_APPEND = "UNWIND $rows AS row MATCH (n:Item {id: row.id}) SET n.data = n.data + row.piece RETURN count(n) AS n"
DIRECT_AUDIT = "CREATE (a:AuditEntry {revision: $new, at: $at, actor: $actor, note: $note}) RETURN 1 AS n"
DIRECT_AUDIT_PARTS = (
    "UNWIND $rows AS row CREATE (p:AuditPart {revision: $new, seq: row.seq, ops: row.ops, kinds: row.kinds, items: row.items}) "
    "RETURN count(p) AS n"
)
DIRECT_AUDIT_DATA = (
    "UNWIND $rows AS row CREATE (d:AuditData {revision: $new, seq: row.seq, item: row.item, side: row.side, "
    "piece: row.piece, text: row.text}) RETURN count(d) AS n"
)


def direct_creates(kind: str) -> str:
    return (
        f"UNWIND $rows AS row CREATE (n:Item:{LABELS[kind]} {{id: row.id, kind: '{kind}', programme: row.programme, "
        "data: row.data, version: row.version, title: row.title, revision: $new}) RETURN count(n) AS n"
    )


def direct_edges(relation: str) -> str:
    if relation not in RELATIONS:
        raise ValueError(f"not a relation of the schema: {relation}")
    return (
        "UNWIND $rows AS e MATCH (a:Item {id: e.a}) MATCH (b:Item {id: e.b}) "
        f"CREATE (a)-[r:{relation} {{field: e.field, holder: e.holder}}]->(b) RETURN count(r) AS n"
    )

