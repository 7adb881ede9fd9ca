"""The command line end to end, in-process through ``main(argv)`` on a real SQLite file."""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import SMALL


def test_import_then_again_changes_nothing(cli, store_path, small_file):
    first = cli("import", str(small_file))
    assert (first.code, first.out.strip()) == (0, "Importeret (revision 1): 34 nye, 0 ændrede, 0 slettede, 0 uændrede")
    second = cli("import", str(small_file), "--lang", "en")
    assert second.out.strip() == "Imported (revision 1): 0 created, 0 updated, 0 deleted, 34 unchanged"


def test_dry_run_writes_nothing(cli, store_path, small_file):
    result = cli("import", str(small_file), "--dry-run")
    lines = result.out.splitlines()
    assert lines[0] == "Prøvekørsel, intet er skrevet: 34 nye, 0 ændrede, 0 slettede, 0 uændrede"
    assert lines[1].startswith("nye (34): bass holb slag rosk geri reum ")
    assert lines[2:] == ["ændrede (0): -", "uændrede (0): -"]
    # Not even an empty store file: a later read would take it for an empty portfolio.
    assert not store_path.exists()
    assert cli("audit").code == 1


def test_bad_file_names_file_item_and_field_and_writes_nothing(cli, loaded, tmp_path):
    doc = json.loads(json.dumps(SMALL))
    doc["initiatives"][0]["title"] = "Ny titel"
    doc["initiatives"][2]["end"] = "2026-13-01"
    doc["focus_areas"][1]["addresses"] = ["ghost"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = cli("import", str(bad), "--lang", "en")
    assert result.code == 1
    assert result.err.splitlines() == [
        "Nothing was written. Problems:",
        f"{bad}: initiatives[2] (id 'orphan-i'), field 'end', value '2026-13-01': is not a valid date (YYYY-MM-DD)",
    ]
    # fix the date: the dangling reference is caught by the store, still nothing written
    doc["initiatives"][2]["end"] = "2026-12-01"
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = cli("import", str(bad), "--lang", "en")
    assert result.code == 1
    assert result.err.splitlines()[1] == (
        f"{bad}: focus_areas[1] (id 'geri-fa2'), field 'addresses': refers to 'ghost', which does not exist"
    )
    trace = json.loads(cli("trace", "geri-i1", "--format", "json").out)
    assert trace["initiative"]["title"] == "Fælles undervisning"


def test_not_utf8_malformed_yaml_and_missing_file(cli, loaded, tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("format: ambition-tracker/v1\nprogramme: {id: x, name: Sjælland}\n".encode("latin-1"))
    result = cli("import", str(latin))
    assert result.code == 1 and str(latin) in result.err and "UTF-8" in result.err
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: ambition-tracker/v1\nprogramme: {id: x\n", encoding="utf-8")
    result = cli("import", str(broken))
    assert result.code == 1 and f"{broken}: ugyldig YAML i linje 3" in result.err
    missing = cli("import", str(tmp_path / "none.yaml"))
    assert (missing.code, missing.err.splitlines()[1]) == (1, f"{tmp_path / 'none.yaml'}: filen findes ikke")


def test_trace_json(cli, loaded):
    doc = json.loads(cli("trace", "reum-i1", "--format", "json").out)
    ids = {key: [item["id"] for item in doc[key]] for key in
           ("focus_areas", "ambitions", "specialties", "prerequisites", "challenges", "indicators", "people")}
    assert doc["initiative"]["id"] == "reum-i1"
    assert ids["focus_areas"] == ["geri-fa1", "reum-fa1"]
    assert ids["ambitions"] == ["geri-amb", "reum-amb"]
    assert ids["specialties"] == ["geri", "reum"]
    assert ids["prerequisites"] == ["geri-pre1", "geri-pre2", "reum-pre1"]
    assert ids["challenges"] == ["geri-ch1", "reum-ch1"]
    assert ids["indicators"] == ["geri-ind1", "reum-ind1"]
    assert set(ids["people"]) == {"bjorn", "eva", "karen"}


def test_trace_text_and_unknown_id(cli, loaded):
    text = cli("trace", "geri-i1").out
    assert text.splitlines()[0] == "Faglig indsats geri-i1: Fælles undervisning [I gang]"
    assert "    geri-pre1: Ressourcer til kompetenceudvikling [Aftalt]" in text.splitlines()
    unknown = cli("trace", "nope")
    assert (unknown.code, unknown.err) == (1, "Fandt ingen faglig indsats med id 'nope'\n")
    unknown = cli("trace", "nope", "--lang", "en")
    assert (unknown.code, unknown.err) == (1, "No initiative with id 'nope'\n")


def test_coverage_json(cli, loaded):
    doc = json.loads(cli("coverage", "--format", "json").out)
    assert doc["orphan_initiatives"] == ["orphan-i"]
    geri = next(s for s in doc["specialties"] if s["id"] == "geri")
    assert geri["focus_areas_without_initiatives"] == ["geri-fa2"]
    assert geri["unaddressed_challenges"] == ["geri-ch2"]
    assert geri["focus_areas_without_indicators"] == ["geri-fa2"]
    assert geri["prerequisites_not_met"] == ["geri-pre1"]
    reum = next(s for s in doc["specialties"] if s["id"] == "reum")
    assert reum["prerequisites_not_met"] == ["reum-pre1"]
    assert reum["core_team_complete"] is False


def test_check_and_synergies_json(cli, loaded):
    findings = json.loads(cli("check", "reum", "--format", "json").out)["findings"]
    assert {f["specialty"] for f in findings} == {"reum"}
    assert ("horizon", "reum-amb") in {(f["rule"], f["element"]) for f in findings}
    assert set(findings[0]) == {"rule", "severity", "specialty", "element", "message"}
    syn = json.loads(cli("synergies", "geri", "--format", "json").out)["synergies"]
    assert [s["specialty"] for s in syn] == ["reum"]
    assert {"theme", "site", "person", "initiative"} <= {r["kind"] for r in syn[0]["reasons"]}
    not_specialty = cli("check", "geri-i1")
    assert (not_specialty.code, not_specialty.err) == (1, "'geri-i1' er ikke et speciale\n")


def test_export_import_round_trip(cli, loaded, tmp_path):
    out = tmp_path / "export.json"
    assert cli("export", "-o", str(out)).code == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert cli("import", str(out), "--store", other).code == 0
    again = cli("export", "--store", other).out
    assert yaml.safe_load(again) == json.loads(out.read_text(encoding="utf-8"))


def test_export_refuses_an_unknown_file_type_or_folder_before_writing(cli, loaded, tmp_path):
    bad = cli("export", "-o", str(tmp_path / "x.txt"))
    assert (bad.code, bad.err) == (1, f"ukendt filtype '.txt' for '{tmp_path / 'x.txt'}': brug .yaml, .yml, .json, .xlsx\n")
    nowhere = tmp_path / "no" / "x.yaml"
    bad = cli("export", "-o", str(nowhere), "--lang", "en")
    assert (bad.code, bad.err) == (1, f"the folder '{nowhere.parent}' for '{nowhere}' does not exist\n")
    assert not (tmp_path / "no").exists()
    unknown = cli("export", "--programme", "ghost")
    assert (unknown.code, unknown.err) == (1, "porteføljen har intet program 'ghost' (programmer: bass)\n")


def test_schema_and_unknown_store(cli):
    schema = json.loads(cli("schema").out)
    assert "initiatives" in schema["properties"]
    bad = cli("coverage", "--store", "mysql://x")
    assert bad.code == 1
    assert bad.err.strip() == "ukendt lager-URL 'mysql://x': brug sqlite:///sti/til/fil.db, bolt://vært:port eller neo4j://vært:port"
    bad = cli("coverage", "--store", "mysql://x", "--lang", "en")
    assert bad.err.strip() == "unknown store URL 'mysql://x': use sqlite:///path/to/file.db, bolt://host:port or neo4j://host:port"


def test_demo_loads_and_checks(cli, store_path):
    demo = cli("demo")
    assert (demo.code, demo.out) == (0, "Importeret (revision 1): 305 nye, 0 ændrede, 0 slettede, 0 uændrede\n")
    coverage = json.loads(cli("coverage", "--format", "json").out)
    assert [s["id"] for s in coverage["specialties"]] == ["endo", "geri", "kard", "lunge", "reum"]
    assert cli("check").code == 0


def test_generate_writes_a_portfolio_that_imports(cli, store_path, tmp_path):
    out = tmp_path / "gen.json"
    assert cli("generate", "--nodes", "2000", "-o", str(out)).code == 0
    result = cli("import", str(out), "--lang", "en")
    assert result.code == 0, result.err
    created = int(result.out.split(": ")[1].split(" created")[0].replace(",", ""))  # "2,000": thousands separated
    assert 1800 <= created <= 2200


def test_bad_language_in_the_environment_is_named(cli, monkeypatch):
    monkeypatch.setenv("TRACKER_LANG", "fr")
    result = cli("schema")
    assert result.code == 1
    assert result.err == "TRACKER_LANG='fr' kendes ikke: brug da eller en / TRACKER_LANG='fr' is not known: use da or en\n"


def test_default_store_is_in_the_instance_folder(cli, monkeypatch, small_file, tmp_path: Path):
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path / "inst"))
    assert cli("import", str(small_file)).code == 0
    assert (tmp_path / "inst" / "portfolio.db").is_file()
    assert cli("audit").out.startswith("r1  ")
