"""Two programmes in one store (regions merge): a secretariat and a steering group act within their own programme only."""
from __future__ import annotations

import io

import pytest
import yaml

from graph.changeset import ChangeSet, parse_record
from tests.web.conftest import PASSWORD
from tests.web.test_governance import approve, edit_form, store_of
from web import accounts


@pytest.fixture
def two(editors):
    """The small portfolio (programme bass, secretariat mette) and programme ost (secretariat ole)."""
    records = [
        ("programme", {"id": "ost", "name": "Østdanmark", "region": "Region Østdanmark"}),
        ("specialty", {"id": "kard", "name": "Kardiologi", "phase": "ambition"}),
        ("ambition", {"id": "kard-amb", "specialty": "kard", "statement": "Stærk kardiologi", "status": "submitted"}),
        ("person", {"id": "ole", "name": "Ole Østergaard", "title": "Programleder"}),
        ("role", {"person": "ole", "role": "secretariat", "programme": "ost"}),
        ("person", {"id": "sten", "name": "Sten Styr", "title": "Direktør"}),
        ("role", {"person": "sten", "role": "steering_group", "programme": "ost"}),
    ]
    store_of(editors).apply(ChangeSet([parse_record(k, d, "test", "ost") for k, d in records]), "test")
    for name in ("ole", "sten"):
        accounts.add_user(editors.config["USERS_DB"], name, PASSWORD, person=name)
    return editors


def test_each_secretariat_edits_its_own_programme_only(two, login):
    mette = login("mette")
    assert mette.post("/edit/specialty/kard", data=edit_form(two, "specialty", "kard", name="Mettes")).status_code == 403
    assert mette.post("/edit/specialty/geri", data=edit_form(two, "specialty", "geri", name="Geriatri!")).status_code == 302
    ole = login("ole")
    assert ole.post("/edit/specialty/geri", data=edit_form(two, "specialty", "geri", name="Oles")).status_code == 403
    assert ole.post("/edit/specialty/kard", data=edit_form(two, "specialty", "kard", name="Kardiologi!")).status_code == 302
    names = {i: store_of(two).get([i])[i].data["name"] for i in ("geri", "kard")}
    assert names == {"geri": "Geriatri!", "kard": "Kardiologi!"}


def test_each_steering_group_decides_on_its_own_programme_only(two, login):
    stina = login("stina")  # steering group of bass
    assert approve(stina, two, "kard-amb", "Ikke vores").status_code == 403
    assert store_of(two).get(["kard-amb"])["kard-amb"].data["status"] == "submitted"
    sten = login("sten")  # steering group of ost
    assert approve(sten, two, "kard-amb", "Godkendt i Øst").status_code == 302
    assert store_of(two).get(["kard-amb"])["kard-amb"].data["status"] == "approved"


def ost_file(two) -> bytes:
    """A portfolio file of programme ost, as an export of it would be."""
    from graph.cache.holder import GraphHolder
    from importers.portfolio_file import export_document

    doc = export_document(GraphHolder(store_of(two)).graph, "ost")
    doc.pop("revision")
    return yaml.safe_dump(doc, allow_unicode=True).encode()


def test_an_upload_of_another_programmes_file_is_refused_naming_it(two, login):
    raw = ost_file(two)
    mette = login("mette")
    answer = mette.post("/upload", data={"file": (io.BytesIO(raw), "ost.yaml")}, content_type="multipart/form-data")
    assert answer.status_code == 403
    assert "Du er ikke i sekretariatet for programmet &#39;ost&#39;; intet er importeret." in answer.get_data(as_text=True)
    api = mette.post("/api/v1/import?dry_run=1&lang=en", json=yaml.safe_load(raw))
    assert api.status_code == 403
    assert api.get_json()["error"]["message"] == "You are not in the secretariat of the programme 'ost'; nothing is imported."
    ole = login("ole")
    assert ole.post("/upload", data={"file": (io.BytesIO(raw), "ost.yaml")}, content_type="multipart/form-data").status_code == 200


def test_a_new_programme_is_set_up_by_any_secretariat_until_it_has_its_own(two, login):
    mette = login("mette")
    answer = mette.post("/new/programme", data={"id": "nord", "name": "Nord", "region": "Region Nordjylland"})
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert store_of(two).get(["nord"])["nord"].programme == "nord"
