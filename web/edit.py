"""Editing: forms to create, change and delete every kind, indicator readings, the steering group's
decision on an ambition, portfolio upload with a dry-run preview, and download.

Every save goes through the core: the form becomes a raw item, graph.changeset.parse_record
validates it exactly as a file item would be, and the store applies one change set that expects
the version the form was opened at. Problems come back next to the field they concern; a save
over someone else's newer change is refused with the user's input kept.
"""
from __future__ import annotations

import datetime as dt
import re
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.utils import secure_filename

from graph.changeset import ChangeSet, Record, parse_record
from graph.models import MODEL_BY_KIND
from graph.portfolio import PortfolioGraph
from graph.problems import Conflict, InvalidChangeSet, Problem
from graph.store.base import Applied
from graph.vocabulary import kind_label
from web import forms, permissions, portfolio, store
from web.i18n import current_language

bp = Blueprint("edit", __name__)

#: Kinds with edit forms, in the order the "new" menu lists them.
KINDS: tuple[str, ...] = tuple(forms.FIELDS)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,60}$")
UPLOAD_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class FormState:
    """What an edit form shows: values, the version it was loaded at, and problems."""

    values: dict
    version: int
    errors: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    conflict: str | None = None
    stored: dict = field(default_factory=dict)


# -- helpers ---------------------------------------------------------------------------------


def _user():
    """Return the signed-in user or answer 403 (sign-in itself sends anonymous visitors away)."""
    user = g.get("user")
    if user is None:
        abort(403)
    return user


def _fresh_graph() -> PortfolioGraph:
    """Return the graph at the store's newest revision (after a write in this request)."""
    g.pop("portfolio", None)
    return portfolio()


def programme_for(pg: PortfolioGraph, kind: str, raw: dict, before: Record | None) -> str | None:
    """Return the programme a new or changed item belongs to: as before, else its references', else the only one."""
    if before is not None and before.programme:
        return before.programme
    if kind == "programme":
        return raw.get("id")
    for key in ("programme", "specialty", "ambition", "focus_area", "strength_position", "person"):
        ref = raw.get(key)
        if isinstance(ref, str) and ref in pg:
            found = pg.programme_of(ref) or pg.programme_of(pg.specialty_of(ref) or ref)
            if found:
                return found
    for fa in raw.get("focus_areas", ()):
        if fa in pg and pg.specialty_of(fa):
            return pg.programme_of(pg.specialty_of(fa))
    programmes = pg.ids("programme")
    return programmes[0] if len(programmes) == 1 else None


def who_changed(item: str) -> tuple[str, str]:
    """Return (actor, time) of the newest stored change of an item."""
    entries = store().audit(limit=1, item=item)
    if not entries:
        return "?", ""
    return entries[0].actor, entries[0].at.replace("T", " ")[:16]


def conflict_message(item: str) -> str:
    """Return the message shown when an item changed since the form was opened."""
    actor, when = who_changed(item)
    pg = portfolio()
    shown = forms.title_of(pg, item) if item in pg else item
    return _(
        "%(who)s has changed “%(title)s” (%(when)s) since you opened it. Your changes have not been saved; "
        "they are kept in the form below, and the values now stored are shown next to the fields that differ. "
        "Save again to replace them with yours.",
        who=actor,
        title=shown,
        when=when,
    )


def page_of(item: str) -> str:
    """Return the read page of an element (from the pages work), else its edit form."""
    try:
        from web.pages import url_of
    except ImportError:  # the read pages are another module; editing works without them
        url_of = None
    found = url_of(item) if url_of else None
    return found or url_for("edit.edit", kind=_fresh_graph().kind(item) or "person", item_id=item)


def _next_or(default: str) -> str:
    from web.auth import safe_next

    target = request.values.get("next")
    return safe_next(target) if target else default


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
    user = _user()
    pg = portfolio()
    before: Record | None = None
    if item_id is not None:
        if pg.kind(item_id) != kind:
            abort(404)
        before = pg.record(item_id)
    if not permissions.can_edit(user, pg, kind, item_id):
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
    if not permissions.can_edit(user, pg, kind, item_id, raw):
        abort(403)
    lang = current_language()
    if kind == "ambition" and not permissions.can_decide_status(user, pg, before.data if before else None, raw):
        state.errors["status"] = [_("Only the steering group approves or returns an ambition.")]
        return _render_form(kind, item_id, state, 403)

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
    return redirect(_next_or(page_of(record.id)))


def _conflict(kind: str, item_id: str, state: FormState):
    """Show the form again after a conflict: the user's input kept, the stored values beside it."""
    pg = _fresh_graph()
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
    user = _user()
    pg = portfolio()
    if kind not in forms.FIELDS or pg.kind(item_id) != kind:
        abort(404)
    if not permissions.can_edit(user, pg, kind, item_id):
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
            version = _fresh_graph().version(item_id) if item_id in portfolio() else version
            status = 409
        else:
            flash(_("Deleted."))
            return redirect(_next_or(url_for("pages.overview")))
    return render_template(
        "edit/delete.html", kind=kind, item_id=item_id, version=version, problems=problems,
        kind_name=kind_label(kind, current_language()),
    ), status


# -- indicator readings ------------------------------------------------------------------------


@bp.route("/edit/indicator/<item_id>/reading", methods=["GET", "POST"])
def reading(item_id: str):
    """Add a reading (date, value, note) to an indicator."""
    user = _user()
    pg = portfolio()
    if pg.kind(item_id) != "indicator":
        abort(404)
    if not permissions.can_record_reading(user, pg, item_id):
        abort(403)
    before = pg.record(item_id)
    values = {"date": dt.date.today().isoformat(), "value": "", "note": ""}
    errors: dict[str, list[str]] = {}
    general: list[str] = []
    status = 200
    version = before.version
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in ("date", "value", "note")}
        version = int(request.form.get("version", "0") or 0)
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
            version = _fresh_graph().version(item_id)
        else:
            flash(_("Reading saved."))
            return redirect(_next_or(page_of(item_id)))
    return render_template(
        "edit/reading.html", item_id=item_id, data=before.data, values=values, errors=errors,
        general=general, version=version, fields=forms.READING_FIELDS,
    ), status


# -- the steering group's decision -------------------------------------------------------------


@bp.route("/ambition/<item_id>/decision", methods=["GET", "POST"])
def decision(item_id: str):
    """Approve or return a strategic ambition, with the date of the decision."""
    user = _user()
    pg = portfolio()
    if pg.kind(item_id) != "ambition":
        abort(404)
    if not permissions.can_approve(user, pg, item_id):
        abort(403)
    before = pg.record(item_id)
    chosen = request.form.get("decision", "approved")
    on = request.form.get("date", dt.date.today().isoformat())
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        if chosen not in ("approved", "returned"):
            abort(400)
        raw = {k: v for k, v in before.data.items() if k != "approved_on"}
        raw["status"] = chosen
        if chosen == "approved":
            raw["approved_on"] = on
        lang = current_language()
        try:
            try:
                dt.date.fromisoformat(on)
            except ValueError:
                raise InvalidChangeSet([Problem("date", "decision", item_id, "date")]) from None
            record = parse_record("ambition", raw, kind_label("ambition", lang), before.programme)
            note = f"web: ambition {item_id} {chosen} {on}"
            version = int(request.form.get("version", "0") or 0)
            store().apply(ChangeSet(upserts=[record], expect={item_id: version}, note=note), user.username)
        except InvalidChangeSet as exc:
            problems = [p.message(lang) for p in exc.problems]
            status = 400
        except Conflict:
            problems = [conflict_message(item_id)]
            status = 409
        else:
            flash(_("The ambition is approved.") if chosen == "approved" else _("The ambition is returned."))
            return redirect(_next_or(page_of(item_id)))
    return render_template(
        "edit/decision.html", item_id=item_id, data=before.data, chosen=chosen, on=on,
        version=_fresh_graph().version(item_id) if status == 409 else before.version, problems=problems,
    ), status


# -- upload and download -----------------------------------------------------------------------


def _uploads() -> Path:
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def read_upload(raw: bytes, name: str) -> ChangeSet:
    """Return an uploaded portfolio file (YAML or JSON) as a validated change set; raise InvalidChangeSet."""
    from importers.document import changeset_from_document
    from importers.loading import decode, format_of, parse_text

    fmt = format_of(Path(name), name)
    return changeset_from_document(parse_text(decode(raw, name), fmt, name), name, note=f"web upload {name}")


def _kept_file(token: str) -> Path | None:
    if not _TOKEN.match(token) or token not in session.get("uploads", []):
        return None
    folder = _uploads() / token
    files = sorted(folder.glob("*")) if folder.is_dir() else []
    return files[0] if files else None


def _preview_rows(pg: PortfolioGraph, changes: ChangeSet, applied: Applied) -> dict[str, list[tuple[str, str, str]]]:
    """Return created and updated items as (kind name, id, title) for the preview."""
    lang = current_language()
    by_id = {r.id: r for r in changes.upserts}
    rows: dict[str, list[tuple[str, str, str]]] = {}
    for what, ids in (("created", applied.created), ("updated", applied.updated)):
        rows[what] = []
        for item in ids:
            rec = by_id[item]
            element = MODEL_BY_KIND[rec.kind]
            title = next((str(rec.data[k]) for k in ("title", "name", "statement", "text") if rec.data.get(k)), rec.id)
            rows[what].append((kind_label(element.kind, lang), rec.id, title))
    return rows


@bp.route("/upload", methods=["GET", "POST"])
def upload():
    """Upload a portfolio file and preview what importing it would change (nothing is written yet)."""
    user = _user()
    if not permissions.can_import(user, portfolio()):
        abort(403)
    if request.method == "GET":
        return render_template("edit/upload.html", problems=[], preview=None)
    sent = request.files.get("file")
    lang = current_language()
    if sent is None or not sent.filename:
        return render_template("edit/upload.html", problems=[_("Choose a file to upload.")], preview=None), 400
    name = secure_filename(sent.filename) or "portfolio.yaml"
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        return render_template("edit/upload.html", problems=[_("The file must be .yaml, .yml or .json.")], preview=None), 400
    raw = sent.read()
    try:
        changes = read_upload(raw, name)
        applied = store().apply(changes, user.username, dry_run=True)
    except InvalidChangeSet as exc:
        return render_template("edit/upload.html", problems=[p.text(lang) for p in exc.problems], preview=None), 400
    except Conflict as exc:
        return render_template("edit/upload.html", problems=[exc.problem.text(lang)], preview=None), 409
    token = secrets.token_urlsafe(24)
    folder = _uploads() / token
    folder.mkdir()
    (folder / name).write_bytes(raw)
    session["uploads"] = (session.get("uploads", []) + [token])[-5:]
    preview = {
        "token": token,
        "name": name,
        "rows": _preview_rows(portfolio(), changes, applied),
        "unchanged": applied.unchanged,
        "changed": applied.changed,
    }
    return render_template("edit/upload.html", problems=[], preview=preview)


@bp.route("/upload/<token>", methods=["POST"])
def confirm_upload(token: str):
    """Import a previewed upload (``action=confirm``) or drop it (``action=cancel``)."""
    user = _user()
    if not permissions.can_import(user, portfolio()):
        abort(403)
    path = _kept_file(token)
    if path is None:
        abort(404)
    lang = current_language()
    try:
        if request.form.get("action") == "confirm":
            applied = store().apply(read_upload(path.read_bytes(), path.name), user.username)
            s = applied.summary()
            flash(_("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.", **{k: s[k] for k in ("created", "updated", "unchanged")}))
        else:
            flash(_("The upload was cancelled; nothing was imported."))
    except InvalidChangeSet as exc:
        return render_template("edit/upload.html", problems=[p.text(lang) for p in exc.problems], preview=None), 400
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
        session["uploads"] = [t for t in session.get("uploads", []) if t != token]
    return redirect(url_for("edit.upload"))


@bp.route("/download")
def download() -> Response:
    """Download a programme's portfolio as YAML (default), JSON or Excel (reading: sign-in decides)."""
    from importers.portfolio_file import ProgrammeChoiceError, export_document, write_document

    fmt = request.args.get("format", "yaml")
    pg = portfolio()
    programme = request.args.get("programme") or None
    try:
        doc = export_document(pg, programme)
    except ProgrammeChoiceError as exc:
        abort(400, description=str(exc))
    name = f"{doc['programme']['id']}-r{pg.revision}"
    if fmt == "xlsx":
        try:
            from importers.tabular import portfolio_to_xlsx
        except ImportError:
            abort(404)
        data = portfolio_to_xlsx(doc)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
    if fmt not in ("yaml", "json"):
        abort(400)
    text = write_document(doc, None, fmt)
    mimetype = "application/json" if fmt == "json" else "application/yaml"
    return Response(text, mimetype=f"{mimetype}; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


# -- helpers for templates -----------------------------------------------------------------------


def register_template_helpers(app: Flask) -> None:
    """Make the editing links available to every template.

    ``can_edit(kind, id=None)``, ``edit_url(kind, id)``, ``create_url(kind, **prefill)``,
    ``delete_url(kind, id)``, ``can_approve(ambition_id)``, ``decision_url(ambition_id)``,
    ``can_record_reading(indicator_id)``, ``reading_url(indicator_id)``, ``can_import()``,
    ``upload_url()``, ``download_url(format)``.
    """

    def user():
        return g.get("user")

    helpers = {
        "can_edit": lambda kind, item=None: permissions.can_edit(user(), portfolio(), kind, item),
        "edit_url": lambda kind, item: url_for("edit.edit", kind=kind, item_id=item),
        "create_url": lambda kind, **prefill: url_for("edit.new", kind=kind, **prefill),
        "delete_url": lambda kind, item: url_for("edit.delete", kind=kind, item_id=item),
        "can_approve": lambda item: permissions.can_approve(user(), portfolio(), item),
        "decision_url": lambda item: url_for("edit.decision", item_id=item),
        "can_record_reading": lambda item: permissions.can_record_reading(user(), portfolio(), item),
        "reading_url": lambda item: url_for("edit.reading", item_id=item),
        "can_import": lambda: permissions.can_import(user(), portfolio()),
        "upload_url": lambda: url_for("edit.upload"),
        "download_url": lambda fmt="yaml": url_for("edit.download", format=fmt),
    }
    for name, helper in helpers.items():
        app.add_template_global(helper, name)
