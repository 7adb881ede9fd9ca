"""The roadmap query on the small hand-built portfolio: lanes by sequence, bars by date, marks."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.queries import NotFound
from graph.queries.roadmap import roadmap


def test_a_specialty_roadmap_groups_focus_areas_by_sequence(small_graph):
    road = roadmap(small_graph, "geri", today=dt.date(2026, 11, 19))
    assert [(seq, [lane.focus_area for lane in lanes]) for seq, lanes in road.groups] == [
        ("now", ["geri-fa1"]), ("next", ["geri-fa2"]),
    ]
    fa1 = road.lanes[0]
    assert [(b.initiative, b.start, b.end, b.status, b.overdue, b.undated) for b in fa1.bars] == [
        ("geri-i1", dt.date(2026, 2, 1), dt.date(2026, 12, 31), "in_progress", False, False),
        ("reum-i1", dt.date(2026, 9, 1), dt.date(2027, 6, 30), "planned", False, False),
    ]
    assert fa1.span == (dt.date(2026, 2, 1), dt.date(2027, 6, 30))
    assert road.lanes[1].bars == [] and road.lanes[1].span == (None, None)
    assert (road.first, road.last) == (dt.date(2026, 2, 1), dt.date(2027, 6, 30))


def test_overdue_after_the_end_date_unless_done(small_graph):
    road = roadmap(small_graph, "geri", today=dt.date(2027, 1, 10))
    assert [(b.initiative, b.overdue) for b in road.lanes[0].bars] == [("geri-i1", True), ("reum-i1", False)]
    assert road.lanes[0].overdue == 1
    assert road.last == dt.date(2027, 6, 30)
    later = roadmap(small_graph, "geri", today=dt.date(2027, 8, 2))
    assert later.last == dt.date(2027, 8, 31)  # today is always on the time line


def test_the_programme_roadmap_and_undated_initiatives(small_graph):
    small_graph.apply([small_graph.record("reum-i1").__class__(
        "initiative", "reum-i2", {"id": "reum-i2", "title": "Uden datoer", "focus_areas": ["reum-fa1"], "start": "2026-03-01"},
        programme="bass", version=1,
    )])
    road = roadmap(small_graph, today=dt.date(2026, 11, 19))
    assert [(seq, [lane.focus_area for lane in lanes]) for seq, lanes in road.groups] == [
        ("now", ["geri-fa1"]), ("next", ["geri-fa2"]), (None, ["reum-fa1"]),
    ]
    reum = road.groups[-1][1][0]
    assert (reum.specialty, reum.undated, [b.initiative for b in reum.bars]) == ("reum", 1, ["reum-i2", "reum-i1"])
    assert [b.undated for b in reum.bars] == [True, False]


def test_not_a_specialty(small_graph):
    with pytest.raises(NotFound):
        roadmap(small_graph, "geri-i1")
