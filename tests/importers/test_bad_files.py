"""Every kind of bad portfolio file is refused with a message that locates it, and nothing is written."""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from graph.problems import InvalidChangeSet
from importers.portfolio_file import read_portfolio
from tests.conftest import SMALL


def problems(path: Path, lang: str = "en") -> list[str]:
    """The problems' texts that reading ``path`` gives."""
    with pytest.raises(InvalidChangeSet) as exc:
        read_portfolio(path)
    return [p.text(lang) for p in exc.value.problems]


def write_yaml(path: Path, doc: object) -> Path:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_missing_file(tmp_path):
    path = tmp_path / "none.yaml"
    assert problems(path) == [f"{path}: the file does not exist"]
    assert problems(path, "da") == [f"{path}: filen findes ikke"]


def test_folder_instead_of_file(tmp_path):
    path = tmp_path / "folder.yaml"
    path.mkdir()
    assert problems(path) == [f"{path}: the file cannot be read (is a directory)"]


def test_unknown_extension(tmp_path):
    path = tmp_path / "portfolio.txt"
    path.write_text("format: ambition-tracker/v1\n", encoding="utf-8")
    assert problems(path) == [f"{path}: unknown file type '.txt': use .yaml, .yml, .json or .xlsx"]
    assert problems(path, "da") == [f"{path}: ukendt filtype '.txt': brug .yaml, .yml, .json eller .xlsx"]


def test_not_utf8_names_byte_and_line(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("format: ambition-tracker/v1\nprogramme: {id: x, name: Sjælland}\n".encode("latin-1"))
    assert problems(path) == [f"{path}: the file is not UTF-8 text (byte 55, line 2: 0xE6); save it as UTF-8"]
    assert problems(path, "da") == [f"{path}: filen er ikke UTF-8-tekst (byte 55, linje 2: 0xE6); gem den som UTF-8"]


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(SMALL, ensure_ascii=False).encode("utf-8"))
    assert len(read_portfolio(path).upserts) == 34


def test_malformed_yaml_gives_line_and_column(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("format: ambition-tracker/v1\nprogramme: {id: x\n", encoding="utf-8")
    assert problems(path) == [f"{path}: malformed YAML at line 3, column 1: did not find expected ',' or '}}'"]


def test_malformed_json_gives_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "ambition-tracker/v1",\n  "programme": {"id": "x",}\n}\n', encoding="utf-8")
    assert problems(path) == [
        f"{path}: malformed JSON at line 3, column 27: Expecting property name enclosed in double quotes"
    ]


def test_yaml_that_is_not_a_mapping(tmp_path):
    listed = tmp_path / "list.yaml"
    listed.write_text("- format: ambition-tracker/v1\n", encoding="utf-8")
    assert problems(listed) == [f"{listed}: the file must hold one portfolio (format, programme, sites ...) but holds a list"]
    assert problems(listed, "da") == [
        f"{listed}: filen skal indeholde én portefølje (format, programme, sites ...), men indeholder en liste"
    ]
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert problems(empty) == [
        f"{empty}: the file must hold one portfolio (format, programme, sites ...) but holds nothing (the file is empty)"
    ]


def test_wrong_and_missing_format_marker(tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["format"] = "ambition-tracker/v2"
    wrong = write_yaml(tmp_path / "wrong.yaml", doc)
    assert problems(wrong) == [f"{wrong}, field 'format': format must be 'ambition-tracker/v1', found 'ambition-tracker/v2'"]
    del doc["format"]
    missing = write_yaml(tmp_path / "missing.yaml", doc)
    assert problems(missing) == [f"{missing}, field 'format': is required: write format: ambition-tracker/v1"]
    assert problems(missing, "da") == [f"{missing}, felt 'format': skal udfyldes: skriv format: ambition-tracker/v1"]


def test_unknown_top_level_and_item_keys(tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["projects"] = []
    doc["sites"][1]["colour"] = "blue"
    doc["challenges"][0]["perspectives"]["financial"] = "dyrt"
    path = write_yaml(tmp_path / "keys.yaml", doc)
    assert problems(path) == [
        f"{path}, field 'projects': unknown field",
        f"{path}: sites[1] (id 'slag'), field 'colour': unknown field",
        f"{path}: challenges[0] (id 'geri-ch1'), field 'perspectives.financial': unknown field",
    ]


def test_bad_enums_dates_and_too_long_text(tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["specialties"][0]["phase"] = "dreaming"
    doc["ambitions"][0]["approved_on"] = "1. marts 2026"
    doc["indicators"][0]["readings"][1]["date"] = "2026-02-30"
    doc["focus_areas"][2]["title"] = "x" * 301
    doc["initiatives"][0]["themes"] = ["happiness"]
    path = write_yaml(tmp_path / "values.yaml", doc)
    assert problems(path) == [
        f"{path}: specialties[0] (id 'geri'), field 'phase': 'dreaming' is not one of: "
        "preparation, ambition, analysis, implementation, operation",
        f"{path}: ambitions[0] (id 'geri-amb'), field 'approved_on', value '1. marts 2026': is not a valid date (YYYY-MM-DD)",
        f"{path}: focus_areas[2] (id 'reum-fa1'), field 'title': must be at most 300 characters",
        f"{path}: indicators[0] (id 'geri-ind1'), field 'readings.1.date', value '2026-02-30': is not a valid date (YYYY-MM-DD)",
        f"{path}: initiatives[0] (id 'geri-i1'), field 'themes': unknown theme 'happiness'; known themes: "
        "strong_environments, interdisciplinary_collaboration, professional_development, uniform_treatment, "
        "staff_capacity, wellbeing, work_planning, recruitment_retention, strength_position_link, responsibility, "
        "population_responsibility, planning_prioritisation",
    ]


def test_danish_item_message(tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["initiatives"][2]["status"] = "busy"
    path = write_yaml(tmp_path / "da.yaml", doc)
    assert problems(path, "da") == [
        f"{path}: initiatives[2] (id 'orphan-i'), felt 'status': 'busy' er ikke en af: "
        "planned (planlagt), in_progress (i gang), done (afsluttet), paused (sat på pause), stopped (stoppet)"
    ]


def test_yaml_numbers_where_text_belongs_are_refused_with_a_hint(tmp_path):
    """Chosen: ``id: 123`` is not taken as text silently (1.10 would become 1.1); the message says to quote it."""
    path = tmp_path / "numbers.yaml"
    text = yaml.safe_dump(SMALL, allow_unicode=True, sort_keys=False)
    text = text.replace("- id: geri\n  name: Geriatri", "- id: 123\n  name: Geriatri")
    text = text.replace("title: Løs idé", "title: 2026-01-01")
    text = text.replace("name: Mette Munk", "name: yes")
    path.write_text(text, encoding="utf-8")
    assert problems(path) == [
        f"{path}: specialties[0], field 'id': must be text, not a number; put the value in quotes, e.g. '123'",
        f"{path}: people[2] (id 'mette'), field 'name': must be text, not a true/false value; "
        "put the value in quotes, e.g. 'true'",
        f"{path}: initiatives[2] (id 'orphan-i'), field 'title': must be text, not a date; "
        "put the value in quotes, e.g. '2026-01-01'",
    ]
    assert problems(path, "da")[0] == (
        f"{path}: specialties[0], felt 'id': skal være tekst, ikke et tal; sæt anførselstegn om værdien, fx '123'"
    )


def test_yaml_dates_are_read_like_iso_text(tmp_path):
    """Unquoted YAML dates arrive as date objects and give the same records as quoted ones."""
    plain = tmp_path / "plain.yaml"
    text = re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", yaml.safe_dump(SMALL, allow_unicode=True))
    plain.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)["ambitions"][0]["approved_on"] == dt.date(2026, 3, 1)
    quoted = tmp_path / "quoted.json"
    quoted.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    from_yaml = {r.id: r.data for r in read_portfolio(plain).upserts}
    from_json = {r.id: r.data for r in read_portfolio(quoted).upserts}
    assert from_yaml == from_json
    assert from_yaml["geri-amb"]["approved_on"] == "2026-03-01"


def test_yaml_aliases_are_refused(tmp_path):
    path = tmp_path / "alias.yaml"
    path.write_text(
        "format: ambition-tracker/v1\n"
        "programme: {id: bass, name: BASS}\n"
        "sites:\n"
        "- &h {id: holb, name: Holbæk}\n"
        "- *h\n",
        encoding="utf-8",
    )
    assert problems(path) == [
        f"{path}: YAML anchors and aliases (&name, *name) are not allowed (line 4, column 3); write the value out"
    ]


def test_python_tags_are_refused(tmp_path):
    path = tmp_path / "tag.yaml"
    path.write_text("format: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    assert problems(path) == [
        f"{path}: malformed YAML at line 1, column 9: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"
    ]


def test_repeated_keys_are_refused(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("format: ambition-tracker/v1\nprogramme:\n  id: bass\n  name: BASS\n  id: other\n", encoding="utf-8")
    assert problems(path) == [f"{path}: the field 'id' is given twice in the same item (line 5, column 3)"]
    jpath = tmp_path / "twice.json"
    jpath.write_text('{"format": "ambition-tracker/v1", "programme": {"id": "a", "name": "A", "id": "b"}}', encoding="utf-8")
    assert problems(jpath) == [f"{jpath}: the field 'id' is given twice in the same item"]


def test_section_that_is_not_a_list(tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["sites"] = {"id": "holb", "name": "Holbæk"}
    path = write_yaml(tmp_path / "section.yaml", doc)
    assert problems(path)[0] == f"{path}, field 'sites': must be a list"


def test_dangling_references_are_caught_by_the_store_and_nothing_is_written(tmp_path, sqlite_store):
    doc = copy.deepcopy(SMALL)
    doc["focus_areas"][1]["addresses"] = ["ghost"]
    doc["initiatives"][0]["owner"] = "nobody"
    path = write_yaml(tmp_path / "dangling.yaml", doc)
    changes = read_portfolio(path)
    with pytest.raises(InvalidChangeSet) as exc:
        sqlite_store.apply(changes, "test")
    assert [p.text("en") for p in exc.value.problems] == [
        f"{path}: focus_areas[1] (id 'geri-fa2'), field 'addresses': refers to 'ghost', which does not exist",
        f"{path}: initiatives[0] (id 'geri-i1'), field 'owner': refers to 'nobody', which does not exist",
    ]
    assert sqlite_store.revision() == 0
    assert sqlite_store.counts() == {}
    assert sqlite_store.audit() == []


def test_bad_file_leaves_a_loaded_store_unchanged(tmp_path, small_store):
    before = {r.id: r.data for r in small_store.load().records}
    doc = copy.deepcopy(SMALL)
    doc["initiatives"][0]["title"] = "Ændret titel"
    doc["initiatives"][1]["site"] = "nowhere"
    path = write_yaml(tmp_path / "partly.yaml", doc)
    with pytest.raises(InvalidChangeSet):
        small_store.apply(read_portfolio(path), "test")
    assert small_store.revision() == 1
    assert {r.id: r.data for r in small_store.load().records} == before


def test_yml_and_upper_case_extensions_are_read(tmp_path):
    for name in ("portfolio.yml", "PORTFOLIO.YAML", "Portfolio.JSON"):
        path = tmp_path / name
        text = json.dumps(SMALL, ensure_ascii=False) if name.lower().endswith(".json") else yaml.safe_dump(SMALL, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        assert len(read_portfolio(path).upserts) == 34, name
