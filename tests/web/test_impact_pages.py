"""What depends on an element in the browser's pages and the API (issue 23), on tests/impact_portfolio.py."""
from __future__ import annotations

import csv
import html
import io
import re
import shutil

import pytest
from flask import Flask
from openpyxl import load_workbook

from importers.document import changeset_from_document
from tests.impact_portfolio import impact_document
from web import create_app


@pytest.fixture
def impact_app(tmp_path, accounts_file) -> Flask:
    application = create_app({
        "TESTING": True, "STORE_URL": f"sqlite:///{tmp_path / 'portfolio.db'}", "USERS_DB": str(tmp_path / "users.db"),
        "SECRET_KEY": "test-secret", "READ_WITHOUT_LOGIN": True, "WTF_CSRF_ENABLED": False,
    })
    store = application.extensions["portfolio"].store
    store.apply(changeset_from_document(impact_document(), "impact.yaml"), "test")
    # Signed in as a reverse proxy says (tests/web/test_rights_matrix.py): one account per person of EDITORS.
    shutil.copyfile(accounts_file, application.config["USERS_DB"])
    application.config["TRUST_PROXY_USER_HEADER"] = "X-Test-User"

    yield application
    store.close()


@pytest.fixture
def web(impact_app):
    return impact_app.test_client()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _section(html: str) -> str:
    """The impact section to the end of the page's main part."""
    return html[html.index('<section class="card impact" id="impact"'):html.index("</main>")]


def test_the_support_offer_page_shows_counts_first_then_dependants_with_paths(web):
    page = web.get("/support-offer/hr").get_data(as_text=True)
    text = _text(_section(page))
    assert text.startswith("Hvad afhænger af dette 9 elementer i 3 specialer afhænger af dette. Pr. speciale Geriatri 6 Reumatologi 2 Lungemedicin 1 "
                           "Pr. sygehus Holbæk Sygehus 1 Køge Sygehus 1")
    assert "Indsats Nattevagter tjener indsatsområde Rekruttering, som forudsætning Fælles vagtlag muliggør, " \
           "som trækker på støttetilbud HR-pakke til fastholdelse" in text
    items = re.findall(r'<li data-id="([^"]+)">', page)
    assert sorted(items) == sorted(["geri-pre1", "geri-pre2", "geri-fa2", "geri-fa1", "geri-i1", "geri-ind1", "lung-i1", "reum-fa1", "reum-i1"])
    geri_i1 = re.search(r'<li data-id="geri-i1">.*?</ul></li>', page, re.S)
    assert geri_i1 is not None and geri_i1.group(0).count("<li>") == 2  # one initiative, both paths
    assert 'href="/impact/hr/dependants.xlsx"' in page and 'href="/impact/hr/dependants.csv"' in page


@pytest.mark.parametrize("path", ["/prerequisite/geri-pre1", "/site/holb", "/strength-position/geri-sp", "/person/eva",
                                  "/challenge/geri-ch1", "/focus-area/geri-fa1", "/impact/hr"])
def test_every_element_page_it_belongs_on_has_the_section(web, path):
    page = web.get(path)
    assert page.status_code == 200
    assert "Hvad afhænger af dette" in page.get_data(as_text=True)


def test_an_initiative_page_has_no_section_and_no_impact_page(web):
    assert "Hvad afhænger af dette" not in web.get("/initiative/geri-i1").get_data(as_text=True)
    assert web.get("/impact/geri-i1").status_code == 404
    assert web.get("/impact/nope").status_code == 404


def test_the_english_page_says_it_in_english(web):
    text = _text(web.get("/prerequisite/geri-pre2?lang=en").get_data(as_text=True))
    assert "What depends on this 2 elements in 1 specialties depend on it." in text
    assert "Initiative Fælles undervisning serves focus area Fastholdelse, which prerequisite Mentorordning enables" in text


def test_csv_and_excel_list_every_dependant_with_its_paths(web):
    answer = web.get("/impact/hr/dependants.csv")
    assert answer.headers["Content-Disposition"] == 'attachment; filename="hr-impact.csv"'
    rows = list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Speciale", "Type", "Id", "Titel", "Status", "Sygehuse", "Veje", "Hvorfor det afhænger"]
    assert [r[2] for r in rows[1:]] == ["geri-pre1", "geri-pre2", "geri-fa2", "geri-fa1", "geri-i1", "geri-ind1", "lung-i1", "reum-fa1", "reum-i1"]
    geri_i1 = next(r for r in rows if r[2] == "geri-i1")
    assert geri_i1[0] == "Geriatri" and geri_i1[5] == "Holbæk Sygehus" and geri_i1[6] == "2"
    assert geri_i1[7].splitlines() == [
        "Indsats Fælles undervisning tjener indsatsområde Robuste miljøer, som forudsætning Fælles vagtlag muliggør, "
        "som trækker på støttetilbud HR-pakke til fastholdelse",
        "Indsats Fælles undervisning tjener indsatsområde Fastholdelse, som forudsætning Mentorordning muliggør, "
        "som trækker på støttetilbud HR-pakke til fastholdelse",
    ]
    book = load_workbook(io.BytesIO(web.get("/impact/hr/dependants.xlsx").get_data()))
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["Speciale", "Type", "Id", "Titel"]
    assert [v[2] for v in values[1:]] == [r[2] for r in rows[1:]]


def test_the_api_gives_the_cli_json(web):
    doc = web.get("/api/v1/impact/hr").get_json()
    assert doc["total"] == 9 and [s["id"] for s in doc["by_specialty"]] == ["geri", "reum", "lung"]
    assert web.get("/api/v1/impact/nope").get_json()["error"]["message"] == "Fandt intet element med id 'nope'"
    wrong = web.get("/api/v1/impact/geri-i1?lang=en")
    assert wrong.status_code == 404 and wrong.get_json()["error"]["message"].startswith("'geri-i1' is an initiative; what depends")


def test_the_board_picture_has_titles_and_no_ids(impact_app, web):
    pg = impact_app.extensions["portfolio"].current()
    svg = web.get("/impact/hr/diagram.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    text = html.unescape(svg.get_data(as_text=True))  # Graphviz writes "-" as "&#45;"
    for title in ("HR-pakke til fastholdelse", "Fælles vagtlag", "Robuste miljøer", "Nattevagter", "Geriatri", "Lungemedicin", "Forklaring"):
        assert title in text, title
    ids = [i for kind in ("support_offer", "prerequisite", "focus_area", "initiative", "specialty") for i in pg.ids(kind)]
    assert [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)] == []  # as a word
    png = web.get("/impact/hr/diagram.png?download=1")
    assert png.headers["Content-Disposition"] == 'attachment; filename="hr-impact.png"'
    data = png.get_data()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 1200 and width / height >= 1.2  # wide: made for a 16:9 slide
    assert web.get("/impact/hr/diagram.gif").status_code == 404
    assert web.get("/impact/geri-i1/diagram.svg").status_code == 404
    assert 'id="impact-picture"' in web.get("/support-offer/hr").get_data(as_text=True)


def test_an_initiatives_trace_as_a_picture(impact_app, web):
    page = web.get("/initiative/lung-i1").get_data(as_text=True)
    assert 'href="/initiative/lung-i1/board.png?download=1"' in page
    svg = html.unescape(web.get("/initiative/lung-i1/board.svg").get_data(as_text=True))
    words = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))  # a long title is wrapped over two lines
    for title in ("Nattevagter", "Vagtlag", "Rekruttering", "Lungemedicin: Lunger i balance", "Reumatologi: Robust reumatologi",
                  "Fælles vagtlag (aftalt)", "HR-pakke til fastholdelse", "Forklaring"):
        assert title in words, title
    pg = impact_app.extensions["portfolio"].current()
    ids = [i for kind in ("support_offer", "prerequisite", "focus_area", "initiative", "ambition") for i in pg.ids(kind)]
    assert [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", svg)] == []
    assert web.get("/initiative/lung-i1/board.png").get_data()[:4] == b"\x89PNG"
    assert web.get("/initiative/geri-fa1/board.svg").status_code == 404
