"""The steering group's approval holds, in a real browser: approve with a reason, the owner changes a focus area,
"ændret siden godkendelse" and the difference, the approved version, resubmission, approval again."""
from __future__ import annotations

from playwright.sync_api import expect


def decide(page, url: str, reason: str, on: str) -> None:
    page.goto(url + "/ambition/reum-amb")
    page.click('main a[href="/ambition/reum-amb/decision"]')
    page.check('input[name=decision][value=approved]')
    page.fill("#d-date", on)
    page.fill("#d-meeting", "PSG-møde")
    page.fill("#d-reason", reason)
    page.click("main form button[type=submit]")
    page.wait_for_url(url + "/ambition/reum-amb")


def test_approve_change_see_difference_show_approved_resubmit_approve_again(served, signed_in, shots):
    url = served.url
    stina = signed_in("stina")
    decide(stina, url, "Realistisk og godt forankret", "2026-05-12")
    expect(stina.locator("#decisions")).to_contain_text("Realistisk og godt forankret")
    expect(stina.locator("main")).not_to_contain_text("Ændret siden godkendelse")
    shots(stina, "approved")

    karen = signed_in("karen")
    karen.goto(url + "/edit/focus_area/reum-fa1")
    karen.fill("#f-title", "Rekruttering og fastholdelse af reumatologer")
    karen.click("button[name=save]")
    karen.wait_for_url(url + "/focus-area/reum-fa1")
    karen.goto(url + "/ambition/reum-amb")
    expect(karen.locator("#changed-since")).to_contain_text("Ændret siden godkendelse")
    shots(karen, "changed-since-approval")

    karen.click("#changed-since a")
    karen.wait_for_url(url + "/ambition/reum-amb/changes")
    row = karen.locator("#approval-diff tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator(".before")).to_have_text("Rekruttering af reumatologer")
    expect(row.locator(".after")).to_have_text("Rekruttering og fastholdelse af reumatologer")
    shots(karen, "difference")

    karen.click("text=Vis godkendt udgave")
    karen.wait_for_url(url + "/ambition/reum-amb/approved*")
    expect(karen.locator("main")).to_contain_text("Rekruttering af reumatologer")
    expect(karen.locator("main")).not_to_contain_text("Rekruttering og fastholdelse af reumatologer")
    expect(karen.locator("#approved-on")).to_contain_text("2026-05-12")
    shots(karen, "approved-version")

    karen.goto(url + "/ambition/reum-amb")
    karen.click("#resubmit")
    karen.wait_for_url(url + "/ambition/reum-amb")
    expect(karen.locator("main")).to_contain_text("Indsendt")
    assert served.store.get(["reum-amb"])["reum-amb"].data["status"] == "submitted"

    stina.goto(url + "/me")
    expect(stina.locator("#awaiting-decision")).to_contain_text("Robust reumatologi")
    decide(stina, url, "Ændringen er i orden", "2026-06-09")
    expect(stina.locator("main")).not_to_contain_text("Ændret siden godkendelse")
    expect(stina.locator("#decisions tbody tr")).to_have_count(2)
    expect(stina.locator("#decisions tbody tr").first).to_contain_text("Ændringen er i orden")
    shots(stina, "approved-again")
    assert served.store.get(["reum-amb"])["reum-amb"].data == {
        "id": "reum-amb", "specialty": "reum", "statement": "Robust reumatologi", "horizon_months": 12,
        "status": "approved", "approved_on": "2026-06-09",
    }
