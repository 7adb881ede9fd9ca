"""The page cache: answers computed from the portfolio graph, kept until a write makes them stale.

Every entry carries a scope: the specialty whose neighbourhood it reads, or EVERYTHING. A write
forgets the entries of the specialties it touches (graph/cache/touched.py); the answers read from
the similarity index and the partner lists follow rules of their own (``forget_moved``,
``forget_partners``), because a write moves few of them although they compare with the whole
portfolio. An answer computed while a write ran is handed out but never stored (``moving``).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from graph.cache.followed import Followed
from graph.queries.similar import LIMIT, PAIRS_PER_ELEMENT

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
SYNERGY_NAMES = frozenset({PAIRS, SIMILAR, PARTNERS, PAIRS_HTML, PARTNERS_HTML})


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
