"""The JSON write API under /api/v1/: bulk import, export, and one item's update or delete.

- ``POST /api/v1/import[?dry_run=1][&force=1]``: a whole portfolio document (file format v1) as the body;
  a document naming the revision it was exported at is refused (409, ``stale``, with ``changed_since``:
  id -> who) if it would overwrite items changed after that revision, unless ``force=1``;
- ``GET /api/v1/export[?programme=id]``: the portfolio document;
- ``PUT /api/v1/<section>/<id>`` with ``{"version": n, "item": {...}}``: create (version 0) or
  update (the version last read) one item of a file section (``initiatives``, ``focus_areas`` ...);
  with ``"base": {...}`` (the item as read) too, a colleague's newer change of other fields is kept;
- ``PATCH /api/v1/<section>/<id>`` with ``{"version": n, "fields": {...}}``: only the fields changed
  since version n; a field a colleague changed too is a 409 listing both values (``clashes``);
- ``DELETE /api/v1/<section>/<id>?version=n``.

Errors are always JSON: ``{"error": {"code", "message", "problems": [...]}}`` with status 400
(invalid), 401 (not signed in), 403 (not allowed), 404 (unknown), 409 (changed meanwhile or
still referred to). Bodies must be JSON (``Content-Type: application/json``).
"""
from __future__ import annotations

from typing import NamedTuple

from flask import Blueprint, Response, current_app, g, jsonify, request
from flask_babel import gettext as _

from graph.changeset import ChangeSet, parse_record
from graph.models import MODEL_BY_SECTION, Element
from graph.problems import Conflict, InvalidChangeSet, Problem
from graph.queries.meetings import meeting_programme_problem
from graph.queries.programme import programme_for
from importers.document import changeset_from_document
from importers.guard import StaleImport, guarded_apply
from importers.limits import value_problems
from importers.loading import decode, parse_text
from importers.portfolio_file import ProgrammeChoiceError, export_document
from web import rights
from web.accounts import get_user
from web.api import merged
from web.editing.files import outside_message
from web.errors import api_error_body
from web.i18n import current_language
from web.rights_import import import_refusal
from web.state import portfolio, store

bp = Blueprint("api_write", __name__, url_prefix="/api/v1")


def api_error(status: int, code: str, message: str, problems: list[Problem] | None = None) -> tuple[Response, int]:
    """Return the API's error answer."""
    lang = current_language()
    return jsonify(api_error_body(code, message, [p.as_dict(lang) for p in problems or []])), status


def _forbidden() -> tuple[Response, int]:
    return api_error(403, "forbidden", _("you may not change this"))


def _json_body() -> tuple[object, tuple[Response, int] | None]:
    """Return the parsed JSON body, or an error answer when it is missing, not JSON or beyond the limits.

    The body is read by the importers' JSON reader, not Flask's: it refuses, with a named
    message, what the standard decoder lets through or crashes on (nesting deeper than the
    interpreter's stack, 5,000-digit numbers, ``NaN`` and ``Infinity``, duplicate keys), and every
    value is checked against importers.limits, so the API never stores what it cannot write back
    as valid JSON.
    """
    if not request.is_json:
        return None, api_error(400, "not_json", "the body must be JSON (Content-Type: application/json)")
    try:
        body = parse_text(decode(request.get_data(cache=False), "request"), "json", "request")
        beyond = list(value_problems(body, "request"))
        if beyond:
            raise InvalidChangeSet(beyond)
    except InvalidChangeSet as exc:
        return None, _invalid(exc)
    return body, None


def _invalid(exc: InvalidChangeSet) -> tuple[Response, int]:
    still = any(p.code == "still_referenced" for p in exc.problems)
    lang = current_language()
    message = "; ".join(p.text(lang) for p in exc.problems[:3]) + (" ..." if len(exc.problems) > 3 else "")
    return api_error(409 if still else 400, "still_referenced" if still else "invalid", message, exc.problems)


def _conflict(exc: Conflict) -> tuple[Response, int]:
    return api_error(409, "conflict", exc.problem.message(current_language()), [exc.problem])


@bp.route("/import", methods=["POST"])
def import_portfolio():
    """Import a whole portfolio document (secretariat only); ``?dry_run=1`` only reports what would change."""
    user = g.user
    if not rights.can_import(user, portfolio()):
        return _forbidden()
    body, error = _json_body()
    if error:
        return error
    dry_run = request.args.get("dry_run", "").lower() in ("1", "true", "yes")
    force = request.args.get("force", "").lower() in ("1", "true", "yes")
    lang = current_language()
    try:
        changes = changeset_from_document(body, "request", note="api import")
        outside = rights.outside_programmes(user, portfolio(), ((r.kind, r.id, r.programme) for r in changes.upserts))
        if outside:
            return api_error(403, "forbidden", outside_message(outside))
        reaching = import_refusal(user, portfolio(), changes.upserts, "request")
        if reaching:
            return api_error(403, "forbidden", reaching)
        decided = rights.refused_in_import(user, portfolio(), ((r.kind, r.id, r.data) for r in changes.upserts))
        if decided:
            return api_error(403, "forbidden", _("Only the steering group's decisions set approvals: %(ids)s", ids=", ".join(decided)))
        applied, plan = guarded_apply(store(), changes, user.username, dry_run=dry_run, force=force)
    except InvalidChangeSet as exc:
        return _invalid(exc)
    except Conflict as exc:
        return _conflict(exc)
    except StaleImport as exc:
        body = api_error_body("stale", exc.text(lang), [])
        body["error"]["changed_since"] = exc.changed
        return jsonify(body), 409
    return jsonify(
        {
            "revision": applied.revision,
            "dry_run": applied.dry_run,
            "created": applied.created,
            "updated": applied.updated,
            "unchanged": applied.unchanged,
            "unchanged_ids": plan.unchanged,
        }
    )


@bp.route("/export", methods=["GET"])
def export_portfolio():
    """Return one programme's portfolio document (every signed-in user reads)."""
    try:
        doc = export_document(portfolio(), request.args.get("programme") or None)
    except ProgrammeChoiceError as exc:
        return api_error(404 if exc.asked else 400, "programme", str(exc))
    return jsonify(doc)


def _model(section: str):
    return MODEL_BY_SECTION.get(section)


class _Asked(NamedTuple):
    """A PUT's or PATCH's section model, its JSON body and the version it names."""

    model: type[Element]
    body: dict
    version: int


def _versioned_body(section: str, key: str, lowest: int, version_message: str) -> _Asked | tuple[Response, int]:
    """The section's model and a body ``{"version": n, key: {...}}`` with ``n`` from ``lowest``; else the error answer."""
    model = _model(section)
    if model is None:
        return api_error(404, "not_found", f"unknown section '{section}'")
    body, error = _json_body()
    if error:
        return error
    if not isinstance(body, dict) or not isinstance(body.get(key), dict):
        return api_error(400, "invalid", f'the body must be {{"version": n, "{key}": {{...}}}}')
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < lowest:
        return api_error(400, "invalid", version_message)
    return _Asked(model, body, version)


@bp.route("/<section>/<item_id>", methods=["PUT"])
def put_item(section: str, item_id: str):
    """Create (``version`` 0) or update one item; answer its new version and the store revision."""
    asked = _versioned_body(section, "item", 0, "version must be a whole number: 0 to create, else the version you read")
    if not isinstance(asked, _Asked):
        return asked
    model, body, version = asked
    raw = dict(body["item"])
    if model.kind != "role":
        if raw.setdefault("id", item_id) != item_id:
            return api_error(400, "invalid", f"the item's id '{raw['id']}' differs from the address '{item_id}'")
    pg = portfolio()
    kind = model.kind
    if item_id in pg and pg.kind(item_id) != kind:
        return api_error(409, "kind_clash", f"'{item_id}' is a {pg.kind(item_id)}, not a {kind}")
    current = store().get([item_id]).get(item_id)
    if current is not None and isinstance(body.get("base"), dict):
        raw, version, clashes = merged.merge_over(current, version, dict(body["base"]), raw)
        if clashes:
            return _clashed(item_id, clashes, version)
    return _write(section, kind, item_id, raw, version)


@bp.route("/<section>/<item_id>", methods=["PATCH"])
def patch_item(section: str, item_id: str):
    """Change some fields of one item: ``{"version": n, "fields": {...}}`` with the version read; a
    colleague's change of other fields since then is kept, one of the same fields is a 409 naming both."""
    asked = _versioned_body(section, "fields", 1, "version must be the version you read (a whole number from 1)")
    if not isinstance(asked, _Asked):
        return asked
    model, body, version = asked
    current = store().get([item_id]).get(item_id)
    if current is None or current.kind != model.kind:
        return api_error(404, "not_found", f"no {model.kind} '{item_id}'")
    base = current.data if current.version == version else merged.base_at(item_id, version)
    if base is None:
        return api_error(409, "conflict", _("the version you read (%(version)d) is not in the history of '%(item)s'; read it again",
                                            version=version, item=item_id))
    mine = merged.patched(base, dict(body["fields"]))
    if model.kind != "role":
        mine["id"] = item_id
    data, expect, clashes = merged.merge_over(current, version, base, mine)
    if clashes:
        return _clashed(item_id, clashes, expect)
    return _write(section, model.kind, item_id, data, expect)


def _clashed(item_id: str, clashes: list, now: int) -> tuple[Response, int]:
    who = _colleague(item_id)
    body = api_error_body("conflict", merged.clash_message(item_id, clashes, who, now), [])
    body["error"]["clashes"] = merged.clash_body(clashes, who)
    body["error"]["version"] = now
    return jsonify(body), 409


def _colleague(item_id: str) -> str:
    """The display name (else the username) of whoever changed the item last."""
    entries = store().audit(limit=1, item=item_id)
    if not entries:
        return "?"
    account = get_user(current_app.config["USERS_DB"], entries[0].actor)
    return account.shown_name if account else entries[0].actor


def _write(section: str, kind: str, item_id: str, raw: dict, version: int):
    """Write one item as the item API does: the rights judged on it as it would be written, then the store."""
    pg = portfolio()
    stored = item_id if item_id in pg else None
    if not rights.can_write(g.user, pg, kind, stored, raw):
        return _forbidden()
    if kind == "agenda_item" and (other := meeting_programme_problem(pg, raw)):
        return api_error(400, "invalid", _("'%(value)s' belongs to another programme than the meeting.", value=other[:60]))
    try:
        before = pg.record(stored) if stored else None
        record = parse_record(kind, raw, f"{section}/{item_id}", programme_for(pg, kind, raw, before.programme if before else None))
        if record.id != item_id:
            return api_error(400, "invalid", f"this role's address is '{record.id}', not '{item_id}'")
        applied = store().apply(ChangeSet(upserts=[record], expect={item_id: version}, note=f"api: {kind} {item_id}"), g.user.username)
    except InvalidChangeSet as exc:
        return _invalid(exc)
    except Conflict as exc:
        return _conflict(exc)
    new_version = store().get([item_id])[item_id].version
    status = 201 if applied.created else 200
    return jsonify({"id": item_id, "version": new_version, "revision": applied.revision, "created": bool(applied.created)}), status


@bp.route("/<section>/<item_id>", methods=["DELETE"])
def delete_item(section: str, item_id: str):
    """Delete one item at the version given in ``?version=``."""
    model = _model(section)
    if model is None:
        return api_error(404, "not_found", f"unknown section '{section}'")
    pg = portfolio()
    if pg.kind(item_id) != model.kind:
        return api_error(404, "not_found", f"no {model.kind} '{item_id}'")
    try:
        version = int(request.args["version"])
    except (KeyError, ValueError):
        return api_error(400, "invalid", "give the version you read: ?version=n")
    if not rights.can_write(g.user, pg, model.kind, item_id, None):
        return _forbidden()
    try:
        applied = store().apply(ChangeSet(deletes=[item_id], expect={item_id: version}, note=f"api: delete {item_id}"), g.user.username)
    except InvalidChangeSet as exc:
        return _invalid(exc)
    except Conflict as exc:
        return _conflict(exc)
    return jsonify({"id": item_id, "deleted": True, "revision": applied.revision})
