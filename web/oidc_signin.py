"""Sign-in with the organisation's identity provider: the routes, and who a provider's identity is.

People are matched, not created: the identifying claim (``OIDC_CLAIM``, default ``email``),
normalised (Unicode NFKC, trimmed, case-folded), is looked up among the e-mail addresses of the
portfolio's people, and that person's roles give the rights, as for a local account. No match:
a page naming the secretariat to ask, and nothing is created. The match is made again on every
request (``user_for``), so a person removed from the portfolio, or whose e-mail changed, is signed
out at their next request; roles are read from the graph on every request anyway.

Changes made in such a session are written in the audit as ``person (oidc:subject)``
(``actor_of``): the person, and the provider's subject identifier of whoever signed in.

``SIGN_IN`` says which ways are open: ``local`` (the password form, the default), ``oidc`` (only
the provider: no password form, and ``/login`` POSTs are refused) or ``both``.
"""
from __future__ import annotations

import unicodedata
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from web import oidc, sessions
from web.accounts import Account
from web.navigation import local_next, safe_next
from web.state import cached, portfolio

bp = Blueprint("oidc", __name__)
#: The Flask session's key of a sign-in on its way through the provider.
PENDING_KEY = "oidc_pending"
#: Prefix of the username of a provider's session (the subject follows): never a local account's name.
USERNAME_PREFIX = "oidc:"


def init_app(app: Flask) -> None:
    """Check the sign-in settings of ``app`` (a bad one stops the start, naming it)."""
    app.config.setdefault("SIGN_IN", "local")
    app.config.setdefault("OIDC_SCOPES", oidc.DEFAULT_SCOPES)
    app.config.setdefault("OIDC_CLAIM", "email")
    app.config.setdefault("OIDC_NAME_CLAIM", "name")
    app.config.setdefault("OIDC_LABEL", oidc.DEFAULT_LABEL)
    mode = app.config["SIGN_IN"]
    if mode not in oidc.MODES:
        raise ValueError(f"SIGN_IN is '{mode}'; it must be one of {', '.join(oidc.MODES)}")
    if mode != "local":
        missing = [k for k in ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET") if not app.config.get(k)]
        if missing:
            raise ValueError(f"SIGN_IN is '{mode}' but {', '.join(missing)} is not set")


def actor_of(person: str, subject: str) -> str:
    """The audit's name of a change made through a provider's session.

    >>> actor_of("eva", "a1b2c3")
    'eva (oidc:a1b2c3)'
    """
    return f"{person} (oidc:{subject})"


def normalised(value: object) -> str:
    """A claim's value as it is compared: NFKC, trimmed, case-folded.

    >>> normalised("  Eva.Holm@Region.DK ")
    'eva.holm@region.dk'
    """
    return unicodedata.normalize("NFKC", value).strip().casefold() if isinstance(value, str) else ""


def local_allowed() -> bool:
    """True when the password form is open."""
    return current_app.config.get("SIGN_IN", "local") in ("local", "both")


def provider_allowed() -> bool:
    """True when sign-in with the identity provider is open."""
    return current_app.config.get("SIGN_IN", "local") in ("oidc", "both")


def provider_origin() -> str | None:
    """The identity provider's origin when its sign-in is on: the sign-out form continues there (the CSP's form-action)."""
    if not provider_allowed() or not current_app.config.get("OIDC_ISSUER"):
        return None
    parts = urlsplit(current_app.config["OIDC_ISSUER"])
    return f"{parts.scheme}://{parts.netloc}"


def client() -> oidc.Client:
    """The application's provider client (made on first use, kept: it caches the discovery document and keys)."""
    found = current_app.extensions.get("oidc")
    config = current_app.config
    settings = oidc.Settings(
        config["OIDC_ISSUER"], config["OIDC_CLIENT_ID"], config["OIDC_CLIENT_SECRET"],
        config["OIDC_SCOPES"], config["OIDC_CLAIM"], config["OIDC_NAME_CLAIM"],
    )
    if not isinstance(found, oidc.Client) or found.settings != settings:
        found = current_app.extensions["oidc"] = oidc.Client(settings, lambda: current_app.config["CLOCK"]())
    return found


def _people_by_email() -> dict[str, str]:
    """Normalised e-mail -> person id, over the portfolio's people (an address two people share matches neither)."""
    pg = portfolio()
    found: dict[str, str] = {}
    shared: set[str] = set()
    for person in pg.ids("person"):
        email = normalised(pg.data(person).get("email"))
        if email in found:
            shared.add(email)
        elif email:
            found[email] = person
    return {email: person for email, person in found.items() if email not in shared}


def person_for(claim: str) -> str | None:
    """The person whose e-mail is the claim's (normalised) value, else None."""
    return cached("oidc-people", None, _people_by_email).get(normalised(claim))


def user_for(signed: sessions.Signed) -> Account | None:
    """The user of a provider's session as the portfolio stands now, or None when it names nobody any more."""
    identity = signed.identity
    if identity is None:
        return None
    person = person_for(identity.claim)
    if person is None:
        return None
    name = identity.display_name or str(portfolio().data(person).get("name") or person)
    return Account(actor_of(person, identity.subject), person, name)


def secretariat() -> list[dict[str, str]]:
    """The people of every programme's secretariat (name, e-mail), for the page that says whom to ask."""
    pg = portfolio()
    people = sorted({p for programme in pg.ids("programme") for p in pg.role_holders(programme, "secretariat")})
    return [{"name": str(pg.data(p).get("name") or p), "email": str(pg.data(p).get("email") or "")} for p in people]


def _refused(message: str, status: int):
    return render_template("auth/oidc_refused.html", message=message, people=None), status


@bp.route("/login/oidc")
def begin():
    """Send the browser to the identity provider, with a fresh state, nonce and PKCE verifier kept in the session."""
    if not provider_allowed():
        abort(404)
    try:
        url, pending = client().begin(url_for("oidc.callback", _external=True))
    except oidc.SignInRefused as exc:
        return _refused(str(exc), 502)
    session[PENDING_KEY] = {**pending.to_json(), "next": local_next() or ""}
    return redirect(url)


@bp.route("/login/oidc/callback")
def callback():
    """The provider's answer: verify it, match the person, and sign this browser in (or say why not)."""
    if not provider_allowed():
        abort(404)
    kept = session.pop(PENDING_KEY, None)  # one answer per sign-in: a replayed callback finds nothing
    try:
        verified = client().finish(oidc.Pending.from_json(kept), request.args.to_dict())
    except oidc.SignInRefused as exc:
        return _refused(str(exc), 400)
    claim = current_app.config["OIDC_CLAIM"]
    value = normalised(verified.claims.get(claim))
    if not value:
        return _refused(_("The identity provider did not send the claim '%(claim)s' that names you; you are not signed in.", claim=claim), 400)
    person = person_for(value)
    if person is None:
        message = _("'%(value)s' is not the e-mail of a person in the portfolio, so you cannot sign in. Ask the secretariat to add you.", value=value)
        return render_template("auth/oidc_refused.html", message=message, people=secretariat()), 403
    name = verified.claims.get(current_app.config["OIDC_NAME_CLAIM"])
    identity = sessions.Identity(verified.subject, value, name if isinstance(name, str) and name else None, verified.id_token)
    db, clock = current_app.config["USERS_DB"], current_app.config["CLOCK"]
    sessions.begin(db, USERNAME_PREFIX + verified.subject, clock, identity)
    sessions.end_expired(db, current_app.config["SESSION_LIFETIME"], clock)  # keep the table small
    target = kept.get("next") if isinstance(kept, dict) else None
    return redirect(safe_next(target or None))


def end_session_url(identity: sessions.Identity | None) -> str | None:
    """Where to send the browser so the provider signs it out too (when it offers that), coming back to sign-in."""
    if identity is None or not provider_allowed():
        return None
    try:
        endpoint = client().end_session_endpoint()
    except oidc.SignInRefused:
        return None  # the tracker's own session is ended all the same
    if endpoint is None:
        return None
    query = {"client_id": current_app.config["OIDC_CLIENT_ID"], "post_logout_redirect_uri": url_for("auth.login", _external=True)}
    if identity.id_token:
        query["id_token_hint"] = identity.id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"
