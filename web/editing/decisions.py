"""An indicator's new reading, and the steering group's decision on an ambition."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _

from graph.changeset import ChangeSet, Record, parse_record
from graph.portfolio import PortfolioGraph
from graph.problems import Conflict, InvalidChangeSet, Problem
from graph.queries.baseline import AMBITION_KINDS, strategic_content
from graph.relations import Relation
from graph.versions import new_version as carry
from graph.vocabulary import kind_label
from web import clock, rights
from web.editing import bp, forms
from web.editing.common import conflict_message, posted_version, signed_in_user
from web.i18n import current_language
from web.navigation import next_or, page_of
from web.state import fresh_portfolio, portfolio, store


def _allowed(item_id: str, kind: str, may: Callable[[rights.User, PortfolioGraph, str], bool]) -> tuple[rights.User, Record]:
    """Return the signed-in user and the stored element; 404 for no such element of ``kind``, 403 unless ``may``."""
    user = signed_in_user()
    pg = portfolio()
    if pg.kind(item_id) != kind:
        abort(404)
    if not may(user, pg, item_id):
        abort(403)
    return user, pg.record(item_id)


@bp.route("/edit/indicator/<item_id>/reading", methods=["GET", "POST"])
def reading(item_id: str):
    """Add a reading (date, value, note) to an indicator."""
    user, before = _allowed(item_id, "indicator", rights.can_record_reading)
    values = {"date": clock.today().isoformat(), "value": "", "note": ""}
    errors: dict[str, list[str]] = {}
    general: list[str] = []
    status = 200
    version = before.version
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in ("date", "value", "note")}
        version = posted_version(request.form)
        new_reading: dict = {"date": values["date"].strip(), "value": forms.parse_value(values["value"])}
        if values["note"].strip():
            new_reading["note"] = values["note"].strip()
        readings = list(before.data.get("readings", []))
        position = len(readings)
        raw = dict(before.data, readings=readings + [new_reading])
        lang = current_language()
        try:
            record = parse_record("indicator", raw, kind_label("indicator", lang), before.programme)
            store().apply(ChangeSet(upserts=[record], expect={item_id: version}, note=f"web: reading {item_id}"), user.username)
        except InvalidChangeSet as exc:
            status = 400
            for p in exc.problems:
                parts = (p.field or "").split(".")
                if parts[:2] == ["readings", str(position)] and len(parts) > 2:
                    errors.setdefault(parts[2], []).append(p.message(lang))
                elif parts == ["readings", str(position)]:
                    general.append(p.message(lang))
                else:
                    general.append(p.text(lang))
        except Conflict:
            status = 409
            general.append(conflict_message(item_id))
            version = fresh_portfolio().version(item_id)
        else:
            flash(_("Reading saved."))
            return redirect(next_or(page_of(item_id)))
    return render_template(
        "edit/reading.html", item_id=item_id, data=before.data, values=values, errors=errors,
        general=general, version=version, fields=forms.READING_FIELDS,
    ), status


# -- the steering group's decision -------------------------------------------------------------


def decision_records(pg: PortfolioGraph, before: Record, user: rights.User, chosen: str, on: str, meeting: str,
                     reason: str, revision: int, lang: str, at: dict | None = None) -> list[Record]:
    """Return the records one decision writes: the ambition's new status, the Decision, and for an approval the Baseline.

    ``revision`` is the store revision whose content the steering group saw: the baseline freezes it.
    ``at`` holds the fields of a decision recorded at a meeting (``agenda_item``, ``by`` the chair,
    ``recorded_by`` the secretariat), web/editing/meeting_decisions.py.
    """
    item_id = before.id
    raw = {k: v for k, v in before.data.items() if k != "approved_on"}
    raw["status"] = chosen
    if chosen == "approved":
        raw["approved_on"] = on
    decision_id = f"{item_id[:70]}.decision.r{revision + 1}"
    decision = {"id": decision_id, "ambition": item_id, "outcome": chosen, "decided_on": on, "reason": reason,
                "revision": revision}
    if meeting:
        decision["meeting"] = meeting
    if user.person and pg.kind(user.person) == "person":
        decision["by"] = user.person
    decision.update(at or {})
    records = [
        parse_record(before.kind, raw, kind_label(before.kind, lang), before.programme),
        parse_record("decision", decision, kind_label("decision", lang), before.programme),
    ]
    if chosen == "approved":
        content = strategic_content(pg, item_id)
        content["ambition"] = dict(content["ambition"])
        baseline = {"id": f"{item_id[:70]}.baseline.r{revision + 1}", "ambition": item_id, "decision": decision_id,
                    "revision": revision, "approved_on": on, "content": content}
        records.append(parse_record("baseline", baseline, kind_label("baseline", lang), before.programme))
    return records


@bp.route("/ambition/<item_id>/decision", methods=["GET", "POST"])
def decision(item_id: str):
    """Approve or return a strategic ambition: the steering group's decision, with reason, meeting and date.

    The decision is kept (who, when, at which revision, why); an approval freezes the ambition's
    strategic content as a baseline.
    """
    user, before = _allowed(item_id, _ambition_kind(item_id), rights.can_approve)
    chosen = request.form.get("decision", "approved")
    on = request.form.get("date", dt.date.today().isoformat())
    meeting = request.form.get("meeting", "").strip()
    reason = request.form.get("reason", "").strip()
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        if chosen not in ("approved", "returned"):
            abort(400)
        lang = current_language()
        try:
            try:
                dt.date.fromisoformat(on)
            except ValueError:
                raise InvalidChangeSet([Problem("date", "decision", item_id, "date")]) from None
            if not reason:
                problems = [_("Write the reason for the decision.")]
                raise _Refused
            pg = fresh_portfolio()
            records = decision_records(pg, before, user, chosen, on, meeting, reason, pg.revision, lang)
            note = f"web: ambition {item_id} {chosen} {on}"
            version = posted_version(request.form)
            # The baseline must be what the store holds when the decision is written: every item of
            # the content at the version it was frozen at, or the decision is refused as a conflict.
            content = strategic_content(pg, item_id)
            expect = {i["id"]: pg.version(i["id"]) for section, items in content.items() if section != "ambition" for i in items}
            expect[item_id] = version
            store().apply(ChangeSet(upserts=records, expect=expect, note=note), user.username)
        except _Refused:
            status = 400
        except InvalidChangeSet as exc:
            problems = [p.message(lang) for p in exc.problems]
            status = 400
        except Conflict as exc:
            problems = [conflict_message(exc.problem.item or item_id)]
            status = 409
        else:
            flash(_("The ambition is approved.") if chosen == "approved" else _("The ambition is returned."))
            return redirect(next_or(page_of(item_id)))
    return render_template(
        "edit/decision.html", item_id=item_id, data=before.data, chosen=chosen, on=on, meeting=meeting, reason=reason,
        version=fresh_portfolio().version(item_id) if status == 409 else before.version, problems=problems,
    ), status


def _ambition_kind(item_id: str) -> str:
    """A strategic or a faglig ambition: both are decided and submitted by the same flow (else 404 below)."""
    kind = portfolio().kind(item_id)
    return kind if kind in AMBITION_KINDS else "ambition"


class _Refused(Exception):
    """The decision form is incomplete; its problems are already listed."""


@bp.route("/ambition/<item_id>/submit", methods=["POST"])
def submit(item_id: str):
    """Submit an ambition for the steering group's decision (again, once it changed since its approval)."""
    user, before = _allowed(item_id, _ambition_kind(item_id), rights.can_resubmit)
    raw = {k: v for k, v in before.data.items() if k != "approved_on"}
    raw["status"] = "submitted"
    lang = current_language()
    try:
        record = parse_record(before.kind, raw, kind_label(before.kind, lang), before.programme)
        version = posted_version(request.form)
        store().apply(ChangeSet(upserts=[record], expect={item_id: version}, note=f"web: ambition {item_id} submitted"),
                      user.username)
    except Conflict:
        flash(conflict_message(item_id))
        return redirect(page_of(item_id)), 303
    flash(_("Submitted to the steering group."), "submitted")
    return redirect(next_or(page_of(item_id)))


# -- a new version of an approved ambition ------------------------------------------------------


@bp.route("/ambition/<item_id>/new-version", methods=["GET", "POST"])
def new_version(item_id: str):
    """Carry an approved ambition into a new version (a new horizon), choosing what comes along."""
    user, before = _allowed(item_id, "ambition", lambda u, pg, a: rights.can_edit(u, pg, "ambition", a)
                            and pg.data(a).get("status") == "approved")
    pg = portfolio()
    focus_areas = pg.focus_areas_of(item_id)
    indicators = sorted(i for fa in focus_areas for i in pg.out(fa, Relation.MEASURED_BY))
    initiatives = sorted({i for fa in focus_areas for i in pg.into(fa, Relation.SERVES)})
    form = request.form
    values = {
        "id": form.get("id", f"{item_id}-2").strip(),
        "statement": form.get("statement", before.data.get("statement", "")).strip(),
        "horizon_months": form.get("horizon_months", str(before.data.get("horizon_months") or "")).strip(),
    }
    chosen = {
        "focus_areas": form.getlist("focus_areas") if request.method == "POST" else focus_areas,
        "indicators": form.getlist("indicators") if request.method == "POST" else indicators,
        "initiatives": form.getlist("initiatives") if request.method == "POST" else [],
    }
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        lang = current_language()
        if values["id"] in pg:
            problems.append(_("The id '%(id)s' is already in use.", id=values["id"]))
            status = 400
        else:
            horizon = int(values["horizon_months"]) if values["horizon_months"].isdigit() else None
            items = carry(pg, item_id, values["id"], values["statement"], horizon,
                          chosen["focus_areas"], chosen["indicators"], chosen["initiatives"])
            # The carried focus areas and indicators are the ambition's specialty's (the right to edit it
            # was checked); a carried initiative is judged as it would be on the focus areas it came from.
            origin = {raw["id"]: raw["carried_from"] for kind, raw in items if kind == "focus_area"}
            for kind, raw in items:
                if kind == "initiative":
                    judged = {**raw, "focus_areas": [origin[fa] for fa in raw["focus_areas"]]}
                    if not rights.can_write(user, pg, kind, None, judged):
                        abort(403)
            try:
                records = [parse_record(kind, raw, kind_label(kind, lang), before.programme) for kind, raw in items]
                store().apply(ChangeSet(upserts=records, note=f"web: new version {values['id']} of {item_id}"), user.username)
            except InvalidChangeSet as exc:
                problems = [p.text(lang) for p in exc.problems]
                status = 400
            else:
                flash(_("The new version is made; the approved one stays as it was."))
                return redirect(page_of(values["id"]))
    return render_template(
        "edit/new_version.html", item_id=item_id, values=values, chosen=chosen, focus_areas=focus_areas,
        indicators=indicators, initiatives=initiatives, problems=problems,
    ), status
