"""An Excel workbook (as importers.xlsx_writer writes it, or filled by hand) to one validated change set.

The same all-or-nothing validation as a YAML or JSON file: every problem of every sheet is
collected and raised together, each named by file, sheet and row (``fil.xlsx: Faglige
indsatser[5]``), the item's id, the column (header and letter) and the cell's value. Sheets and
headers may be Danish, English or the file format's own keys; choices may be written as their
key or as either language's label. A formula is read as the text it is written with, never
computed.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from graph.changeset import ChangeSet, Record, parse_record
from graph.problems import InvalidChangeSet, Problem
from importers.limits import LIMITS, Limits, shown, too_large
from importers.limits import _value_problem as value_problem
from importers.messages import CellProblem, FileProblem
from importers.xlsx_layout import (
    DATE,
    ENUM,
    JSON,
    LISTS_SHEET,
    REF,
    REF_LIST,
    REVISION_PROPERTY,
    SHEET_NAMES,
    SHEETS,
    TEXT,
    THEME_LIST,
    Column,
    Sheet,
    choice_lookup,
)

_SHEET_BY_NAME: dict[str, Sheet] = {}
for _sheet in SHEETS:
    for _name in (*SHEET_NAMES[_sheet.section], _sheet.section):
        _SHEET_BY_NAME.setdefault(_name.casefold(), _sheet)
_LISTS = {n.casefold() for n in LISTS_SHEET}


@dataclass
class _Cell:
    header: str
    letter: str
    raw: object


@dataclass
class _Row:
    """One row read from a sheet: where it is, the item it gives, and each field's cell."""

    where: str
    number: int
    item: dict = field(default_factory=dict)
    cells: dict[str, _Cell] = field(default_factory=dict)
    #: The section of the sheet it is on (so that a problem finds its sheet without a search).
    section: str = ""


def _cell_shown(raw: object) -> str:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return shown(str(raw))


def _as_text(raw: object) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return _cell_shown(raw)
    return str(raw)


def _convert(raw: object, column: Column) -> object:
    """The cell's value as the file format writes it."""
    if column.kind == DATE:
        if isinstance(raw, dt.datetime):
            return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        return _as_text(raw).strip()
    if column.kind == ENUM:
        text = _as_text(raw).strip()
        return choice_lookup(column).get(text.casefold(), text)
    if column.kind in (THEME_LIST, REF_LIST):
        lookup = choice_lookup(column) if column.kind == THEME_LIST else {}
        parts = [p.strip() for p in _as_text(raw).split(",")]
        return [lookup.get(p.casefold(), p) for p in parts if p]
    if column.kind == JSON:
        text = _as_text(raw)
        try:
            return json.loads(text)
        except ValueError:
            return text  # refused by the model as "must be a mapping", naming the cell
    if column.kind in (TEXT, REF):
        return _as_text(raw)
    if isinstance(raw, str):
        return raw.strip()
    return raw  # NUMBER and VALUE: a number stays a number, text stays text


def _read_workbook(raw: bytes, source: str, limits: Limits) -> tuple[list[tuple[str, list[tuple]]], object]:
    """Every sheet's title and rows of cell values, and the revision property as written (None if
    there is none); raise InvalidChangeSet if the bytes are no workbook."""
    large = too_large(len(raw), source, limits)
    if large is not None:
        raise InvalidChangeSet([large])
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception as exc:  # noqa: BLE001 - zipfile reading untrusted bytes raises many kinds (BadZipFile, NotImplementedError ...)
        raise InvalidChangeSet([FileProblem("xlsx_unreadable", source, params={"reason": type(exc).__name__})]) from None
    if unpacked > limits.max_unpacked:
        # A few kilobytes can unpack to gigabytes; look before openpyxl does.
        raise InvalidChangeSet([FileProblem("xlsx_too_large", source, params={"size": unpacked, "max": limits.max_unpacked})])
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
        try:
            sheets = [(ws.title, [tuple(row) for row in ws.iter_rows(values_only=True)]) for ws in book.worksheets]
            revision = next((p.value for p in book.custom_doc_props if p.name == REVISION_PROPERTY), None)
            return sheets, revision
        finally:
            book.close()
    except Exception as exc:  # noqa: BLE001 - openpyxl parsing untrusted bytes may raise anything; the file is at fault
        raise InvalidChangeSet([FileProblem("xlsx_unreadable", source, params={"reason": type(exc).__name__})]) from None


class _Reader:
    def __init__(self, source: str, limits: Limits):
        self.source = source
        self.limits = limits
        self.problems: list[Problem] = []
        self.rows: dict[str, list[_Row]] = {}
        self.sheet_title: dict[str, str] = {}

    def cell_problem(self, where: str, item: str | None, cell: _Cell, code: str, params: dict | None = None, fld: str | None = None) -> None:
        value = None if cell.raw is None else _cell_shown(cell.raw)
        column = f"'{cell.header}' ({cell.letter})"
        self.problems.append(CellProblem(code, where, item, fld, params or {}, column=column, value=value))

    def read_sheet(self, title: str, sheet: Sheet, rows: list[tuple]) -> None:
        if sheet.section in self.sheet_title:
            params = {"sheet": title, "other": self.sheet_title[sheet.section]}
            self.problems.append(FileProblem("xlsx_sheet_twice", self.source, params=params))
            return
        self.sheet_title[sheet.section] = title
        header_row = rows[0] if rows else ()
        by_header: dict[str, Column] = {}
        for described in sheet.columns:
            for written in (*described.headers, described.key):
                by_header.setdefault(written.casefold(), described)
        columns: dict[int, Column] = {}
        seen: set[str] = set()
        for c, header in enumerate(header_row):
            if header is None or str(header).strip() == "":
                continue
            cell = _Cell(str(header), get_column_letter(c + 1), header)
            column = by_header.get(str(header).strip().casefold())
            if column is None:
                known = ", ".join(col.headers[0] for col in sheet.columns)
                self.cell_problem(f"{self.source}: {title}[1]", None, cell, "xlsx_unknown_column", {"known": known})
            elif column.key in seen:
                self.cell_problem(f"{self.source}: {title}[1]", None, cell, "xlsx_column_twice")
            else:
                seen.add(column.key)
                columns[c] = column
        read: list[_Row] = []
        for number, values in enumerate(rows[1:], start=2):
            row = _Row(f"{self.source}: {title}[{number}]", number, section=sheet.section)
            for c, column in columns.items():
                raw = values[c] if c < len(values) else None
                if raw is None or (isinstance(raw, str) and raw.strip() == ""):
                    continue
                cell = _Cell(str(header_row[c]).strip(), get_column_letter(c + 1), raw)
                row.cells[column.key] = cell
                beyond = value_problem(raw, self.limits)
                if beyond is not None:
                    self.cell_problem(row.where, None, cell, beyond[0], beyond[1], column.key)
                    continue
                value = _convert(raw, column)
                if "." in column.key:
                    outer, inner = column.key.split(".", 1)
                    row.item.setdefault(outer, {})[inner] = value
                else:
                    row.item[column.key] = value
            if row.cells:
                read.append(row)
        self.rows[sheet.section] = read

    def attach_children(self) -> None:
        """Put the figures and readings rows into the items of their situation notes and indicators."""
        for child, parent, key in (("figures", "situation", "situation"), ("readings", "indicators", "indicator")):
            owners = {row.item.get("id"): row for row in self.rows.get(parent, [])}
            for row in self.rows.get(child, []):
                target = row.item.get(key)
                owner = owners.get(target)
                if owner is None:
                    cell = row.cells.get(key) or _Cell(key, "A", None)
                    params = {"target": target, "sheet": self.sheet_title.get(parent, SHEET_NAMES[parent][0])}
                    self.cell_problem(row.where, None, cell, "xlsx_unknown_owner" if target else "missing", params, key)
                    continue
                if child == "figures":
                    figures = owner.item.setdefault("figures", {})
                    name = row.item.get("name")
                    name_cell = row.cells.get("name") or _Cell("name", "A", None)
                    if name is None:
                        self.cell_problem(row.where, target, name_cell, "missing", {}, "name")
                        continue
                    if name in figures:
                        self.cell_problem(row.where, target, name_cell, "xlsx_figure_twice", {"name": name, "target": target}, "name")
                        continue
                    index: object = name
                    value = row.item.get("value")
                    if row.item.get("unit") is not None or row.item.get("kind") is not None:
                        value = {k: row.item[k] for k in ("value", "unit", "kind") if row.item.get(k) is not None}
                    figures[name] = value
                else:
                    readings = owner.item.setdefault("readings", [])
                    index = len(readings)
                    readings.append({k: v for k, v in row.item.items() if k != "indicator"})
                owner.item.setdefault("_children", {})[f"{child}.{index}"] = row

    def located(self, problem: Problem, row: _Row) -> Problem:
        """The problem of a parsed item, pointed at the cell it is about."""
        children = row.item.get("_children", {})
        path = problem.field or ""
        target_row, key = row, path
        for prefix, child in children.items():
            if path == prefix or path.startswith(prefix + "."):
                target_row, key = child, path[len(prefix) + 1 :] or ("value" if prefix.startswith("figures") else "date")
                break
        cell = target_row.cells.get(key)
        if cell is None:
            # By the row's own section: searching every sheet's rows for it made validation quadratic.
            sheet = next((s for s in SHEETS if s.section == target_row.section), None)
            column = next((c for c in sheet.columns if c.key == key), None) if sheet else None
            if column is None:
                return problem
            cell = _Cell(column.header("da"), "", None)
        value = None if cell.raw is None else _cell_shown(cell.raw)
        column_text = f"'{cell.header}' ({cell.letter})" if cell.letter else f"'{cell.header}'"
        return CellProblem(
            problem.code, target_row.where, problem.item, problem.field, problem.params, problem.detail, column=column_text, value=value
        )


def changeset_from_xlsx(raw: bytes, source: str, note: str = "", limits: Limits = LIMITS) -> ChangeSet:
    """Return a workbook's bytes as one validated change set; raise InvalidChangeSet naming sheet, row, column and value."""
    reader = _Reader(source, limits)
    sheets, based_on = _read_workbook(raw, source, limits)
    if based_on is not None and (not isinstance(based_on, int) or isinstance(based_on, bool) or based_on < 0):
        reader.problems.append(FileProblem("xlsx_revision", source, params={"property": REVISION_PROPERTY, "value": shown(str(based_on))}))
    for title, rows in sheets:
        key = title.strip().casefold()
        if key in _LISTS:
            continue
        sheet = _SHEET_BY_NAME.get(key)
        if sheet is None:
            known = ", ".join(SHEET_NAMES[s.section][0] for s in SHEETS)
            reader.problems.append(FileProblem("xlsx_unknown_sheet", source, params={"sheet": shown(title), "known": known}))
            continue
        reader.read_sheet(title, sheet, rows)
    reader.attach_children()
    programmes = reader.rows.get("programme", [])
    programme_sheet = reader.sheet_title.get("programme", SHEET_NAMES["programme"][0])
    if not programmes:
        reader.problems.append(FileProblem("xlsx_no_programme", source, params={"sheet": programme_sheet}))
    for extra in programmes[1:]:
        reader.problems.append(FileProblem("xlsx_second_programme", extra.where))
    programme_id = programmes[0].item.get("id") if programmes else None
    records: list[Record] = []
    for sheet in SHEETS:
        if sheet.kind is None:
            continue
        for row in reader.rows.get(sheet.section, []):
            item = {k: v for k, v in row.item.items() if k != "_children"}
            try:
                records.append(parse_record(sheet.kind, item, row.where, programme_id if isinstance(programme_id, str) else None))
            except InvalidChangeSet as exc:
                reader.problems.extend(reader.located(p, row) for p in exc.problems)
    if reader.problems:
        raise InvalidChangeSet(reader.problems)
    return ChangeSet(upserts=records, note=note or f"import {source}", based_on=based_on if isinstance(based_on, int) else None)
