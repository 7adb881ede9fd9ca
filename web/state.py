"""The Flask glue around the portfolio graph: one GraphHolder per application, one graph per request.

The graph comes from the prepared read model (graph/readmodel/), so a server starts in the
time it takes to load a file rather than to build the graph. Answers computed from it are kept in
graph/cache's page cache until a write makes them stale; what makes which answer stale is decided
by the rules in graph/cache (see its module docstring), not here.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, g

from graph.cache.holder import GraphHolder
from graph.cache.page import EVERYTHING, PAIRS, PAIRS_HTML, PARTNERS, PARTNERS_HTML, SIMILAR, PageCache
from graph.portfolio import PortfolioGraph
from graph.store import Store

__all__ = [
    "EVERYTHING", "PAIRS", "PAIRS_HTML", "PARTNERS", "PARTNERS_HTML", "SIMILAR", "GraphHolder", "PageCache",
    "cached", "fresh_portfolio", "portfolio", "reusable", "store",
]

T = TypeVar("T")


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


def reusable(name: str, key: object) -> dict[str, list[dict[str, Any]]] | None:
    """What a write left standing of the forgotten answer ``(name, key)`` (PageCache.reusable)."""
    holder: GraphHolder = current_app.extensions["portfolio"]
    return holder.cache.reusable(name, key, portfolio().revision)


def cached(name: str, key: object, compute: Callable[[], T], specialty: str | None = EVERYTHING) -> T:
    """Return ``compute()``, remembered until a write touches ``specialty`` (default: any write).

    Give ``specialty`` only when the answer reads nothing outside that specialty's neighbourhood.
    """
    portfolio()  # brings the graph, and so the cache, up to the store's revision first
    holder: GraphHolder = current_app.extensions["portfolio"]
    return holder.cache.get(name, key, specialty, compute)
