"""What the store sets up on Neo4j when it connects."""
from __future__ import annotations

import pytest

from devservers import Neo4jServer
from graph.store import StoreError
from graph.store.bolt import BoltStore


def test_a_change_set_is_one_neo4j_transaction_in_one_megabyte_batches(bolt_server):
    with BoltStore(bolt_server.url("bass")) as store:
        assert store.budget == 1_000_000
        names = store._read(lambda tx: {r["name"] for r in tx.run("SHOW INDEXES YIELD name RETURN name")})
        assert {"tracker_item_revision", "tracker_audit_revision"} <= names
        assert not {"tracker_item_stage", "tracker_audit_stage"} & names  # no staging left


def test_neo4j_keeps_item_ids_unique_with_a_constraint(shared_neo4j: Neo4jServer):
    shared_neo4j.wipe()
    with BoltStore(shared_neo4j.url()) as store:
        names = store._read(lambda tx: [r["name"] for r in tx.run("SHOW CONSTRAINTS YIELD name RETURN name")])
        assert {"tracker_item_id", "tracker_meta_key"} <= set(names)
        with pytest.raises(StoreError, match="already exists"):
            store._write(lambda tx: tx.run("CREATE (:Item {id: 'x'}) CREATE (:Item {id: 'x'})").consume())
        assert store.counts() == {}


def test_neo4j_uses_the_database_the_url_names(shared_neo4j: Neo4jServer):
    url = shared_neo4j.url().rsplit("/", 1)[0] + "/nosuchdb"
    with pytest.raises(StoreError) as refused:
        BoltStore(url)
    assert "nosuchdb" in str(refused.value)
