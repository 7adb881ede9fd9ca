"""Status check-ins and signals from practice as the graph holds them: the reporting period, the latest
check-in of an element, and the open signals of an element or a specialty.

A check-in reports on one period of the programme's reporting rhythm (monthly unless the programme
says ``quarterly``); ``period`` is any day of it, and the period is named by its first day.
"""
from __future__ import annotations

import datetime as dt

from graph.portfolio import PortfolioGraph
from graph.record import Data

#: Months in one period of each reporting rhythm.
RHYTHM_MONTHS = {"monthly": 1, "quarterly": 3}


def period_start(day: dt.date, rhythm: str = "monthly") -> dt.date:
    """Return the first day of the reporting period that ``day`` lies in.

    >>> period_start(dt.date(2026, 11, 17)), period_start(dt.date(2026, 11, 17), "quarterly")
    (datetime.date(2026, 11, 1), datetime.date(2026, 10, 1))
    """
    months = RHYTHM_MONTHS.get(rhythm, 1)
    month = (day.month - 1) // months * months + 1
    return dt.date(day.year, month, 1)


def rhythm_of(pg: PortfolioGraph, item: str) -> str:
    """Return the reporting rhythm of the programme an element belongs to (``monthly`` by default)."""
    programme = pg.programme_of(item) if item in pg else None
    if programme and programme in pg:
        return str(pg.data(programme).get("reporting_rhythm") or "monthly")
    return "monthly"


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def check_ins_of(pg: PortfolioGraph, subject: str) -> list[str]:
    """Return the check-ins on ``subject``, newest period first (then the latest written, then id descending)."""
    found = [c for c in pg.into(subject, "REPORTS_ON") if pg.kind(c) == "check_in"]
    return sorted(found, key=lambda c: (str(pg.data(c)["period"]), str(pg.data(c).get("written_on", "")), c), reverse=True)


def written_before(pg: PortfolioGraph, check_in: str, before: dt.date) -> bool:
    """Return True if ``check_in`` was written before the day ``before`` (its ``written_on``, else its period)."""
    data = pg.data(check_in)
    return str(data.get("written_on") or data["period"])[:10] < before.isoformat()


def latest_check_in_id(pg: PortfolioGraph, subject: str, before: dt.date | None = None) -> str | None:
    """Return the id of the newest check-in on ``subject`` (``latest_check_in``'s, without copying its fields), or None."""
    found = [c for c in pg.into(subject, "REPORTS_ON") if pg.kind(c) == "check_in"]
    if before is not None:
        found = [c for c in found if written_before(pg, c, before)]
    if not found:
        return None
    if len(found) == 1:
        return found[0]

    def newest(c: str) -> tuple[str, str, str]:
        data = pg.data(c)
        return (str(data["period"]), str(data.get("written_on", "")), c)

    return max(found, key=newest)  # the first of check_ins_of's order: ids are unique, so no ties


def latest_check_in(pg: PortfolioGraph, subject: str, before: dt.date | None = None) -> Data | None:
    """Return the fields (with ``id``) of the newest check-in on ``subject``, or None; with ``before``,
    the newest of those written before that day (what a report made then would have seen).

    >>> from graph.examples import example_graph
    >>> from graph.record import Record
    >>> pg = example_graph()
    >>> pg.apply([Record("check_in", c, {"id": c, "subject": "geri-i1", "period": p, "status": s}, "bass")
    ...           for c, p, s in (("c1", "2026-10-01", "on_track"), ("c2", "2026-11-01", "at_risk"))])
    >>> latest_check_in(pg, "geri-i1")["status"], latest_check_in(pg, "geri-fa1")
    ('at_risk', None)
    """
    found = latest_check_in_id(pg, subject, before)
    return pg.element_json(found) if found else None


def has_check_in_for(pg: PortfolioGraph, subject: str, today: dt.date) -> bool:
    """Return True if ``subject`` has a check-in for the reporting period ``today`` lies in."""
    rhythm = rhythm_of(pg, subject)
    now = period_start(today, rhythm)
    latest = latest_check_in_id(pg, subject)
    return latest is not None and period_start(_day(pg.data(latest)["period"]), rhythm) == now


def signals_on(pg: PortfolioGraph, subject: str, open_only: bool = True) -> list[str]:
    """Return the signals raised on ``subject`` (only the open ones by default), newest first."""
    found = [s for s in pg.into(subject, "SIGNALS") if pg.kind(s) == "signal"]
    if open_only:
        found = [s for s in found if pg.data(s).get("status", "open") == "open"]
    return sorted(found, key=lambda s: (str(pg.data(s).get("raised_on", "")), s), reverse=True)


def open_signals_of_specialty(pg: PortfolioGraph, specialty: str) -> list[str]:
    """Return the open signals on any element of ``specialty``, newest first."""
    found = [s for s in pg.ids("signal") if pg.data(s).get("status", "open") == "open" and pg.specialty_of(s) == specialty]
    return sorted(found, key=lambda s: (str(pg.data(s).get("raised_on", "")), s), reverse=True)
