"""Field-level merge of two edits of one element made from the same version (a three-way merge).

Two people who opened the same version and changed different fields both keep their change; a
field both changed, to different values, is a clash that only the person saving may settle.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from graph.record import Data


@dataclass(frozen=True)
class Clash:
    """A field both edits changed, to different values (``None``: left out, as in a file)."""

    field: str
    mine: object
    theirs: object


def merge_fields(base: Data, mine: Data, theirs: Data) -> tuple[Data, list[Clash]]:
    """Return ``theirs`` with every field only ``mine`` changed since ``base`` applied, and the clashes.

    A clashed field keeps ``theirs``: nothing of the colleague's is replaced without a choice.

    >>> merged, clashes = merge_fields(
    ...     {"id": "i1", "title": "A", "description": "x"},
    ...     {"id": "i1", "title": "B", "description": "x"},
    ...     {"id": "i1", "title": "A", "description": "y"})
    >>> merged, clashes
    ({'id': 'i1', 'title': 'B', 'description': 'y'}, [])
    >>> merge_fields({"title": "A"}, {"title": "B"}, {"title": "C"})
    ({'title': 'C'}, [Clash(field='title', mine='B', theirs='C')])
    >>> merge_fields({"title": "A", "note": "n"}, {"title": "A"}, {"title": "A", "note": "n"})
    ({'title': 'A'}, [])
    """
    merged = dict(theirs)
    clashes: list[Clash] = []
    for name in _ordered((base, mine, theirs)):
        was, mine_now, theirs_now = base.get(name), mine.get(name), theirs.get(name)
        if mine_now == was or mine_now == theirs_now:
            continue
        if theirs_now == was:
            if mine_now is None:
                merged.pop(name, None)
            else:
                merged[name] = mine_now
            continue
        clashes.append(Clash(name, mine_now, theirs_now))
    return merged, clashes


def _ordered(datas: Iterable[Data]) -> list[str]:
    seen: dict[str, None] = {}
    for data in datas:
        seen.update(dict.fromkeys(data))
    return list(seen)


class Change(Protocol):
    """One entry of an element's audit history (graph.store.base.ItemChange)."""

    @property
    def op(self) -> str: ...

    @property
    def after(self) -> Data | None: ...


def data_at_version(changes: Iterable[Change], version: int) -> Data | None:
    """Return an element's fields as they were at ``version``, from its audit history in order
    (items with ``op`` and ``after``, as ``Store.history(item)`` gives them); None if not found.

    A create starts at version 1, each update adds one, a delete ends at 0.

    >>> from types import SimpleNamespace as C
    >>> log = [C(op="create", after={"t": "A"}), C(op="update", after={"t": "B"})]
    >>> data_at_version(log, 1), data_at_version(log, 2), data_at_version(log, 3)
    ({'t': 'A'}, {'t': 'B'}, None)
    """
    current = 0
    found: Data | None = None
    for change in changes:
        op, after = change.op, change.after
        if op == "delete" or after is None:
            current, found = 0, None
            continue
        current = 1 if op == "create" else current + 1
        if current == version:
            found = dict(after)
    return found if version > 0 else None
