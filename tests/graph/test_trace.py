"""Traceability: the chain from an initiative up, on the small portfolio."""
from __future__ import annotations

import pytest

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import NotFound, trace

KEYS = ("focus_areas", "ambitions", "specialties", "prerequisites", "challenges", "indicators")


def ids(doc: dict) -> dict[str, list[str]]:
    return {key: [item["id"] for item in doc[key]] for key in KEYS}


def test_trace_of_geri_i1_is_the_whole_chain(small_graph):
    doc = trace(small_graph, "geri-i1").to_json()
    assert list(doc) == [*["initiative"], *KEYS, "people", "strength_position", "site", "support_offers", "reasons", "open_signals"]
    assert doc["initiative"] == {
        "id": "geri-i1", "title": "Fælles undervisning", "focus_areas": ["geri-fa1"], "strength_position": "geri-hs",
        "owner": "eva", "status": "in_progress", "start": "2026-02-01", "end": "2026-12-31",
        "themes": ["professional_development"],
    }
    assert ids(doc) == {
        "focus_areas": ["geri-fa1"],
        "ambitions": ["geri-amb"],
        "specialties": ["geri"],
        "prerequisites": ["geri-pre1", "geri-pre2"],
        "challenges": ["geri-ch1"],
        "indicators": ["geri-ind1"],
    }
    assert [(p["id"], p["status"]) for p in doc["prerequisites"]] == [("geri-pre1", "agreed"), ("geri-pre2", "met")]
    assert doc["ambitions"] == [
        {"id": "geri-amb", "specialty": "geri", "statement": "Stærke geriatriske fællesskaber", "horizon_months": 24,
         "status": "approved", "approved_on": "2026-03-01"}
    ]
    assert doc["people"] == [
        {"id": "bjorn", "name": "Bjørn Berg", "title": "Vicedirektør",
         "roles": [{"role": "specialty_owner", "target": "geri", "via": "geri-fa1"}]},
        {"id": "eva", "name": "Eva Holm", "title": "Overlæge",
         "roles": [{"role": "initiative_owner", "target": "geri-i1", "via": "geri-i1"},
                   {"role": "implementation_lead", "target": "geri-hs", "via": "geri-i1"}]},
    ]
    assert doc["strength_position"] == {
        "id": "geri-hs", "name": "Geriatri Holbæk-Slagelse", "specialty": "geri", "sites": ["holb", "slag"],
        "partner_sites": ["rosk"],
    }
    assert doc["site"] is None


def test_trace_of_reum_i1_crosses_two_specialties(small_graph):
    doc = trace(small_graph, "reum-i1").to_json()
    assert ids(doc) == {
        "focus_areas": ["geri-fa1", "reum-fa1"],  # now before no sequence
        "ambitions": ["geri-amb", "reum-amb"],
        "specialties": ["geri", "reum"],
        "prerequisites": ["geri-pre1", "geri-pre2", "reum-pre1"],
        "challenges": ["geri-ch1", "reum-ch1"],
        "indicators": ["geri-ind1", "reum-ind1"],
    }
    assert doc["people"] == [
        {"id": "bjorn", "name": "Bjørn Berg", "title": "Vicedirektør",
         "roles": [{"role": "specialty_owner", "target": "geri", "via": "geri-fa1"},
                   {"role": "core_team", "target": "reum", "via": "reum-fa1"}]},
        {"id": "eva", "name": "Eva Holm", "title": "Overlæge",
         "roles": [{"role": "initiative_owner", "target": "reum-i1", "via": "reum-i1"}]},
        {"id": "karen", "name": "Karen Krog", "title": "Vicedirektør",
         "roles": [{"role": "specialty_owner", "target": "reum", "via": "reum-fa1"}]},
    ]
    assert doc["strength_position"] is None
    assert doc["site"] == {"id": "holb", "name": "Holbæk Sygehus", "kind": "acute_hospital", "organisation": "Holbæk",
                           "lat": 55.71, "lon": 11.71}


def test_trace_of_an_orphan_is_empty_not_an_error(small_graph):
    assert trace(small_graph, "orphan-i").to_json() == {
        "initiative": {"id": "orphan-i", "title": "Løs idé", "status": "planned"},
        "focus_areas": [], "ambitions": [], "specialties": [], "prerequisites": [], "challenges": [],
        "indicators": [], "people": [], "strength_position": None, "site": None, "support_offers": [], "reasons": [],
        "open_signals": [],
    }


def test_trace_json_is_a_copy(small_graph):
    doc = trace(small_graph, "geri-i1").to_json()
    doc["initiative"]["themes"].append("wellbeing")
    assert small_graph.data("geri-i1")["themes"] == ["professional_development"]


@pytest.mark.parametrize(
    ("item", "da", "en"),
    [
        ("nope", "Fandt ingen faglig indsats med id 'nope'", "No initiative with id 'nope'"),
        # An element of another kind is named with its kind: the person typed a real id of the wrong kind.
        ("geri-fa1", "'geri-fa1' er et indsatsområde, ikke en faglig indsats",
         "'geri-fa1' is a focus area, not an initiative"),
        ("geri", "'geri' er et speciale, ikke en faglig indsats", "'geri' is a specialty, not an initiative"),
    ],
)
def test_trace_of_something_else_raises_not_found(small_graph, item, da, en):
    with pytest.raises(NotFound) as caught:
        trace(small_graph, item)
    assert isinstance(caught.value, LookupError)
    assert caught.value.args[0] == da
    assert caught.value.message("en") == en


def test_focus_areas_sorted_by_sequence_then_order_then_id():
    recs = [
        parse_record("specialty", {"id": "s", "name": "S"}, "t"),
        parse_record("ambition", {"id": "a", "specialty": "s", "statement": "A"}, "t"),
        parse_record("focus_area", {"id": "f-later", "ambition": "a", "title": "L", "sequence": "later"}, "t"),
        parse_record("focus_area", {"id": "f-none", "ambition": "a", "title": "N"}, "t"),
        parse_record("focus_area", {"id": "f-now2", "ambition": "a", "title": "N2", "sequence": "now", "order": 2}, "t"),
        parse_record("focus_area", {"id": "f-now1b", "ambition": "a", "title": "N1", "sequence": "now", "order": 1}, "t"),
        parse_record("focus_area", {"id": "f-now1a", "ambition": "a", "title": "N1", "sequence": "now", "order": 1}, "t"),
        parse_record("focus_area", {"id": "f-next", "ambition": "a", "title": "X", "sequence": "next"}, "t"),
        parse_record("initiative", {"id": "i", "title": "I", "focus_areas": ["f-none", "f-later", "f-next", "f-now2",
                                                                             "f-now1b", "f-now1a"]}, "t"),
    ]
    assert trace(PortfolioGraph(recs), "i").focus_areas == ["f-now1a", "f-now1b", "f-now2", "f-next", "f-later", "f-none"]


def test_trace_follows_updates_through_the_store(small_store):
    pg = PortfolioGraph.from_store(small_store)
    assert trace(pg, "geri-i1").focus_areas == ["geri-fa1"]
    moved = parse_record("initiative", {"id": "geri-i1", "title": "Fælles undervisning", "focus_areas": ["reum-fa1"],
                                        "site": "slag"}, "t")
    small_store.apply(ChangeSet([moved]), "test")
    assert pg.refresh(small_store) is True
    after = trace(pg, "geri-i1").to_json()
    assert ids(after) == {
        "focus_areas": ["reum-fa1"], "ambitions": ["reum-amb"], "specialties": ["reum"],
        "prerequisites": ["reum-pre1"], "challenges": ["reum-ch1"], "indicators": ["reum-ind1"],
    }
    assert [p["id"] for p in after["people"]] == ["bjorn", "karen"]
    assert after["strength_position"] is None
    assert after["site"]["id"] == "slag"
    small_store.apply(ChangeSet(deletes=["geri-i1"]), "test")
    pg.refresh(small_store)
    with pytest.raises(NotFound):
        trace(pg, "geri-i1")


def test_the_trace_carries_the_open_signals_of_its_chain():
    from tests.followup_portfolio import followup_graph
    from tracker.textout import trace_text

    pg = followup_graph()
    # sig1 is open on the focus area geri-i1 serves; sig2 on geri-i2 is answered and left out
    doc = trace(pg, "geri-i1").to_json()
    assert [(s["element"], s["id"], s["text"]) for s in doc["open_signals"]] == [("geri-fa1", "sig1", "Nattevagterne dækkes ikke")]
    assert trace(pg, "geri-i2").signals == [("geri-fa1", "sig1")]
    assert "  Åbne signaler (1):\n    geri-fa1: Nattevagterne dækkes ikke\n" in trace_text(doc, "da")
