"""Sending the reminder digests: the SMTP settings (from the environment) and the log of what was sent.

The sent log is a small SQLite file in the instance folder (``reminders.db``), beside the accounts:
it is the instance's memory of its own mail, not part of the portfolio, so it stays local whichever
store (SQLite or Neo4j) holds the portfolio. A digest is recorded only once the server accepted it.
"""
from __future__ import annotations

import os
import smtplib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.digest import Digest
from tracker.errors import UserError


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class MailSettings:
    """``TRACKER_SMTP_HOST`` (default localhost), ``TRACKER_SMTP_PORT`` (25), ``TRACKER_SMTP_FROM``,
    ``TRACKER_SMTP_STARTTLS`` (1 to upgrade the connection), ``TRACKER_SMTP_USER`` and
    ``TRACKER_SMTP_PASSWORD`` (sign in when given), ``TRACKER_BASE_URL`` (the links in the mail)."""

    host: str = field(default_factory=lambda: os.environ.get("TRACKER_SMTP_HOST", "localhost"))
    port: str = field(default_factory=lambda: os.environ.get("TRACKER_SMTP_PORT", "25"))
    sender: str = field(default_factory=lambda: os.environ.get("TRACKER_SMTP_FROM", "bass-tracker@localhost"))
    starttls: bool = field(default_factory=lambda: _flag("TRACKER_SMTP_STARTTLS"))
    user: str | None = field(default_factory=lambda: os.environ.get("TRACKER_SMTP_USER") or None)
    password: str | None = field(default_factory=lambda: os.environ.get("TRACKER_SMTP_PASSWORD") or None)
    base_url: str = field(default_factory=lambda: os.environ.get("TRACKER_BASE_URL", "http://localhost:5000"))

    def port_number(self) -> int:
        """The port as a number; a bad one is one line quoting it."""
        try:
            port = int(self.port)
        except ValueError:
            port = 0
        if not 0 < port < 65536:
            raise UserError(da=f"TRACKER_SMTP_PORT '{self.port}' er ikke et portnummer (1-65535)",
                            en=f"TRACKER_SMTP_PORT '{self.port}' is not a port number (1-65535)")
        return port


class SentLog:
    """Which person was sent a digest for which period (``reminders.db`` in the instance folder)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS sent (person TEXT, period TEXT, sent_to TEXT, sent_at TEXT DEFAULT CURRENT_TIMESTAMP,"
                         " PRIMARY KEY (person, period))")

    def was_sent(self, person: str, period: str) -> bool:
        return self._db.execute("SELECT 1 FROM sent WHERE person = ? AND period = ?", (person, period)).fetchone() is not None

    def record(self, person: str, period: str, to: str) -> None:
        with self._db:
            self._db.execute("INSERT OR IGNORE INTO sent (person, period, sent_to) VALUES (?, ?, ?)", (person, period, to))

    def close(self) -> None:
        self._db.close()


def _refused(settings: MailSettings, reason: object) -> UserError:
    where = f"{settings.host}:{settings.port}"
    return UserError(da=f"SMTP-serveren {where} sendte ikke påmindelserne: {reason}",
                     en=f"the SMTP server {where} did not send the reminders: {reason}")


def send_all(settings: MailSettings, digests: Iterable[Digest], period: str, log: SentLog) -> list[Digest]:
    """Send each digest not yet sent for ``period`` over one SMTP connection, recording each one the
    server accepted; return those sent. A server that is down or refuses is one line naming it."""
    sent: list[Digest] = []
    waiting = [d for d in digests if not log.was_sent(d.person, period)]
    if not waiting:
        return sent
    port = settings.port_number()
    try:
        with smtplib.SMTP(settings.host, port, timeout=30) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.user and settings.password:
                smtp.login(settings.user, settings.password)
            for digest in waiting:
                smtp.send_message(digest.message(settings.sender))
                log.record(digest.person, period, digest.to)
                sent.append(digest)
    except (OSError, smtplib.SMTPException) as err:
        raise _refused(settings, err) from None
    return sent
