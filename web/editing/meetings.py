"""The secretariat prepares a meeting: creates it, and builds its agenda by clicks (propose, add, order, remove).

Every action is a form posted to one of these routes (no inline script: the pages' CSP forbids it);
each writes one change set expecting the versions it read, and answers 400 naming the wrong value,
with nothing written, for bad input.
"""
from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from graph.changeset import ChangeSet, Record, parse_record
from graph.portfolio import PortfolioGraph
from graph.problems import Conflict, InvalidChangeSet
from graph.queries import meetings as q
from graph.schema import AGENDA_SUBJECTS
from graph.vocabulary import kind_label
from web import rights_meetings
from web.editing import bp
from web.editing.common import conflict_message, signed_in_user
from web.editing.ids import slug
from web.i18n import current_language
from web.rights import User
from web.state import portfolio, store


def _meeting_for(meeting: str) -> tuple[User, PortfolioGraph]:
    """The signed-in user and the graph; 404 for no such meeting, 403 unless the user prepares it."""
    user = signed_in_user()
    pg = portfolio()
    if pg.kind(meeting) != "meeting":
        abort(404)
    if not rights_meetings.can_prepare(user, pg, meeting):
        abort(403)
    return user, pg


def _apply(user: User, records: list[Record], deletes: list[str], expect: dict[str, int], note: str) -> None:
    try:
        store().apply(ChangeSet(upserts=records, deletes=deletes, expect=expect, note=note), user.username)
    except InvalidChangeSet as exc:
        abort(400, description="; ".join(p.text(current_language()) for p in exc.problems))
    except Conflict as exc:
        abort(409, description=conflict_message(exc.problem.item or ""))


def _back(meeting: str):
    return redirect(url_for("pages.meeting", item_id=meeting) + "#agenda", 303)


@bp.route("/meetings/new", methods=["POST"])
def new_meeting():
    """Create a meeting of a programme the user is secretariat of: date, title, place, chair."""
    user = signed_in_user()
    pg = portfolio()
    programme = request.form.get("programme", "").strip()
    if programme not in rights_meetings.prepared_programmes(user, pg):
        abort(403)
    raw = {k: request.form.get(k, "").strip() for k in ("date", "title", "place", "chair")}
    raw = {k: v for k, v in raw.items() if v}
    try:
        day = dt.date.fromisoformat(raw.get("date", ""))
    except ValueError:
        abort(400, description=_("The meeting's date '%(value)s' is not a date (YYYY-MM-DD).", value=raw.get("date", "")[:60]))
    if raw.get("chair") and raw["chair"] not in pg.role_holders(programme, "steering_group"):
        abort(400, description=_("'%(value)s' is not a member of the steering group.", value=raw["chair"][:60]))
    base, n = f"{slug(programme)}-{day.isoformat()}", 2
    meeting = base
    while meeting in pg:
        meeting, n = f"{base}-{n}", n + 1
    raw.update(id=meeting, programme=programme)
    lang = current_language()
    try:
        record = parse_record("meeting", raw, kind_label("meeting", lang), programme)
    except InvalidChangeSet as exc:
        abort(400, description="; ".join(p.text(lang) for p in exc.problems))
    _apply(user, [record], [], {meeting: 0}, f"web: meeting {meeting}")
    flash(_("The meeting is created."))
    return redirect(url_for("pages.meeting", item_id=meeting), 303)


def _item_record(pg: PortfolioGraph, meeting: str, raw: dict) -> Record:
    lang = current_language()
    try:
        return parse_record("agenda_item", raw, kind_label("agenda_item", lang), pg.programme_of(meeting))
    except InvalidChangeSet as exc:
        abort(400, description="; ".join(p.text(lang) for p in exc.problems))


def _new_items(pg: PortfolioGraph, meeting: str, subjects: list[str | None], title: str | None = None) -> list[Record]:
    """Agenda items for ``subjects`` (None: a free-text item titled ``title``) at the end of the agenda."""
    present = q.agenda(pg, meeting)
    order = max((int(pg.data(i).get("order", 0)) for i in present), default=0)
    taken = set(present)
    records = []
    for subject in subjects:
        order += 1
        n = order
        while f"{meeting}.{n}" in pg or f"{meeting}.{n}" in taken:
            n += 1
        taken.add(f"{meeting}.{n}")
        raw = {"id": f"{meeting}.{n}", "meeting": meeting, "order": order, "subject": subject, "title": title}
        records.append(_item_record(pg, meeting, {k: v for k, v in raw.items() if v is not None}))
    return records


@bp.route("/meeting/<item_id>/propose", methods=["POST"])
def propose(item_id: str):
    """"Dagsorden": put everything awaiting a decision (not on the agenda yet) on it, in the programme's order."""
    user, pg = _meeting_for(item_id)
    proposed: list[str | None] = list(q.proposed_agenda(pg, item_id))
    if proposed:
        records = _new_items(pg, item_id, proposed)
        _apply(user, records, [], {r.id: 0 for r in records}, f"web: agenda of {item_id} proposed")
    flash(_("%(n)d items were put on the agenda.", n=len(proposed)))
    return _back(item_id)


@bp.route("/meeting/<item_id>/items", methods=["POST"])
def add_item(item_id: str):
    """Add one item: an element awaiting a decision (``subject``), or a free-text item (``title``)."""
    user, pg = _meeting_for(item_id)
    subject = request.form.get("subject", "").strip() or None
    title = request.form.get("title", "").strip() or None
    if subject is not None:
        if subject not in pg or pg.kind(subject) not in AGENDA_SUBJECTS:
            abort(400, description=_("'%(value)s' is no ambition, prerequisite or specialty.", value=subject[:60]))
        if q.meeting_programme_problem(pg, {"meeting": item_id, "subject": subject}):
            abort(400, description=_("'%(value)s' belongs to another programme than the meeting.", value=subject[:60]))
    elif title is None:
        abort(400, description=_("Give the agenda item a title."))
    records = _new_items(pg, item_id, [subject], title)
    _apply(user, records, [], {r.id: 0 for r in records}, f"web: agenda item on {item_id}")
    return _back(item_id)


def _agenda_item(pg: PortfolioGraph, meeting: str, item: str) -> list[str]:
    """The meeting's agenda; 400 naming ``item`` unless it is on it, or if it is decided already."""
    items = q.agenda(pg, meeting)
    if item not in items:
        abort(400, description=_("'%(value)s' is not on the agenda of this meeting.", value=item[:60]))
    if q.decision_of(pg, item):
        abort(400, description=_("'%(value)s' is decided; it stays on the agenda.", value=item[:60]))
    return items


@bp.route("/meeting/<item_id>/item/<agenda_item>/move", methods=["POST"])
def move_item(item_id: str, agenda_item: str):
    """Move an item one place up or down the agenda (``direction``), renumbering the agenda from 1."""
    user, pg = _meeting_for(item_id)
    items = _agenda_item(pg, item_id, agenda_item)
    direction = request.form.get("direction", "")
    if direction not in ("up", "down"):
        abort(400, description=_("'%(value)s' is not up or down.", value=direction[:60]))
    at = items.index(agenda_item)
    to = at - 1 if direction == "up" else at + 1
    if 0 <= to < len(items):
        items[at], items[to] = items[to], items[at]
    _renumber(user, pg, item_id, items, [], f"web: agenda of {item_id} ordered")
    return _back(item_id)


@bp.route("/meeting/<item_id>/item/<agenda_item>/remove", methods=["POST"])
def remove_item(item_id: str, agenda_item: str):
    """Take an item off the agenda; the rest keep their order."""
    user, pg = _meeting_for(item_id)
    items = _agenda_item(pg, item_id, agenda_item)
    items.remove(agenda_item)
    _renumber(user, pg, item_id, items, [agenda_item], f"web: {agenda_item} off the agenda of {item_id}")
    return _back(item_id)


def _renumber(user: User, pg: PortfolioGraph, meeting: str, items: list[str], deletes: list[str], note: str) -> None:
    records, expect = [], {d: pg.version(d) for d in deletes}
    for n, item in enumerate(items, start=1):
        if int(pg.data(item).get("order", 0)) != n:
            records.append(_item_record(pg, meeting, dict(pg.data(item), order=n)))
            expect[item] = pg.version(item)
    _apply(user, records, deletes, expect, note)
