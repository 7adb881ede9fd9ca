"""Server-side paging and filtering of long lists: ``?page=`` and ``?q=`` on any list page.

At 20,000-100,000 elements a list of everything is thousands of rows; a page shows a slice,
and ``q`` keeps the elements whose display name (or id, or extra text) holds it, ignoring case.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask import request

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, its number, how many pages and items in all, and the filter."""

    items: list[T]
    page: int
    pages: int
    total: int
    query: str


def asked_query() -> str:
    """The request's ``q``, stripped (empty for none)."""
    return (request.args.get("q") or "").strip()[:200]


def asked_page() -> int:
    """The request's ``page``: a whole number from 1 (anything else is page 1)."""
    raw = request.args.get("page", "1")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) < 10**6 else 1


def matching(items: Sequence[T], query: str, text: Callable[[T], str]) -> list[T]:
    """The items whose ``text`` holds ``query`` (ignoring case); all of them for an empty query.

    >>> matching(["Eva Holm", "Bjørn Berg"], "holm", str), matching(["a"], "", str)
    (['Eva Holm'], ['a'])
    """
    if not query:
        return list(items)
    wanted = query.casefold()
    return [item for item in items if wanted in text(item).casefold()]


def page_of(items: Sequence[T], size: int, page: int | None = None, query: str = "") -> Page[T]:
    """The ``page``-th slice of ``size`` items (the last page when asked past it).

    >>> p = page_of(list(range(45)), 20, 3)
    >>> p.items, p.page, p.pages, p.total
    ([40, 41, 42, 43, 44], 3, 3, 45)
    """
    pages = max(1, -(-len(items) // size))
    page = min(page if page is not None else asked_page(), pages)
    return Page(list(items[(page - 1) * size : page * size]), page, pages, len(items), query)
