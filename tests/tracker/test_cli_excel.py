"""Excel through the command line: export (Danish or English headers), a blank template, import again."""
from __future__ import annotations

import io

import yaml
from openpyxl import load_workbook

from importers.xlsx_layout import SHEETS


def _workbook(path):
    return load_workbook(io.BytesIO(path.read_bytes()))


def test_export_to_xlsx_then_import_gives_the_same_portfolio(cli, loaded, tmp_path):
    book = tmp_path / "bass.xlsx"
    assert cli("export", "-o", str(book)).code == 0
    assert _workbook(book).sheetnames[:3] == ["Program", "Matrikler", "Specialer"]
    other = f"sqlite:///{tmp_path / 'other.db'}"
    result = cli("import", str(book), "--store", other)
    assert (result.code, result.out.strip()) == (0, "Importeret (revision 1): 34 nye, 0 ændrede, 0 slettede, 0 uændrede")
    assert yaml.safe_load(cli("export", "--store", other).out) == yaml.safe_load(cli("export").out)


def test_english_headers_and_format_option(cli, loaded, tmp_path):
    book = tmp_path / "bass.data"
    assert cli("export", "-o", str(book), "--format", "xlsx", "--lang", "en").code == 0
    wb = _workbook(book)
    assert wb.sheetnames[:3] == ["Programme", "Sites", "Specialties"]
    assert wb["Initiatives"]["A1"].value == [s for s in SHEETS if s.section == "initiatives"][0].columns[0].header("en")


def test_blank_template_has_every_sheet_and_no_rows(cli, tmp_path):
    book = tmp_path / "skabelon.xlsx"
    result = cli("export", "--template", "-o", str(book))
    assert (result.code, result.err) == (0, "")
    wb = _workbook(book)
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert [ws.title for ws in visible] == [s.name("da") for s in SHEETS]
    assert all(ws.max_row == 1 for ws in visible)


def test_a_workbook_needs_a_file_name(cli, loaded, tmp_path):
    bad = cli("export", "--format", "xlsx")
    assert (bad.code, bad.err) == (1, "en Excel-projektmappe skal have et filnavn: brug -o FIL.xlsx\n")
    bad = cli("export", "--template", "-o", str(tmp_path / "t.yaml"), "--lang", "en")
    assert (bad.code, bad.err) == (1, f"a template is an Excel workbook: use -o FILE.xlsx (not '{tmp_path / 't.yaml'}')\n")
    assert not (tmp_path / "t.yaml").exists()
