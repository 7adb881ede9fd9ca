"""Validating a large Excel workbook whose every row is refused (issue 19, point 5).

A workbook of ``--rows`` initiative rows holding only an id: each row is one problem (no title),
and each problem is pointed at its cell. Goal: 100,000 rows in under 10 s (it was quadratic:
12,000 rows took 27 s).

    .venv/bin/python benchmarks/xlsx_validation.py --rows 100000
"""
from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.problems import InvalidChangeSet  # noqa: E402
from importers.document import FORMAT  # noqa: E402
from importers.xlsx_reader import changeset_from_xlsx  # noqa: E402
from importers.xlsx_writer import workbook_bytes  # noqa: E402

GOAL_S = 10.0


def id_only_workbook(rows: int) -> bytes:
    """An exported workbook of one programme whose initiatives sheet holds ``rows`` id-only rows."""
    doc = {"format": FORMAT, "programme": {"id": "bass", "name": "BASS"}}
    wb = load_workbook(io.BytesIO(workbook_bytes(doc, "da")))
    sheet = next(ws for ws in wb.worksheets if ws.title.casefold() in ("faglige indsatser", "initiatives"))
    for n in range(rows):
        sheet.append([f"i{n}"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    raw = id_only_workbook(args.rows)
    t0 = time.perf_counter()
    try:
        changeset_from_xlsx(raw, "big.xlsx")
        problems = 0
    except InvalidChangeSet as exc:
        problems = len(exc.problems)
    took = time.perf_counter() - t0
    print(json.dumps({"rows": args.rows, "bytes": len(raw), "problems": problems, "validate_s": round(took, 2),
                      "goal_s": GOAL_S, "met": took < GOAL_S}))


if __name__ == "__main__":
    main()
