"""The minutes: the secretariat records an agenda item's outcome as the steering group's decision.

"På vegne af programstyregruppen": the decision is the steering group's, in the name of the
meeting's chair (``by``), and keeps who recorded it (``recorded_by``) and the agenda item it
resolves. On an ambition it works as the steering group's own decision does (status, baseline:
web/editing/decisions.py); on a prerequisite it sets the prerequisite's status (agreed or not
agreed); on a status report or a free-text item it is noted (or, for a free item, approved or
returned). Rights: web/rights_meetings.py.
"""
from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from graph.changeset import ChangeSet, Record, parse_record
from graph.portfolio import PortfolioGraph
from graph.problems import Conflict, InvalidChangeSet
from graph.queries import meetings as q
from graph.queries.baseline import strategic_content
from graph.vocabulary import OUTCOMES_FOR, kind_label
from web import rights_meetings
from web.editing import bp
from web.editing.common import conflict_message, signed_in_user
from web.editing.decisions import decision_records
from web.i18n import current_language
from web.rights import User
from web.state import portfolio, store


def _checked(pg: PortfolioGraph, meeting: str, item: str) -> str:
    """The item's subject kind; 400 quoting the value for an item off this agenda, decided already, or a meeting not held."""
    if pg.kind(meeting) != "meeting":
        abort(404)
    if item not in q.agenda(pg, meeting):
        abort(400, description=_("'%(value)s' is not on the agenda of this meeting; no decision is recorded.", value=item[:60]))
    if q.decision_of(pg, item):
        abort(400, description=_("'%(value)s' is decided already at this meeting (%(decision)s); a second decision is not recorded.",
                                 value=item[:60], decision=q.decision_of(pg, item)))
    if not q.is_held(pg, meeting, dt.date.today()):
        abort(400, description=_("The meeting of %(value)s is not held yet; its decisions are recorded on the day or after.",
                                 value=pg.data(meeting)["date"]))
    return q.subject_kind(pg, item)


def _at_meeting(user: User, pg: PortfolioGraph, meeting: str, item: str) -> dict:
    """The decision's fields that say where and by whom: the agenda item, the chair, who recorded it."""
    chair = pg.data(meeting).get("chair")
    fields: dict = {"agenda_item": item}
    person = user.person if user.person and pg.kind(user.person) == "person" else None
    if rights_meetings.on_behalf(user, pg, meeting):
        if chair:
            fields["by"] = chair
        if person:
            fields["recorded_by"] = person
    return fields


def meeting_decision_records(pg: PortfolioGraph, user: User, meeting: str, item: str, outcome: str,
                             reason: str) -> tuple[list[Record], dict[str, int]]:
    """Return the records of one decision at a meeting and the versions they expect."""
    lang = current_language()
    kind = q.subject_kind(pg, item)
    subject = str(pg.data(item).get("subject") or "")
    on = str(pg.data(meeting)["date"])
    title = pg.display_title(meeting)[:300]
    at = _at_meeting(user, pg, meeting, item)
    programme = pg.programme_of(meeting)
    if kind in ("ambition", "professional_ambition"):
        before = pg.record(subject)
        records = decision_records(pg, before, user, outcome, on, title, reason, pg.revision, lang, at)
        content = strategic_content(pg, subject)
        expect = {i["id"]: pg.version(i["id"]) for section, items in content.items() if section != "ambition" for i in items}
        expect[subject] = before.version
        return records, expect
    decision: dict = {"id": f"{(subject or item)[:70]}.decision.r{pg.revision + 1}", "outcome": outcome, "decided_on": on,
                      "reason": reason, "meeting": title, "revision": pg.revision, **at}
    if decision.get("by") is None and user.person and pg.kind(user.person) == "person":
        decision["by"] = user.person
    records, expect = [], {}
    if kind == "prerequisite":
        decision["prerequisite"] = subject
        records.append(parse_record("prerequisite", dict(pg.data(subject), status=outcome), kind_label("prerequisite", lang),
                                    pg.programme_of(subject)))
        expect[subject] = pg.version(subject)
    records.append(parse_record("decision", decision, kind_label("decision", lang), programme))
    expect[decision["id"]] = 0
    return records, expect


@bp.route("/meeting/<item_id>/item/<agenda_item>/decision", methods=["POST"])
def record_decision(item_id: str, agenda_item: str):
    """Record the steering group's decision on one agenda item of a held meeting: outcome and reason."""
    user = signed_in_user()
    pg = portfolio()
    kind = _checked(pg, item_id, agenda_item)
    if not rights_meetings.can_record(user, pg, agenda_item, dt.date.today()):
        abort(403)
    outcome = request.form.get("outcome", "").strip()
    allowed = OUTCOMES_FOR[kind if kind in OUTCOMES_FOR else ""]
    if outcome not in allowed:
        abort(400, description=_("'%(value)s' is not a decision on this item; choose one of: %(allowed)s.",
                                 value=outcome[:60], allowed=", ".join(allowed)))
    reason = request.form.get("reason", "").strip()
    if not reason:
        abort(400, description=_("Write the reason for the decision."))
    lang = current_language()
    try:
        records, expect = meeting_decision_records(pg, user, item_id, agenda_item, outcome, reason)
        store().apply(ChangeSet(upserts=records, expect=expect, note=f"web: decision on {agenda_item} at {item_id}"),
                      user.username)
    except InvalidChangeSet as exc:
        abort(400, description="; ".join(p.text(lang) for p in exc.problems))
    except Conflict as exc:
        abort(409, description=conflict_message(exc.problem.item or agenda_item))
    flash(_("The decision is recorded in the minutes."))
    return redirect(url_for("pages.meeting", item_id=item_id) + "#" + agenda_item, 303)
