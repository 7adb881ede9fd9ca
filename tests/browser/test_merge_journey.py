"""Journey 4 in a real browser: two people edit the same initiative and nothing of either is lost
(issue 19, point 3). One changes the description, the other the title: both survive without a
question. Both change the title: the page names the colleague, shows both values, and the choice works."""
from __future__ import annotations

from playwright.sync_api import expect


def _open_both(served, signed_in):
    eva, mette = signed_in("eva"), signed_in("mette")
    for page in (eva, mette):
        page.goto(served.url + "/edit/initiative/geri-i1")
    return eva, mette


def _data(served) -> dict:
    return served.store.get(["geri-i1"])["geri-i1"].data


def test_different_fields_both_survive(served, signed_in, shots):
    eva, mette = _open_both(served, signed_in)
    mette.fill("#f-description", "Mettes beskrivelse")
    mette.click("button[name=save]")
    mette.wait_for_url(served.url + "/initiative/geri-i1")
    eva.fill("#f-title", "Evas titel")
    eva.click("button[name=save]")
    eva.wait_for_url(served.url + "/initiative/geri-i1")
    expect(eva.locator("main")).to_contain_text("Mette Munk havde ændret")
    shots(eva, "merged")
    assert (_data(served)["title"], _data(served)["description"]) == ("Evas titel", "Mettes beskrivelse")


def test_the_same_field_shows_both_values_and_the_choice_is_kept(served, signed_in, shots):
    eva, mette = _open_both(served, signed_in)
    mette.fill("#f-title", "Mettes titel")
    mette.click("button[name=save]")
    mette.wait_for_url(served.url + "/initiative/geri-i1")
    eva.fill("#f-title", "Evas nye titel")
    eva.fill("#f-description", "Evas beskrivelse")
    eva.click("button[name=save]")
    expect(eva.locator(".conflict")).to_contain_text("Mette Munk har ændret „Mettes titel“")
    clash = eva.locator("#clash-title")
    expect(clash).to_contain_text("Titel")
    expect(clash.locator(".clash-mine")).to_contain_text("Behold din: Evas nye titel")
    expect(clash.locator(".clash-theirs")).to_contain_text("Behold Mette Munks: Mettes titel")
    expect(eva.locator("#f-title")).to_have_value("Mettes titel")
    expect(eva.locator("#f-description")).to_have_value("Evas beskrivelse")
    shots(eva, "clash")
    assert _data(served)["title"] == "Mettes titel"  # nothing replaced before the choice
    clash.locator(".clash-mine input").check()
    eva.click("button[name=save]")
    eva.wait_for_url(served.url + "/initiative/geri-i1")
    assert (_data(served)["title"], _data(served)["description"]) == ("Evas nye titel", "Evas beskrivelse")
