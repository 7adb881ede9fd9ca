"""The status report of one specialty for the steering group, and what moved since a day (the last
meeting, a decision).

What it holds, in the order the page and the Word file show it:

- the ambition's roll-up (graph/queries/rollup.py): the status shown, the computed one, the owner's
  own, the reasons; and the status shown as it was before ``since`` (``then``);
- each focus area in the ambition's order with the same, and each of its indicators: progress now
  (graph/queries/progress.py), the latest reading before ``since``, and the numeric readings
  (oldest first) for a sparkline with the target;
- the initiatives serving those focus areas grouped by the status of their latest check-in (off
  track, at risk, on track, done, then those without one), each with the status it had before ``since``;
- what is needed from the steering group: the latest check-in of each initiative, focus area or
  the ambition that asks for help, written from ``since`` on, with what it names;
- the open signals of the specialty and the check-ins written from ``since`` to ``today``.

``since`` defaults to the first day of the reporting period ``today`` lies in. "Before ``since``"
means check-ins written and readings dated before that day, so a check-in written on the day of
the meeting counts as moved. Text is never built here except the roll-up's reasons (in ``lang``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.checkins import check_ins_of, latest_check_in, open_signals_of_specialty, period_start, rhythm_of, written_before
from graph.queries.progress import indicators_of, latest_reading, progress
from graph.queries.rollup import Rollup, ambition_rollup
from graph.relations import Relation
from graph.text import BilingualError

#: The groups of initiatives, in the order shown; None is "no check-in yet".
INITIATIVE_ORDER: tuple[str | None, ...] = ("off_track", "at_risk", "on_track", "done", None)
#: How many readings a sparkline shows at most (the newest).
SPARK_POINTS = 12


class ReportSinceError(BilingualError):
    """``--since`` / ``?since=`` is neither a date nor a decision."""


def since_day(pg: PortfolioGraph, text: str) -> dt.date:
    """Return the day ``text`` names: a date (``2026-10-01``) or a decision's id (the day it was taken).

    >>> from graph.examples import example_graph
    >>> since_day(example_graph(), "2026-10-01")
    datetime.date(2026, 10, 1)
    >>> try:
    ...     since_day(example_graph(), "i går")
    ... except ReportSinceError as err:
    ...     print(err.text("da"))
    'i går' er hverken en dato (ÅÅÅÅ-MM-DD) eller en beslutning
    """
    value = text.strip()
    if pg.kind(value) == "decision":
        return dt.date.fromisoformat(str(pg.data(value)["decided_on"])[:10])
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReportSinceError(da=f"'{text}' er hverken en dato (ÅÅÅÅ-MM-DD) eller en beslutning",
                               en=f"'{text}' is neither a date (YYYY-MM-DD) nor a decision") from None


@dataclass(frozen=True)
class Status:
    """A roll-up as the report shows it: now (shown, computed, own, reasons) and ``then`` (shown before ``since``)."""

    element: str
    shown: str | None
    computed: str | None
    own: str | None
    reasons: tuple[str, ...]
    then: str | None

    @property
    def moved(self) -> bool:
        return self.shown != self.then

    def to_json(self) -> dict[str, Any]:
        return {"element": self.element, "status": self.shown, "computed": self.computed, "own": self.own,
                "reasons": list(self.reasons), "then": self.then, "moved": self.moved}


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator: progress now, the latest reading before ``since`` and the numeric readings for a sparkline."""

    indicator: str
    state: str
    percent: float | None
    latest: Any
    latest_date: str | None
    then: Any
    overdue: bool
    baseline: Any
    target: Any
    points: tuple[tuple[str, float], ...]

    @property
    def moved(self) -> bool:
        return bool(self.latest != self.then)

    def to_json(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "state": self.state, "percent": self.percent, "latest": self.latest,
                "latest_date": self.latest_date, "then": self.then, "moved": self.moved, "overdue": self.overdue,
                "baseline": self.baseline, "target": self.target, "points": [list(p) for p in self.points]}


@dataclass(frozen=True)
class FocusAreaLine:
    """One focus area: its status and its indicators."""

    status: Status
    indicators: tuple[IndicatorLine, ...]

    def to_json(self) -> dict[str, Any]:
        return {**self.status.to_json(), "indicators": [i.to_json() for i in self.indicators]}


@dataclass(frozen=True)
class InitiativeLine:
    """One initiative: the status of its latest check-in (None without one) and of the latest before ``since``."""

    initiative: str
    status: str | None
    then: str | None
    check_in: str | None

    @property
    def moved(self) -> bool:
        return self.status != self.then

    def to_json(self) -> dict[str, Any]:
        return {"initiative": self.initiative, "status": self.status, "then": self.then, "moved": self.moved,
                "check_in": self.check_in}


@dataclass(frozen=True)
class HelpRequest:
    """A check-in that asks for help: on what, what is needed, and the prerequisites or support offers it names."""

    check_in: str
    subject: str
    needed: str
    needs: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"check_in": self.check_in, "subject": self.subject, "needed": self.needed, "needs": list(self.needs)}


@dataclass(frozen=True)
class SpecialtyStatusReport:
    """The status report of one specialty from ``since`` to ``today`` (the module's docstring)."""

    specialty: str
    programme: str | None
    since: dt.date
    today: dt.date
    ambition: Status | None
    focus_areas: tuple[FocusAreaLine, ...]
    initiatives: tuple[tuple[str | None, tuple[InitiativeLine, ...]], ...]
    help_requests: tuple[HelpRequest, ...]
    open_signals: tuple[str, ...]
    check_ins: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "specialty": self.specialty, "programme": self.programme, "since": self.since.isoformat(), "on": self.today.isoformat(),
            "ambition": self.ambition.to_json() if self.ambition else None,
            "focus_areas": [f.to_json() for f in self.focus_areas],
            "initiatives": [{"status": s, "initiatives": [i.to_json() for i in group]} for s, group in self.initiatives],
            "help_requests": [h.to_json() for h in self.help_requests],
            "open_signals": list(self.open_signals), "check_ins": list(self.check_ins),
        }


def _status(now: Rollup, then: Rollup, lang: str) -> Status:
    return Status(now.element, now.shown, now.computed, now.own, tuple(r.text(lang) for r in now.reasons), then.shown)


def _points(readings: list[dict[str, Any]]) -> tuple[tuple[str, float], ...]:
    numbers = [(str(r["date"])[:10], float(r["value"])) for r in readings
               if isinstance(r.get("value"), int | float) and not isinstance(r.get("value"), bool)]
    return tuple(sorted(numbers)[-SPARK_POINTS:])


def _indicator(pg: PortfolioGraph, indicator: str, today: dt.date, since: dt.date) -> IndicatorLine:
    data = pg.data(indicator)
    now = progress(pg, indicator, today)
    before = latest_reading(data, since)
    return IndicatorLine(indicator, now.state, now.percent, now.latest, now.latest_date, before["value"] if before else None,
                         now.overdue, data.get("baseline"), data.get("target"), _points(list(data.get("readings") or [])))


def _initiative(pg: PortfolioGraph, initiative: str, since: dt.date) -> InitiativeLine:
    now, then = latest_check_in(pg, initiative), latest_check_in(pg, initiative, since)
    return InitiativeLine(initiative, str(now["status"]) if now else None, str(then["status"]) if then else None,
                          str(now["id"]) if now else None)


def _help(pg: PortfolioGraph, subjects: list[str], since: dt.date) -> list[HelpRequest]:
    found = []
    for subject in subjects:
        latest = latest_check_in(pg, subject)
        if latest and latest.get("needed") and not written_before(pg, str(latest["id"]), since):
            found.append(HelpRequest(str(latest["id"]), subject, str(latest["needed"]), tuple(latest.get("needs") or ())))
    return found


def specialty_report(pg: PortfolioGraph, specialty: str, today: dt.date, since: dt.date | None = None,
                     lang: str = "da") -> SpecialtyStatusReport:
    """Return the status report of ``specialty`` on ``today`` (the module's docstring); its first ambition is reported.

    >>> from graph.examples import example_graph
    >>> from graph.record import Record
    >>> pg = example_graph()
    >>> pg.apply([Record("check_in", "c1", {"id": "c1", "subject": "geri-i1", "period": "2026-11-02", "status": "at_risk",
    ...           "needed": "HR-pakken"}, "bass")])
    >>> report = specialty_report(pg, "geri", dt.date(2026, 11, 16))
    >>> report.since, report.ambition.then, report.ambition.shown
    (datetime.date(2026, 11, 1), None, 'at_risk')
    >>> [(s, [i.initiative for i in group]) for s, group in report.initiatives]
    [('at_risk', ['geri-i1'])]
    >>> [(h.subject, h.needed) for h in report.help_requests]
    [('geri-i1', 'HR-pakken')]
    """
    start = since or period_start(today, rhythm_of(pg, specialty))
    then_day = start - dt.timedelta(days=1)
    ambitions = sorted(pg.ambitions_of(specialty))
    ambition: Status | None = None
    areas: list[FocusAreaLine] = []
    if ambitions:
        now, now_areas = ambition_rollup(pg, ambitions[0], today)
        then, then_areas = ambition_rollup(pg, ambitions[0], then_day, start)
        ambition = _status(now, then, lang)
        for fa_now, fa_then in zip(now_areas, then_areas, strict=True):
            lines = tuple(_indicator(pg, i, today, start) for i in indicators_of(pg, fa_now.element))
            areas.append(FocusAreaLine(_status(fa_now, fa_then, lang), lines))
    area_ids = [a.status.element for a in areas]
    initiatives = sorted({i for fa in area_ids for i in pg.into(fa, Relation.SERVES) if pg.kind(i) == "initiative"},
                         key=lambda i: (pg.display_title(i).casefold(), i))
    lines_by_status: dict[str | None, list[InitiativeLine]] = {}
    for ini in initiatives:
        line = _initiative(pg, ini, start)
        lines_by_status.setdefault(line.status, []).append(line)
    groups = tuple((s, tuple(lines_by_status[s])) for s in INITIATIVE_ORDER if s in lines_by_status)
    subjects = ambitions[:1] + area_ids + initiatives
    written = sorted((c for s in subjects for c in check_ins_of(pg, s)
                      if not written_before(pg, c, start) and str(pg.data(c).get("written_on") or pg.data(c)["period"])[:10] <= today.isoformat()),
                     key=lambda c: (str(pg.data(c)["period"]), c))
    return SpecialtyStatusReport(specialty, pg.programme_of(specialty), start, today, ambition, tuple(areas), groups,
                                 tuple(_help(pg, subjects, start)), tuple(open_signals_of_specialty(pg, specialty)), tuple(written))


_HEADER = {"title": ("Statusrapport", "Status report"), "period": ("perioden {since} til {on}", "the period {since} to {on}")}


def report_header(pg: PortfolioGraph, report: SpecialtyStatusReport, lang: str = "da") -> str:
    """Return the line every printed page of the report carries: programme, specialty, the report and its period.

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> report_header(pg, specialty_report(pg, "geri", dt.date(2026, 11, 16)), "da")
    'BASS · Geriatri · Statusrapport · perioden 2026-11-01 til 2026-11-16'
    """
    pick = 0 if lang == "da" else 1
    parts = [pg.display_title(report.programme)] if report.programme else []
    parts += [pg.display_title(report.specialty), _HEADER["title"][pick],
              _HEADER["period"][pick].format(since=report.since.isoformat(), on=report.today.isoformat())]
    return " · ".join(parts)
