"""Indicator progress: how far the latest reading has come from the baseline towards the target, and
whether a reading is overdue.

Quantitative indicators with a number baseline and target get the percent of the way
(``(latest - baseline) / (target - baseline)``, so moving away from the target is negative); the
direction says which way is better (left out: from the baseline towards the target). ``target_band``
is met while the reading lies within ``tolerance`` of the target. Qualitative indicators use their
own three-step scale (not met, partly met, met; or the target written as text): met or not.
An indicator with a reading frequency is overdue once its latest reading (or, with none, the
start of measuring) is older than that many months.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.portfolio import PortfolioGraph

#: The three steps of a qualitative indicator, as people write them (Danish or English), lowest first.
QUALITATIVE_STEPS: tuple[frozenset[str], ...] = (
    frozenset({"ikke opfyldt", "not met", "1"}),
    frozenset({"delvist opfyldt", "partly met", "2"}),
    frozenset({"opfyldt", "met", "3"}),
)


@dataclass(frozen=True)
class Progress:
    """Where one indicator stands.

    ``state`` is ``met``, ``towards`` (moving towards the target, not there), ``away`` (worse than
    the baseline), ``not_met`` (qualitative, not yet met), ``not_measured`` (no reading) or
    ``unknown`` (no target to measure against).
    """

    indicator: str
    state: str
    latest: Any = None
    latest_date: str | None = None
    percent: float | None = None
    overdue: bool = False
    due: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "state": self.state, "latest": self.latest, "latest_date": self.latest_date,
                "percent": self.percent, "overdue": self.overdue, "due": self.due}


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _step(value: object) -> int | None:
    text = str(value).strip().casefold()
    for index, words in enumerate(QUALITATIVE_STEPS):
        if text in words:
            return index
    return None


def latest_reading(data: Mapping[str, Any], before: dt.date | None = None) -> dict[str, Any] | None:
    """Return the newest reading of an indicator's fields (with ``before``, the newest dated before that day), or None."""
    readings = data.get("readings") or []
    if before is not None:
        readings = [r for r in readings if str(r["date"])[:10] < before.isoformat()]
    return max(readings, key=lambda r: str(r["date"])) if readings else None


def progress(pg: PortfolioGraph, indicator: str, today: dt.date, before: dt.date | None = None) -> Progress:
    """Return the progress of one indicator on ``today`` (with ``before``, from the readings dated before that day).

    >>> from graph.examples import example_graph
    >>> from graph.record import Record
    >>> pg = example_graph()
    >>> pg.apply([Record("indicator", "geri-ind1", {"id": "geri-ind1", "focus_area": "geri-fa1", "name": "Besatte stillinger",
    ...     "baseline": 70, "target": 90, "reading_frequency_months": 3,
    ...     "readings": [{"date": "2026-06-01", "value": 78}]}, "bass")])
    >>> p = progress(pg, "geri-ind1", dt.date(2026, 12, 1))
    >>> p.state, p.percent, p.latest, p.overdue, p.due
    ('towards', 40.0, 78, True, '2026-09-01')
    """
    data = pg.data(indicator)
    last = latest_reading(data, before)
    overdue, due = False, None
    frequency = data.get("reading_frequency_months")
    if frequency:
        since = dt.date.fromisoformat(str(last["date"])) if last else None
        if since is not None:
            due_day = _add_months(since, int(frequency))
            overdue, due = today > due_day, due_day.isoformat()
        else:
            overdue = True
    if last is None:
        return Progress(indicator, "not_measured", overdue=overdue, due=due)
    value, when = last["value"], str(last["date"])
    base, target = _number(data.get("baseline")), _number(data.get("target"))
    number = _number(value)
    direction = data.get("direction")
    if direction == "target_band" and target is not None and number is not None:
        inside = abs(number - target) <= float(data.get("tolerance") or 0)
        return Progress(indicator, "met" if inside else "towards", value, when, None, overdue, due)
    if number is not None and target is not None and base is not None and target != base:
        percent = round((number - base) / (target - base) * 100, 1)
        if direction == "higher_is_better" and target < base or direction == "lower_is_better" and target > base:
            percent = -percent  # a target set against the stated direction: progress is measured by the direction
        state = "met" if percent >= 100 else "away" if percent < 0 else "towards"
        return Progress(indicator, state, value, when, percent, overdue, due)
    step, goal = _step(value), _step(data.get("target")) if data.get("target") is not None else 2
    if step is not None and goal is not None:
        return Progress(indicator, "met" if step >= goal else "not_met", value, when, None, overdue, due)
    if data.get("target") is not None and str(value).strip().casefold() == str(data["target"]).strip().casefold():
        return Progress(indicator, "met", value, when, None, overdue, due)
    return Progress(indicator, "unknown" if data.get("target") is None else "not_met", value, when, None, overdue, due)


def indicators_of(pg: PortfolioGraph, element: str) -> list[str]:
    """Return the indicators measuring a focus area, or every indicator of an ambition's focus areas, sorted by id."""
    if pg.kind(element) == "focus_area":
        return sorted(i for i in pg.out(element, "MEASURED_BY") if pg.kind(i) == "indicator")
    if pg.kind(element) == "ambition":
        return sorted(i for fa in pg.focus_areas_of(element) for i in pg.out(fa, "MEASURED_BY") if pg.kind(i) == "indicator")
    return []
