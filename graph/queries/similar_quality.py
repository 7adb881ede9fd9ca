"""How good the similar-work suggestions are on a hand-labelled set: precision and recall of the top k.

A labelled set names pairs that are the same work (``same``) and pairs that only look alike
(``not_same``). For every element in a labelled pair, the top ``k`` suggestions are judged: a
suggestion in a ``same`` pair is a hit; one in a ``not_same`` pair, or (in a ``closed`` set, where
every pair not listed as the same is not) any other suggestion, is a miss; the rest are not judged.
Precision is hits / (hits + misses); recall is the share of ``same`` pairs, counted in both
directions, whose other element is among the top ``k``.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.portfolio import PortfolioGraph
from graph.queries.similar import similar


@dataclass
class Quality:
    """Hits, misses, found and wanted counts, and the misses themselves as (asked, suggested)."""

    hits: int = 0
    misses: int = 0
    found: int = 0
    wanted: int = 0
    wrong: list[tuple[str, str]] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        judged = self.hits + self.misses
        return self.hits / judged if judged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.wanted if self.wanted else 1.0


def quality(
    pg: PortfolioGraph, same: Iterable[Iterable[str]], not_same: Iterable[Iterable[str]] = (), closed: bool = False, k: int = 3
) -> Quality:
    """Judge the top ``k`` suggestions of every element of a labelled pair (see the module's doc)."""
    positive = {frozenset(p) for p in same}
    negative = {frozenset(p) for p in not_same}
    asked = sorted({i for pair in positive | negative for i in pair})
    result = Quality()
    for item in asked:
        top = [m.target for m in similar(pg, item, limit=k)]
        for target in top:
            pair = frozenset((item, target))
            if pair in positive:
                result.hits += 1
            elif pair in negative or closed:
                result.misses += 1
                result.wrong.append((item, target))
        for pair in positive:
            if item in pair:
                (other,) = pair - {item}
                result.wanted += 1
                if other in top:
                    result.found += 1
                else:
                    result.lost.append((item, other))
    return result
