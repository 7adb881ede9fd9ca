"""Similar work on the web (issue 15): the section on element pages, the pairs on the synergies page,
marking and dismissing pairs, joint efforts in the overview, and /api/v1/similar."""
from __future__ import annotations

import re

from graph.queries.similar import similar
from web.editing.synergy_links import link_id


def get(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def section(page: str) -> str:
    return page[page.index('<section class="similar" id="similar">'):page.index("</section>", page.index('id="similar"'))]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_initiative_page_shows_similar_work_right_after_the_trace(client, small_graph):
    page = get(client, "/initiative/geri-i1")
    assert page.index('id="chain"') < page.index('id="similar"') < page.index("<h2>Kæden som graf</h2>")
    part = section(page)
    assert "<h2>Andre arbejder med det samme</h2>" in part
    assert re.findall(r'<li data-target="([\w-]+)"', part) == [m.target for m in similar(small_graph, "geri-i1")] == ["reum-i1"]
    assert re.findall(r'<li data-kind="(\w+)">(.*?)</li>', part) == [
        ("person", "fælles person: Eva Holm"), ("text", "ligner i tekst: fælles"), ("site", "samme sygehus: Holbæk Sygehus"),
    ]
    assert 'href="/initiative/reum-i1"' in part
    english = section(get(client, "/initiative/geri-i1?lang=en"))
    assert "<h2>Others working on the same</h2>" in english and "person in common: Eva Holm" in english


def test_focus_area_and_challenge_pages_have_the_section(client):
    part = section(get(client, "/focus-area/geri-fa1"))
    assert re.findall(r'<li data-target="([\w-]+)"', part) == ["reum-fa1"]
    assert "samme tema: Rekruttering og fastholdelse" in part
    empty = section(get(client, "/challenge/geri-ch1"))
    assert "Intet lignende arbejde i andre specialer endnu." in empty


def test_only_people_with_rights_on_one_side_see_the_link_form(editors, client, login):
    assert "Markér som fælles indsats" not in get(client, "/initiative/geri-i1")  # not signed in
    assert "Markér som fælles indsats" not in get(login("stina"), "/initiative/geri-i1")
    assert "Markér som fælles indsats" in get(login("karen"), "/initiative/geri-i1")  # owner of the other side


def test_marking_a_pair_stores_a_link_shown_on_both_sides_and_in_the_overview(editors, login):
    client = login("bjorn")
    response = client.post("/synergy-link", data={"source": "geri-i1", "target": "reum-i1", "link": "joint",
                                                  "reason": "Én kampagne for begge afdelinger", "next": "/initiative/geri-i1"})
    assert response.status_code == 302 and response.headers["Location"] == "/initiative/geri-i1"
    pg = editors.extensions["portfolio"].current()
    stored = pg.data(link_id("geri-i1", "reum-i1"))
    assert {k: stored[k] for k in ("source", "target", "link", "reason", "by")} == {
        "source": "geri-i1", "target": "reum-i1", "link": "joint", "reason": "Én kampagne for begge afdelinger", "by": "bjorn"}
    page = get(client, "/initiative/geri-i1")
    assert "Markeret som fælles indsats." in section(page)
    for item, other in (("geri-i1", "reum-i1"), ("reum-i1", "geri-i1")):
        part = section(get(client, f"/initiative/{item}"))
        assert f'<li data-target="{other}" data-link="joint">' in part
        assert "markeret som fælles indsats af Bjørn Berg: Én kampagne for begge afdelinger" in part
    overview = get(client, "/")
    heading = re.search(r'<h2 id="joint-efforts">(.*?)</h2>', overview).group(1)
    assert text(heading) == "Fælles indsatser på tværs af specialer 1"
    assert "Én kampagne for begge afdelinger" in overview
    # kept in the file format: the read API lists it under its file section
    links = client.get("/api/v1/synergy_links").get_json()["synergy_links"]
    assert [(x["data"]["source"], x["data"]["target"], x["data"]["link"]) for x in links] == [("geri-i1", "reum-i1", "joint")]


def test_a_mark_needs_a_reason_and_rights(editors, login):
    client = login("bjorn")
    response = client.post("/synergy-link", data={"source": "geri-i1", "target": "reum-i1", "link": "joint", "reason": " "})
    assert response.status_code == 302
    assert editors.extensions["portfolio"].current().ids("synergy_link") == []
    assert "Skriv hvorfor de to hører sammen" in get(client, "/initiative/geri-i1")
    denied = login("stina").post("/synergy-link", data={"source": "geri-i1", "target": "reum-i1", "link": "joint", "reason": "x"})
    assert denied.status_code == 403
    same_side = login("bjorn").post("/synergy-link",
                                    data={"source": "geri-i1", "target": "geri-fa1", "link": "joint", "reason": "x"})
    assert same_side.status_code == 400


def test_dismissing_hides_the_pair_for_that_specialty_only(editors, login):
    client = login("karen")
    response = client.post("/synergy-link", data={"source": "reum-fa1", "target": "geri-fa1", "link": "dismissed"})
    assert response.status_code == 302
    assert re.findall(r'<li data-target="([\w-]+)"', section(get(client, "/focus-area/reum-fa1"))) == []
    assert re.findall(r'<li data-target="([\w-]+)"', section(get(client, "/focus-area/geri-fa1"))) == ["reum-fa1"]
    pairs = get(client, "/specialty/reum/synergies")
    assert 'data-source="reum-fa1"' not in pairs and 'data-source="reum-i1"' in pairs
    # karen has no rights on geriatrics' side, so she cannot dismiss for it
    assert client.post("/synergy-link", data={"source": "geri-i1", "target": "reum-i1", "link": "dismissed"}).status_code == 403


def test_removing_a_mark(editors, login):
    client = login("karen")
    client.post("/synergy-link", data={"source": "reum-i1", "target": "geri-i1", "link": "related", "reason": "Samme sygehus"})
    item = link_id("reum-i1", "geri-i1")
    assert editors.extensions["portfolio"].current().data(item)["link"] == "related"
    assert login("stina").post(f"/synergy-link/{item}/delete").status_code == 403
    assert login("bjorn").post(f"/synergy-link/{item}/delete").status_code == 302
    assert item not in editors.extensions["portfolio"].current()


def test_the_synergies_page_leads_with_pairs_grouped_by_the_other_specialty(client):
    page = get(client, "/specialty/geri/synergies")
    assert page.index('id="pairs"') < page.index('id="specialties"')
    group = page[page.index('<section class="pair-group" id="with-reum">'):page.index("</section>", page.index('id="with-reum"'))]
    assert re.findall(r'<li class="pair" data-source="([\w-]+)" data-target="([\w-]+)"', group) == [
        ("geri-i1", "reum-i1"), ("geri-fa1", "reum-fa1")]
    assert 'href="/initiative/reum-i1"' in group and 'href="/focus-area/reum-fa1"' in group
    only = get(client, "/specialty/geri/synergies?with=reum")
    assert "Kun Reumatologi." in only
    themed = get(client, "/specialty/geri/synergies?theme=recruitment_retention")
    assert re.findall(r'data-source="([\w-]+)"', themed) == ["geri-fa1"]
    get(client, "/specialty/geri/synergies?theme=nope", status=404)
    get(client, "/specialty/geri/synergies?with=nope", status=404)


def test_weak_pairs_are_folded_and_groups_are_paged(client, monkeypatch):
    from web.views import synergies as view

    monkeypatch.setattr(view, "GROUPS_PER_PAGE", 1)
    page = get(client, "/specialty/geri/synergies")
    assert "Side 1 af 1" not in page  # one other specialty: one page, no pager
    assert "<details class=\"weak\">" not in page  # both pairs have a strong reason (a person in common)


def test_heat_map_filters_and_pages_specialties(client, monkeypatch):
    from web.views import synergies as view

    page = get(client, "/synergies?q=reum")
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert re.findall(r'href="/specialty/(\w+)/synergies"', head) == ["reum"]
    monkeypatch.setattr(view, "HEATMAP_COLUMNS", 1)
    first = get(client, "/synergies?page=2")
    head = first[first.index("<thead>"):first.index("</thead>")]
    assert re.findall(r'href="/specialty/(\w+)/synergies"', head) == ["reum"]
    assert 'rel="prev" href="/synergies?page=1"' in first


def test_api_similar(client, small_graph):
    body = client.get("/api/v1/similar/geri-i1").get_json()
    assert body["item"] == "geri-i1"
    assert [(m["source"], m["target"], m["score"]) for m in body["similar"]] == [
        (m.source, m.target, round(m.score, 2)) for m in similar(small_graph, "geri-i1")]
    assert client.get("/api/v1/similar/geri").status_code == 404
    pairs = client.get("/api/v1/synergies/geri/pairs").get_json()["pairs"]
    assert [(g["specialty"], len(g["pairs"])) for g in pairs] == [("reum", 2)]


def test_a_large_portfolio_page_does_not_wait_for_the_first_index(client, monkeypatch):
    import threading

    from graph.queries import similarity_index
    from web.views import synergies as view

    monkeypatch.setattr(view, "BACKGROUND_FROM", 0)
    monkeypatch.setattr(similarity_index, "BACKGROUND_FROM", 0)
    first = section(get(client, "/initiative/geri-i1"))
    # no index yet: the page answers at once, and the index is built meanwhile
    assert 'data-pending="1"' in first and "Lignende arbejde beregnes for hele porteføljen" in first
    for thread in threading.enumerate():
        if thread.name == "similarity-index":
            thread.join(timeout=30)
    later = section(get(client, "/initiative/geri-i1"))
    assert re.findall(r'<li data-target="([\w-]+)"', later) == ["reum-i1"]
