"""Sign-in throttling: after too many wrong passwords, an account or an address must wait.

Failed sign-ins are counted per username and per client address over a sliding window, in the
``sign_in_failures`` table of ``users.db`` (so every worker process and a restart see the same
count). When either count reaches its limit, every sign-in for that account or from that
address is refused, the right password too, until the oldest failure in the window has aged
out. A right password does not wipe the count of the account: an attacker who knows one
password must not reset the throttle of the accounts they are guessing. Each attempt is counted
as failed before its password is checked, in the same transaction as the check of the limits,
and a right password takes back only its own count.
The clock is a parameter, so tests move time instead of sleeping.
"""
from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from web.instance import private_file

Clock = Callable[[], float]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sign_in_failures (
    key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sign_in_failures_by_key ON sign_in_failures(key, at);
"""


@dataclass(frozen=True)
class Rules:
    """How many failures within ``window`` seconds lock an account, or an address."""

    per_account: int = 5
    per_address: int = 20
    window: float = 15 * 60


RULES = Rules()


def _connect(db_path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(private_file(Path(db_path)), timeout=30)
    conn.executescript(_SCHEMA)
    return conn


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt, counted as failed before the password is checked (``rows``), or refused (``wait`` > 0)."""

    wait: int
    rows: tuple[int, ...] = ()


def attempt(db_path: str | Path, username: str, address: str | None, rules: Rules = RULES, clock: Clock = time.time) -> Attempt:
    """Check the limits and count this attempt as failed, in one write transaction.

    Checking first and counting after the slow password hash let 30 parallel guesses all pass the
    check before any was counted; with the count taken under SQLite's write lock, at most
    ``per_account`` guesses reach the hash. A right password then takes its count back (``succeeded``).
    """
    now = clock()
    with closing(_connect(db_path)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM sign_in_failures WHERE at <= ?", (now - rules.window,))
            longest = 0.0
            for key, limit in _limits(username, address, rules):
                rows = conn.execute(
                    "SELECT at FROM sign_in_failures WHERE key = ? ORDER BY at DESC LIMIT ?", (key, limit)
                ).fetchall()
                if len(rows) >= limit:
                    # allowed again when the limit-th newest failure leaves the window
                    longest = max(longest, rows[-1][0] + rules.window - now)
            if longest > 0:
                conn.execute("COMMIT")
                return Attempt(math.ceil(longest))
            ids = []
            for key, _ in _limits(username, address, rules):
                cursor = conn.execute("INSERT INTO sign_in_failures(key, at) VALUES (?, ?)", (key, now))
                ids.append(int(cursor.lastrowid or 0))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return Attempt(0, tuple(ids))


def succeeded(db_path: str | Path, counted: Attempt) -> None:
    """Take back the failure ``attempt`` counted in advance: the password was right (only this attempt's rows)."""
    if not counted.rows:
        return
    with closing(_connect(db_path)) as conn, conn:
        marks = ",".join("?" * len(counted.rows))
        conn.execute(f"DELETE FROM sign_in_failures WHERE rowid IN ({marks})", counted.rows)


def _limits(username: str, address: str | None, rules: Rules) -> list[tuple[str, int]]:
    keys = [(f"user:{username.strip().lower()[:200]}", rules.per_account)]
    if address:
        keys.append((f"addr:{address}", rules.per_address))
    return keys
