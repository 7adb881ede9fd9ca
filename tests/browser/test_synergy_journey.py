"""Journey 3 in Chromium (issue 15): an implementation lead finds the same work in another specialty,
marks it as a joint effort with a reason, and the mark shows on both sides and in the overview; the
heat map fits the screen at 40 specialties, with fixed headers and cells that open the pairs."""
from __future__ import annotations

from graph.changeset import ChangeSet, parse_record


def test_find_similar_work_and_mark_it_as_a_joint_effort(served, signed_in, shots):
    page = signed_in("eva")
    page.goto(served.url + "/specialty/geri/synergies")
    pair = page.locator('li.pair[data-source="geri-i1"][data-target="reum-i1"]')
    assert pair.locator("ul.reasons li").all_inner_texts() == [
        "fælles person: Eva Holm", "ligner i tekst: fælles", "samme sygehus: Holbæk Sygehus"]
    shots(page, "pairs")
    pair.locator('a[href="/initiative/geri-i1"]').click()
    page.wait_for_url(served.url + "/initiative/geri-i1")
    similar = page.locator("#similar")
    assert similar.locator("h2").inner_text() == "Andre arbejder med det samme"
    match = similar.locator('li[data-target="reum-i1"]')
    match.locator("summary").click()
    match.locator('input[value="joint"]').check()
    match.locator("textarea[name=reason]").fill("Én rekrutteringskampagne for begge afdelinger i Holbæk")
    match.locator("button", has_text="Gem markeringen").click()
    page.wait_for_url(served.url + "/initiative/geri-i1")
    assert "Markeret som fælles indsats." in similar.inner_text()
    marked = similar.locator('li[data-target="reum-i1"][data-link="joint"]')
    reason = "markeret som fælles indsats af Eva Holm: Én rekrutteringskampagne for begge afdelinger i Holbæk"
    assert reason in marked.inner_text()
    shots(page, "marked")
    page.goto(served.url + "/initiative/reum-i1")
    other_side = page.locator('#similar li[data-target="geri-i1"][data-link="joint"]')
    assert "Fælles indsats" in other_side.inner_text()
    page.goto(served.url + "/")
    assert page.locator("#joint-efforts").inner_text() == "Fælles indsatser på tværs af specialer 1"


def test_heat_map_fits_the_screen_with_fixed_headers_at_forty_specialties(served, signed_in, shots):
    many = []
    for k in range(40):
        sid = f"extra{k:02d}"
        many.append(parse_record("specialty", {"id": sid, "name": f"Speciale nummer {k:02d}"}, "test", "bass"))
        many.append(parse_record("ambition", {"id": f"{sid}-amb", "specialty": sid, "statement": "Ambition"}, "test", "bass"))
        many.append(parse_record("focus_area", {"id": f"{sid}-fa", "ambition": f"{sid}-amb", "title": "Rekruttering",
                                                "themes": ["recruitment_retention"]}, "test", "bass"))
    served.store.apply(ChangeSet(upserts=many), "test")
    page = signed_in("mette")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(served.url + "/synergies")
    box = page.locator(".heat-scroll").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280 and box["height"] <= 800
    sizes = page.locator(".heat-scroll").evaluate("e => [e.scrollWidth > e.clientWidth, e.scrollHeight > 0]")
    assert sizes == [True, True]
    # scroll to the last column: it is reachable and the theme column stays in view
    page.locator(".heat-scroll").evaluate("e => { e.scrollLeft = e.scrollWidth; e.scrollTop = e.scrollHeight; }")
    last = page.locator(".heat thead th").last
    last_box, scroller = last.bounding_box(), page.locator(".heat-scroll").bounding_box()
    assert last_box["x"] + last_box["width"] <= scroller["x"] + scroller["width"] + 1
    assert abs(last_box["y"] - scroller["y"]) <= 1  # the header row is fixed at the top of the scrolled map
    theme = page.locator('#theme-recruitment_retention th.theme').bounding_box()
    assert abs(theme["x"] - scroller["x"]) <= 1  # the theme column is fixed at the left
    shots(page, "heatmap")
    # a cell opens that specialty's pairs on that theme
    page.locator('#theme-recruitment_retention a[href^="/specialty/geri/synergies?theme="]').click()
    page.wait_for_url(served.url + "/specialty/geri/synergies?theme=recruitment_retention#pairs")
    assert page.locator("li.pair").count() >= 1
    # the filter narrows the map to the specialties asked for
    page.goto(served.url + "/synergies")
    page.fill('form.filters input[name="q"]', "nummer 07")
    with page.expect_navigation():
        page.press('form.filters input[name="q"]', "Enter")
    assert "q=nummer" in page.url
    assert page.locator(".heat thead th a").all_inner_texts() == ["Speciale nummer 07"]
