"""The steering group's meetings: the list, and one meeting's page (agenda, then minutes once it is held).

The page asks graph/queries/meetings.py and renders; the forms it shows post to web/editing/meetings.py
(the agenda) and web/editing/meeting_decisions.py (the decisions).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response, g, render_template

from graph.portfolio import PortfolioGraph
from graph.queries import meetings as q
from graph.vocabulary import OUTCOMES_FOR
from importers.meeting_docx import item_title, minutes_docx
from web import rights_meetings
from web.i18n import current_language
from web.navigation import element_of
from web.state import portfolio
from web.views import bp


def _chair_choices(pg: PortfolioGraph, programme: str | None) -> list[str]:
    """The steering group's members (of one programme, or of any) a meeting may be chaired by."""
    found: list[str] = []
    for p in pg.ids("programme"):
        if programme is None or p == programme:
            found += [m for m in pg.role_holders(p, "steering_group") if m not in found]
    return found


def meetings_for(pg: PortfolioGraph, person: str | None, today: dt.date) -> list[dict[str, Any]]:
    """For Min side of a secretariat or steering-group member: per programme, the next meeting with its agenda
    and what is still missing, and the last held meeting with its decisions."""
    if not person or pg.kind(person) != "person":
        return []
    programmes = [r["programme"] for r in pg.roles_of(person)
                  if r["role"] in ("secretariat", "steering_group") and r.get("programme") in pg]
    found = []
    for programme in dict.fromkeys(programmes):
        coming, held = q.next_meeting(pg, programme, today), q.last_held(pg, programme, today)
        if coming is None and held is None:
            continue
        found.append({
            "programme": programme, "next": coming, "agenda": q.agenda(pg, coming) if coming else [],
            "missing": q.missing_for(pg, coming) if coming else [], "last": held,
            "decisions": [(i, d) for i, d in q.minutes(pg, held) if d] if held else [],
        })
    return found


@bp.app_context_processor
def _meeting_helpers() -> dict[str, Any]:
    pg = portfolio()
    return {"meetings_for": lambda person: meetings_for(pg, person, dt.date.today()),
            "agenda_title": lambda item: item_title(pg, item, current_language()),
            "decisions_on": lambda item: q.decisions_on(pg, item)}


@bp.route("/meetings")
def meetings() -> str:
    """Every meeting of the steering groups, next first among the coming ones; a form for the secretariat."""
    pg = portfolio()
    today = dt.date.today()
    listed = q.meetings_of(pg)
    coming = [m for m in listed if q.meeting_date(pg, m) >= today]
    held = [m for m in listed if q.meeting_date(pg, m) < today][::-1]
    user = g.get("user")
    programmes = sorted(rights_meetings.prepared_programmes(user, pg))
    return render_template(
        "meetings.html", coming=coming, held=held, programmes=programmes,
        chairs=_chair_choices(pg, programmes[0] if len(programmes) == 1 else None),
        today=today.isoformat(), agenda_count=lambda m: len(q.agenda(pg, m)),
    )


def meeting_context(pg: PortfolioGraph, meeting: str, today: dt.date) -> dict[str, Any]:
    """What the meeting's page (and the minutes) show: its agenda with each item's decision, the proposal."""
    user = g.get("user")
    rows = []
    for item, decision in q.minutes(pg, meeting):
        kind = q.subject_kind(pg, item)
        rows.append({
            "id": item, "data": pg.data(item), "kind": kind, "decision": decision,
            "outcomes": OUTCOMES_FOR[kind if kind in OUTCOMES_FOR else ""],
            "can_record": rights_meetings.can_record(user, pg, item, today),
        })
    return {
        "item": meeting, "meeting": pg.data(meeting), "rows": rows, "held": q.is_held(pg, meeting, today),
        "can_prepare": rights_meetings.can_prepare(user, pg, meeting),
        "proposed": q.proposed_agenda(pg, meeting), "missing": q.missing_for(pg, meeting),
        "previous": q.previous_meeting(pg, meeting), "on_behalf": rights_meetings.on_behalf(user, pg, meeting),
    }


@bp.route("/meeting/<item_id>")
def meeting(item_id: str) -> str:
    """One meeting: date, place, chair; its agenda in order; once held, the minutes (referat) with every decision."""
    element_of(item_id, "meeting")
    return render_template("meeting.html", **meeting_context(portfolio(), item_id, dt.date.today()))


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_answer(data: bytes, name: str) -> Response:
    """A Word file to download under ``name``."""
    return Response(data, mimetype=DOCX, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/meeting/<item_id>/minutes.docx")
def minutes_docx_file(item_id: str) -> Response:
    """The meeting's minutes as a Word file (as ``tracker minutes`` writes it)."""
    element_of(item_id, "meeting")
    return docx_answer(minutes_docx(portfolio(), item_id, current_language()), f"referat-{item_id}.docx")
