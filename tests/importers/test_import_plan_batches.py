"""importers.guard.import_plan reads the store a batch at a time (issue 13: a 200,000-element re-import
does not decode the whole store at once); the plan is the same."""
from __future__ import annotations

from graph.changeset import ChangeSet, parse_record
from graph.store.sqlite import SQLiteStore
from importers import guard


def sites(names: dict[str, str]) -> ChangeSet:
    return ChangeSet([parse_record("site", {"id": item, "name": name, "kind": "other"}, "t") for item, name in names.items()])


def test_the_import_plan_read_in_batches_is_the_same(sqlite_store: SQLiteStore, monkeypatch):
    store = sqlite_store
    store.apply(sites({"a": "A", "b": "B", "c": "C"}), "t")
    monkeypatch.setattr(guard, "PLAN_CHUNK", 2)
    plan = guard.import_plan(store, sites({"a": "A", "b": "B2", "c": "C", "d": "D", "e": "E"}))
    assert plan.to_json() == {"added": ["d", "e"], "changed": ["b"], "unchanged": ["a", "c"]}
    assert plan.versions == {"a": 1, "b": 1, "c": 1, "d": 0, "e": 0}
