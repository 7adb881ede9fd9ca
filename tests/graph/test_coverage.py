"""Coverage per specialty and the programme's orphan initiatives."""
from __future__ import annotations

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import coverage

GERI = {
    "id": "geri", "name": "Geriatri", "phase": "ambition", "ambition": "geri-amb", "ambition_status": "approved",
    "focus_areas_without_initiatives": ["geri-fa2"],
    "unaddressed_challenges": ["geri-ch2"],
    "focus_areas_without_indicators": ["geri-fa2"],
    "prerequisites_not_met": ["geri-pre1"],
    "core_team_complete": True,
    "counts": {"focus_areas": 2, "initiatives": 2, "challenges": 2, "prerequisites": 2, "indicators": 1,
               "strength_positions": 1},
}
REUM = {
    "id": "reum", "name": "Reumatologi", "phase": "preparation", "ambition": "reum-amb", "ambition_status": "draft",
    "focus_areas_without_initiatives": [],
    "unaddressed_challenges": [],
    "focus_areas_without_indicators": [],
    "prerequisites_not_met": ["reum-pre1"],
    "core_team_complete": False,  # reum-h has no implementation lead
    "counts": {"focus_areas": 1, "initiatives": 1, "challenges": 1, "prerequisites": 1, "indicators": 1,
               "strength_positions": 1},
}


def test_coverage_of_the_small_portfolio(small_graph):
    assert coverage(small_graph).to_json() == {"specialties": [GERI, REUM], "orphan_initiatives": ["orphan-i"]}


def test_coverage_of_one_programme(small_graph):
    assert coverage(small_graph, "bass").to_json() == {"specialties": [GERI, REUM], "orphan_initiatives": ["orphan-i"]}
    assert coverage(small_graph, "other").to_json() == {"specialties": [], "orphan_initiatives": []}


def test_specialty_without_ambition_and_specialties_ordered_by_name():
    pg = PortfolioGraph([
        parse_record("specialty", {"id": "z", "name": "Akutmedicin"}, "t"),
        parse_record("specialty", {"id": "a", "name": "Nefrologi", "phase": "analysis"}, "t"),
    ])
    doc = coverage(pg).to_json()
    assert [s["id"] for s in doc["specialties"]] == ["z", "a"]
    assert doc["specialties"][0] == {
        "id": "z", "name": "Akutmedicin", "phase": None, "ambition": None, "ambition_status": None,
        "focus_areas_without_initiatives": [], "unaddressed_challenges": [], "focus_areas_without_indicators": [],
        "prerequisites_not_met": [], "core_team_complete": False,
        "counts": {"focus_areas": 0, "initiatives": 0, "challenges": 0, "prerequisites": 0, "indicators": 0,
                   "strength_positions": 0},
    }


def test_withdrawn_and_met_prerequisites_are_settled():
    pg = PortfolioGraph([
        parse_record("specialty", {"id": "s", "name": "S"}, "t"),
        parse_record("ambition", {"id": "a", "specialty": "s", "statement": "A"}, "t"),
        *[parse_record("prerequisite", {"id": f"p-{st}", "ambition": "a", "text": st, "status": st}, "t")
          for st in ("proposed", "agreed", "met", "not_met", "withdrawn")],
    ])
    assert coverage(pg).specialties[0].prerequisites_not_met == ["p-agreed", "p-not_met", "p-proposed"]


def test_coverage_follows_updates_through_the_store(small_store):
    pg = PortfolioGraph.from_store(small_store)
    small_store.apply(ChangeSet([
        parse_record("initiative", {"id": "orphan-i", "title": "Løs idé", "focus_areas": ["geri-fa2"]}, "t"),
        parse_record("role", {"person": "eva", "role": "implementation_lead", "strength_position": "reum-h"}, "t"),
        parse_record("prerequisite", {"id": "geri-pre1", "ambition": "geri-amb", "text": "Ressourcer", "status": "met",
                                      "enables": ["geri-fa1"]}, "t"),
    ]), "test")
    pg.refresh(small_store)
    doc = coverage(pg).to_json()
    geri, reum = doc["specialties"]
    assert doc["orphan_initiatives"] == []
    assert geri["focus_areas_without_initiatives"] == []
    assert geri["prerequisites_not_met"] == []
    assert geri["counts"]["initiatives"] == 3
    assert reum["core_team_complete"] is True
