"""Faults of a Bolt server: down, wrong password, killed mid-session, killed mid-write, a writer that died.

Each test runs on a real Neo4j 5.26, on servers of its own (``own_server``): they are killed.
"""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest

import graph.store.bolt.cypher as cypher
import graph.store.bolt.store as bolt
from devservers import Neo4jServer, free_port
from graph.changeset import ChangeSet, parse_record
from graph.store import StoreError
from graph.store.bolt import BoltStore
from importers.document import changeset_from_document
from tests.conftest import SMALL

ROOT = Path(__file__).resolve().parents[2]


def small_changes() -> ChangeSet:
    return changeset_from_document(copy.deepcopy(SMALL), "small.yaml")


def many_initiatives(n: int, prefix: str = "big") -> ChangeSet:
    return ChangeSet([
        parse_record("initiative", {"id": f"{prefix}-{k}", "title": f"Indsats {k}", "focus_areas": ["geri-fa2"], "owner": "eva"}, "t")
        for k in range(n)
    ])


def every_item_node(server: Neo4jServer) -> int:
    """All Item nodes on the server (a second opinion beside the store's reads)."""
    with BoltStore(server.url("bass"), environ=credentials(server)) as store:
        return store._read(lambda tx: tx.run("MATCH (n:Item) RETURN count(n) AS c").single()["c"])


def credentials(server: Neo4jServer, password: str | None = None) -> dict[str, str]:
    """The environment that signs in to ``server`` (with ``password`` instead of its own, if given)."""
    if not server.password:
        return {}
    return {"TRACKER_BOLT_USER": "neo4j", "TRACKER_BOLT_PASSWORD": password or server.password}


@pytest.fixture
def quick(monkeypatch):
    """Short retry times, so tests of dead writers and servers do not wait half a minute."""
    monkeypatch.setattr(bolt, "RETRY_SECONDS", 1.0)
    monkeypatch.setattr(bolt, "WAIT_SECONDS", 20.0)


def test_a_server_that_is_down(quick):
    url = f"bolt://127.0.0.1:{free_port()}/bass"
    with pytest.raises(StoreError) as exc:
        BoltStore(url)
    assert str(exc.value).startswith(f"cannot reach the Bolt server at {url}: is it running?")


def test_a_wrong_password_is_named_and_never_shown(server_with_auth, quick):
    server = server_with_auth
    with pytest.raises(StoreError) as exc:
        BoltStore(server.url("bass"), environ=credentials(server, "wrong-pw"))
    message = str(exc.value)
    assert "TRACKER_BOLT_USER" in message and "TRACKER_BOLT_PASSWORD" in message
    assert "wrong-pw" not in message
    user = credentials(server)["TRACKER_BOLT_USER"]
    database = server.url("bass").rsplit("/", 1)[1]
    url = f"bolt://{user}:s3cret-pw@127.0.0.1:{server.bolt_port}/{database}"
    with BoltStore(url, environ={}) as store:
        assert store.url == f"bolt://{user}@127.0.0.1:{server.bolt_port}/{database}"
        assert store.apply(small_changes(), "mette").revision == 1
    # what the store translated is Neo4j's own AuthError, not a general error
    import neo4j

    with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{server.bolt_port}", auth=("neo4j", "wrong-pw")) as driver:
        with pytest.raises(neo4j.exceptions.AuthError):
            driver.verify_connectivity()


def test_the_cli_shows_no_password_and_no_traceback(server_with_auth):
    server = server_with_auth
    user = credentials(server)["TRACKER_BOLT_USER"]
    database = server.url("bass").rsplit("/", 1)[1]
    url = f"bolt://{user}:not-the-pw@127.0.0.1:{server.bolt_port}/{database}"
    run = subprocess.run([sys.executable, "-m", "tracker.cli", "coverage", "--store", url], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "not-the-pw" not in run.stderr + run.stdout
    assert "Traceback" not in run.stderr
    assert f"bolt://{user}@127.0.0.1:{server.bolt_port}/{database}" in run.stderr


def test_a_server_killed_mid_session(own_server, quick):
    server = own_server()
    store = BoltStore(server.url("bass"))
    store.apply(small_changes(), "mette")
    server.kill()
    with pytest.raises(StoreError, match="cannot reach the Bolt server"):
        store.revision()
    with pytest.raises(StoreError, match="cannot reach the Bolt server"):
        store.apply(many_initiatives(3), "mette")
    store.close()


def test_a_server_killed_in_the_middle_of_a_write_keeps_the_old_state(own_server, quick, monkeypatch):
    """The server dies after part of the write reached it; after a restart the old state is there, whole.

    The JVM is killed inside the write's one transaction; recovery leaves nothing of it, and the
    next writer goes ahead at once.
    """
    server = own_server()
    store = BoltStore(server.url("bass"))
    store.apply(small_changes(), "mette")
    statements = {"n": 0}
    die_at = 3  # Neo4j's 1 MB batches: 400 initiatives take a few statements
    real_run = BoltStore._run_checked

    def run_then_die(self, tx, statement, params, expected):
        statements["n"] += 1
        if statements["n"] == die_at:
            server.kill()
        return real_run(self, tx, statement, params, expected)

    monkeypatch.setattr(BoltStore, "_run_checked", run_then_die)
    with pytest.raises(StoreError, match="cannot reach the Bolt server"):
        store.apply(many_initiatives(400), "mette")
    monkeypatch.undo()
    store.close()
    assert statements["n"] == die_at

    server.start()
    assert every_item_node(server) == 34  # the killed transaction left nothing
    with BoltStore(server.url("bass")) as again:
        assert (again.revision(), sum(again.counts().values()), len(again.load().records)) == (1, 34, 34)
        assert [e.actor for e in again.audit()] == ["mette"]
        applied = again.apply(many_initiatives(400), "mette")
        assert (applied.revision, len(applied.created)) == (2, 400)
        assert sum(again.counts().values()) == 434
    assert every_item_node(server) == 434


def test_a_writer_that_failed_before_its_commit_leaves_nothing(bolt_server, quick, monkeypatch):
    server = bolt_server
    store = BoltStore(server.url("bass"))
    store.apply(small_changes(), "mette")
    # the first writer wrote everything inside its transaction and fails before it commits:
    # the transaction rolls back
    monkeypatch.setattr(cypher, "ADVANCE", "RETURN false AS won")
    with pytest.raises(StoreError, match="refused part of the write"):
        store.apply(ChangeSet([parse_record("initiative", {"id": "geri-i1", "title": "Død skriver"}, "t")], deletes=["orphan-i"]) , "dead")
    monkeypatch.undo()
    assert every_item_node(server) == 34
    records = {r.id: r for r in store.load().records}
    assert records["geri-i1"].data["title"] == "Fælles undervisning" and "orphan-i" in records
    assert store.revision() == 1

    other = BoltStore(server.url("bass"))
    applied = other.apply(many_initiatives(5), "alive")
    assert applied.revision == 2
    records = {r.id: r for r in other.load().records}
    assert (records["geri-i1"].data["title"], records["geri-i1"].version, "orphan-i" in records) == ("Fælles undervisning", 1, True)
    assert [e.actor for e in other.audit()] == ["alive", "mette"]
    # the failed writer's unlinking of geri-i1's references was undone: geri-fa1 is still served
    assert other.trace_ids("geri-i1")["focus_areas"] == ["geri-fa1"]
    other.close()
    store.close()
