"""The Cypher the Bolt store sends. Labels and relationship types come only from the schema
(``graph.schema``); every value travels as a parameter.
"""
from __future__ import annotations

from graph.relations import Relation
from graph.schema import REFERENCES
from graph.store.bolt.native import PART_LABEL, part_fields, text_properties

#: The node label of each kind (labels come from here only, never from user values).
LABELS: dict[str, str] = {kind: "".join(part.capitalize() for part in kind.split("_")) for kind in REFERENCES}

#: The label of each kind of part node (``Reading``): from the models only, never from user values.
PART_LABELS: tuple[str, ...] = tuple(sorted({model.__name__ for kind in REFERENCES for model in part_fields(kind).values()}))

#: Every relationship type the schema knows.
RELATIONS: tuple[str, ...] = tuple(sorted({ref.relation for refs in REFERENCES.values() for ref in refs}))

#: What a reader sees of an element.
ITEM_FIELDS = "n.kind AS kind, n.id AS id, n.programme AS programme, n.data AS data, n.version AS version"
#: Every element, as lists of ``$chunk`` rows (the fields of ``ITEM_FIELDS``, in order).
LOAD_CHUNKED = (
    "MATCH (n:Item) WITH collect([n.kind, n.id, n.programme, n.data, n.version]) AS rows "
    "UNWIND range(0, size(rows) - 1, $chunk) AS start RETURN rows[start..start + $chunk] AS chunk"
)


# -- the write: one explicit Neo4j transaction per change set -----------------------------------
#
# One explicit transaction: lock the revision node, check the revision, write the new state
# directly, advance the revision. Other transactions see all of it or none of it.

#: Setting a property takes the node's write lock first, so the revision read next is the committed one.
LOCK = "MATCH (m:TrackerMeta {key: $key}) SET m.lock = $token WITH m WHERE m.revision = $old RETURN 1 AS n"
ADVANCE = "MATCH (m:TrackerMeta {key: $key}) WHERE m.revision = $old SET m.revision = $new RETURN true AS won"
DIRECT_UNLINK = "UNWIND $rows AS id MATCH (n:Item {id: id})-[r]-() WHERE r.holder = id DELETE r RETURN count(DISTINCT id) AS n"
#: An element's part nodes go before it is rewritten or deleted; ``holder`` is indexed.
DIRECT_UNPART = f"UNWIND $rows AS id MATCH (p:{PART_LABEL} {{holder: id}}) DETACH DELETE p RETURN count(DISTINCT id) AS n"
DIRECT_DELETES = "UNWIND $rows AS id MATCH (n:Item {id: id}) DETACH DELETE n RETURN count(*) AS n"
#: A site's position as a WGS-84 point, from the row's ``pos`` ([longitude, latitude]) when it has one.
POSITION = "n.position = CASE WHEN row.pos IS NULL THEN null ELSE point({longitude: row.pos[0], latitude: row.pos[1]}) END"
#: What a statement that writes element nodes returns: how many, and each one's element id, so
#: the relationships that follow find their ends without an index lookup.
WRITTEN = "RETURN count(n) AS n, collect([n.id, elementId(n)]) AS ids"
#: ``SET n = row.props`` replaces every property, so a field taken out of an element leaves its node too.
DIRECT_UPDATES = f"UNWIND $rows AS row MATCH (n:Item {{id: row.id}}) SET n = row.props, n.revision = $new, {POSITION} {WRITTEN}"
#: The element ids of elements the change set links to but does not write.
NODE_IDS = f"UNWIND $rows AS id MATCH (n:Item {{id: id}}) {WRITTEN}"
#: A theme is a node of its own, so a query can group by it; its names come from graph.vocabulary.THEMES.
THEME_NODES = (
    "UNWIND $rows AS t MERGE (th:Theme {key: t.theme}) ON CREATE SET th.name_da = t.da, th.name_en = t.en "
    "RETURN count(th) AS n, collect([t.theme, elementId(th)]) AS ids"
)
#: ``n`` and ``th``: the element ids of the element and of its theme.
DIRECT_THEMES = (
    "UNWIND $rows AS t MATCH (n) WHERE elementId(n) = t.n MATCH (th) WHERE elementId(th) = t.th "
    f"CREATE (n)-[r:{Relation.TAGGED} {{field: 'themes', holder: t.id}}]->(th) RETURN count(r) AS n"
)
DIRECT_AUDIT = "CREATE (a:AuditEntry {revision: $new, at: $at, actor: $actor, note: $note, stamp: $stamp}) RETURN 1 AS n"
DIRECT_AUDIT_PARTS = (
    "UNWIND $rows AS row CREATE (p:AuditPart {revision: $new, seq: row.seq, ops: row.ops, kinds: row.kinds, items: row.items}) "
    "RETURN count(p) AS n"
)
DIRECT_AUDIT_DATA = (
    "UNWIND $rows AS row CREATE (d:AuditData {revision: $new, seq: row.seq, items: row.items, sides: row.sides, "
    "texts: row.texts}) RETURN count(d) AS n"
)


def direct_creates(kind: str) -> str:
    return f"UNWIND $rows AS row CREATE (n:Item:{LABELS[kind]}) SET n = row.props, n.revision = $new, {POSITION} {WRITTEN}"


def direct_parts(label: str) -> str:
    """Part nodes of ``label`` pointing ``OF`` their element (``row.node``: its element id)."""
    if label not in PART_LABELS:
        raise ValueError(f"not a part of the models: {label}")
    return (
        f"UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.node CREATE (p:{PART_LABEL}:{label})-[r:{Relation.OF} "
        "{field: row.field, holder: row.holder}]->(n) SET p += row.props, p.holder = row.holder, p.seq = row.seq "
        "RETURN count(p) AS n"
    )


def direct_edges(relation: str) -> str:
    """Relationships of ``relation`` between the nodes of the element ids ``e.a`` and ``e.b``."""
    if relation not in RELATIONS:
        raise ValueError(f"not a relation of the schema: {relation}")
    return (
        "UNWIND $rows AS e MATCH (a) WHERE elementId(a) = e.a MATCH (b) WHERE elementId(b) = e.b "
        f"CREATE (a)-[r:{relation} {{field: e.field, holder: e.holder}}]->(b) SET r.reason = e.reason RETURN count(r) AS n"
    )


def native_schema() -> list[str]:
    """A uniqueness constraint on ``id`` for every kind's label, and the full-text index of the
    Danish texts (Neo4j's ``danish`` analyser: stems and stop words of Danish)."""
    statements = [
        f"CREATE CONSTRAINT tracker_{kind}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for kind, label in LABELS.items()
    ]
    statements.append(f"CREATE INDEX tracker_part_holder IF NOT EXISTS FOR (p:{PART_LABEL}) ON (p.holder)")
    on = ", ".join(f"n.{name}" for name in text_properties())
    statements.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Item) ON EACH [{on}] "
        # Eventually consistent: Lucene's Danish analysis runs after the commit, not inside it
        # (it was two thirds of a large import's time); a search may trail a write by moments.
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'danish', `fulltext.eventually_consistent`: true}}"
    )
    return statements


#: Waits until the eventually consistent full-text index holds every commit so far.
AWAIT_SEARCH = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"
#: The full-text index: ``CALL db.index.fulltext.queryNodes('tracker_texts', 'sengepladser')``.
FULLTEXT_INDEX = "tracker_texts"
