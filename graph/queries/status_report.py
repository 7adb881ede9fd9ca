"""The status report of a programme for its steering group: per specialty, the ambition's roll-up,
the check-ins written in the period, the indicators on and off track, the open signals and what is
overdue (check-ins due, readings overdue, initiatives past their end).

The period is the reporting period ``today`` lies in, unless ``since`` gives another first day
(the day of the last meeting, say). Specialties come by name.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.checkins import open_signals_of_specialty, period_start, rhythm_of
from graph.queries.followup import followup_for
from graph.queries.progress import progress
from graph.queries.rollup import ambition_rollup
from graph.relations import Relation

#: An indicator counts as on track in these progress states, off track in the others that judge it.
ON_TRACK = frozenset({"met", "towards"})
OFF_TRACK = frozenset({"away", "not_met"})


@dataclass(frozen=True)
class SpecialtyReport:
    """One specialty's row of the status report (ids; the page and the Word file name them)."""

    specialty: str
    ambition: str | None
    status: str | None
    reasons: tuple[str, ...]
    check_ins: tuple[str, ...]
    indicators_on_track: tuple[str, ...]
    indicators_off_track: tuple[str, ...]
    open_signals: tuple[str, ...]
    overdue: tuple[tuple[str, str], ...]

    def to_json(self) -> dict[str, Any]:
        return {"specialty": self.specialty, "ambition": self.ambition, "status": self.status, "reasons": list(self.reasons),
                "check_ins": list(self.check_ins), "indicators_on_track": list(self.indicators_on_track),
                "indicators_off_track": list(self.indicators_off_track), "open_signals": list(self.open_signals),
                "overdue": [list(o) for o in self.overdue]}


@dataclass(frozen=True)
class StatusReport:
    """The status report of one programme from ``since`` to ``today``."""

    programme: str
    since: dt.date
    today: dt.date
    specialties: tuple[SpecialtyReport, ...]

    def to_json(self) -> dict[str, Any]:
        return {"programme": self.programme, "since": self.since.isoformat(), "on": self.today.isoformat(),
                "specialties": [s.to_json() for s in self.specialties]}


_OVERDUE = ("check_in_due", "reading_due", "past_end")


def status_report(pg: PortfolioGraph, programme: str, today: dt.date, since: dt.date | None = None, lang: str = "da") -> StatusReport:
    """Return the status report of ``programme`` (the rules of the module's docstring); ``lang`` is
    the language of the roll-up's reasons.

    >>> from graph.examples import example_graph
    >>> report = status_report(example_graph(), "bass", dt.date(2026, 11, 2))
    >>> [(s.specialty, len(s.overdue)) for s in report.specialties][:1]
    [('geri', 3)]
    """
    start = since or period_start(today, rhythm_of(pg, programme))
    whole = followup_for(pg, None, today)
    overdue: dict[str, list[tuple[str, str]]] = {}
    for item in whole.items:
        if item.reason in _OVERDUE and item.specialty:
            overdue.setdefault(item.specialty, []).append((item.reason, item.element))
    rows = []
    specialties = [s for s in pg.ids("specialty") if pg.programme_of(s) == programme]
    for spec in sorted(specialties, key=lambda s: (pg.display_title(s).casefold(), s)):
        ambitions = sorted(pg.ambitions_of(spec))
        rollup = ambition_rollup(pg, ambitions[0], today)[0] if ambitions else None
        areas = [fa for a in ambitions for fa in pg.focus_areas_of(a)]
        subjects = set(ambitions) | set(areas)
        subjects.update(i for fa in areas for i in pg.into(fa, Relation.SERVES) if pg.kind(i) == "initiative")
        written = sorted(
            (c for s in subjects for c in pg.into(s, Relation.REPORTS_ON) if pg.kind(c) == "check_in"
             and start.isoformat() <= str(pg.data(c).get("written_on") or pg.data(c)["period"])[:10] <= today.isoformat()),
            key=lambda c: (str(pg.data(c)["period"]), c),
        )
        indicators = sorted({i for fa in areas for i in pg.out(fa, Relation.MEASURED_BY) if pg.kind(i) == "indicator"})
        states = {i: progress(pg, i, today).state for i in indicators}
        rows.append(SpecialtyReport(
            spec, ambitions[0] if ambitions else None, rollup.shown if rollup else None,
            tuple(r.text(lang) for r in rollup.reasons) if rollup else (), tuple(written),
            tuple(i for i in indicators if states[i] in ON_TRACK), tuple(i for i in indicators if states[i] in OFF_TRACK),
            tuple(open_signals_of_specialty(pg, spec)), tuple(overdue.get(spec, [])),
        ))
    return StatusReport(programme, start, today, tuple(rows))
