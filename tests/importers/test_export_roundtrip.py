"""Export, write, read and import: the same portfolio comes back, and a second import changes nothing."""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
import yaml

from graph.changeset import ChangeSet
from graph.portfolio import PortfolioGraph
from graph.store.sqlite import SQLiteStore
from importers.document import changeset_from_document
from importers.portfolio_file import ProgrammeChoiceError, export_document, read_portfolio, write_document
from tests.conftest import SMALL


def records(store) -> dict[str, tuple]:
    """Every stored record as id -> (kind, data, programme)."""
    return {r.id: (r.kind, r.data, r.programme) for r in store.load().records}


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_small_round_trip_gives_identical_records(tmp_path, small_store, small_graph, suffix):
    path = tmp_path / f"export{suffix}"
    write_document(export_document(small_graph), path)
    other = SQLiteStore(tmp_path / "other.db")
    applied = other.apply(read_portfolio(path), "test")
    assert len(applied.created) == 34
    assert records(other) == records(small_store)
    other.close()


def test_import_twice_changes_nothing(tmp_path, small_store, small_graph):
    path = tmp_path / "export.yaml"
    write_document(export_document(small_graph), path)
    applied = small_store.apply(read_portfolio(path), "test")
    assert (applied.changed, applied.unchanged, applied.revision) == (False, 34, 1)
    assert small_store.revision() == 1
    assert len(small_store.audit()) == 1


def test_export_order_and_shape(small_graph):
    doc = export_document(small_graph)
    assert list(doc) == [
        "format", "revision", "programme", "sites", "specialties", "strength_positions", "people", "roles", "support_offers",
        "ambitions", "situation", "challenges", "prerequisites", "focus_areas", "indicators", "initiatives",
        "professional_ambitions", "position_parts", "meetings", "agenda_items", "decisions", "baselines", "synergy_links", "check_ins", "signals",
    ]
    assert doc["programme"] == {"id": "bass", "name": "BASS", "region": "Region Sjælland"}
    assert [s["id"] for s in doc["sites"]] == ["holb", "rosk", "slag"]
    assert [i["id"] for i in doc["initiatives"]] == ["geri-i1", "orphan-i", "reum-i1"]
    assert doc["initiatives"][1] == {"id": "orphan-i", "title": "Løs idé", "status": "planned"}
    # roles carry no id and come in order of person, role and target
    assert doc["roles"][0] == {"person": "bjorn", "role": "core_team", "specialty": "reum", "note": "geriatrisk perspektiv"}
    assert [(r["person"], r["role"]) for r in doc["roles"]] == [
        ("bjorn", "core_team"), ("bjorn", "specialty_owner"), ("eva", "implementation_lead"),
        ("karen", "specialty_owner"), ("mette", "secretariat"),
    ]
    # fields in the file format's order, not the store's alphabetical one
    assert list(doc["indicators"][0]) == ["id", "focus_area", "name", "kind", "unit", "baseline", "target", "readings"]
    assert doc["indicators"][0]["readings"][1] == {"date": "2026-06-01", "value": 78.0, "note": "ny rekruttering"}
    assert list(doc["challenges"][0]["perspectives"]) == ["professional", "staff"]


def test_programme_must_be_chosen_when_there_are_several(small_store, tmp_path):
    other = copy.deepcopy(SMALL)
    other["programme"] = {"id": "rh", "name": "Region Hovedstaden"}
    other["sites"] = [{"id": "hvid", "name": "Hvidovre Hospital", "kind": "acute_hospital"}]
    for key in ("specialties", "strength_positions", "people", "roles", "ambitions", "situation", "challenges",
                "prerequisites", "focus_areas", "indicators", "initiatives"):
        other[key] = []
    small_store.apply(changeset_from_document(other, "rh.yaml"), "test")
    pg = PortfolioGraph.from_store(small_store)
    with pytest.raises(ProgrammeChoiceError) as exc:
        export_document(pg)
    assert str(exc.value) == "the portfolio holds several programmes; choose one (programmes: bass, rh)"
    assert exc.value.programmes == ["bass", "rh"]
    with pytest.raises(ValueError, match=r"^no programme 'x' \(programmes: bass, rh\)$"):
        export_document(pg, "x")
    rh = export_document(pg, "rh")
    assert [s["id"] for s in rh["sites"]] == ["hvid"]
    assert rh["specialties"] == []
    assert [s["id"] for s in export_document(pg, "bass")["sites"]] == ["holb", "rosk", "slag"]


def test_empty_graph_has_no_programme_to_export():
    with pytest.raises(ProgrammeChoiceError) as exc:
        export_document(PortfolioGraph())
    assert str(exc.value) == "the portfolio holds no programme (programmes: none)"


def test_items_without_programme_follow_their_specialty(small_store):
    """Elements written without a programme (e.g. by an API client) still belong to their specialty's programme."""
    from graph.changeset import parse_record

    rec = parse_record("initiative", {"id": "new-i", "title": "Ny", "focus_areas": ["geri-fa1"]}, "api")
    small_store.apply(ChangeSet(upserts=[rec]), "test")
    doc = export_document(PortfolioGraph.from_store(small_store))
    assert "new-i" in [i["id"] for i in doc["initiatives"]]


def test_write_document_formats(tmp_path):
    doc = {"format": "ambition-tracker/v1", "programme": {"id": "bass", "name": "Bæredygtige akutsygehuse"}}
    yaml_text = write_document(doc, None)
    assert yaml_text == "format: ambition-tracker/v1\nprogramme:\n  id: bass\n  name: Bæredygtige akutsygehuse\n"
    json_text = write_document(doc, None, "json")
    assert json.loads(json_text) == doc
    assert "Bæredygtige" in json_text
    path = tmp_path / "out.json"
    assert write_document(doc, path) == json_text
    assert path.read_text(encoding="utf-8") == json_text
    assert write_document(doc, tmp_path / "out.yml") == yaml_text
    assert write_document(doc, tmp_path / "forced.txt", "yaml") == yaml_text
    assert oct(os.stat(path).st_mode & 0o777) == "0o644"
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        write_document(doc, None, "xml")
    with pytest.raises(ValueError, match=r"unknown file type '\.csv'"):
        write_document(doc, tmp_path / "out.csv")


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "portfolio.yaml"
    path.write_text("old\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_document({"format": "ambition-tracker/v1"}, path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["portfolio.yaml"]


def test_write_into_missing_folder_fails_and_writes_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_document({"format": "ambition-tracker/v1"}, tmp_path / "no" / "such.yaml")
    assert list(tmp_path.iterdir()) == []


def test_written_yaml_reads_back_as_the_document(small_graph, tmp_path):
    doc = export_document(small_graph)
    path = tmp_path / "x.yaml"
    text = write_document(doc, path)
    assert yaml.safe_load(text) == doc
    assert "Bjørn Berg" in text
    assert Path(path).read_text(encoding="utf-8") == text
