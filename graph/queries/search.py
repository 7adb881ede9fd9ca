"""Search: elements whose name, title, statement, text or id holds a piece of text, ignoring case."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from graph.portfolio import PortfolioGraph

#: Kinds in the order search results list them.
KIND_ORDER: tuple[str, ...] = (
    "programme", "specialty", "ambition", "situation", "challenge", "prerequisite",
    "focus_area", "indicator", "initiative", "strength_position", "site", "person",
)
#: Most ids one kind lists.
SEARCH_LIMIT = 50

#: Per kind, every element's ``(case-folded display text, id)``.
SearchIndex = dict[str, list[tuple[str, str]]]


@dataclass(frozen=True)
class SearchGroup:
    """The hits of one kind: up to the limit of ids, best first, and how many there are in all."""

    kind: str
    ids: list[str]
    total: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "ids": self.ids, "total": self.total}


def search_index(pg: PortfolioGraph) -> SearchIndex:
    """Return, per kind in KIND_ORDER, every element's ``(folded text, id)``; the text is its full display title.

    Parameters
    ----------
    pg : PortfolioGraph

    Returns
    -------
    SearchIndex
        Build it once per graph revision and pass it to ``search_elements``.

    Examples
    --------
    >>> from graph.changeset import Record
    >>> pg = PortfolioGraph([Record("specialty", "geri", {"id": "geri", "name": "Geriatri"})])
    >>> search_index(pg)["specialty"]
    [('geriatri', 'geri')]
    """
    return {kind: [(pg.display_title(rec.id, limit=sys.maxsize).casefold(), rec.id) for rec in pg.records(kind)] for kind in KIND_ORDER}


def search_elements(pg: PortfolioGraph, query: str, limit: int = SEARCH_LIMIT, index: SearchIndex | None = None) -> list[SearchGroup]:
    """Return the groups of elements whose display text or id holds ``query``, ignoring case.

    Kinds come in KIND_ORDER; at most ``limit`` ids per kind, best first (texts starting with
    the query, then by text, then by id). ``index`` is a ``search_index`` to reuse. An empty
    query finds nothing.

    Parameters
    ----------
    pg : PortfolioGraph
    query : str
        The text to look for; surrounding white space is ignored.
    limit : int, optional
        Most ids per kind (the total still counts every hit).
    index : SearchIndex, optional
        A ``search_index(pg)`` to reuse.

    Returns
    -------
    list of SearchGroup

    Examples
    --------
    >>> from graph.changeset import Record
    >>> pg = PortfolioGraph([
    ...     Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}),
    ...     Record("specialty", "reum", {"id": "reum", "name": "Reumatologi og geriatri"}),
    ...     Record("person", "eva", {"id": "eva", "name": "Eva", "title": "Geriater"}),
    ... ])
    >>> search_elements(pg, "GERI")
    [SearchGroup(kind='specialty', ids=['geri', 'reum'], total=2)]
    """
    needle = query.casefold().strip()
    if not needle:
        return []
    index = index if index is not None else search_index(pg)
    groups = []
    for kind in KIND_ORDER:
        hits = [(not folded.startswith(needle), folded, item) for folded, item in index.get(kind, ()) if needle in folded or needle in item.casefold()]
        if hits:
            hits.sort()
            groups.append(SearchGroup(kind, [h[2] for h in hits[:limit]], len(hits)))
    return groups
