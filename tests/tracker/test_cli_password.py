"""``tracker user password``: a new password for an account, which signs it out in every browser (issue 11)."""
from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from tests.tracker.conftest import FakeTerminal
from web import create_app

OLD, NEW = "hemmeligt-ord", "et-helt-nyt-ord"


@pytest.fixture
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "inst"
    monkeypatch.setenv("TRACKER_INSTANCE", str(path))
    return path


@pytest.fixture
def eva(cli, loaded, instance) -> Path:
    assert cli("user", "add", "eva", "--person", "eva", "--password-stdin", stdin=OLD + "\n").code == 0
    return instance / "users.db"


def signed_in_browser(users_db: Path, store: Path, password: str):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(users_db.parent), "STORE_URL": f"sqlite:///{store}",
                      "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    assert client.post("/login", data={"username": "eva", "password": password}).status_code == 302
    return app, client


def test_a_new_password_from_the_command_line_signs_the_account_out_everywhere(cli, loaded, eva):
    app, browser = signed_in_browser(eva, loaded, OLD)
    assert browser.get("/api/v1/revision").status_code == 200
    result = cli("--lang", "en", "user", "password", "eva", "--password-stdin", stdin=NEW + "\n")
    assert (result.code, result.out) == (0, "New password for eva; the user is signed out everywhere\n")
    assert browser.get("/api/v1/revision").status_code == 401
    assert browser.post("/login", data={"username": "eva", "password": OLD}).status_code == 401
    assert browser.post("/login", data={"username": "eva", "password": NEW}).status_code == 302
    app.extensions["portfolio"].store.close()


def test_password_at_a_terminal_is_asked_twice(cli, eva, monkeypatch):
    answers = iter([NEW, NEW + "x", NEW, NEW])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    differ = cli("user", "password", "eva", stdin=FakeTerminal())
    assert (differ.code, differ.err) == (1, "de to adgangskoder er forskellige; adgangskoden til 'eva' er ikke ændret\n")
    done = cli("user", "password", "eva", stdin=FakeTerminal())
    assert (done.code, done.out) == (0, "Ny adgangskode til eva; brugeren er logget ud overalt\n")


def test_password_refusals_are_one_line(cli, eva):
    unknown = cli("--lang", "en", "user", "password", "olga", "--password-stdin", stdin=NEW + "\n")
    assert (unknown.code, unknown.err) == (1, "the user 'olga' does not exist; nothing was changed\n")
    short = cli("--lang", "en", "user", "password", "eva", "--password-stdin", stdin="kort\n")
    assert (short.code, short.err) == (1, "the password has 4 characters; it must have at least 12\n")
    no_terminal = cli("--lang", "en", "user", "password", "eva")
    assert no_terminal.code == 1
    assert no_terminal.err.startswith("no terminal to ask for the password: give it on the first line of standard input")
