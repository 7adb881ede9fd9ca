"""A situation note's figures as form rows (name, value, unit, kind), and the reasons written on links.

A count without unit is kept as a plain number, as files write it; anything else as
``{value, unit, kind}``, so the specialty page knows which figures may be added up across sites.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from werkzeug.datastructures import MultiDict

from graph.vocabulary import FigureKind
from importers.limits import LIMITS


def _number_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def parse_value(text: str) -> object:
    """Return a number when the text is one (``"70"`` -> 70, ``"7,5"`` -> 7.5), else the text."""
    cleaned = text.strip()
    # A number too long for the limits (importers.limits) stays text, which the model then refuses
    # by field where a number is required: never a crash on Python's digit limit, never an infinity.
    if re.fullmatch(r"-?\d+", cleaned, re.ASCII) and len(cleaned) <= LIMITS.max_digits:
        return int(cleaned)
    if re.fullmatch(r"-?\d+[.,]\d+", cleaned, re.ASCII) and len(cleaned) <= 2 * LIMITS.max_digits:
        return float(cleaned.replace(",", "."))
    return cleaned


#: How many empty figure rows a situation form offers below the filled ones.
EMPTY_FIGURE_ROWS = 3
FIGURE_PARTS = ("name", "value", "unit", "kind")


def figure_rows(figures: Mapping[str, object]) -> list[dict[str, str]]:
    """Return stored figures as form rows (name, value, unit, kind), with empty rows to add more.

    >>> figure_rows({"beds": 12, "wellbeing": {"value": 59, "unit": "point", "kind": "score"}})[:2]
    [{'name': 'beds', 'value': '12', 'unit': '', 'kind': 'count'}, {'name': 'wellbeing', 'value': '59', 'unit': 'point', 'kind': 'score'}]
    """
    rows = []
    for name, value in figures.items():
        if isinstance(value, Mapping):
            number, unit, kind = value.get("value"), value.get("unit"), value.get("kind", FigureKind.count.value)
        else:
            number, unit, kind = value, None, FigureKind.count.value
        rows.append({"name": name, "value": _number_text(number), "unit": unit or "", "kind": str(kind)})
    return rows + [dict.fromkeys(FIGURE_PARTS, "") for _ in range(EMPTY_FIGURE_ROWS)]


def submitted_figure_rows(form: Mapping) -> list[dict[str, str]]:
    """Return the figure rows of a form (or of form values): one dict per row of the four columns."""
    columns = {part: list(form.getlist(f"figures.{part}") if hasattr(form, "getlist") else form.get(f"figures.{part}", [])) for part in FIGURE_PARTS}
    count = max((len(c) for c in columns.values()), default=0)
    return [{part: (columns[part][i] if i < len(columns[part]) else "") for part in FIGURE_PARTS} for i in range(count)]


def figures_from_rows(form: MultiDict) -> dict[str, object]:
    """Return figures from the form's rows: a plain number for a count without unit, else {value, unit, kind}."""
    figures: dict[str, object] = {}
    for row in submitted_figure_rows(form):
        name = row["name"].strip()
        if not name:
            continue
        value = parse_value(row["value"])
        unit, kind = row["unit"].strip(), row["kind"].strip() or FigureKind.count.value
        figures[name] = value if not unit and kind == FigureKind.count.value else {
            "value": value, **({"unit": unit} if unit else {}), "kind": kind,
        }
    return figures


def submitted_reasons(form: MultiDict) -> dict[str, str]:
    """Return the written reasons of a form: ``reasons.<target id>`` -> text."""
    return {key.split(".", 1)[1]: text for key, text in form.items() if key.startswith("reasons.")}
