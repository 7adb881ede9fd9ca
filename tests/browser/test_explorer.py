"""The explorer's ego graph in a real browser: reached from an initiative, drawn without physics, moved by a cluster, downloaded."""
from __future__ import annotations

import json
import re

from playwright.sync_api import expect


def test_ego_graph_from_an_initiative_draws_moves_and_downloads(served, signed_in, shots):
    page = signed_in("mette")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(served.url + "/initiative/geri-i1")
    page.click("text=Vis omgivelserne i grafudforskeren")
    page.wait_for_url(re.compile(r"/explorer\?focus=geri-i1&depth=2$"))
    expect(page.locator("h1")).to_contain_text("Fælles undervisning")
    expect(page.locator("div.graph canvas")).to_have_count(1)
    picture = json.loads(page.locator("#graph-data").text_content() or "{}")
    assert picture["options"]["physics"] is False
    assert {"geri-i1", "geri-fa1", "geri-amb"} <= {n["id"] for n in picture["nodes"]}
    shots(page, "ego-graph")

    with page.expect_download() as download:
        page.click("text=Hent som SVG")
    assert download.value.suggested_filename == "geri-i1-2.svg"

    page.select_option("select[name=depth]", "1")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"depth=1"))
    page.click("details summary")
    cluster = page.locator('details a[href^="/explorer?focus="]').first
    target = cluster.get_attribute("href")
    cluster.click()
    page.wait_for_url(served.url + (target or ""))
    expect(page.locator("div.graph canvas")).to_have_count(1)
    assert errors == []
