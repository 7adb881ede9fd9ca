"""``tracker report`` end to end (issue 21): the programme's status report as Word, read back with python-docx."""
from __future__ import annotations

import docx
import pytest
import yaml

from tests.followup_portfolio import followup_document


@pytest.fixture
def report_store(cli, store_path, tmp_path):
    path = tmp_path / "followup.yaml"
    path.write_text(yaml.safe_dump(followup_document(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert cli("import", str(path)).code == 0
    return store_path


def test_the_report_names_per_specialty_its_check_ins_indicators_signals_and_overdue_items(cli, report_store, tmp_path):
    out = tmp_path / "status.docx"
    result = cli("report", "--programme", "bass", "--on", "2026-11-16", "--since", "2026-10-01", "-o", str(out))
    assert (result.code, result.out) == (0, f"statusrapporten er skrevet til {out}\n")
    document = docx.Document(str(out))
    lines = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert lines == [
        ("Title", "Statusrapport: BASS"), ("Normal", "Perioden 2026-10-01 til 2026-11-16"),
        ("Heading 1", "Geriatri"), ("Normal", "Status: På sporet"),
        ("Heading 2", "Statusopdateringer i perioden"),
        ("Normal", "Indikatorer på sporet: Besatte speciallægestillinger"), ("Normal", "Indikatorer ikke på sporet: Ingen"),
        ("Heading 2", "Åbne signaler"), ("List Bullet", "Robuste faglige miljøer: Nattevagterne dækkes ikke"),
        ("Heading 2", "Forfaldent"),
        ("List Bullet", "Fælles undervisning: statusopdatering mangler"), ("List Bullet", "Fælles vagtlag: statusopdatering mangler"),
        ("List Bullet", "Stærke geriatriske fællesskaber: statusopdatering mangler"),
        ("List Bullet", "Besatte speciallægestillinger: måling forfalden"), ("List Bullet", "Nattevagter på tværs: slutdato passeret"),
        ("Heading 1", "Reumatologi"),
        ("Normal", "Status: Ingen status endnu (ingen statusopdateringer eller målinger at gå ud fra)"),
        ("Heading 2", "Statusopdateringer i perioden"), ("Normal", "Ingen"),
        ("Normal", "Indikatorer på sporet: Ingen"), ("Normal", "Indikatorer ikke på sporet: Ingen"),
        ("Heading 2", "Åbne signaler"), ("Normal", "Ingen"),
        ("Heading 2", "Forfaldent"),
        ("List Bullet", "Fælles rekrutteringskampagne: statusopdatering mangler"),
        ("List Bullet", "Rekruttering af reumatologer: statusopdatering mangler"),
        ("List Bullet", "Robust reumatologi: statusopdatering mangler"),
    ]
    assert [[[c.text for c in r.cells] for r in t.rows] for t in document.tables] == [[
        ["Om", "Periode", "Status", "Hvad er sket / hvad er der brug for"],
        ["Fælles undervisning", "2026-10", "På sporet", ""],
        ["Nattevagter på tværs", "2026-11", "I risiko", "Vagtplan klar / HR-pakken er ikke kommet"],
        ["Robuste faglige miljøer", "2026-11", "På sporet", ""],
    ]]


def test_an_unknown_programme_is_one_line_and_no_file(cli, report_store, tmp_path):
    out = tmp_path / "status.docx"
    result = cli("report", "--programme", "nope", "-o", str(out))
    assert (result.code, result.err) == (1, "'nope' er ikke et program i porteføljen\n")
    assert not out.exists()


def test_a_specialty_report_in_word_since_a_decision(cli, store_path, tmp_path):
    doc = followup_document()
    doc["decisions"] = [{"id": "dec-okt", "ambition": "geri-amb", "outcome": "approved", "decided_on": "2026-10-15",
                         "reason": "Godkendt på mødet"}]
    path = tmp_path / "followup.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert cli("import", str(path)).code == 0
    out = tmp_path / "geri.docx"
    result = cli("report", "geri", "--on", "2026-11-16", "--since", "dec-okt", "-o", str(out))
    assert (result.code, result.out) == (0, f"statusrapporten er skrevet til {out}\n")
    document = docx.Document(str(out))
    assert document.sections[0].header.paragraphs[0].text == "BASS · Geriatri · Statusrapport · perioden 2026-10-15 til 2026-11-16"
    lines = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert lines == [
        ("Title", "Statusrapport: Geriatri"), ("Normal", "Perioden 2026-10-15 til 2026-11-16"),
        ("Heading 1", "Ambitionen: Stærke geriatriske fællesskaber"), ("Normal", "Status: På sporet (før 2026-10-15: i risiko)"),
        ("Heading 2", "Robuste faglige miljøer"), ("Normal", "Status: På sporet (før 2026-10-15: i risiko)"),
        ("Normal", "Ejeren melder På sporet; beregnet nedefra: I risiko."),
        ("List Bullet", "1 af 3 indsatser er i risiko: Nattevagter på tværs"),
        ("List Bullet", "indikator Besatte speciallægestillinger er ikke målt siden juni 2026"),
        ("Heading 2", "Fælles vagtlag"), ("Normal", "Status: Ingen status endnu"),
        ("List Bullet", "ingen statusopdateringer eller målinger at gå ud fra"),
        ("Heading 1", "Indsatser efter status"),
        ("Heading 2", "I risiko"), ("List Bullet", "Nattevagter på tværs (før 2026-10-15: ingen statusopdatering endnu)"),
        ("Heading 2", "På sporet"), ("List Bullet", "Fælles undervisning"),
        ("Heading 2", "Ingen statusopdatering endnu"), ("List Bullet", "Fælles rekrutteringskampagne"),
        ("Heading 1", "Hvad der er brug for fra programstyregruppen"),
        ("List Bullet", "Nattevagter på tværs: HR-pakken er ikke kommet (HR-pakke)"),
        ("Heading 1", "Åbne signaler"), ("List Bullet", "Robuste faglige miljøer: Nattevagterne dækkes ikke"),
        ("Heading 1", "Statusopdateringer i perioden"),
    ]
    assert [[[c.text for c in r.cells] for r in t.rows] for t in document.tables] == [
        [["Indikator", "Fremdrift", "Seneste måling", "Måling før 2026-10-15", "Udvikling"],
         ["Besatte speciallægestillinger", "På vej mod målet (40 %)", "78 (2026-06-01)", "78", "▁▃ → 90"]],
        [["Om", "Periode", "Status", "Hvad er sket / hvad er der brug for"],
         ["Nattevagter på tværs", "2026-11", "I risiko", "Vagtplan klar / HR-pakken er ikke kommet"],
         ["Robuste faglige miljøer", "2026-11", "På sporet", ""]],
    ]


@pytest.mark.parametrize(("argv", "message"), [
    (["report", "nope", "-o", "{out}"], "'nope' er ikke et speciale i porteføljen"),
    (["report", "geri", "--since", "sidste møde", "-o", "{out}"], "'sidste møde' er hverken en dato (ÅÅÅÅ-MM-DD) eller en beslutning"),
    (["report", "-o", "{out}"], "giv et speciale eller --programme (ikke begge)"),
    (["report", "geri", "--programme", "bass", "-o", "{out}"], "giv et speciale eller --programme (ikke begge)"),
])
def test_bad_report_arguments_are_one_line_and_no_file(cli, report_store, tmp_path, argv, message):
    out = tmp_path / "status.docx"
    result = cli(*[a.format(out=out) for a in argv])
    assert (result.code, result.err) == (1, message + "\n")
    assert not out.exists()
