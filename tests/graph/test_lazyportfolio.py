"""The lazy read model: a graph read element by element answers every question as the whole graph does."""
from __future__ import annotations

import inspect

import pytest

from graph import readmodel
from graph.portfolio import PortfolioGraph
from graph.queries import check, coverage, synergies, trace
from graph.queries.walk import specialty_parts
from graph.readmodel.lazy import KEYED, WHOLE, LazyPortfolioGraph
from importers.document import changeset_from_document
from tracker.demo import demo_document

#: Members of PortfolioGraph that are neither a question about one element nor about the whole graph.
NEITHER = {"from_store", "g"}


@pytest.fixture
def demo_store(sqlite_store):
    sqlite_store.apply(changeset_from_document(demo_document(), "demo"), "test")
    readmodel.open_graph(sqlite_store)  # saves the read model
    return sqlite_store


def lazy(store) -> LazyPortfolioGraph:
    pg = readmodel.open_graph(store, lazy=True)
    assert type(pg) is LazyPortfolioGraph
    return pg


def test_every_method_of_the_graph_is_known_to_the_lazy_graph():
    public = {
        name
        for name, member in inspect.getmembers(PortfolioGraph)
        if (callable(member) or isinstance(member, property))
        and (not name.startswith("_") or name in ("__contains__", "__len__", "__getstate__"))
    }
    assert not set(KEYED) & set(WHOLE)
    # A method added to PortfolioGraph must be named here, or a lazy graph would answer from half-filled tables.
    assert public - set(KEYED) - set(WHOLE) - NEITHER == set()
    # ... and each named one is written out in the lazy class itself (no methods patched in afterwards).
    assert [name for name in (*KEYED, *WHOLE) if name not in vars(LazyPortfolioGraph)] == []


def test_a_lazy_graph_answers_every_question_about_an_element_as_the_whole_graph(demo_store):
    whole = PortfolioGraph.from_store(demo_store)
    items = [r.id for r in whole.records()] + ["theme:wellbeing", "no-such-element"]
    for item in items:
        pg = lazy(demo_store)  # fresh, so each element is the first one it reads
        assert (item in pg) == (item in whole)
        assert pg.kind(item) == whole.kind(item)
        assert pg.links_out(item) == whole.links_out(item)
        assert pg.links_in(item) == whole.links_in(item)
        assert pg.specialty_of(item) == whole.specialty_of(item)
        assert pg.display_title(item) == whole.display_title(item)
        assert pg.roles_of(item) == whole.roles_of(item)
        assert pg.roles_towards(item) == whole.roles_towards(item)
        if item in whole:
            assert (pg.record(item), pg.element_json(item)) == (whole.record(item), whole.element_json(item))
        assert not pg.materialized  # none of these needed the whole graph


def test_traces_and_specialty_checks_are_the_same_and_read_only_their_rows(demo_store):
    whole = PortfolioGraph.from_store(demo_store)
    rows = len(list(whole.records())) + len(whole.ids("theme"))
    for initiative in whole.ids("initiative"):
        pg = lazy(demo_store)
        assert trace(pg, initiative).to_json() == trace(whole, initiative).to_json()
        assert not pg.materialized and len(pg._seen) < rows / 4
    for specialty in whole.ids("specialty"):
        pg = lazy(demo_store)
        assert specialty_parts(pg, specialty) == specialty_parts(whole, specialty)
        assert [f.to_json() for f in check(pg, specialty)] == [f.to_json() for f in check(whole, specialty)]


def test_a_question_about_the_whole_graph_loads_it_whole(demo_store):
    whole = PortfolioGraph.from_store(demo_store)
    pg = lazy(demo_store)
    assert pg.display_title("geri") == whole.display_title("geri")
    assert pg.ids("initiative") == whole.ids("initiative")
    assert pg.materialized  # from here on every table is whole and the file is closed
    assert (len(pg), pg.number_of_edges(), pg.revision) == (len(whole), whole.number_of_edges(), whole.revision)
    assert coverage(pg).to_json() == coverage(whole).to_json()
    assert synergies(lazy(demo_store), "geri") == synergies(whole, "geri")


def test_a_lazy_graph_can_be_changed_like_any_other(demo_store):
    pg = lazy(demo_store)
    data = dict(pg.data("geri-i1"))
    data["title"] = "Ny titel"
    from graph.record import Record

    pg.apply([Record("initiative", "geri-i1", data, pg.programme_of("geri-i1"), pg.version("geri-i1") + 1)])
    assert pg.materialized and pg.display_title("geri-i1") == "Ny titel"


def test_a_read_model_damaged_after_it_was_opened_is_rebuilt_from_the_store(demo_store):
    whole = PortfolioGraph.from_store(demo_store)
    pg = lazy(demo_store)
    path = readmodel.default_path(demo_store)
    with path.open("r+b") as f:  # the same file the graph has open, damaged in place
        f.seek(1024)
        f.write(b"\xff" * (path.stat().st_size - 2048))
    assert trace(pg, "geri-i1").to_json() == trace(whole, "geri-i1").to_json()
    assert pg.materialized
