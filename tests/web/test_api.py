"""The read JSON API under /api/v1/ on the SMALL portfolio: the CLI's JSON, and JSON errors."""
from __future__ import annotations

import pytest

from graph.queries import check, coverage, findings_json, synergies, synergies_json, trace


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.data[:300])
    assert response.mimetype == "application/json"
    return response.get_json()


def test_revision(client):
    assert get_json(client, "/api/v1/revision") == {"revision": 1}


def test_trace_is_the_query_json(client, small_graph):
    body = get_json(client, "/api/v1/trace/geri-i1")
    assert body == trace(small_graph, "geri-i1").to_json()
    assert list(body) == ["initiative", "focus_areas", "ambitions", "specialties", "prerequisites", "challenges",
                          "indicators", "people", "strength_position", "site", "support_offers", "reasons"]
    assert [fa["id"] for fa in body["focus_areas"]] == ["geri-fa1"]
    assert [p["id"] for p in body["prerequisites"]] == ["geri-pre1", "geri-pre2"]
    assert [p["id"] for p in body["people"]] == ["bjorn", "eva"]
    assert body["strength_position"]["id"] == "geri-hs" and body["site"] is None


def test_trace_of_an_orphan_has_empty_lists(client):
    body = get_json(client, "/api/v1/trace/orphan-i")
    assert body["focus_areas"] == [] and body["ambitions"] == [] and body["people"] == []


def test_coverage_is_the_query_json(client, small_graph):
    body = get_json(client, "/api/v1/coverage")
    assert body == coverage(small_graph).to_json()
    geri = body["specialties"][0]
    assert geri == {
        "id": "geri", "name": "Geriatri", "phase": "ambition", "ambition": "geri-amb", "ambition_status": "approved",
        "focus_areas_without_initiatives": ["geri-fa2"], "unaddressed_challenges": ["geri-ch2"],
        "focus_areas_without_indicators": ["geri-fa2"], "prerequisites_not_met": ["geri-pre1"], "core_team_complete": True,
        "counts": {"focus_areas": 2, "initiatives": 2, "challenges": 2, "prerequisites": 2, "indicators": 1, "strength_positions": 1},
    }
    assert body["orphan_initiatives"] == ["orphan-i"]
    assert get_json(client, "/api/v1/coverage?programme=bass") == body


def test_synergies_is_the_query_json(client, small_graph):
    body = get_json(client, "/api/v1/synergies/geri")
    assert body == synergies_json(synergies(small_graph, "geri"))
    assert [s["specialty"] for s in body["synergies"]] == ["reum"]


def test_checks_in_both_languages(client, small_graph):
    assert get_json(client, "/api/v1/checks") == findings_json(check(small_graph), "da")
    assert get_json(client, "/api/v1/checks?specialty=reum") == findings_json(check(small_graph, "reum"), "da")
    english = get_json(client, "/api/v1/checks?specialty=reum&lang=en")
    assert english == findings_json(check(small_graph, "reum"), "en")
    assert english["findings"][0]["message"] != findings_json(check(small_graph, "reum"), "da")["findings"][0]["message"]


def test_lists_of_each_kind(client):
    body = get_json(client, "/api/v1/initiatives")
    assert [i["id"] for i in body["initiatives"]] == ["geri-i1", "reum-i1", "orphan-i"]
    assert body["initiatives"][2] == {
        "id": "orphan-i", "kind": "initiative", "version": 1, "programme": "bass",
        "data": {"id": "orphan-i", "title": "Løs idé", "status": "planned"},
    }
    expected = {
        "programmes": ["bass"], "sites": ["holb", "slag", "rosk"], "specialties": ["geri", "reum"],
        "strength_positions": ["geri-hs", "reum-h"], "people": ["bjorn", "eva", "mette", "karen"],
        "ambitions": ["geri-amb", "reum-amb"], "situation": ["geri-sit1"], "challenges": ["geri-ch1", "geri-ch2", "reum-ch1"],
        "prerequisites": ["geri-pre1", "geri-pre2", "reum-pre1"], "focus_areas": ["geri-fa1", "geri-fa2", "reum-fa1"],
        "indicators": ["geri-ind1", "reum-ind1"],
    }
    for section, ids in expected.items():
        assert [i["id"] for i in get_json(client, f"/api/v1/{section}")[section]] == ids, section


def test_item_with_version(client):
    assert get_json(client, "/api/v1/focus_areas/geri-fa2") == {
        "id": "geri-fa2", "kind": "focus_area", "version": 1, "programme": "bass",
        "data": {"id": "geri-fa2", "ambition": "geri-amb", "title": "Fælles vagtlag", "sequence": "next", "order": 2,
                 "themes": ["responsibility"]},
    }
    assert get_json(client, "/api/v1/people/eva")["data"] == {"id": "eva", "name": "Eva Holm", "title": "Overlæge"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v1/trace/nope", "Fandt ingen faglig indsats med id 'nope'"),
        ("/api/v1/trace/geri-fa1", "'geri-fa1' er af typen strategisk indsatsområde, ikke faglig indsats"),
        ("/api/v1/synergies/nope", "Fandt ingen speciale med id 'nope'"),
        ("/api/v1/checks?specialty=nope", "Fandt ingen speciale med id 'nope'"),
        ("/api/v1/coverage?programme=nope", "Fandt ingen program med id 'nope'"),
        ("/api/v1/initiatives/nope", "Fandt ingen faglig indsats med id 'nope'"),
        ("/api/v1/initiatives/geri-fa1", "Fandt ingen faglig indsats med id 'geri-fa1'"),
    ],
)
def test_unknown_ids_are_json_404(client, url, message):
    assert get_json(client, url, 404) == {"error": {"code": "not_found", "message": message}}


def test_unknown_section_and_path_are_json_404(client):
    body = get_json(client, "/api/v1/nothing", 404)
    assert body["error"]["code"] == "not_found"
    assert body["error"]["message"].startswith("Ukendt afsnit 'nothing'; kendte afsnit: agenda_items, ambitions, baselines, challenges,")
    assert get_json(client, "/api/v1/a/b/c", 404) == {
        "error": {"code": "not_found", "message": "Vi kunne ikke finde siden eller elementet."}
    }


def test_errors_follow_the_language(client):
    assert get_json(client, "/api/v1/trace/nope?lang=en", 404) == {
        "error": {"code": "not_found", "message": "No initiative with id 'nope'"}
    }


def test_wrong_method_is_json_405(client):
    body = get_json(client, "/api/v1/coverage", 405) if False else client.post("/api/v1/coverage")
    assert body.status_code == 405
    assert body.mimetype == "application/json"
    assert body.get_json()["error"]["code"] == "method_not_allowed"


def test_server_error_under_api_is_json(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/api/v1/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = app.test_client().get("/api/v1/boom")
    assert response.status_code == 500
    assert response.get_json() == {
        "error": {"code": "internal_error", "message": "Noget gik galt hos os. Prøv venligst igen."}
    }


def test_roles_are_listed_with_their_store_key(client):
    body = get_json(client, "/api/v1/roles")
    assert [r["id"] for r in body["roles"]] == [
        "role~bjorn~specialty_owner~geri", "role~bjorn~core_team~reum", "role~eva~implementation_lead~geri-hs",
        "role~mette~secretariat~bass", "role~karen~specialty_owner~reum",
    ]
    assert body["roles"][1]["data"] == {"note": "geriatrisk perspektiv", "person": "bjorn", "role": "core_team", "specialty": "reum"}
    assert get_json(client, "/api/v1/roles/role~bjorn~core_team~reum", 404)["error"]["code"] == "not_found"
