"""What the store detects on each Bolt server when it connects, and what only Neo4j has."""
from __future__ import annotations

import pytest

from devservers import Neo4jServer
from graph.store import StoreError
from graph.store.bolt import BoltStore


def test_the_capability_check_picks_the_write_protocol_and_the_batch_size(bolt_server):
    with BoltStore(bolt_server.url("bass")) as store:
        assert (store.transactional, store.budget) == {"neo4j": (True, 1_000_000), "falkordb": (False, 3_000)}[bolt_server.kind]


def test_neo4j_keeps_item_ids_unique_with_a_constraint(shared_neo4j: Neo4jServer):
    """FalkorDB has no uniqueness constraints (its writers validate ids inside the revision check)."""
    shared_neo4j.wipe()
    with BoltStore(shared_neo4j.url()) as store:
        names = store._read(lambda tx: [r["name"] for r in tx.run("SHOW CONSTRAINTS YIELD name RETURN name")])
        assert {"tracker_item_id", "tracker_meta_key"} <= set(names)
        with pytest.raises(StoreError, match="already exists"):
            store._write(lambda tx: tx.run("CREATE (:Item {id: 'x'}) CREATE (:Item {id: 'x'})").consume())
        assert store.counts() == {}


def test_neo4j_uses_the_database_the_url_names(shared_neo4j: Neo4jServer):
    """FalkorDB serves one graph whatever database is asked for; Neo4j refuses one it lacks."""
    url = shared_neo4j.url().rsplit("/", 1)[0] + "/nosuchdb"
    with pytest.raises(StoreError) as refused:
        BoltStore(url)
    assert "nosuchdb" in str(refused.value)
