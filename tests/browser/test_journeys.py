"""Journeys in a real browser: sign in, follow a trace, edit focus areas, meet a conflict, switch language."""
from __future__ import annotations

from playwright.sync_api import expect


def test_sign_in_trace_edit_and_switch_language(served, signed_in, shots):
    page = signed_in("eva")
    shots(page, "overview")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("header .user")).to_have_text("Eva Holm")

    # from "my page" along the trace: initiative -> focus area -> ambition
    page.click('nav a[href="/me"]')
    page.click('main a[href="/initiative/geri-i1"]')
    expect(page.locator("h1")).to_contain_text("Fælles undervisning")
    shots(page, "initiative")
    page.click('#chain a[href="/focus-area/geri-fa1"]')
    expect(page.locator("h1")).to_contain_text("Robuste faglige miljøer")
    shots(page, "focus-area")
    page.click('main a[href="/ambition/geri-amb"]')
    page.wait_for_url(served.url + "/ambition/geri-amb")
    expect(page.locator("main")).to_contain_text("Stærke geriatriske fællesskaber")
    shots(page, "ambition")

    # edit the initiative's focus areas
    page.goto(served.url + "/edit/initiative/geri-i1")
    expect(page.locator("h1")).to_contain_text("Rediger")
    page.select_option("#f-focus_areas", ["geri-fa1", "geri-fa2"])
    shots(page, "edit-focus-areas")
    page.click("button[name=save]")
    page.wait_for_url(served.url + "/initiative/geri-i1")
    expect(page.locator('#chain a[href="/focus-area/geri-fa2"]')).to_be_visible()
    shots(page, "saved")
    assert served.store.get(["geri-i1"])["geri-i1"].data["focus_areas"] == ["geri-fa1", "geri-fa2"]

    # Danish -> English
    page.click("header a.lang")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h2").first).to_have_text("Traceability")
    shots(page, "english")
    page.goto(served.url + "/edit/initiative/geri-i1")
    expect(page.locator("button[name=save]")).to_have_text("Save")


def test_second_save_of_the_same_initiative_is_refused(served, signed_in, shots):
    eva = signed_in("eva")
    mette = signed_in("mette")
    for page in (eva, mette):
        page.goto(served.url + "/edit/initiative/geri-i1")
    mette.fill("#f-title", "Mettes kampagne")
    mette.click("button[name=save]")
    mette.wait_for_url(served.url + "/initiative/geri-i1")
    shots(mette, "first-save")

    eva.fill("#f-title", "Evas kampagne")
    eva.fill("#f-description", "Evas noter")
    eva.click("button[name=save]")
    expect(eva.locator(".conflict")).to_contain_text("Mette Munk har ændret „Mettes kampagne“")
    expect(eva.locator("#f-title")).to_have_value("Mettes kampagne")  # the colleague's, until Eva chooses
    expect(eva.locator("#f-description")).to_have_value("Evas noter")
    expect(eva.locator("#clash-title .clash-mine")).to_contain_text("Evas kampagne")
    shots(eva, "conflict")
    assert served.store.get(["geri-i1"])["geri-i1"].data["title"] == "Mettes kampagne"
