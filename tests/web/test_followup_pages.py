"""The follow-up in the browser's pages (issue 21): "Til opfølgning" from Min side, the check-in form
started from the previous check-in, and the roll-up, check-ins and open signals on the element pages."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from graph.changeset import ChangeSet, parse_record
from tests.web.test_rights_matrix import ENVIRON, matrix  # noqa: F401  (matrix: the shared fixture)

TODAY = dt.date.today()
LAST_MONTH = (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1).isoformat()


@pytest.fixture
def reported(matrix):
    """The matrix app with last month's check-in on geri's initiative (at risk) and an open signal on its focus area."""
    raw = [
        ("check_in", {"id": "geri-ci1", "subject": "geri-i1", "period": LAST_MONTH, "status": "at_risk", "by": "eva",
                      "happened": "Rekruttering i gang", "next": "Ansætte to sygeplejersker", "needed": "HR-pakken"}),
        ("signal", {"id": "geri-sig1", "subject": "geri-fa1", "text": "Nattevagter mangler", "raised_by": "kira", "kind": "barrier"}),
    ]
    matrix.extensions["portfolio"].store.apply(ChangeSet([parse_record(k, d, "test", "bass") for k, d in raw]), "test")
    return matrix


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_min_side_links_to_the_follow_up_list_and_each_item_to_its_form(reported, client):
    client.environ_base[ENVIRON] = "eva"
    me = client.get("/me").get_data(as_text=True)
    assert re.search(r'<a href="/me/followup">Til opfølgning \(\d+\)</a>', me)
    page = client.get("/me/followup").get_data(as_text=True)
    due = re.search(r'<li data-reason="check_in_due">(.*?)</li>', page, re.S)
    assert due is not None
    assert f"Statusopdatering mangler for perioden {TODAY.isoformat()[:7]}" in _text(due.group(1))
    assert 'href="/new/check_in?subject=geri-i1&amp;next=/me/followup"' in due.group(1)
    assert "Skriv statusopdateringen" in due.group(1)


def test_the_check_in_form_starts_from_the_previous_check_in(reported, client):
    client.environ_base[ENVIRON] = "eva"
    form = client.get("/new/check_in?subject=geri-i1").get_data(as_text=True)
    assert f'value="{TODAY.isoformat()}"' in form
    assert re.search(r'<option value="at_risk" selected', form)
    assert form.count("Ansætte to sygeplejersker") == 2  # what has happened, and what comes next


def test_the_focus_area_shows_its_roll_up_with_the_reason_and_the_open_signal(reported, client):
    client.environ_base[ENVIRON] = "bjorn"
    page = client.get("/focus-area/geri-fa1").get_data(as_text=True)
    rollup = _text(re.search(r'<section class="card rollup" id="rollup">(.*?)</section>', page, re.S).group(1))
    assert rollup == "Status nu: I risiko 1 af 3 indsatser er i risiko: Fælles undervisning"
    signals = _text(re.search(r'<ul class="signals">(.*?)</ul>', page, re.S).group(1))
    assert signals.startswith("Barriere: Nattevagter mangler")
    assert 'href="/new/signal?subject=geri-fa1' in page


def test_the_initiative_shows_its_check_ins_and_a_link_to_write_one(reported, client):
    client.environ_base[ENVIRON] = "eva"
    page = client.get("/initiative/geri-i1").get_data(as_text=True)
    row = _text(re.search(r'<tr id="geri-ci1">(.*?)</tr>', page, re.S).group(1))
    assert row == f"{LAST_MONTH[:7]} I risiko Rekruttering i gang Ansætte to sygeplejersker HR-pakken"
    assert 'href="/new/check_in?subject=geri-i1' in page


def test_the_specialty_page_shows_the_roll_up_of_each_focus_area_and_the_open_signals(reported, client):
    client.environ_base[ENVIRON] = "bjorn"
    page = client.get("/specialty/geri").get_data(as_text=True)
    section = re.search(r'<section class="doc-section card" id="followup">(.*?)</section>', page, re.S).group(1)
    row = _text(re.search(r'<tr id="rollup-geri-fa1">(.*?)</tr>', section, re.S).group(1))
    assert row.endswith("I risiko 1 af 3 indsatser er i risiko: Fælles undervisning")
    signals = _text(re.search(r'<ul class="signals">(.*?)</ul>', section, re.S).group(1))
    assert signals == "Robuste faglige miljøer · Barriere: Nattevagter mangler ( Kira Kerne )"
    assert "1 af 3 indsatsområder er i risiko: Robuste faglige miljøer" in _text(section)


def test_the_overview_row_shows_the_roll_up_and_the_open_signals_in_the_ambition_cell(reported, client):
    client.environ_base[ENVIRON] = "bjorn"
    page = client.get("/").get_data(as_text=True)
    row = re.search(r'<tr id="row-geri">(.*?)</tr>', page, re.S).group(1)
    followup = _text(re.search(r'<span class="overview-followup">(.*?)</span>\s*</td>', row, re.S).group(1))
    assert followup == "I risiko 7 statusopdateringer mangler 1 åbent signal"
    header = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
    assert header.count("<th") == 8  # no column added (the phase sits under the specialty's name)


def test_the_status_report_page_lists_each_specialty_and_prints_by_a_served_script(reported, client):
    client.environ_base[ENVIRON] = "bjorn"
    overview = client.get("/").get_data(as_text=True)
    assert '<a href="/programme/bass/status-report">Statusrapport: BASS</a>' in overview
    page = client.get("/programme/bass/status-report").get_data(as_text=True)
    geri = _text(re.search(r'<section class="card" id="report-geri">(.*?)</section>', page, re.S).group(1))
    assert geri.startswith("Geriatri : I risiko 1 af 3 indsatsområder er i risiko: Robuste faglige miljøer")
    assert "Åbne signaler Robuste faglige miljøer : Nattevagter mangler" in geri
    assert "Forfaldent " in geri and "Fælles undervisning : statusopdatering mangler" in geri.split("Forfaldent ")[1]
    assert '<button type="button" id="print-report" data-print>Udskriv</button>' in page
    assert '<script src="/static/print.js' in page
    assert "onclick" not in page
    assert client.get("/static/print.js").status_code == 200
    assert client.get("/programme/bass/status-report?since=juni").status_code == 400
    assert client.get("/programme/nope/status-report").status_code == 404
