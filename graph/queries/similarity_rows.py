"""The rows of the similarity matrices (graph.queries.similarity_index): what an initiative, focus
area or core challenge is compared by, its text terms and the columns of what it touches, and the
sparse-matrix splicing that replaces a few rows without touching the others.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.textsim import compound_parts, stem, stems

#: Kinds that are compared, each with others of its own kind only.
KINDS: tuple[str, ...] = ("initiative", "focus_area", "challenge")
#: Weight of a full text match (cosine 1) and of one shared item of each kind.
W_TEXT = 4.0
WEIGHTS: dict[str, float] = {"theme": 0.75, "site": 0.75, "person": 1.5, "offer": 1.5, "mention": 2.0}
#: The text columns are scaled by this, so that a product of two rows weighs the cosine W_TEXT.
TEXT_SCALE = math.sqrt(W_TEXT)


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


@dataclass
class Vocabulary:
    """What a full build fitted, so that a changed element is vectorised the way the others were."""

    names: list[str]  # TF-IDF terms (stems); term j is column j
    term: dict[str, int]
    idf: Any  # numpy float array, one per term
    known: frozenset[str]  # the words the portfolio used: compound parts are looked up among them
    places: frozenset[str]  # stems of site names, left out of texts
    name_stems: dict[str, list[str]]  # stem -> the specialty whose name it is part of
    columns: dict[tuple[str, str], int]  # (theme|site|person|offer|mention, key) -> column; grows

    def column(self, kind: str, key: str) -> int:
        found = self.columns.get((kind, key))
        if found is None:
            found = self.columns[(kind, key)] = len(self.names) + len(self.columns)
        return found

    @property
    def width(self) -> int:
        return len(self.names) + len(self.columns)


def analyse(ws: list[str], known: frozenset[str], places: frozenset[str], parts: dict[str, list[str]]) -> list[str]:
    """The terms of a text's words: each word's stem and the stems of its compound parts, places left out."""
    found: list[str] = []
    for w in ws:
        if w not in parts:
            parts[w] = compound_parts(w, known)
        found.append(stem(w))
        found.extend(parts[w])
    return [t for t in found if t not in places]


def features_of(vocab: Vocabulary, item: str, kind: str, sp: str, terms: dict[str, float],
              structure: tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]) -> Features:
    mentions = frozenset(s for t in terms for s in vocab.name_stems.get(t, ()) if s != sp)
    themes, sites, people, offers = structure
    return Features(item, kind, sp, themes, sites, people, offers, mentions=mentions, terms=terms)


def structure_row(vocab: Vocabulary, feat: Features) -> list[tuple[int, float]]:
    """The structure columns of one element's row (the text columns come from the TF-IDF)."""
    # A text naming another specialty marks the (unordered) pair of specialties: two elements
    # meet in that column only when each names the other's specialty.
    pairs = {"|".join(sorted((feat.specialty, other))) for other in feat.mentions}
    row: list[tuple[int, float]] = []
    for key, values in (("theme", feat.themes), ("site", feat.sites), ("person", feat.people),
                        ("offer", feat.offers), ("mention", pairs)):
        scale = math.sqrt(WEIGHTS[key])
        row.extend((vocab.column(key, v), scale) for v in values)
    return row


def patched(block: KindBlock, rows: dict[str, tuple[list[tuple[int, float]], int]], dirty: set[str], width: int,
             sparse: Any, np: Any) -> KindBlock:
    """``block`` with the rows of ``rows`` replaced (or appended, for new elements) and the other
    ``dirty`` elements it holds removed; every other row is kept in its place, as it is."""
    replace = {block.row[i]: v for i, v in rows.items() if i in block.row}
    append = [(i, v) for i, v in rows.items() if i not in block.row]
    drop = {block.row[i] for i in dirty if i in block.row and i not in rows}
    matrix = block.matrix
    n = matrix.shape[0]
    if not replace and not append and not drop and width == matrix.shape[1]:
        return block
    # The arrays spliced in one pass: the kept runs of rows are copied as they are.
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    new_indices, new_data, lengths = [], [], np.diff(indptr).astype(np.int64)
    start = 0
    for r in sorted(set(replace) | drop):
        new_indices.append(indices[indptr[start]:indptr[r]])
        new_data.append(data[indptr[start]:indptr[r]])
        if r in replace:
            cols, vals = row_arrays(replace[r][0], np)
            new_indices.append(cols)
            new_data.append(vals)
            lengths[r] = len(cols)
        start = r + 1
    new_indices.append(indices[indptr[start]:indptr[n]])
    new_data.append(data[indptr[start]:indptr[n]])
    if drop:
        lengths = np.delete(lengths, sorted(drop))
    appended = [row_arrays(row, np) for _, (row, _c) in append]
    new_indices.extend(cols for cols, _ in appended)
    new_data.extend(vals for _, vals in appended)
    lengths = np.concatenate([lengths, np.array([len(cols) for cols, _ in appended], dtype=np.int64)])
    new_indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(indptr.dtype if len(lengths) else np.int64)
    patched = sparse.csr_matrix((np.concatenate(new_data).astype(np.float64),
                                 np.concatenate(new_indices).astype(indices.dtype), new_indptr),
                                shape=(len(lengths), width))
    codes = block.specialty_code.copy()
    for r, (_row, c) in replace.items():
        codes[r] = c
    if drop:
        codes = np.delete(codes, sorted(drop))
        ids = [i for r, i in enumerate(block.ids) if r not in drop]
    else:
        ids = list(block.ids) if append else block.ids
    codes = np.concatenate([codes, np.array([c for _, (_row, c) in append], dtype=np.int64)])
    if append:
        ids.extend(i for i, _ in append)
    if drop:
        where = {i: r for r, i in enumerate(ids)}
    elif append:
        where = dict(block.row, **{i: n + k for k, (i, _) in enumerate(append)})
    else:
        where = block.row  # the same rows in the same places: shared, never written to
    return KindBlock(ids, codes, patched, patched.T.tocsr(), where)


def row_arrays(row: list[tuple[int, float]], np: Any) -> tuple[Any, Any]:
    """One row's (columns, values), columns in order, the last value of a repeated column kept (as ``csr_of_rows``)."""
    merged: dict[int, float] = {}
    for j, v in row:
        merged[j] = v
    cols = sorted(merged)
    return np.array(cols, dtype=np.int64), np.array([merged[j] for j in cols], dtype=np.float64)


def ids_with_code(block: KindBlock, code: int, np: Any) -> list[str]:
    return [block.ids[int(r)] for r in np.nonzero(block.specialty_code == code)[0]]


def link_of(pg: PortfolioGraph, item: str) -> tuple[str, tuple[str, ...]] | None:
    """What a changed element pointed at that other elements' rows read (see ``affected``)."""
    kind = pg.kind(item)
    if kind == "initiative":
        return ("initiative", tuple(pg.out(item, "SERVES")))
    if kind == "prerequisite":
        return ("prerequisite", tuple(pg.out(item, "ENABLES")))
    if kind == "role":
        data = pg.data(item)
        if data.get("role") == "implementation_lead" and data.get("strength_position"):
            return ("role", (data["strength_position"],))
    return None


def links_of(pg: PortfolioGraph) -> dict[str, tuple[str, tuple[str, ...]]]:
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for kind in ("initiative", "prerequisite"):
        for item in pg.ids(kind):
            link = link_of(pg, item)
            if link is not None:
                found[item] = link
    for rec in pg.records("role"):
        link = link_of(pg, rec.id)
        if link is not None:
            found[rec.id] = link
    return found


def csr_of_rows(rows: list[list[tuple[int, float]]], width: int, sparse: Any, np: Any) -> Any:
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


def text_of(pg: PortfolioGraph, item: str, kind: str) -> str:
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


def structure_of(pg: PortfolioGraph, item: str, kind: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
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
    return _shared(themes), _shared(sites), _shared(people), _shared(offers)


_EMPTY: frozenset[str] = frozenset()
#: One copy of each set of themes, sites, people or offers: most elements' sets are empty or equal
#: to another's (benchmarks/MEMORY.md: the index at 200k from +383 MB to +278 MB). Started afresh
#: past _SHARED_LIMIT, so sets of elements long gone are not kept for ever.
_SETS: dict[frozenset[str], frozenset[str]] = {}
_SHARED_LIMIT = 200_000


def _shared(found: set[str]) -> frozenset[str]:
    if not found:
        return _EMPTY
    key = frozenset(found)
    if len(_SETS) >= _SHARED_LIMIT:
        _SETS.clear()
    return _SETS.setdefault(key, key)


def specialty_name_stems(pg: PortfolioGraph, specialties: list[str]) -> dict[str, list[str]]:
    """Stem -> the specialty whose name it is part of; stems shared by two names name neither."""
    owners: dict[str, set[str]] = {}
    for sp in specialties:
        for s in stems(str(pg.data(sp).get("name") or "")):
            if len(s) >= 5:
                owners.setdefault(s, set()).add(sp)
    counts = Counter(s for s, o in owners.items() if len(o) == 1)
    return {s: sorted(owners[s]) for s in counts}
