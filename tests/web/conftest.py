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
