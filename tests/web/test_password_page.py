"""Changing one's own password on the web: the present one once, the new one twice; other sessions end."""
from __future__ import annotations

import pytest

from tests.web.conftest import PASSWORD
from web import accounts

NEW = "et-nyt-kodeord-1"


@pytest.fixture
def karen(login):
    return login("karen")


def change(client, present: str, new: str, repeated: str | None = None):
    return client.post("/password", data={"present": present, "new": new, "repeated": new if repeated is None else repeated})


def test_the_form_is_linked_from_every_page_and_asks_in_danish(karen):
    assert '<a href="/password">Skift adgangskode</a>' in karen.get("/").get_data(as_text=True)
    page = karen.get("/password").get_data(as_text=True)
    for label in ("Nuværende adgangskode", "Ny adgangskode", "Gentag den nye adgangskode", "mindst 12 tegn"):
        assert label in page
    assert 'minlength="12"' in page


@pytest.mark.parametrize(
    ("present", "new", "repeated", "message"),
    [
        ("forkert-kode", NEW, NEW, "Den nuværende adgangskode er forkert; adgangskoden er ikke skiftet."),
        (PASSWORD, NEW, NEW + "x", "De to nye adgangskoder er forskellige; adgangskoden er ikke skiftet."),
        (PASSWORD, "kort", "kort", "Den nye adgangskode har 4 tegn; den skal have mindst 12. Adgangskoden er ikke skiftet."),
        (PASSWORD, PASSWORD, PASSWORD, "Den nye adgangskode er den, du har nu; adgangskoden er ikke skiftet."),
    ],
)
def test_a_refused_change_says_why_and_keeps_the_password(karen, editors, present, new, repeated, message):
    answer = change(karen, present, new, repeated)
    assert answer.status_code == 400
    assert f'<p class="error" role="alert">{message}</p>' in answer.get_data(as_text=True)
    db = editors.config["USERS_DB"]
    assert accounts.verify(db, "karen", PASSWORD) is not None
    assert new == PASSWORD or accounts.verify(db, "karen", new) is None


def test_the_change_keeps_this_browser_and_signs_out_every_other(editors, karen):
    other = editors.test_client()
    assert other.post("/login", data={"username": "karen", "password": PASSWORD}).status_code == 302
    assert other.get("/me").status_code == 200

    answer = change(karen, PASSWORD, NEW)
    assert (answer.status_code, answer.headers["Location"]) == (302, "/me")
    assert "Din adgangskode er skiftet. Du er logget ud alle andre steder." in karen.get("/me").get_data(as_text=True)
    assert karen.get("/me").status_code == 200  # still signed in here
    assert other.get("/me").status_code == 302  # the other browser is signed out
    db = editors.config["USERS_DB"]
    assert accounts.verify(db, "karen", PASSWORD) is None and accounts.verify(db, "karen", NEW) is not None


def test_wrong_present_passwords_count_as_failed_sign_ins(editors, karen):
    for _ in range(5):
        assert change(karen, "forkert-kode", NEW).status_code == 400
    answer = change(karen, PASSWORD, NEW)  # even the right one waits now
    assert answer.status_code == 429 and "Prøv igen om 15 minutter" in answer.get_data(as_text=True)
    assert accounts.verify(editors.config["USERS_DB"], "karen", PASSWORD) is not None


def test_in_english_on_request(karen):
    answer = karen.post("/password?lang=en", data={"present": PASSWORD, "new": "short", "repeated": "short"})
    assert "The new password has 5 characters; it must have at least 12. The password is not changed." in answer.get_data(as_text=True)


def test_nobody_signed_in_is_sent_to_sign_in(client, editors):
    answer = client.get("/password")
    assert (answer.status_code, answer.headers["Location"]) == (302, "/login?next=/password")
