"""The store contract: the same assertions on SQLite and on a real Bolt server."""
from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.problems import Conflict, InvalidChangeSet
from graph.queries import trace
from graph.store import open_store
from importers.document import changeset_from_document
from tests.conftest import SMALL

ROOT = Path(__file__).resolve().parents[2]
SMALL_COUNTS = {
    "programme": 1, "site": 3, "specialty": 2, "strength_position": 2, "person": 4, "role": 5, "ambition": 2,
    "situation": 1, "challenge": 3, "prerequisite": 3, "focus_area": 3, "indicator": 2, "initiative": 3,
}


def small_changes() -> ChangeSet:
    return changeset_from_document(copy.deepcopy(SMALL), "small.yaml")


def initiative(item_id: str, **fields) -> object:
    return parse_record("initiative", {"id": item_id, "title": f"Indsats {item_id}", **fields}, "test")


def state(store) -> tuple[int, dict, dict]:
    """Revision, counts and every record's (kind, data, version) by id."""
    snap = store.load()
    return snap.revision, store.counts(), {r.id: (r.kind, r.data, r.version) for r in snap.records}


def test_an_empty_store(store):
    assert store.revision() == 0
    assert store.counts() == {}
    assert store.load().records == []
    assert store.audit() == []
    assert store.changes_since(0).upserts == []


def test_import_writes_every_item_once_and_again_changes_nothing(store):
    applied = store.apply(small_changes(), "mette", dry_run=False)
    assert (applied.revision, len(applied.created), applied.updated, applied.deleted) == (1, 34, [], [])
    assert store.revision() == 1
    assert store.counts() == SMALL_COUNTS
    records = {r.id: r for r in store.load().records}
    assert records["reum-i1"].data == SMALL["initiatives"][1]
    assert records["reum-i1"].version == 1
    assert records["geri-fa1"].programme is None or records["geri-fa1"].programme == "bass"

    again = store.apply(small_changes(), "mette")
    assert again.summary() == {"created": 0, "updated": 0, "deleted": 0, "unchanged": 34}
    assert store.revision() == 1
    assert [e.revision for e in store.audit()] == [1]


def test_update_advances_revision_version_delta_and_audit(store):
    store.apply(small_changes(), "mette")
    changes = ChangeSet([initiative("geri-i1", focus_areas=["geri-fa2"], status="done")], note="flyttet 100% ('fase 2')")
    applied = store.apply(changes, "eva o'hara")
    assert (applied.revision, applied.updated) == (2, ["geri-i1"])
    rec = store.get(["geri-i1"])["geri-i1"]
    assert rec.version == 2
    assert rec.data == {"id": "geri-i1", "title": "Indsats geri-i1", "focus_areas": ["geri-fa2"], "status": "done"}
    delta = store.changes_since(1)
    assert (delta.revision, [r.id for r in delta.upserts], delta.deletes) == (2, ["geri-i1"], [])
    newest = store.audit(limit=1)[0]
    assert (newest.revision, newest.actor, newest.note, newest.changes) == (2, "eva o'hara", "flyttet 100% ('fase 2')", [("update", "initiative", "geri-i1")])
    assert [e.revision for e in store.audit(item="geri-i1")] == [2, 1]
    assert [e.revision for e in store.audit(item="geri-fa2")] == [1]


def test_relinking_moves_the_references(store):
    """After geri-i1 and reum-i1 stop serving geri-fa1, geri-fa1 may be deleted; before, it may not."""
    store.apply(small_changes(), "mette")
    with pytest.raises(InvalidChangeSet) as refused:
        store.apply(ChangeSet(deletes=["geri-fa1"]), "mette")
    assert {p.code for p in refused.value.problems} == {"still_referenced"}
    store.apply(ChangeSet([initiative("geri-i1", focus_areas=["geri-fa2"]), initiative("reum-i1", focus_areas=["reum-fa1"]),
                           parse_record("indicator", {"id": "geri-ind1", "focus_area": "geri-fa2", "name": "Flyttet"}, "t"),
                           parse_record("prerequisite", {"id": "geri-pre1", "ambition": "geri-amb", "text": "x", "kind": "permanent_resources"}, "t"),
                           parse_record("prerequisite", {"id": "geri-pre2", "ambition": "geri-amb", "text": "y", "kind": "management_decision"}, "t")]), "mette")
    applied = store.apply(ChangeSet(deletes=["geri-fa1"]), "mette")
    assert (applied.revision, applied.deleted) == (3, ["geri-fa1"])
    assert "geri-fa1" not in store.get(["geri-fa1"])
    delta = store.changes_since(2)
    assert (delta.upserts, delta.deletes) == ([], ["geri-fa1"])
    assert store.counts()["focus_area"] == 2


def test_invalid_change_set_writes_nothing(store):
    store.apply(small_changes(), "mette")
    before = state(store)
    bad = ChangeSet([initiative("new-i", focus_areas=["no-such-fa"]), initiative("geri-i1", title="Ny titel")])
    with pytest.raises(InvalidChangeSet) as refused:
        store.apply(bad, "mette")
    assert [(p.code, p.item) for p in refused.value.problems] == [("dangling", "new-i")]
    assert state(store) == before
    assert len(store.audit()) == 1


def test_conflict_when_the_item_changed_since_it_was_read(store):
    store.apply(small_changes(), "mette")
    store.apply(ChangeSet([initiative("geri-i1")], expect={"geri-i1": 1}), "karen")
    before = state(store)
    with pytest.raises(Conflict) as conflict:
        store.apply(ChangeSet([initiative("geri-i1", status="done")], expect={"geri-i1": 1}), "eva")
    assert conflict.value.problem.params == {"id": "geri-i1", "expected": 1, "actual": 2}
    assert state(store) == before


def test_dry_run_reports_and_writes_nothing(store):
    store.apply(small_changes(), "mette")
    before = state(store)
    applied = store.apply(ChangeSet([initiative("new-i")], deletes=["orphan-i"]), "mette", dry_run=True)
    assert (applied.dry_run, applied.revision, applied.created, applied.deleted) == (True, 2, ["new-i"], ["orphan-i"])
    assert state(store) == before


def test_long_danish_text_comes_back_exactly(store):
    """Texts far longer than one statement's parameters (Bolt sends them in pieces) survive whole."""
    description = ('Æblegrød på "Holbæk" – Sjælland\'s 100% ærlig \\ {"x": 1} \x00 ' * 400)[:9500]
    store.apply(ChangeSet([parse_record("person", {"id": "p1", "name": "Søren Ø"}, "t"),
                           initiative("long-i", description=description, owner="p1")]), "mette")
    assert store.get(["long-i"])["long-i"].data["description"] == description
    store.apply(ChangeSet([initiative("long-i", description=description[::-1])]), "mette")
    rec = store.get(["long-i"])["long-i"]
    assert (rec.data["description"], rec.version) == (description[::-1], 2)
    assert {r.id: r.data for r in store.load().records}["p1"]["name"] == "Søren Ø"


def test_a_failure_in_the_middle_of_a_write_leaves_nothing(store, store_url, monkeypatch):
    store.apply(small_changes(), "mette")
    before = state(store)
    if store_url.startswith("sqlite"):
        import graph.store.sqlite as backend

        monkeypatch.setattr(backend, "references_of", lambda *a: (_ for _ in ()).throw(RuntimeError("injected")))
    else:
        import graph.store.bolt.cypher as backend

        # the one-transaction write fails at its edges
        monkeypatch.setattr(backend, "direct_edges", lambda *a: (_ for _ in ()).throw(RuntimeError("injected")))
    with pytest.raises(RuntimeError, match="injected"):
        store.apply(ChangeSet([initiative("geri-i1", title="Halvt skrevet"), initiative("new-i", focus_areas=["geri-fa2"])]), "mette")
    monkeypatch.undo()
    assert state(store) == before
    # the store is free for the next writer at once
    assert store.apply(ChangeSet([initiative("new-i")]), "mette").revision == 2


def test_graph_built_from_the_store_and_kept_current(store, store_url):
    store.apply(small_changes(), "mette")
    pg = PortfolioGraph.from_store(store)
    assert trace(pg, "geri-i1").to_json()["prerequisites"][0]["id"] == "geri-pre1"
    with open_store(store_url) as other:  # another connection, as another process has
        other.apply(ChangeSet([initiative("geri-i1", focus_areas=["geri-fa2"])], deletes=["orphan-i"]), "eva")
    assert pg.refresh(store) is True
    assert (pg.revision, pg.into("geri-fa2", "SERVES"), "orphan-i" in pg.g) == (2, ["geri-i1"], False)
    assert sorted(PortfolioGraph.from_store(store).g.edges(keys=True)) == sorted(pg.g.edges(keys=True))


WRITER = textwrap.dedent(
    """
    import sys
    from graph.changeset import ChangeSet, parse_record
    from graph.store import open_store
    url, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open_store(url) as store:
        for k in range(n):
            rec = parse_record("initiative", {"id": f"{who}-{k}", "title": f"{who} {k}", "focus_areas": ["geri-fa2"]}, "w")
            note = parse_record("person", {"id": "eva", "name": f"Eva set by {who} {k}"}, "w")
            store.apply(ChangeSet([rec, note]), who)
    """
)


def test_two_processes_writing_at_once_lose_nothing(store, store_url):
    store.apply(small_changes(), "mette")
    n = 15
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, store_url, who, str(n)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for who in ("ann", "bo")
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    assert store.revision() == 1 + 2 * n
    ids = {r.id for r in store.load().records}
    assert {f"{who}-{k}" for who in ("ann", "bo") for k in range(n)} <= ids
    assert store.counts()["initiative"] == 3 + 2 * n
    entries = store.audit(limit=100)
    assert [e.revision for e in entries] == list(range(1 + 2 * n, 0, -1))
    assert sorted(e.actor for e in entries[:-1]) == ["ann"] * n + ["bo"] * n
    assert store.get(["eva"])["eva"].version == 1 + 2 * n


def test_history_keeps_before_and_after_data_of_every_change(store):
    """The audit's field data is the same on every backend: create, update and delete, oldest first."""
    store.apply(small_changes(), "mette")
    long_text = "æøå 'citat' \\ " * 400  # quotes, backslashes and Danish letters travel unchanged
    store.apply(ChangeSet([initiative("geri-i1", focus_areas=["geri-fa2"], description=long_text)], note="flyt"), "eva")
    store.apply(ChangeSet(deletes=["orphan-i"], note="ryd op"), "mette")
    changes = store.history("geri-i1")
    assert [(c.revision, c.op, c.actor) for c in changes] == [(1, "create", "mette"), (2, "update", "eva")]
    assert changes[0].before is None and changes[0].after == SMALL["initiatives"][0]
    assert changes[1].before == SMALL["initiatives"][0]
    assert changes[1].after == {"id": "geri-i1", "title": "Indsats geri-i1", "focus_areas": ["geri-fa2"], "description": long_text.strip(), "status": "planned"}
    assert changes[1].note == "flyt"
    since = store.history(since=1)
    assert [(c.revision, c.op, c.item) for c in since] == [(2, "update", "geri-i1"), (3, "delete", "orphan-i")]
    assert since[1].before == SMALL["initiatives"][2] and since[1].after is None
    assert len(store.history()) == 34 + 2
