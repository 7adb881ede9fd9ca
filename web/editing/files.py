"""Portfolio files: upload with a dry-run preview, then confirm or cancel; download as YAML, JSON or Excel."""
from __future__ import annotations

import re
import secrets
import shutil
import sys
from pathlib import Path

from flask import Response, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.utils import secure_filename

from graph.changeset import ChangeSet
from graph.portfolio import PortfolioGraph
from graph.problems import Conflict, InvalidChangeSet
from graph.store.base import Applied
from graph.vocabulary import kind_label
from importers.guard import StaleImport, guarded_apply
from importers.portfolio_file import ProgrammeChoiceError, export_document, read_portfolio_bytes, write_document
from importers.tabular import portfolio_to_xlsx
from web import instance, rights
from web.editing import bp
from web.editing.common import signed_in_user
from web.i18n import current_language
from web.rights_import import import_refusal
from web.state import portfolio, store

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,60}$")
UPLOAD_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _uploads() -> Path:
    # previews live in the instance folder and expire after an hour (web/instance.py)
    return instance.uploads(Path(current_app.instance_path), keep=current_app.config.get("PREVIEW_SECONDS", instance.PREVIEW_SECONDS))


def read_upload(raw: bytes, name: str) -> ChangeSet:
    """Return an uploaded portfolio file (YAML, JSON or Excel) as a validated change set; raise InvalidChangeSet."""
    return read_portfolio_bytes(raw, name, note=f"web upload {name}")


#: The longest file name kept for a preview: file systems refuse names of more than 255 bytes.
LONGEST_NAME = 120


def _shortened(name: str) -> str:
    """``name`` cut to LONGEST_NAME characters, keeping its suffix (a 300-character name is still a .yaml).

    >>> _shortened("a" * 300 + ".yaml") == "a" * 115 + ".yaml"
    True
    """
    if len(name) <= LONGEST_NAME:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10:
        return name[:LONGEST_NAME]
    return f"{stem[: LONGEST_NAME - len(suffix) - 1]}.{suffix}"


def _kept_file(token: str) -> Path | None:
    if not _TOKEN.match(token) or token not in session.get("uploads", []):
        return None
    folder = _uploads() / token
    files = sorted(folder.glob("*")) if folder.is_dir() else []
    return files[0] if files else None


def _preview_rows(changes: ChangeSet, applied: Applied) -> dict[str, list[tuple[str, str, str]]]:
    """Return created and updated items as (kind name, id, title) for the preview."""
    lang = current_language()
    # The items are not stored yet: a graph of the upload alone names them as the pages will.
    upload = PortfolioGraph(changes.upserts)
    by_id = {r.id: r for r in changes.upserts}
    return {
        what: [(kind_label(by_id[item].kind, lang), item, upload.display_title(item, limit=sys.maxsize)) for item in ids]
        for what, ids in (("created", applied.created), ("updated", applied.updated))
    }


def _refused(user: rights.User, changes: ChangeSet, source: str) -> str | None:
    """Return why an upload is refused: another programme's file, a record reaching into one or giving
    the importer a role, or a steering-group decision in it; else None."""
    outside = rights.outside_programmes(user, portfolio(), ((r.kind, r.id, r.programme) for r in changes.upserts))
    if outside:
        return outside_message(outside)
    reaching = import_refusal(user, portfolio(), changes.upserts, source)
    if reaching:
        return reaching
    ids = rights.refused_in_import(user, portfolio(), ((r.kind, r.id, r.data) for r in changes.upserts))
    return _("Only the steering group's decisions set approvals: %(ids)s", ids=", ".join(ids)) if ids else None


def outside_message(programmes: list[str]) -> str:
    """The refusal of an import into programmes the user is not in the secretariat of."""
    return _(
        "You are not in the secretariat of the programme %(programmes)s; nothing is imported.",
        programmes=", ".join(f"'{p}'" for p in programmes),
    )


@bp.route("/upload", methods=["GET", "POST"])
def upload():
    """Upload a portfolio file and preview what importing it would change (nothing is written yet)."""
    user = signed_in_user()
    if not rights.can_import(user, portfolio()):
        abort(403)
    if request.method == "GET":
        return render_template("edit/upload.html", problems=[], preview=None)
    sent = request.files.get("file")
    lang = current_language()
    if sent is None or not sent.filename:
        return render_template("edit/upload.html", problems=[_("Choose a file to upload.")], preview=None), 400
    name = _shortened(secure_filename(sent.filename) or "portfolio.yaml")
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        return render_template("edit/upload.html", problems=[_("The file must be .yaml, .yml, .json or .xlsx: not %(name)s.", name=name)], preview=None), 400
    raw = sent.read()
    try:
        changes = read_upload(raw, name)
        refused = _refused(user, changes, name)
        if refused:
            return render_template("edit/upload.html", problems=[refused], preview=None), 403
        applied, _plan = guarded_apply(store(), changes, user.username, dry_run=True)
    except InvalidChangeSet as exc:
        return render_template("edit/upload.html", problems=[p.text(lang) for p in exc.problems], preview=None), 400
    except Conflict as exc:
        return render_template("edit/upload.html", problems=[exc.problem.text(lang)], preview=None), 409
    except StaleImport as exc:
        return render_template("edit/upload.html", problems=[exc.text(lang)], preview=None), 409
    token = secrets.token_urlsafe(24)
    instance.keep_preview(_uploads() / token, name, raw)
    session["uploads"] = (session.get("uploads", []) + [token])[-5:]
    preview = {
        "token": token,
        "name": name,
        "rows": _preview_rows(changes, applied),
        "unchanged": applied.unchanged,
        "changed": applied.changed,
    }
    return render_template("edit/upload.html", problems=[], preview=preview)


@bp.route("/upload/<token>", methods=["POST"])
def confirm_upload(token: str):
    """Import a previewed upload (``action=confirm``) or drop it (``action=cancel``)."""
    user = signed_in_user()
    if not rights.can_import(user, portfolio()):
        abort(403)
    path = _kept_file(token)
    if path is None:
        abort(404)
    lang = current_language()
    try:
        if request.form.get("action") == "confirm":
            changes = read_upload(path.read_bytes(), path.name)
            refused = _refused(user, changes, path.name)
            if refused:
                return render_template("edit/upload.html", problems=[refused], preview=None), 403
            applied, _plan = guarded_apply(store(), changes, user.username)
            s = applied.summary()
            flash(_("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.", **{k: s[k] for k in ("created", "updated", "unchanged")}))
        else:
            flash(_("The upload was cancelled; nothing was imported."))
    except InvalidChangeSet as exc:
        return render_template("edit/upload.html", problems=[p.text(lang) for p in exc.problems], preview=None), 400
    except StaleImport as exc:
        # Between the preview and the confirmation someone changed what the file would overwrite.
        return render_template("edit/upload.html", problems=[exc.text(lang)], preview=None), 409
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
        session["uploads"] = [t for t in session.get("uploads", []) if t != token]
    return redirect(url_for("edit.upload"))


@bp.route("/download")
def download() -> Response:
    """Download a programme's portfolio as YAML (default), JSON or Excel (reading: sign-in decides)."""
    fmt = request.args.get("format", "yaml")
    pg = portfolio()
    programme = request.args.get("programme") or None
    try:
        doc = export_document(pg, programme)
    except ProgrammeChoiceError as exc:
        abort(400, description=str(exc))
    name = f"{doc['programme']['id']}-r{pg.revision}"
    if fmt == "xlsx":
        disposition = f'attachment; filename="{name}.xlsx"'
        return Response(portfolio_to_xlsx(doc, current_language()), mimetype=XLSX_MIMETYPE, headers={"Content-Disposition": disposition})
    if fmt not in ("yaml", "json"):
        abort(400)
    text = write_document(doc, None, fmt)
    mimetype = "application/json" if fmt == "json" else "application/yaml"
    return Response(text, mimetype=f"{mimetype}; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})

