"""The rights matrix across programmes and for roles on oneself (issue 19, points 1 and 4): bass's
secretariat (mette) writes nothing that reaches into programme ost -- through a form, the item API,
an upload or the import API -- and nobody gives themselves a role. Each refusal answers 403 with the
store exactly as it was; the controls show the same writes pass where they stay at home.
"""
from __future__ import annotations

import copy
import io

import pytest
import yaml

from graph.changeset import ChangeSet, parse_record
from graph.models import MODEL_BY_KIND
from tests.conftest import SMALL
from tests.web.test_governance import approve, store_of
from tests.web.test_programme_rights import two  # noqa: F401  (the fixture)
from web.editing import forms


@pytest.fixture
def ost(two):  # noqa: F811
    """Programme ost gets a focus area, a strength position and a second bass secretariat member (karen)."""
    records = [
        ("focus_area", {"id": "kard-fa1", "ambition": "kard-amb", "title": "Hjertesvigt"}, "ost"),
        ("role", {"person": "karen", "role": "secretariat", "programme": "bass"}, "bass"),
    ]
    store_of(two).apply(ChangeSet([parse_record(k, d, "test", p) for k, d, p in records]), "test")
    return two


#: (name, kind, stored item or None, the fields written). Each reaches into ost.
CROSS = [
    ("initiative at a bass position serving ost's focus area", "initiative", None,
     {"id": "n-i", "title": "Ny", "strength_position": "geri-hs", "focus_areas": ["kard-fa1"]}),
    ("focus area moved into ost's ambition", "focus_area", "geri-fa2", {"ambition": "kard-amb"}),
    ("initiative moved onto ost's focus area", "initiative", "geri-i1", {"focus_areas": ["kard-fa1"]}),
    ("strength position moved into ost's specialty", "strength_position", "geri-hs", {"specialty": "kard"}),
    ("ambition moved into ost's specialty", "ambition", "geri-amb", {"specialty": "kard"}),
    ("role naming ost", "role", None, {"person": "bjorn", "role": "secretariat", "programme": "ost"}),
    ("padded focus area", "initiative", None, {"id": "n-i", "title": "Ny", "strength_position": "geri-hs", "focus_areas": [" kard-fa1"]}),
    ("padded programme of a role", "role", None, {"person": "bjorn", "role": "secretariat", "programme": " ost"}),
]
#: Roles on oneself: (name, who, fields).
SELF = [
    ("secretariat makes itself steering group", "mette", {"person": "mette", "role": "steering_group", "programme": "bass"}),
    ("owner puts itself in its core team", "bjorn", {"person": "bjorn", "role": "core_team", "specialty": "geri"}),
    ("owner makes itself lead of its strength position", "bjorn", {"person": "bjorn", "role": "implementation_lead", "strength_position": "geri-hs"}),
]


def snapshot(app) -> tuple[int, dict]:
    snap = store_of(app).load()
    return snap.revision, {r.id: (r.data, r.version) for r in snap.records}


def _written(app, kind: str, item: str | None, data: dict) -> tuple[dict, int]:
    if item is None:
        return dict(data), 0
    rec = store_of(app).get([item])[item]
    return {**rec.data, **data}, rec.version


def via_html(client, app, kind, item, data):
    full, version = _written(app, kind, item, data)
    form = dict(forms.form_values(kind, full))
    if item is not None:
        form.pop("id", None)
    form["version"] = str(version)
    return client.post(f"/edit/{kind}/{item}" if item else f"/new/{kind}", data=form)


def via_api(client, app, kind, item, data):
    full, version = _written(app, kind, item, data)
    item_id = item or parse_record(kind, {k: v.strip() if isinstance(v, str) else v for k, v in full.items()}, "t").id
    return client.put(f"/api/v1/{MODEL_BY_KIND[kind].section}/{item_id}", json={"version": version, "item": full})


def _bass_file(app, kind, item, data) -> dict:
    """The small bass file with the written item in it (labelled bass, as an export of bass would be)."""
    doc = copy.deepcopy(SMALL)
    section = MODEL_BY_KIND[kind].section
    full, _version = _written(app, kind, item, data)
    entries = [e for e in doc.get(section, []) if item is None or e.get("id") != item]
    doc[section] = [*entries, full]
    return doc


def via_upload(client, app, kind, item, data):
    raw = yaml.safe_dump(_bass_file(app, kind, item, data), allow_unicode=True).encode()
    return client.post("/upload", data={"file": (io.BytesIO(raw), "bass.yaml")}, content_type="multipart/form-data")


def via_import(client, app, kind, item, data):
    return client.post("/api/v1/import?lang=en", json=_bass_file(app, kind, item, data))


VIAS = {"html": via_html, "api": via_api, "upload": via_upload, "import": via_import}


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize(("name", "kind", "item", "data"), CROSS, ids=[c[0] for c in CROSS])
def test_nothing_reaches_into_another_programme(ost, login, via, name, kind, item, data):
    client = login("mette")
    before = snapshot(ost)
    answer = VIAS[via](client, ost, kind, item, data)
    assert answer.status_code == 403, answer.get_data(as_text=True)[:800]
    assert snapshot(ost) == before


#: Only the secretariat imports at all (the matrix of test_rights_matrix.py): the owner's cases are forms and API.
SELF_CASES = [(*case, via) for case in SELF for via in VIAS if case[1] == "mette" or via in ("html", "api")]


@pytest.mark.parametrize(("name", "who", "data", "via"), SELF_CASES, ids=[f"{c[0]}-{c[3]}" for c in SELF_CASES])
def test_nobody_gives_themselves_a_role(ost, login, via, name, who, data):
    client = login(who)
    before = snapshot(ost)
    answer = VIAS[via](client, ost, "role", None, data)
    assert answer.status_code == 403, answer.get_data(as_text=True)[:800]
    assert snapshot(ost) == before


@pytest.mark.parametrize("via", ["html", "api"])
def test_another_secretariat_member_gives_the_role(ost, login, via):
    client = login("karen")
    answer = VIAS[via](client, ost, "role", None, {"person": "mette", "role": "steering_group", "programme": "bass"})
    assert answer.status_code in (201, 302), answer.get_data(as_text=True)[:800]
    assert "role~mette~steering_group~bass" in store_of(ost).get(["role~mette~steering_group~bass"])


def test_the_secretariat_never_records_a_decision_even_holding_the_steering_groups_role(ost, login):
    store_of(ost).apply(ChangeSet([parse_record("role", {"person": "mette", "role": "steering_group", "programme": "bass"}, "cli", "bass")]), "cli")
    client = login("mette")
    assert approve(client, ost, "reum-amb", "Godkendt").status_code == 403
    assert store_of(ost).get(["reum-amb"])["reum-amb"].data["status"] != "approved"


def test_an_import_names_the_file_the_item_the_field_and_the_value(ost, login):
    client = login("mette")
    role = {"person": "bjorn", "role": "secretariat", "programme": "ost"}
    answer = client.post("/api/v1/import?lang=en", json=_bass_file(ost, "role", None, role))
    assert answer.get_json()["error"]["message"] == (
        "request: the role 'role~bjorn~secretariat~ost' reaches in the field 'programme' with the value 'ost' "
        "into the programme 'ost', whose secretariat you are not in. Nothing is imported."
    )
    raw = yaml.safe_dump(_bass_file(ost, "role", None, {"person": "mette", "role": "steering_group", "programme": "bass"})).encode()
    page = client.post("/upload?lang=da", data={"file": (io.BytesIO(raw), "bass.yaml")}, content_type="multipart/form-data")
    assert ("bass.yaml: rolle &#39;role~mette~steering_group~bass&#39; giver dig selv en rolle (feltet &#39;person&#39;, "
            "værdien &#39;mette&#39;)") in page.get_data(as_text=True)


@pytest.mark.parametrize("via", VIAS)
def test_the_same_writes_at_home_pass(ost, login, via):
    client = login("mette")
    data = {"id": "n-i", "title": "Ny", "strength_position": "geri-hs", "focus_areas": [" geri-fa1"]}
    answer = VIAS[via](client, ost, "initiative", None, data)
    assert answer.status_code in (200, 201, 302), answer.get_data(as_text=True)[:800]
