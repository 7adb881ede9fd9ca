"""Bolt URLs: what the driver needs from a store URL, and the URL as messages may show it (no password)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from graph.store.base import StoreError

ENV_USER = "TRACKER_BOLT_USER"
ENV_PASSWORD = "TRACKER_BOLT_PASSWORD"
ENV_DATABASE = "TRACKER_BOLT_DATABASE"


@dataclass(frozen=True)
class BoltTarget:
    """Where a Bolt URL points: the driver's URL (no credentials), the user, the password, the database."""

    driver_url: str
    shown_url: str
    user: str | None
    password: str | None
    database: str | None


def parse_bolt_url(url: str, environ: dict[str, str] | None = None) -> BoltTarget:
    """Split a store URL into what the driver needs; credentials in the URL win over the environment.

    The Neo4j database is the URL's path or its ``database`` parameter.

    >>> t = parse_bolt_url("bolt://ann:secret@db.example:7687/bass", {})
    >>> (t.driver_url, t.shown_url, t.user, t.password, t.database)
    ('bolt://db.example:7687', 'bolt://ann@db.example:7687/bass', 'ann', 'secret', 'bass')
    """
    env = os.environ if environ is None else environ
    try:
        parts = urlsplit(url)
    except ValueError:  # a mistyped IPv6 address ('bolt://[::1')
        raise StoreError(
            f"the Bolt URL '{redact(url)}' cannot be read: use bolt://host:port/database (an IPv6 host in brackets: bolt://[::1]:7687)",
            f"Bolt-URL'en '{redact(url)}' kan ikke læses: brug bolt://vært:port/database (en IPv6-vært i klammer: bolt://[::1]:7687)",
        ) from None
    if not parts.hostname:
        raise StoreError(
            f"the Bolt URL '{redact(url)}' names no host: use bolt://host:port/database",
            f"Bolt-URL'en '{redact(url)}' nævner ingen vært: brug bolt://vært:port/database",
        )
    try:
        port = parts.port
    except ValueError:
        raise StoreError(
            f"the Bolt URL '{redact(url)}' has a port that is not a number",
            f"Bolt-URL'en '{redact(url)}' har en port, der ikke er et tal",
        ) from None
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = f"{host}:{port}" if port else host
    user = unquote(parts.username) if parts.username else env.get(ENV_USER) or None
    password = unquote(parts.password) if parts.password is not None else env.get(ENV_PASSWORD)
    database = unquote(parts.path.strip("/")) or parse_qs(parts.query).get("database", [None])[0] or env.get(ENV_DATABASE) or None
    shown = f"{parts.scheme}://{user + '@' if user else ''}{netloc}{'/' + database if database else ''}"
    return BoltTarget(f"{parts.scheme}://{netloc}", shown, user, password, database)


#: ``scheme://user:`` and the password after it, up to the ``@`` that ends the user part.
_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:)[^\s@/]*@")


def redact(url: str) -> str:
    """The URL (or any text holding URLs) without passwords, for messages and logs; never raises.

    A text, not a parsed URL: a URL mistyped so that it cannot be parsed must lose its password too.

    >>> redact("bolt://ann:secret@db.example:7687/bass")
    'bolt://ann:***@db.example:7687/bass'
    >>> redact("tracker --store bolt://neo4j:S3cretPW@[::1:7687/db coverage")
    'tracker --store bolt://neo4j:***@[::1:7687/db coverage'
    >>> redact("bolt://db.example:7687/bass")
    'bolt://db.example:7687/bass'
    """
    return _PASSWORD.sub(r"\g<head>***@", url)
