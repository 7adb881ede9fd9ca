"""Sign-in: local accounts with a session cookie, or a trusted reverse proxy's user header.

Every page needs a signed-in user except the sign-in page and static files (reading may be opened
to everyone with ``READ_WITHOUT_LOGIN``); the JSON API answers 401 instead of redirecting.

Sessions are server-side (web/sessions.py): the cookie holds a random session id that sign-out,
a new password or a removed account make worthless, and that lapses after ``SESSION_LIFETIME``.
Wrong passwords are counted per account and per address (web/throttle.py); past the limit even
the right password waits. ``CLOCK`` (default ``time.time``) lets tests move time.

CSRF: every form carries Flask-WTF's token, valid for ``WTF_CSRF_TIME_LIMIT`` (8 hours). The JSON
write API takes the token in the ``X-CSRFToken`` header when the caller is signed in by session
cookie. Requests signed in by the
trusted proxy header need no token (scripts behind the proxy have no session to take one from);
they are still safe from cross-site forms because the write API accepts only JSON bodies and
non-form methods (PUT, DELETE), which a foreign page cannot send without a CORS preflight that
this application never approves.
"""
from __future__ import annotations

import time

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFProtect

from web import accounts, oidc_signin, sessions, throttle
from web.errors import api_error_body
from web.navigation import local_next, safe_next
from web.state import portfolio

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()

#: Endpoints that anyone may open without signing in.
OPEN_ENDPOINTS = frozenset({"auth.login", "oidc.begin", "oidc.callback", "static", "pages.vendor", "api_doc.openapi"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: The cookie's key of the server-side session id (web/sessions.py); the cookie holds nothing else of the account.
SESSION_KEY = sessions.COOKIE_KEY
#: Seconds a form's CSRF token stays valid.
CSRF_SECONDS = 8 * 3600


def init_app(app: Flask) -> None:
    """Set up sign-in and CSRF protection on ``app`` (``create_app`` registers the blueprints and error handlers)."""
    app.config.setdefault("READ_WITHOUT_LOGIN", False)
    # We call csrf.protect() ourselves, after we know how the request was signed in.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", CSRF_SECONDS)
    app.config.setdefault("SESSION_LIFETIME", sessions.LIFETIME)
    app.config.setdefault("CLOCK", time.time)  # tests move time instead of sleeping
    app.config.setdefault("SIGN_IN_RULES", throttle.RULES)
    csrf.init_app(app)
    oidc_signin.init_app(app)
    app.before_request(load_user)
    app.before_request(require_sign_in)
    app.before_request(check_csrf)


def load_user() -> None:
    """Set ``g.user`` (username, person, display_name) from the proxy header or the session, else None."""
    g.user = None
    g.signed_in_by = None
    header = current_app.config.get("TRUST_PROXY_USER_HEADER") or ""
    db = current_app.config["USERS_DB"]
    if header:
        name = (request.headers.get(header) or "").strip()
        if name:
            found = accounts.get_user(db, name)
            g.user = found or accounts.Account(name, person=name if _is_person(name) else None)
            g.signed_in_by = "proxy"
            return
    session_id = session.get(SESSION_KEY)
    if session_id:
        signed = sessions.signed_of(db, session_id, current_app.config["SESSION_LIFETIME"], current_app.config["CLOCK"])
        if signed is not None and signed.identity is not None:
            _load_provider_user(db, session_id, signed)
            return
        found = accounts.get_user(db, signed.username) if signed else None
        if found is None:  # signed out elsewhere, expired, or the account was removed since
            session.pop(SESSION_KEY, None)
            return
        g.user = found
        g.signed_in_by = "session"


def _load_provider_user(db: str, session_id: str, signed: sessions.Signed) -> None:
    """The person of a provider's session, matched again now: one removed since is signed out at this request."""
    allowed = oidc_signin.provider_allowed()  # switched off since: its sessions end too
    found = oidc_signin.user_for(signed) if allowed else None
    if found is None:
        sessions.end(db, session_id)
        session.pop(SESSION_KEY, None)
        if allowed:
            claim = signed.identity.claim if signed.identity else ""
            flash(_("You are signed out: '%(value)s' is no longer the e-mail of a person in the portfolio.", value=claim))
        return
    g.user = found
    g.signed_in_by = "oidc"
    g.identity = signed.identity


def _is_person(item: str) -> bool:
    return portfolio().kind(item) == "person"


def require_sign_in():
    """Send anonymous visitors to the sign-in page (the API answers 401 JSON)."""
    if g.user is not None or request.endpoint in OPEN_ENDPOINTS or request.endpoint is None:
        return None
    if current_app.config.get("READ_WITHOUT_LOGIN") and request.method in ("GET", "HEAD"):
        return None
    if request.path.startswith("/api/"):
        return api_unauthorized()
    return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))


def api_unauthorized():
    """Return the API's answer to a request without a signed-in user."""
    return jsonify(api_error_body("unauthorized", _("Please sign in first."))), 401


def check_csrf() -> None:
    """Check the CSRF token of every writing request, except API calls signed in by the trusted proxy."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True) or request.method not in UNSAFE_METHODS:
        return
    if g.get("signed_in_by") == "proxy" and request.path.startswith("/api/"):
        return
    csrf.protect()


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form; sign in on a right username and password."""
    target = local_next() or None
    if request.method == "POST" and not oidc_signin.local_allowed():
        return _login_page(_("Sign-in with a password is switched off here; use the button to sign in with your work account."), "", target), 403
    if request.method == "POST":
        db = current_app.config["USERS_DB"]
        clock, rules = current_app.config["CLOCK"], current_app.config["SIGN_IN_RULES"]
        username = request.form.get("username", "").strip()
        address = request.remote_addr
        counted = throttle.attempt(db, username, address, rules, clock)
        wait = counted.wait
        if wait:
            minutes = max(1, -(-wait // 60))
            error = _(
                "Too many failed sign-ins for '%(username)s' or from this address. Try again in %(minutes)d minutes.",
                username=username, minutes=minutes,
            )
            return _login_page(error, username, target), 429, {"Retry-After": str(wait)}
        account = accounts.verify(db, username, request.form.get("password", ""))
        if account is not None:
            throttle.succeeded(db, counted)
            sessions.begin(db, account.username, clock)  # a fresh session, so a planted session id is worth nothing
            sessions.end_expired(db, current_app.config["SESSION_LIFETIME"], clock)  # keep the table small
            return redirect(safe_next(target))
        return _login_page(_("Wrong username or password."), username, target), 401
    return _login_page(None, "", target)


def _login_page(error: str | None, username: str, target: str | None) -> str:
    """The sign-in page: the password form and the provider's button, as ``SIGN_IN`` opens them."""
    return render_template(
        "auth/login.html", error=error, username=username, next=target, local=oidc_signin.local_allowed(),
        provider=oidc_signin.provider_allowed(), provider_label=current_app.config["OIDC_LABEL"],
    )


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out and return to the sign-in page (through the provider's sign-out, for a provider's session that offers one)."""
    provider_exit = oidc_signin.end_session_url(g.get("identity"))
    _end_session()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("You are signed out."))
    return redirect(provider_exit or url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
def password():
    """Change one's own password: the present one once, the new one twice.

    Every other session of the account ends (as with ``tracker user password``); this browser stays
    signed in. A wrong present password counts as a failed sign-in, so the form cannot be used to
    guess it. Someone signed in by the organisation's proxy has no password here.
    """
    if g.user is None:
        return redirect(url_for("auth.login", next=request.path))
    if g.get("signed_in_by") != "session":
        return _password_page(None, managed_elsewhere=True)
    if request.method == "GET":
        return _password_page(None)
    db = current_app.config["USERS_DB"]
    clock, rules = current_app.config["CLOCK"], current_app.config["SIGN_IN_RULES"]
    username, address = g.user.username, request.remote_addr
    counted = throttle.attempt(db, username, address, rules, clock)
    wait = counted.wait
    if wait:
        error = _(
            "Too many failed sign-ins for '%(username)s' or from this address. Try again in %(minutes)d minutes.",
            username=username, minutes=max(1, -(-wait // 60)),
        )
        return _password_page(error), 429, {"Retry-After": str(wait)}
    present, new, repeated = (request.form.get(k, "") for k in ("present", "new", "repeated"))
    error = None
    right = accounts.verify(db, username, present) is not None
    if right:
        throttle.succeeded(db, counted)
    if not right:
        error = _("The present password is wrong; the password is not changed.")
    elif new != repeated:
        error = _("The two new passwords differ; the password is not changed.")
    elif len(new) < accounts.MIN_PASSWORD_LENGTH:
        error = _(
            "The new password has %(length)d characters; it must have at least %(least)d. The password is not changed.",
            length=len(new), least=accounts.MIN_PASSWORD_LENGTH,
        )
    elif new == present:
        error = _("The new password is the one you have now; the password is not changed.")
    if error is not None:
        return _password_page(error), 400
    accounts.set_password(db, username, new)  # ends every session of the account, this one too
    session[SESSION_KEY] = sessions.start(db, username, clock)
    flash(_("Your password is changed. You are signed out everywhere else."))
    return redirect(url_for("pages.me"))


def _password_page(error: str | None, managed_elsewhere: bool = False) -> str:
    return render_template(
        "auth/password.html", error=error, managed_elsewhere=managed_elsewhere, min_password_length=accounts.MIN_PASSWORD_LENGTH
    )


def _end_session() -> None:
    """Close the cookie's server-side session, so a copy of the cookie is worth nothing from now on."""
    session_id = session.get(SESSION_KEY)
    if isinstance(session_id, str) and session_id:
        sessions.end(current_app.config["USERS_DB"], session_id)
