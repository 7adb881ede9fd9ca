"""One store and its in-memory graph, kept at the store's revision, with the page cache it feeds.

After applying a store's changes the holder asks the rules of graph/cache which cached answers
the changes may have moved, and forgets only those: the specialties touched before and after
the change, the similarity answers whose matches may now read differently, and the partner lists
whose scores or reasons may have changed.
"""
from __future__ import annotations

import threading
from pathlib import Path

from graph.cache.page import PAIRS, PARTNERS, ROW_KINDS, SIMILAR, SYNERGY_NAMES, PageCache
from graph.cache.touched import touched_specialties
from graph.portfolio import PortfolioGraph
from graph.queries.similar import MIN_SCORE
from graph.queries.similarity_index import BACKGROUND_FROM, built, compared_count, follow, note_change
from graph.queries.synergies import follow_profiles, partner_score
from graph.readmodel import default_path, open_graph
from graph.readmodel.similar import build_and_save, load_index
from graph.readmodel.similar import default_path as similar_path
from graph.store import Store
from graph.store.base import Delta


class GraphHolder:
    """One store and its in-memory graph per application, kept current by the store revision."""

    def __init__(self, store: Store, folder: Path | None = None):
        self.store = store
        # A SQLite store keeps its read model beside its file; any other in ``folder`` (the
        # instance folder), keyed by the store's identity, so a server on Neo4j starts as fast.
        self.graph = open_graph(store, default_path(store) or (default_path(store, folder) if folder else None))
        self.cache = PageCache()
        self._lock = threading.Lock()
        # The similarity index a previous process saved beside the store or in the folder (graph/readmodel/similar.py); a
        # large portfolio without one has it built in the background and saved for the next start.
        # A store without a file of its own (Neo4j) keeps it in the instance folder, like the read model.
        index_path = similar_path(store) or (similar_path(store, folder) if folder else None)
        if load_index(store, self.graph, index_path) is None and compared_count(self.graph) >= BACKGROUND_FROM:
            build_and_save(store, self.graph, index_path)

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
        self.cache.forget(touched, keep=SYNERGY_NAMES if rows_only else frozenset())
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
