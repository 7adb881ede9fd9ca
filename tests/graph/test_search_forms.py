"""Search finds what a person would type (issue 23, point 3): every kind with a title or name, Danish word forms, ids."""
from __future__ import annotations

import pytest

from graph.changeset import parse_record
from graph.queries.search import SearchGroup, search_elements
from tests.impact_portfolio import impact_graph


@pytest.fixture
def pg():
    graph = impact_graph()
    graph.apply([parse_record("decision", {"id": "d1", "ambition": "geri-amb", "outcome": "approved", "decided_on": "2026-05-01",
                                           "reason": "Godkendt under forudsætning af HR-pakken", "meeting": "Styregruppemøde maj"},
                              "test", "bass")])
    return graph


@pytest.mark.parametrize("query", ["HR-pakke", "HR-pakken", "pakke", "pakken", "hr-pakkens", "HR-PAKKE TIL", "fastholdelsen"])
def test_danish_word_forms_find_the_hr_package(pg, query):
    groups = {g.kind: g.ids for g in search_elements(pg, query)}
    assert "hr" in groups["support_offer"], query


def test_support_offers_prerequisites_people_sites_indicators_and_decisions_are_found(pg):
    assert search_elements(pg, "HR") == [
        SearchGroup("support_offer", ["hr"], 1),
        SearchGroup("decision", ["d1"], 1),
    ]
    assert search_elements(pg, "mentorordningen") == [SearchGroup("prerequisite", ["geri-pre2"], 1)]
    assert search_elements(pg, "stillingerne") == [SearchGroup("indicator", ["geri-ind1"], 1)]
    assert search_elements(pg, "karen") == [SearchGroup("person", ["karen"], 1)]
    assert search_elements(pg, "køge") == [SearchGroup("site", ["koege"], 1)]
    assert search_elements(pg, "styregruppemøde") == [SearchGroup("decision", ["d1"], 1)]


def test_ids_are_found_as_written(pg):
    assert search_elements(pg, "geri-pre2") == [SearchGroup("prerequisite", ["geri-pre2"], 1)]
    assert search_elements(pg, "LUNG-I1") == [SearchGroup("initiative", ["lung-i1"], 1)]


def test_the_definite_form_finds_the_word_in_every_kind(pg):
    assert search_elements(pg, "rekrutteringen") == [
        SearchGroup("challenge", ["geri-ch1"], 1), SearchGroup("focus_area", ["reum-fa1"], 1),
    ]
    assert search_elements(pg, "zzz") == []
