"""``tracker impact`` end to end through ``main(argv)`` on the hand-built portfolio of tests/impact_portfolio.py (issue 23)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from graph.queries.whatif import fail
from graph.store import open_store
from tests.impact_portfolio import impact_document
from tracker.stores import load_graph


@pytest.fixture
def impact_store(cli, store_path, tmp_path):
    path = tmp_path / "impact.yaml"
    path.write_text(yaml.safe_dump(impact_document(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = cli("import", str(path))
    assert result.code == 0, result.err
    return store_path


def test_impact_as_json_has_the_exact_sets_and_both_paths(cli, impact_store):
    result = cli("impact", "hr", "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    ids = {(item["kind"], item["id"]) for g in doc["groups"] for part in g["kinds"] for item in part["items"]}
    assert ids == {
        ("prerequisite", "geri-pre1"), ("prerequisite", "geri-pre2"), ("focus_area", "geri-fa1"), ("focus_area", "geri-fa2"),
        ("focus_area", "reum-fa1"), ("initiative", "geri-i1"), ("initiative", "lung-i1"), ("initiative", "reum-i1"),
        ("indicator", "geri-ind1"),
    }
    assert [(s["id"], s["count"]) for s in doc["by_specialty"]] == [("geri", 6), ("reum", 2), ("lung", 1)]
    lung = next(item for g in doc["groups"] for part in g["kinds"] for item in part["items"] if item["id"] == "lung-i1")
    assert [p["ids"] for p in lung["paths"]] == [["hr", "geri-pre1", "reum-fa1", "lung-i1"]]
    geri = next(item for g in doc["groups"] for part in g["kinds"] for item in part["items"] if item["id"] == "geri-i1")
    assert [p["ids"] for p in geri["paths"]] == [["hr", "geri-pre1", "geri-fa1", "geri-i1"], ["hr", "geri-pre2", "geri-fa2", "geri-i1"]]


def test_impact_as_text_counts_first_then_paths(cli, impact_store):
    result = cli("impact", "geri-pre2", "--lang", "en")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Prerequisite geri-pre2: Mentorordning",
        "  2 depend on it",
        "  per specialty: Geriatri 2",
        "  per hospital: Holbæk Sygehus 1",
        "",
        "Specialty: Geriatri",
        "  Strategic focus area (1):",
        "    geri-fa2: Fastholdelse",
        "      - Focus area Fastholdelse is enabled by prerequisite Mentorordning",
        "  Initiative (1):",
        "    geri-i1: Fælles undervisning",
        "      - Initiative Fælles undervisning serves focus area Fastholdelse, which prerequisite Mentorordning enables",
    ]


@pytest.mark.parametrize(("argv", "message"), [
    (["impact", "nope"], "Fandt intet element med id 'nope'"),
    (["impact", "geri-i1"], "'geri-i1' er en faglig indsats; hvad der afhænger af et element vises for forudsætninger, støttetilbud, "
                            "matrikler, styrkepositioner, personer, kerneudfordringer og indsatsområder"),
    (["trace", "geri-fa1"], "'geri-fa1' er et indsatsområde, ikke en faglig indsats"),
    (["--lang", "en", "trace", "hr"], "'hr' is a support offer, not an initiative"),
])
def test_bad_ids_are_one_line(cli, impact_store, argv, message):
    result = cli(*argv)
    assert (result.code, result.err.strip(), result.out) == (1, message, "")


def test_trace_tells_what_is_to_reconfirm_after_a_failed_prerequisite(cli, impact_store):
    url = f"sqlite:///{impact_store}"
    pg = load_graph(url)
    with open_store(url) as store:
        store.apply(fail(pg, "geri-pre2", "karen", dt.date(2026, 11, 2)), "test")
    lines = cli("trace", "geri-i1", "--lang", "en").out.splitlines()
    assert lines[-2:] == [
        "  to re-confirm: geri-i1 (geri-pre2 Mentorordning failed)",
        "  to re-confirm: geri-fa2 (geri-pre2 Mentorordning failed)",
    ]
