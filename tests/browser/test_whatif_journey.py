"""Journey 7 by clicks in Chromium (issue 23): the secretariat marks a prerequisite not met; the lead sees
her two initiatives flagged in Min side and re-confirms one; the overview shows what is left to re-confirm."""
from __future__ import annotations

from playwright.sync_api import expect


def test_journey_7_what_if_a_prerequisite_fails(served, signed_in, shots):
    mette = signed_in("mette")
    mette.goto(served.url + "/prerequisite/geri-pre1")
    whatif = mette.locator("#what-if")
    expect(whatif.locator("h2")).to_have_text("Hvad hvis den ikke bliver opfyldt?")
    # geri-fa1, and the two initiatives serving it: geri-i1 and reum-i1 (rheumatology's, also serving geri-fa1)
    expect(whatif.locator("#what-if-state")).to_have_text(
        "1 indsatsområder og 2 faglige indsatser ville komme i risiko; de står under “Hvad afhænger af dette”.")
    shots(mette, "what-if")
    mette.click("#what-if-mark")
    mette.wait_for_url("**/prerequisite/geri-pre1")
    expect(mette.locator(".flash-whatif")).to_have_text("Markeret. 3 indsatsområder og faglige indsatser er sat til genbekræftelse.")
    expect(whatif.locator("#what-if-state")).to_contain_text("Markeret som ikke opfyldt.")
    assert served.store.get(["geri-pre1"])["geri-pre1"].data["status"] == "not_met"

    eva = signed_in("eva")
    eva.click('nav a[href="/me"]')
    eva.click("#followup-link a")
    flagged = eva.locator('li[data-reason="reconfirm"]')
    expect(flagged).to_have_count(2)
    expect(flagged).to_contain_text(["Fælles undervisning", "Fælles rekrutteringskampagne"])
    shots(eva, "til-opfoelgning")
    eva.click('li[data-reason="reconfirm"]:has-text("Fælles undervisning") a.followup-action')
    eva.wait_for_url("**/initiative/geri-i1")
    box = eva.locator("#reconfirm")
    expect(box.locator("h2")).to_have_text("Til genbekræftelse")
    expect(box).to_contain_text("Forudsætning markeret som ikke opfyldt: Ressourcer til kompetenceudvikling")
    box.locator("input[name=note]").fill("Undervisningen holdes i eksisterende timer")
    shots(eva, "reconfirm")
    box.get_by_role("button", name="Holder stadig").click()
    eva.wait_for_url("**/initiative/geri-i1")
    expect(eva.locator("#reconfirm")).to_have_count(0)
    eva.goto(served.url + "/me/followup")
    expect(flagged).to_have_count(1)
    expect(flagged).to_contain_text("Fælles rekrutteringskampagne")

    mette.goto(served.url + "/")
    expect(mette.locator("#row-geri .overview-reconfirm")).to_have_text("1 til genbekræftelse")  # geri-fa1, its owner's
    expect(mette.locator("#row-reum .overview-reconfirm")).to_have_text("1 til genbekræftelse")  # reum-i1
    shots(mette, "overview")
    answered = [s for s in served.app.extensions["portfolio"].current().ids("signal")
                if served.store.get([s])[s].data.get("verdict") == "holds"]
    assert len(answered) == 1
    assert served.store.get(answered)[answered[0]].data["answer"] == "Undervisningen holdes i eksisterende timer"
