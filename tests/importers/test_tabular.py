"""Lists to CSV and Excel: exact text and exact cells."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from importers.tabular import csv_bytes, portfolio_to_xlsx, rows_to_csv, rows_to_xlsx, safe_sheet_title
from tests.conftest import SMALL

ROWS = [
    {"id": "geri-i1", "title": "Fælles undervisning", "focus_areas": ["geri-fa1", "reum-fa1"], "hours": 12.0, "status": "I gang"},
    {"id": "orphan-i", "title": "=HYPERLINK(\"x\")", "focus_areas": [], "hours": 2.5, "status": None},
    {"id": "reum-i1", "title": 'Citat "med" semikolon; og komma, her', "hours": None},
]
COLUMNS = [("id", "Id"), ("title", "Titel"), ("focus_areas", "Strategiske indsatsområder"), ("hours", "Timer"), ("status", "Status")]


def test_csv_exact_text():
    assert rows_to_csv(ROWS, COLUMNS) == (
        "Id;Titel;Strategiske indsatsområder;Timer;Status\r\n"
        "geri-i1;Fælles undervisning;geri-fa1, reum-fa1;12;I gang\r\n"
        "orphan-i;\"'=HYPERLINK(\"\"x\"\")\";;2.5;\r\n"
        "reum-i1;\"Citat \"\"med\"\" semikolon; og komma, her\";;;\r\n"
    )


def test_csv_with_comma_and_bom():
    text = rows_to_csv(ROWS[:1], COLUMNS[:3], delimiter=",")
    assert text == 'Id,Titel,Strategiske indsatsområder\r\ngeri-i1,Fælles undervisning,"geri-fa1, reum-fa1"\r\n'
    assert csv_bytes(text)[:3] == b"\xef\xbb\xbf"
    assert csv_bytes(text).decode("utf-8-sig") == text


def test_csv_of_no_rows_is_the_header():
    assert rows_to_csv([], COLUMNS[:2]) == "Id;Titel\r\n"


def test_xlsx_exact_cells():
    data = rows_to_xlsx(ROWS, COLUMNS, "Indsatser: forudsætning [HR]")
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Indsatser  forudsætning  HR"]
    ws = wb.active
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["Id", "Titel", "Strategiske indsatsområder", "Timer", "Status"],
        ["geri-i1", "Fælles undervisning", "geri-fa1, reum-fa1", 12, "I gang"],
        ["orphan-i", '=HYPERLINK("x")', None, 2.5, None],
        ["reum-i1", 'Citat "med" semikolon; og komma, her', None, None, None],
    ]
    assert ws["B3"].data_type == "s"  # text, never a formula
    assert ws["A1"].font.bold is True
    assert ws.freeze_panes == "A2"


def test_sheet_titles_are_made_acceptable():
    assert safe_sheet_title("a/b\\c?d*e") == "a b c d e"
    assert safe_sheet_title("x" * 40) == "x" * 31
    assert safe_sheet_title("[]") == "Ark"


def test_portfolio_workbook_is_the_importable_one():
    """The web's Excel download is the workbook that imports again (importers.xlsx_writer)."""
    from importers.xlsx_reader import changeset_from_xlsx

    wb = load_workbook(io.BytesIO(portfolio_to_xlsx(SMALL)))
    assert wb.sheetnames[:3] == ["Program", "Matrikler", "Specialer"]
    assert len(changeset_from_xlsx(portfolio_to_xlsx(SMALL), "p.xlsx").upserts) == 34


def test_control_characters_never_break_an_excel_download():
    from io import BytesIO

    from openpyxl import load_workbook

    from importers.tabular import rows_to_xlsx

    data = rows_to_xlsx([{"title": "Løs\x07 idé"}], [("title", "Titel")])
    ws = load_workbook(BytesIO(data)).active
    assert ws["A2"].value == "Løs\ufffd idé"
