"""TF-IDF of analysed texts: one fit for a full build, one weighting for a single text after it.

The weighting is the common one: a term's weight in a text is ``(1 + ln count) * idf``, with the
smoothed ``idf = ln((1 + n) / (1 + df)) + 1`` over the ``n`` texts of the fit (``df``: how many
of them hold the term), and each text's weights are scaled to unit length (L2). The fit and the
weighting of one text after it share ``weigh``, so a text re-vectorised after a write gets the very
weights a full build would have given it with the same idf.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


def weigh(counts: Mapping[str, int], idf_of: Mapping[str, float]) -> dict[str, float]:
    """Return the unit-length TF-IDF weights of a text's term counts; terms without an idf are left out.

    >>> w = weigh({"læge": 1, "rekruttering": 2}, {"læge": 1.0, "rekruttering": 2.0})
    >>> round(w["læge"], 4), round(w["rekruttering"], 4), weigh({"x": 1}, {})
    (0.2832, 0.9591, {})
    """
    weights = {term: (1.0 + math.log(count)) * idf_of[term] for term, count in counts.items() if term in idf_of}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {term: w / norm for term, w in weights.items()} if norm else {}


@dataclass
class Fit:
    """The terms in alphabetical order, their idf (a numpy array in that order) and one row per text."""

    names: list[str]
    idf: Any
    matrix: Any  # scipy CSR matrix, texts x terms, column indices sorted within each row


def fit(texts: Sequence[Sequence[str]]) -> Fit:
    """Return the TF-IDF fit of ``texts`` (each a list of analysed terms, repeats counted).

    >>> f = fit([["a", "b", "b"], ["b", "c"]])
    >>> f.names, [round(float(x), 4) for x in f.idf]
    (['a', 'b', 'c'], [1.4055, 1.0, 1.4055])
    >>> f.matrix.shape, f.matrix.indices.tolist()
    ((2, 3), [0, 1, 1, 2])
    """
    import numpy as np
    from scipy import sparse

    counts = [Counter(text) for text in texts]
    frequency = Counter(term for count in counts for term in count)
    names = sorted(frequency)
    column = {term: j for j, term in enumerate(names)}
    n = len(counts)
    idf_of = {term: math.log((1 + n) / (1 + frequency[term])) + 1.0 for term in names}
    indptr: list[int] = [0]
    indices: list[int] = []
    data: list[float] = []
    for count in counts:
        row = sorted((column[term], w) for term, w in weigh(count, idf_of).items())
        indices.extend(j for j, _ in row)
        data.extend(w for _, w in row)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
        shape=(n, len(names)),
    )
    return Fit(names, np.asarray([idf_of[t] for t in names], dtype=np.float64), matrix)
