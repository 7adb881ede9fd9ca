"""The prepared read model: loaded when current, brought up to date when the store moved, rebuilt when it cannot be trusted."""
from __future__ import annotations

import json
import marshal
import shutil
import sqlite3
from pathlib import Path

import pytest

from graph import readmodel
from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import trace
from graph.store.sqlite import SQLiteStore


def state(pg: PortfolioGraph) -> tuple[int, list[tuple[object, ...]], list[tuple[str, str, str]]]:
    """Everything a query can see: revision, every record, every edge."""
    records = sorted((r.kind, r.id, repr(r.data), r.programme, r.version) for r in pg.records())
    edges = sorted({(item, v, rel) for item in [r.id for r in pg.records()] for v, rel in pg.links_out(item)})
    return pg.revision, records, edges


def rename(store: SQLiteStore, item: str, title: str) -> None:
    changed = parse_record("initiative", {"id": item, "title": title, "focus_areas": ["geri-fa2"]}, "t")
    store.apply(ChangeSet([changed], deletes=["orphan-i"]), "test")


class Counting:
    """Counts a store's full loads and delta reads."""

    def __init__(self, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch):
        self.loads = self.deltas = 0
        load, since = store.load, store.changes_since

        def counted_load() -> object:
            self.loads += 1
            return load()

        def counted_since(revision: int) -> object:
            self.deltas += 1
            return since(revision)

        monkeypatch.setattr(store, "load", counted_load)
        monkeypatch.setattr(store, "changes_since", counted_since)


def test_the_first_open_builds_and_saves_the_next_loads_without_reading_the_store(small_store, monkeypatch):
    counts = Counting(small_store, monkeypatch)
    path = readmodel.default_path(small_store)
    assert path == small_store.path.with_name("portfolio.db.readmodel") and not path.exists()
    first = readmodel.open_graph(small_store)
    assert (counts.loads, path.exists()) == (1, True)
    second = readmodel.open_graph(small_store)
    assert (counts.loads, counts.deltas) == (1, 0)
    assert state(second) == state(first) == state(PortfolioGraph.from_store(small_store))
    assert trace(second, "reum-i1").to_json() == trace(first, "reum-i1").to_json()


def test_a_store_that_moved_on_is_caught_up_by_its_changes_only(small_store, monkeypatch):
    readmodel.open_graph(small_store)
    other = SQLiteStore(small_store.path)  # another process writes
    rename(other, "geri-i1", "Ny titel")
    counts = Counting(small_store, monkeypatch)
    pg = readmodel.open_graph(small_store)
    assert (counts.loads, counts.deltas, pg.revision) == (0, 1, 2)
    assert (pg.display_title("geri-i1"), pg.into("geri-fa2", "SERVES"), "orphan-i" in pg) == ("Ny titel", ["geri-i1"], False)
    # The rows it changed were written in place; the snapshot stays at revision 1.
    lazy = readmodel.open_graph(small_store, lazy=True)
    assert (type(lazy).__name__, counts.loads, counts.deltas) == ("LazyPortfolioGraph", 0, 1)
    assert (lazy.display_title("geri-i1"), lazy.into("geri-fa2", "SERVES"), "orphan-i" in lazy) == ("Ny titel", ["geri-i1"], False)
    assert state(readmodel.open_graph(small_store)) == state(pg)  # snapshot at 1 and one change
    assert (counts.loads, counts.deltas) == (0, 2)
    assert state(pg) == state(PortfolioGraph.from_store(small_store))
    other.close()


def rows(path) -> dict[str, tuple]:
    """The node table: id -> kind, programme, version, fields, links (decoded: marshal's bytes vary with object identity)."""
    with sqlite3.connect(path) as conn:
        return {r[0]: (*r[1:5], r[5] and marshal.loads(r[5])) for r in conn.execute("SELECT * FROM node")}


def test_a_catch_up_rewrites_only_the_rows_it_touched_and_keeps_the_snapshot(small_store, tmp_path):
    path = readmodel.default_path(small_store)
    readmodel.open_graph(small_store)
    before = rows(path)
    snapshot = sqlite3.connect(path).execute("SELECT state FROM snapshot").fetchone()[0]
    rename(small_store, "geri-i1", "Ny titel")  # geri-i1 moves to geri-fa2 only; orphan-i deleted
    readmodel.open_graph(small_store)
    after = rows(path)
    changed = {item for item in before.keys() | after.keys() if before.get(item) != after.get(item)}
    # The initiative (now without owner, site and theme), the deleted one, and the rows whose links to them changed.
    assert changed == {"geri-i1", "orphan-i", "geri-fa1", "geri-fa2", "eva", "geri-hs", "theme:professional_development"}
    assert "orphan-i" not in after and json.loads(after["geri-i1"][3])["title"] == "Ny titel"
    whole = tmp_path / "whole.readmodel"
    assert readmodel.save(small_store, PortfolioGraph.from_store(small_store), whole)
    assert after == rows(whole)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT state FROM snapshot").fetchone()[0] == snapshot
        assert conn.execute("SELECT revision, snapshot_revision FROM header").fetchone() == (2, 1)
    fresh = PortfolioGraph.from_store(small_store)
    for item in fresh.records():
        lazy = readmodel.open_graph(small_store, lazy=True)
        assert (lazy.links_out(item.id), lazy.links_in(item.id), lazy.data(item.id)) == (
            fresh.links_out(item.id), fresh.links_in(item.id), fresh.data(item.id)
        )


def test_many_changes_since_the_snapshot_write_the_file_whole_again(small_store, monkeypatch):
    monkeypatch.setattr(readmodel, "RESNAPSHOT_CHANGES", 1)
    monkeypatch.setattr(readmodel, "RESNAPSHOT_SHARE", 0.0)
    path = readmodel.default_path(small_store)
    readmodel.open_graph(small_store)
    rename(small_store, "geri-i1", "Ny titel")  # two changed elements: more than one
    readmodel.open_graph(small_store)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT revision, snapshot_revision FROM header").fetchone() == (2, 2)


def test_a_catch_up_waits_for_a_reader_and_leaves_the_file_to_the_next_process(small_store, monkeypatch):
    monkeypatch.setattr(readmodel, "WRITE_WAIT_S", 0.05)
    path = readmodel.default_path(small_store)
    readmodel.open_graph(small_store)
    reader = readmodel.open_graph(small_store, lazy=True)  # holds its read transaction
    assert reader.display_title("geri-i1") != "Ny titel"
    rename(small_store, "geri-i1", "Ny titel")
    pg = readmodel.open_graph(small_store)  # caught up in memory; the file is not changed under the reader
    assert pg.display_title("geri-i1") == "Ny titel"
    assert reader.data("geri-fa2") == PortfolioGraph.from_store(small_store).data("geri-fa2")
    assert rows(path)["geri-i1"][3].find("Ny titel") == -1
    reader.ids("initiative")  # a whole-graph question ends its read of the file
    assert readmodel.open_graph(small_store, lazy=True).display_title("geri-i1") == "Ny titel"
    assert "Ny titel" in rows(path)["geri-i1"][3]


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", None])
def test_an_unreadable_read_model_is_ignored_and_rebuilt(small_store, monkeypatch, damage):
    path = readmodel.default_path(small_store)
    readmodel.open_graph(small_store)
    whole = path.read_bytes()
    path.write_bytes(damage if damage is not None else whole[: len(whole) // 2])
    counts = Counting(small_store, monkeypatch)
    pg = readmodel.open_graph(small_store)
    assert counts.loads == 1
    assert state(pg) == state(PortfolioGraph.from_store(small_store))
    assert path.read_bytes() == whole  # rebuilt and saved whole again


def test_the_read_model_of_another_store_is_not_used(small_store, sqlite_store, tmp_path):
    readmodel.open_graph(small_store)
    empty = SQLiteStore(tmp_path / "other" / "empty.db")
    shutil.copy(readmodel.default_path(small_store), readmodel.default_path(empty))
    assert "geri" not in readmodel.open_graph(empty)
    empty.close()


def test_a_restored_backup_written_on_since_is_rebuilt_not_caught_up(small_store, tmp_path):
    backup = tmp_path / "backup.db"
    source, copy = sqlite3.connect(small_store.path), sqlite3.connect(backup)
    source.backup(copy)  # at revision 1
    source.close(), copy.close()
    rename(small_store, "geri-i1", "Skrevet før gendannelsen")
    readmodel.open_graph(small_store)  # saved at revision 2
    small_store.close()
    shutil.copy(backup, small_store.path)
    for suffix in ("-wal", "-shm"):
        Path(str(small_store.path) + suffix).unlink(missing_ok=True)
    restored = SQLiteStore(small_store.path)
    rename(restored, "geri-i1", "Skrevet efter gendannelsen")  # another revision 2
    pg = readmodel.open_graph(restored)
    assert pg.display_title("geri-i1") == "Skrevet efter gendannelsen"
    restored.close()


def test_a_read_model_that_cannot_be_written_costs_only_the_build(small_store, tmp_path):
    path = tmp_path / "no such folder" / "x.readmodel"
    pg = readmodel.open_graph(small_store, path)
    assert (pg.revision, pg.count("initiative"), path.exists()) == (1, 3, False)


def test_a_store_without_a_file_keeps_its_read_model_in_the_folder_given(small_store, tmp_path):
    path = readmodel.default_path(small_store, tmp_path / "instance")
    assert path is not None and path.parent == tmp_path / "instance" and path.name.endswith(".readmodel")


def test_a_file_from_before_the_audit_stamp_gets_the_column_and_keeps_its_history(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE audit (revision INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, note TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('revision', '1');"
        "INSERT INTO audit VALUES (1, '2026-01-01T00:00:00+00:00', 'eva', '');"
    )
    conn.close()
    store = SQLiteStore(path)
    assert (store.revision(), store.revision_stamp(1)) == (1, "2026-01-01T00:00:00+00:00 eva None")
    assert store.identity().startswith("sqlite:") and store.identity() == SQLiteStore(path).identity()
    store.close()


class _Planted:
    """A pickle that runs code when loaded: it creates the file ``marker``."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_snapshot_is_never_run(small_store, tmp_path):
    import pickle

    path = readmodel.default_path(small_store)
    readmodel.open_graph(small_store)
    marker = tmp_path / "ran"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE snapshot SET state = ?", (pickle.dumps(_Planted(str(marker))),))
    pg = readmodel.open_graph(small_store)
    assert not marker.exists()
    assert state(pg) == state(PortfolioGraph.from_store(small_store))
