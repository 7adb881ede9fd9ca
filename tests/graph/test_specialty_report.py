"""One specialty's status report (graph/queries/specialty_report.py) on the hand-built follow-up portfolio
(tests/followup_portfolio.py): exact statuses then and now, indicator lines, initiatives by status,
help requests, open signals and check-ins in the period."""
from __future__ import annotations

import datetime as dt

import pytest

from graph.portfolio import PortfolioGraph
from graph.queries.specialty_report import ReportSinceError, since_day, specialty_report
from importers.document import changeset_from_document
from tests.followup_portfolio import TODAY, followup_document, followup_graph


def _with_meeting() -> PortfolioGraph:
    """The portfolio with a steering-group decision on 2026-10-15 and a November reading of geri-ind1."""
    doc = followup_document()
    doc["indicators"][0]["readings"].append({"date": "2026-11-10", "value": 84})
    doc["decisions"] = [{"id": "dec-okt", "ambition": "geri-amb", "outcome": "approved", "decided_on": "2026-10-15",
                         "reason": "Godkendt på mødet"}]
    return PortfolioGraph(changeset_from_document(doc, "followup.yaml").upserts)


def test_the_report_of_the_current_period():
    report = specialty_report(followup_graph(), "geri", TODAY).to_json()
    assert (report["since"], report["on"], report["programme"]) == ("2026-11-01", "2026-11-16", "bass")
    assert report["ambition"] == {"element": "geri-amb", "status": "on_track", "computed": "on_track", "own": None,
                                  "reasons": [], "then": "at_risk", "moved": True}
    fa1, fa2 = report["focus_areas"]
    assert {k: fa1[k] for k in ("element", "status", "computed", "own", "then", "moved")} == {
        "element": "geri-fa1", "status": "on_track", "computed": "at_risk", "own": "on_track", "then": "at_risk", "moved": True}
    assert fa1["reasons"] == ["1 af 3 indsatser er i risiko: Nattevagter på tværs",
                              "indikator Besatte speciallægestillinger er ikke målt siden juni 2026"]
    assert fa1["indicators"] == [{
        "indicator": "geri-ind1", "state": "towards", "percent": 40.0, "latest": 78.0, "latest_date": "2026-06-01", "then": 78.0,
        "moved": False, "overdue": True, "baseline": 70.0, "target": 90.0, "points": [["2026-01-01", 72.0], ["2026-06-01", 78.0]]}]
    assert (fa2["element"], fa2["status"], fa2["then"], fa2["indicators"]) == ("geri-fa2", None, None, [])
    assert [(g["status"], [(i["initiative"], i["status"], i["then"]) for i in g["initiatives"]]) for g in report["initiatives"]] == [
        ("at_risk", [("geri-i2", "at_risk", None)]),
        ("on_track", [("geri-i1", "on_track", "on_track")]),
        (None, [("reum-i1", None, None)]),
    ]
    assert report["help_requests"] == [{"check_in": "ci2", "subject": "geri-i2", "needed": "HR-pakken er ikke kommet", "needs": ["hr"]}]
    assert (report["open_signals"], report["check_ins"]) == (["sig1"], ["ci2", "ci3"])


def test_since_a_decision_shows_what_moved_after_the_meeting():
    pg = _with_meeting()
    assert since_day(pg, "dec-okt") == dt.date(2026, 10, 15)
    report = specialty_report(pg, "geri", TODAY, since_day(pg, "dec-okt"), "en").to_json()
    assert report["since"] == "2026-10-15"
    line = report["focus_areas"][0]["indicators"][0]
    assert (line["latest"], line["latest_date"], line["then"], line["moved"], line["overdue"], line["percent"]) == (
        84.0, "2026-11-10", 78.0, True, False, 70.0)
    assert line["points"] == [["2026-01-01", 72.0], ["2026-06-01", 78.0], ["2026-11-10", 84.0]]
    # October's check-in on geri-i1 (period 2026-10-01, no day written) was before the meeting: nothing moved
    assert report["initiatives"][1]["initiatives"][0] == {"initiative": "geri-i1", "status": "on_track", "then": "on_track",
                                                          "moved": False, "check_in": "ci1"}
    assert report["focus_areas"][0]["reasons"] == ["1 of 3 initiatives are at risk: Nattevagter på tværs"]
    assert report["check_ins"] == ["ci2", "ci3"]


def test_a_later_since_leaves_out_an_older_help_request():
    report = specialty_report(followup_graph(), "geri", TODAY, dt.date(2026, 11, 3))
    assert report.help_requests == () and report.check_ins == ("ci3",)


def test_since_is_a_date_or_a_decision():
    with pytest.raises(ReportSinceError) as caught:
        since_day(followup_graph(), "sidste møde")
    assert caught.value.text("da") == "'sidste møde' er hverken en dato (ÅÅÅÅ-MM-DD) eller en beslutning"
    assert caught.value.text("en") == "'sidste møde' is neither a date (YYYY-MM-DD) nor a decision"
