"""Local accounts of the web front end, kept in a small SQLite file apart from the portfolio.

An account has a username, an optional display name, an optional link to a Person of the
portfolio (whose roles give the account its rights) and a password hash (werkzeug: scrypt).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from web import sessions
from web.instance import private_file

#: At least 12 characters, as OWASP's ASVS (V2.1.1) asks of passwords people choose.
MIN_PASSWORD_LENGTH = 12
_USERNAME = re.compile(r"^[\w.@-]{1,100}$")


@functools.cache
def _no_match() -> str:
    """A valid hash that matches no password, so unknown usernames cost the same time as known ones.

    Made on first use, not at import: scrypt takes 0.1 s, which every server start would pay.
    """
    return generate_password_hash("no account has this password")


_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    username TEXT PRIMARY KEY,
    display_name TEXT,
    person TEXT,
    password_hash TEXT NOT NULL,
    created TEXT NOT NULL
);
"""


class AccountError(ValueError):
    """An account could not be added or changed; the message says why (in English and Danish)."""


@dataclass(frozen=True)
class Account:
    """A signed-in user: username, linked person id (or None) and the name to show."""

    username: str
    person: str | None = None
    display_name: str | None = None
    created: str = ""

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


def _connect(db_path: str | Path) -> sqlite3.Connection:
    path = private_file(Path(db_path))  # password hashes: the owner's eyes only
    conn = sqlite3.connect(path, timeout=30)
    conn.executescript(_SCHEMA)
    _add_demo_flag(conn)
    return conn


def _add_demo_flag(conn: sqlite3.Connection) -> None:
    """Give an accounts file made before demo accounts were marked its ``demo`` column (0: a real account)."""
    if "demo" in {row[1] for row in conn.execute("PRAGMA table_info(accounts)")}:
        return
    try:
        with conn:
            conn.execute("ALTER TABLE accounts ADD COLUMN demo INTEGER NOT NULL DEFAULT 0")
    except sqlite3.OperationalError as exc:
        if "duplicate column" not in str(exc):  # another process added it first
            raise


def demo_usernames(db_path: str | Path) -> list[str]:
    """Return the usernames of the demo accounts (made by ``tracker serve --demo``, public password), sorted."""
    with closing(_connect(db_path)) as conn:
        return [row[0] for row in conn.execute("SELECT username FROM accounts WHERE demo = 1 ORDER BY username")]


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"adgangskoden har {len(password)} tegn; den skal have mindst {MIN_PASSWORD_LENGTH} / "
            f"the password has {len(password)} characters; it must have at least {MIN_PASSWORD_LENGTH}"
        )


def add_user(
    db_path: str | Path,
    username: str,
    password: str,
    person: str | None = None,
    display_name: str | None = None,
    demo: bool = False,
) -> Account:
    """Create an account and return it; raise AccountError for a taken or invalid username or a short password.

    ``demo`` marks an account of the demo (its password is public), so ``serve`` can warn of it."""
    username = username.strip()
    if not _USERNAME.match(username):
        raise AccountError(
            f"ugyldigt brugernavn '{username}' (bogstaver, tal og _ . @ - er tilladt) / "
            f"invalid username '{username}' (letters, digits and _ . @ - are allowed)"
        )
    _check_password(password)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with closing(_connect(db_path)) as conn, conn:
        try:
            conn.execute(
                "INSERT INTO accounts(username, display_name, person, password_hash, created, demo) VALUES (?, ?, ?, ?, ?, ?)",
                (username, display_name or None, person or None, generate_password_hash(password), created, int(demo)),
            )
        except sqlite3.IntegrityError:
            raise AccountError(
                f"brugeren '{username}' findes allerede / the user '{username}' already exists"
            ) from None
    return Account(username, person or None, display_name or None, created)


def set_password(db_path: str | Path, username: str, password: str) -> None:
    """Give an account a new password; raise AccountError if it does not exist or the password is short."""
    _check_password(password)
    with closing(_connect(db_path)) as conn, conn:
        cur = conn.execute(
            "UPDATE accounts SET password_hash = ? WHERE username = ?", (generate_password_hash(password), username)
        )
    if cur.rowcount == 0:
        raise AccountError(f"brugeren '{username}' findes ikke / the user '{username}' does not exist")
    sessions.end_all(db_path, username)  # a copied cookie must not outlive the old password


def remove_user(db_path: str | Path, username: str) -> None:
    """Delete an account; raise AccountError if it does not exist."""
    with closing(_connect(db_path)) as conn, conn:
        cur = conn.execute("DELETE FROM accounts WHERE username = ?", (username,))
    if cur.rowcount == 0:
        raise AccountError(f"brugeren '{username}' findes ikke / the user '{username}' does not exist")
    sessions.end_all(db_path, username)


def list_users(db_path: str | Path) -> list[Account]:
    """Return every account, sorted by username."""
    with closing(_connect(db_path)) as conn:
        rows = conn.execute("SELECT username, person, display_name, created FROM accounts ORDER BY username").fetchall()
    return [Account(*row) for row in rows]


def get_user(db_path: str | Path, username: str) -> Account | None:
    """Return the account of a username, or None."""
    with closing(_connect(db_path)) as conn:
        row = conn.execute(
            "SELECT username, person, display_name, created FROM accounts WHERE username = ?", (username,)
        ).fetchone()
    return Account(*row) if row else None


def verify(db_path: str | Path, username: str, password: str) -> Account | None:
    """Return the account if the password is right, else None (also for unknown usernames)."""
    with closing(_connect(db_path)) as conn:
        row = conn.execute(
            "SELECT username, person, display_name, created, password_hash FROM accounts WHERE username = ?",
            (username.strip(),),
        ).fetchone()
    if row is None:
        check_password_hash(_no_match(), password)
        return None
    if not check_password_hash(row[4], password):
        return None
    return Account(*row[:4])
