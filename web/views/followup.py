"""The follow-up after approval in the browser: "Til opfølgning" for the signed-in person, and on
each initiative, focus area and ambition its check-ins, open signals and roll-up; on a specialty's
page and the overview the roll-up and the open signals of the whole specialty.

Every template gets ``followup_of(item)`` (check-ins, open signals, roll-up and indicator
progress of one element) and ``followup_count(person)`` (the length of a person's list, for the
link on Min side).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from graph.portfolio import PortfolioGraph
from graph.queries.checkins import check_ins_of, open_signals_of_specialty, signals_on
from graph.queries.followup import FollowUpItem, followup_for, specialty_summary
from graph.queries.progress import indicators_of, progress
from graph.queries.rollup import ambition_rollup, focus_area_rollup
from web import clock
from web.filters import current_user_info
from web.navigation import has_endpoint, url_of
from web.state import portfolio
from web.views import bp

#: The link text of the form that clears each kind of follow-up item (graph/queries/followup.ACTIONS).
ACTION_LABELS = {
    "check_in": _l("Write the check-in"), "reading": _l("Record a reading"), "edit": _l("Update it"),
    "answer": _l("Answer the signal"), "open": _l("Open it"), "decide": _l("Decide"),
}
#: An indicator's progress state in words (graph/queries/progress.Progress.state).
PROGRESS_LABELS = {
    "met": _l("Target met"), "towards": _l("Moving towards the target"), "away": _l("Moving away from the target"),
    "not_met": _l("Not met yet"), "not_measured": _l("Not measured"), "unknown": _l("No target to measure against"),
}
#: What is overdue, in the status report (graph/queries/status_report.py).
OVERDUE_LABELS = {"check_in_due": _l("check-in missing"), "reading_due": _l("reading overdue"), "past_end": _l("past its end date")}
#: Check-ins shown on an element's page, newest first (the rest are in the history).
CHECK_INS_SHOWN = 6


def followup_of(pg: PortfolioGraph, item: str, today: dt.date) -> dict[str, Any]:
    """What an element's page shows of its follow-up: its newest check-ins, open signals, the roll-up
    (focus areas and ambitions) and the progress of the indicators measuring it."""
    kind = pg.kind(item)
    rollup = None
    if kind == "focus_area":
        rollup = focus_area_rollup(pg, item, today)
    elif kind == "ambition":
        rollup = ambition_rollup(pg, item, today)[0]
    return {
        "check_ins": check_ins_of(pg, item)[:CHECK_INS_SHOWN],
        "signals": signals_on(pg, item),
        "rollup": rollup,
        "progress": [progress(pg, i, today) for i in indicators_of(pg, item)] if kind == "focus_area" else [],
    }


def action_url(pg: PortfolioGraph, entry: FollowUpItem) -> str:
    """The form that clears a follow-up item (its ``action``), coming back to the list afterwards."""
    back = url_for("pages.followup")
    if entry.action == "check_in":
        return url_for("edit.new", kind="check_in", subject=entry.target, next=back)
    if entry.action == "reading":
        return url_for("edit.reading", item_id=entry.target, next=back) if has_endpoint("edit.reading") else (url_of(entry.target) or "#")
    if entry.action in ("edit", "answer"):
        kind = str(pg.kind(entry.target))
        return url_for("edit.edit", kind=kind, item_id=entry.target, next=back)
    if entry.action == "decide" and has_endpoint("edit.decision"):
        return url_for("edit.decision", item_id=entry.target)
    return url_of(entry.element) or url_of(entry.target) or "#"


@bp.app_context_processor
def _followup_helpers() -> dict[str, Any]:
    pg = portfolio()
    day = clock.today()
    return {
        "followup_of": lambda item: followup_of(pg, item, day),
        "overdue_label": lambda reason: str(OVERDUE_LABELS.get(reason, reason)),
        "action_label": lambda action: str(ACTION_LABELS.get(action, action)),
        "progress_label": lambda state: str(PROGRESS_LABELS.get(state, state)),
        "specialty_followup": lambda specialty: specialty_summary(pg, specialty, day),
        "ambition_followup": lambda ambition: ambition_rollup(pg, ambition, day),
        "specialty_signals": lambda specialty: open_signals_of_specialty(pg, specialty),
        "followup_count": lambda person: len(followup_for(pg, person, day).items) if person and person in pg else 0,
    }


@bp.route("/me/followup")
def followup() -> Response | str:
    """ "Til opfølgning": what the signed-in person should do next, each with the form that clears it."""
    user = current_user_info()
    if user is None:
        if has_endpoint("auth.login"):
            return redirect(url_for("auth.login", next=request.path))
        return render_template("followup.html", person=None, groups=[], today=clock.today())
    pg = portfolio()
    person = user.person if user.person and pg.kind(user.person) == "person" else None
    if person is None:
        return render_template("followup.html", person=None, groups=[], today=clock.today())
    found = followup_for(pg, person, clock.today())
    groups = [(spec, [(i, action_url(pg, i)) for i in items]) for spec, items in found.by_specialty()]
    return render_template("followup.html", person=person, groups=groups, today=found.on, count=len(found.items))
