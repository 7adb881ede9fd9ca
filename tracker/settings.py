"""Settings of the tracker application, from the environment and the command line."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import UserError

#: The languages messages are written in; Danish is the default.
LANGUAGES = ("da", "en")
#: Ways to sign in to the web front end: the password form, the organisation's identity provider, both.
SIGN_IN_MODES = ("local", "oidc", "both")
#: The web configuration's key of each identity-provider setting, and its environment variable.
OIDC_VARIABLES = {
    "OIDC_ISSUER": "TRACKER_OIDC_ISSUER",
    "OIDC_CLIENT_ID": "TRACKER_OIDC_CLIENT_ID",
    "OIDC_SCOPES": "TRACKER_OIDC_SCOPES",
    "OIDC_CLAIM": "TRACKER_OIDC_CLAIM",
    "OIDC_NAME_CLAIM": "TRACKER_OIDC_NAME_CLAIM",
    "OIDC_LABEL": "TRACKER_OIDC_LABEL",
}


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

    def sign_in(self) -> dict[str, str]:
        """The web configuration of sign-in (``TRACKER_SIGN_IN`` and ``TRACKER_OIDC_*``); raise UserError naming a bad one.

        The client secret comes from the file ``TRACKER_OIDC_CLIENT_SECRET_FILE`` (its first line) or
        from ``TRACKER_OIDC_CLIENT_SECRET``; it is never printed, not even in an error.
        """
        mode = os.environ.get("TRACKER_SIGN_IN", "local").strip() or "local"
        if mode not in SIGN_IN_MODES:
            raise UserError(
                da=f"TRACKER_SIGN_IN er '{mode}'; den skal være local, oidc eller both",
                en=f"TRACKER_SIGN_IN is '{mode}'; it must be local, oidc or both",
            )
        config = {"SIGN_IN": mode}
        config.update({key: os.environ[name].strip() for key, name in OIDC_VARIABLES.items() if os.environ.get(name, "").strip()})
        secret_file = os.environ.get("TRACKER_OIDC_CLIENT_SECRET_FILE", "").strip()
        if secret_file:
            try:
                config["OIDC_CLIENT_SECRET"] = Path(secret_file).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise UserError(
                    da=f"TRACKER_OIDC_CLIENT_SECRET_FILE '{secret_file}' kan ikke læses ({exc.strerror})",
                    en=f"TRACKER_OIDC_CLIENT_SECRET_FILE '{secret_file}' cannot be read ({exc.strerror})",
                ) from None
        elif os.environ.get("TRACKER_OIDC_CLIENT_SECRET", "").strip():
            config["OIDC_CLIENT_SECRET"] = os.environ["TRACKER_OIDC_CLIENT_SECRET"].strip()
        if mode != "local":
            needed = {"OIDC_ISSUER": "TRACKER_OIDC_ISSUER", "OIDC_CLIENT_ID": "TRACKER_OIDC_CLIENT_ID",
                      "OIDC_CLIENT_SECRET": "TRACKER_OIDC_CLIENT_SECRET_FILE / TRACKER_OIDC_CLIENT_SECRET"}
            missing = [name for key, name in needed.items() if not config.get(key)]
            if missing:
                raise UserError(
                    da=f"TRACKER_SIGN_IN er '{mode}', men {', '.join(missing)} er ikke sat",
                    en=f"TRACKER_SIGN_IN is '{mode}' but {', '.join(missing)} is not set",
                )
        return config
