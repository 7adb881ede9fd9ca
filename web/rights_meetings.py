"""Who may prepare a steering-group meeting and record its decisions (web/rights.py holds the rest).

- Meetings and agenda items are written by the secretariat of the meeting's programme (the generic
  rule of web/rights.py: every kind within its programme); nobody else writes them.
- An agenda item's outcome is recorded as the steering group's decision by the secretariat of the
  meeting's programme, on behalf of the steering group, and only for an item on the agenda of a
  meeting that is held (its day has come) and not decided yet. A member of that programme's steering
  group may record it too.
- Outside a meeting, only the steering group decides on an ambition, as before (``rights.can_approve``).
"""
from __future__ import annotations

import datetime as dt

from graph.portfolio import PortfolioGraph
from graph.queries.meetings import decision_of, is_held
from web.rights import User, _targets


def meeting_of_item(pg: PortfolioGraph, item: str) -> str | None:
    """The meeting an agenda item is on (None for anything else)."""
    if pg.kind(item) != "agenda_item":
        return None
    meeting = pg.data(item).get("meeting")
    return meeting if isinstance(meeting, str) and pg.kind(meeting) == "meeting" else None


def prepared_programmes(user: User | None, pg: PortfolioGraph) -> set[str]:
    """The programmes whose meetings ``user`` prepares (those they are in the secretariat of)."""
    return {p for p in _targets(user, pg, "secretariat") if pg.kind(p) == "programme"}


def can_prepare(user: User | None, pg: PortfolioGraph, meeting: str | None = None) -> bool:
    """Return True if ``user`` may create meetings (``meeting`` None) or build this meeting's agenda:
    the secretariat of its programme."""
    programmes = _targets(user, pg, "secretariat")
    if meeting is None:
        return bool(programmes)
    return pg.kind(meeting) == "meeting" and pg.data(meeting).get("programme") in programmes


def can_record(user: User | None, pg: PortfolioGraph, item: str, today: dt.date) -> bool:
    """Return True if ``user`` may record the steering group's decision on this agenda item now.

    The item must be on the agenda of a held meeting and not decided yet; the user in the secretariat
    or the steering group of the meeting's programme.
    """
    meeting = meeting_of_item(pg, item)
    if user is None or meeting is None or not is_held(pg, meeting, today) or decision_of(pg, item):
        return False
    programme = pg.data(meeting).get("programme")
    return programme in _targets(user, pg, "secretariat") or programme in _targets(user, pg, "steering_group")


def on_behalf(user: User | None, pg: PortfolioGraph, meeting: str) -> bool:
    """Return True if ``user`` records as the secretariat, on behalf of the steering group (not as a member)."""
    programme = pg.data(meeting).get("programme")
    return programme not in _targets(user, pg, "steering_group")
