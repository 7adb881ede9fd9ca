"""Create, change and delete any element through its form; a save over a newer change is refused with the input kept."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from graph.changeset import ChangeSet, Record, parse_record
from graph.problems import Conflict, InvalidChangeSet
from graph.queries.programme import programme_for
from graph.vocabulary import kind_label
from web import clock, rights
from web.editing import bp, checks, form_problems, forms, links, merging  # noqa: F401  (links: the add, edit and delete links of every page)
from web.editing.common import conflict_message, signed_in_user
from web.editing.prefill import prefill
from web.editing.prefill_checkin import check_in_start
from web.editing.stamps import stamp
from web.i18n import current_language
from web.navigation import local_next, next_or, page_of
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
    clashes: list[merging.ClashRow] = field(default_factory=list)
    colleague: str = ""


def _render_form(kind: str, item_id: str | None, state: FormState, status: int = 200):
    pg = portfolio()
    lang = current_language()
    user = signed_in_user()
    # the id is made from the title; only the secretariat sees the advanced field to set one
    advanced = rights.is_secretariat(user, pg)
    # the writer's own specialties first in every picker (the one of the element edited, those they own or lead in)
    own = rights.owned_specialties(user, pg) | {pg.specialty_of(p) for p in rights.led_positions(user, pg)}
    if item_id and item_id in pg:
        own.add(pg.specialty_of(item_id))
    mine = frozenset(s for s in own if s)
    fields = [
        (f, forms.choices(pg, f, lang, mine) if f.widget in ("select", "multi", "themes", "target") else None)
        for f in forms.FIELDS[kind]
        if not (f.name == "id" and (item_id or not advanced))
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
            next=local_next(),
            figure_kinds=forms.choices(pg, forms.Field("kind", "", "select", "figure_kind"), lang)[0][1],
            findings=checks.element_findings(pg, item_id) if item_id and item_id in pg else [],
        ),
        status,
    )


def _may_open(user: rights.User, kind: str, item_id: str | None, data: dict | None = None) -> bool:
    """Return True if ``user`` may open this form (and, with ``data``, save the item with those fields)."""
    pg = portfolio()
    if rights.can_edit(user, pg, kind, item_id, data):
        return True
    if kind != "role":
        return False
    stored = pg.data(item_id) if item_id and item_id in pg else None
    if stored is None and data is None:
        return rights.can_edit_core_team(user, pg, None)
    return all(rights.can_edit_core_team(user, pg, d) for d in (stored, data) if d is not None)


# -- create and edit -------------------------------------------------------------------------


@bp.route("/new/<kind>", methods=["GET", "POST"])
def new(kind: str):
    """Show and save the form for a new element of ``kind`` (query arguments prefill it)."""
    return _edit(kind, None)


@bp.route("/edit/<kind>/<item_id>", methods=["GET", "POST"])
def edit(kind: str, item_id: str):
    """Show and save the edit form of one element."""
    return _edit(kind, item_id)


def _lead_must_place(user: rights.User, kind: str, raw: dict) -> dict[str, list[str]]:
    """Problems of an implementation lead's initiative without owner or place (they may only hold placed ones)."""
    pg = portfolio()
    if kind != "initiative" or rights.is_secretariat(user, pg) or not rights.led_positions(user, pg):
        return {}
    if rights.owned_specialties(user, pg) & {pg.specialty_of(fa) for fa in raw.get("focus_areas", []) if fa in pg}:
        return {}  # as specialty owner here they may register what they like
    problems: dict[str, list[str]] = {}
    if not raw.get("owner"):
        problems["owner"] = [_("Choose an owner: as implementation lead you register initiatives with an owner.")]
    if not raw.get("strength_position") and not raw.get("site"):
        problems["strength_position"] = [
            _(
                "Choose the strength position (or site) where the initiative is delivered: "
                "as implementation lead you register initiatives at your strength position."
            )
        ]
    return problems


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
    if not _may_open(user, kind, item_id):
        abort(403)
    if request.method == "GET":
        if before is not None:
            start: dict = before.data
        else:
            start = prefill(kind, request.args, pg, getattr(user, "person", None), rights.led_positions(user, pg))
            if kind == "check_in":
                start = check_in_start(pg, start, clock.today())
        return _render_form(kind, item_id, FormState(forms.form_values(kind, start), before.version if before else 0))

    form = merging.with_choices(request.form)
    try:
        seen = int(form.get("version", "0"))
    except ValueError:
        abort(400)
    state = FormState(forms.submitted_values(kind, form), seen)
    raw = _submitted_item(kind, item_id, before, form, user)
    refused = _refusal(kind, item_id, raw, state, user)
    if refused is not None:
        return refused
    return _save(kind, item_id, before, raw, state, user)


def _submitted_item(kind: str, item_id: str | None, before: Record | None, form: MultiDict, user: rights.User) -> dict:
    """The item the submitted form describes, with its id (kept, chosen by the secretariat, or made) and stamps."""
    pg = portfolio()
    raw = forms.raw_item(kind, form, before.data if before else None, pg)
    chosen_id = form.get("id", "").strip() if rights.is_secretariat(user, pg) else ""
    if before is not None and kind != "role":
        raw["id"] = item_id
    elif kind != "role":
        raw["id"] = chosen_id or forms.new_id(pg, kind, raw, clock.today())
    stamp(kind, raw, before.data if before else None, getattr(user, "person", None), clock.today())
    return raw


def _refusal(kind: str, item_id: str | None, raw: dict, state: FormState, user: rights.User):
    """The form again with what stands in the way, if the user may not save ``raw`` as it is; else None."""
    pg = portfolio()
    lang = current_language()
    if kind == "ambition" and rights.can_edit(user, pg, kind, item_id, raw) and not rights.can_write(user, pg, kind, item_id, raw):
        state.errors["status"] = [_("Only the steering group approves or returns an ambition.")]
        return _render_form(kind, item_id, state, 403)
    may_save = rights.can_write(user, pg, kind, item_id, raw) or (kind == "role" and _may_open(user, kind, item_id, raw))
    if not may_save:
        # the input stays in the form, with what to change: a lead's initiative needs its owner and place
        state.errors = _lead_must_place(user, kind, raw)
        state.general = [_(
            "You may not save this %(kind)s as it is filled in: it would lie outside what you are responsible for. "
            "Check the specialty, strength position, site and owner.", kind=kind_label(kind, lang).lower(),
        )]
        return _render_form(kind, item_id, state, 403)
    missing = _lead_must_place(user, kind, raw)
    if missing:
        state.errors = missing
        return _render_form(kind, item_id, state, 400)
    return None


def _save(kind: str, item_id: str | None, before: Record | None, raw: dict, state: FormState, user: rights.User):
    """Validate and write the item; on success flash its findings and go on to its page."""
    pg = portfolio()
    lang = current_language()
    seen = state.version
    try:
        record = parse_record(kind, raw, kind_label(kind, lang), programme_for(pg, kind, raw, before.programme if before else None))
        if before is None and record.id in pg:
            state.errors["id" if kind != "role" else "target"] = [_("The id '%(id)s' is already in use.", id=record.id)]
            return _render_form(kind, item_id, state, 400)
        changes = ChangeSet(upserts=[record], expect={item_id or record.id: seen}, note=f"web: {kind} {record.id}")
        if before is not None and item_id is not None and record.id != item_id:  # a role's key is its content
            changes.deletes.append(item_id)
            if record.id in pg:
                state.errors["target"] = [_("The id '%(id)s' is already in use.", id=record.id)]
                return _render_form(kind, item_id, state, 400)
        store().apply(changes, actor=user.username)
    except InvalidChangeSet as exc:
        state.errors, state.general = form_problems.sort_problems(kind, exc.problems, lang)
        return _render_form(kind, item_id, state, 400)
    except Conflict:
        return _conflict(kind, item_id or "", state, raw, seen, user)
    flash(_("Saved."), "saved")
    after = fresh_portfolio()
    for finding in checks.element_findings(after, record.id):
        flash(finding.message(lang), "finding")
    return redirect(next_or(page_of(record.id)))


def _conflict(kind: str, item_id: str, state: FormState, raw: dict | None = None, seen: int = 0, user: rights.User | None = None):
    """After a colleague's newer change: save the field-level merge when no field clashes; else show
    the form with both values of each clashed field to choose from (web/editing/merging.py); where
    the version opened is unknown, the user's input kept and the stored values beside it."""
    pg = fresh_portfolio()
    if item_id not in pg:
        state.conflict = _("Someone else has deleted this element since you opened it. Nothing was saved.")
        return _render_form(kind, item_id, state, 409)
    theirs = pg.data(item_id)
    merged = merging.merged_with_newer(kind, item_id, seen, raw, theirs) if raw is not None and user is not None else None
    if merged is not None:
        data, clashes = merged
        who, when = merging.colleague(item_id)
        if clashes:
            state.values = forms.form_values(kind, data)
            state.clashes = merging.clash_rows(kind, clashes, raw or {}, theirs, pg)
            state.conflict = merging.conflict_text(pg.display_title(item_id), who, when, True)
            state.version = pg.version(item_id)
            state.colleague = who
            return _render_form(kind, item_id, state, 409)
        if user is not None and rights.can_write(user, pg, kind, item_id, data):
            try:
                record = parse_record(kind, data, kind_label(kind, current_language()), pg.programme_of(item_id))
                changes = ChangeSet(upserts=[record], expect={item_id: pg.version(item_id)}, note=f"web: {kind} {item_id} (merged)")
                store().apply(changes, actor=user.username)
            except (InvalidChangeSet, Conflict):
                pass  # the merge is no valid item, or a third change came: show what is stored
            else:
                flash(merging.conflict_text(pg.display_title(item_id), who, when, False), "saved")
                return redirect(next_or(page_of(item_id)))
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
            flash(_("Deleted."), "deleted")
            return redirect(next_or(url_for("pages.overview")))
    return render_template(
        "edit/delete.html", kind=kind, item_id=item_id, version=version, problems=problems, next=local_next(),
        kind_name=kind_label(kind, current_language()),
    ), status
