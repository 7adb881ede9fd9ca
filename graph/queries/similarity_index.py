"""The similarity index of a portfolio: built once per graph revision, then every look-up is one
sparse product.

Each initiative, focus area and core challenge becomes one row of two sparse matrices over the
same columns: the TF-IDF of its Danish stems (titles and descriptions) and one column per theme,
site, person and support offer it touches, each scaled by the square root of its weight, so that
the product of two rows is ``W_TEXT * cosine + sum of the weights of what they share``. A text
that names another specialty marks the pair of specialties, so two elements that name each
other's specialty ("joint campaign with geriatrics" / "... with rheumatology") meet there too.

numpy, scipy and scikit-learn are imported when the first index is built, never at start-up.
"""
from __future__ import annotations

import math
import threading
import weakref
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.textsim import compound_parts, stem, stems, surface_forms, words

#: Kinds that are compared, each with others of its own kind only.
KINDS: tuple[str, ...] = ("initiative", "focus_area", "challenge")
#: Weight of a full text match (cosine 1) and of one shared item of each kind.
W_TEXT = 4.0
WEIGHTS: dict[str, float] = {"theme": 0.75, "site": 0.75, "person": 1.5, "offer": 1.5, "mention": 2.0}


@dataclass
class Features:
    """What one element is compared by (ids sorted where they are shown)."""

    item: str
    kind: str
    specialty: str
    themes: frozenset[str]
    sites: frozenset[str]
    people: frozenset[str]
    offers: frozenset[str]
    mentions: frozenset[str]
    terms: dict[str, float] = field(default_factory=dict)  # stem -> TF-IDF weight (row normalised)


@dataclass
class KindBlock:
    """The rows of one kind: ids, their specialty codes, the matrix and its transpose."""

    ids: list[str]
    specialty_code: Any  # numpy int array
    matrix: Any  # scipy CSR, rows x columns
    transposed: Any  # scipy CSR, columns x rows: a product with it needs no transposing per look-up
    row: dict[str, int]


class SimilarityIndex:
    """Features and matrices of every comparable element at one graph revision."""

    def __init__(self, pg: PortfolioGraph):
        self.revision = pg.revision
        self.features: dict[str, Features] = {}
        self.surface: dict[str, str] = {}
        self.specialties: list[str] = []
        self.blocks: dict[str, KindBlock] = {}
        #: specialty -> its compared elements, in index order (initiatives, focus areas, challenges)
        self.by_specialty: dict[str, list[str]] = {}
        self._build(pg)

    # -- building -----------------------------------------------------------------------

    def _build(self, pg: PortfolioGraph) -> None:
        import numpy as np
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.specialties = pg.ids("specialty")
        code = {s: k for k, s in enumerate(self.specialties)}
        name_stems = _specialty_name_stems(pg, self.specialties)
        items: list[tuple[str, str, str, str]] = []  # (item, kind, specialty, text)
        for kind in KINDS:
            for item in pg.ids(kind):
                sp = pg.specialty_of(item)
                if sp is None or sp not in code:
                    continue
                items.append((item, kind, sp, _text(pg, item, kind)))
        # Place names are left out of the text: a shared hospital is its own reason ("samme sygehus").
        places = {s for site in pg.ids("site") for s in stems(str(pg.data(site).get("name") or ""))}
        texts = [words(text) for _, _, _, text in items]
        known = frozenset(w for ws in texts for w in ws)
        parts: dict[str, list[str]] = {}
        analysed = []
        for ws in texts:
            found: list[str] = []
            for w in ws:
                if w not in parts:
                    parts[w] = compound_parts(w, known)
                found.append(stem(w))
                found.extend(parts[w])
            analysed.append([t for t in found if t not in places])
        for _, _, _, text in items:
            for s, w in surface_forms(text).items():
                self.surface.setdefault(s, w)
        vectorizer = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True, norm="l2")
        if items:
            tfidf = vectorizer.fit_transform(analysed).tocsr()
            vocabulary = vectorizer.get_feature_names_out()
        else:
            tfidf, vocabulary = sparse.csr_matrix((0, 0)), np.array([], dtype=object)
        n_terms = tfidf.shape[1]
        columns: dict[tuple[str, str], int] = {}

        def column(kind: str, key: str) -> int:
            found = columns.get((kind, key))
            if found is None:
                found = columns[(kind, key)] = n_terms + len(columns)
            return found

        rows: list[list[tuple[int, float]]] = []
        # Rows read straight from the CSR arrays: getrow() builds a matrix per row, 0.1 ms each.
        names = [str(v) for v in vocabulary]
        starts, term_ids, weights = tfidf.indptr.tolist(), tfidf.indices.tolist(), tfidf.data.tolist()
        for k, (item, kind, sp, _) in enumerate(items):
            lo, hi = starts[k], starts[k + 1]
            terms = {names[j]: v for j, v in zip(term_ids[lo:hi], weights[lo:hi], strict=True)}
            mentions = frozenset(s for t in terms for s in name_stems.get(t, ()) if s != sp)
            themes, sites, people, offers = _structure(pg, item, kind)
            feat = Features(item, kind, sp, themes, sites, people, offers, mentions=mentions, terms=terms)
            self.features[item] = feat
            self.by_specialty.setdefault(sp, []).append(item)
            # A text naming another specialty marks the (unordered) pair of specialties: two elements
            # meet in that column only when each names the other's specialty.
            pairs = {"|".join(sorted((sp, other))) for other in mentions}
            row: list[tuple[int, float]] = []
            for key, values in (("theme", feat.themes), ("site", feat.sites), ("person", feat.people),
                                ("offer", feat.offers), ("mention", pairs)):
                scale = math.sqrt(WEIGHTS[key])
                row.extend((column(key, v), scale) for v in values)
            rows.append(row)
        width = n_terms + len(columns)
        structure = _csr(rows, width, sparse, np)
        if items:
            text = sparse.hstack([tfidf * math.sqrt(W_TEXT), sparse.csr_matrix((len(items), width - n_terms))]).tocsr()
            combined = (text + structure).tocsr()
        for kind in KINDS:
            picked = [k for k, it in enumerate(items) if it[1] == kind]
            ids = [items[k][0] for k in picked]
            codes = np.array([code[items[k][2]] for k in picked], dtype=np.int64)
            matrix = combined[np.array(picked)].tocsr() if picked else sparse.csr_matrix((0, width))
            self.blocks[kind] = KindBlock(ids, codes, matrix, matrix.T.tocsr(), {i: r for r, i in enumerate(ids)})

    # -- reading ------------------------------------------------------------------------

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


def _csr(rows: list[list[tuple[int, float]]], width: int, sparse: Any, np: Any) -> Any:
    indptr: list[int] = [0]
    indices: list[int] = []
    data: list[float] = []
    for row in rows:
        merged: dict[int, float] = {}
        for j, v in row:
            merged[j] = v
        indices.extend(merged)
        data.extend(merged.values())
        indptr.append(len(indices))
    arrays = (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr))
    return sparse.csr_matrix(arrays, shape=(len(rows), width))


def _text(pg: PortfolioGraph, item: str, kind: str) -> str:
    data = pg.data(item)
    parts = [str(data.get("title") or ""), str(data.get("description") or "")]
    if kind == "challenge":
        parts.extend(str(v) for v in (data.get("perspectives") or {}).values() if v)
    return " ".join(p for p in parts if p)


def _sites_of_initiative(pg: PortfolioGraph, item: str) -> set[str]:
    found: set[str] = set()
    for place in pg.out(item, "DELIVERED_AT"):
        if pg.kind(place) == "site":
            found.add(place)
        elif pg.kind(place) == "strength_position":
            found.update(pg.out(place, "AT"))
    return found


def _people_of_initiative(pg: PortfolioGraph, item: str) -> set[str]:
    found = set(pg.into(item, "OWNS"))
    for place in pg.out(item, "DELIVERED_AT"):
        if pg.kind(place) == "strength_position":
            found.update(pg.role_holders(place, "implementation_lead"))
    return found


def _offers_of_focus_area(pg: PortfolioGraph, fa: str) -> set[str]:
    return {o for pre in pg.into(fa, "ENABLES") for o in pg.out(pre, "DRAWS_ON")}


def _structure(pg: PortfolioGraph, item: str, kind: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(themes, sites, people, support offers) of one element."""
    themes = set(pg.data(item).get("themes", ()))
    sites: set[str] = set()
    people: set[str] = set()
    offers: set[str] = set()
    if kind == "initiative":
        sites = _sites_of_initiative(pg, item)
        people = _people_of_initiative(pg, item)
        offers = set(pg.out(item, "DRAWS_ON"))
        for fa in pg.out(item, "SERVES"):
            offers |= _offers_of_focus_area(pg, fa)
    elif kind == "focus_area":
        sites = {s for ch in pg.out(item, "ADDRESSES") for s in pg.out(ch, "AT")}
        offers = _offers_of_focus_area(pg, item)
        for ini in pg.into(item, "SERVES"):
            people |= set(pg.into(ini, "OWNS"))
            offers |= set(pg.out(ini, "DRAWS_ON"))
    else:
        sites = set(pg.out(item, "AT"))
    return frozenset(themes), frozenset(sites), frozenset(people), frozenset(offers)


def _specialty_name_stems(pg: PortfolioGraph, specialties: list[str]) -> dict[str, list[str]]:
    """Stem -> the specialty whose name it is part of; stems shared by two names name neither."""
    owners: dict[str, set[str]] = {}
    for sp in specialties:
        for s in stems(str(pg.data(sp).get("name") or "")):
            if len(s) >= 5:
                owners.setdefault(s, set()).add(sp)
    counts = Counter(s for s, o in owners.items() if len(o) == 1)
    return {s: sorted(owners[s]) for s in counts}


_LOCK = threading.Lock()
_INDEXES: weakref.WeakKeyDictionary[PortfolioGraph, SimilarityIndex] = weakref.WeakKeyDictionary()
_BUILDING: weakref.WeakKeyDictionary[PortfolioGraph, int] = weakref.WeakKeyDictionary()
#: From this many compared elements on, a newer revision's index is built in the background while
#: look-ups keep using the previous one (seconds at 100,000 nodes; a web page must not wait for it).
BACKGROUND_FROM = 20_000


def index_of(pg: PortfolioGraph) -> SimilarityIndex:
    """The similarity index of ``pg``, built on first use and again after a change.

    A large portfolio's index is rebuilt in a background thread after a change; until it is ready,
    the previous revision's index answers (an element added since is not suggested yet, and
    suggestions that no longer exist are left out by the caller). A small one is rebuilt at once.
    """
    with _LOCK:
        found = _INDEXES.get(pg)
        if found is not None and found.revision == pg.revision:
            return found
        if found is None or len(found.features) < BACKGROUND_FROM:
            found = SimilarityIndex(pg)
            _INDEXES[pg] = found
            return found
        if _BUILDING.get(pg) != pg.revision:
            _BUILDING[pg] = pg.revision
            threading.Thread(target=_rebuild, args=(weakref.ref(pg),), name="similarity-index", daemon=True).start()
        return found


def compared_count(pg: PortfolioGraph) -> int:
    """How many elements an index of ``pg`` compares (at most): its initiatives, focus areas and challenges."""
    return sum(pg.count(kind) for kind in KINDS)


def ready(pg: PortfolioGraph) -> bool:
    """Whether a look-up answers without building: an index of this revision, or a large one of an earlier."""
    with _LOCK:
        found = _INDEXES.get(pg)
        return found is not None and (found.revision == pg.revision or len(found.features) >= BACKGROUND_FROM)


def warm(pg: PortfolioGraph) -> None:
    """Start building ``pg``'s index in the background unless it is built or being built."""
    with _LOCK:
        if pg in _INDEXES or _BUILDING.get(pg) == pg.revision:
            return
        _BUILDING[pg] = pg.revision
    threading.Thread(target=_rebuild, args=(weakref.ref(pg),), name="similarity-index", daemon=True).start()


def _rebuild(ref: weakref.ref[PortfolioGraph]) -> None:
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
        _BUILDING.pop(pg, None)
