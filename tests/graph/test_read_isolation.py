"""Readers of one in-memory graph while another thread writes it (issue 19, point 9).

Readers take no lock, so a write must never show them an entry half-changed: an initiative
whose focus areas were dropped and not yet made anew, or a focus area without its initiative.
"""
from __future__ import annotations

import sys
import threading

from graph.examples import example_graph
from graph.record import Record

WRITES = 4000


def test_readers_never_see_an_initiative_without_its_focus_area_while_it_is_rewritten():
    pg = example_graph()
    rec = pg.record("geri-i1")
    assert pg.focus_areas_served("geri-i1") == ["geri-fa1"]
    torn: list[tuple[list[str], list[str]]] = []
    reads = [0]
    done = threading.Event()

    def write() -> None:
        for n in range(WRITES):
            pg.apply([Record(rec.kind, rec.id, {**rec.data, "title": f"Titel {n}"}, rec.programme, rec.version + n)])
        done.set()

    def read() -> None:
        while not done.is_set():
            served, serving = pg.focus_areas_served("geri-i1"), pg.initiatives_serving("geri-fa1")
            reads[0] += 1
            if served != ["geri-fa1"] or "geri-i1" not in serving:
                torn.append((served, serving))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can: the race shows at once
    try:
        threads = [threading.Thread(target=read) for _ in range(3)] + [threading.Thread(target=write)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert reads[0] > 0
    assert torn == []
    assert pg.focus_areas_served("geri-i1") == ["geri-fa1"]
    assert pg.data("geri-i1")["title"] == f"Titel {WRITES - 1}"


def test_a_removed_and_readded_role_keeps_the_indexes_as_a_fresh_graph_has_them():
    pg = example_graph()
    roles = [r for r in pg.records("role")]
    pg.apply([], [r.id for r in roles])
    pg.apply(roles)
    fresh = example_graph()
    people = {r.data["person"] for r in roles}
    assert people
    for person in people:
        assert sorted(pg.links_out(person)) == sorted(fresh.links_out(person))
        assert sorted(r["role"] for r in pg.roles_of(person)) == sorted(r["role"] for r in fresh.roles_of(person))
    # Entries a write emptied are gone, as in a graph that never held them.
    assert [key for index in (*pg._out.values(), *pg._in.values()) for key, values in index.items() if not values] == []
