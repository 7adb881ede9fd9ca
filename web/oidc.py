"""The OpenID Connect client: sign-in with the organisation's identity provider (Entra ID, AD FS, ...).

Authorization code flow with PKCE (S256): ``begin`` makes the provider's address with a fresh
``state``, ``nonce`` and code verifier, which the caller keeps in the signed session cookie until
the provider sends the browser back; ``finish`` checks the ``state``, trades the code for tokens
at the token endpoint (the client secret as HTTP Basic, as Entra ID takes it) and verifies the ID
token: its signature against the provider's published keys, the issuer, the audience (and ``azp``
when there are several), the expiry and issue time with ``LEEWAY`` seconds of clock skew, and the
nonce. Authlib's requests client runs the OAuth 2 exchange; joserfc (Authlib's JOSE library)
verifies the token. Anything amiss raises ``SignInRefused`` with the message to show.

The provider's discovery document and keys are fetched on first use and kept; keys are fetched
again once when a token names a key id we do not know (the provider rotated its keys).
"""
from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from flask_babel import gettext as _
from joserfc import jwt
from joserfc.errors import BadSignatureError, ExpiredTokenError, InvalidClaimError, InvalidKeyIdError, JoseError, MissingClaimError
from joserfc.jwk import KeySet

#: Seconds of clock difference allowed between the provider and this server (expiry, issue time).
LEEWAY = 120
#: Seconds to wait for the provider's answer.
TIMEOUT = 10
#: Signature algorithms taken (never ``none``, never a shared-secret HMAC).
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]
#: Sign-in modes: the password form, the provider, or both.
MODES = ("local", "oidc", "both")
DEFAULT_LABEL = "Log ind med Region Sjællands konto"
DEFAULT_SCOPES = "openid email profile"


class SignInRefused(Exception):
    """The sign-in with the provider failed; ``str()`` is the message to show (already translated)."""


@dataclass(frozen=True)
class Settings:
    """The client's settings (``OIDC_*`` keys of the app's config, from ``TRACKER_OIDC_*``)."""

    issuer: str
    client_id: str
    client_secret: str
    scopes: str = DEFAULT_SCOPES
    claim: str = "email"
    name_claim: str = "name"

    def __repr__(self) -> str:  # the secret never reaches a log or a traceback
        return f"Settings(issuer={self.issuer!r}, client_id={self.client_id!r}, scopes={self.scopes!r}, claim={self.claim!r})"


@dataclass(frozen=True)
class Pending:
    """What the browser's session keeps between leaving for the provider and coming back."""

    state: str
    nonce: str
    verifier: str
    redirect_uri: str

    def to_json(self) -> dict[str, str]:
        return {"state": self.state, "nonce": self.nonce, "verifier": self.verifier, "redirect_uri": self.redirect_uri}

    @classmethod
    def from_json(cls, data: object) -> Pending | None:
        if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("state", "nonce", "verifier", "redirect_uri")):
            return None
        return cls(data["state"], data["nonce"], data["verifier"], data["redirect_uri"])


@dataclass(frozen=True)
class Verified:
    """A verified sign-in: the ID token's claims (with the userinfo's when the token lacked the identifying claim)."""

    claims: dict[str, Any]
    id_token: str

    @property
    def subject(self) -> str:
        return str(self.claims["sub"])


class Client:
    """One provider, as the settings name it; safe to share between threads."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.time):
        self.settings = settings
        self.clock = clock
        self._lock = threading.RLock()  # metadata() is asked again while the keys are fetched
        self._metadata: dict[str, Any] | None = None
        self._keys: KeySet | None = None

    # --- what the provider publishes ---

    def _get(self, url: str) -> dict[str, Any]:
        try:
            answer = requests.get(url, timeout=TIMEOUT)
            answer.raise_for_status()
            found = answer.json()
        except (requests.RequestException, ValueError) as exc:
            raise SignInRefused(
                _("The identity provider does not answer at %(url)s (%(reason)s); you are not signed in.", url=url, reason=type(exc).__name__)
            ) from None
        if not isinstance(found, dict):
            raise SignInRefused(_("The identity provider does not answer at %(url)s (%(reason)s); you are not signed in.", url=url, reason="JSON"))
        return found

    def metadata(self) -> dict[str, Any]:
        """The discovery document (``/.well-known/openid-configuration``), whose issuer must be the configured one."""
        with self._lock:
            if self._metadata is None:
                found = self._get(self.settings.issuer.rstrip("/") + "/.well-known/openid-configuration")
                if found.get("issuer") != self.settings.issuer:
                    raise SignInRefused(
                        _("The identity provider names itself '%(found)s', not '%(issuer)s' as configured; you are not signed in.",
                          found=found.get("issuer"), issuer=self.settings.issuer)
                    )
                self._metadata = found
            return self._metadata

    def _key_set(self, again: bool = False) -> KeySet:
        with self._lock:
            if self._keys is None or again:
                self._keys = KeySet.import_key_set(self._get(str(self.metadata()["jwks_uri"])))  # type: ignore[arg-type]
            return self._keys

    def end_session_endpoint(self) -> str | None:
        """The provider's sign-out address, when it offers one (RP-initiated logout)."""
        value = self.metadata().get("end_session_endpoint")
        return value if isinstance(value, str) and value else None

    # --- the flow ---

    def begin(self, redirect_uri: str) -> tuple[str, Pending]:
        """Return the provider's authorization address and what to keep until the browser comes back."""
        pending = Pending(secrets.token_urlsafe(24), secrets.token_urlsafe(24), generate_token(64), redirect_uri)
        oauth = OAuth2Session(self.settings.client_id, scope=self.settings.scopes, redirect_uri=redirect_uri)
        url, _state = oauth.create_authorization_url(
            self.metadata()["authorization_endpoint"], state=pending.state, nonce=pending.nonce,
            code_challenge=create_s256_code_challenge(pending.verifier), code_challenge_method="S256",
        )
        return url, pending

    def finish(self, pending: Pending | None, args: dict[str, str]) -> Verified:
        """Check the provider's answer (the callback's query) against ``pending`` and return the verified sign-in."""
        state = args.get("state", "")
        if pending is None or not secrets.compare_digest(state.encode(), pending.state.encode()):
            raise SignInRefused(
                _("The answer from the identity provider does not belong to a sign-in begun in this browser (state '%(state)s'); "
                  "you are not signed in. Start again.", state=state[:60])
            )
        if args.get("error"):
            raise SignInRefused(
                _("The identity provider refused the sign-in: %(error)s (%(description)s).",
                  error=args["error"][:100], description=args.get("error_description", "")[:300])
            )
        token = self._redeem(pending, args.get("code", ""))
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise SignInRefused(_("The identity provider sent no ID token; you are not signed in."))
        claims = self.verify(id_token, pending.nonce)
        if self.settings.claim not in claims and self.metadata().get("userinfo_endpoint"):
            claims = {**self._userinfo(str(token.get("access_token", "")), str(claims["sub"])), **claims}
        return Verified(claims, id_token)

    def _redeem(self, pending: Pending, code: str) -> dict[str, Any]:
        oauth = OAuth2Session(
            self.settings.client_id, self.settings.client_secret, redirect_uri=pending.redirect_uri,
            token_endpoint_auth_method="client_secret_basic",
        )
        try:
            token = oauth.fetch_token(
                self.metadata()["token_endpoint"], grant_type="authorization_code", code=code,
                code_verifier=pending.verifier, timeout=TIMEOUT,
            )
        except requests.RequestException as exc:
            raise SignInRefused(
                _("The identity provider does not answer at %(url)s (%(reason)s); you are not signed in.",
                  url=self.metadata()["token_endpoint"], reason=type(exc).__name__)
            ) from None
        except (AuthlibBaseError, ValueError) as exc:  # the provider refused the code (invalid_grant, ...) or answered nonsense
            error = getattr(exc, "error", None) or type(exc).__name__
            description = getattr(exc, "description", None) or ""
            raise SignInRefused(
                _("The identity provider refused the sign-in: %(error)s (%(description)s).", error=error, description=str(description)[:300])
            ) from None
        return dict(token)

    def verify(self, id_token: str, nonce: str) -> dict[str, Any]:
        """Return the claims of a valid ID token for this sign-in; raise SignInRefused naming what is wrong."""
        metadata = self.metadata()
        try:
            try:
                decoded = jwt.decode(id_token, self._key_set(), algorithms=ALGORITHMS)
            except (InvalidKeyIdError, ValueError):  # a key we do not know yet: the provider may have rotated
                decoded = jwt.decode(id_token, self._key_set(again=True), algorithms=ALGORITHMS)
        except BadSignatureError:
            raise SignInRefused(
                _("The ID token's signature is not valid: it was changed or not made by the identity provider. You are not signed in.")
            ) from None
        except (JoseError, ValueError) as exc:
            raise SignInRefused(_("The ID token could not be read (%(reason)s); you are not signed in.", reason=str(exc)[:200])) from None
        claims = decoded.claims
        registry = jwt.JWTClaimsRegistry(
            now=int(self.clock()), leeway=LEEWAY,
            iss={"essential": True, "value": metadata["issuer"]},
            aud={"essential": True, "value": self.settings.client_id},
            sub={"essential": True}, exp={"essential": True}, iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        try:
            registry.validate(claims)
        except ExpiredTokenError:
            when = dt.datetime.fromtimestamp(float(claims.get("exp", 0)), dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
            raise SignInRefused(_("The ID token expired at %(when)s UTC; you are not signed in. Start again.", when=when)) from None
        except InvalidClaimError as exc:
            raise SignInRefused(self._claim_message(exc.claim, claims)) from None
        except MissingClaimError as exc:
            raise SignInRefused(_("The ID token lacks the claim '%(claim)s'; you are not signed in.", claim=exc.claim)) from None
        except JoseError as exc:
            raise SignInRefused(_("The ID token could not be read (%(reason)s); you are not signed in.", reason=str(exc)[:200])) from None
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.settings.client_id:
            raise SignInRefused(self._claim_message("azp", claims))
        return dict(claims)

    def _claim_message(self, claim: str, claims: dict[str, Any]) -> str:
        if claim == "aud" or claim == "azp":
            return _("The ID token was issued for '%(audience)s', not for this tracker ('%(client)s'); you are not signed in.",
                     audience=claims.get(claim), client=self.settings.client_id)
        if claim == "iss":
            return _("The ID token was issued by '%(found)s', not by '%(issuer)s'; you are not signed in.",
                     found=claims.get("iss"), issuer=self.settings.issuer)
        if claim == "nonce":
            return _("The ID token belongs to another sign-in (nonce '%(nonce)s'); you are not signed in. Start again.", nonce=str(claims.get("nonce"))[:60])
        return _("The ID token's claim '%(claim)s' is not valid ('%(value)s'); you are not signed in.", claim=claim, value=str(claims.get(claim))[:100])

    def _userinfo(self, access_token: str, subject: str) -> dict[str, Any]:
        """The userinfo endpoint's claims, which must be about the ID token's subject (OIDC Core 5.3.2)."""
        url = str(self.metadata()["userinfo_endpoint"])
        try:
            answer = requests.get(url, headers={"Authorization": f"Bearer {access_token}"}, timeout=TIMEOUT)
            answer.raise_for_status()
            found = answer.json()
        except (requests.RequestException, ValueError) as exc:
            raise SignInRefused(
                _("The identity provider does not answer at %(url)s (%(reason)s); you are not signed in.", url=url, reason=type(exc).__name__)
            ) from None
        if not isinstance(found, dict) or found.get("sub") != subject:
            raise SignInRefused(self._claim_message("sub", {"sub": (found or {}).get("sub") if isinstance(found, dict) else None}))
        return found
