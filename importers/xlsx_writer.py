"""A portfolio document (file format v1) as an Excel workbook that people can fill and import again.

One sheet per section in file-format order (importers.xlsx_layout), headers in Danish or English,
pick lists (data validation) for every enumeration and for every reference (the ids of the sheet
referred to), dates as Excel dates, and text always stored as text: ``=SUM(A1)`` or ``+45 1234``
in a title is shown as written and never runs as a formula. ``template=True`` gives the same
workbook without rows, for a new specialty.

Excel keeps 15 significant digits of a number; a portfolio's figures, coordinates and targets
have far fewer, so they come back unchanged.
"""
from __future__ import annotations

import datetime as dt
import io
import json

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import IntProperty
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from importers.xlsx_layout import (
    DATE,
    ENUM,
    JSON,
    LISTS_SHEET,
    NUMBER,
    REF,
    REF_LIST,
    REVISION_PROPERTY,
    SHEETS,
    THEME_LIST,
    VALUE,
    Column,
    Sheet,
    choice_label,
)

_LAST_ROW = 1_048_576
_FORMULA_START = ("=", "+", "-", "@")


def _text(value: object) -> str:
    text = value if isinstance(value, str) else str(value)
    # A control character cannot be stored in a workbook; one kept from before it was refused is shown as U+FFFD.
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _rows(sheet: Sheet, doc: dict) -> list[dict]:
    """The rows of a sheet as field key -> value, in document order."""
    if sheet.parent is None:
        raw = doc.get(sheet.section)
        if raw is None:
            return []
        return [raw] if sheet.section == "programme" else list(raw)
    rows: list[dict] = []
    for owner in doc.get(sheet.parent) or []:
        if sheet.section == "figures":
            for name, value in (owner.get("figures") or {}).items():
                row = {"situation": owner["id"], "name": name}
                row.update(value if isinstance(value, dict) else {"value": value})
                rows.append(row)
        else:
            rows.extend({"indicator": owner["id"], **reading} for reading in owner.get("readings") or [])
    return rows


def _value_of(row: dict, column: Column) -> object:
    if "." in column.key:
        outer, inner = column.key.split(".", 1)
        nested = row.get(outer)
        return nested.get(inner) if isinstance(nested, dict) else None
    return row.get(column.key)


def _put(ws: Worksheet, r: int, c: int, value: object, column: Column, lang: str) -> None:
    if value is None or value == [] or value == "":
        return
    if column.kind == ENUM and isinstance(value, str):
        value = choice_label(value, lang)
    elif column.kind == THEME_LIST and isinstance(value, list):
        value = ", ".join(choice_label(str(v), lang) for v in value)
    elif column.kind == JSON:
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif column.kind == REF_LIST and isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    elif column.kind == DATE and isinstance(value, str | dt.date):
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is not None:
            cell = ws.cell(row=r, column=c, value=day)
            cell.number_format = "yyyy-mm-dd"
            return
    if column.kind in (NUMBER, VALUE) and isinstance(value, int | float) and not isinstance(value, bool):
        ws.cell(row=r, column=c, value=value)
        return
    cell = ws.cell(row=r, column=c, value=_text(value))
    # openpyxl takes text that starts with "=" for a formula; it is text. The quote prefix keeps
    # Excel from turning it into one when someone edits the cell.
    cell.data_type = "s"
    if cell.value.startswith(_FORMULA_START):
        cell.quotePrefix = True


def _quoted(sheet_name: str) -> str:
    return "'" + sheet_name.replace("'", "''") + "'"


class _PickLists:
    """The hidden sheet of enumeration choices, one column per distinct list."""

    def __init__(self, wb: Workbook, lang: str):
        self.lang = lang
        self.ws = wb.create_sheet(LISTS_SHEET[0 if lang == "da" else 1])
        self.ws.sheet_state = "hidden"
        self.ranges: dict[tuple[str, ...], str] = {}

    def range_of(self, column: Column) -> str:
        if column.choices not in self.ranges:
            c = len(self.ranges) + 1
            letter = get_column_letter(c)
            self.ws.cell(row=1, column=c, value=column.header(self.lang))
            for r, choice in enumerate(column.choices, start=2):
                self.ws.cell(row=r, column=c, value=choice_label(choice, self.lang)).data_type = "s"
            last = len(column.choices) + 1
            self.ranges[column.choices] = f"{_quoted(self.ws.title)}!${letter}$2:${letter}${last}"
        return self.ranges[column.choices]


def _validate(ws: Worksheet, sheet: Sheet, lists: _PickLists, names: dict[str, str], lang: str) -> None:
    for c, column in enumerate(sheet.columns, start=1):
        if column.kind in (ENUM, THEME_LIST):
            formula = lists.range_of(column)
        elif column.kind in (REF, REF_LIST) and column.target is not None:
            formula = f"{_quoted(names[column.target])}!$A$2:$A${_LAST_ROW}"
        else:
            continue
        many = column.kind in (THEME_LIST, REF_LIST)
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
        # A cell of several values ("a, b") is not one of the list; offer the list but let it stand.
        dv.showErrorMessage = not many
        dv.errorTitle = "Ugyldig værdi" if lang == "da" else "Invalid value"
        dv.error = ("Vælg en værdi fra listen" if lang == "da" else "Choose a value from the list")
        letter = get_column_letter(c)
        dv.add(f"{letter}2:{letter}{_LAST_ROW}")
        ws.add_data_validation(dv)


def workbook_bytes(doc: dict | None, lang: str = "da", template: bool = False) -> bytes:
    """Return the portfolio document as .xlsx bytes; ``template=True`` (or no document) gives the sheets without rows.

    >>> data = workbook_bytes(None, "en")
    >>> data[:2]
    b'PK'
    """
    doc = {} if template or doc is None else doc
    wb = Workbook()
    wb.remove(wb.active)
    names = {sheet.section: sheet.name(lang) for sheet in SHEETS}
    bold = Font(bold=True)
    sheets: list[tuple[Worksheet, Sheet]] = []
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name(lang))
        widths = []
        for c, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=1, column=c, value=column.header(lang))
            cell.font = bold
            widths.append(len(column.header(lang)))
        for r, row in enumerate(_rows(sheet, doc), start=2):
            for c, column in enumerate(sheet.columns, start=1):
                value = _value_of(row, column)
                _put(ws, r, c, value, column, lang)
                if value is not None and c - 1 < len(widths):
                    widths[c - 1] = max(widths[c - 1], min(len(str(value)), 60))
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 10), 60)
        ws.freeze_panes = "A2"
        sheets.append((ws, sheet))
    lists = _PickLists(wb, lang)
    for ws, sheet in sheets:
        _validate(ws, sheet, lists, names, lang)
    revision = doc.get("revision")
    if isinstance(revision, int) and not isinstance(revision, bool):
        # As `revision:` in a YAML export: an import of this workbook refuses to overwrite later changes.
        # A document property, which Excel and LibreOffice keep when the workbook is edited and saved.
        wb.custom_doc_props.append(IntProperty(name=REVISION_PROPERTY, value=revision))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
