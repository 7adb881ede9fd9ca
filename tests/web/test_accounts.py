"""Local accounts: hashing, verification, duplicates and removal."""
from __future__ import annotations

import sqlite3

import pytest

from web import accounts


def test_password_is_stored_hashed_and_verified(tmp_path):
    db = tmp_path / "users.db"
    added = accounts.add_user(db, "eva", "hemmeligt-ord", person="eva", display_name="Eva Holm")
    assert (added.username, added.person, added.display_name) == ("eva", "eva", "Eva Holm")
    stored = sqlite3.connect(db).execute("SELECT password_hash FROM accounts").fetchone()[0]
    assert stored != "hemmeligt-ord"
    assert "hemmeligt-ord" not in stored
    assert stored.startswith(("scrypt:", "pbkdf2:"))
    found = accounts.verify(db, "eva", "hemmeligt-ord")
    assert found is not None and (found.username, found.person, found.shown_name) == ("eva", "eva", "Eva Holm")
    assert accounts.verify(db, "eva", "forkert-ord") is None
    assert accounts.verify(db, "nobody", "hemmeligt-ord") is None


def test_duplicates_and_short_passwords_are_refused(tmp_path):
    db = tmp_path / "users.db"
    accounts.add_user(db, "eva", "hemmeligt-ord")
    with pytest.raises(accounts.AccountError, match="the user 'eva' already exists"):
        accounts.add_user(db, "eva", "andet-ord-123")
    with pytest.raises(accounts.AccountError, match="the password has 4 characters; it must have at least 12"):
        accounts.add_user(db, "karen", "kort")
    with pytest.raises(accounts.AccountError, match="invalid username"):
        accounts.add_user(db, "ka ren", "hemmeligt-ord")
    assert [a.username for a in accounts.list_users(db)] == ["eva"]


def test_set_password_and_remove(tmp_path):
    db = tmp_path / "users.db"
    accounts.add_user(db, "mette", "hemmeligt-ord", person="mette")
    accounts.add_user(db, "bjorn", "hemmeligt-ord")
    accounts.set_password(db, "mette", "nyt-ord-12345")
    assert accounts.verify(db, "mette", "hemmeligt-ord") is None
    assert accounts.verify(db, "mette", "nyt-ord-12345").person == "mette"
    with pytest.raises(accounts.AccountError, match="the password has 11 characters; it must have at least 12"):
        accounts.set_password(db, "mette", "elleve-tegn")
    accounts.remove_user(db, "bjorn")
    assert [a.username for a in accounts.list_users(db)] == ["mette"]
    assert accounts.get_user(db, "bjorn") is None
    with pytest.raises(accounts.AccountError, match="does not exist"):
        accounts.remove_user(db, "bjorn")
