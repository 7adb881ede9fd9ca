"""Web fixtures: an application per test on a temporary SQLite store holding the SMALL portfolio.

Reading pages are open in these tests (READ_WITHOUT_LOGIN); ``as_person`` signs a test request in
as a portfolio person without the sign-in forms, by setting ``g.user`` the way sign-in does.
"""
from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest
from flask import Flask, g, session

from importers.document import changeset_from_document
from tests.conftest import SMALL
from web import create_app

TEST_USER_KEY = "_test_user"


@pytest.fixture
def app(tmp_path) -> Flask:
    """An application on a fresh SQLite store holding the small portfolio."""
    application = create_app(
        {
            "TESTING": True,
            "STORE_URL": f"sqlite:///{tmp_path / 'portfolio.db'}",
            "USERS_DB": str(tmp_path / "users.db"),
            "SECRET_KEY": "test-secret",
            "READ_WITHOUT_LOGIN": True,
            "WTF_CSRF_ENABLED": False,
        }
    )
    store = application.extensions["portfolio"].store
    store.apply(changeset_from_document(copy.deepcopy(SMALL), "small.yaml"), "test")

    @application.before_request
    def _test_user() -> None:
        # runs after sign-in's own hook, so a test can stand in for a signed-in person
        who = session.get(TEST_USER_KEY)
        if who:
            g.user = SimpleNamespace(username=who["username"], person=who["person"], display_name=who["display_name"])

    yield application
    store.close()


@pytest.fixture
def client(app: Flask):
    """A test client of ``app`` (no one signed in)."""
    return app.test_client()


@pytest.fixture
def as_person(client):
    """Return a function that makes ``client`` act as a signed-in user linked to a person id."""

    def sign_in(person: str | None, username: str = "tester", display_name: str = "Test Bruger"):
        with client.session_transaction() as sess:
            sess[TEST_USER_KEY] = {"username": username, "person": person, "display_name": display_name}
        return client

    return sign_in


# --- sign-in and editing fixtures ---

#: Password of every test account.
PASSWORD = "hemmeligt-ord"
#: username -> person of the test accounts; ``stina`` sits in the steering group, ``olga`` has no role.
EDITORS: dict[str, str | None] = {
    "mette": "mette",
    "bjorn": "bjorn",
    "eva": "eva",
    "karen": "karen",
    "stina": "stina",
    "olga": None,
}


@pytest.fixture(scope="session")
def accounts_file(tmp_path_factory) -> str:
    """An accounts file with one account per EDITORS entry (made once: hashing is slow on purpose)."""
    from web import accounts

    path = tmp_path_factory.mktemp("accounts") / "users.db"
    for username, person in EDITORS.items():
        accounts.add_user(path, username, PASSWORD, person=person, display_name=username.title())
    return str(path)


@pytest.fixture
def editors(app: Flask, accounts_file: str) -> Flask:
    """The app with a steering-group person (stina) in the portfolio and an account per test person."""
    import shutil

    from graph.changeset import ChangeSet, parse_record

    store = app.extensions["portfolio"].store
    store.apply(
        ChangeSet(
            upserts=[
                parse_record("person", {"id": "stina", "name": "Stina Storm", "title": "Direktør"}, "test", "bass"),
                parse_record("role", {"person": "stina", "role": "steering_group", "programme": "bass"}, "test", "bass"),
            ]
        ),
        "test",
    )
    shutil.copyfile(accounts_file, app.config["USERS_DB"])
    return app


@pytest.fixture
def login(editors: Flask, client):
    """Return a function that signs ``client`` in through the sign-in form as one of EDITORS."""

    def sign_in(username: str):
        answer = client.post("/login", data={"username": username, "password": PASSWORD})
        assert answer.status_code == 302, answer.get_data(as_text=True)
        return client

    return sign_in


@pytest.fixture
def revision(editors: Flask):
    """Return a function giving the store's current revision."""
    return lambda: editors.extensions["portfolio"].store.revision()
