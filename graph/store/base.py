"""The store contract: one abstract class, one subclass per backend (SQLite, Bolt).

A store keeps records (graph.changeset.Record) and applies change sets inside one transaction,
advancing a revision number and writing an audit entry. Reads for queries come from the in-memory
graph (graph.portfolio), which a store feeds with ``load`` and ``changes_since``.
"""
from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.problems import Conflict, Problem
from graph.record import ChangeSet, Data, Record
from graph.text import BilingualError
from graph.validation import KindLookup, ReferrerLookup, validate


@dataclass
class Snapshot:
    revision: int
    records: list[Record]


@dataclass
class Delta:
    """What changed after a revision: records written (current state) and ids deleted."""

    revision: int
    upserts: list[Record]
    deletes: list[str]


@dataclass
class Applied:
    """The outcome of a change set: the new revision and what it created, updated and deleted."""

    revision: int
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def summary(self) -> dict[str, int]:
        return {
            "created": len(self.created), "updated": len(self.updated), "deleted": len(self.deleted), "unchanged": self.unchanged
        }


@dataclass
class AuditEntry:
    """One applied change set: who, when, the revision it made and what changed (op, kind, id)."""

    revision: int
    at: str
    actor: str
    note: str
    changes: list[tuple[str, str, str]]


@dataclass
class ItemChange:
    """One element's change in the audit log, with its fields before and after (None for a create or delete)."""

    revision: int
    at: str
    actor: str
    note: str
    op: str
    kind: str
    item: str
    before: Data | None
    after: Data | None


@dataclass
class Plan:
    """A validated change set sorted into what it does to the stored records."""

    creates: list[Record]
    updates: list[tuple[Record, Record]]  # (before, after)
    deletes: list[Record]
    unchanged: int


def plan_changes(changes: ChangeSet, stored: dict[str, Record], existing: KindLookup, referrers: ReferrerLookup) -> Plan:
    """Validate ``changes`` against the store and sort them; raise Conflict or InvalidChangeSet.

    ``stored`` holds the current records of every id the change set names.
    """
    for item, expected in changes.expect.items():
        actual = stored[item].version if item in stored else 0
        if actual != expected:
            raise Conflict(Problem("conflict", item, item, None, {"id": item, "expected": expected, "actual": actual}))
    validate(changes, existing, referrers)
    creates: list[Record] = []
    updates: list[tuple[Record, Record]] = []
    unchanged = 0
    for rec in changes.upserts:
        before = stored.get(rec.id)
        programme = rec.programme if rec.programme is not None else (before.programme if before else None)
        after = Record(rec.kind, rec.id, rec.data, programme, (before.version if before else 0) + 1, rec.origin)
        if before is None:
            creates.append(after)
        elif before.data == rec.data and before.programme == programme:
            unchanged += 1
        else:
            updates.append((before, after))
    deletes = [stored[d] for d in dict.fromkeys(changes.deletes) if d in stored]
    return Plan(creates, updates, deletes, unchanged)


def dumps(data: Data) -> str:
    """Canonical JSON of a record's fields, as stored."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Store(ABC):
    """The contract every backend meets. Use as a context manager or call ``close``."""

    url: str

    @abstractmethod
    def revision(self) -> int:
        """The current revision: 0 for an empty store, +1 for every change set that changed something."""

    @abstractmethod
    def load(self) -> Snapshot:
        """Every record, with the revision they belong to."""

    @abstractmethod
    def changes_since(self, revision: int) -> Delta:
        """What changed after ``revision`` (for keeping an in-memory graph current)."""

    @abstractmethod
    def get(self, ids: Iterable[str]) -> dict[str, Record]:
        """The stored records of these ids (missing ids are left out)."""

    @abstractmethod
    def apply(self, changes: ChangeSet, actor: str, dry_run: bool = False) -> Applied:
        """Validate and apply a change set in one transaction; with ``dry_run``, write nothing.

        Raises graph.problems.InvalidChangeSet (nothing written) or Conflict (an expected version
        did not match). A change set that changes nothing leaves the revision as it was.
        """

    @abstractmethod
    def audit(self, limit: int = 50, item: str | None = None) -> list[AuditEntry]:
        """The newest audit entries first, optionally only those touching ``item``."""

    @abstractmethod
    def history(self, item: str | None = None, since: int = 0) -> list[ItemChange]:
        """Every element change after revision ``since`` (only ``item``'s, if given), oldest first,
        with the element's fields before and after: the same on every backend."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Number of stored records per kind."""

    def identity(self) -> str:
        """What tells this store apart from every other (caches beside it compare it); no secret.

        Backends that can keep an id of their own inside the store override this; the URL is the fallback.
        """
        return self.url

    def revision_stamp(self, revision: int) -> str | None:
        """What tells ``revision`` of this store apart from another history that reached the same number
        (a restored backup written on since); None if the backend cannot tell."""
        return None

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StoreError(BilingualError):
    """A store could not be reached or used; the message is for a person and holds no secret.

    Raise it as ``StoreError(da=..., en=...)``. ``str()`` is the English message; ``text("da")``
    the Danish one. The older positional form ``StoreError(en, da)`` (Danish optional, English
    used for both then) is still accepted until every raiser has moved to keywords.

    >>> StoreError(da="kan ikke åbne lageret", en="cannot open the store").text("da")
    'kan ikke åbne lageret'
    >>> StoreError("cannot open the store").text("da")
    'cannot open the store'
    """

    def __init__(self, en: str, da: str | None = None):
        super().__init__(da=da if da is not None else en, en=en)
