"""Settings of the tracker application, from the environment and the command line."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: The languages messages are written in; Danish is the default.
LANGUAGES = ("da", "en")


@dataclass
class Settings:
    """Where the portfolio lives and how the tracker speaks.

    ``TRACKER_STORE`` names the store (``sqlite:///path.db``, ``bolt://host:port``, ``neo4j://...``);
    the default is ``portfolio.db`` in the instance folder (``TRACKER_INSTANCE``, default ``./instance``).
    ``TRACKER_LANG`` is ``da`` (default) or ``en``. ``TRACKER_ACTOR`` is the name written in the
    audit log for changes made from the command line (default: the login name in ``USER``).

    A plain dataclass, not a pydantic model: every command reads it, and pydantic would add
    60 ms to a cold ``tracker trace`` (issue 13).
    """

    instance: Path = field(default_factory=lambda: Path(os.environ.get("TRACKER_INSTANCE", "instance")))
    store_url: str | None = field(default_factory=lambda: os.environ.get("TRACKER_STORE") or None)
    lang: str = field(default_factory=lambda: os.environ.get("TRACKER_LANG", "da"))
    actor: str = field(default_factory=lambda: os.environ.get("TRACKER_ACTOR") or os.environ.get("USER") or "tracker")

    def store(self) -> str:
        """The store URL in force."""
        if self.store_url:
            return self.store_url
        return f"sqlite:///{(self.instance / 'portfolio.db').resolve()}"

    def users_db(self) -> Path:
        """The file of local accounts for the web front end."""
        return self.instance / "users.db"

    def error_log(self) -> Path:
        """The file where the command line keeps the traceback of an internal error."""
        return self.instance / "tracker-errors.log"
