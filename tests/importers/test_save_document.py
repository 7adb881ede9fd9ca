"""save_document writes the very file write_document writes, without holding its text (issue 13: export memory)."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from importers import yaml_fast
from importers.portfolio_file import read_portfolio, save_document, write_document

DOC = {
    "format": "ambition-tracker/v1",
    "programme": {"id": "bass", "name": "BASS", "region": "Region Sjælland"},
    "sites": [
        {"id": "holb", "name": "Holbæk: nord", "kind": "acute_hospital", "lat": 55.7, "lon": 11.7},
        {"id": "roes", "name": "Roskilde", "kind": "other"},
    ],
    "specialties": [{"id": "geri", "name": "Geriatri \"ny\"", "phase": "ambition"}],
}


@pytest.mark.parametrize("name", ["out.json", "out.yaml", "out.yml"])
def test_the_file_is_the_same_byte_for_byte(tmp_path: Path, name: str):
    expected = write_document(copy.deepcopy(DOC), tmp_path / ("expected-" + name))
    save_document(copy.deepcopy(DOC), tmp_path / name)
    assert (tmp_path / name).read_text(encoding="utf-8") == expected
    assert (tmp_path / name).read_bytes() == (tmp_path / ("expected-" + name)).read_bytes()
    assert sorted(r.id for r in read_portfolio(tmp_path / name).upserts) == ["bass", "geri", "holb", "roes"]


def test_lines_go_out_in_batches_and_the_join_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(yaml_fast._Lines, "BATCH", 3)
    doc = {**DOC, "sites": [{"id": f"s{i}", "name": f"Sted {i}", "kind": "other"} for i in range(10)]}
    writes: list[str] = []
    assert yaml_fast.dump_to(doc, writes.append) is True
    assert len(writes) > 5
    assert "".join(writes) == yaml_fast.dump(doc)


def test_a_document_outside_the_simple_style_is_written_by_pyyaml_from_the_start(tmp_path: Path):
    doc = {**DOC, "extra": [[1, 2], {"x": []}]}  # a list in a list: not the simple style
    save_document(copy.deepcopy(doc), tmp_path / "odd.yaml")
    assert (tmp_path / "odd.yaml").read_text(encoding="utf-8") == write_document(copy.deepcopy(doc), None, "yaml")


def test_a_failed_write_leaves_the_old_file(tmp_path: Path):
    path = tmp_path / "out.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        save_document({"format": "ambition-tracker/v1", "bad": {1, 2}}, path)  # a set is no JSON
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
