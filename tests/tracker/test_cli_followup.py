"""``tracker followup`` end to end through ``main(argv)`` on the hand-built follow-up portfolio (issue 21)."""
from __future__ import annotations

import json

import pytest
import yaml

from tests.followup_portfolio import followup_document


@pytest.fixture
def followup_store(cli, store_path, tmp_path):
    path = tmp_path / "followup.yaml"
    path.write_text(yaml.safe_dump(followup_document(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = cli("import", str(path))
    assert result.code == 0, result.err
    return store_path


def test_evas_list_as_exact_json(cli, followup_store):
    result = cli("followup", "--person", "eva", "--on", "2026-11-16", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "person": "eva", "on": "2026-11-16", "count": 4,
        "items": [
            {"reason": "check_in_due", "element": "geri-i1", "kind": "initiative", "title": "Fælles undervisning",
             "specialty": "geri", "action": "check_in", "target": "geri-i1",
             "text": "Statusopdatering mangler for perioden 2026-11", "detail": {"period": "2026-11"}},
            {"reason": "reading_due", "element": "geri-ind1", "kind": "indicator", "title": "Besatte speciallægestillinger",
             "specialty": "geri", "action": "reading", "target": "geri-ind1",
             "text": "Måling mangler (seneste 2026-06-01, forfalden 2026-09-01)", "detail": {"since": "2026-06-01", "due": "2026-09-01"}},
            {"reason": "past_end", "element": "geri-i2", "kind": "initiative", "title": "Nattevagter på tværs",
             "specialty": "geri", "action": "edit", "target": "geri-i2",
             "text": "Slutdatoen 2026-10-31 er passeret, men indsatsen er ikke afsluttet", "detail": {"end": "2026-10-31"}},
            {"reason": "check_in_due", "element": "reum-i1", "kind": "initiative", "title": "Fælles rekrutteringskampagne",
             "specialty": "reum", "action": "check_in", "target": "reum-i1",
             "text": "Statusopdatering mangler for perioden 2026-11", "detail": {"period": "2026-11"}},
        ],
    }


def test_bjorns_list_as_text_in_english_and_one_specialty(cli, followup_store):
    result = cli("followup", "--person", "bjorn", "--on", "2026-11-16", "--lang", "en")
    assert result.out.splitlines() == [
        "To follow up for Bjørn Berg on 2026-11-16: 5",
        "Geriatri",
        "  - Strategic focus area Fælles vagtlag (geri-fa2): Check-in missing for the period 2026-11",
        "  - Strategic ambition Stærke geriatriske fællesskaber (geri-amb): Check-in missing for the period 2026-11",
        "  - Indicator Besatte speciallægestillinger (geri-ind1): Reading overdue (latest 2026-06-01, due 2026-09-01)",
        "  - Strategic focus area Robuste faglige miljøer (geri-fa1): Open signal: Nattevagterne dækkes ikke",
        "  - Initiative Nattevagter på tværs (geri-i2): Asks for help: HR-pakken er ikke kommet",
    ]
    whole = json.loads(cli("followup", "--on", "2026-11-16", "--specialty", "reum", "--format", "json").out)
    assert [(i["reason"], i["element"]) for i in whole["items"]] == [
        ("check_in_due", "reum-i1"), ("check_in_due", "reum-fa1"), ("check_in_due", "reum-amb")]


@pytest.mark.parametrize(("argv", "message"), [
    (["--person", "ghost"], "'ghost' er ikke en person i porteføljen"),
    (["--specialty", "geri-i1"], "'geri-i1' er ikke et speciale i porteføljen"),
    (["--on", "2026-13-01"], "'2026-13-01' er ikke en dato (ÅÅÅÅ-MM-DD)"),
])
def test_bad_arguments_are_one_line_quoting_the_value(cli, followup_store, argv, message):
    result = cli("followup", *argv)
    assert (result.code, result.err.strip(), result.out) == (1, message, "")


def test_generate_with_check_in_months_imports_and_has_a_follow_up(cli, store_path, tmp_path):
    out = tmp_path / "gen.json"
    assert cli("generate", "--nodes", "2000", "--check-in-months", "12", "-o", str(out)).code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["check_ins"]) > len([i for i in doc["initiatives"] if i["status"] == "in_progress"]) * 4  # started ones, a tenth missing
    assert {c["period"][:7] for c in doc["check_ins"]} == {f"2025-{m:02d}" for m in range(11, 13)} | {f"2026-{m:02d}" for m in range(1, 11)}
    assert len(doc["signals"]) == len(doc["specialties"])
    assert cli("import", str(out)).code == 0
    programme = json.loads(cli("followup", "--on", "2026-11-02", "--format", "json").out)
    assert programme["count"] > 0
