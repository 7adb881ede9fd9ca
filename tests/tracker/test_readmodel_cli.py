"""The read commands answer from the prepared read model beside the store, and the same as a built graph."""
from __future__ import annotations

import json
from pathlib import Path

from graph.portfolio import PortfolioGraph
from graph.queries import coverage, trace
from graph.store.sqlite import SQLiteStore


def test_trace_saves_the_read_model_and_answers_as_a_built_graph(cli, loaded: Path):
    model = loaded.with_name(loaded.name + ".readmodel")
    assert not model.exists()
    first = cli("trace", "geri-i1", "--format", "json")
    assert first.code == 0, first.err
    assert model.exists()
    second = cli("trace", "geri-i1", "--format", "json")
    with SQLiteStore(loaded) as store:
        built = PortfolioGraph.from_store(store)
    assert json.loads(first.out) == json.loads(second.out) == json.loads(json.dumps(trace(built, "geri-i1").to_json(), default=str))
    cov = cli("coverage", "--format", "json")
    assert json.loads(cov.out) == json.loads(json.dumps(coverage(built).to_json(), default=str))


def test_a_write_after_the_read_model_was_saved_is_seen_by_the_next_command(cli, loaded: Path, tmp_path: Path):
    assert cli("coverage").code == 0  # saves the read model at revision 1
    before = json.loads(cli("coverage", "--format", "json").out)
    geri = next(s for s in before["specialties"] if s["id"] == "geri")
    assert geri["focus_areas_without_indicators"] == ["geri-fa2"]
    with SQLiteStore(loaded) as store:
        from graph.record import ChangeSet

        store.apply(ChangeSet(deletes=["geri-ind1"]), "test")
    after = json.loads(cli("coverage", "--format", "json").out)
    geri = next(s for s in after["specialties"] if s["id"] == "geri")
    assert geri["focus_areas_without_indicators"] == ["geri-fa1", "geri-fa2"]


def test_an_unreadable_read_model_is_rebuilt(cli, loaded: Path):
    model = loaded.with_name(loaded.name + ".readmodel")
    model.write_bytes(b"not a pickle")
    result = cli("trace", "geri-i1", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["initiative"]["id"] == "geri-i1"
    assert model.read_bytes() != b"not a pickle"
