"""JSON API under /api/v1/: the read endpoints (writes are in web/api/write.py).

The JSON is the CLI's: ``Trace.to_json()``, ``Coverage.to_json()``, ``synergies_json`` and
``findings_json``. Elements are ``{"id", "kind", "version", "programme", "data"}``. Errors are
``{"error": {"code", "message"}}`` with the HTTP status (see ``web.errors.error_response``).
"""
from __future__ import annotations

from typing import NoReturn, TypeVar

from flask import Blueprint, Response, abort, jsonify, request
from flask_babel import gettext as _

from graph.models import MODEL_BY_SECTION
from graph.queries import NotFound, check, findings_json, synergies_json
from graph.queries import synergies as synergies_of
from graph.queries import trace as trace_of
from graph.queries.impact import NotImpactable
from graph.queries.impact import impact as impact_of
from graph.queries.similar import LIMIT, pairs_of_specialty, similar_json
from graph.queries.similar import similar as similar_work
from web.answers import coverage_json, json_body
from web.i18n import current_language
from web.state import cached, portfolio

bp = Blueprint("api", __name__, url_prefix="/api/v1")
T = TypeVar("T", str, str | None)

#: URL section (the file format's plural) -> element kind; roles have no id, so no item URL.
SECTIONS: dict[str, str] = {
    section: model.kind for section, model in MODEL_BY_SECTION.items() if section not in ("programme", "roles")
} | {"programmes": "programme"}


def _not_found(message: str) -> NoReturn:
    abort(404, description=message)


def element_json(item: str) -> dict:
    """Return one element as ``{"id", "kind", "version", "programme", "data"}``; ``data`` is the element's JSON."""
    pg = portfolio()
    kind = pg.kind(item)
    data = pg.element_json(item)
    if kind == "role":
        del data["id"]  # a role has no id in the file format: its store key is the wrapper's id
    return {"id": item, "kind": kind, "version": pg.version(item), "programme": pg.programme_of(item), "data": data}


@bp.get("/revision")
def revision() -> Response:
    """The portfolio's current revision."""
    return jsonify({"revision": portfolio().revision})


@bp.get("/trace/<item_id>")
def trace(item_id: str) -> Response:
    """The traceability chain of an initiative."""
    try:
        return jsonify(trace_of(portfolio(), item_id).to_json())
    except NotFound as exc:
        _not_found(exc.message(current_language()))


@bp.get("/impact/<item_id>")
def impact(item_id: str) -> Response:
    """Everything that depends on an element across specialties, with counts and paths (graph/queries/impact.py)."""
    pg = portfolio()
    try:
        return jsonify(cached("impact-json", item_id, lambda: impact_of(pg, item_id).to_json()))
    except NotFound as exc:
        _not_found(exc.message(current_language()))
    except NotImpactable as exc:
        _not_found(exc.text(current_language()))


@bp.get("/coverage")
def coverage() -> Response:
    """Coverage of every specialty (``?programme=`` for one programme)."""
    programme = _known(request.args.get("programme") or None, "programme")
    return _json(json_body("api_coverage", programme, lambda: coverage_json(programme)))


@bp.get("/synergies/<item_id>")
def synergies(item_id: str) -> Response:
    """Specialties ranked by what they share with this one."""
    specialty = _known(item_id, "specialty")
    # What one specialty shares reaches into every other one: kept until any write.
    return _json(json_body("api_synergies", specialty, lambda: synergies_json(synergies_of(portfolio(), specialty))))


@bp.get("/synergies/<item_id>/pairs")
def synergy_pairs(item_id: str) -> Response:
    """Concrete element pairs between this specialty and others, grouped by the other specialty."""
    return jsonify({"pairs": pairs_of_specialty(portfolio(), _known(item_id, "specialty"))})


@bp.get("/similar/<item_id>")
def similar(item_id: str) -> Response:
    """Similar work in other specialties for an initiative, focus area or core challenge (``?limit=``, default 5)."""
    pg = portfolio()
    if pg.kind(item_id) not in ("initiative", "focus_area", "challenge"):
        _not_found(_missing(item_id, "initiative"))
    limit = request.args.get("limit", type=int) or LIMIT
    return jsonify(similar_json(item_id, similar_work(pg, item_id, limit=max(1, min(limit, 50)))))


@bp.get("/checks")
def checks() -> Response:
    """Health findings of every specialty, or of one (``?specialty=``), in the request's language."""
    specialty = _known(request.args.get("specialty") or None, "specialty")
    lang = current_language()
    body = json_body("api_checks", (specialty, lang), lambda: findings_json(check(portfolio(), specialty), lang), specialty)
    return _json(body)


def _json(body: bytes) -> Response:
    """A JSON response of a body serialised (and cached) before."""
    return Response(body, mimetype="application/json")


@bp.get("/<section>")
def listing(section: str) -> Response:
    """Every element of one kind, as ``{"<section>": [element, ...]}`` in insertion order.

    ``/roles`` lists roles too; they have no id in the file, so their ``id`` is the store's key.
    """
    kind = "role" if section == "roles" else SECTIONS.get(section)
    if kind is None:
        _not_found(_unknown_section(section))
    return jsonify({section: [element_json(i) for i in portfolio().ids(kind)]})


@bp.get("/<section>/<item_id>")
def item(section: str, item_id: str) -> Response:
    """One element of a kind, with its version (for optimistic concurrency on writes)."""
    kind = SECTIONS.get(section)
    if kind is None:
        _not_found(_unknown_section(section))
    return jsonify(element_json(_known(item_id, kind)))


def _known(item: T, kind: str) -> T:
    """Return ``item`` (None stays None); answer 404 when the graph holds no element of ``kind`` by that id."""
    if item is not None and portfolio().kind(item) != kind:
        _not_found(_missing(item, kind))
    return item


def _missing(item: str, kind: str) -> str:
    return NotFound(item, kind).message(current_language())


def _unknown_section(section: str) -> str:
    return _("Unknown section '%(section)s'; known sections: %(known)s", section=section, known=", ".join(sorted(SECTIONS)))
