"""The meeting queries on a small hand-built graph (issue 22): what awaits, the proposal, what is missing, the minutes."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.changeset import parse_record
from graph.portfolio import PortfolioGraph
from graph.problems import InvalidChangeSet
from graph.queries import meetings as q
from graph.queries.baseline import content_diff
from graph.record import Record


def graph() -> PortfolioGraph:
    def r(kind: str, raw: dict, programme: str = "p") -> Record:
        return Record(kind, raw["id"], raw, programme)

    return PortfolioGraph([
        r("programme", {"id": "p", "name": "P"}), r("programme", {"id": "o", "name": "O"}, "o"),
        r("specialty", {"id": "b", "name": "B"}), r("specialty", {"id": "a", "name": "A"}), r("specialty", {"id": "x", "name": "X"}, "o"),
        r("ambition", {"id": "b-amb", "specialty": "b", "statement": "B", "status": "approved"}),
        r("ambition", {"id": "a-amb", "specialty": "a", "statement": "A", "status": "submitted"}),
        r("ambition", {"id": "x-amb", "specialty": "x", "statement": "X", "status": "submitted"}, "o"),
        r("prerequisite", {"id": "b-pre1", "ambition": "b-amb", "text": "Penge", "status": "proposed"}),
        r("prerequisite", {"id": "b-pre2", "ambition": "b-amb", "text": "Aftale", "status": "agreed"}),
        r("prerequisite", {"id": "a-pre1", "ambition": "a-amb", "text": "Folk", "status": "proposed"}),
        r("meeting", {"id": "m1", "programme": "p", "date": "2026-11-19"}),
        r("meeting", {"id": "m2", "programme": "p", "date": "2026-12-10"}),
        r("agenda_item", {"id": "m1.1", "meeting": "m1", "order": 1, "subject": "b"}),
        r("agenda_item", {"id": "m2.1", "meeting": "m2", "order": 2, "subject": "b"}),
        r("agenda_item", {"id": "m2.2", "meeting": "m2", "order": 1, "subject": "b-amb"}),
        r("decision", {"id": "d1", "agenda_item": "m1.1", "outcome": "noted", "decided_on": "2026-11-19", "reason": "R"}),
        r("check_in", {"id": "c1", "subject": "b-amb", "period": "2026-11-01", "status": "on_track", "written_on": "2026-11-04"}),
    ])


def test_what_awaits_a_decision_comes_in_the_programmes_order():
    pg = graph()
    # specialties as the programme lists them (b before a), within one: ambition, prerequisites, status report
    assert q.awaiting_decision(pg, "p") == ["b-pre1", "b", "a-amb"]
    assert q.proposed_agenda(pg, "m2") == ["b-pre1", "a-amb"]  # b's report is on the agenda already


def test_next_previous_and_held_meetings():
    pg = graph()
    assert q.next_meeting(pg, "p", dt.date(2026, 11, 20)) == "m2"
    assert q.next_meeting(pg, "p", dt.date(2026, 12, 10)) == "m2"  # on its day it is still the next
    assert q.last_held(pg, "p", dt.date(2026, 12, 1)) == "m1" and q.previous_meeting(pg, "m2") == "m1"
    assert (q.is_held(pg, "m2", dt.date(2026, 12, 9)), q.is_held(pg, "m2", dt.date(2026, 12, 10))) == (False, True)
    assert q.agenda(pg, "m2") == ["m2.2", "m2.1"]
    assert q.minutes(pg, "m1") == [("m1.1", "d1")]


def test_what_is_missing_for_a_meeting():
    pg = graph()
    # b-amb is approved (not submitted), and no check-in of b was written since m1 (19 November)
    assert [(m.item, m.reason) for m in q.missing_for(pg, "m2")] == [("m2.2", "not_submitted"), ("m2.1", "no_report")]


def test_an_agenda_item_of_another_programme_is_named():
    pg = graph()
    assert q.meeting_programme_problem(pg, {"meeting": "m2", "subject": "x-amb"}) == "x-amb"
    assert q.meeting_programme_problem(pg, {"meeting": "m2", "subject": "a-amb"}) is None


def test_a_decision_fits_its_subject():
    with pytest.raises(InvalidChangeSet, match="a decision on a prerequisite is not 'approved'"):
        parse_record("decision", {"id": "d", "prerequisite": "b-pre1", "outcome": "approved", "decided_on": "2026-01-01", "reason": "R"}, "t")
    with pytest.raises(InvalidChangeSet, match="an ambition, a prerequisite or an agenda item"):
        parse_record("decision", {"id": "d", "outcome": "noted", "decided_on": "2026-01-01", "reason": "R"}, "t")
    with pytest.raises(InvalidChangeSet):
        parse_record("meeting", {"id": "m", "programme": "p", "date": "10. december"}, "t")


def test_agreeing_to_a_prerequisite_is_no_change_of_the_approved_ambition():
    old = {"prerequisites": [{"id": "p1", "text": "Penge", "status": "proposed"}]}
    new = {"prerequisites": [{"id": "p1", "text": "Penge", "status": "agreed"}]}
    assert content_diff(old, new) == []
    assert [c.field for c in content_diff(old, {"prerequisites": [{"id": "p1", "text": "Flere penge", "status": "agreed"}]})] == ["text"]
