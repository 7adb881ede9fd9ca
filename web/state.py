"""The application's store and its in-memory portfolio graph, per application and per request."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import current_app, g

from graph.portfolio import PortfolioGraph
from graph.store import Store

T = TypeVar("T")
#: Most entries the per-revision cache keeps before it starts afresh.
CACHE_LIMIT = 2000


class GraphHolder:
    """One store and its in-memory graph per application, kept current by the store revision."""

    def __init__(self, store: Store):
        self.store = store
        self.graph = PortfolioGraph.from_store(store)

    def current(self) -> PortfolioGraph:
        """The graph at the store's newest revision (applies other processes' changes)."""
        self.graph.refresh(self.store)
        return self.graph


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


def cached(name: str, key: object, compute: Callable[[], T]) -> T:
    """Return ``compute()``, remembered until the portfolio graph's revision changes."""
    pg = portfolio()
    cache: dict = current_app.extensions.setdefault("page_cache", {})
    stamp = (id(pg), pg.revision)
    if cache.get("_stamp") != stamp or len(cache) > CACHE_LIMIT:
        cache.clear()
        cache["_stamp"] = stamp
    slot = (name, key)
    if slot not in cache:
        cache[slot] = compute()
    return cache[slot]
