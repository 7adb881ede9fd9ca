"""The command line end to end, through real subprocesses on a real SQLite file."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import SMALL

ROOT = Path(__file__).resolve().parents[2]


def tracker(
    *args: str, store: Path | None = None, lang: str = "da", stdin: str | None = None, instance: Path | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env["TRACKER_LANG"] = lang
    if instance is not None:
        env["TRACKER_INSTANCE"] = str(instance)
    if store is not None:
        env["TRACKER_STORE"] = f"sqlite:///{store}"
    return subprocess.run(
        [sys.executable, "-m", "tracker.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT, input=stdin, timeout=120
    )


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(SMALL, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def loaded(tmp_path: Path, small_file: Path) -> Path:
    store = tmp_path / "store.db"
    result = tracker("import", str(small_file), store=store)
    assert result.returncode == 0, result.stderr
    return store


def test_import_then_again_changes_nothing(tmp_path, small_file):
    store = tmp_path / "s.db"
    first = tracker("import", str(small_file), store=store)
    assert first.stdout.strip() == "Importeret (revision 1): 34 nye, 0 ændrede, 0 slettede, 0 uændrede"
    second = tracker("import", str(small_file), store=store, lang="en")
    assert second.stdout.strip() == "Imported (revision 1): 0 created, 0 updated, 0 deleted, 34 unchanged"


def test_dry_run_writes_nothing(tmp_path, small_file):
    store = tmp_path / "s.db"
    result = tracker("import", str(small_file), "--dry-run", store=store)
    assert result.stdout.strip() == "Prøvekørsel, intet er skrevet: 34 nye, 0 ændrede, 0 slettede, 0 uændrede"
    audit = tracker("audit", store=store)
    assert audit.stdout == ""


def test_bad_file_names_file_item_and_field_and_writes_nothing(loaded, tmp_path):
    doc = json.loads(json.dumps(SMALL))
    doc["initiatives"][0]["title"] = "Ny titel"
    doc["initiatives"][2]["end"] = "2026-13-01"
    doc["focus_areas"][1]["addresses"] = ["ghost"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = tracker("import", str(bad), store=loaded, lang="en")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "Nothing was written. Problems:",
        f"{bad}: initiatives[2] (id 'orphan-i'), field 'end': is not a valid date (YYYY-MM-DD)",
    ]
    # fix the date: the dangling reference is caught by the store, still nothing written
    doc["initiatives"][2]["end"] = "2026-12-01"
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = tracker("import", str(bad), store=loaded, lang="en")
    assert result.returncode == 1
    assert result.stderr.splitlines()[1] == f"{bad}: focus_areas[1] (id 'geri-fa2'), field 'addresses': refers to 'ghost', which does not exist"
    trace = json.loads(tracker("trace", "geri-i1", "--format", "json", store=loaded).stdout)
    assert trace["initiative"]["title"] == "Fælles undervisning"


def test_not_utf8_and_malformed_yaml(loaded, tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("format: ambition-tracker/v1\nprogramme: {id: x, name: Sjælland}\n".encode("latin-1"))
    result = tracker("import", str(latin), store=loaded)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert str(latin) in result.stderr and "UTF-8" in result.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: ambition-tracker/v1\nprogramme: {id: x\n", encoding="utf-8")
    result = tracker("import", str(broken), store=loaded)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert str(broken) in result.stderr
    missing = tracker("import", str(tmp_path / "none.yaml"), store=loaded)
    assert missing.returncode == 1 and "none.yaml" in missing.stderr and "Traceback" not in missing.stderr


def test_trace_json(loaded):
    result = tracker("trace", "reum-i1", "--format", "json", store=loaded)
    doc = json.loads(result.stdout)
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


def test_trace_text_and_unknown_id(loaded):
    text = tracker("trace", "geri-i1", store=loaded).stdout
    assert text.splitlines()[0] == "Faglig indsats geri-i1: Fælles undervisning [I gang]"
    assert "    geri-pre1: Ressourcer til kompetenceudvikling [Aftalt]" in text.splitlines()
    unknown = tracker("trace", "nope", store=loaded)
    assert unknown.returncode == 1 and "nope" in unknown.stderr and "Traceback" not in unknown.stderr


def test_coverage_json(loaded):
    doc = json.loads(tracker("coverage", "--format", "json", store=loaded).stdout)
    assert doc["orphan_initiatives"] == ["orphan-i"]
    geri = next(s for s in doc["specialties"] if s["id"] == "geri")
    assert geri["focus_areas_without_initiatives"] == ["geri-fa2"]
    assert geri["unaddressed_challenges"] == ["geri-ch2"]
    assert geri["focus_areas_without_indicators"] == ["geri-fa2"]
    assert geri["prerequisites_not_met"] == ["geri-pre1"]
    reum = next(s for s in doc["specialties"] if s["id"] == "reum")
    assert reum["prerequisites_not_met"] == ["reum-pre1"]
    assert reum["core_team_complete"] is False


def test_check_and_synergies_json(loaded):
    findings = json.loads(tracker("check", "reum", "--format", "json", store=loaded).stdout)["findings"]
    assert {f["specialty"] for f in findings} == {"reum"}
    assert ("horizon", "reum-amb") in {(f["rule"], f["element"]) for f in findings}
    assert set(findings[0]) == {"rule", "severity", "specialty", "element", "message"}
    syn = json.loads(tracker("synergies", "geri", "--format", "json", store=loaded).stdout)["synergies"]
    assert [s["specialty"] for s in syn] == ["reum"]
    kinds = {r["kind"] for r in syn[0]["reasons"]}
    assert {"theme", "site", "person", "initiative"} <= kinds
    not_specialty = tracker("check", "geri-i1", store=loaded)
    assert not_specialty.returncode == 1 and "'geri-i1' er ikke et speciale" in not_specialty.stderr


def test_export_import_round_trip(loaded, tmp_path):
    out = tmp_path / "export.json"
    assert tracker("export", "-o", str(out), store=loaded).returncode == 0
    other = tmp_path / "other.db"
    assert tracker("import", str(out), store=other).returncode == 0
    again = tracker("export", store=other).stdout
    assert yaml.safe_load(again) == json.loads(out.read_text(encoding="utf-8"))


def test_schema_and_unknown_store():
    schema = json.loads(tracker("schema").stdout)
    assert "initiatives" in schema["properties"]
    bad = tracker("coverage", "--store", "mysql://x")
    assert bad.returncode == 1
    assert bad.stderr.strip() == "ukendt lager-URL 'mysql://x': brug sqlite:///sti/til/fil.db, bolt://vært:port eller neo4j://vært:port"
    bad = tracker("coverage", "--store", "mysql://x", lang="en")
    assert bad.stderr.strip() == "unknown store URL 'mysql://x': use sqlite:///path/to/file.db, bolt://host:port or neo4j://host:port"


def test_demo_loads_and_checks(tmp_path):
    store = tmp_path / "demo.db"
    assert tracker("demo", store=store).returncode == 0
    coverage = json.loads(tracker("coverage", "--format", "json", store=store).stdout)
    assert len(coverage["specialties"]) >= 4
    assert tracker("check", store=store).returncode == 0


def test_generate_writes_a_portfolio_that_imports(tmp_path):
    out = tmp_path / "gen.json"
    assert tracker("generate", "--nodes", "2000", "-o", str(out)).returncode == 0
    store = tmp_path / "gen.db"
    result = tracker("import", str(out), store=store, lang="en")
    assert result.returncode == 0, result.stderr
    created = int(result.stdout.split(": ")[1].split(" created")[0])
    assert 1800 <= created <= 2200


def test_user_add_and_list(tmp_path, small_file):
    store = tmp_path / "s.db"
    inst = tmp_path / "inst"
    assert tracker("import", str(small_file), store=store).returncode == 0
    added = tracker("user", "add", "eva", "--person", "eva", "--password-stdin", store=store, stdin="hemmeligt-ord\n", instance=inst)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Bruger eva oprettet"
    assert (inst / "users.db").exists()
    listed = tracker("user", "list", store=store, instance=inst)
    assert listed.stdout.split()[:2] == ["eva", "eva"]
    again = tracker("user", "add", "eva", "--password-stdin", store=store, stdin="hemmeligt-ord\n", instance=inst)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    ghost = tracker("user", "add", "x", "--person", "ghost", "--password-stdin", store=store, stdin="hemmeligt-ord\n", instance=inst)
    assert ghost.returncode == 1 and "person 'ghost' findes ikke" in ghost.stderr
