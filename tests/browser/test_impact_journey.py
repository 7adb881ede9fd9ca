"""Journey 5 by clicks in Chromium (issue 23): "Which initiatives depend on the HR package?" From the search
box to the support offer's page, what depends on it across specialties with the counts, the picture for the
board as PNG, and the list in Excel."""
from __future__ import annotations

import html
import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from graph.changeset import ChangeSet, parse_record


def _prepare(served) -> None:
    """The HR package, drawn on by geri's prerequisite (geri-fa1: geri-i1 and reum-i1) and by reum's (reum-fa1: reum-i1)."""
    stored = served.store.get(["geri-pre1", "reum-pre1"])
    raw = [
        ("support_offer", {"id": "hr", "title": "HR-pakke til fastholdelse", "owner": "mette", "status": "proposed"}),
        ("prerequisite", dict(stored["geri-pre1"].data, draws_on=["hr"])),
        ("prerequisite", dict(stored["reum-pre1"].data, draws_on=["hr"])),
    ]
    served.store.apply(ChangeSet([parse_record(k, d, "test", "bass") for k, d in raw]), "test")


def test_journey_5_what_depends_on_the_hr_package(served, signed_in, shots):
    _prepare(served)
    page = signed_in("karen")
    page.click('nav a[href="/search"]')
    page.fill("input[name=q]", "HR-pakke")
    page.click("form[role=search] button[type=submit]")
    hits = page.locator("#kind-support_offer")
    expect(hits.locator("h2")).to_contain_text("Støttetilbud")
    shots(page, "search")
    hits.get_by_role("link", name="HR-pakke til fastholdelse").click()
    page.wait_for_url("**/support-offer/hr")

    section = page.locator("#impact")
    expect(section.locator("h2")).to_have_text("Hvad afhænger af dette")
    # geri: geri-pre1, geri-fa1, geri-i1, geri-ind1; reum: reum-pre1, reum-fa1, reum-i1, reum-ind1
    expect(section.locator(".impact-total")).to_have_text("8 elementer i 2 specialer afhænger af dette.")
    expect(section.locator("#impact-by-specialty th")).to_have_text(["Geriatri", "Reumatologi"])
    expect(section.locator("#impact-by-specialty td")).to_have_text(["4", "4"])
    expect(section.locator("#impact-by-hospital th")).to_have_text(["Holbæk Sygehus", "Slagelse Sygehus"])
    expect(section.locator("#impact-by-hospital td")).to_have_text(["2", "1"])
    reum_i1 = section.locator('.impact-group[data-specialty="reum"] li[data-id="reum-i1"]')
    expect(reum_i1.locator(".impact-paths > li")).to_have_text([
        "Indsats Fælles rekrutteringskampagne tjener indsatsområde Robuste faglige miljøer, som forudsætning Ressourcer til "
        "kompetenceudvikling muliggør, som trækker på støttetilbud HR-pakke til fastholdelse",
        "Indsats Fælles rekrutteringskampagne tjener indsatsområde Rekruttering af reumatologer, som forudsætning Flere stillinger "
        "muliggør, som trækker på støttetilbud HR-pakke til fastholdelse",
    ])
    shots(page, "support-offer-dependants")

    # the picture for the board: shown on the page, downloaded as PNG, its SVG with titles and no ids
    picture = section.locator("#impact-picture")
    expect(picture).to_be_visible()
    assert page.evaluate("document.getElementById('impact-picture').naturalWidth") > 600
    with page.expect_download() as png:
        page.click("#impact-png")
    data = open(png.value.path(), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 1200 and width > height, (width, height)
    svg = html.unescape(page.request.get(served.url + "/impact/hr/diagram.svg").text())
    assert "HR-pakke til fastholdelse" in svg and "Rekruttering af reumatologer" in svg
    graph = served.app.extensions["portfolio"].current()
    ids = [i for kind in ("support_offer", "prerequisite", "focus_area", "initiative", "specialty") for i in graph.ids(kind)]
    assert [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", svg)] == []  # as a word: 'reum' is in 'reumatologer'
    page.goto(served.url + "/impact/hr/diagram.png")
    shots(page, "board-picture")
    page.goto(served.url + "/support-offer/hr")

    with page.expect_download() as download:
        page.click("#impact-xlsx")
    assert download.value.suggested_filename == "hr-impact.xlsx"
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    values = [[c.value for c in row] for row in book.active.iter_rows()]
    assert values[0][:4] == ["Speciale", "Type", "Id", "Titel"]
    assert sorted(v[2] for v in values[1:]) == sorted(
        ["geri-pre1", "geri-fa1", "geri-i1", "geri-ind1", "reum-pre1", "reum-fa1", "reum-i1", "reum-ind1"])
    reum = next(v for v in values if v[2] == "reum-i1")
    assert (reum[0], reum[6]) == ("Reumatologi", 2)
