"""Lists to CSV and Excel, for people who continue in a spreadsheet.

Cells are made safe for spreadsheets: text that begins like a formula (``=``, ``+``, ``-``, ``@``)
is kept as text, so an exported title can never run as a formula on someone's machine.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

# openpyxl (with numpy, 0.1 s) is imported by the functions that write a workbook, not when the
# web front end or a command starts: most never write one.
if TYPE_CHECKING:
    from openpyxl import Workbook


#: (row key, column header) pairs.
Columns = Sequence[tuple[str, str]]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def cell_text(value: object) -> str:
    """Return a value as a person reads it in one cell: lists joined with ", ", whole numbers without ".0", None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {cell_text(v)}" for k, v in value.items())
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv_safe(text: str) -> str:
    # A leading apostrophe is what spreadsheets themselves use to mark "this is text".
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows_to_csv(rows: Iterable[dict], columns: Columns, delimiter: str = ";") -> str:
    """Return the rows as CSV text with a header line; one column per (key, header), in that order.

    The default delimiter is ``;``, which Danish Excel expects. Encode with ``csv_bytes`` for a
    download that Excel opens as UTF-8.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow([_csv_safe(cell_text(row.get(key))) for key, _ in columns])
    return out.getvalue()


def csv_bytes(text: str) -> bytes:
    """Return CSV text as UTF-8 with a byte-order mark (without it Excel guesses the wrong encoding)."""
    return text.encode("utf-8-sig")


def _cell_value(value: object) -> object:
    """A value as an Excel cell holds it: numbers and dates as such, everything else as text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return cell_text(value)
    if isinstance(value, int | float | dt.date):
        return value
    # An Excel file cannot hold control characters; one stored before they were refused must not
    # make the whole download fail, so it is shown as U+FFFD.
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", cell_text(value))


def safe_sheet_title(title: str) -> str:
    """Return a title Excel accepts for a sheet: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = _SHEET_FORBIDDEN.sub(" ", title).strip() or "Ark"
    return cleaned[:31]


def _fill_sheet(ws, rows: Iterable[dict], columns: Columns) -> None:  # noqa: ANN001 - openpyxl worksheet
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    ws.append([header for _, header in columns])
    for cell in ws[1]:
        cell.font = bold
    widths = [len(header) for _, header in columns]
    for r, row in enumerate(rows, start=2):
        for c, (key, _) in enumerate(columns, start=1):
            value = _cell_value(row.get(key))
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                # openpyxl turns text that starts with "=" into a formula; keep it text.
                cell.data_type = "s"
            widths[c - 1] = max(widths[c - 1], len(cell_text(value)))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A2"


def _workbook_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rows_to_xlsx(rows: Iterable[dict], columns: Columns, sheet_title: str = "Liste") -> bytes:
    """Return an Excel workbook (.xlsx bytes) of one sheet: a bold header row, then one row per item."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = safe_sheet_title(sheet_title)
    _fill_sheet(ws, rows, columns)
    return _workbook_bytes(wb)


def portfolio_to_xlsx(doc: dict, lang: str = "da") -> bytes:
    """Return a portfolio document (file format v1) as the Excel workbook that imports again (importers.xlsx_writer)."""
    from importers.xlsx_writer import workbook_bytes

    return workbook_bytes(doc, lang)
