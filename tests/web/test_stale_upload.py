"""The web upload and the import API refuse a file taken before changes it would overwrite, naming them and who."""
from __future__ import annotations

import io

import yaml

from graph.changeset import ChangeSet, parse_record


def web_edit(app, actor: str, item: str, **fields) -> None:
    store = app.extensions["portfolio"].store
    rec = store.get([item])[item]
    store.apply(ChangeSet([parse_record(rec.kind, {**rec.data, **fields}, "t")]), actor)


def downloaded(client) -> dict:
    answer = client.get("/download?format=yaml")
    assert answer.status_code == 200
    return yaml.safe_load(answer.get_data(as_text=True))


def test_a_stale_download_does_not_revert_a_web_edit(editors, login, revision):
    client = login("mette")
    doc = downloaded(client)
    assert doc["revision"] == revision()
    web_edit(editors, "eva", "geri-i1", title="Evas nye titel")
    next(i for i in doc["initiatives"] if i["id"] == "geri-i1")["status"] = "done"
    before = revision()
    raw = yaml.safe_dump(doc, allow_unicode=True).encode()
    answer = client.post("/upload", data={"file": (io.BytesIO(raw), "gammel.yaml")}, content_type="multipart/form-data")
    assert answer.status_code == 409
    page = answer.get_data(as_text=True)
    assert "er ændret siden: &#39;geri-i1&#39; (eva)" in page
    assert revision() == before
    api = client.post("/api/v1/import", json=doc)
    assert api.status_code == 409
    error = api.get_json()["error"]
    assert (error["code"], error["changed_since"]) == ("stale", {"geri-i1": ["eva"]})
    assert revision() == before
    assert editors.extensions["portfolio"].store.get(["geri-i1"])["geri-i1"].data["title"] == "Evas nye titel"
    forced = client.post("/api/v1/import?force=1", json=doc)
    assert forced.status_code == 200 and forced.get_json()["updated"] == ["geri-i1"]


def test_a_change_between_preview_and_confirmation_is_caught(editors, login, revision):
    client = login("mette")
    doc = downloaded(client)
    next(f for f in doc["focus_areas"] if f["id"] == "geri-fa2")["title"] = "Fra filen"
    raw = yaml.safe_dump(doc, allow_unicode=True).encode()
    preview = client.post("/upload", data={"file": (io.BytesIO(raw), "p.yaml")}, content_type="multipart/form-data")
    assert preview.status_code == 200
    with client.session_transaction() as sess:
        token = sess["uploads"][-1]
    web_edit(editors, "bjorn", "geri-fa2", title="Bjørns titel")
    before = revision()
    answer = client.post(f"/upload/{token}", data={"action": "confirm"})
    assert answer.status_code == 409
    assert "&#39;geri-fa2&#39; (bjorn)" in answer.get_data(as_text=True)
    assert revision() == before


def test_an_import_cannot_take_the_steering_groups_decision(editors, login, revision):
    client = login("mette")
    doc = downloaded(client)
    next(a for a in doc["ambitions"] if a["id"] == "reum-amb").update(status="approved", approved_on="2026-05-01")
    before = revision()
    answer = client.post("/api/v1/import", json=doc)
    assert answer.status_code == 403
    assert "reum-amb" in answer.get_json()["error"]["message"]
    raw = yaml.safe_dump(doc, allow_unicode=True).encode()
    upload = client.post("/upload", data={"file": (io.BytesIO(raw), "p.yaml")}, content_type="multipart/form-data")
    assert upload.status_code == 403
    assert revision() == before
