"""The compatible extensions of file format v1: support offers, link reasons, figures with unit and kind,
decisions, baselines, versions of an ambition and links across specialties."""
from __future__ import annotations

import pytest

from graph.changeset import parse_record
from graph.models import figure_parts
from graph.problems import InvalidChangeSet


def test_initiative_keeps_a_reason_per_focus_area_and_support_offer():
    rec = parse_record(
        "initiative",
        {"id": "i1", "title": "Rekruttering", "focus_areas": ["fa1"], "draws_on": ["hr"],
         "reasons": {"fa1": "Flere læger i vagt", "hr": "Pakken betaler annoncer"}},
        "initiatives[0]",
    )
    assert rec.data["reasons"] == {"fa1": "Flere læger i vagt", "hr": "Pakken betaler annoncer"}
    assert rec.data["draws_on"] == ["hr"]


def test_a_reason_for_a_link_the_item_lacks_is_refused_naming_it():
    with pytest.raises(InvalidChangeSet) as caught:
        parse_record("prerequisite", {"id": "p1", "ambition": "a1", "text": "Penge", "enables": ["fa1"],
                                      "reasons": {"fa9": "fordi"}}, "prerequisites[0]")
    assert "'fa9'" in caught.value.text("en")


def test_figures_are_numbers_or_value_unit_kind():
    rec = parse_record("situation", {"id": "s1", "specialty": "geri", "perspective": "staff",
                                     "figures": {"Speciallæger": 7, "Trivsel": {"value": 59, "unit": "point", "kind": "score"}}},
                       "situation[0]")
    assert rec.data["figures"] == {"Speciallæger": 7.0, "Trivsel": {"value": 59.0, "unit": "point", "kind": "score"}}
    assert [figure_parts(v) for v in rec.data["figures"].values()] == [(7.0, None, "count"), (59.0, "point", "score")]


def test_figure_kind_must_be_known():
    with pytest.raises(InvalidChangeSet) as caught:
        parse_record("situation", {"id": "s1", "specialty": "geri", "perspective": "staff",
                                   "figures": {"Trivsel": {"value": 59, "kind": "mood"}}}, "situation[0]")
    assert "figures" in caught.value.text("en")


def test_decision_needs_a_reason_and_a_date():
    with pytest.raises(InvalidChangeSet) as caught:
        parse_record("decision", {"id": "d1", "ambition": "a1", "outcome": "approved", "reason": ""}, "decisions[0]")
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == ["decided_on", "reason"]


def test_synergy_link_joins_two_different_elements():
    with pytest.raises(InvalidChangeSet):
        parse_record("synergy_link", {"id": "l1", "source": "i1", "target": "i1"}, "synergy_links[0]")
    rec = parse_record("synergy_link", {"id": "l1", "source": "i1", "target": "i2", "reason": "Samme kampagne"},
                       "synergy_links[0]")
    assert rec.data == {"id": "l1", "source": "i1", "target": "i2", "link": "joint", "reason": "Samme kampagne"}
