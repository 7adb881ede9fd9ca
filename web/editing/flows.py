"""Create, change and delete any element through its form; a save over a newer change is refused with the input kept."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from graph.changeset import ChangeSet, Record, parse_record
from graph.problems import Conflict, InvalidChangeSet
from graph.vocabulary import kind_label
from web import rights
from web.editing import bp, forms
from web.editing.common import conflict_message, programme_for, signed_in_user
from web.i18n import current_language
from web.navigation import next_or, page_of
from web.state import fresh_portfolio, portfolio, store


@dataclass
class FormState:
    """What an edit form shows: values, the version it was loaded at, and problems."""

    values: dict
    version: int
    errors: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    conflict: str | None = None
    stored: dict = field(default_factory=dict)


def _render_form(kind: str, item_id: str | None, state: FormState, status: int = 200):
    pg = portfolio()
    lang = current_language()
    fields = [
        (f, forms.choices(pg, f, lang) if f.widget in ("select", "multi", "themes", "target") else None)
        for f in forms.FIELDS[kind]
        if not (item_id and f.name == "id")
    ]
    return (
        render_template(
            "edit/form.html",
            kind=kind,
            item_id=item_id,
            fields=fields,
            state=state,
            kind_name=kind_label(kind, lang),
            can_delete=item_id is not None,
            next=request.values.get("next", ""),
        ),
        status,
    )


# -- create and edit -------------------------------------------------------------------------


@bp.route("/new/<kind>", methods=["GET", "POST"])
def new(kind: str):
    """Show and save the form for a new element of ``kind`` (query arguments prefill it)."""
    return _edit(kind, None)


@bp.route("/edit/<kind>/<item_id>", methods=["GET", "POST"])
def edit(kind: str, item_id: str):
    """Show and save the edit form of one element."""
    return _edit(kind, item_id)


def _edit(kind: str, item_id: str | None):
    if kind not in forms.FIELDS:
        abort(404)
    user = signed_in_user()
    pg = portfolio()
    before: Record | None = None
    if item_id is not None:
        if pg.kind(item_id) != kind:
            abort(404)
        before = pg.record(item_id)
    if not rights.can_edit(user, pg, kind, item_id):
        abort(403)

    if request.method == "GET":
        prefill = before.data if before else {k: v for k, v in request.args.items() if k not in ("next", "lang")}
        if before is None:
            for f in forms.FIELDS[kind]:
                if f.widget in ("multi", "themes") and f.name in request.args:
                    prefill[f.name] = request.args.getlist(f.name)
        return _render_form(kind, item_id, FormState(forms.form_values(kind, prefill), before.version if before else 0))

    form = request.form
    values = forms.submitted_values(kind, form)
    try:
        seen = int(form.get("version", "0"))
    except ValueError:
        abort(400)
    state = FormState(values, seen)
    raw = forms.raw_item(kind, form, before.data if before else None, pg)
    if before is not None and kind != "role":
        raw["id"] = item_id
    elif kind != "role":
        raw["id"] = form.get("id", "").strip() or forms.new_id(pg, kind, raw)
    lang = current_language()
    if kind == "ambition" and rights.can_edit(user, pg, kind, item_id, raw) and not rights.can_write(user, pg, kind, item_id, raw):
        state.errors["status"] = [_("Only the steering group approves or returns an ambition.")]
        return _render_form(kind, item_id, state, 403)
    if not rights.can_write(user, pg, kind, item_id, raw):
        abort(403)

    try:
        record = parse_record(kind, raw, kind_label(kind, lang), programme_for(pg, kind, raw, before))
        if before is None and record.id in pg:
            state.errors["id" if kind != "role" else "target"] = [_("The id '%(id)s' is already in use.", id=record.id)]
            return _render_form(kind, item_id, state, 400)
        changes = ChangeSet(upserts=[record], expect={item_id or record.id: seen}, note=f"web: {kind} {record.id}")
        if before is not None and record.id != item_id:  # a role's key is its content
            changes.deletes.append(item_id)
            if record.id in pg:
                state.errors["target"] = [_("The id '%(id)s' is already in use.", id=record.id)]
                return _render_form(kind, item_id, state, 400)
        store().apply(changes, actor=user.username)
    except InvalidChangeSet as exc:
        state.errors, state.general = forms.sort_problems(kind, exc.problems, lang)
        return _render_form(kind, item_id, state, 400)
    except Conflict:
        return _conflict(kind, item_id or "", state)
    flash(_("Saved."))
    return redirect(next_or(page_of(record.id)))


def _conflict(kind: str, item_id: str, state: FormState):
    """Show the form again after a conflict: the user's input kept, the stored values beside it."""
    pg = fresh_portfolio()
    if item_id not in pg:
        state.conflict = _("Someone else has deleted this element since you opened it. Nothing was saved.")
        return _render_form(kind, item_id, state, 409)
    state.conflict = conflict_message(item_id)
    stored = forms.form_values(kind, pg.data(item_id))
    state.stored = {k: v for k, v in stored.items() if k != "id" and v != state.values.get(k)}
    state.version = pg.version(item_id)
    return _render_form(kind, item_id, state, 409)


# -- delete ----------------------------------------------------------------------------------


@bp.route("/delete/<kind>/<item_id>", methods=["GET", "POST"])
def delete(kind: str, item_id: str):
    """Ask, then delete one element; refused with the core's message while something refers to it."""
    user = signed_in_user()
    pg = portfolio()
    if kind not in forms.FIELDS or pg.kind(item_id) != kind:
        abort(404)
    if not rights.can_write(user, pg, kind, item_id, None):
        abort(403)
    problems: list[str] = []
    version = pg.version(item_id)
    status = 200
    if request.method == "POST":
        try:
            seen = int(request.form.get("version", "0"))
        except ValueError:
            abort(400)
        try:
            store().apply(ChangeSet(deletes=[item_id], expect={item_id: seen}, note=f"web: delete {kind} {item_id}"), user.username)
        except InvalidChangeSet as exc:
            problems = [p.message(current_language()) for p in exc.problems]
            status = 409
        except Conflict:
            problems = [conflict_message(item_id)]
            version = fresh_portfolio().version(item_id) if item_id in portfolio() else version
            status = 409
        else:
            flash(_("Deleted."))
            return redirect(next_or(url_for("pages.overview")))
    return render_template(
        "edit/delete.html", kind=kind, item_id=item_id, version=version, problems=problems,
        kind_name=kind_label(kind, current_language()),
    ), status

