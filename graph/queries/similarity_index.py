"""The similarity index of a portfolio: built once, kept current by re-vectorising only what a
change touches, and every look-up is one sparse product.

Each initiative, focus area and core challenge becomes one row of two sparse matrices over the
same columns: the TF-IDF of its Danish stems (titles and descriptions) and one column per theme,
site, person and support offer it touches, each scaled by the square root of its weight, so that
the product of two rows is ``W_TEXT * cosine + sum of the weights of what they share``. A text
that names another specialty marks the pair of specialties, so two elements that name each
other's specialty ("joint campaign with geriatrics" / "... with rheumatology") meet there too.

After a change (``updated``), only the elements it touched are vectorised again, with the
vocabulary, the idf and the compound words of the last full build (``Vocabulary``): a word that
was not in the portfolio then is left out until the next full build. Every other row stays as it
was, bit for bit, so look-ups among unchanged elements answer exactly what they answered before.
A full build comes back once more than ``REBUILD_SHARE`` of the elements have changed since the
last one (the idf has drifted by then), or when a specialty or a site changes (their names are
part of the vocabulary). A small index (under ``INCREMENTAL_FROM`` elements) is always built in
full: that costs less than a page view and is exact.

numpy and scipy are imported when the first index is built, never at start-up; the TF-IDF is
graph/queries/tfidf.py's, one weighting for the full build and for a text re-vectorised after it.
"""
from __future__ import annotations

import os
import threading
import weakref
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from graph.cache.followed import Followed
from graph.portfolio import PortfolioGraph
from graph.queries.similarity_rows import (
    KINDS,
    TEXT_SCALE,
    Features,
    KindBlock,
    Vocabulary,
    analyse,
    csr_of_rows,
    features_of,
    ids_with_code,
    link_of,
    links_of,
    patched,
    row_arrays,
    specialty_name_stems,
    structure_of,
    structure_row,
    text_of,
)
from graph.queries.textsim import stems, surface_forms, words
from graph.queries.tfidf import fit as tfidf_fit
from graph.queries.tfidf import weigh

#: From this many compared elements on, a change re-vectorises only what it touched; below it a
#: full build takes under about 0.1 s and is exact, so it is done instead.
INCREMENTAL_FROM = 2_000
#: Share of the compared elements that may have been re-vectorised since the last full build before
#: the next one: beyond it the idf and the vocabulary of the last build describe the portfolio too loosely.
REBUILD_SHARE = 0.10
#: Changes remembered per graph, for catching an older index up.
CHANGES_KEPT = 256
#: Counts full builds in this process (tests assert that a saved index spared one).
builds = 0


class FeatureTable(Mapping[str, Features]):
    """Features by element id, read from the index's rows the first time they are asked for
    (an index loaded from a file carries only its matrices)."""

    def __init__(self, index: SimilarityIndex, known: dict[str, Features] | None = None):
        self._index = index
        self._known: dict[str, Features] = known if known is not None else {}

    def __getitem__(self, item: str) -> Features:
        found = self._known.get(item)
        if found is None:
            found = self._known[item] = self._index._features_of(item)
        return found

    def __contains__(self, item: object) -> bool:
        return any(item in block.row for block in self._index.blocks.values())

    def __iter__(self) -> Iterator[str]:
        for block in self._index.blocks.values():
            yield from block.ids

    def __len__(self) -> int:
        return sum(len(block.ids) for block in self._index.blocks.values())


class SimilarityIndex:
    """Features and matrices of every comparable element at one graph revision.

    ``full_revision`` is the revision of the last full build and ``changed`` how many elements were
    re-vectorised since; ``dirty`` the elements whose rows the last ``updated`` rewrote (or removed).
    ``links`` keeps what each initiative, prerequisite and implementation lead's role pointed at
    when its row was made (the focus areas served or enabled, the strength position): after a
    change that moves them, the rows that read them are found from there (``affected``).
    """

    revision: int
    full_revision: int
    changed: int
    specialties: list[str]
    surface: dict[str, str]
    blocks: dict[str, KindBlock]
    by_specialty: dict[str, list[str]]
    vocabulary: Vocabulary
    links: dict[str, tuple[str, tuple[str, ...]]]
    dirty: frozenset[str]

    def __init__(self, pg: PortfolioGraph | None):
        self.features: FeatureTable = FeatureTable(self)
        self.surface = {}
        self.specialties = []
        self.blocks = {}
        #: specialty -> its compared elements, in index order (initiatives, focus areas, challenges)
        self.by_specialty = {}
        self.links = {}
        self.texts: dict[str, int] = {}  # element -> CRC-32 of the text its terms were made from
        self.dirty = frozenset()
        self.changed = 0
        self._keys: list[tuple[str, str]] | None = None  # structure column -> (kind, key), made when first read
        if pg is not None:
            self.revision = self.full_revision = pg.revision
            self._build(pg)

    # -- building -----------------------------------------------------------------------

    def _build(self, pg: PortfolioGraph) -> None:
        global builds
        import numpy as np
        from scipy import sparse

        builds += 1
        self.specialties = pg.ids("specialty")
        code = {s: k for k, s in enumerate(self.specialties)}
        name_stems = specialty_name_stems(pg, self.specialties)
        items: list[tuple[str, str, str, str]] = []  # (item, kind, specialty, text)
        for kind in KINDS:
            for item in pg.ids(kind):
                sp = pg.specialty_of(item)
                if sp is None or sp not in code:
                    continue
                items.append((item, kind, sp, text_of(pg, item, kind)))
        self.texts = {item: zlib.crc32(text.encode()) for item, _, _, text in items}
        # Place names are left out of the text: a shared hospital is its own reason ("samme sygehus").
        places = frozenset(s for site in pg.ids("site") for s in stems(str(pg.data(site).get("name") or "")))
        texts = [words(text) for _, _, _, text in items]
        known = frozenset(w for ws in texts for w in ws)
        parts: dict[str, list[str]] = {}
        analysed = [analyse(ws, known, places, parts) for ws in texts]
        for _, _, _, text in items:
            for s, w in surface_forms(text).items():
                self.surface.setdefault(s, w)
        if items:
            fitted = tfidf_fit(analysed)
            tfidf, names, idf = fitted.matrix, fitted.names, fitted.idf
        else:
            tfidf, names, idf = sparse.csr_matrix((0, 0)), [], np.zeros(0)
        vocab = self.vocabulary = Vocabulary(names, {n: j for j, n in enumerate(names)}, idf, known, places, name_stems, {})
        n_terms = tfidf.shape[1]
        rows: list[list[tuple[int, float]]] = []
        known_features: dict[str, Features] = {}
        # Rows read straight from the CSR arrays: getrow() builds a matrix per row, 0.1 ms each.
        starts, term_ids, weights = tfidf.indptr.tolist(), tfidf.indices.tolist(), tfidf.data.tolist()
        for k, (item, kind, sp, _) in enumerate(items):
            lo, hi = starts[k], starts[k + 1]
            terms = {names[j]: v for j, v in zip(term_ids[lo:hi], weights[lo:hi], strict=True)}
            feat = features_of(vocab, item, kind, sp, terms, structure_of(pg, item, kind))
            known_features[item] = feat
            self.by_specialty.setdefault(sp, []).append(item)
            rows.append(structure_row(vocab, feat))
        self.features = FeatureTable(self, known_features)
        width = vocab.width
        structure = csr_of_rows(rows, width, sparse, np)
        if items:
            text = sparse.hstack([tfidf * TEXT_SCALE, sparse.csr_matrix((len(items), width - n_terms))]).tocsr()
            combined = (text + structure).tocsr()
        for kind in KINDS:
            picked = [k for k, it in enumerate(items) if it[1] == kind]
            ids = [items[k][0] for k in picked]
            codes = np.array([code[items[k][2]] for k in picked], dtype=np.int64)
            matrix = combined[np.array(picked)].tocsr() if picked else sparse.csr_matrix((0, width))
            self.blocks[kind] = KindBlock(ids, codes, matrix, matrix.T.tocsr(), {i: r for r, i in enumerate(ids)})
        self.links = links_of(pg)

    def _vectorise(self, text: str, parts: dict[str, list[str]]) -> dict[str, float]:
        """The TF-IDF terms of ``text`` as the last full build would weigh them (its words only)."""
        vocab = self.vocabulary
        counts = Counter(t for t in analyse(words(text), vocab.known, vocab.places, parts) if t in vocab.term)
        return weigh(counts, {t: float(vocab.idf[vocab.term[t]]) for t in counts})

    # -- following changes --------------------------------------------------------------

    def affected(self, pg: PortfolioGraph, items: Iterable[str]) -> set[str]:
        """The compared elements whose rows the changed (written or deleted) ``items`` may alter.

        An element's row reads, besides its own fields, the focus areas an initiative serves, the
        initiatives serving a focus area (their owners and support offers), the challenges a focus
        area addresses (their sites), the prerequisites enabling a focus area (their offers), an
        initiative's strength position (its sites and implementation leads) and the ambition above.
        Asked in ``pg`` (after the change) and of ``links`` (what those fields were at the index's
        revision), this names every element one of those walks reaches from a changed item.
        """
        docs: set[str] = set()

        def with_serving(focus_areas: Iterable[str]) -> None:
            for fa in focus_areas:
                docs.add(fa)
                if fa in pg:
                    docs.update(pg.into(fa, "SERVES"))

        for x in items:
            old = self.links.get(x)
            if old is not None:
                how, targets = old
                if how == "initiative":
                    docs.update(targets)
                elif how == "prerequisite":
                    with_serving(targets)
                elif how == "role":
                    docs.update(i for sp in targets if sp in pg for i in pg.into(sp, "DELIVERED_AT"))
            if x in self.features:
                docs.add(x)
            kind = pg.kind(x)
            if kind in KINDS:
                docs.add(x)
            if kind == "initiative":
                docs.update(pg.out(x, "SERVES"))
            elif kind == "focus_area":
                docs.update(pg.into(x, "SERVES"))
            elif kind == "challenge":
                docs.update(pg.into(x, "ADDRESSES"))
            elif kind == "prerequisite":
                with_serving(pg.out(x, "ENABLES"))
            elif kind == "strength_position":
                docs.update(pg.into(x, "DELIVERED_AT"))
            elif kind == "role":
                sp = pg.data(x).get("strength_position")
                if sp and sp in pg:
                    docs.update(pg.into(sp, "DELIVERED_AT"))
            elif kind == "ambition":
                with_serving(pg.into(x, "PART_OF"))
                docs.update(pg.challenges_of(x))
        return docs

    def updated(self, pg: PortfolioGraph, items: Iterable[str]) -> SimilarityIndex | None:
        """This index after the changes of ``items`` that brought ``pg`` to its revision, as a new
        index (readers of this one are not disturbed); None when a full build is due instead.

        Only the elements ``affected`` are vectorised again; every other row is kept as it is.
        """
        import numpy as np
        from scipy import sparse

        items = list(items)
        code = {s: k for k, s in enumerate(self.specialties)}
        for x in items:
            kind = pg.kind(x)
            if kind in ("specialty", "site") or (kind is None and x in code):
                return None  # names of specialties and sites are part of the vocabulary
        affected = self.affected(pg, items)
        if self.changed + len(affected) > REBUILD_SHARE * max(len(self.features), 1):
            return None
        new = SimilarityIndex(None)
        old_vocab = self.vocabulary
        vocab = new.vocabulary = Vocabulary(old_vocab.names, old_vocab.term, old_vocab.idf, old_vocab.known,
                                            old_vocab.places, old_vocab.name_stems, dict(old_vocab.columns))
        # The text hashes move to the new index, like the links table below.
        new.texts = self.texts
        known = dict(self.features._known)
        rows: dict[str, dict[str, tuple[list[tuple[int, float]], int]]] = {kind: {} for kind in KINDS}
        parts: dict[str, list[str]] = {}
        moved: set[str] = set()
        dirty: set[str] = set()
        for item in affected:
            was_kind = self._kind_of(item)
            kind = pg.kind(item)
            sp = pg.specialty_of(item) if kind in KINDS else None
            if kind not in KINDS or sp is None:
                if was_kind is not None:
                    dirty.add(item)
                    moved.add(self.specialties[int(self.blocks[was_kind].specialty_code[self.blocks[was_kind].row[item]])])
                    known.pop(item, None)
                    new.texts.pop(item, None)
                continue
            if sp not in code:
                return None
            text = text_of(pg, item, kind)
            digest = zlib.crc32(text.encode())
            # An unchanged text keeps its terms as they were: only what it touches is looked at again.
            same_text = was_kind == kind and self.texts.get(item) == digest
            terms = self.features[item].terms if same_text else self._vectorise(text, parts)
            feat = features_of(vocab, item, kind, sp, terms, structure_of(pg, item, kind))
            row = [(vocab.term[t], v * TEXT_SCALE) for t, v in terms.items()] + structure_row(vocab, feat)
            if same_text and self._same_row(kind, item, row, code[sp]):
                continue  # its row reads as it did: not changed at all
            dirty.add(item)
            was = self.specialty_of(item)
            if was is not None:
                moved.add(was)
            moved.add(sp)
            known[item] = feat
            new.texts[item] = digest
            rows[kind][item] = (row, code[sp])
        new.revision, new.full_revision, new.changed = pg.revision, self.full_revision, self.changed + len(dirty)
        new.specialties, new.surface, new.dirty = self.specialties, self.surface, frozenset(dirty)
        new.features = FeatureTable(new, known)
        for kind in KINDS:
            new.blocks[kind] = patched(self.blocks[kind], rows[kind], dirty, vocab.width, sparse, np)
        new.by_specialty = dict(self.by_specialty)
        for sp in moved:
            mine = [i for kind in KINDS for i in ids_with_code(new.blocks[kind], code[sp], np)]
            if mine:
                new.by_specialty[sp] = mine
            else:
                new.by_specialty.pop(sp, None)
        # The links table moves to the new index (this one is replaced by it; only updates read it,
        # under the module lock): copying 60,000 entries per write would cost more than the update.
        new.links = self.links
        for x in items:
            new.links.pop(x, None)
            link = link_of(pg, x)
            if link is not None:
                new.links[x] = link
        return new

    def _same_row(self, kind: str, item: str, row: list[tuple[int, float]], code: int) -> bool:
        """Whether ``item`` has a row of ``kind`` reading exactly ``row``, for specialty ``code``."""
        import numpy as np

        block = self.blocks[kind]
        r = block.row[item]
        if int(block.specialty_code[r]) != code:
            return False
        cols, vals = row_arrays(row, np)
        lo, hi = block.matrix.indptr[r], block.matrix.indptr[r + 1]
        old_cols, old_vals = block.matrix.indices[lo:hi], block.matrix.data[lo:hi]
        order = np.argsort(old_cols, kind="stable")
        return bool(np.array_equal(old_cols[order], cols) and np.array_equal(old_vals[order], vals))

    def best_with(self, items: Iterable[str], min_score: float) -> tuple[dict[str, float], set[str]]:
        """Every element scoring at least ``min_score`` with one of ``items`` in this index, with its
        best such score; and the specialties of those elements and of ``items``."""
        import numpy as np

        found: dict[str, float] = {}
        specialties: set[str] = set()
        by_kind: dict[str, list[int]] = {}
        for item in items:
            kind = self._kind_of(item)
            if kind is not None:
                by_kind.setdefault(kind, []).append(self.blocks[kind].row[item])
        for kind, rows in by_kind.items():
            block = self.blocks[kind]
            best = (block.matrix[rows] @ block.transposed).toarray().max(axis=0)  # a few rows: dense is cheap
            reached = np.nonzero(best >= min_score)[0]
            ids = block.ids
            found.update(zip([ids[j] for j in reached.tolist()], best[reached].tolist(), strict=True))
            codes = np.unique(np.concatenate([block.specialty_code[reached], block.specialty_code[rows]]))
            specialties.update(self.specialties[c] for c in codes.tolist())
        return found, specialties

    def specialty_of(self, item: str) -> str | None:
        """The specialty an element belonged to when its row was made; None if it has no row."""
        kind = self._kind_of(item)
        if kind is None:
            return None
        block = self.blocks[kind]
        return self.specialties[int(block.specialty_code[block.row[item]])]

    # -- reading ------------------------------------------------------------------------

    def _kind_of(self, item: str) -> str | None:
        for kind, block in self.blocks.items():
            if item in block.row:
                return kind
        return None

    def _features_of(self, item: str) -> Features:
        """Read one element's features back from its row (the inverse of ``structure_row``)."""
        kind = self._kind_of(item)
        if kind is None:
            raise KeyError(item)
        block = self.blocks[kind]
        r = block.row[item]
        vocab = self.vocabulary
        keys = self._column_keys()
        n_terms = len(vocab.names)
        lo, hi = int(block.matrix.indptr[r]), int(block.matrix.indptr[r + 1])
        terms: dict[str, float] = {}
        shared: dict[str, set[str]] = {"theme": set(), "site": set(), "person": set(), "offer": set()}
        for j, v in zip(block.matrix.indices[lo:hi].tolist(), block.matrix.data[lo:hi].tolist(), strict=True):
            if j < n_terms:
                terms[vocab.names[j]] = v / TEXT_SCALE
            else:
                what, key = keys[j - n_terms]
                if what in shared:
                    shared[what].add(key)
        sp = self.specialties[int(block.specialty_code[r])]
        structure = (frozenset(shared["theme"]), frozenset(shared["site"]), frozenset(shared["person"]),
                     frozenset(shared["offer"]))
        return features_of(vocab, item, kind, sp, terms, structure)

    def _column_keys(self) -> list[tuple[str, str]]:
        keys = self._keys
        if keys is None or len(keys) != len(self.vocabulary.columns):
            keys = [("", "")] * len(self.vocabulary.columns)
            n_terms = len(self.vocabulary.names)
            for key, j in self.vocabulary.columns.items():
                keys[j - n_terms] = key
            self._keys = keys
        return keys

    def scores(self, items: list[str]) -> Any:
        """Return the dense score matrix (len(items) x rows of their kind); all items of one kind."""
        kind = self.features[items[0]].kind
        block = self.blocks[kind]
        rows = [block.row[i] for i in items]
        product = block.matrix[rows] @ block.transposed
        return product.toarray()

    def score(self, a: str, b: str) -> float:
        """The score of two elements of one kind (0 for elements of different kinds)."""
        fa, fb = self.features.get(a), self.features.get(b)
        if fa is None or fb is None or fa.kind != fb.kind:
            return 0.0
        block = self.blocks[fa.kind]
        return float(block.matrix[block.row[a]].multiply(block.matrix[block.row[b]]).sum())

    def cosine(self, a: str, b: str) -> tuple[float, list[str]]:
        """Return the text cosine of two elements and their shared stems, most telling first."""
        ta, tb = self.features[a].terms, self.features[b].terms
        shared = sorted(((ta[s] * tb[s], s) for s in ta.keys() & tb.keys()), reverse=True)
        return sum(p for p, _ in shared), [s for _, s in shared]

    # -- saving (graph/readmodel/similar.py) --------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Everything needed to answer and to follow changes, as plain lists, dicts and arrays."""
        vocab = self.vocabulary
        return {
            "revision": self.revision, "full_revision": self.full_revision, "changed": self.changed,
            "specialties": self.specialties, "surface": self.surface, "links": self.links, "texts": self.texts,
            "vocabulary": {"names": vocab.names, "idf": vocab.idf, "known": sorted(vocab.known),
                           "places": sorted(vocab.places), "name_stems": vocab.name_stems,
                           "columns": self._column_keys()},
            "blocks": {kind: {"ids": b.ids, "codes": b.specialty_code, "data": b.matrix.data, "indices": b.matrix.indices,
                              "indptr": b.matrix.indptr, "shape": b.matrix.shape} for kind, b in self.blocks.items()},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> SimilarityIndex:
        """The index ``to_state`` described (features are read back from the rows when asked for)."""
        import numpy as np
        from scipy import sparse

        index = cls(None)
        index.revision, index.full_revision, index.changed = state["revision"], state["full_revision"], state["changed"]
        index.specialties, index.surface, index.links = state["specialties"], state["surface"], state["links"]
        index.texts = state["texts"]
        v = state["vocabulary"]
        names = list(v["names"])
        index.vocabulary = Vocabulary(names, {n: j for j, n in enumerate(names)}, np.asarray(v["idf"], dtype=np.float64),
                                      frozenset(v["known"]), frozenset(v["places"]), dict(v["name_stems"]),
                                      {tuple(key): len(names) + k for k, key in enumerate(v["columns"])})
        for kind in KINDS:
            b = state["blocks"][kind]
            matrix = sparse.csr_matrix((b["data"], b["indices"], b["indptr"]), shape=tuple(b["shape"]))
            ids = list(b["ids"])
            index.blocks[kind] = KindBlock(ids, np.asarray(b["codes"], dtype=np.int64), matrix, matrix.T.tocsr(),
                                           {i: r for r, i in enumerate(ids)})
        for kind in KINDS:
            block = index.blocks[kind]
            for item, c in zip(block.ids, block.specialty_code.tolist(), strict=True):
                index.by_specialty.setdefault(index.specialties[c], []).append(item)
        return index


_LOCK = threading.Lock()
_INDEXES: weakref.WeakKeyDictionary[PortfolioGraph, SimilarityIndex] = weakref.WeakKeyDictionary()
_BUILDING: weakref.WeakKeyDictionary[PortfolioGraph, int] = weakref.WeakKeyDictionary()
#: (revision before, revision after, the ids written or deleted) of each change a graph was told of.
_CHANGES: weakref.WeakKeyDictionary[PortfolioGraph, list[tuple[int, int, tuple[str, ...]]]] = weakref.WeakKeyDictionary()


def _forget_threads_in_child() -> None:
    """A forked server worker (tracker/prefork.py) has none of its parent's threads: a build the
    parent had started is not going on here, and a lock the parent held at the fork is free."""
    global _LOCK
    _LOCK = threading.Lock()
    _BUILDING.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_threads_in_child)
#: From this many compared elements on, a newer revision's index is built in the background while
#: look-ups keep using the previous one (seconds at 100,000 nodes; a web page must not wait for it).
BACKGROUND_FROM = 20_000


def index_of(pg: PortfolioGraph) -> SimilarityIndex:
    """The similarity index of ``pg``, built on first use and kept current after a change.

    An index of an earlier revision is caught up by re-vectorising what changed, when the graph
    was told what that was (``note_change``, ``follow``) and the index is large enough for that to
    pay. Otherwise a large portfolio's index is rebuilt in a background thread; until it is ready,
    the previous revision's index answers (an element added since is not suggested yet, and
    suggestions that no longer exist are left out by the caller). A small one is rebuilt at once.
    """
    with _LOCK:
        found = _INDEXES.get(pg)
        if found is not None and found.revision == pg.revision:
            return found
        if found is not None:
            caught = _caught_up(found, pg)
            if caught is not None:
                _INDEXES[pg] = caught
                return caught
        if found is None or len(found.features) < BACKGROUND_FROM:
            found = SimilarityIndex(pg)
            _INDEXES[pg] = found
            return found
        if _BUILDING.get(pg) != pg.revision:
            _BUILDING[pg] = pg.revision
            threading.Thread(target=_rebuild, args=(weakref.ref(pg),), name="similarity-index", daemon=True).start()
        return found


def note_change(pg: PortfolioGraph, before: int, items: Iterable[str]) -> None:
    """Tell ``pg``'s index that the ids ``items`` were written or deleted, taking ``pg`` from revision
    ``before`` to its present one: the next look-up catches up by re-vectorising only what they touch."""
    with _LOCK:
        log = _CHANGES.setdefault(pg, [])
        log.append((before, pg.revision, tuple(items)))
        del log[:-CHANGES_KEPT]


def follow(pg: PortfolioGraph, before: int, items: Iterable[str], min_score: float) -> Followed | None:
    """``note_change``, then catch the index up at once and say what moved (``Followed``): None if
    ``pg`` has no index yet (nothing was computed from one); ``Followed(full=True)`` if it must be
    built afresh."""
    note_change(pg, before, items)
    with _LOCK:
        found = _INDEXES.get(pg)
        if found is None:
            return None
        if found.revision != before:
            return Followed(full=True)
        caught = _caught_up(found, pg)
        if caught is None:
            return Followed(full=True)
        _INDEXES[pg] = caught
    dirty = caught.dirty
    (best_before, reach_before), (best_after, reach_after) = found.best_with(dirty, min_score), caught.best_with(dirty, min_score)
    own = {found.specialty_of(d) for d in dirty} | {caught.specialty_of(d) for d in dirty}
    reach = reach_before | reach_after
    # A pair people linked is shown whatever its score: the other end of a changed element's link too.
    reach |= {s for end in _linked_ends(pg, dirty) if (s := caught.specialty_of(end)) is not None}
    return Followed(False, dirty, frozenset(s for s in own if s), best_before, best_after,
                    frozenset(s for s in reach if s), min_score)


def _linked_ends(pg: PortfolioGraph, items: Iterable[str]) -> set[str]:
    """The elements that people linked (graph.models.SynergyLink) with one of ``items``."""
    ends: set[str] = set()
    for item in items:
        if item not in pg:
            continue
        for link in pg.into(item, "LINKS"):
            if pg.kind(link) == "synergy_link":
                data = pg.data(link)
                ends.update(e for e in (data.get("source"), data.get("target")) if e and e != item)
    return ends


def adopt(pg: PortfolioGraph, index: SimilarityIndex) -> None:
    """Use ``index`` (of ``pg``'s revision, loaded from a file) as ``pg``'s index."""
    with _LOCK:
        _INDEXES[pg] = index


def built(pg: PortfolioGraph) -> SimilarityIndex | None:
    """``pg``'s index as it stands, without building or catching up."""
    with _LOCK:
        return _INDEXES.get(pg)


def _caught_up(found: SimilarityIndex, pg: PortfolioGraph) -> SimilarityIndex | None:
    if len(found.features) < INCREMENTAL_FROM:
        return None
    items: list[str] = []
    revision = found.revision
    for before, after, changed in _CHANGES.get(pg, ()):
        if before == revision:
            items.extend(changed)
            revision = after
    if revision != pg.revision:
        return None
    return found.updated(pg, items)


def compared_count(pg: PortfolioGraph) -> int:
    """How many elements an index of ``pg`` compares (at most): its initiatives, focus areas and challenges."""
    return sum(pg.count(kind) for kind in KINDS)


def ready(pg: PortfolioGraph) -> bool:
    """Whether a look-up answers without building: an index of this revision, or a large one of an earlier."""
    with _LOCK:
        found = _INDEXES.get(pg)
        return found is not None and (found.revision == pg.revision or len(found.features) >= BACKGROUND_FROM)


def warm(pg: PortfolioGraph, then: Callable[[SimilarityIndex], object] | None = None) -> None:
    """Start building ``pg``'s index in the background unless it is built or being built; ``then``
    is given the index once it is built (graph/readmodel/similar.py saves it)."""
    with _LOCK:
        if pg in _INDEXES or _BUILDING.get(pg) == pg.revision:
            return
        _BUILDING[pg] = pg.revision
    threading.Thread(target=_rebuild, args=(weakref.ref(pg), then), name="similarity-index", daemon=True).start()


def _rebuild(ref: weakref.ref[PortfolioGraph], then: Callable[[SimilarityIndex], object] | None = None) -> None:
    pg = ref()
    if pg is None:
        return
    revision = pg.revision
    try:
        built = SimilarityIndex(pg)
    except (KeyError, RuntimeError):  # the graph changed under the build: the next look-up starts another
        built = None
    with _LOCK:
        if built is not None and built.revision == revision:
            _INDEXES[pg] = built
        else:
            built = None
        _BUILDING.pop(pg, None)
    if built is not None and then is not None:
        then(built)
