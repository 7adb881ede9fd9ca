"""Follow-up after approval on hand-built graphs (issue 21): progress to target, the roll-up with its reasons,
and each person's "Til opfølgning"."""
from __future__ import annotations

import datetime as dt

from graph.portfolio import PortfolioGraph
from graph.queries.checkins import has_check_in_for, latest_check_in, period_start
from graph.queries.followup import followup_for
from graph.queries.progress import progress
from graph.queries.rollup import ambition_rollup, focus_area_rollup
from graph.record import Record
from tests.followup_portfolio import TODAY, followup_graph


def test_the_period_follows_the_programmes_rhythm():
    pg = followup_graph()
    assert has_check_in_for(pg, "geri-i2", TODAY) and not has_check_in_for(pg, "geri-i1", TODAY)
    pg.apply([Record("programme", "bass", {"id": "bass", "name": "BASS", "reporting_rhythm": "quarterly"}, "bass")])
    assert period_start(TODAY, "quarterly") == dt.date(2026, 10, 1)
    assert has_check_in_for(pg, "geri-i1", TODAY)  # October's check-in covers the quarter
    assert latest_check_in(pg, "geri-i1")["next"] == "Flere hold i november"


def indicator(pg: PortfolioGraph, **fields) -> None:
    pg.apply([Record("indicator", "x", {"id": "x", "focus_area": "geri-fa2", "name": "X", **fields}, "bass")])


def test_progress_to_target_in_each_direction_and_on_the_three_step_scale():
    pg = followup_graph()
    assert progress(pg, "geri-ind1", TODAY).to_json() == {
        "indicator": "geri-ind1", "state": "towards", "latest": 78, "latest_date": "2026-06-01", "percent": 40.0,
        "overdue": True, "due": "2026-09-01",
    }
    cases = [
        ({"baseline": 30, "target": 10, "readings": [{"date": "2026-10-01", "value": 35}]}, ("away", -25.0)),
        ({"baseline": 30, "target": 10, "direction": "lower_is_better", "readings": [{"date": "2026-10-01", "value": 10}]}, ("met", 100.0)),
        ({"target": 5, "direction": "target_band", "tolerance": 1, "readings": [{"date": "2026-10-01", "value": 5.5}]}, ("met", None)),
        ({"target": 5, "direction": "target_band", "tolerance": 1, "readings": [{"date": "2026-10-01", "value": 7}]}, ("towards", None)),
        ({"kind": "qualitative", "readings": [{"date": "2026-10-01", "value": "Delvist opfyldt"}]}, ("not_met", None)),
        ({"kind": "qualitative", "target": "opfyldt", "readings": [{"date": "2026-10-01", "value": "Opfyldt"}]}, ("met", None)),
        ({"baseline": 1, "target": 2}, ("not_measured", None)),
    ]
    for fields, expected in cases:
        indicator(pg, **fields)
        p = progress(pg, "x", TODAY)
        assert (p.state, p.percent) == expected, fields
        assert not p.overdue
    indicator(pg, reading_frequency_months=1)
    assert progress(pg, "x", TODAY).overdue


def test_the_roll_up_says_why_and_the_owners_own_check_in_wins():
    pg = followup_graph()
    fa = focus_area_rollup(pg, "geri-fa1", TODAY)
    assert (fa.computed, fa.own, fa.shown, fa.differs, fa.own_check_in) == ("at_risk", "on_track", "on_track", True, "ci3")
    assert [r.text("da") for r in fa.reasons] == [
        "1 af 3 indsatser er i risiko: Nattevagter på tværs",
        "indikator Besatte speciallægestillinger er ikke målt siden juni 2026",
    ]
    assert [r.text("en") for r in fa.reasons][1] == "indicator Besatte speciallægestillinger has not been measured since June 2026"
    amb, areas = ambition_rollup(pg, "geri-amb", TODAY)
    assert [(a.element, a.shown) for a in areas] == [("geri-fa1", "on_track"), ("geri-fa2", None)]
    assert (amb.computed, amb.own, amb.reasons) == ("on_track", None, ())
    # without the owner's word the ambition shows the focus area's risk, with the reason
    pg.remove("ci3")
    amb, _ = ambition_rollup(pg, "geri-amb", TODAY)
    assert (amb.shown, [r.text("da") for r in amb.reasons]) == ("at_risk", ["1 af 2 indsatsområder er i risiko: Robuste faglige miljøer"])


def test_two_of_three_at_risk_is_off_track_and_all_done_is_done():
    pg = followup_graph()
    pg.remove("ci3")
    pg.apply([Record("check_in", "ci4", {"id": "ci4", "subject": "reum-i1", "period": "2026-11-01", "status": "at_risk"}, "bass")])
    fa = focus_area_rollup(pg, "geri-fa1", TODAY)
    assert (fa.shown, fa.reasons[0].text("en")) == ("off_track", "2 of 3 initiatives are at risk: Nattevagter på tværs, Fælles rekrutteringskampagne")
    empty = focus_area_rollup(pg, "geri-fa2", TODAY)
    assert (empty.shown, [r.code for r in empty.reasons]) == (None, ["nothing"])
    pg.apply([Record("initiative", "g3", {"id": "g3", "title": "G3", "focus_areas": ["geri-fa2"], "status": "done"}, "bass"),
              Record("check_in", "ci5", {"id": "ci5", "subject": "g3", "period": "2026-11-01", "status": "done"}, "bass")])
    done = focus_area_rollup(pg, "geri-fa2", TODAY)
    assert (done.shown, done.reasons[0].text("da")) == ("done", "alle 1 indsatser er afsluttet")


def items(person: str | None, **kw) -> list[tuple[str, str, str | None]]:
    return [(i.reason, i.element, i.specialty) for i in followup_for(followup_graph(), person, TODAY, **kw).items]


def test_each_persons_follow_up_list():
    assert items("eva") == [
        ("check_in_due", "geri-i1", "geri"), ("reading_due", "geri-ind1", "geri"), ("past_end", "geri-i2", "geri"),
        ("check_in_due", "reum-i1", "reum"),
    ]
    assert items("bjorn") == [
        ("check_in_due", "geri-fa2", "geri"), ("check_in_due", "geri-amb", "geri"), ("reading_due", "geri-ind1", "geri"),
        ("open_signal", "geri-fa1", "geri"), ("help_request", "geri-i2", "geri"),
    ]
    assert items("karen") == [("help_request", "geri-i2", "geri"), ("check_in_due", "reum-fa1", "reum"), ("check_in_due", "reum-amb", "reum")]
    assert items("kira") == []
    assert items("eva", specialty="reum") == [("check_in_due", "reum-i1", "reum")]
    secretariat = items("mette")
    assert len(secretariat) == 10 and [s for _, _, s in secretariat] == ["geri"] * 7 + ["reum"] * 3
    assert ("past_end", "geri-i2", "geri") in secretariat and ("check_in_due", "reum-i1", "reum") in secretariat


def test_a_shared_memo_gives_every_person_the_list_made_without_it():
    """``tracker remind`` shares a memo across people (the secretariat's list is made once): every list
    is the one made alone, the secretariat's own help request left out of their list only."""
    from importers.document import changeset_from_document
    from tests.followup_portfolio import followup_document

    doc = followup_document()
    doc["people"].append({"id": "sofie", "name": "Sofie Sekretær"})
    doc["roles"].append({"person": "sofie", "role": "secretariat", "programme": "bass"})
    doc["check_ins"].append({"id": "ci4", "subject": "geri-fa2", "period": "2026-11-03", "status": "at_risk",
                             "needed": "Flere vikarer", "by": "mette"})
    pg = PortfolioGraph(changeset_from_document(doc, "followup.yaml").upserts)
    memo: dict = {}
    people = sorted(pg.ids("person"))
    shared = {p: followup_for(pg, p, TODAY, memo=memo).to_json(pg) for p in people}
    assert shared == {p: followup_for(pg, p, TODAY).to_json(pg) for p in people}
    mine = [i["target"] for i in shared["mette"]["items"] if i["reason"] == "help_request"]
    theirs = [i["target"] for i in shared["sofie"]["items"] if i["reason"] == "help_request"]
    assert ("ci4" in mine, "ci4" in theirs) == (False, True)
