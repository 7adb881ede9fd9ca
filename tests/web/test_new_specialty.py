"""The specialties page offers the secretariat "Nyt speciale" (no one has to type /new/specialty),
and every new-element form is headed in the kind's own grammatical gender."""
from __future__ import annotations


def test_the_secretariat_finds_nyt_speciale_on_the_specialties_page(login):
    page = login("mette").get("/specialties").get_data(as_text=True)
    assert '<a class="add button" href="/new/specialty">Nyt speciale</a>' in page
    form = login("mette").get("/new/specialty").get_data(as_text=True)
    assert "<h1>Nyt speciale</h1>" in form


def test_a_specialty_owner_gets_no_such_button(login):
    page = login("bjorn").get("/specialties").get_data(as_text=True)
    assert "/new/specialty" not in page


def test_new_forms_are_headed_in_danish_grammar(login):
    client = login("mette")
    assert "<h1>Ny faglig indsats</h1>" in client.get("/new/initiative").get_data(as_text=True)
    assert "<h1>Nyt strategisk indsatsområde</h1>" in client.get("/new/focus_area").get_data(as_text=True)
    assert "<h1>New specialty</h1>" in client.get("/new/specialty?lang=en").get_data(as_text=True)


def test_pickers_list_the_writers_own_specialty_first(editors):
    from web.editing import forms
    from web.state import portfolio

    with editors.test_request_context("/"):
        pg = portfolio()
        field = forms.Field("focus_areas", "", "multi", "focus_area")
        assert [name for name, _ in forms.choices(pg, field, "da")] == ["Geriatri", "Reumatologi"]
        assert [name for name, _ in forms.choices(pg, field, "da", frozenset({"reum"}))] == ["Reumatologi", "Geriatri"]
