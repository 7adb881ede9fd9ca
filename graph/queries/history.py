"""History: an element's changes field by field, and what changed in a specialty since a date or revision.

Plain functions over the audit's element changes (graph.store.base.ItemChange, as every store's
``history`` gives them) and the graph, so the web pages and ``tracker diff`` answer alike.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.baseline import field_changes
from graph.record import Data
from graph.store.base import ItemChange
from graph.text import BilingualError

#: The groups of a "what changed since" answer, in the order they are shown.
GROUPS = ("added", "changed", "removed")


@dataclass
class HistoryEntry:
    """One change of one element: who, when, at which revision, and each field's value before and after."""

    revision: int
    at: str
    actor: str
    note: str
    op: str
    fields: list[tuple[str, Any, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"revision": self.revision, "at": self.at, "actor": self.actor, "note": self.note, "op": self.op,
                "fields": [{"field": f, "before": b, "after": a} for f, b, a in self.fields]}


def element_history(changes: list[ItemChange]) -> list[HistoryEntry]:
    """Return one element's changes newest first, each with its fields before and after.

    >>> c = ItemChange(2, "2026-05-01T10:00:00+00:00", "eva", "", "update", "initiative", "i1",
    ...                {"id": "i1", "title": "A"}, {"id": "i1", "title": "B"})
    >>> [(e.revision, e.fields) for e in element_history([c])]
    [(2, [('title', 'A', 'B')])]
    """
    return [
        HistoryEntry(c.revision, c.at, c.actor, c.note, c.op, field_changes(c.before, c.after))
        for c in sorted(changes, key=lambda c: c.revision, reverse=True)
    ]


@dataclass
class ChangedItem:
    """One element's net change over a period: its kind, state at the start and at the end, the fields that differ."""

    item: str
    kind: str
    group: str
    before: Data | None
    after: Data | None
    actors: list[str] = field(default_factory=list)
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.item, "kind": self.kind, "change": self.group, "by": self.actors,
                "fields": [{"field": f, "before": b, "after": a} for f, b, a in self.fields]}


@dataclass
class SinceDiff:
    """What changed after a revision: elements added, changed and removed, each group by kind then id."""

    since: int
    revision: int
    specialty: str | None
    items: list[ChangedItem]

    def group(self, name: str) -> list[ChangedItem]:
        return [i for i in self.items if i.group == name]

    def to_json(self) -> dict[str, Any]:
        return {"since": self.since, "revision": self.revision, "specialty": self.specialty,
                **{g: [i.to_json() for i in self.group(g)] for g in GROUPS}}


def specialty_of_data(pg: PortfolioGraph, kind: str, data: Data | None) -> str | None:
    """Return the specialty an element's fields place it in (works for an element no longer stored)."""
    if not data:
        return None
    if kind == "specialty":
        return str(data.get("id"))
    for key in ("specialty", "ambition", "focus_area", "strength_position"):
        ref = data.get(key)
        if isinstance(ref, str) and ref in pg:
            return pg.specialty_of(ref)
        if key == "specialty" and isinstance(ref, str):
            return ref
    for ref in data.get("focus_areas", ()) or ():
        if ref in pg:
            return pg.specialty_of(ref)
    return None


def changed_since(pg: PortfolioGraph, changes: list[ItemChange], since: int, specialty: str | None = None) -> SinceDiff:
    """Return the net changes after revision ``since`` (from ``changes`` oldest first), optionally of one specialty.

    An element created and deleted within the period is left out; one changed back to what it was too.
    """
    first: dict[str, ItemChange] = {}
    last: dict[str, ItemChange] = {}
    actors: dict[str, list[str]] = {}
    for c in changes:
        if c.revision <= since:
            continue
        first.setdefault(c.item, c)
        last[c.item] = c
        if c.actor not in actors.setdefault(c.item, []):
            actors[c.item].append(c.actor)
    items: list[ChangedItem] = []
    for item, start in first.items():
        before, after = start.before, last[item].after
        kind = last[item].kind
        if specialty is not None:
            here = pg.specialty_of(item) if item in pg else None
            if specialty not in (here, specialty_of_data(pg, kind, before), specialty_of_data(pg, kind, after)):
                continue
        if before is None and after is None:
            continue
        group = "added" if before is None else "removed" if after is None else "changed"
        fields = field_changes(before, after) if group == "changed" else []
        if group == "changed" and not fields:
            continue
        items.append(ChangedItem(item, kind, group, before, after, actors[item], fields))
    items.sort(key=lambda i: (GROUPS.index(i.group), i.kind, i.item))
    revision = max((c.revision for c in changes), default=since)
    return SinceDiff(since, max(revision, since), specialty, items)


def revision_before(changes: list[ItemChange], day: dt.date) -> int:
    """Return the last revision written before ``day`` began (UTC), from the audit's changes: "since day" starts there.

    >>> c = ItemChange(3, "2026-05-02T08:00:00+00:00", "eva", "", "create", "site", "s", None, {"id": "s"})
    >>> revision_before([c], dt.date(2026, 5, 2)), revision_before([c], dt.date(2026, 5, 3))
    (2, 3)
    """
    start = day.isoformat()
    written = [c.revision for c in changes if c.at[:10] < start]
    later = [c.revision for c in changes if c.at[:10] >= start]
    if later:
        return min(later) - 1
    return max(written, default=0)


#: The largest revision a store can hold (SQLite and Neo4j count in signed 64 bits).
LARGEST_REVISION = 2**63 - 1


class SinceError(BilingualError):
    """``since`` is neither a date, a revision nor a decision."""


def parse_since(pg: PortfolioGraph, since: str) -> int | dt.date:
    """Return the revision ``since`` names (``12``, ``r12`` or a decision's id), or the date it names (``2026-05-01``).

    A decision counts from the revision it was taken at, so its own write is among the changes.
    Raises SinceError for anything else.
    """
    text = since.strip()
    if pg.kind(text) == "decision":
        return max(0, int(pg.data(text).get("revision") or 0))
    digits = text[1:] if text[:1] in ("r", "R") else text
    # isdigit() alone admits "²" and other digits int() refuses; a store counts revisions in 63 bits.
    if digits.isascii() and digits.isdigit():
        if len(digits) > len(str(LARGEST_REVISION)) or int(digits) > LARGEST_REVISION:
            raise SinceError(
                da=f"'{since}' er ikke en revision: den største mulige er r{LARGEST_REVISION}",
                en=f"'{since}' is not a revision: the largest possible is r{LARGEST_REVISION}",
            )
        return int(digits)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SinceError(
            da=f"'{since}' er hverken en dato (ÅÅÅÅ-MM-DD), en revision (r12) eller en beslutning",
            en=f"'{since}' is neither a date (YYYY-MM-DD), a revision (r12) nor a decision",
        ) from None


def resolve_since(pg: PortfolioGraph, changes: list[ItemChange], since: str) -> int:
    """Return the revision ``since`` names: a revision, a decision's, or the last one before a date began."""
    found = parse_since(pg, since)
    return found if isinstance(found, int) else revision_before(changes, found)


def changes_since(pg: PortfolioGraph, history: Callable[[int], list[ItemChange]], since: str) -> tuple[int, list[ItemChange]]:
    """Return the revision ``since`` names and the changes after it; ``history(revision)`` reads the store's.

    Only a date needs the whole history (to find its revision); a revision or decision reads from there on.
    """
    found = parse_since(pg, since)
    if isinstance(found, int):
        return found, history(found)
    every = history(0)
    return revision_before(every, found), every
