"""Edit forms: create, change and delete every kind, links, field errors, conflicts, decisions,
readings, upload with preview, and download."""
from __future__ import annotations

import copy
import io
import json

import pytest
import yaml

from tests.conftest import SMALL
from web.editing import forms


def stored(app, item: str):
    """Return the stored record of an item (or None)."""
    return app.extensions["portfolio"].store.get([item]).get(item)


def form_data(app, kind: str, item: str, **changes) -> dict:
    """Return the edit form of a stored item as it is submitted, with some fields changed."""
    rec = stored(app, item)
    data: dict = dict(forms.form_values(kind, rec.data))
    data.pop("id", None)
    data.update(changes)
    data["version"] = str(rec.version)
    return data


# -- create every kind -----------------------------------------------------------------------

NEW_ITEMS = [
    ("programme", {"id": "bass2", "name": "BASS Øst", "region": "Region Østdanmark"},
     {"id": "bass2", "name": "BASS Øst", "region": "Region Østdanmark"}),
    ("site", {"id": "koge", "name": "Køge Sygehus", "kind": "acute_hospital", "lat": "55.45", "lon": "12.18"},
     {"id": "koge", "name": "Køge Sygehus", "kind": "acute_hospital", "lat": 55.45, "lon": 12.18}),
    ("specialty", {"name": "Lungemedicin", "phase": "analysis"},
     {"id": "lungemedicin", "name": "Lungemedicin", "phase": "analysis"}),
    ("strength_position", {"id": "reum-s", "specialty": "reum", "sites": ["slag"], "partner_sites": ["rosk", "holb"]},
     {"id": "reum-s", "specialty": "reum", "sites": ["slag"], "partner_sites": ["rosk", "holb"]}),
    ("person", {"id": "lars", "name": "Lars Lund", "email": "lars@example.org"},
     {"id": "lars", "name": "Lars Lund", "email": "lars@example.org"}),
    ("role", {"person": "karen", "role": "core_team", "target": "geri", "note": "reumatologisk blik"},
     {"person": "karen", "role": "core_team", "specialty": "geri", "note": "reumatologisk blik"}),
    ("ambition", {"id": "geri-amb2", "specialty": "geri", "statement": "Ny ambition", "horizon_months": "18"},
     {"id": "geri-amb2", "specialty": "geri", "statement": "Ny ambition", "horizon_months": 18, "status": "draft"}),
    ("situation", {"id": "reum-sit1", "specialty": "reum", "perspective": "patient", "text": "Lange forløb",
                   "figures": "beds: 12\nventeliste: 7,5", "as_of": "2026-02-01"},
     {"id": "reum-sit1", "specialty": "reum", "perspective": "patient", "text": "Lange forløb",
      "figures": {"beds": 12.0, "venteliste": 7.5}, "as_of": "2026-02-01"}),
    ("challenge", {"id": "geri-ch3", "ambition": "geri-amb", "title": "Vagtbyrde", "perspectives.staff": "Mange vagter",
                   "perspectives.organisational": "Spredte vagtlag", "themes": ["work_planning", "wellbeing"]},
     {"id": "geri-ch3", "ambition": "geri-amb", "title": "Vagtbyrde",
      "perspectives": {"staff": "Mange vagter", "organisational": "Spredte vagtlag"}, "themes": ["work_planning", "wellbeing"]}),
    ("prerequisite", {"id": "geri-pre3", "ambition": "geri-amb", "text": "Midler til uddannelse", "kind": "temporary_resources",
                      "status": "proposed", "enables": ["geri-fa1", "geri-fa2"]},
     {"id": "geri-pre3", "ambition": "geri-amb", "text": "Midler til uddannelse", "kind": "temporary_resources",
      "status": "proposed", "enables": ["geri-fa1", "geri-fa2"]}),
    ("focus_area", {"id": "geri-fa3", "ambition": "geri-amb", "title": "Tværfaglige teams", "sequence": "later", "order": "3",
                    "addresses": ["geri-ch2"], "themes": ["interdisciplinary_collaboration"]},
     {"id": "geri-fa3", "ambition": "geri-amb", "title": "Tværfaglige teams", "sequence": "later", "order": 3,
      "addresses": ["geri-ch2"], "themes": ["interdisciplinary_collaboration"]}),
    ("indicator", {"id": "geri-ind2", "focus_area": "geri-fa2", "name": "Antal vagter", "kind": "quantitative",
                   "unit": "antal", "baseline": "40", "target": "halveret"},
     {"id": "geri-ind2", "focus_area": "geri-fa2", "name": "Antal vagter", "kind": "quantitative", "unit": "antal",
      "baseline": 40, "target": "halveret"}),
    ("initiative", {"id": "geri-i2", "title": "Fælles vagtplan", "focus_areas": ["geri-fa2"], "strength_position": "geri-hs",
                    "owner": "eva", "status": "planned", "start": "2026-03-01", "end": "2026-10-01", "themes": ["work_planning"]},
     {"id": "geri-i2", "title": "Fælles vagtplan", "focus_areas": ["geri-fa2"], "strength_position": "geri-hs",
      "owner": "eva", "status": "planned", "start": "2026-03-01", "end": "2026-10-01", "themes": ["work_planning"]}),
]


@pytest.mark.parametrize(("kind", "submitted", "expected"), NEW_ITEMS, ids=[k for k, _, _ in NEW_ITEMS])
def test_create_every_kind(editors, login, revision, kind, submitted, expected):
    client = login("mette")
    assert client.get(f"/new/{kind}").status_code == 200
    before = revision()
    answer = client.post(f"/new/{kind}", data=dict(submitted, version="0"))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    item = expected.get("id") or f"role~{expected['person']}~{expected['role']}~{expected['specialty']}"
    rec = stored(editors, item)
    assert rec.data == expected
    assert rec.version == 1
    assert rec.programme == ("bass2" if kind == "programme" else "bass")
    assert revision() == before + 1
    assert editors.extensions["portfolio"].store.audit(limit=1)[0].actor == "mette"


def test_new_form_is_prefilled_from_the_address(editors, login):
    page = login("bjorn").get("/new/focus_area?ambition=geri-amb&themes=wellbeing").get_data(as_text=True)
    assert '<option value="geri-amb" selected>' in page
    assert 'value="wellbeing" checked' in page


# -- edit every kind -------------------------------------------------------------------------

EDITS = [
    ("programme", "bass", {"region": "Region Østdanmark"}, "region", "Region Østdanmark"),
    ("site", "rosk", {"organisation": "SUH Roskilde"}, "organisation", "SUH Roskilde"),
    ("specialty", "reum", {"phase": "ambition"}, "phase", "ambition"),
    ("strength_position", "geri-hs", {"partner_sites": []}, "partner_sites", None),
    ("person", "eva", {"title": "Ledende overlæge"}, "title", "Ledende overlæge"),
    ("role", "role~bjorn~core_team~reum", {"note": "geriater"}, "note", "geriater"),
    ("ambition", "reum-amb", {"horizon_months": "24"}, "horizon_months", 24),
    ("situation", "geri-sit1", {"figures": "specialists: 5\ntrainees: 2"}, "figures", {"specialists": 5.0, "trainees": 2.0}),
    ("challenge", "geri-ch2", {"perspectives.professional": "Få geriatere"}, "perspectives",
     {"staff": "Travlhed", "professional": "Få geriatere"}),
    ("prerequisite", "reum-pre1", {"status": "agreed"}, "status", "agreed"),
    ("focus_area", "geri-fa2", {"addresses": ["geri-ch2"]}, "addresses", ["geri-ch2"]),
    ("indicator", "reum-ind1", {"target": "god"}, "target", "god"),
    ("initiative", "orphan-i", {"status": "paused"}, "status", "paused"),
]


@pytest.mark.parametrize(("kind", "item", "changes", "key", "value"), EDITS, ids=[k for k, *_ in EDITS])
def test_edit_every_kind(editors, login, kind, item, changes, key, value):
    client = login("mette")
    page = client.get(f"/edit/{kind}/{item}")
    assert page.status_code == 200
    before = stored(editors, item)
    answer = client.post(f"/edit/{kind}/{item}", data=form_data(editors, kind, item, **changes))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    after = stored(editors, item)
    assert after.data.get(key) == value
    assert {k: v for k, v in after.data.items() if k != key} == {k: v for k, v in before.data.items() if k != key}
    assert after.version == before.version + 1


@pytest.mark.parametrize("kind", list(forms.FIELDS))
def test_saving_an_unchanged_form_changes_nothing(editors, login, revision, kind):
    client = login("mette")
    if kind == "support_offer":  # the small portfolio has none
        from graph.changeset import ChangeSet, parse_record

        offer = parse_record("support_offer", {"id": "hr", "title": "HR-pakke", "status": "active"}, "test", "bass")
        editors.extensions["portfolio"].store.apply(ChangeSet(upserts=[offer]), "test")
    if kind in ("check_in", "signal"):  # follow-up elements: the small portfolio has none
        from graph.changeset import ChangeSet, parse_record

        data = {"id": "x1", "subject": "geri-i1", "period": "2026-11-01", "status": "at_risk", "next": "Mere",
                "by": "eva", "written_on": "2026-11-03"} if kind == "check_in" else {
            "id": "x1", "subject": "geri-i1", "text": "Nattevagter mangler"}
        editors.extensions["portfolio"].store.apply(ChangeSet(upserts=[parse_record(kind, data, "test", "bass")]), "test")
    pg = editors.extensions["portfolio"].current()
    item = pg.ids(kind)[0]
    before = revision()
    answer = client.post(f"/edit/{kind}/{item}", data=form_data(editors, kind, item))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert revision() == before


def test_readings_survive_an_edit_of_the_indicator(editors, login):
    client = login("bjorn")
    client.post("/edit/indicator/geri-ind1", data=form_data(editors, "indicator", "geri-ind1", name="Besatte stillinger"))
    data = stored(editors, "geri-ind1").data
    assert data["name"] == "Besatte stillinger"
    assert [r["value"] for r in data["readings"]] == [72, 78]


def test_role_change_moves_the_role(editors, login):
    client = login("mette")
    answer = client.post("/edit/role/role~bjorn~core_team~reum", data=form_data(editors, "role", "role~bjorn~core_team~reum", target="geri"))
    assert answer.status_code == 302
    assert stored(editors, "role~bjorn~core_team~reum") is None
    assert stored(editors, "role~bjorn~core_team~geri").data == {
        "person": "bjorn", "role": "core_team", "specialty": "geri", "note": "geriatrisk perspektiv"}


# -- link and unlink -------------------------------------------------------------------------


def test_link_and_unlink_focus_areas_of_an_initiative(editors, login):
    client = login("eva")
    client.post("/edit/initiative/geri-i1", data=form_data(editors, "initiative", "geri-i1", focus_areas=["geri-fa1", "geri-fa2"]))
    assert stored(editors, "geri-i1").data["focus_areas"] == ["geri-fa1", "geri-fa2"]
    pg = editors.extensions["portfolio"].current()
    assert sorted(pg.into("geri-fa2", "SERVES")) == ["geri-i1"]
    client.post("/edit/initiative/geri-i1", data=form_data(editors, "initiative", "geri-i1", focus_areas=["geri-fa2"]))
    assert stored(editors, "geri-i1").data["focus_areas"] == ["geri-fa2"]
    pg = editors.extensions["portfolio"].current()
    assert sorted(pg.into("geri-fa1", "SERVES")) == ["reum-i1"]


def test_initiative_form_offers_focus_areas_grouped_by_specialty(editors, login):
    page = login("eva").get("/edit/initiative/geri-i1").get_data(as_text=True)
    assert '<optgroup label="Geriatri">' in page and '<optgroup label="Reumatologi">' in page
    assert '<option value="geri-fa1" selected>Robuste faglige miljøer</option>' in page
    assert '<option value="geri-fa2">Fælles vagtlag</option>' in page
    assert 'value="professional_development" checked> Faglige udviklingsmuligheder' in page


def test_prerequisite_enables_and_focus_area_addresses_are_linked(editors, login):
    client = login("bjorn")
    client.post("/edit/prerequisite/geri-pre2", data=form_data(editors, "prerequisite", "geri-pre2", enables=["geri-fa2"]))
    client.post("/edit/focus_area/geri-fa2", data=form_data(editors, "focus_area", "geri-fa2", addresses=["geri-ch1", "geri-ch2"]))
    pg = editors.extensions["portfolio"].current()
    assert pg.out("geri-pre2", "ENABLES") == ["geri-fa2"]
    assert sorted(pg.out("geri-fa2", "ADDRESSES")) == ["geri-ch1", "geri-ch2"]


# -- field errors ----------------------------------------------------------------------------


def test_too_long_title_is_shown_next_to_the_field(editors, login, revision):
    client = login("eva")
    before = revision()
    long_title = "x" * 301
    answer = client.post("/edit/initiative/geri-i1", data=form_data(editors, "initiative", "geri-i1", title=long_title))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert '<p class="error field-error" id="f-title-error" role="alert">må højst være 300 tegn</p>' in page
    assert f'value="{long_title}"' in page
    assert revision() == before


def test_end_before_start_is_shown_next_to_end_in_the_users_language(editors, login, revision):
    client = login("eva")
    before = revision()
    data = form_data(editors, "initiative", "geri-i1", start="2026-05-01", end="2026-04-01")
    page = client.post("/edit/initiative/geri-i1", data=data).get_data(as_text=True)
    assert '<p class="error field-error" id="f-end-error" role="alert">Slutdatoen ligger før startdatoen.</p>' in page
    page = client.post("/edit/initiative/geri-i1?lang=en", data=data).get_data(as_text=True)
    assert '<p class="error field-error" id="f-end-error" role="alert">The end date is before the start date.</p>' in page
    assert revision() == before


def test_dangling_reference_and_bad_figure_are_shown_next_to_their_fields(editors, login):
    client = login("mette")
    page = client.post("/new/focus_area", data={"id": "x-fa", "ambition": "nowhere", "title": "X", "version": "0"}).get_data(as_text=True)
    assert '<p class="error field-error" id="f-ambition-error" role="alert">henviser til &#39;nowhere&#39;, som ikke findes</p>' in page
    page = client.post("/edit/situation/geri-sit1", data=form_data(editors, "situation", "geri-sit1", figures="beds: mange")).get_data(as_text=True)
    assert '<p class="error field-error" id="f-figures-error" role="alert">beds: skal være et tal</p>' in page


def test_new_item_with_a_used_id_is_refused(editors, login, revision):
    before = revision()
    page = login("mette").post("/new/site", data={"id": "holb", "name": "Andet", "version": "0"}).get_data(as_text=True)
    assert "Id&#39;et &#39;holb&#39; er allerede i brug." in page
    assert stored(editors, "holb").data["name"] == "Holbæk Sygehus"
    assert revision() == before


def test_user_text_is_escaped(editors, login):
    client = login("eva")
    client.post("/edit/initiative/geri-i1", data=form_data(editors, "initiative", "geri-i1", title="<script>alert(1)</script>"))
    page = client.get("/edit/initiative/geri-i1").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# -- conflicts -------------------------------------------------------------------------------


def test_stale_save_is_refused_and_nothing_is_lost(editors, login, revision):
    eva_form = form_data(editors, "initiative", "geri-i1", title="Evas titel", description="Evas beskrivelse")
    mette = login("mette")
    mette.post("/edit/initiative/geri-i1", data=form_data(editors, "initiative", "geri-i1", title="Mettes titel"))
    after_mette = revision()
    eva = login("eva")
    answer = eva.post("/edit/initiative/geri-i1", data=eva_form)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    # the title both changed is offered with both values; Eva's description (hers alone) is kept
    assert "Mette har ændret „Mettes titel“" in page
    assert "siden du åbnede den. Dine ændringer af de andre felter er bevaret" in page
    assert 'value="Mettes titel"' in page
    assert '<input type="hidden" name="mine.title" value="Evas titel">' in page
    assert "Evas beskrivelse</textarea>" in page
    assert '<input type="hidden" name="version" value="2">' in page
    assert stored(editors, "geri-i1").data["title"] == "Mettes titel"
    assert revision() == after_mette
    # Saving again at the version now stored, knowingly, replaces Mette's title with Eva's.
    again = eva.post("/edit/initiative/geri-i1", data=dict(eva_form, version="2"))
    assert again.status_code == 302
    assert stored(editors, "geri-i1").data["title"] == "Evas titel"


# -- delete ----------------------------------------------------------------------------------

DELETABLE = [
    ("situation", "geri-sit1"),
    ("initiative", "orphan-i"),
    ("indicator", "reum-ind1"),
    ("prerequisite", "reum-pre1"),
    ("challenge", "geri-ch2"),
    ("role", "role~bjorn~core_team~reum"),
]


@pytest.mark.parametrize(("kind", "item"), DELETABLE, ids=[k for k, _ in DELETABLE])
def test_delete(editors, login, kind, item):
    client = login("mette")
    assert client.get(f"/delete/{kind}/{item}").status_code == 200
    version = stored(editors, item).version
    answer = client.post(f"/delete/{kind}/{item}", data={"version": str(version)})
    assert answer.status_code == 302
    assert stored(editors, item) is None


def test_delete_of_something_still_referred_to_is_refused(editors, login, revision):
    before = revision()
    answer = login("mette").post("/delete/focus_area/geri-fa1", data={"version": "1"})
    assert answer.status_code == 409
    assert "&#39;geri-fa1&#39; kan ikke slettes: geri-i1, geri-ind1, geri-pre1, geri-pre2, reum-i1 henviser stadig til den" in answer.get_data(as_text=True)
    assert revision() == before


def test_delete_at_a_stale_version_is_refused(editors, login, revision):
    before = revision()
    answer = login("mette").post("/delete/initiative/orphan-i", data={"version": "7"})
    assert answer.status_code == 409
    assert stored(editors, "orphan-i") is not None
    assert revision() == before


# -- readings and decisions ------------------------------------------------------------------


def test_implementation_lead_records_a_reading(editors, login):
    client = login("eva")
    assert client.get("/edit/indicator/geri-ind1/reading").status_code == 200
    answer = client.post("/edit/indicator/geri-ind1/reading", data={"date": "2026-09-01", "value": "81", "note": "efterår", "version": "1"})
    assert answer.status_code == 302
    assert stored(editors, "geri-ind1").data["readings"][-1] == {"date": "2026-09-01", "value": 81, "note": "efterår"}


def test_reading_with_a_bad_date_is_shown_next_to_the_date(editors, login):
    answer = login("eva").post("/edit/indicator/geri-ind1/reading", data={"date": "1. september", "value": "81", "version": "1"})
    assert answer.status_code == 400
    assert '<p class="error field-error" role="alert">er ikke en gyldig dato (ÅÅÅÅ-MM-DD)</p>' in answer.get_data(as_text=True)
    assert len(stored(editors, "geri-ind1").data["readings"]) == 2


def test_steering_group_approves_and_returns(editors, login):
    client = login("stina")
    assert client.get("/ambition/reum-amb/decision").status_code == 200
    answer = client.post("/ambition/reum-amb/decision", data={"decision": "approved", "date": "2026-05-12", "version": "1",
                                                             "reason": "Klar plan", "meeting": "PSG 12. maj"})
    assert answer.status_code == 302
    assert stored(editors, "reum-amb").data["status"] == "approved"
    assert stored(editors, "reum-amb").data["approved_on"] == "2026-05-12"
    answer = client.post("/ambition/geri-amb/decision", data={"decision": "returned", "date": "2026-05-12", "version": "1",
                                                             "reason": "Mangler indikatorer"})
    assert answer.status_code == 302
    data = stored(editors, "geri-amb").data
    assert data["status"] == "returned" and "approved_on" not in data
    assert editors.extensions["portfolio"].store.audit(limit=1)[0].note == "web: ambition geri-amb returned 2026-05-12"


def test_a_decision_without_a_reason_is_refused(editors, login, revision):
    before = revision()
    answer = login("stina").post("/ambition/reum-amb/decision", data={"decision": "approved", "date": "2026-05-12", "version": "1"})
    assert answer.status_code == 400
    assert "Skriv begrundelsen for beslutningen." in answer.get_data(as_text=True)
    assert revision() == before


def test_decision_with_a_bad_date_changes_nothing(editors, login, revision):
    before = revision()
    answer = login("stina").post("/ambition/reum-amb/decision", data={"decision": "approved", "date": "i morgen", "version": "1", "reason": "Fin"})
    assert answer.status_code == 400
    assert "er ikke en gyldig dato" in answer.get_data(as_text=True)
    assert revision() == before


def test_specialty_owner_cannot_approve_through_the_edit_form(editors, login, revision):
    before = revision()
    answer = login("karen").post("/edit/ambition/reum-amb", data=form_data(editors, "ambition", "reum-amb", status="approved"))
    assert answer.status_code == 403
    assert "Kun programstyregruppen godkender" in answer.get_data(as_text=True)
    assert revision() == before
    answer = login("karen").post("/edit/ambition/reum-amb", data=form_data(editors, "ambition", "reum-amb", status="submitted"))
    assert answer.status_code == 302
    assert stored(editors, "reum-amb").data["status"] == "submitted"


# -- upload and download ---------------------------------------------------------------------


def _upload(client, doc: dict, name: str = "portefolje.yaml"):
    text = yaml.safe_dump(doc, allow_unicode=True) if name.endswith(".yaml") else json.dumps(doc)
    return client.post("/upload", data={"file": (io.BytesIO(text.encode()), name)}, content_type="multipart/form-data")


def test_upload_shows_a_preview_then_imports_on_confirm(editors, login, revision):
    client = login("mette")
    doc = copy.deepcopy(SMALL)
    doc["initiatives"][2]["title"] = "Ikke længere løs"
    doc["initiatives"].append({"id": "new-i", "title": "Ny indsats", "focus_areas": ["geri-fa2"]})
    before = revision()
    answer = _upload(client, doc)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "1 nye, 1 ændrede, 33 uændrede." in page
    assert "<td><code>new-i</code></td><td>Ny indsats</td>" in page
    assert "<td><code>orphan-i</code></td><td>Ikke længere løs</td>" in page
    assert revision() == before
    token = page.split('action="/upload/')[1].split('"')[0]
    answer = client.post(f"/upload/{token}", data={"action": "confirm"})
    assert answer.status_code == 302
    assert revision() == before + 1
    assert stored(editors, "new-i").data == {"id": "new-i", "title": "Ny indsats", "focus_areas": ["geri-fa2"], "status": "planned"}
    assert "Importeret: 1 oprettet, 1 ændret, 33 uændret." in client.get("/upload").get_data(as_text=True)
    # the kept file is gone: confirming twice imports nothing
    assert client.post(f"/upload/{token}", data={"action": "confirm"}).status_code == 404


def test_upload_can_be_cancelled(editors, login, revision):
    client = login("mette")
    doc = copy.deepcopy(SMALL)
    doc["sites"][2]["name"] = "Roskilde"
    page = _upload(client, doc, "p.json").get_data(as_text=True)
    token = page.split('action="/upload/')[1].split('"')[0]
    before = revision()
    client.post(f"/upload/{token}", data={"action": "cancel"})
    assert revision() == before
    assert stored(editors, "rosk").data["name"] == "Roskilde Sygehus"


def test_invalid_upload_names_file_item_and_field(editors, login, revision):
    client = login("mette")
    doc = copy.deepcopy(SMALL)
    doc["initiatives"][0]["end"] = "snart"
    before = revision()
    answer = _upload(client, doc)
    assert answer.status_code == 400
    assert "portefolje.yaml: initiatives[0] (id &#39;geri-i1&#39;), felt &#39;end&#39;, værdi &#39;snart&#39;: er ikke en gyldig dato (ÅÅÅÅ-MM-DD)" in answer.get_data(as_text=True)
    assert revision() == before


def test_upload_token_of_another_session_is_refused(editors, login, app):
    page = _upload(login("mette"), copy.deepcopy(SMALL)).get_data(as_text=True)
    token = page.split('action="/upload/')[1].split('"')[0]
    other = app.test_client()
    other.post("/login", data={"username": "mette", "password": "hemmeligt-ord"})
    assert other.post(f"/upload/{token}", data={"action": "confirm"}).status_code == 404


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_download(editors, login, fmt):
    answer = login("eva").get(f"/download?format={fmt}")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == f'attachment; filename="bass-r2.{fmt}"'
    text = answer.get_data(as_text=True)
    doc = json.loads(text) if fmt == "json" else yaml.safe_load(text)
    assert doc["format"] == "ambition-tracker/v1"
    assert [i["id"] for i in doc["initiatives"]] == ["geri-i1", "orphan-i", "reum-i1"]
    assert [p["id"] for p in doc["people"]] == ["bjorn", "eva", "karen", "mette", "stina"]


# -- names and addresses after a save ---------------------------------------------------------


def test_a_new_element_leads_to_its_read_page(editors, login):
    client = login("mette")
    answer = client.post("/new/initiative", data={"id": "geri-i9", "title": "Ny indsats", "version": "0"})
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/initiative/geri-i9"


def test_a_new_person_gets_an_id_from_the_name_not_the_job_title(editors, login):
    client = login("mette")
    answer = client.post("/new/person", data={"name": "Ida Iversen", "title": "Overlæge", "version": "0"})
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/person/ida-iversen"
    assert stored(editors, "ida-iversen").data == {"id": "ida-iversen", "name": "Ida Iversen", "title": "Overlæge"}


def test_upload_preview_names_people_by_name(editors, login):
    doc = copy.deepcopy(SMALL)
    doc["people"].append({"id": "ida", "name": "Ida Iversen", "title": "Overlæge"})
    page = _upload(login("mette"), doc).get_data(as_text=True)
    assert "<td><code>ida</code></td><td>Ida Iversen</td>" in page
