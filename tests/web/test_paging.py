"""Long lists are paged and filtered on the server: ``?page=`` and ``?q=`` on the people list and "my work"."""
from __future__ import annotations

import re

import pytest

from web.views import people as people_view


def _people(page: str) -> list[str]:
    everyone = page.split("<h2>Alle personer</h2>", 1)[1]
    return re.findall(r'<tr><td><a href="/person/([\w-]+)"', everyone)


def _cards(page: str) -> list[str]:
    return re.findall(r'<section class="card" id="([\w-]+)">', page)


def test_the_people_list_filters_by_name_title_or_id(client):
    page = client.get("/people?q=holm").get_data(as_text=True)
    assert _people(page) == ["eva"]
    page = client.get("/people?q=VICEDIREKT").get_data(as_text=True)
    assert _people(page) == ["bjorn", "karen"]
    page = client.get("/people?q=zz%C3%B8").get_data(as_text=True)
    assert _people(page) == []
    assert "Intet matcher 'zzø'." in page
    assert "Intet matcher '&lt;b&gt;'." in client.get("/people?q=%3Cb%3E").get_data(as_text=True)  # escaped


def test_the_people_list_is_paged_and_keeps_the_filter_in_its_links(client, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(people_view, "PEOPLE_PAGE", 2)
    first = client.get("/people").get_data(as_text=True)
    assert _people(first) == ["bjorn", "eva"]
    assert "Side 1 af 2" in first
    second = client.get("/people?page=2").get_data(as_text=True)
    assert _people(second) == ["karen", "mette"]
    assert _people(client.get("/people?page=9").get_data(as_text=True)) == ["karen", "mette"]  # past the end: the last page
    monkeypatch.setattr(people_view, "PEOPLE_PAGE", 1)
    filtered = client.get("/people?q=vicedirekt%C3%B8r").get_data(as_text=True)
    assert _people(filtered) == ["bjorn"]
    assert 'href="/people?page=2&amp;q=vicedirekt%C3%B8r"' in filtered


def test_my_work_is_paged_and_filtered(as_person, monkeypatch: pytest.MonkeyPatch):
    client = as_person("eva", display_name="Eva Holm")
    monkeypatch.setattr(people_view, "MY_PAGE", 1)
    first = client.get("/me").get_data(as_text=True)
    assert _cards(first) == ["geri-i1"]
    assert 'href="/me?page=2"' in first
    assert _cards(client.get("/me?page=2").get_data(as_text=True)) == ["reum-i1"]
    assert _cards(client.get("/me?q=rekruttering").get_data(as_text=True)) == ["reum-i1"]
    none = client.get("/me?q=ingenting").get_data(as_text=True)
    assert _cards(none) == []
    assert "Intet matcher 'ingenting'." in none


def test_the_list_of_specialties_is_paged_and_filtered(client, monkeypatch: pytest.MonkeyPatch):
    from web.views import overview

    def shown(path: str) -> list[str]:
        page = client.get(path).get_data(as_text=True)
        return re.findall(r'<tr><td><a href="/specialty/([\w-]+)"', page)

    assert shown("/specialties") == ["geri", "reum"]
    assert shown("/specialties?q=reuma") == ["reum"]
    monkeypatch.setattr(overview, "SPECIALTIES_PAGE", 1)
    assert shown("/specialties") == ["geri"]
    assert shown("/specialties?page=2") == ["reum"]
    assert 'href="/specialties?page=2"' in client.get("/specialties").get_data(as_text=True)
