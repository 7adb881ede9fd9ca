"""The faglig ambition by clicks in Chromium (issue 22): Eva, implementation lead at Holbæk, writes her strength
position's part; Bjørn, the owner, started it and submits it; Stina of the steering group approves it; then
Eva adds an initiative and the faglig ambition shows "Ændret siden godkendelse" with the difference."""
from __future__ import annotations

from playwright.sync_api import expect

PRO = "geri-amb-faglig"


def test_a_lead_writes_the_faglig_ambition_the_owner_submits_the_steering_group_approves(served, signed_in, shots):
    bjorn = signed_in("bjorn")
    bjorn.goto(served.url + "/specialty/geri")
    bjorn.click("#professional-link")
    expect(bjorn.locator("#no-professional")).to_be_visible()
    with bjorn.expect_navigation():
        bjorn.click("#start-professional")
    bjorn.wait_for_url(f"{served.url}/professional-ambition/{PRO}")
    expect(bjorn.locator("#professional-status")).to_contain_text("Kladde")

    eva = signed_in("eva")
    eva.goto(f"{served.url}/professional-ambition/{PRO}")
    eva.fill("#aim-geri-hs", "Et fælles geriatrisk team i Holbæk")
    eva.fill("#involvement-geri-hs", "Afdelingerne planlægger forløbene sammen hver måned")
    with eva.expect_navigation():
        eva.click("#save-part-geri-hs")
    expect(eva.locator("#part-geri-hs")).to_contain_text("Et fælles geriatrisk team i Holbæk")
    expect(eva.locator("#part-geri-hs")).to_contain_text("Fælles undervisning")  # her initiative, under its focus area
    expect(eva.locator("#submit-professional")).to_have_count(0)  # the owner submits, not the lead
    shots(eva, "part")

    bjorn.reload()
    with bjorn.expect_navigation():
        bjorn.click("#submit-professional")
    expect(bjorn.locator("#professional-status")).to_contain_text("Indsendt")

    stina = signed_in("stina")
    stina.goto(f"{served.url}/professional-ambition/{PRO}")
    stina.click("#decide-professional")
    stina.check('input[name=decision][value="approved"]')
    stina.fill("#d-reason", "Følger de strategiske indsatsområder")
    with stina.expect_navigation():
        stina.click("button[type=submit]:has-text('Gem beslutning')")
    stina.goto(f"{served.url}/professional-ambition/{PRO}")
    expect(stina.locator("#professional-status")).to_contain_text("Godkendt")
    expect(stina.locator("#decisions")).to_contain_text("Følger de strategiske indsatsområder")
    expect(stina.locator("#changed-since")).to_have_count(0)

    # Eva adds an initiative at her strength position: the faglig ambition has changed since its approval
    eva.reload()
    eva.click("#part-geri-hs a.add")
    eva.fill("#f-title", "Geriatrisk udgående team")
    eva.select_option("#f-focus_areas", ["geri-fa2"])
    with eva.expect_navigation():
        eva.click("button[name=save]")
    eva.goto(f"{served.url}/professional-ambition/{PRO}")
    expect(eva.locator("#changed-since")).to_contain_text("Ændret siden godkendelse")
    eva.click("#changed-since a")
    expect(eva.locator("#approval-diff tr.added")).to_contain_text("Geriatrisk udgående team")
    shots(eva, "changed-since")
    assert served.store.get([PRO])[PRO].data["status"] == "approved"
