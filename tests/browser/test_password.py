"""Changing one's password in a real browser: the link in the header, the form, the message, and another browser signed out."""
from __future__ import annotations

from tests.browser.conftest import PASSWORD

NEW = "nyt-kodeord-til-mødet"


def test_a_person_changes_their_password_and_their_other_browser_is_signed_out(served, signed_in):
    other = signed_in("mette")  # the same person at another computer
    page = signed_in("mette")
    page.click("header >> text=Skift adgangskode")
    page.wait_for_url(served.url + "/password")
    page.fill("#present", PASSWORD)
    page.fill("#new", NEW)
    page.fill("#repeated", NEW + "!")
    page.click("main form button[type=submit]")
    assert page.inner_text("p.error") == "De to nye adgangskoder er forskellige; adgangskoden er ikke skiftet."

    page.fill("#present", PASSWORD)
    page.fill("#new", NEW)
    page.fill("#repeated", NEW)
    page.click("main form button[type=submit]")
    page.wait_for_url(served.url + "/me")
    assert "Din adgangskode er skiftet. Du er logget ud alle andre steder." in page.inner_text("main")

    other.goto(served.url + "/")
    assert "/login" in other.url
    other.fill("#username", "mette")
    other.fill("#password", PASSWORD)
    other.click("main form button[type=submit]")
    assert "Forkert brugernavn eller adgangskode." in other.inner_text("main")
    other.fill("#password", NEW)
    other.click("main form button[type=submit]")
    other.wait_for_url(served.url + "/")
