"""Server-side sessions: the cookie carries only a random session id, the accounts file knows it.

The signed cookie alone cannot be taken back: a copy made before sign-out would stay valid as
long as the secret key. So sign-in writes a row (id, username, when) into the ``sessions`` table
of ``users.db``, the cookie carries the id, and every request looks it up. Sign-out deletes the
row; a new password, a removed account and ``end_all`` delete every row of the account; a
session older than its lifetime is refused and deleted.

A session signed in with the organisation's identity provider (web/oidc.py) keeps, beside the
username (``oidc:`` and the subject), the provider's subject, the claim that names the person,
the name to show and the ID token (the hint the provider's sign-out asks for).
"""
from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from flask import session

from web.instance import private_file

#: The cookie's key of the server-side session id; the cookie holds nothing else of the account.
COOKIE_KEY = "sid"
#: Seconds a session lasts after sign-in, however active (a working day and a bit).
LIFETIME = 12 * 3600

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    started REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions(username);
"""

#: Columns of a session signed in with the identity provider (NULL in a local one); added to older files.
_IDENTITY_COLUMNS = ("subject", "claim", "display_name", "id_token")

Clock = Callable[[], float]


@dataclass(frozen=True)
class Identity:
    """Who the identity provider said signed in: its subject, the identifying claim's value, a name, the ID token."""

    subject: str
    claim: str
    display_name: str | None = None
    id_token: str | None = None


@dataclass(frozen=True)
class Signed:
    """A live session: its username and, for a provider's sign-in, the identity."""

    username: str
    identity: Identity | None = None


def _connect(db_path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(private_file(Path(db_path)), timeout=30)
    conn.executescript(_SCHEMA)
    _add_identity_columns(conn)
    return conn


def _add_identity_columns(conn: sqlite3.Connection) -> None:
    """Give a sessions table made before provider sign-in its identity columns."""
    present = {row[1] for row in conn.execute("PRAGMA table_info(sessions)")}
    for column in _IDENTITY_COLUMNS:
        if column in present:
            continue
        try:
            with conn:
                conn.execute(f"ALTER TABLE sessions ADD COLUMN {column} TEXT")
        except sqlite3.OperationalError as exc:
            if "duplicate column" not in str(exc):  # another process added it first
                raise


def start(db_path: str | Path, username: str, clock: Clock = time.time, identity: Identity | None = None) -> str:
    """Open a session for ``username`` (with the provider's ``identity``, if it signed in) and return its id."""
    session_id = secrets.token_urlsafe(32)
    who = (identity.subject, identity.claim, identity.display_name, identity.id_token) if identity else (None,) * 4
    with closing(_connect(db_path)) as conn, conn:
        conn.execute(
            "INSERT INTO sessions(id, username, started, subject, claim, display_name, id_token) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (session_id, username, clock(), *who),
        )
    return session_id


def signed_of(db_path: str | Path, session_id: str, lifetime: float = LIFETIME, clock: Clock = time.time) -> Signed | None:
    """Return the live session of an id, else None (an expired session is deleted on the way)."""
    if not isinstance(session_id, str) or not session_id:
        return None
    with closing(_connect(db_path)) as conn, conn:
        row = conn.execute(
            "SELECT username, started, subject, claim, display_name, id_token FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            return None
        if clock() - row[1] > lifetime:
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            return None
    identity = Identity(row[2], row[3] or "", row[4], row[5]) if row[2] else None
    return Signed(str(row[0]), identity)


def user_of(db_path: str | Path, session_id: str, lifetime: float = LIFETIME, clock: Clock = time.time) -> str | None:
    """Return the username of a live session, else None (an expired session is deleted on the way)."""
    signed = signed_of(db_path, session_id, lifetime, clock)
    return signed.username if signed else None


def end(db_path: str | Path, session_id: str) -> None:
    """Close one session (sign-out)."""
    with closing(_connect(db_path)) as conn, conn:
        conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))


def end_all(db_path: str | Path, username: str) -> int:
    """Close every session of ``username`` (new password, removed account); return how many there were."""
    with closing(_connect(db_path)) as conn, conn:
        return conn.execute("DELETE FROM sessions WHERE username = ?", (username,)).rowcount


def end_expired(db_path: str | Path, lifetime: float = LIFETIME, clock: Clock = time.time) -> int:
    """Delete every session older than ``lifetime``; return how many."""
    with closing(_connect(db_path)) as conn, conn:
        return conn.execute("DELETE FROM sessions WHERE started < ?", (clock() - lifetime,)).rowcount


def begin(db_path: str | Path, username: str, clock: Clock = time.time, identity: Identity | None = None) -> None:
    """Sign this browser in: end its old session, clear the cookie (but its language) and keep a new session's id.

    A fresh cookie, so a session id planted before sign-in is worth nothing after it.
    """
    old = session.get(COOKIE_KEY)
    if isinstance(old, str) and old:
        end(db_path, old)
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    session[COOKIE_KEY] = start(db_path, username, clock, identity)
