"""Hostile files (issue 11): deep nesting, huge numbers, non-finite numbers, control characters, size.

Each is refused with one named message that locates it and quotes the value; none crashes.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from graph.problems import InvalidChangeSet
from importers.document import changeset_from_document
from importers.limits import Limits
from importers.loading import decode, parse_text, read_bytes
from importers.portfolio_file import read_portfolio
from tests.conftest import SMALL


def problems(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(InvalidChangeSet) as exc:
        read_portfolio(path)
    return [p.text(lang) for p in exc.value.problems]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def small_yaml() -> str:
    return yaml.safe_dump(SMALL, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("text", ["[" * 50_000 + "]" * 50_000, "- " * 50_000 + "x\n", "{a: " * 30_000 + "1" + "}" * 30_000])
def test_yaml_nested_fifty_thousand_deep_is_refused_with_its_position(tmp_path, text):
    path = write(tmp_path / "deep.yaml", text)
    assert path.stat().st_size >= 60_000
    found = problems(path)
    assert len(found) == 1
    assert found[0].startswith(f"{path}: the file is nested too deeply at line 1, column ")
    assert found[0].endswith("(at most 20 levels); a portfolio file uses five")
    assert problems(path, "da")[0].startswith(f"{path}: filen er indlejret for dybt i linje 1, kolonne ")


def test_json_two_thousand_deep_is_refused_not_a_recursion_error(tmp_path):
    path = write(tmp_path / "deep.json", "[" * 2000 + "]" * 2000)
    assert problems(path) == [f"{path}: is nested too deeply (at most 20 levels); a portfolio file uses five"]


def test_moderate_depth_is_named_by_item_and_field(tmp_path):
    doc = copy.deepcopy(SMALL)
    nested: object = "x"
    for _ in range(30):
        nested = [nested]
    doc["initiatives"][1]["description"] = nested
    for name, text in (("d.json", json.dumps(doc)), ("d.yaml", yaml.safe_dump(doc))):
        path = write(tmp_path / name, text)
        expected = f"{path}: initiatives[1] (id 'reum-i1'), field 'description.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0'"
        assert problems(path) == [f"{expected}: is nested too deeply (at most 20 levels); a portfolio file uses five"]


def test_five_thousand_digit_integer_names_item_and_field(tmp_path):
    digits = "7" * 5000
    json_path = write(tmp_path / "big.json", json.dumps(SMALL).replace('"horizon_months": 24', f'"horizon_months": {digits}'))
    yaml_path = write(tmp_path / "big.yaml", small_yaml().replace("horizon_months: 24", f"horizon_months: {digits}"))
    for path in (json_path, yaml_path):
        assert problems(path) == [
            f"{path}: ambitions[0] (id 'geri-amb'), field 'horizon_months': "
            f"the number has too many digits (5000; at most 30): {'7' * 60}…"
        ]
    assert problems(yaml_path, "da")[0].endswith(f"felt 'horizon_months': tallet har for mange cifre (5000; højst 30): {'7' * 60}…")


@pytest.mark.parametrize(
    ("raw", "shown"), [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity"), ("1e999", "1e999")]
)
def test_json_non_finite_numbers_are_refused(tmp_path, raw, shown):
    path = write(tmp_path / "nan.json", json.dumps(SMALL).replace('"lat": 55.71', f'"lat": {raw}'))
    assert problems(path) == [f"{path}: sites[0] (id 'holb'), field 'lat': must be a finite number, not '{shown}'"]


@pytest.mark.parametrize("raw", [".nan", ".inf", "-.Inf", "1e999"])
def test_yaml_non_finite_numbers_are_refused(tmp_path, raw):
    path = write(tmp_path / "nan.yaml", small_yaml().replace("lat: 55.71", f"lat: {raw}"))
    assert problems(path) == [f"{path}: sites[0] (id 'holb'), field 'lat': must be a finite number, not '{raw}'"]
    assert problems(path, "da") == [f"{path}: sites[0] (id 'holb'), felt 'lat': skal være et endeligt tal, ikke '{raw}'"]


def test_control_character_in_a_title_is_refused_and_quoted(tmp_path):
    yaml_path = write(tmp_path / "bell.yaml", small_yaml().replace("title: Løs idé", 'title: "Løs\\a idé"'))
    json_path = write(tmp_path / "bell.json", json.dumps(SMALL, ensure_ascii=False).replace('"Løs idé"', '"Løs\\u0007 idé"'))
    for path in (yaml_path, json_path):
        assert problems(path) == [
            f"{path}: initiatives[2] (id 'orphan-i'), field 'title': holds the control character U+0007, "
            "which text may not hold (only tab and newline): 'Løs\\x07 idé'"
        ]


def test_tab_and_newline_are_allowed_in_text(tmp_path):
    path = write(tmp_path / "tab.json", json.dumps(SMALL, ensure_ascii=False).replace('"Løs idé"', '"Løs\\tidé\\nnæste"'))
    titles = {r.id: r.data.get("title") for r in read_portfolio(path).upserts}
    assert titles["orphan-i"] == "Løs\tidé\nnæste"


def test_control_character_in_a_key_and_a_lone_surrogate(tmp_path):
    doc_text = json.dumps(SMALL).replace('"region"', '"reg\\u001bion"').replace('"Geriatri"', '"Geri\\ud800"')
    path = write(tmp_path / "key.json", doc_text)
    assert problems(path) == [
        f"{path}: programme (id 'bass'), field 'reg\\x1bion': holds the control character U+001B, "
        "which text may not hold (only tab and newline): 'reg\\x1bion'",
        f"{path}: specialties[0] (id 'geri'), field 'name': holds the control character U+D800, "
        "which text may not hold (only tab and newline): 'Geri\\ud800'",
    ]


def test_absurdly_long_text_is_refused_early_and_cut(tmp_path):
    path = write(tmp_path / "long.json", json.dumps(SMALL).replace('"Geriatri"', '"' + "g" * 200_000 + '"'))
    assert problems(path) == [
        f"{path}: specialties[0] (id 'geri'), field 'name': the text is too long (200000 characters; at most 100000): "
        f"'{'g' * 60}…'"
    ]


def test_file_size_is_checked_before_reading_and_before_decoding(tmp_path):
    path = write(tmp_path / "p.yaml", small_yaml())
    small = Limits(max_bytes=100)
    size = path.stat().st_size
    for call in (lambda: read_bytes(path, small), lambda: decode(path.read_bytes(), str(path), small)):
        with pytest.raises(InvalidChangeSet) as exc:
            call()
        assert [p.text("en") for p in exc.value.problems] == [
            f"{path}: the file is too large ({size} bytes; at most 100 bytes)"
        ]


def test_impossible_yaml_date_is_a_date_problem_not_a_crash(tmp_path):
    path = write(tmp_path / "date.yaml", small_yaml().replace("approved_on: '2026-03-01'", "approved_on: 2026-13-01"))
    assert problems(path) == [f"{path}: ambitions[0] (id 'geri-amb'), field 'approved_on', value '2026-13-01': is not a valid date (YYYY-MM-DD)"]


def test_parsed_documents_from_the_api_are_checked_too():
    doc = copy.deepcopy(SMALL)
    doc["sites"][1]["lon"] = float("nan")
    doc["people"][0]["name"] = "Bj\x00rn"
    doc["ambitions"][0]["horizon_months"] = 10**40
    with pytest.raises(InvalidChangeSet) as exc:
        changeset_from_document(doc, "request")
    assert [p.text("en") for p in exc.value.problems] == [
        "request: sites[1] (id 'slag'), field 'lon': must be a finite number, not 'nan'",
        "request: people[0] (id 'bjorn'), field 'name': holds the control character U+0000, "
        "which text may not hold (only tab and newline): 'Bj\\x00rn'",
        "request: ambitions[0] (id 'geri-amb'), field 'horizon_months': the number has too many digits (> 30; at most 30): …",
    ]


def test_a_plain_file_is_not_slowed_into_the_exact_depth_check():
    text = small_yaml()
    assert parse_text(text, "yaml", "x") == SMALL


def test_non_finite_numbers_written_as_text_are_refused(tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["situation"][0]["figures"] = {"senge": "nan"}
    doc["sites"][1]["lat"] = "-inf"
    path = write(tmp_path / "text.json", json.dumps(doc))
    assert problems(path) == [
        f"{path}: sites[1] (id 'slag'), field 'lat': must be a finite number, not '-inf'",
        f"{path}: situation[0] (id 'geri-sit1'), field 'figures.senge': must be a finite number, not 'nan'",
    ]


def test_a_list_as_a_key_is_a_syntax_message(tmp_path):
    """Found by the fuzzer: a complex key used to raise TypeError (unhashable type: 'list')."""
    path = write(tmp_path / "key.yaml", "? [a, b]\n: 1\n")
    assert problems(path) == [f"{path}: malformed YAML at line 1, column 3: found unhashable key"]
