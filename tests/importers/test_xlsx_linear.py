"""Validating a workbook takes time in proportion to its rows (issue 19, point 5), every problem
still pointed at its own sheet, row and column; and a workbook may unpack to a bounded multiple
of the largest upload. The speed itself is measured in benchmarks/xlsx_validation.py."""
from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from graph.problems import InvalidChangeSet
from importers import xlsx_reader
from importers.document import FORMAT
from importers.limits import LIMITS, UNPACKED_PER_UPLOADED, UPLOAD_MAX_BYTES, Limits
from importers.xlsx_reader import changeset_from_xlsx
from importers.xlsx_writer import workbook_bytes

TEMPLATE = workbook_bytes({"format": FORMAT, "programme": {"id": "bass", "name": "BASS"}}, "en")


def _workbook(rows: list[tuple[str, str | None]]) -> bytes:
    """The exported workbook of one programme with ``rows`` (id, title) on the initiatives sheet."""
    wb = load_workbook(io.BytesIO(TEMPLATE))
    sheet = next(ws for ws in wb.worksheets if ws.title == "Initiatives")
    header = [cell.value for cell in sheet[1]]
    title_column = header.index("Title")
    for item, title in rows:
        values: list[str | None] = [None] * (title_column + 1)
        values[0], values[title_column] = item, title
        sheet.append(values)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _problems(raw: bytes) -> list[str]:
    with pytest.raises(InvalidChangeSet) as exc:
        changeset_from_xlsx(raw, "p.xlsx")
    return [p.text("en") for p in exc.value.problems]


def test_no_row_is_compared_with_another_to_find_the_sheet_of_a_problem(monkeypatch):
    compared = [0]

    def counting_eq(self, other):  # a list search of rows compares them; finding a problem's sheet must not
        compared[0] += 1
        return self is other

    monkeypatch.setattr(xlsx_reader._Row, "__eq__", counting_eq)
    found = _problems(_workbook([(f"i{n}", None) for n in range(40)]))
    assert len(found) == 40
    assert compared[0] == 0


@settings(max_examples=25, deadline=None)
@given(titles=st.lists(st.sampled_from([None, "Fælles undervisning"]), min_size=1, max_size=30))
def test_each_refused_row_is_named_by_its_own_row_number_and_column(titles):
    rows = [(f"i{n}", title) for n, title in enumerate(titles)]
    missing = [n + 2 for n, title in enumerate(titles) if title is None]
    if not missing:
        assert len(changeset_from_xlsx(_workbook(rows), "p.xlsx").upserts) == len(titles) + 1
        return
    found = _problems(_workbook(rows))
    assert len(found) == len(missing)
    for text, number in zip(found, missing, strict=True):
        assert text == f"p.xlsx: Initiatives[{number}] (id 'i{number - 2}'), column 'Titel': is required"


def test_the_unpacked_limit_is_in_proportion_to_the_upload_cap():
    assert LIMITS.max_unpacked == UPLOAD_MAX_BYTES * UNPACKED_PER_UPLOADED < LIMITS.max_bytes


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_it_is_read():
    raw = _workbook([("i1", "Titel")])
    padded = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/padding.bin", b"\0" * 300_000)
    found = [p.code for p in _reject(padded.getvalue(), Limits(max_bytes=10_000_000, max_unpacked=200_000))]
    assert found == ["xlsx_too_large"]


def _reject(raw: bytes, limits: Limits):
    with pytest.raises(InvalidChangeSet) as exc:
        changeset_from_xlsx(raw, "p.xlsx", limits=limits)
    return exc.value.problems
