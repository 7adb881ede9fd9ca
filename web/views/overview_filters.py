"""The overview's filters for a meeting (issue 22): a meeting's agenda (``?meeting=ID``) and an ambition
status (``?status=submitted|returned|changed``, changed: approved and changed since its approval)."""
from __future__ import annotations

from flask import abort, request
from flask_babel import gettext as _

from graph.portfolio import PortfolioGraph
from graph.queries.baseline import changed_since_approval
from graph.queries.meetings import agenda_subjects
from web.state import portfolio

#: The statuses the overview filters by, in the order the filter offers them.
STATUS_FILTERS: tuple[str, ...] = ("submitted", "returned", "changed")


def agenda_filters() -> tuple[str | None, str | None]:
    """The request's ``meeting`` and ``status``; 400 quoting a value that is no meeting or no such status."""
    meeting = request.args.get("meeting") or None
    status = request.args.get("status") or None
    if meeting is not None and portfolio().kind(meeting) != "meeting":
        abort(400, description=_("'%(value)s' is not a meeting.", value=meeting[:60]))
    if status is not None and status not in STATUS_FILTERS:
        abort(400, description=_("'%(value)s' is not one of: %(known)s.", value=status[:60], known=", ".join(STATUS_FILTERS)))
    return meeting, status


def filter_rows(pg: PortfolioGraph, rows: list[dict], meeting: str | None, status: str | None) -> list[dict]:
    """The coverage rows of the specialties on a meeting's agenda, and/or whose ambition has the status."""
    if meeting:
        on = agenda_subjects(pg, meeting)
        rows = [r for r in rows if r["id"] in on]
    if status == "changed":
        rows = [r for r in rows if r.get("ambition") and changed_since_approval(pg, r["ambition"])]
    elif status:
        rows = [r for r in rows if r.get("ambition_status") == status]
    return rows
