"""The application's store and its in-memory portfolio graph, per application and per request.

The graph comes from the prepared read model (graph/readmodel.py), so a server starts in the
time it takes to load a file rather than to build the graph. Answers computed from it are kept in
a page cache until a write makes them stale: an entry scoped to one specialty survives a write that
touches only other specialties (graph/touched.py); an entry of the whole portfolio goes with any write.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, g

from graph.portfolio import PortfolioGraph
from graph.readmodel import open_graph
from graph.store import Store
from graph.touched import touched_specialties

T = TypeVar("T")
#: Most entries the page cache keeps before it starts afresh.
CACHE_LIMIT = 2000
#: The scope of an entry that depends on the whole portfolio.
EVERYTHING = None


class PageCache:
    """Answers keyed by (name, key), each with the specialty it depends on (or EVERYTHING)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, object], tuple[str | None, Any]] = {}

    def get(self, name: str, key: object, scope: str | None, compute: Callable[[], T]) -> T:
        slot = (name, key)
        found = self._entries.get(slot)
        if found is not None:
            value: T = found[1]
            return value
        value = compute()
        if len(self._entries) >= CACHE_LIMIT:
            self._entries.clear()
        self._entries[slot] = (scope, value)
        return value

    def forget(self, specialties: set[str] | None) -> None:
        """Drop what a change touching ``specialties`` (None: anything) may have made stale."""
        if specialties is None:
            self._entries.clear()
            return
        for slot, (scope, _value) in list(self._entries.items()):
            if scope is EVERYTHING or scope in specialties:
                self._entries.pop(slot, None)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, slot: object) -> bool:
        return slot in self._entries


class GraphHolder:
    """One store and its in-memory graph per application, kept current by the store revision."""

    def __init__(self, store: Store):
        self.store = store
        self.graph = open_graph(store)
        self.cache = PageCache()
        self._lock = threading.Lock()

    def current(self) -> PortfolioGraph:
        """The graph at the store's newest revision (applies this and other processes' changes).

        The page cache forgets the entries of the specialties the changes touch, asked of the
        graph both before and after they are applied (an element may move between specialties).
        """
        pg = self.graph
        if self.store.revision() == pg.revision:
            return pg
        with self._lock:
            delta = self.store.changes_since(pg.revision)
            if delta.revision == pg.revision:
                return pg
            items = [r.id for r in delta.upserts] + list(delta.deletes)
            before = touched_specialties(pg, items)
            pg.apply(delta.upserts, delta.deletes)
            pg.revision = delta.revision
            after = touched_specialties(pg, items)
            self.cache.forget(None if before is None or after is None else before | after)
        return pg


def portfolio() -> PortfolioGraph:
    """The current portfolio graph for this request (refreshed once per request)."""
    if "portfolio" not in g:
        g.portfolio = current_app.extensions["portfolio"].current()
    return g.portfolio


def fresh_portfolio() -> PortfolioGraph:
    """The graph at the store's newest revision (after a write in this request)."""
    g.pop("portfolio", None)
    return portfolio()


def store() -> Store:
    """The application's store, for writes."""
    return current_app.extensions["portfolio"].store


def cached(name: str, key: object, compute: Callable[[], T], specialty: str | None = EVERYTHING) -> T:
    """Return ``compute()``, remembered until a write touches ``specialty`` (default: any write).

    Give ``specialty`` only when the answer reads nothing outside that specialty's neighbourhood.
    """
    portfolio()  # brings the graph, and so the cache, up to the store's revision first
    holder: GraphHolder = current_app.extensions["portfolio"]
    return holder.cache.get(name, key, specialty, compute)
