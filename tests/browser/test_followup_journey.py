"""Journey 6 by clicks in Chromium (issue 21): Eva writes this month's check-ins from "Til opfølgning",
one "I risiko" asking for the HR package; Bjørn sees the focus area's roll-up turn "I risiko" with the
reason, answers a core-team member's signal and prints the status report for the steering group."""
from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from graph.changeset import ChangeSet, parse_record

TODAY = dt.date.today()
MONTH = TODAY.isoformat()[:7]


def _prepare(served) -> None:
    """Eva's second initiative, the HR package, an indicator due a reading every three months and Kira's signal."""
    indicator = dict(served.store.get(["geri-ind1"])["geri-ind1"].data, reading_frequency_months=3)
    raw = [
        ("person", {"id": "kira", "name": "Kira Kerne"}),
        ("role", {"person": "kira", "role": "core_team", "specialty": "geri"}),
        ("support_offer", {"id": "hr", "title": "HR-pakke", "owner": "karen", "status": "approved"}),
        ("initiative", {"id": "geri-i2", "title": "Nattevagter på tværs", "focus_areas": ["geri-fa1"], "strength_position": "geri-hs",
                        "owner": "eva", "status": "in_progress", "start": "2026-01-01", "end": "2027-12-31"}),
        ("indicator", indicator),
        # the joint initiative with rheumatology was reported this month already: two are left for Eva
        ("check_in", {"id": "reum-i1-done", "subject": "reum-i1", "period": TODAY.isoformat(), "status": "on_track", "by": "karen"}),
        ("signal", {"id": "geri-sig1", "subject": "geri-fa1", "text": "Nattevagterne dækkes ikke", "kind": "barrier",
                    "raised_by": "kira", "raised_on": "2026-11-20"}),
    ]
    served.store.apply(ChangeSet([parse_record(k, d, "test", "bass") for k, d in raw]), "test")


def test_journey_6_a_lead_reports_and_the_owner_follows_up(served, signed_in, shots):
    _prepare(served)
    eva = signed_in("eva")
    eva.click('nav a[href="/me"]')
    eva.click("#followup-link a")
    expect(eva.locator("h1")).to_have_text("Til opfølgning")
    due = eva.locator('li[data-reason="check_in_due"]')
    expect(due).to_have_count(2)
    expect(eva.locator('li[data-reason="reading_due"]')).to_have_count(1)
    expect(eva.locator('li[data-reason="reading_due"]')).to_contain_text("Besatte speciallægestillinger")
    shots(eva, "til-opfoelgning")

    # the first check-in: on track
    eva.click('li[data-reason="check_in_due"]:has-text("Fælles undervisning") a.followup-action')
    eva.select_option("#f-status", "on_track")
    eva.fill("#f-happened", "To hold er undervist")
    eva.click("button[name=save]")
    eva.wait_for_url(served.url + "/me/followup")
    expect(due).to_have_count(1)
    # the second: at risk, asking for the HR package
    eva.click('li[data-reason="check_in_due"]:has-text("Nattevagter på tværs") a.followup-action')
    eva.select_option("#f-status", "at_risk")
    eva.fill("#f-needed", "HR-pakken er ikke kommet")
    eva.select_option("#f-needs", ["hr"])
    shots(eva, "check-in-at-risk")
    eva.click("button[name=save]")
    eva.wait_for_url(served.url + "/me/followup")
    expect(due).to_have_count(0)
    ids = [f"geri-i1-status-{MONTH}", f"geri-i2-status-{MONTH}"]
    written = served.store.get(ids)
    assert [(written[i].data["status"], written[i].data["by"], written[i].data.get("needs")) for i in ids] == [
        ("on_track", "eva", None), ("at_risk", "eva", ["hr"])]

    # Bjørn opens the focus area: its status turned "I risiko", with the reason
    bjorn = signed_in("bjorn")
    bjorn.goto(served.url + "/focus-area/geri-fa1")
    rollup = bjorn.locator("#rollup")
    expect(rollup.locator("h2")).to_have_text("Status nu: I risiko")
    expect(rollup.locator(".reasons li").first).to_have_text("1 af 3 indsatser er i risiko: Nattevagter på tværs")
    shots(bjorn, "roll-up")

    # he answers Kira's signal about the night shifts
    signal = bjorn.locator("#geri-sig1")
    expect(signal).to_contain_text("Nattevagterne dækkes ikke")
    signal.locator("a.edit").click()
    bjorn.select_option("#f-status", "answered")
    bjorn.fill("#f-answer", "Vi flytter en stilling til nattevagterne")
    bjorn.click("button[name=save]")
    bjorn.wait_for_url("**/focus-area/geri-fa1**")
    expect(bjorn.locator("#geri-sig1")).to_have_count(0)
    answered = served.store.get(["geri-sig1"])["geri-sig1"].data
    assert (answered["status"], answered["answer"], answered["answered_by"]) == ("answered", "Vi flytter en stilling til nattevagterne", "bjorn")

    # before Thursday's meeting he prints the status report
    bjorn.goto(served.url + "/")
    bjorn.click('#status-reports a[href="/programme/bass/status-report"]')
    expect(bjorn.locator("#report-geri h2")).to_have_text("Geriatri: I risiko")
    bjorn.evaluate("window.print = function () { window.__printed = true; }")
    bjorn.click("#print-report")
    assert bjorn.evaluate("window.__printed === true")
    shots(bjorn, "status-report")
