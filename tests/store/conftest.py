"""Stores for the contract suite: every test runs on SQLite and on a real Neo4j 5.26.

Neo4j runs on free 127.0.0.1 ports (devservers/) and takes about ten seconds to start, so one
serves the whole session and is emptied before each test that uses it. Tests that kill or restart
a server start their own. Every server is stopped by the fixture that started it, pass or fail.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devservers import Neo4jServer
from graph.store import Store, open_store

BoltServer = Neo4jServer
#: The Bolt servers every Bolt test runs on.
SERVERS = ["neo4j"]


@pytest.fixture(scope="session")
def shared_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """One Neo4j for the session's tests that do not kill it."""
    server = Neo4jServer(tmp_path_factory.mktemp("neo4j")).start()
    try:
        yield server
    finally:
        server.stop()


#: The password of the servers with authentication on (a test value, never a real one).
PASSWORD = "s3cret-pw"


@pytest.fixture(scope="session")
def shared_neo4j_with_auth(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """One Neo4j with authentication on (user neo4j, password PASSWORD), for the sign-in tests."""
    server = Neo4jServer(tmp_path_factory.mktemp("neo4j-auth"), password=PASSWORD).start()
    try:
        yield server
    finally:
        server.stop()


def _empty_server(request: pytest.FixtureRequest, tmp_path: Path, password: str | None) -> Iterator[BoltServer]:
    """The session's Neo4j (with authentication on when ``password`` is given), emptied."""
    neo: Neo4jServer = request.getfixturevalue("shared_neo4j_with_auth" if password else "shared_neo4j")
    neo.wipe()
    yield neo


@pytest.fixture(params=SERVERS)
def server_with_auth(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BoltServer]:
    """An empty Neo4j that asks for a password (PASSWORD)."""
    yield from _empty_server(request, tmp_path, PASSWORD)


@pytest.fixture(params=SERVERS)
def bolt_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BoltServer]:
    """An empty Neo4j."""
    yield from _empty_server(request, tmp_path, None)


@pytest.fixture(params=SERVERS)
def server_kind(request: pytest.FixtureRequest) -> str:
    """Each Bolt server kind, for tests that start their own servers."""
    return request.param


@pytest.fixture
def own_server(tmp_path: Path, server_kind: str) -> Iterator[Callable[..., BoltServer]]:
    """Start servers of this test's own kind (for tests that kill or restart them); all stopped after, pass or fail."""
    started: list[BoltServer] = []

    def start(password: str | None = None) -> BoltServer:
        folder = tmp_path / f"{server_kind}{len(started)}"
        server = Neo4jServer(folder, password=password)
        started.append(server)
        return server.start()

    try:
        yield start
    finally:
        for server in started:
            server.stop()


@pytest.fixture(params=["sqlite", *SERVERS])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'portfolio.db'}"
    neo: Neo4jServer = request.getfixturevalue("shared_neo4j")
    neo.wipe()
    return neo.url()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()
