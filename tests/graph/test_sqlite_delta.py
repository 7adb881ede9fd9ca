"""What SQLiteStore.changes_since reports: the records written and the ids deleted after a revision."""
from __future__ import annotations

from graph.changeset import ChangeSet, parse_record
from graph.record import Record
from graph.store.sqlite import SQLiteStore


def site(item: str, name: str) -> Record:
    return parse_record("site", {"id": item, "name": name}, "t")


def test_deleted_ids_are_listed_once_and_not_when_written_again(sqlite_store: SQLiteStore):
    store = sqlite_store
    store.apply(ChangeSet([site("a", "A"), site("b", "B"), site("c", "C")]), "t")  # revision 1
    store.apply(ChangeSet(deletes=["a", "b"]), "t")  # 2
    store.apply(ChangeSet([site("a", "A igen")]), "t")  # 3
    store.apply(ChangeSet(deletes=["a"]), "t")  # 4
    store.apply(ChangeSet([site("b", "B igen")]), "t")  # 5
    assert (store.changes_since(1).deletes, store.changes_since(1).revision) == (["a"], 5)
    assert [r.id for r in store.changes_since(1).upserts] == ["b"]
    assert store.changes_since(3).deletes == ["a"]
    assert store.changes_since(4).deletes == []
    assert (store.changes_since(5).deletes, store.changes_since(5).upserts) == ([], [])
