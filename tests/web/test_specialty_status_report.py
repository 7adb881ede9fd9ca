"""One specialty's status report in the browser (issue 21): the page with the running header for print,
sparklines as SVG, what moved since a date or decision, and the same report as Word. The app's clock
is pinned to 2026-11-16 (tests/web/test_followup_clock.py's fixtures)."""
from __future__ import annotations

import io
import re

import docx

from tests.web.test_followup_clock import app, as_person, clock  # noqa: F401  (the pinned-clock fixtures)


def _text(html: str) -> str:
    spaced = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
    return spaced.replace(" :", ":").replace("( ", "(").replace(" )", ")")  # the spaces the tags left


def _section(page: str, name: str) -> str:
    found = re.search(rf'<section class="card[^"]*" id="report-{name}">(.*?)</section>', page, re.S)
    assert found is not None, name
    return found.group(1)


def test_the_page_reports_the_ambition_focus_areas_initiatives_needs_and_signals(as_person):
    page = as_person("bjorn").get("/specialty/geri/status-report").get_data(as_text=True)
    assert '<p class="print-header">BASS · Geriatri · Statusrapport · perioden 2026-11-01 til 2026-11-16</p>' in page
    assert '<thead class="print-only">' in page and 'id="print-report" data-print' in page
    assert _text(_section(page, "ambition")) == "Strategisk ambition: Stærke geriatriske fællesskaber Status: På sporet (før 2026-11-01: i risiko)"
    fa1 = _section(page, "geri-fa1")
    assert _text(fa1).startswith("Robuste faglige miljøer Status: På sporet (før 2026-11-01: i risiko) "
                                 "Ejeren melder På sporet; beregnet nedefra: I risiko. "
                                 "1 af 3 indsatser er i risiko: Nattevagter på tværs "
                                 "indikator Besatte speciallægestillinger er ikke målt siden juni 2026")
    row = re.search(r'<tr id="report-geri-ind1">(.*?)</tr>', fa1, re.S).group(1)
    assert _text(row) == "Besatte speciallægestillinger På vej mod målet (40 %) 78 (2026-06-01) forsinket 78 Besatte speciallægestillinger"
    assert '<svg class="sparkline"' in row and 'points="3.0,25.0 117.0,17.7"' in row and '<line class="target"' in row
    initiatives = _section(page, "initiatives")
    assert [(s, _text(body)) for s, body in re.findall(r'<ul data-status="(\w+)">(.*?)</ul>', initiatives, re.S)] == [
        ("at_risk", "Nattevagter på tværs (før 2026-11-01: ingen statusopdatering endnu)"),
        ("on_track", "Fælles undervisning"),
        ("none", "Fælles rekrutteringskampagne"),
    ]
    assert _text(_section(page, "needed")) == ("Hvad der er brug for fra programstyregruppen "
                                               "Nattevagter på tværs: HR-pakken er ikke kommet (HR-pakke)")
    assert _text(_section(page, "signals")) == "Åbne signaler Robuste faglige miljøer: Nattevagterne dækkes ikke"
    assert _text(_section(page, "check-ins")).count("2026-11") == 2


def test_since_a_later_day_and_bad_since(as_person):
    client = as_person("bjorn")
    page = client.get("/specialty/geri/status-report?since=2026-11-03").get_data(as_text=True)
    assert "Perioden 2026-11-03 til 2026-11-16" in _text(page)
    assert _text(_section(page, "needed")) == "Hvad der er brug for fra programstyregruppen Ingen"
    answer = client.get("/specialty/geri/status-report?since=juni")
    assert answer.status_code == 400
    assert "&#39;juni&#39; er hverken en dato (ÅÅÅÅ-MM-DD) eller en beslutning" in answer.get_data(as_text=True)
    assert client.get("/specialty/nope/status-report").status_code == 404


def test_the_specialty_page_and_the_programme_report_link_to_it(as_person):
    client = as_person("bjorn")
    assert 'id="specialty-status-report" href="/specialty/geri/status-report"' in client.get("/specialty/geri").get_data(as_text=True)
    programme = client.get("/programme/bass/status-report").get_data(as_text=True)
    assert '<a href="/specialty/geri/status-report">Statusrapport: Geriatri</a>' in programme


def test_the_word_file_has_the_header_on_every_page_and_the_same_content(as_person):
    answer = as_person("bjorn").get("/specialty/geri/status-report.docx?since=2026-11-03")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == 'attachment; filename="geri-statusrapport.docx"'
    document = docx.Document(io.BytesIO(answer.data))
    assert document.sections[0].header.paragraphs[0].text == "BASS · Geriatri · Statusrapport · perioden 2026-11-03 til 2026-11-16"
    assert document.paragraphs[0].text == "Statusrapport: Geriatri"
