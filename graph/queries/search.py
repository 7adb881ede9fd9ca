"""Search: elements whose name, title, statement, text or id holds a piece of text, ignoring case and
Danish word endings ("HR-pakken" finds "HR-pakke til fastholdelse", as "HR-pakke" and "pakke" do).

Every word of the text and of the query is cut to its stem by ``stem`` (the definite and plural
endings -en, -et, -ne, -er, -erne, -ene, -e ...), and a query matches when its stemmed form is
part of the stemmed text, or when it is part of the text as written (so an id, or the middle of a
word, is still found).
"""
from __future__ import annotations

import heapq
import re
import sys
from dataclasses import dataclass
from typing import Any

from graph.portfolio import PortfolioGraph

#: Kinds in the order search results list them (a kind the portfolio does not hold is passed over).
KIND_ORDER: tuple[str, ...] = (
    "programme", "specialty", "ambition", "situation", "challenge", "prerequisite",
    "focus_area", "indicator", "initiative", "strength_position", "site", "person",
    "support_offer", "decision", "meeting",
)
#: Most ids one kind lists.
SEARCH_LIMIT = 50
#: Danish inflectional endings, longest first; one is cut from a word when three letters remain.
ENDINGS: tuple[str, ...] = ("ernes", "enes", "erne", "ene", "ens", "ets", "en", "et", "er", "ne", "e")
_WORD = re.compile(r"\w+")
#: The fields a kind is searched by when its display title is not the text a person types (a decision has no title).
SEARCH_FIELDS: dict[str, tuple[str, ...]] = {"decision": ("reason", "meeting")}

#: Per kind, every element's ``(case-folded display text, the same text stemmed, id, what a query is looked for in)``:
#: the last is both texts and the case-folded id in one string, so a query is one or two ``in`` tests per element.
SearchIndex = dict[str, list[tuple[str, str, str, str]]]


def stem(word: str) -> str:
    """A case-folded word without its Danish ending, when at least three letters remain.

    >>> [stem(w) for w in ("pakke", "pakken", "pakkerne", "HR", "sygehuse", "fælles", "ene")]
    ['pakk', 'pakk', 'pakk', 'hr', 'sygehus', 'fælles', 'ene']
    """
    word = word.casefold()
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def stemmed(text: str) -> str:
    """A text case-folded with every word cut to its stem, the characters between words kept.

    >>> stemmed("HR-pakke til fastholdelse"), stemmed("HR-pakken")
    ('hr-pakk til fastholdels', 'hr-pakk')
    """
    return _WORD.sub(lambda m: stem(m.group(0)), text.casefold())


def _text(pg: PortfolioGraph, item: str, kind: str) -> str:
    fields = SEARCH_FIELDS.get(kind)
    if fields is None:
        return pg.display_title(item, limit=sys.maxsize)
    data = pg.data(item)
    return " ".join(str(data[f]) for f in fields if data.get(f))


@dataclass(frozen=True)
class SearchGroup:
    """The hits of one kind: up to the limit of ids, best first, and how many there are in all."""

    kind: str
    ids: list[str]
    total: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "ids": self.ids, "total": self.total}


def search_index(pg: PortfolioGraph) -> SearchIndex:
    """Return, per kind in KIND_ORDER, every element's ``(folded text, stemmed text, id, haystack)``; the text is its full display title.

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
    >>> [row[:3] for row in search_index(pg)["specialty"]]
    [('geriatri', 'geriatri', 'geri')]
    """
    index: SearchIndex = {}
    for kind in KIND_ORDER:
        rows = []
        for item in pg.ids(kind):
            text = _text(pg, item, kind)
            folded, cut = text.casefold(), stemmed(text)
            rows.append((folded, cut, item, f"{cut}\x00{folded}\x00{item.casefold()}"))
        index[kind] = rows
    return index


def search_elements(pg: PortfolioGraph, query: str, limit: int = SEARCH_LIMIT, index: SearchIndex | None = None) -> list[SearchGroup]:
    """Return the groups of elements whose display text or id holds ``query``, ignoring case.

    Kinds come in KIND_ORDER; at most ``limit`` ids per kind, best first (texts starting with
    the query, then by text, then by id). ``index`` is a ``search_index`` to reuse. An empty
    query finds nothing. Word endings do not count: "HR-pakken" finds "HR-pakke" (``stemmed``).

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
    >>> search_elements(pg, "geriatrien")
    [SearchGroup(kind='specialty', ids=['geri', 'reum'], total=2)]
    """
    needle = query.casefold().strip()
    if not needle:
        return []
    stem_needle = stemmed(needle)
    index = index if index is not None else search_index(pg)
    groups = []
    for kind in KIND_ORDER:
        # The stemmed query found anywhere in the haystack, or the query as typed (an id, a word's middle):
        # looking for either in the stemmed text, the text or the id finds no more than a word form would.
        if stem_needle in needle:
            hits = [(item, folded, cut) for folded, cut, item, hay in index.get(kind, ()) if stem_needle in hay]
        else:
            hits = [(item, folded, cut) for folded, cut, item, hay in index.get(kind, ()) if stem_needle in hay or needle in hay]
        if hits:
            # The best few of many hits without sorting them all: a short query may match thousands.
            best = heapq.nsmallest(limit, hits, key=lambda h: (not (h[1].startswith(needle) or h[2].startswith(stem_needle)), h[1], h[0]))
            groups.append(SearchGroup(kind, [h[0] for h in best], len(hits)))
    return groups
