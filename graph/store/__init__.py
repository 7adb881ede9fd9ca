"""Stores of the portfolio, chosen by URL: ``sqlite:///path.db``, ``bolt://``, ``neo4j://``, ``neo4j+s://``."""
from __future__ import annotations

from graph.store.base import Applied, AuditEntry, Delta, Snapshot, Store, StoreError


def open_store(url: str) -> Store:
    """Open the store a URL names.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder, open_store(f"sqlite:///{folder}/portfolio.db") as store:
    ...     store.revision()
    0
    """
    if url.startswith("sqlite:///"):
        from graph.store.sqlite import SQLiteStore

        return SQLiteStore(url.removeprefix("sqlite:///"))
    scheme = url.split("://", 1)[0]
    if scheme in ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"):
        from graph.store.bolt import BoltStore

        return BoltStore(url)
    from graph.store.bolt.url import redact as _redact

    shown = _redact(url)
    raise StoreError(
        da=f"ukendt lager-URL '{shown}': brug sqlite:///sti/til/fil.db, bolt://vært:port eller neo4j://vært:port",
        en=f"unknown store URL '{shown}': use sqlite:///path/to/file.db, bolt://host:port or neo4j://host:port",
    )


__all__ = ["Applied", "AuditEntry", "Delta", "Snapshot", "Store", "StoreError", "open_store"]
