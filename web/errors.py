"""Error answers: an HTML page in the layout for pages, JSON for the API; registered by ``create_app``."""
from __future__ import annotations

from flask import Response, current_app, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from graph.store import StoreError

ERROR_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    500: "internal_error",
    503: "store_unavailable",
}


def error_message(status: int) -> str:
    """Return a short explanation of an HTTP error in the reader's language."""
    messages = {
        400: _("The request could not be understood."),
        401: _("Please sign in first."),
        403: _("You do not have access to this."),
        404: _("We could not find that page or element."),
        405: _("That method is not allowed here."),
        409: _("Someone else changed this in the meantime."),
        413: _("The upload is too large."),
        500: _("Something went wrong on our side. Please try again."),
        503: _("The portfolio store cannot be reached right now. Please try again in a moment."),
    }
    return messages.get(status, _("Something went wrong."))


def is_api_request() -> bool:
    """Return True if the request is for the JSON API (which never answers with an HTML page)."""
    return request.path.startswith("/api/")


def api_error_body(code: str, message: str, problems: list | None = None) -> dict:
    """Return the API's error JSON: ``{"error": {"code", "message", "problems"}}``."""
    return {"error": {"code": code, "message": message, "problems": problems or []}}


def error_response(status: int, message: str | None = None) -> tuple[Response | str, int]:
    """Return the JSON (API) or HTML (pages) answer for an error status."""
    text = message or error_message(status)
    if is_api_request():
        return jsonify({"error": {"code": ERROR_CODES.get(status, "error"), "message": text}}), status
    return render_template("error.html", status=status, message=text), status


def http_error(exc: HTTPException):
    """Answer an HTTP error in the layout (pages) or as JSON (API)."""
    if exc.code is None or exc.code < 400:
        return exc
    custom = exc.description if exc.description and exc.description != type(exc).description else None
    body, status = error_response(exc.code, custom)
    # Werkzeug's own answer names the methods a 405 accepts (RFC 9110 requires it); keep its headers.
    allowed = {k: v for k, v in exc.get_headers() if k.lower() in ("allow", "retry-after")}
    return body, status, allowed


def store_unavailable(exc: StoreError):
    """The store (a Bolt server, say) is down or busy: say so, log the details, show no traceback."""
    current_app.logger.warning("store error: %s", exc)
    g.portfolio = current_app.extensions["portfolio"].graph  # the page layout shows the last graph it had
    return error_response(503)


def server_error(exc: Exception):
    """Answer an unexpected error without showing its details."""
    return error_response(500)


def csrf_failed(exc: CSRFError):
    """Answer a missing or wrong CSRF token: JSON for the API, a page with a way forward otherwise."""
    message = _("The form has expired or did not come from this site. Please reload the page and try again.")
    if is_api_request():
        return jsonify(api_error_body("csrf", message)), 400
    return error_response(400, message)

