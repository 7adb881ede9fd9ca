"""Two people edit the same element (journey 4, issue 19 point 3): different fields merge without
asking; a field both changed shows both values and the person saving chooses; nothing of the
colleague's is replaced without that choice. Forms and the JSON API (PATCH, PUT with ``base``)."""
from __future__ import annotations

from tests.web.test_edit import form_data, stored


def _both_open(editors):
    """The forms Eva and Mette opened at the same version of geri-i1."""
    return form_data(editors, "initiative", "geri-i1"), form_data(editors, "initiative", "geri-i1")


def test_different_fields_merge_without_asking(editors, login, revision):
    eva_form, mette_form = _both_open(editors)
    login("mette").post("/edit/initiative/geri-i1", data=dict(mette_form, description="Mettes beskrivelse"))
    eva = login("eva")
    answer = eva.post("/edit/initiative/geri-i1", data=dict(eva_form, title="Evas titel"))
    assert answer.status_code == 302
    data = stored(editors, "geri-i1").data
    assert (data["title"], data["description"]) == ("Evas titel", "Mettes beskrivelse")
    follow = eva.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Gemt. Mette havde ændret „Fælles undervisning" in follow
    assert "både deres og dine ændringer er bevaret" in follow


def test_the_same_field_shows_both_values_and_keeps_the_colleagues_until_chosen(editors, login, revision):
    eva_form, mette_form = _both_open(editors)
    login("mette").post("/edit/initiative/geri-i1", data=dict(mette_form, title="Mettes titel"))
    after_mette = revision()
    eva = login("eva")
    answer = eva.post("/edit/initiative/geri-i1", data=dict(eva_form, title="Evas titel", description="Evas beskrivelse"))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert "Mette har ændret „Mettes titel“" in page
    assert "<strong>Titel</strong>" in page
    assert 'Behold din: <span class="value">Evas titel</span>' in page
    assert 'Behold Mettes: <span class="value">Mettes titel</span>' in page
    assert 'value="Mettes titel"' in page  # the field holds the colleague's value until chosen
    assert "Evas beskrivelse</textarea>" in page  # her other change is kept
    assert revision() == after_mette
    version = str(stored(editors, "geri-i1").version)
    resubmit = {"version": version, "keep.title": "theirs", "mine.title": "Evas titel"}
    form = dict(form_data(editors, "initiative", "geri-i1", description="Evas beskrivelse"), **resubmit)
    assert eva.post("/edit/initiative/geri-i1", data=form).status_code == 302
    data = stored(editors, "geri-i1").data
    assert (data["title"], data["description"]) == ("Mettes titel", "Evas beskrivelse")


def test_choosing_ones_own_value_replaces_the_colleagues(editors, login):
    eva_form, mette_form = _both_open(editors)
    login("mette").post("/edit/initiative/geri-i1", data=dict(mette_form, title="Mettes titel"))
    eva = login("eva")
    assert eva.post("/edit/initiative/geri-i1", data=dict(eva_form, title="Evas titel")).status_code == 409
    form = dict(form_data(editors, "initiative", "geri-i1"), **{"keep.title": "mine", "mine.title": "Evas titel"})
    assert eva.post("/edit/initiative/geri-i1", data=form).status_code == 302
    assert stored(editors, "geri-i1").data["title"] == "Evas titel"


def _version(editors, item: str) -> int:
    return stored(editors, item).version


def test_api_patch_merges_other_fields_and_refuses_the_same_field_naming_both(editors, login, revision):
    read = _version(editors, "geri-i1")
    mette = login("mette")
    assert mette.patch("/api/v1/initiatives/geri-i1", json={"version": read, "fields": {"description": "Mettes"}}).status_code == 200
    eva = login("eva")
    answer = eva.patch("/api/v1/initiatives/geri-i1", json={"version": read, "fields": {"title": "Evas titel"}})
    assert answer.status_code == 200, answer.get_json()
    data = stored(editors, "geri-i1").data
    assert (data["title"], data["description"]) == ("Evas titel", "Mettes")
    now = _version(editors, "geri-i1")
    login("mette").patch("/api/v1/initiatives/geri-i1", json={"version": now, "fields": {"title": "Mettes titel"}})
    before = revision()
    clash = login("eva").patch("/api/v1/initiatives/geri-i1?lang=en", json={"version": now, "fields": {"title": "Evas anden"}})
    assert clash.status_code == 409
    error = clash.get_json()["error"]
    assert error["clashes"] == [{"field": "title", "yours": "Evas anden", "theirs": "Mettes titel", "by": "Mette"}]
    assert error["message"] == (
        "'geri-i1' was changed meanwhile in the same fields as yours ('title': yours 'Evas anden', Mette's 'Mettes titel'); "
        f"nothing is saved. Send the values you choose at version {now + 1}."
    )
    assert revision() == before and stored(editors, "geri-i1").data["title"] == "Mettes titel"


def test_api_put_with_base_merges_and_without_it_stays_a_conflict(editors, login):
    rec = stored(editors, "geri-i1")
    base = dict(rec.data)
    login("mette").put("/api/v1/initiatives/geri-i1", json={"version": rec.version, "item": dict(base, description="Mettes")})
    eva = login("eva")
    mine = dict(base, title="Evas titel")
    assert eva.put("/api/v1/initiatives/geri-i1", json={"version": rec.version, "item": mine}).status_code == 409
    answer = eva.put("/api/v1/initiatives/geri-i1", json={"version": rec.version, "item": mine, "base": base})
    assert answer.status_code == 200, answer.get_json()
    data = stored(editors, "geri-i1").data
    assert (data["title"], data["description"]) == ("Evas titel", "Mettes")


def test_a_merge_is_judged_by_the_rights_as_it_would_be_written(editors, login, revision):
    read = _version(editors, "geri-i1")
    login("mette").patch("/api/v1/initiatives/geri-i1", json={"version": read, "fields": {"description": "Mettes"}})
    before = revision()
    eva = login("eva")  # a lead of geri-hs: moving the initiative onto reum's focus area is not hers to do
    answer = eva.patch("/api/v1/initiatives/geri-i1", json={"version": read, "fields": {"focus_areas": ["reum-fa1"]}})
    assert answer.status_code == 403
    assert revision() == before
