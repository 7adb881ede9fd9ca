"""The steering group's meetings: which meeting is next, its agenda, what to propose for it, its minutes.

A meeting is held once its day has come (``date <= today``): from then on the secretariat records
each agenda item's outcome as the steering group's decision. An agenda item is about an ambition
(approve or return), a prerequisite (agree or not), a specialty's status report (noted), or is a
free-text item. Lists come in the programme's order: the specialties as the programme lists them,
and within a specialty its ambition, then its prerequisites, then its status report.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.relations import Relation


def meetings_of(pg: PortfolioGraph, programme: str | None = None) -> list[str]:
    """Return the meetings (of one programme, or all), by date then id.

    >>> from graph.record import Record
    >>> pg = PortfolioGraph([Record("meeting", "m2", {"id": "m2", "programme": "p", "date": "2026-12-10"}),
    ...                      Record("meeting", "m1", {"id": "m1", "programme": "p", "date": "2026-11-19"})])
    >>> meetings_of(pg, "p")
    ['m1', 'm2']
    """
    found = [m for m in pg.ids("meeting") if programme is None or pg.data(m).get("programme") == programme]
    return sorted(found, key=lambda m: (str(pg.data(m).get("date", "")), m))


def meeting_date(pg: PortfolioGraph, meeting: str) -> dt.date:
    """The day of a meeting."""
    return dt.date.fromisoformat(str(pg.data(meeting)["date"]))


def is_held(pg: PortfolioGraph, meeting: str, today: dt.date) -> bool:
    """Return True once the meeting's day has come: its decisions may be recorded."""
    return meeting_date(pg, meeting) <= today


def next_meeting(pg: PortfolioGraph, programme: str | None, today: dt.date) -> str | None:
    """Return the first meeting on or after ``today`` (of one programme, or of any), or None."""
    return next((m for m in meetings_of(pg, programme) if meeting_date(pg, m) >= today), None)


def previous_meeting(pg: PortfolioGraph, meeting: str) -> str | None:
    """Return the programme's meeting before this one (by date), or None."""
    day = meeting_date(pg, meeting)
    earlier = [m for m in meetings_of(pg, pg.data(meeting).get("programme")) if meeting_date(pg, m) < day]
    return earlier[-1] if earlier else None


def last_held(pg: PortfolioGraph, programme: str | None, today: dt.date) -> str | None:
    """Return the latest meeting before ``today``, or None."""
    earlier = [m for m in meetings_of(pg, programme) if meeting_date(pg, m) < today]
    return earlier[-1] if earlier else None


def agenda(pg: PortfolioGraph, meeting: str) -> list[str]:
    """Return the meeting's agenda items in their order (then by id).

    >>> from graph.record import Record
    >>> pg = PortfolioGraph([Record("meeting", "m", {"id": "m", "programme": "p", "date": "2026-12-10"}),
    ...     Record("agenda_item", "b", {"id": "b", "meeting": "m", "order": 1, "title": "B"}),
    ...     Record("agenda_item", "a", {"id": "a", "meeting": "m", "order": 2, "title": "A"})])
    >>> agenda(pg, "m")
    ['b', 'a']
    """
    items = [i for i in pg.into(meeting, Relation.ON_AGENDA_OF) if pg.kind(i) == "agenda_item"]
    return sorted(items, key=lambda i: (int(pg.data(i).get("order", 0)), i))


def decision_of(pg: PortfolioGraph, item: str) -> str | None:
    """Return the decision that resolves an agenda item, or None."""
    found = [d for d in pg.into(item, Relation.RESOLVES) if pg.kind(d) == "decision"]
    return sorted(found)[0] if found else None


def subject_kind(pg: PortfolioGraph, item: str) -> str:
    """What an agenda item is about: ``ambition``, ``professional_ambition``, ``prerequisite``, ``specialty`` (its status report) or ``""`` (free text)."""
    subject = pg.data(item).get("subject")
    return str(pg.kind(subject) or "") if isinstance(subject, str) else ""


def specialties_in_order(pg: PortfolioGraph, programme: str | None) -> list[str]:
    """The programme's specialties in the order the programme lists them."""
    return [s for s in pg.ids("specialty") if programme is None or pg.programme_of(s) == programme]


def awaiting_decision(pg: PortfolioGraph, programme: str | None) -> list[str]:
    """Return what awaits the steering group, in the programme's order: submitted ambitions (strategic, then
    faglig), proposed
    prerequisites of approved ambitions (to be agreed), and the status report of every specialty whose
    ambition is approved (as the specialty's id).

    >>> from graph.examples import example_graph
    >>> awaiting_decision(example_graph(), None)  # geri's ambition is approved: its status report
    ['geri']
    """
    found: list[str] = []
    for specialty in specialties_in_order(pg, programme):
        reporting = False
        for ambition in pg.ambitions_of(specialty):
            status = pg.data(ambition).get("status", "draft")
            if status == "submitted":
                found.append(ambition)
            found += sorted(p for p in pg.into(ambition, Relation.REALISES)
                            if pg.kind(p) == "professional_ambition" and pg.data(p).get("status") == "submitted")
            if status == "approved":
                reporting = True
                found += [p for p in pg.into(ambition, Relation.BELONGS_TO)
                          if pg.kind(p) == "prerequisite" and pg.data(p).get("status", "proposed") == "proposed"]
        if reporting:
            found.append(specialty)
    return found


def proposed_agenda(pg: PortfolioGraph, meeting: str) -> list[str]:
    """Return what "Dagsorden" proposes for a meeting: everything awaiting a decision (``awaiting_decision``)
    that is not on its agenda yet, in the programme's order."""
    present = {pg.data(i).get("subject") for i in agenda(pg, meeting)}
    return [s for s in awaiting_decision(pg, pg.data(meeting).get("programme")) if s not in present]


@dataclass(frozen=True)
class Missing:
    """Something an agenda item still lacks before its meeting: ``not_submitted`` or ``no_report``."""

    item: str
    subject: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "subject": self.subject, "reason": self.reason}


def missing_for(pg: PortfolioGraph, meeting: str) -> list[Missing]:
    """Return what the meeting's agenda still lacks, in agenda order: an ambition on the agenda that is
    not submitted (and not decided here), and a specialty whose status report has no check-in since the
    previous meeting (or in the last month, without one)."""
    day = meeting_date(pg, meeting)
    before = previous_meeting(pg, meeting)
    since = meeting_date(pg, before) if before else day - dt.timedelta(days=31)
    found: list[Missing] = []
    for item in agenda(pg, meeting):
        kind, subject = subject_kind(pg, item), str(pg.data(item).get("subject") or "")
        if decision_of(pg, item):
            continue
        if kind in ("ambition", "professional_ambition") and pg.data(subject).get("status", "draft") != "submitted":
            found.append(Missing(item, subject, "not_submitted"))
        elif kind == "specialty" and not _reported_since(pg, subject, since):
            found.append(Missing(item, subject, "no_report"))
    return found


def _reported_since(pg: PortfolioGraph, specialty: str, since: dt.date) -> bool:
    for check_in in pg.ids("check_in"):
        data = pg.data(check_in)
        written = str(data.get("written_on") or data.get("period") or "")
        if written >= since.isoformat() and pg.specialty_of(check_in) == specialty:
            return True
    return False


def decisions_on(pg: PortfolioGraph, item: str) -> list[str]:
    """Return the decisions on an ambition or a prerequisite, newest first (by date, then id)."""
    found = [d for d in pg.into(item, Relation.DECIDES) if pg.kind(d) == "decision"]
    return sorted(found, key=lambda d: (str(pg.data(d).get("decided_on", "")), d), reverse=True)


def minutes(pg: PortfolioGraph, meeting: str) -> list[tuple[str, str | None]]:
    """Return ``(agenda item, its decision or None)`` for every item of the meeting, in agenda order."""
    return [(item, decision_of(pg, item)) for item in agenda(pg, meeting)]


def agenda_subjects(pg: PortfolioGraph, meeting: str) -> set[str]:
    """Every element the meeting's agenda points at, and the specialties they belong to (for the overview's filter)."""
    found: set[str] = set()
    for item in agenda(pg, meeting):
        subject = pg.data(item).get("subject")
        if isinstance(subject, str) and subject in pg:
            found.add(subject)
            specialty = pg.specialty_of(subject)
            if specialty:
                found.add(specialty)
    return found


def meeting_programme_problem(pg: PortfolioGraph, data: dict[str, Any]) -> str | None:
    """Return the subject id of an agenda item that belongs to another programme than its meeting, else None.

    >>> from graph.record import Record
    >>> pg = PortfolioGraph([Record("meeting", "m", {"id": "m", "programme": "p", "date": "2026-12-10"}, "p"),
    ...                      Record("specialty", "s", {"id": "s", "name": "S"}, "q")])
    >>> meeting_programme_problem(pg, {"meeting": "m", "subject": "s"})
    's'
    """
    meeting, subject = data.get("meeting"), data.get("subject")
    if not isinstance(meeting, str) or not isinstance(subject, str) or meeting not in pg or subject not in pg:
        return None
    theirs = pg.programme_of(subject) or pg.programme_of(pg.specialty_of(subject) or subject)
    mine = pg.data(meeting).get("programme") or pg.programme_of(meeting)
    return subject if theirs and mine and theirs != mine else None
