"""Server-side sessions: the cookie carries only a random session id, the accounts file knows it.

The signed cookie alone cannot be taken back: a copy made before sign-out would stay valid as
long as the secret key. So sign-in writes a row (id, username, when) into the ``sessions`` table
of ``users.db``, the cookie carries the id, and every request looks it up. Sign-out deletes the
row; a new password, a removed account and ``end_all`` delete every row of the account; a
session older than its lifetime is refused and deleted.
"""
from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from web.instance import private_file

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

Clock = Callable[[], float]


def _connect(db_path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(private_file(Path(db_path)), timeout=30)
    conn.executescript(_SCHEMA)
    return conn


def start(db_path: str | Path, username: str, clock: Clock = time.time) -> str:
    """Open a session for ``username`` and return its id (to be kept in the cookie)."""
    session_id = secrets.token_urlsafe(32)
    with closing(_connect(db_path)) as conn, conn:
        conn.execute("INSERT INTO sessions(id, username, started) VALUES (?, ?, ?)", (session_id, username, clock()))
    return session_id


def user_of(db_path: str | Path, session_id: str, lifetime: float = LIFETIME, clock: Clock = time.time) -> str | None:
    """Return the username of a live session, else None (an expired session is deleted on the way)."""
    if not isinstance(session_id, str) or not session_id:
        return None
    with closing(_connect(db_path)) as conn, conn:
        row = conn.execute("SELECT username, started FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            return None
        if clock() - row[1] > lifetime:
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            return None
    return str(row[0])


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
