"""The JSON write API: import (with dry run), export, PUT and DELETE of one item, and its errors."""
from __future__ import annotations

import copy

from tests.conftest import SMALL


def stored(app, item: str):
    return app.extensions["portfolio"].store.get([item]).get(item)


def test_import_dry_run_then_for_real(editors, login, revision):
    client = login("mette")
    doc = copy.deepcopy(SMALL)
    doc["sites"].append({"id": "koge", "name": "Køge Sygehus", "kind": "acute_hospital"})
    doc["specialties"][1]["phase"] = "analysis"
    before = revision()
    dry = client.post("/api/v1/import?dry_run=1", json=doc)
    assert dry.status_code == 200
    left_alone = dry.get_json().pop("unchanged_ids")
    assert len(left_alone) == 33 and "koge" not in left_alone and "reum" not in left_alone and "geri" in left_alone
    assert {k: v for k, v in dry.get_json().items() if k != "unchanged_ids"} == {"revision": before + 1, "dry_run": True, "created": ["koge"], "updated": ["reum"], "unchanged": 33}
    assert revision() == before
    real = client.post("/api/v1/import", json=doc)
    assert {k: v for k, v in real.get_json().items() if k != "unchanged_ids"} == {"revision": before + 1, "dry_run": False, "created": ["koge"], "updated": ["reum"], "unchanged": 33}
    again = client.post("/api/v1/import", json=doc)
    assert {k: v for k, v in again.get_json().items() if k != "unchanged_ids"} == {"revision": before + 1, "dry_run": False, "created": [], "updated": [], "unchanged": 35}


def test_invalid_import_lists_problems_and_writes_nothing(editors, login, revision):
    doc = copy.deepcopy(SMALL)
    doc["initiatives"][0]["status"] = "maybe"
    doc["focus_areas"][0]["ambition"] = "nowhere"
    before = revision()
    answer = login("mette").post("/api/v1/import", json=doc)
    assert answer.status_code == 400
    error = answer.get_json()["error"]
    assert error["code"] == "invalid"
    assert [(p["where"], p["item"], p["field"], p["code"]) for p in error["problems"]] == [
        ("request: initiatives[0]", "geri-i1", "status", "enum"),
    ]
    assert revision() == before
    doc["initiatives"][0]["status"] = "planned"
    answer = login("mette").post("/api/v1/import", json=doc)
    problems = answer.get_json()["error"]["problems"]
    assert [(p["item"], p["field"], p["code"], p["message"]) for p in problems] == [
        ("geri-fa1", "ambition", "dangling", "henviser til 'nowhere', som ikke findes"),
    ]
    assert revision() == before


def test_import_is_for_the_secretariat_and_needs_json(editors, login, revision):
    before = revision()
    answer = login("bjorn").post("/api/v1/import", json=copy.deepcopy(SMALL))
    assert answer.status_code == 403
    assert answer.get_json()["error"]["code"] == "forbidden"
    text = login("mette").post("/api/v1/import", data="format: x", content_type="text/yaml")
    assert text.status_code == 400 and text.get_json()["error"]["code"] == "not_json"
    assert revision() == before


def test_export(editors, login):
    doc = login("eva").get("/api/v1/export").get_json()
    assert doc["format"] == "ambition-tracker/v1"
    assert doc["programme"] == {"id": "bass", "name": "BASS", "region": "Region Sjælland"}
    assert [f["id"] for f in doc["focus_areas"]] == ["geri-fa1", "geri-fa2", "reum-fa1"]
    missing = login("eva").get("/api/v1/export?programme=nope")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "programme"


def test_put_creates_then_updates(editors, login):
    client = login("eva")
    item = {"title": "Ny indsats", "focus_areas": ["geri-fa1"], "strength_position": "geri-hs", "owner": "eva"}
    created = client.put("/api/v1/initiatives/geri-i9", json={"version": 0, "item": item})
    assert created.status_code == 201
    assert created.get_json() == {"id": "geri-i9", "version": 1, "revision": 3, "created": True}
    assert stored(editors, "geri-i9").programme == "bass"
    updated = client.put("/api/v1/initiatives/geri-i9", json={"version": 1, "item": dict(item, status="in_progress")})
    assert updated.status_code == 200
    assert updated.get_json() == {"id": "geri-i9", "version": 2, "revision": 4, "created": False}
    assert stored(editors, "geri-i9").data["status"] == "in_progress"


def test_put_a_role(editors, login):
    client = login("mette")
    answer = client.put("/api/v1/roles/role~karen~core_team~geri", json={"version": 0, "item": {"person": "karen", "role": "core_team", "specialty": "geri"}})
    assert answer.status_code == 201
    wrong = client.put("/api/v1/roles/role~karen~x", json={"version": 0, "item": {"person": "karen", "role": "core_team", "specialty": "reum"}})
    assert wrong.status_code == 400
    assert wrong.get_json()["error"]["message"] == "this role's address is 'role~karen~core_team~reum', not 'role~karen~x'"


def test_put_stale_version_is_a_conflict(editors, login, revision):
    client = login("eva")
    before = revision()
    answer = client.put("/api/v1/initiatives/geri-i1", json={"version": 5, "item": {"title": "X", "strength_position": "geri-hs", "focus_areas": ["geri-fa1"]}})
    assert answer.status_code == 409
    error = answer.get_json()["error"]
    assert error["code"] == "conflict"
    assert error["message"] == "'geri-i1' er ændret af en anden siden du åbnede den (version 5, nu 1); genindlæs og prøv igen"
    assert revision() == before
    exists = client.put("/api/v1/initiatives/geri-i1", json={"version": 0, "item": {"title": "X", "strength_position": "geri-hs"}})
    assert exists.status_code == 409


def test_put_invalid_item_names_the_field(editors, login, revision):
    client = login("eva")
    before = revision()
    answer = client.put("/api/v1/initiatives/geri-i1?lang=en", json={"version": 1, "item": {"title": "x" * 301, "strength_position": "geri-hs"}})
    assert answer.status_code == 400
    problems = answer.get_json()["error"]["problems"]
    assert [(p["field"], p["code"], p["message"]) for p in problems] == [("title", "too_long", "must be at most 300 characters")]
    for body in ({"item": {"title": "x"}}, {"version": "1", "item": {}}, {"version": 1}, [1, 2]):
        bad = client.put("/api/v1/initiatives/geri-i1", json=body)
        assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid"
    other_id = client.put("/api/v1/initiatives/geri-i1", json={"version": 1, "item": {"id": "x", "title": "x"}})
    assert other_id.status_code == 400
    assert client.put("/api/v1/nonsense/x", json={"version": 0, "item": {}}).status_code == 404
    assert revision() == before


def test_put_and_delete_are_forbidden_by_role(editors, login, revision):
    before = revision()
    eva = login("eva")
    moved = eva.put("/api/v1/initiatives/geri-i1", json={"version": 1, "item": {"title": "X", "strength_position": "reum-h"}})
    assert moved.status_code == 403
    assert moved.get_json() == {"error": {"code": "forbidden", "message": "du må ikke ændre dette", "problems": []}}
    assert eva.delete("/api/v1/initiatives/orphan-i?version=1").status_code == 403
    karen = login("karen")
    approve = karen.put("/api/v1/ambitions/reum-amb", json={"version": 1, "item": {"specialty": "reum", "statement": "R", "status": "approved"}})
    assert approve.status_code == 403
    assert revision() == before


def test_delete(editors, login, revision):
    client = login("mette")
    before = revision()
    missing_version = client.delete("/api/v1/initiatives/orphan-i")
    assert missing_version.status_code == 400
    stale = client.delete("/api/v1/initiatives/orphan-i?version=2")
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "conflict"
    referred = client.delete("/api/v1/focus_areas/geri-fa2?version=1")
    assert referred.status_code == 200
    still = client.delete("/api/v1/focus_areas/geri-fa1?version=1")
    assert still.status_code == 409
    assert still.get_json()["error"]["code"] == "still_referenced"
    assert [p["code"] for p in still.get_json()["error"]["problems"]] == ["still_referenced"]
    unknown = client.delete("/api/v1/initiatives/nope?version=1")
    assert unknown.status_code == 404 and unknown.get_json()["error"]["code"] == "not_found"
    done = client.delete("/api/v1/initiatives/orphan-i?version=1")
    assert done.get_json() == {"id": "orphan-i", "deleted": True, "revision": before + 2}
    assert stored(editors, "orphan-i") is None


def test_anonymous_write_calls_answer_401_json(editors, client, revision):
    before = revision()
    for answer in (
        client.post("/api/v1/import", json=copy.deepcopy(SMALL)),
        client.put("/api/v1/initiatives/orphan-i", json={"version": 1, "item": {"title": "X"}}),
        client.delete("/api/v1/initiatives/orphan-i?version=1"),
    ):
        assert answer.status_code == 401
        assert answer.get_json()["error"]["code"] == "unauthorized"
    assert revision() == before
