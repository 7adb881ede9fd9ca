"""The demo portfolio: imports cleanly, round-trips, and shows the gaps it was built to show."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from graph.portfolio import PortfolioGraph
from graph.queries import check, coverage, synergies
from graph.store.sqlite import SQLiteStore
from importers.document import changeset_from_document
from importers.portfolio_file import (
    export_document,
    read_portfolio,
    validate_document,
    write_document,
)
from tracker.demo import demo_document


@pytest.fixture
def demo_store(sqlite_store):
    sqlite_store.apply(changeset_from_document(demo_document(), "demo"), "test")
    return sqlite_store


@pytest.fixture
def demo_graph(demo_store) -> PortfolioGraph:
    return PortfolioGraph.from_store(demo_store)


def test_imports_cleanly_into_an_empty_store(sqlite_store):
    applied = sqlite_store.apply(changeset_from_document(demo_document(), "demo"), "test")
    # 221, six months of check-ins and three signals (issue 21), three meetings, nine agenda items, four decisions (issue 22)
    assert len(applied.created) == 305  # and two faglig ambitions, three parts, their decision and baseline, one more item
    assert sqlite_store.counts() == {
        "ambition": 5, "baseline": 3, "challenge": 18, "agenda_item": 10, "check_in": 57, "decision": 7, "position_part": 3, "professional_ambition": 2, "focus_area": 18, "indicator": 19, "initiative": 34, "meeting": 3, "person": 30,
        "prerequisite": 14, "programme": 1, "role": 31, "signal": 3, "site": 6, "situation": 26, "specialty": 5, "strength_position": 7, "support_offer": 3,
    }


def test_the_approved_ambitions_carry_their_decision_and_one_shows_a_change_since(demo_graph):
    from graph.queries.baseline import changed_since_approval, changes_since_approval, decisions_of

    assert [d for d in decisions_of(demo_graph, "lunge-amb")] == ["lunge-amb.decision.r1"]
    assert demo_graph.data("lunge-amb.decision.r1")["meeting"] == "PSG marts 2026"
    assert changed_since_approval(demo_graph, "lunge-amb") is False
    assert [(c.item, c.field, c.before) for c in changes_since_approval(demo_graph, "kard-amb")] == [
        ("kard-fa1", "title", "Hurtig udredning af hjertepatienter")
    ]


def test_document_is_json_ready_and_fresh():
    doc = demo_document()
    assert doc["programme"] == {"id": "bass", "name": "Bæredygtige akutsygehuse og specialer", "region": "Region Sjælland"}
    assert doc["ambitions"][0]["approved_on"] == "2026-03-12"
    doc["sites"].clear()
    assert len(demo_document()["sites"]) == 6
    assert validate_document(demo_document()).format == "ambition-tracker/v1"


def test_sites_and_specialties():
    doc = demo_document()
    acute = [s["id"] for s in doc["sites"] if s["kind"] == "acute_hospital"]
    assert acute == ["holb", "slag", "nyk", "koege"]
    assert [s["id"] for s in doc["sites"] if s["kind"] == "other"] == ["rosk", "naest"]
    assert all(54.5 < s["lat"] < 56 and 11 < s["lon"] < 12.5 for s in doc["sites"])
    assert [s["name"] for s in doc["specialties"]] == ["Lungemedicin", "Reumatologi", "Geriatri", "Kardiologi", "Endokrinologi"]
    assert len({s["phase"] for s in doc["specialties"]}) == 4
    assert all(p["email"].endswith("@example.org") for p in doc["people"])


def test_every_specialty_is_filled_out():
    doc = demo_document()
    per_ambition = lambda section: Counter(i["ambition"] for i in doc[section])  # noqa: E731
    assert all(3 <= n <= 5 for n in per_ambition("challenges").values())
    assert all(3 <= n <= 4 for n in per_ambition("focus_areas").values())
    initiatives = Counter(i["id"].split("-")[0] for i in doc["initiatives"])
    assert initiatives == {"lunge": 8, "reum": 6, "geri": 7, "kard": 7, "endo": 6}
    owners = Counter(r["specialty"] for r in doc["roles"] if r["role"] == "specialty_owner")
    assert owners == {"geri": 1, "lunge": 1, "reum": 1, "kard": 1, "endo": 1}
    monthly = [i["id"] for i in doc["indicators"] if len(i.get("readings", [])) >= 12]
    assert monthly == ["lunge-ind1", "reum-ind2", "geri-ind2", "kard-ind1"]


def test_the_guidance_example_is_there(demo_graph):
    assert demo_graph.data("lunge-ch1")["title"] == "For stor faglig specialisering"
    assert sorted(demo_graph.data("lunge-ch1")["perspectives"]) == ["organisational", "professional", "staff"]
    assert demo_graph.data("lunge-pre1")["text"] == "Ressourcer til struktureret kompetenceudvikling"
    assert demo_graph.data("lunge-fa1")["title"] == "Robuste faglige miljøer"
    assert "faglige fællesskaber" in demo_graph.data("lunge-amb")["statement"]


def test_round_trip_gives_identical_records(demo_store, demo_graph, tmp_path):
    path = tmp_path / "demo.yaml"
    write_document(export_document(demo_graph), path)
    other = SQLiteStore(tmp_path / "other.db")
    other.apply(read_portfolio(path), "test")
    mine = {r.id: (r.kind, r.data, r.programme) for r in demo_store.load().records}
    assert {r.id: (r.kind, r.data, r.programme) for r in other.load().records} == mine
    again = other.apply(read_portfolio(path), "test")
    assert not again.changed and other.revision() == 1
    other.close()


def test_deliberate_gaps_show_in_coverage(demo_graph):
    cov = coverage(demo_graph).to_json()
    assert cov["orphan_initiatives"] == ["kard-i7"]
    by_id = {s["id"]: s for s in cov["specialties"]}
    assert by_id["kard"]["focus_areas_without_initiatives"] == ["kard-fa4"]
    assert by_id["reum"]["focus_areas_without_indicators"] == ["reum-fa3"]
    assert by_id["reum"]["unaddressed_challenges"] == ["reum-ch4"]
    assert by_id["geri"]["core_team_complete"] is False
    assert "geri-pre3" in by_id["geri"]["prerequisites_not_met"]
    assert by_id["lunge"]["focus_areas_without_initiatives"] == []


#: The day the checks are run as of, so the test does not age (overdue initiatives depend on it).
TODAY = dt.date(2026, 11, 1)


def test_deliberate_gaps_show_in_health_checks(demo_graph):
    found = {(f.rule, f.element) for f in check(demo_graph, today=TODAY)}
    assert {
        ("challenge_perspectives", "geri-ch3"),
        ("core_team_leads", "geri-kn"),
        ("initiative_long", "lunge-i7"),
        ("initiative_focus_area", "kard-i7"),
        ("initiative_owner", "endo-i6"),
        ("horizon", "endo-amb"),
        ("prerequisite_balance", "endo-amb"),
        ("challenge_unaddressed", "reum-ch4"),
        ("focus_area_indicators", "reum-fa3"),
        ("ambition_not_approved", "geri-i1"),
    } <= found
    assert [f.element for f in check(demo_graph, "lunge", today=TODAY)] == ["lunge-i7"]


def test_geriatrics_and_rheumatology_are_allies(demo_graph):
    found = synergies(demo_graph, "geri")
    assert found[0].specialty == "reum"
    reasons = {(r["kind"], tuple(r["ids"])) for r in found[0].reasons}
    assert ("theme", ("recruitment_retention",)) in reasons
    assert ("site", ("holb",)) in reasons
    assert any(kind == "person" and "ikjaergaard" in ids for kind, ids in reasons)


def test_the_demo_has_follow_up_history_to_show(demo_graph):
    """Six months of check-ins (some months missing, some at risk), an overdue reading and signals (issue 21)."""
    from graph.queries.checkins import check_ins_of, open_signals_of_specialty
    from graph.queries.followup import followup_for

    assert [demo_graph.data(c)["period"][:7] for c in check_ins_of(demo_graph, "lunge-i2")] == [
        "2026-11", "2026-09", "2026-08", "2026-07", "2026-06"]  # October missing
    assert sorted({demo_graph.data(c)["status"] for c in demo_graph.ids("check_in")}) == ["at_risk", "on_track"]
    assert open_signals_of_specialty(demo_graph, "geri") == ["geri-fa2-signal-2026-11", "geri-fa1-signal-2026-11"]
    assert [(i.reason, i.element) for i in followup_for(demo_graph, "ejakobsen", dt.date(2026, 12, 7)).items] == [
        ("check_in_due", "geri-i5"), ("check_in_due", "geri-i1"), ("check_in_due", "geri-i2"), ("reading_due", "geri-ind1")]
