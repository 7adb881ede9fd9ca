"""Security headers on every answer, the Secure cookie behind HTTPS, and trusting a reverse proxy.

- Every answer carries a Content-Security-Policy: scripts only from this site or inline with
  the request's nonce (``csp_nonce()`` in templates), no framing by any site (clickjacking),
  forms only to this site. Styles may be inline because the pages colour legend swatches with
  ``style=`` attributes; styles cannot run code.
- ``X-Content-Type-Options: nosniff`` so an uploaded or downloaded file is never run as a script,
  ``Referrer-Policy`` so element ids in addresses do not leak to other sites, and
  ``Strict-Transport-Security`` on answers that went over HTTPS, and ``Cache-Control: no-store``
  on what a signed-in person sees.
- The session cookie is Secure when ``SESSION_COOKIE_SECURE`` is set (``tracker serve
  --secure-cookies``) and, automatically, whenever the request came over HTTPS, which behind a
  reverse proxy is what its ``X-Forwarded-Proto`` says once ``TRUST_PROXY`` is on (``tracker serve
  --trust-proxy``, werkzeug's ProxyFix).
"""
from __future__ import annotations

import secrets

from flask import Flask, Response, g, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from web import oidc_signin

#: Seconds a browser keeps to HTTPS after it saw Strict-Transport-Security (one year).
HSTS_SECONDS = 365 * 24 * 3600
#: Endpoints whose answers are the same for everyone (code and styles), so caches may keep them.
SHARED_ENDPOINTS = frozenset({"static", "pages.vendor"})


def csp_nonce() -> str:
    """Return this request's nonce for inline ``<script nonce=...>`` elements (made on first use)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def content_security_policy(nonce: str, form_targets: tuple[str, ...] = ()) -> str:
    """Return the Content-Security-Policy of an answer whose inline scripts carry ``nonce``.

    ``form_targets``: other origins a form may lead to (the identity provider's, where sign-out goes on).
    """
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            " ".join(("form-action 'self'", *form_targets)),
            "frame-ancestors 'none'",
        )
    )


def add_headers(response: Response) -> Response:
    """Put the security headers on ``response`` (an after-request hook, so errors get them too)."""
    headers = response.headers
    provider = oidc_signin.provider_origin()
    headers.setdefault("Content-Security-Policy", content_security_policy(csp_nonce(), (provider,) if provider else ()))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")  # for browsers that do not read frame-ancestors
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", f"max-age={HSTS_SECONDS}")
    if g.get("user") is not None and request.endpoint not in SHARED_ENDPOINTS:
        # what a signed-in person sees must not stay in a shared browser's or proxy's cache
        headers.setdefault("Cache-Control", "no-store")
    return response


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie session, Secure whenever the request itself came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or (has_request_context() and request.is_secure)


def init_app(app: Flask) -> None:
    """Add the headers, the nonce helper, the session cookie rule and (with ``TRUST_PROXY``) ProxyFix."""
    app.session_interface = SessionCookies()
    app.after_request(add_headers)
    app.add_template_global(csp_nonce)
    if app.config.get("TRUST_PROXY"):
        # One proxy in front: trust its X-Forwarded-For, -Proto, -Host and -Prefix, and nothing further out.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)  # type: ignore[method-assign]
