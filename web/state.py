"""The application's store and its in-memory portfolio graph, per application and per request.

The graph comes from the prepared read model (graph/readmodel.py), so a server starts in the
time it takes to load a file rather than to build the graph. Answers computed from it are kept in
a page cache until a write makes them stale: an entry scoped to one specialty survives a write that
touches only other specialties (graph/touched.py); an entry of the whole portfolio goes with any write.

Answers read from the similarity index (a specialty's pairs, an element's similar work) compare
with the whole portfolio, yet a write moves few of them: the index re-vectorises only the elements
the write touched, and an answer is forgotten only if it may show or now take in one of those
(graph.queries.similarity_index.Followed.may_change says when, and why that is enough).
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from flask import current_app, g

from graph.portfolio import PortfolioGraph
from graph.queries.similar import LIMIT, MIN_SCORE, PAIRS_PER_ELEMENT
from graph.queries.similarity_index import BACKGROUND_FROM, Followed, built, compared_count, follow, note_change
from graph.queries.synergies import follow_profiles, partner_score
from graph.readmodel import default_path, open_graph
from graph.similarfile import build_and_save, load_index
from graph.store import Store
from graph.store.base import Delta
from graph.touched import touched_specialties

T = TypeVar("T")
#: Most entries the page cache keeps; past it the oldest quarter goes. A specialty has about seven
#: (coverage row, findings, overview and roadmap rows per language ...): 200,000 elements have 1,786
#: specialties, and a cache that fits fewer forgets the rows a write did not touch (issue 13).
CACHE_LIMIT = 20_000
#: The scope of an entry that depends on the whole portfolio.
EVERYTHING = None
#: Entries read from the similarity index, scoped to a specialty: its pairs, and an element's
#: similar work (key: a tuple starting with the element).
PAIRS = "synergy_pairs"
SIMILAR = "similar"
#: A specialty's partner specialties: (shown, how many in all, every partner's score).
PARTNERS = "synergies"
#: Rendered from the entries above, scoped to the same specialty: forgotten with them.
PAIRS_HTML = "synergy_pairs_html"
PARTNERS_HTML = "synergies_html"
_DERIVED = {PAIRS: PAIRS_HTML, PARTNERS: PARTNERS_HTML}


#: Kinds whose elements a synergy answer names only in a reason that lists their id (or not at all),
#: so that a write of them moves an answer only through the similarity rows, the partner scores
#: or such a reason. A person, site, specialty, support offer or link people made may show anywhere.
ROW_KINDS = frozenset({"initiative", "focus_area", "challenge", "prerequisite", "indicator", "situation",
                       "ambition", "strength_position", "role", "decision", "baseline"})
_SYNERGY_NAMES = frozenset({PAIRS, SIMILAR, PARTNERS, PAIRS_HTML, PARTNERS_HTML})


class PageCache:
    """Answers keyed by (name, key), each with the specialty it depends on (or EVERYTHING)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, object], tuple[str | None, Any]] = {}
        #: (name, key) -> the matches of the elements whose suggestions a write left as they were,
        #: for computing that forgotten answer again (``reusable``), with the revision they hold for.
        self._reusable: dict[tuple[str, object], tuple[int, dict[str, list[dict[str, Any]]]]] = {}
        #: Counts the graph's writes: odd while one runs (``moving``), even between them. An answer
        #: is kept only if no write began or ran while it was computed, so that an answer read from
        #: the graph before a write is never stored after the write has forgotten its like.
        self.stamp = 0

    @contextmanager
    def moving(self) -> Iterator[None]:
        """Mark a write of the graph (and the forgetting that follows it) as running."""
        self.stamp += 1
        try:
            yield
        finally:
            self.stamp += 1

    def get(self, name: str, key: object, scope: str | None, compute: Callable[[], T]) -> T:
        slot = (name, key)
        found = self._entries.get(slot)
        if found is not None:
            value: T = found[1]
            return value
        stamp = self.stamp
        value = compute()
        if stamp % 2 or stamp != self.stamp:
            return value  # the graph moved meanwhile: right for this request at most, never kept
        if len(self._entries) >= CACHE_LIMIT:
            for oldest in list(self._entries)[: CACHE_LIMIT // 4]:  # a dict keeps the order entries came in
                self._entries.pop(oldest, None)
        self._entries[slot] = (scope, value)
        return value

    def forget(self, specialties: set[str] | None, keep: frozenset[str] = frozenset()) -> None:
        """Drop what a change touching ``specialties`` (None: anything) may have made stale, but for
        entries named in ``keep`` (another rule decides about those)."""
        if specialties is None:
            self._entries.clear()
            return
        for slot, (scope, _value) in list(self._entries.items()):
            if (scope is EVERYTHING or scope in specialties) and slot[0] not in keep:
                self._entries.pop(slot, None)

    def forget_named(self, name: str) -> None:
        """Drop every entry called ``name`` (and what was rendered from them)."""
        names = {name, _DERIVED.get(name)}
        for slot in [slot for slot in self._entries if slot[0] in names]:
            self._entries.pop(slot, None)

    def _drop(self, slot: tuple[str, object], scope: str | None) -> None:
        """Drop one entry, and what was rendered from entries of its name and scope."""
        self._entries.pop(slot, None)
        derived = _DERIVED.get(slot[0])
        if derived is not None:
            for other, (their_scope, _value) in list(self._entries.items()):
                if other[0] == derived and their_scope == scope:
                    self._entries.pop(other, None)

    def reusable(self, name: str, key: object, revision: int) -> dict[str, list[dict[str, Any]]] | None:
        """The matches that still hold of a forgotten answer (see ``forget_moved``), if of ``revision``."""
        found = self._reusable.pop((name, key), None)
        return found[1] if found is not None and found[0] == revision else None

    def forget_moved(self, followed: Followed | None, elements_of: Callable[[str], list[str]], rows_only: bool,
                     revision: int) -> None:
        """Drop the answers read from the similarity index that the change ``followed`` may have moved
        (all of them when the index is built afresh); ``elements_of`` gives a specialty's compared elements.

        ``rows_only``: the change wrote only elements of ROW_KINDS, so an answer can move only
        through the rows the index rewrote, even in a specialty the change touched; the matches of
        the elements of a forgotten pairs answer that cannot have moved are kept for computing it again.
        """
        self._reusable = {}
        for slot, (scope, value) in list(self._entries.items()):
            name, key = slot
            if name not in (PAIRS, SIMILAR) or slot not in self._entries:
                continue
            if followed is None or followed.full or scope is EVERYTHING or (not rows_only and scope in followed.specialties):
                self._drop(slot, scope)
            elif scope not in followed.reach:
                continue  # no element of it scores min_score with a changed one, before or after
            elif name == SIMILAR and followed.may_change(_first(key), _shown(value), LIMIT):
                self._drop(slot, scope)
            elif name == PAIRS:
                by_source = _by_source(value, elements_of(scope))
                moved = {source for source, pairs in by_source.items()
                         if followed.may_change(source, _shown(pairs), PAIRS_PER_ELEMENT)}
                if moved:
                    self._drop(slot, scope)
                    if rows_only:
                        self._reusable[slot] = (revision, {s: p for s, p in by_source.items() if s not in moved})

    def forget_partners(self, touched: set[str], changed: set[str], score: Callable[[str, str], int],
                        written: frozenset[str] | None) -> None:
        """Drop the partner lists that a change may have moved: it touched ``touched``, of which the
        profiles of ``changed`` read differently now; ``score(a, b)`` is b's score as a partner of a
        after the change; ``written``: the ids written if all are of ROW_KINDS, else None.

        Only changed profiles move scores and reasons, so a list reads differently only if its own
        specialty's profile changed, if one of them is shown, or if its score moved and it enters or
        leaves the count or (in a list cut short) now scores at least the weakest partner shown. Beyond scores, a reason names elements: with
        ``written`` those are listed in the reason's ids; otherwise any touched specialty shown may
        read differently (a person's or a specialty's name).
        """
        for slot, (scope, value) in list(self._entries.items()):
            if slot[0] != PARTNERS or scope is EVERYTHING or slot not in self._entries:
                continue
            shown, total, scores = value
            names = {s["specialty"] for s in shown}
            if written is None:
                stale = scope in touched or bool(names & touched)
            else:
                stale = scope in changed or any(i in written for s in shown for r in s["reasons"] for i in r["ids"])
            worst = min((s["score"] for s in shown), default=0)
            updates: dict[str, int] = {}
            for other in changed - {scope}:
                if stale:
                    break
                old, new = scores.get(other, 0), score(scope, other)
                # Shown: its reasons are made from its profile, which changed (even if its score did not).
                stale = other in names or (new != old and ((old > 0) != (new > 0) or (len(shown) < total and new >= worst)))
                updates[other] = new
            if stale:
                self._drop(slot, scope)
                continue
            for other, new in updates.items():  # kept: the list reads as it did; remember the new scores
                if new:
                    scores[other] = new
                else:
                    scores.pop(other, None)

    def holds(self, *names: str) -> bool:
        """Whether any entry is called one of ``names``."""
        return any(slot[0] in names for slot in self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, slot: object) -> bool:
        return slot in self._entries


def _first(key: object) -> str:
    return str(key[0] if isinstance(key, tuple) else key)


def _shown(matches: list[dict[str, Any]]) -> list[tuple[str, float, bool]]:
    return [(m["target"], m["score"], m["link"] is not None) for m in matches]


def _by_source(groups: list[dict[str, Any]], elements: list[str]) -> dict[str, list[dict[str, Any]]]:
    """A specialty's pairs (``groups``) by the element of its (``elements``) they start from."""
    by_source: dict[str, list[dict[str, Any]]] = {item: [] for item in elements}
    for group in groups:
        for pair in group["pairs"]:
            by_source.setdefault(pair["source"], []).append(pair)
    return by_source


class GraphHolder:
    """One store and its in-memory graph per application, kept current by the store revision."""

    def __init__(self, store: Store, folder: Path | None = None):
        self.store = store
        # A SQLite store keeps its read model beside its file; any other in ``folder`` (the
        # instance folder), keyed by the store's identity, so a server on Neo4j starts as fast.
        self.graph = open_graph(store, default_path(store) or (default_path(store, folder) if folder else None))
        self.cache = PageCache()
        self._lock = threading.Lock()
        # The similarity index a previous process saved beside the store (graph/similarfile.py); a
        # large portfolio without one has it built in the background and saved for the next start.
        if load_index(store, self.graph) is None and compared_count(self.graph) >= BACKGROUND_FROM:
            build_and_save(store, self.graph)

    def current(self) -> PortfolioGraph:
        """The graph at the store's newest revision (applies this and other processes' changes).

        The page cache forgets the entries of the specialties the changes touch, asked of the
        graph both before and after they are applied (an element may move between specialties);
        the synergy answers by their own rules (PageCache.forget_moved, forget_partners).
        """
        pg = self.graph
        if self.store.revision() == pg.revision:
            return pg
        with self._lock:
            delta = self.store.changes_since(pg.revision)
            if delta.revision == pg.revision:
                return pg
            items = [r.id for r in delta.upserts] + list(delta.deletes)
            kinds = {pg.kind(i) for i in items}
            before = touched_specialties(pg, items)
            revision = pg.revision
            with self.cache.moving():
                self._apply(pg, delta, items, kinds, before, revision)
        return pg

    def _apply(self, pg: PortfolioGraph, delta: Delta, items: list[str], kinds: set[str | None], before: set[str] | None,
               revision: int) -> None:
        """Apply a store's changes to the graph and forget the cached answers they may have moved."""
        pg.apply(delta.upserts, delta.deletes)
        pg.revision = delta.revision
        kinds |= {pg.kind(i) for i in items}
        after = touched_specialties(pg, items)
        touched = None if before is None or after is None else before | after
        if self.cache.holds(PAIRS, SIMILAR):
            followed = follow(pg, revision, items, MIN_SCORE)
        else:  # nothing to keep: the index catches up when it is next asked (index_of)
            note_change(pg, revision, items)
            followed = None
        rows_only = kinds <= ROW_KINDS and followed is not None and not followed.full
        self.cache.forget(touched, keep=_SYNERGY_NAMES if rows_only else frozenset())
        changed = follow_profiles(pg, revision, touched) if touched is not None else None
        if touched is not None and changed is not None:
            self.cache.forget_partners(touched, changed, lambda mine, other: partner_score(pg, mine, other),
                                       frozenset(items) if rows_only else None)
        else:
            self.cache.forget_named(PARTNERS)
        self.cache.forget_moved(followed, lambda sp: _elements_of(pg, sp), rows_only, pg.revision)


def _elements_of(pg: PortfolioGraph, specialty: str) -> list[str]:
    index = built(pg)
    return index.by_specialty.get(specialty, []) if index is not None else []


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
