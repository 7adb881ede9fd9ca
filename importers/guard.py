"""Imports that cannot lose work: a file taken at an older revision never silently overwrites a later change.

A portfolio file from ``tracker export`` (or the web download) names the revision it was taken at.
Importing it checks, inside the write's own version checks, which items the file would change
that someone changed after that revision; those refuse the import, naming the items and who
changed them, and nothing is written. ``force`` overrides. A file without a revision (an older
file) imports as before.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from graph.problems import Conflict
from graph.record import ChangeSet
from graph.store.base import Applied, Store
from graph.text import BilingualError, counted

#: Items named in the refusal; the rest are counted.
SHOWN = 20
#: How often a guarded import re-checks after another writer got in between.
ATTEMPTS = 10
#: Stored records read at a time by import_plan.
PLAN_CHUNK = 5000


@dataclass
class ImportPlan:
    """What an import would do, by id: added, changed, left alone (the same data as stored)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: The version of every item of the file when the plan was made (0: not stored).
    versions: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, list[str]]:
        return {"added": self.added, "changed": self.changed, "unchanged": self.unchanged}


class StaleImport(BilingualError):
    """The file was taken before changes it would overwrite; ``changed`` maps each item to who changed it since."""

    def __init__(self, based_on: int, changed: dict[str, list[str]]):
        self.based_on = based_on
        self.changed = changed
        items = [f"'{item}' ({', '.join(who)})" for item, who in list(changed.items())[:SHOWN]]
        more = len(changed) - len(items)
        listed = ", ".join(items)
        super().__init__(
            da=f"intet er skrevet: filen er taget ved revision {based_on}, og {counted(len(changed), 'da')}, som den ville "
            f"overskrive, er ændret siden: {listed}" + (f" og {more} flere" if more > 0 else ""),
            en=f"nothing was written: the file was taken at revision {based_on}, and {counted(len(changed), 'en', en=('item', 'items'))} "
            f"it would overwrite {'has' if len(changed) == 1 else 'have'} changed since: {listed}" + (f" and {more} more" if more > 0 else ""),
        )


def import_plan(store: Store, changes: ChangeSet) -> ImportPlan:
    """Return which ids of the file would be added, changed and left alone (nothing written)."""
    plan = ImportPlan()
    # A few thousand stored records at a time: a whole 200,000-element store, decoded at once beside
    # the change set, would be 190 MB more at the import's peak.
    for start in range(0, len(changes.upserts), PLAN_CHUNK):
        upserts = changes.upserts[start : start + PLAN_CHUNK]
        stored = store.get([r.id for r in upserts])
        for rec in upserts:
            before = stored.get(rec.id)
            plan.versions[rec.id] = before.version if before is not None else 0
            if before is None:
                plan.added.append(rec.id)
            elif before.data != rec.data or (rec.programme is not None and before.programme != rec.programme):
                plan.changed.append(rec.id)
            else:
                plan.unchanged.append(rec.id)
    return plan


def changed_since(store: Store, changes: ChangeSet, plan: ImportPlan) -> dict[str, list[str]]:
    """Return the items the import would overwrite (or create over) that were changed after the file's revision, with who."""
    if changes.based_on is None:
        return {}
    touched = set(plan.changed) | set(plan.added)
    found: dict[str, list[str]] = {}
    for change in store.history(since=changes.based_on):
        if change.item in touched and change.actor not in found.setdefault(change.item, []):
            found[change.item].append(change.actor)
    return {item: who for item, who in found.items() if who}


def guarded_apply(store: Store, changes: ChangeSet, actor: str, dry_run: bool = False, force: bool = False) -> tuple[Applied, ImportPlan]:
    """Apply an imported change set unless it would overwrite later changes (StaleImport, nothing written).

    The items it changes are written only at the versions the check saw: a writer that gets in
    between makes the check run again, so two concurrent imports never lose a change silently.
    """
    for _attempt in range(ATTEMPTS):
        plan = import_plan(store, changes)
        if not force:
            stale = changed_since(store, changes, plan)
            if stale:
                raise StaleImport(int(changes.based_on or 0), stale)
        if changes.based_on is None or force:
            return store.apply(changes, actor, dry_run=dry_run), plan
        # Every item of the file at the version the check saw (the same read): one it leaves alone
        # now would be overwritten too if another writer changed it in between.
        expect = {**plan.versions, **changes.expect}
        guarded = ChangeSet(changes.upserts, changes.deletes, expect, changes.note, changes.based_on)
        try:
            return store.apply(guarded, actor, dry_run=dry_run), plan
        except Conflict:
            continue  # someone wrote in between: look again at what changed since the file was taken
    raise StaleImport(int(changes.based_on or 0), {"?": ["?"]})
