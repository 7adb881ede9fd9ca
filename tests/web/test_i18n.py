"""Languages: Danish by default, English by ?lang=en (kept in the session) or Accept-Language."""
from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from web.i18n import CATALOGUE_DIRS, compile_catalogues

WEB = Path(__file__).resolve().parents[2] / "web"


def test_danish_by_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="da">' in page
    assert "<h1>Porteføljeoverblik</h1>" in page
    assert '<a href="/" aria-current="page">Overblik</a>' in page
    assert '<a class="lang" href="/?lang=en" hreflang="en" lang="en">English</a>' in page


def test_english_by_query_is_kept_in_the_session(client):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "<h1>Portfolio overview</h1>" in page
    assert '<a href="/" aria-current="page">Overview</a>' in page
    again = client.get("/people").get_data(as_text=True)
    assert "<h1>People and roles</h1>" in again
    back = client.get("/people?lang=da").get_data(as_text=True)
    assert "<h1>Personer og roller</h1>" in back


def test_accept_language_chooses_when_nothing_is_kept(client):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert "<h1>Portfolio overview</h1>" in page
    page = client.get("/", headers={"Accept-Language": "fr"})
    assert "<h1>Porteføljeoverblik</h1>" in page.get_data(as_text=True)


def test_unknown_language_is_ignored(client):
    assert "<h1>Porteføljeoverblik</h1>" in client.get("/?lang=xx").get_data(as_text=True)


def test_language_switch_keeps_the_query(client):
    page = client.get("/search?q=f%C3%A6lles").get_data(as_text=True)
    assert 'href="/search?q=f%C3%A6lles&amp;lang=en"' in page


def test_vocabulary_labels_follow_the_language(client):
    assert '<span class="status status-approved">Godkendt</span>' in client.get("/ambition/geri-amb").get_data(as_text=True)
    page = client.get("/ambition/geri-amb?lang=en").get_data(as_text=True)
    assert '<span class="status status-approved">Approved</span>' in page
    assert "<p class=\"kind\">Strategic ambition</p>" in page


def test_every_message_has_a_danish_translation():
    with (WEB / "translations/da/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [m.id for m in catalog if m.id and not m.string]
    assert untranslated == []
    assert len(catalog) > 150


def test_catalogues_compile_outside_the_repository(tmp_path):
    ours = [d for d in CATALOGUE_DIRS if d.name == "translations"]
    assert CATALOGUE_DIRS[-1] == ours[0]  # ours wins where two catalogues translate the same text
    folders = compile_catalogues(tuple(ours))
    assert len(folders) == 1
    assert (folders[0] / "da/LC_MESSAGES/messages.mo").is_file()
    assert (folders[0] / "en/LC_MESSAGES/messages.mo").is_file()
    assert not list((WEB / "translations").glob("*/LC_MESSAGES/*.mo"))
