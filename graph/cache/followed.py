"""What a write did to the similarity index, and whether a shown list of suggestions may now read differently."""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

#: Scores are shown rounded to two decimals, so a score within half a hundredth (plus slack for
#: floating point) of the weakest shown may display as equal to it and so enter the list.
SHOWN_MARGIN = 0.006


@dataclass(frozen=True)
class Followed:
    """What a change did to a graph's index.

    ``full``: the index must be (or is being) built afresh, so any answer may move. Otherwise
    ``dirty`` are the elements whose rows were rewritten, ``specialties`` theirs (before and after),
    and ``best_before`` / ``best_after`` give, for every element scoring at least ``min_score`` with
    one of them before / after the change, its best such score; ``reach`` the specialties of those.
    """

    full: bool
    dirty: frozenset[str] = frozenset()
    specialties: frozenset[str] = frozenset()
    best_before: Mapping[str, float] = field(default_factory=dict)
    best_after: Mapping[str, float] = field(default_factory=dict)
    reach: frozenset[str] = frozenset()
    min_score: float = 0.0

    def may_change(self, source: str, shown: list[tuple[str, float, bool]], limit: int) -> bool:
        """Whether the suggestions of ``source`` (``shown``: (target, score, made by people) as an
        answer of at most ``limit`` showed them before the change) may read differently now.

        Every row but the dirty ones is as it was, so every other pair keeps its score: a list can
        only lose a dirty element it showed, or take one in that now scores at least ``min_score``
        and, in a full list, at least the weakest suggestion shown (less ``SHOWN_MARGIN``). A list
        that was not full can also take in an element that a dirty one kept out of the candidates
        looked at, which needs that dirty element to have scored at least ``min_score`` before.

        >>> moved = Followed(full=False, dirty=frozenset({"b"}), best_after={"a": 0.5})
        >>> moved.may_change("a", [("b", 0.4, False)], limit=5)  # shows a rewritten element
        True
        >>> moved.may_change("a", [("c", 0.9, False), ("d", 0.8, False)], limit=2)  # 0.5 stays below 0.8
        False
        >>> moved.may_change("a", [("c", 0.9, False), ("d", 0.505, False)], limit=2)  # within the margin of 0.505
        True
        """
        if self.full or source in self.dirty or any(t in self.dirty for t, _s, _l in shown):
            return True
        if len(shown) < limit:
            return source in self.best_after or source in self.best_before
        worst = min((score for _t, score, linked in shown if not linked), default=math.inf)
        return self.best_after.get(source, -math.inf) >= worst - SHOWN_MARGIN
