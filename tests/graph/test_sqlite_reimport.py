"""A large re-import without holding the store twice (issue 13: memory at 200k), with the same outcome.

SQLiteStore.apply gives a record the change set repeats unchanged the change set's own fields as its
stored fields, and writes in batches. What is written, counted and audited is what it was.
"""
from __future__ import annotations

import pytest

from graph.changeset import ChangeSet, parse_record
from graph.problems import InvalidChangeSet
from graph.record import Record
from graph.store import sqlite as sqlite_module
from graph.store.sqlite import SQLiteStore


def site(item: str, name: str) -> Record:
    return parse_record("site", {"id": item, "name": name, "kind": "other"}, "t")


def sites(names: dict[str, str]) -> ChangeSet:
    return ChangeSet([site(item, name) for item, name in names.items()])


def test_unchanged_records_stay_as_they_are_and_changed_ones_are_updated(sqlite_store: SQLiteStore, monkeypatch):
    monkeypatch.setattr(sqlite_module, "_WRITE_CHUNK", 2)  # several write batches on a small change set
    store = sqlite_store
    first = store.apply(sites({"a": "A", "b": "B", "c": "C", "d": "D", "e": "E"}), "t")
    assert (first.revision, first.created) == (1, ["a", "b", "c", "d", "e"])
    again = store.apply(sites({"a": "A", "b": "B2", "c": "C", "d": "D", "e": "E2", "f": "F"}), "t")
    assert (again.revision, again.created, again.updated, again.unchanged) == (2, ["f"], ["b", "e"], 3)
    stored = store.get(["a", "b", "e", "f"])
    assert {k: (r.data["name"], r.version) for k, r in stored.items()} == {"a": ("A", 1), "b": ("B2", 2), "e": ("E2", 2), "f": ("F", 1)}
    changes = [(c.op, c.item, (c.before or {}).get("name"), (c.after or {}).get("name")) for c in store.history(since=1)]
    assert changes == [("create", "f", None, "F"), ("update", "b", "B", "B2"), ("update", "e", "E", "E2")]
    assert [(c.op, c.item) for c in store.history(since=0)][:5] == [("create", x) for x in "abcde"]


def test_the_same_file_twice_changes_nothing(sqlite_store: SQLiteStore):
    store = sqlite_store
    store.apply(sites({"a": "A", "b": "B"}), "t")
    again = store.apply(sites({"a": "A", "b": "B"}), "t")
    assert (again.revision, again.changed, again.unchanged) == (1, False, 2)
    assert store.revision() == 1


def test_an_id_given_again_as_another_kind_is_still_refused(sqlite_store: SQLiteStore):
    store = sqlite_store
    store.apply(sites({"a": "A"}), "t")
    clash = parse_record("specialty", {"id": "a", "name": "A"}, "t")
    with pytest.raises(InvalidChangeSet) as raised:
        store.apply(ChangeSet([clash]), "t")
    assert [p.code for p in raised.value.problems] == ["kind_clash"]
