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
