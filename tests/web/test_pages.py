"""Read pages on the SMALL portfolio (tests/conftest.py): exact content, 404s, escaping, no external URLs."""
from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import check
from web import graphview

EVIL = "<script>alert(1)</script>"


def text(fragment: str) -> str:
    """The words a person reads in an HTML fragment (tags, scripts and extra spaces removed)."""
    fragment = re.sub(r"<script.*?</script>", " ", fragment, flags=re.S)
    fragment = re.sub(r"<title>.*?</title>", " ", fragment, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def between(page: str, start: str, end: str) -> str:
    """The part of ``page`` after ``start`` up to the next ``end``."""
    i = page.index(start) + len(start)
    return page[i : page.index(end, i)]


def hrefs(fragment: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', fragment)


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def main(page: str) -> str:
    return between(page, "<main id=\"main\">", "</main>")


def graph_data(page: str, element: str = "graph") -> dict:
    raw = between(page, f'<script type="application/json" id="{element}-data">', "</script>")
    return json.loads(raw)


# -- overview -----------------------------------------------------------------------------


def test_overview_rows_show_each_specialtys_gaps(client, small_graph):
    page = get(client, "/")
    geri = between(page, '<tr id="row-geri">', "</tr>")
    assert len(check(small_graph, "geri")) == 7  # seven warnings
    assert text(geri) == (
        "Geriatri Ambition Godkendt På sporet 5 statusopdateringer mangler 1 1 1 1 Ja 7"
    )
    reum = between(page, '<tr id="row-reum">', "</tr>")
    # seven warnings and one error count; the one "til orientering" (reum-i1 under a draft) does not
    assert [f.severity for f in check(small_graph, "reum")].count("info") == 1
    assert text(reum) == "Reumatologi Forberedelse Kladde 3 statusopdateringer mangler 0 0 0 1 Nej 8"


def test_overview_red_cells_link_to_the_element(client):
    geri = between(get(client, "/"), '<tr id="row-geri">', "</tr>")
    # a count, linking straight to the element when it is the only one (its title in the tooltip)
    bad = re.findall(r'<td class="bad num">(.*?)</td>', geri, flags=re.S)
    assert [hrefs(cell) for cell in bad] == [
        ["/challenge/geri-ch2"],
        ["/focus-area/geri-fa2"],
        ["/focus-area/geri-fa2"],
        ["/prerequisite/geri-pre1"],
    ]
    reum = between(get(client, "/"), '<tr id="row-reum">', "</tr>")
    assert '<td class="bad"><a href="/specialty/reum#core-team">Nej</a></td>' in reum


def test_overview_roadmap_and_orphans(client):
    page = get(client, "/")
    roadmap = between(page, '<h2 id="roadmap">', "</table>")
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", roadmap, flags=re.S)
    assert [text(r) for r in rows] == ["Geriatri Robuste faglige miljøer Fælles vagtlag", "Reumatologi Rekruttering af reumatologer"]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[0], flags=re.S)
    assert [hrefs(c) for c in cells] == [["/focus-area/geri-fa1"], ["/focus-area/geri-fa2"], [], []]
    orphans = between(page, '<h2 id="orphans">', "</ul>")
    assert hrefs(orphans) == ["/initiative/orphan-i"]


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        ("", ["geri", "reum"]),
        ("?phase=preparation", ["reum"]),
        ("?phase=ambition", ["geri"]),
        ("?phase=operation", []),
        ("?site=slag", ["geri"]),
        ("?site=rosk", ["geri"]),
        ("?site=holb", ["geri", "reum"]),
        ("?site=holb&phase=preparation", ["reum"]),
    ],
)
def test_overview_filters_by_site_and_phase(client, query, rows):
    page = get(client, "/" + query)
    assert re.findall(r'<tr id="row-([\w-]+)">', page) == rows
    if not rows:
        assert "Ingen specialer passer til filteret." in page


# -- specialty: the ambition document -----------------------------------------------------


def test_specialty_page_follows_the_guidance_order(client):
    page = main(get(client, "/specialty/geri"))
    order = [page.index(h) for h in ("1. Situationsbillede", "2. Kerneudfordringer", "3. Ambitionen og dens forudsætninger",
                                      "4. Strategiske indsatsområder", "<h2>Faglig ambition: faglige indsatser pr. indsatsområde</h2>",
                                      "<h2>Kerneteam</h2>", "<h2>Sundhedstjek</h2>")]
    assert order == sorted(order)
    # the internal check list is on screen only; the secretariat prints it from its own page
    assert 'class="doc-section card no-print" id="findings"' in page
    assert 'class="doc-section card" id="situation"' in page


def test_specialty_situation_picture_and_map(client):
    page = get(client, "/specialty/geri")
    situation = between(page, 'id="situation"', "</section>")
    svg = between(situation, '<svg class="map"', "</svg>")
    assert re.findall(r'<a href="([^"]+)"><circle', svg) == ["/site/holb", "/site/slag"]
    assert ">Speciallæger: 4</text>" in svg and ">Uddannelseslæger: 2</text>" in svg
    assert "Matrikler uden koordinater: Roskilde Sygehus" in text(situation)
    assert "Personalemæssig Få speciallæger Speciallæger: 4 Uddannelseslæger: 2 1. januar 2026 HR" in text(situation)


def test_specialty_challenges_by_site_then_whole_specialty(client):
    challenges = text(between(get(client, "/specialty/geri"), 'id="challenges">', "</section>"))
    assert challenges == (
        "2. Kerneudfordringer Holbæk Sygehus Lange ventelister Faglig – Personalemæssig Travlhed Organisatorisk – "
        "Hele specialet For stor faglig specialisering Faglig Smalle kompetencer Personalemæssig Svært at rekruttere "
        "Organisatorisk – Rekruttering og fastholdelse"
    )


def test_specialty_ambition_prerequisites_and_focus_areas(client):
    page = get(client, "/specialty/geri")
    ambition = text(between(page, 'id="ambition">', "</section>"))
    assert ambition == (
        "3. Ambitionen og dens forudsætninger Stærke geriatriske fællesskaber Tidshorisont: 24 måneder · Status: Godkendt · "
        "Åbn ambitionen Forudsætninger Forudsætning Type Status Muliggør Handlinger Ressourcer til kompetenceudvikling Varige ressourcer "
        "Aftalt Robuste faglige miljøer Beslutning om fælles vagtlag Ledelsesbeslutning Opfyldt Robuste faglige miljøer"
    )
    focus = between(page, 'id="focus-areas"', "</section>")
    assert re.findall(r'<div class="focus-area" id="([\w-]+)">', focus) == ["geri-fa1", "geri-fa2"]
    assert "Besatte speciallægestillinger Kvantitativ % 70 90 78 (1. juni 2026)" in text(focus)
    assert "Faglige indsatser: Fælles undervisning , Fælles rekrutteringskampagne" in text(focus)
    assert "Fælles vagtlag Dernæst Ingen indikatorer. Faglige indsatser: ingen endnu" in text(focus)


def _element_url(item: str | None) -> str | None:
    pages = {"reum-amb": "/ambition/reum-amb", "reum": "/specialty/reum", "holb": "/site/holb", "reum-fa1": "/focus-area/reum-fa1",
             "reum-h": "/strength-position/reum-h", "reum-i1": "/initiative/reum-i1", "reum-ch1": "/challenge/reum-ch1"}
    return pages.get(item) if item else None


def test_specialty_findings_and_core_team(client, small_graph):
    page = get(client, "/specialty/reum")
    findings = between(page, 'id="findings"', "</section>")
    expected = check(small_graph, "reum")
    assert findings.count("<li>") == len(expected)
    assert [h for h in hrefs(findings)] == [url for url in (_element_url(f.element) for f in expected) if url]
    for finding in expected:
        assert finding.message("da") in text(findings)
    team = text(between(page, 'id="core-team">', "</section>"))
    assert team == "Kerneteam Specialeejer Karen Krog Implementeringsansvarlig, reum-h mangler Kerneteam Bjørn Berg (geriatrisk perspektiv)"


def test_specialty_page_links_the_print_stylesheet(client):
    page = get(client, "/specialty/geri")
    assert '<link rel="stylesheet" href="/static/print.css" media="print">' in page
    css = get(client, "/static/print.css")
    assert "@media print" in css
    assert "page-break-before: always" not in css  # breaks only to avoid bad splits (issue 12)
    assert "display: table-header-group" in css  # the running header repeats on every page
    assert "Georgia" in css
    assert ".no-print, header.top" in css


# -- initiative: the chain ----------------------------------------------------------------


def test_initiative_chain_lists_the_exact_elements(client):
    page = get(client, "/initiative/geri-i1")
    chain = between(page, '<ol class="chain" id="chain">', "</ol>")
    assert hrefs(chain) == [
        "/initiative/geri-i1",
        "/focus-area/geri-fa1",
        "/ambition/geri-amb",
        "/specialty/geri",
        "/prerequisite/geri-pre1",
        "/prerequisite/geri-pre2",
        "/challenge/geri-ch1",
        "/indicator/geri-ind1",
        "/person/bjorn",
        "/person/eva",
    ]
    assert "Beslutning om fælles vagtlag Opfyldt Ledelsesbeslutning" in text(chain)
    assert "Eva Holm : Ejer af indsatsen, Implementeringsansvarlig (Geriatri Holbæk-Slagelse)" in text(chain)


def test_initiative_graph_holds_the_chain(client):
    data = graph_data(get(client, "/initiative/geri-i1"))
    assert sorted(n["id"] for n in data["nodes"]) == sorted(
        ["geri-i1", "geri-fa1", "geri-amb", "geri", "geri-pre1", "geri-pre2", "geri-ch1", "geri-ind1", "bjorn", "eva", "geri-hs"]
    )
    assert {(e["from"], e["to"], e["title"]) for e in data["edges"]} >= {
        ("geri-i1", "geri-fa1", "SERVES"),
        ("geri-fa1", "geri-amb", "PART_OF"),
        ("geri-pre1", "geri-fa1", "ENABLES"),
        ("eva", "geri-i1", "OWNS"),
    }
    node = next(n for n in data["nodes"] if n["id"] == "geri-i1")
    assert node["url"] == "/initiative/geri-i1"
    assert node["color"] == graphview.KIND_COLOURS["initiative"]
    assert node["title"] == "<b>Faglig indsats</b><br>Fælles undervisning<br>I gang<br><i>geri-i1</i>"


def test_orphan_initiative_says_it_traces_nowhere(client):
    page = get(client, "/initiative/orphan-i")
    assert "Denne indsats understøtter endnu intet indsatsområde" in page
    assert hrefs(between(page, '<ol class="chain" id="chain">', "</ol>")) == ["/initiative/orphan-i"]


def test_graph_pages_load_vis_network_from_the_app(client, app):
    page = get(client, "/initiative/geri-i1")
    assert '<script src="/static/vendor/vis-network.min.js"></script>' in page
    assert '<script src="/static/graph.js"></script>' in page
    response = client.get("/static/vendor/vis-network.min.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.data == graphview.vis_asset("vis-network.min.js").read_bytes()
    assert client.get("/static/vendor/other.js").status_code == 404


# -- focus area, prerequisite, other kinds ------------------------------------------------


def test_focus_area_page(client):
    page = get(client, "/focus-area/geri-fa1")
    assert hrefs(between(page, 'id="initiatives"', "</table>")) == [
        "/initiative/geri-i1", "/person/eva", "/specialty/geri",
        "/initiative/reum-i1", "/person/eva", "/specialty/reum",
    ]
    assert hrefs(between(page, 'id="challenges"', "</ul>")) == ["/challenge/geri-ch1"]
    assert re.findall(r'<td><a href="(/prerequisite/[\w-]+)">', between(page, 'id="prerequisites"', "</table>")) == [
        "/prerequisite/geri-pre1", "/prerequisite/geri-pre2"
    ]
    chart = between(page, '<svg class="chart"', "</svg>")
    assert chart.count("<circle") == 2
    assert ">Udgangspunkt 70 %</text>" in chart and ">Mål 90 %</text>" in chart
    assert "<title>2026-06-01: 78 %</title>" in chart


def test_focus_area_without_initiatives_or_indicators(client):
    page = text(main(get(client, "/focus-area/geri-fa2")))
    assert "Ingen faglig indsats understøtter dette indsatsområde endnu." in page
    assert "Ingen indikatorer endnu." in page
    assert "Det adresserer ingen kerneudfordring." in page


def test_prerequisite_lists_focus_areas_and_initiatives_across_specialties(client):
    page = get(client, "/prerequisite/geri-pre1")
    table = between(page, '<table id="dependants">', "</table>")
    rows = [text(r) for r in re.findall(r"<tr>(.*?)</tr>", between(table, "<tbody>", "</tbody>"), flags=re.S)]
    assert rows == [
        "Geriatri Robuste faglige miljøer Fælles undervisning I gang Eva Holm 2026-02-01 – 2026-12-31",
        "Geriatri Robuste faglige miljøer Fælles rekrutteringskampagne Planlagt Eva Holm 2026-09-01 – 2027-06-30",
    ]
    assert 'href="/prerequisite/geri-pre1/initiatives.csv"' in page
    assert 'href="/prerequisite/geri-pre1/initiatives.xlsx"' in page


def test_prerequisite_csv_and_excel_hold_the_same_list(client):
    response = client.get("/prerequisite/geri-pre1/initiatives.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="geri-pre1.csv"'
    assert response.get_data(as_text=True) == (
        "\ufeffSpeciale;Indsatsområde-id;Strategisk indsatsområde;Indsats-id;Faglig indsats;Status;Ejer;Start;Slut\r\n"
        "Geriatri;geri-fa1;Robuste faglige miljøer;geri-i1;Fælles undervisning;I gang;Eva Holm;2026-02-01;2026-12-31\r\n"
        "Geriatri;geri-fa1;Robuste faglige miljøer;reum-i1;Fælles rekrutteringskampagne;Planlagt;Eva Holm;2026-09-01;2027-06-30\r\n"
    )
    book = client.get("/prerequisite/geri-pre1/initiatives.xlsx")
    assert book.status_code == 200
    sheet = load_workbook(io.BytesIO(book.data)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["Speciale", "Indsatsområde-id", "Strategisk indsatsområde", "Indsats-id", "Faglig indsats", "Status", "Ejer", "Start", "Slut"],
        ["Geriatri", "geri-fa1", "Robuste faglige miljøer", "geri-i1", "Fælles undervisning", "I gang", "Eva Holm", "2026-02-01", "2026-12-31"],
        ["Geriatri", "geri-fa1", "Robuste faglige miljøer", "reum-i1", "Fælles rekrutteringskampagne", "Planlagt", "Eva Holm", "2026-09-01", "2027-06-30"],
    ]


def test_prerequisite_enabling_a_focus_area_without_initiatives(client):
    rows = between(get(client, "/prerequisite/reum-pre1"), "<tbody>", "</tbody>")
    assert text(rows) == "Reumatologi Rekruttering af reumatologer Fælles rekrutteringskampagne Planlagt Eva Holm 2026-09-01 – 2027-06-30"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/ambition/geri-amb", "Strategisk ambition Geriatri Stærke geriatriske fællesskaber Speciale Geriatri Status Godkendt den 1. marts 2026 Tidshorisont 24 måneder"),
        ("/challenge/geri-ch1", "Kerneudfordring For stor faglig specialisering Strategisk ambition Stærke geriatriske fællesskaber Speciale Geriatri Matrikel Hele specialet"),
        ("/indicator/geri-ind1", "Indikator Besatte speciallægestillinger Strategisk indsatsområde Robuste faglige miljøer Speciale Geriatri Type Kvantitativ Enhed % Udgangspunkt 70 Mål 90"),
        ("/site/holb", "Matrikel Holbæk Sygehus Type Akutsygehus Organisation Holbæk Styrkepositioner her Geriatri Holbæk-Slagelse reum-h"),
        ("/strength-position/geri-hs", "Styrkeposition Geriatri Holbæk-Slagelse Speciale Geriatri Matrikler Holbæk Sygehus , Slagelse Sygehus Samarbejder med Roskilde Sygehus Implementeringsansvarlig Eva Holm Faglige indsatser leveret her Fælles undervisning"),
        ("/person/bjorn", "Person Bjørn Berg Titel Vicedirektør E-mail bjorn@example.org Roller Kerneteam: Reumatologi (geriatrisk perspektiv) Specialeejer: Geriatri Faglige indsatser, personen ejer Ingen."),
    ],
)
def test_element_pages_start_with_their_context(client, url, expected):
    assert text(main(get(client, url))).startswith(expected)


def test_challenge_page_lists_focus_areas_and_their_initiatives(client):
    page = get(client, "/challenge/geri-ch1")
    assert hrefs(between(page, "<h2>Indsatsområder der adresserer den</h2>", "</ul>")) == [
        "/focus-area/geri-fa1", "/initiative/geri-i1", "/initiative/reum-i1"
    ]
    assert "Intet indsatsområde adresserer denne kerneudfordring endnu." in get(client, "/challenge/geri-ch2")


def test_indicator_readings_table(client):
    page = get(client, "/indicator/geri-ind1")
    assert text(between(page, "<h2>Målinger</h2>", "</table>")).endswith(
        "Dato Værdi Bemærkning 2026-01-01 72 2026-06-01 78 ny rekruttering"
    )
    assert "Ingen talmålinger endnu." in get(client, "/indicator/reum-ind1")


@pytest.mark.parametrize(
    "url",
    [
        "/specialty/nope", "/specialty/geri-amb", "/initiative/geri-fa1", "/initiative/nope", "/focus-area/nope",
        "/prerequisite/nope", "/prerequisite/nope/initiatives.csv", "/prerequisite/nope/initiatives.xlsx",
        "/ambition/nope", "/challenge/nope", "/indicator/nope", "/site/nope", "/strength-position/nope",
        "/person/nope", "/specialty/nope/synergies", "/explorer?specialty=nope", "/no-such-page",
    ],
)
def test_unknown_ids_answer_404_in_the_layout(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "<h1>Fejl 404</h1>" in page
    assert "Vi kunne ikke finde siden eller elementet." in page
    assert '<nav aria-label="Hovedmenu">' in page


def test_404_in_english(client):
    page = client.get("/initiative/nope?lang=en").get_data(as_text=True)
    assert "<h1>Error 404</h1>" in page and "We could not find that page or element." in page


def test_500_is_a_translated_page_without_details(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "<h1>Fejl 500</h1>" in page and "Noget gik galt hos os. Prøv venligst igen." in page
    assert "secret detail" not in page


# -- people and my work -------------------------------------------------------------------


def test_people_page_shows_roles_and_core_teams(client):
    page = get(client, "/people")
    teams = [text(r) for r in re.findall(r"<tr><td>(.*?)</tr>", between(page, "<h2>Kerneteams</h2>", "</table>"), flags=re.S)]
    assert teams == [
        "Geriatri Bjørn Berg Geriatri Holbæk-Slagelse: Eva Holm",
        "Reumatologi Karen Krog reum-h: mangler Bjørn Berg (geriatrisk perspektiv)",
    ]
    everyone = between(page, "<h2>Alle personer</h2>", "</table>")
    assert re.findall(r'<tr><td><a href="/person/(\w+)">', everyone) == ["bjorn", "eva", "karen", "mette"]


def test_my_work_lists_the_leads_initiatives_with_what_they_serve(as_person):
    client = as_person("eva", display_name="Eva Holm")
    page = get(client, "/me")
    assert '<span class="user">Eva Holm</span>' in page
    assert re.findall(r'<section class="card" id="([\w-]+)">', page) == ["geri-i1", "reum-i1"]
    geri = text(between(page, '<section class="card" id="geri-i1">', "</section>"))
    assert geri == (
        "Fælles undervisning I gang Du ejer den. Den hører til en styrkeposition, du er implementeringsansvarlig for. "
        "Strategisk indsatsområde Strategisk ambition Forudsætninger Robuste faglige miljøer Stærke geriatriske fællesskaber "
        "Godkendt Ikke alle opfyldt Ressourcer til kompetenceudvikling Aftalt Beslutning om fælles vagtlag Opfyldt"
    )
    reum = between(page, '<section class="card" id="reum-i1">', "</section>")
    assert hrefs(reum) == [
        "/initiative/reum-i1", "/focus-area/reum-fa1", "/ambition/reum-amb", "/prerequisite/reum-pre1",
        "/focus-area/geri-fa1", "/ambition/geri-amb", "/prerequisite/geri-pre1", "/prerequisite/geri-pre2",
    ]


def test_my_work_of_a_person_with_no_initiatives(as_person):
    page = get(as_person("mette"), "/me")
    assert "Du har ingen indsatser." in page
    assert "Programsekretariat" in page


def test_my_work_of_an_account_without_a_person(as_person):
    assert "Din konto er ikke knyttet til en person i porteføljen" in get(as_person(None), "/me")


def test_my_work_without_sign_in(app, client):
    response = client.get("/me")
    if "auth.login" in app.view_functions:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    else:
        assert response.status_code == 200
        assert "Min side viser de indsatser, du ejer eller er ansvarlig for, når du er logget ind." in response.get_data(as_text=True)


# -- explorer and search ------------------------------------------------------------------


def test_explorer_shows_a_specialty_by_kind(client):
    data = graph_data(get(client, "/explorer?specialty=geri"))
    assert [n["id"] for n in data["nodes"]] == [
        "geri", "geri-amb", "geri-ch1", "geri-ch2", "geri-pre1", "geri-pre2", "geri-fa1", "geri-fa2", "geri-i1", "reum-i1"
    ]
    data = graph_data(get(client, "/explorer?specialty=geri&kinds=focus_area&kinds=indicator"))
    assert [n["id"] for n in data["nodes"]] == ["geri-fa1", "geri-fa2", "geri-ind1"]
    assert [(e["from"], e["to"]) for e in data["edges"]] == [("geri-fa1", "geri-ind1")]
    data = graph_data(get(client, "/explorer?specialty=geri&kinds=person,strength_position,site"))
    assert sorted(n["id"] for n in data["nodes"]) == ["bjorn", "eva", "geri-hs", "holb", "rosk", "slag"]


def test_explorer_programme_and_theme_colours(client):
    page = get(client, "/explorer?kinds=specialty,theme")
    data = graph_data(page)
    assert [n["id"] for n in data["nodes"]][:2] == ["geri", "reum"]
    assert len(data["nodes"]) == 2 + 12
    assert {n["color"] for n in data["nodes"]} == {graphview.KIND_COLOURS["specialty"], graphview.KIND_COLOURS["theme"]}
    assert 'value="theme" checked' in page and 'value="initiative" checked' not in page


def test_explorer_caps_big_graphs_with_a_message(client, monkeypatch):
    monkeypatch.setattr(graphview, "NODE_LIMIT", 4)
    page = get(client, "/explorer?kinds=initiative,focus_area")
    assert len(graph_data(page)["nodes"]) == 4
    assert text(between(page, '<p class="notice" id="truncated">', "</p>")) == (
        "Grafen har 6 elementer; de første 4 vises. Vælg et speciale eller færre slags for at se dem alle."
    )
    assert 'id="truncated"' not in get(client, "/explorer?specialty=reum&kinds=specialty,ambition")


def test_search_is_case_insensitive_with_danish_letters_grouped_by_kind(client):
    page = get(client, "/search?q=F%C3%86LLES")
    groups = re.findall(r'<section class="card search-group" id="kind-(\w+)">(.*?)</section>', page, flags=re.S)
    assert [(kind, re.findall(r'<span class="muted">([\w-]+)</span>', body)) for kind, body in groups] == [
        ("ambition", ["geri-amb"]),
        ("prerequisite", ["geri-pre2"]),
        ("focus_area", ["geri-fa2"]),
        ("initiative", ["reum-i1", "geri-i1"]),
    ]
    assert "<h2>Faglig indsats <span class=\"muted\">(2)</span></h2>" in page


def test_search_finds_names_and_says_when_nothing_matches(client):
    page = get(client, "/search?q=bj%C3%B8rn")
    assert re.findall(r'id="kind-(\w+)"', page) == ["person"]
    assert "Intet matcher “zzz”." in get(client, "/search?q=zzz")
    assert "search-group" not in get(client, "/search")


# -- escaping and self-contained pages ----------------------------------------------------


@pytest.fixture
def evil_client(app, client):
    """The app after an initiative, a focus area and a person were given script-like names."""
    store = app.extensions["portfolio"].store
    records = [
        parse_record("initiative", {"id": "geri-i1", "title": EVIL, "focus_areas": ["geri-fa1"], "strength_position": "geri-hs",
                                    "owner": "eva", "status": "in_progress", "description": EVIL}, "test"),
        parse_record("focus_area", {"id": "geri-fa1", "ambition": "geri-amb", "title": EVIL + " fa", "sequence": "now",
                                    "addresses": ["geri-ch1"]}, "test"),
        parse_record("person", {"id": "eva", "name": EVIL + " eva"}, "test"),
    ]
    store.apply(ChangeSet(upserts=records), "test")
    return client


@pytest.mark.parametrize(
    "url",
    ["/", "/initiative/geri-i1", "/focus-area/geri-fa1", "/specialty/geri", "/person/eva", "/people",
     "/explorer?specialty=geri&kinds=initiative,focus_area,person", "/search?q=script", "/prerequisite/geri-pre1",
     "/strength-position/geri-hs", "/challenge/geri-ch1"],
)
def test_user_text_is_escaped_on_pages(evil_client, url):
    page = get(evil_client, url)
    assert "<script>alert" not in page
    assert "alert(1)" in page


def test_graph_tooltips_are_escaped(evil_client):
    for url in ("/initiative/geri-i1", "/explorer?specialty=geri&kinds=initiative,focus_area,person"):
        page = get(evil_client, url)
        nodes = {n["id"]: n for n in graph_data(page)["nodes"]}
        assert nodes["geri-i1"]["title"].startswith("<b>Faglig indsats</b><br>&lt;script&gt;alert(1)&lt;/script&gt;<br>")
        assert nodes["eva"]["title"] == "<b>Person</b><br>&lt;script&gt;alert(1)&lt;/script&gt; eva<br><i>eva</i>"
        assert nodes["geri-i1"]["label"] == EVIL  # drawn as text on a canvas by vis.js
        assert "</script>" not in between(page, 'id="graph-data">', "</script>")


def test_search_query_is_escaped(client):
    page = get(client, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


ALL_PAGES = [
    "/", "/specialties", "/specialty/geri", "/specialty/reum", "/initiative/geri-i1", "/initiative/reum-i1",
    "/initiative/orphan-i", "/focus-area/geri-fa1", "/focus-area/reum-fa1", "/prerequisite/geri-pre1",
    "/ambition/geri-amb", "/challenge/geri-ch1", "/indicator/geri-ind1", "/site/holb", "/site/rosk",
    "/strength-position/reum-h", "/person/eva", "/people", "/me", "/explorer", "/explorer?specialty=geri",
    "/search?q=geri", "/synergies", "/specialty/geri/synergies", "/specialty/reum/synergies",
    "/static/tracker.css", "/static/print.css", "/static/graph.js", "/no-such-page",
]


def test_no_served_page_refers_to_another_host(as_person):
    client = as_person("eva")
    for url in ALL_PAGES:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.get_data(as_text=True)
        assert re.findall(r"https?://", body) == [], url
        assert "//cdn" not in body and "src=\"//" not in body, url


def test_vendored_script_loads_nothing_from_elsewhere(client):
    body = client.get("/static/vendor/vis-network.min.js").get_data(as_text=True)
    # its licence comments and error texts name web sites, but it never loads from one
    assert re.findall(r"(?:src|href)\s*=\s*[\"']https?://", body) == []
    assert re.findall(r"import\s*\(\s*[\"']https?://", body) == []
    css = client.get("/static/vendor/vis-network.css").get_data(as_text=True)
    assert re.findall(r"url\(\s*[\"']?https?://", css) == []


def test_static_folder_holds_only_our_own_files():
    static = Path(__file__).resolve().parents[2] / "web" / "static"
    vendor = static / "vendor"
    assert sorted(p.name for p in static.rglob("*") if p.is_file() and vendor not in p.parents) == [
        "graph.js", "print.css", "print.js", "tracker.css", "write.js",
    ]
    # libraries we serve ourselves, each with its licence: Tom Select for the pick lists
    assert sorted(p.name for p in (vendor / "tom-select").iterdir()) == ["LICENSE", "tom-select.complete.min.js", "tom-select.css"]


def test_graph_refreshes_after_a_write(app, client):
    store = app.extensions["portfolio"].store
    rec = parse_record("initiative", {"id": "new-i", "title": "Ny indsats", "focus_areas": ["geri-fa2"]}, "test")
    store.apply(ChangeSet(upserts=[rec]), "test")
    row = between(get(client, "/"), '<tr id="row-geri">', "</tr>")
    # the focus area Fælles vagtlag has an initiative now: 0 without initiatives (it was 1)
    assert text(row).split("mangler ")[1].startswith("1 0 1 1 ")
    assert hrefs(between(get(client, "/focus-area/geri-fa2"), 'id="initiatives"', "</table>")) == ["/initiative/new-i", "/specialty/geri"]
    assert isinstance(app.extensions["portfolio"].graph, PortfolioGraph)


# -- synergies ----------------------------------------------------------------------------


def test_specialty_synergies_show_partners_with_reasons_and_links(client, small_graph):
    from graph.queries import synergies

    found = synergies(small_graph, "geri")
    page = get(client, "/specialty/geri/synergies")
    partners = re.findall(r'<li id="partner-([\w-]+)">', page)
    assert partners == [s.specialty for s in found] == ["reum"]
    reasons = between(page, '<li id="partner-reum">', '</ol>')  # the four strongest shown, the rest folded inside
    assert ('<details class="more-reasons">' in reasons) == (len(found[0].reasons) > 4)
    items = re.findall(r'<li data-kind="(\w+)">(.*?)</li>', reasons, flags=re.S)
    assert [kind for kind, _ in items] == [r["kind"] for r in found[0].reasons]
    for (_, body), reason in zip(items, found[0].reasons, strict=True):
        assert text(body).startswith(reason["text"])
    theme = next(body for kind, body in items if kind == "theme")
    assert hrefs(theme) == ["/synergies#theme-recruitment_retention"]
    initiative = next(body for kind, body in items if kind == "initiative")
    assert hrefs(initiative) == ["/initiative/reum-i1"]
    english = get(client, "/specialty/geri/synergies?lang=en")
    assert found[0].reasons[0]["text_en"] in text(english)


def test_theme_heat_map(client, small_graph):
    from graph.queries import theme_heatmap

    page = get(client, "/synergies")
    row = between(page, '<tr id="theme-recruitment_retention">', "</tr>")
    counts = {r["id"]: r["counts"]["recruitment_retention"] for r in theme_heatmap(small_graph)["specialties"]}
    # a count links to the specialty's pairs of similar work on that theme (issue 15)
    assert re.findall(r'<td class="heat-(\d)"[^>]*>(?:<a href="([^"]*)">)?(\d*)(?:</a>)?</td>', row) == [
        ("4", "/specialty/geri/synergies?theme=recruitment_retention#pairs", str(counts["geri"])),
        ("4", "/specialty/reum/synergies?theme=recruitment_retention#pairs", str(counts["reum"])),
    ]
    assert text(row).startswith("Rekruttering og fastholdelse Personalemæssig")
    empty = between(page, '<tr id="theme-wellbeing">', "</tr>")
    assert re.findall(r'<td class="heat-(\d)"', empty) == ["0", "0"]
    assert hrefs(between(page, "<thead>", "</thead>")) == ["/specialty/geri/synergies", "/specialty/reum/synergies"]


def test_heat_level_steps():
    from web.filters import heat_level

    assert [heat_level(v, 6) for v in (0, 1, 2, 3, 4, 6)] == [0, 1, 2, 2, 3, 4]
    assert heat_level(3, 0) == 0


def test_edit_links_appear_only_for_those_who_may_edit(app, as_person):
    if "can_edit" not in app.jinja_env.globals:
        pytest.fail("the editing work's template helpers (can_edit, edit_url) are not registered")
    owner = get(as_person("bjorn"), "/focus-area/geri-fa1")
    edit_url = app.jinja_env.globals["edit_url"]
    with app.test_request_context():
        target = edit_url("focus_area", "geri-fa1")
    assert f'<a class="edit no-print" href="{target}">Rediger</a>' in owner
    other = get(as_person("karen"), "/focus-area/geri-fa1")
    assert 'class="edit no-print"' not in other


# -- paging -------------------------------------------------------------------------------


def test_overview_pages_through_many_specialties(client, monkeypatch):
    from web.views import overview

    monkeypatch.setattr(overview, "OVERVIEW_PAGE", 1)
    first = get(client, "/")
    assert re.findall(r'<tr id="row-([\w-]+)">', first) == ["geri"]
    pager = text(between(first, '<nav class="pager"', "</nav>"))
    assert pager == 'aria-label="Sider"> Specialer 1–1 af 2 Næste side'
    assert '<a rel="next" href="/?page=2">' in first
    second = get(client, "/?page=2&phase=")
    assert re.findall(r'<tr id="row-([\w-]+)">', second) == ["reum"]
    assert '<a rel="prev" href="/?page=1">' in second
    assert re.findall(r'<tr id="row-([\w-]+)">', get(client, "/?page=99")) == ["reum"]
    assert re.findall(r'<tr id="row-([\w-]+)">', get(client, "/?page=x")) == ["geri"]
    filtered = get(client, "/?phase=preparation")
    assert 'class="pager"' not in filtered


def test_people_pages(client, monkeypatch):
    from web.views import people

    monkeypatch.setattr(people, "PEOPLE_PAGE", 3)
    first = get(client, "/people")
    assert re.findall(r'<tr><td><a href="/person/(\w+)">', between(first, "<h2>Alle personer</h2>", "</table>")) == ["bjorn", "eva", "karen"]
    second = get(client, "/people?page=2")
    assert re.findall(r'<tr><td><a href="/person/(\w+)">', between(second, "<h2>Alle personer</h2>", "</table>")) == ["mette"]
    assert "Side 2 af 2" in second


def test_specialty_totals_over_all_sites(client):
    page = get(client, "/specialty/geri")
    assert text(between(page, '<p class="totals">', "</p>")) == "Hele specialet, alle matrikler: Speciallæger: 4 · Uddannelseslæger: 2"
    assert '<p class="totals">' not in get(client, "/specialty/reum")


# -- charts and pictures ------------------------------------------------------------------


def test_line_chart_draws_numbers_and_levels_and_escapes_text():
    from web.charts import line_chart

    svg = str(line_chart([{"date": "2026-02-01", "value": 5}, {"date": "2026-01-01", "value": "4,5"},
                          {"date": "2026-03-01", "value": "godt"}], baseline=4, target="6", unit="<b>", title=EVIL))
    assert svg.count("<circle") == 2
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in svg
    assert "<title>2026-01-01: 4,5 &lt;b&gt;</title>" in svg and "<title>2026-02-01: 5 &lt;b&gt;</title>" in svg
    assert ">Baseline 4 &lt;b&gt;</text>" in svg and ">Target 6 &lt;b&gt;</text>" in svg
    assert "<b>" not in svg


def test_line_chart_without_numbers_says_so():
    from web.charts import line_chart

    assert str(line_chart([{"date": "2026-01-01", "value": "godt"}], labels={"empty": "Ingen tal"})) == (
        '<p class="muted chart-empty">Ingen tal</p>'
    )
    one = str(line_chart([], target=90))
    assert "<polyline" not in one and ">Target 90</text>" in one


def test_site_map_places_sites_and_skips_those_without_coordinates():
    from web.charts import MapSite, site_map

    svg = str(site_map([
        MapSite("a", "Nord", 56.0, 11.0, True, "/site/a", [EVIL], True),
        MapSite("b", "Syd", 55.0, 11.0, False, "", []),
        MapSite("c", "Ukendt", None, None),
    ]))
    assert re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="(\d+)"', svg) == [("310.0", "30.0", "9"), ("310.0", "350.0", "6")]
    assert "Ukendt" not in svg and "&lt;script&gt;" in svg and "<script" not in svg
    assert str(site_map([MapSite("c", "Ukendt", None, None)])) == ""


def test_vis_assets_are_only_the_two_known_files():
    assert graphview.vis_asset("vis-network.min.js").name == "vis-network.min.js"
    assert graphview.vis_asset("vis-network.css").name == "vis-network.css"
    assert graphview.vis_asset("../../etc/passwd") is None


def test_picture_nodes_of_a_specialty(small_graph):
    assert graphview.specialty_nodes(small_graph, "reum", ["specialty", "ambition", "focus_area", "initiative", "person"]) == [
        "reum", "reum-amb", "reum-fa1", "reum-i1", "bjorn", "karen"
    ]
    nodes, total = graphview.programme_nodes(small_graph, ["initiative", "site"], limit=2)
    assert (nodes, total) == (["geri-i1", "reum-i1", "orphan-i"], 6)
