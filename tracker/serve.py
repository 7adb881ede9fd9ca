"""Running the web front end with a production WSGI server (waitress)."""
from __future__ import annotations

import errno
import logging
import os

from waitress.server import create_server

from graph.store import open_store
from graph.store.sqlite import SQLiteStore
from graph.vocabulary import label
from importers.document import changeset_from_document
from tracker.accounts import add_user, demo_usernames, list_users
from tracker.demo import demo_document
from tracker.demo_guard import refuse_unless_demo
from tracker.errors import UserError
from tracker.prefork import can_fork, default_workers, run_workers
from tracker.settings import Settings
from web import create_app

#: Password of the demo accounts that ``tracker serve --demo`` creates; printed at start.
DEMO_PASSWORD = "bass-demo-2026"
#: Roles whose first holder in the demo gets a demo account, in the order they are listed.
DEMO_ROLES = ("secretariat", "steering_group", "specialty_owner", "implementation_lead")


def load_demo(settings: Settings) -> list[tuple[str, str, str]]:
    """Load the demo portfolio into an empty store and create demo accounts that do not exist yet.

    Returns (username, role, person name) of the demo accounts. A store that already holds the
    demo is left as it is, so people's edits survive a restart; one that holds anything else (or
    accounts that are not the demo's) is refused in one line, with nothing changed.
    """
    doc = demo_document()
    db = settings.users_db()
    with open_store(settings.store()) as store:
        refuse_unless_demo(store, db, DEMO_PASSWORD)
        if not store.counts().get("programme"):
            store.apply(changeset_from_document(doc, "demo", note="demo portfolio"), "demo")
    names = {p["id"]: p["name"] for p in doc.get("people", [])}
    chosen: list[tuple[str, str, str]] = []
    for role in DEMO_ROLES:
        holder = next((r["person"] for r in doc.get("roles", []) if r["role"] == role), None)
        if holder and holder not in [c[0] for c in chosen]:
            chosen.append((holder, role, names.get(holder, holder)))
    db.parent.mkdir(parents=True, exist_ok=True)
    existing = {a.username for a in list_users(db)}
    for username, _role, name in chosen:
        if username not in existing:
            add_user(db, username, DEMO_PASSWORD, person=username, display_name=name, demo=True)
    return chosen


def _warn_of_demo_accounts(settings: Settings) -> None:
    """Say, in the log (one line on stderr), that accounts with the public demo password can sign in."""
    db = settings.users_db()
    names = demo_usernames(db) if db.exists() else []
    if not names:
        return
    line = (
        f"Advarsel / warning: {len(names)} demo-konti med den offentlige adgangskode kan logge ind / "
        f"{len(names)} demo accounts with the public password can sign in ({', '.join(names)}); "
        "fjern dem med / remove them with `tracker user remove`"
    )
    # logging.basicConfig writes to stderr: the log line is the one line the person starting serve sees
    logging.getLogger("tracker.serve").warning(line)


def web_config(settings: Settings, secure_cookies: bool = False, trust_proxy: bool = False) -> dict:
    """The web application's configuration for these settings and ``serve`` options."""
    return {
        "INSTANCE_PATH": str(settings.instance.resolve()),
        "STORE_URL": settings.store(),
        "USERS_DB": str(settings.users_db().resolve()),
        "SESSION_COOKIE_SECURE": secure_cookies,
        "TRUST_PROXY": trust_proxy,
        **settings.sign_in(),
    }


def address(host: str, port: int) -> str:
    """``host:port`` as a person writes it (IPv6 in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _listen_refused(exc: OSError, host: str, port: int) -> UserError:
    where = address(host, port)
    if exc.errno == errno.EADDRINUSE:
        return UserError(
            da=f"kan ikke lytte på {where}: porten er allerede i brug (kører tracker serve allerede? vælg en anden med --port)",
            en=f"cannot listen on {where}: the port is already in use (is tracker serve running already? choose another with --port)",
        )
    reason = exc.strerror or str(exc)
    return UserError(da=f"kan ikke lytte på {where}: {reason}", en=f"cannot listen on {where}: {reason}")


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    demo: bool = False,
    threads: int = 8,
    secure_cookies: bool = False,
    trust_proxy: bool = False,
    workers: int | None = None,
) -> None:
    """Serve the tracker on ``host:port`` until interrupted.

    The port is taken before anything is printed or loaded, so a port in use ends in one line
    that names it, and no "running" banner. Everything of the instance (secret key, accounts,
    sessions, previews, the default store) lives in ``settings.instance``, owner-only.
    ``workers`` processes (default: one per CPU) share
    the socket and the loaded graph (tracker/prefork.py); one where fork is missing or the store
    is a graph server (its driver's connections cannot be shared across a fork).
    """
    before = os.umask(0o077)  # every file the server makes (store, journals, accounts, previews) is the owner's alone
    try:
        _serve(settings, host, port, demo, threads, web_config(settings, secure_cookies, trust_proxy), workers)
    finally:
        os.umask(before)


def _serve(settings: Settings, host: str, port: int, demo: bool, threads: int, config: dict, workers: int | None) -> None:
    app = create_app(config)
    try:
        # waitress drops X-Forwarded-* by default; with --trust-proxy the app's ProxyFix reads them instead
        server = create_server(
            app, host=host, port=port, threads=threads, ident="tracker",
            clear_untrusted_proxy_headers=not config["TRUST_PROXY"],
        )
    except OSError as exc:
        raise _listen_refused(exc, host, port) from None
    demo_accounts = load_demo(settings) if demo else []
    shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    print(f"Ambition tracker: http://{address(shown_host, port)}/  (store: {_safe(settings.store())})", flush=True)
    if demo_accounts:
        print(f"Demo-logins (adgangskode / password: {DEMO_PASSWORD}):", flush=True)
        for username, role, name in demo_accounts:
            print(f"  {username:12} {name}  ({label(role, 'da')})", flush=True)
    if config.get("SIGN_IN", "local") != "local":  # the issuer only: the client secret is never printed
        print(f"Log ind med identitetsudbyderen / sign-in with the identity provider {config['OIDC_ISSUER']} "
              f"(TRACKER_SIGN_IN={config['SIGN_IN']})", flush=True)
    print("Stop med Ctrl+C / stop with Ctrl+C", flush=True)
    logging.basicConfig()
    _warn_of_demo_accounts(settings)  # waitress logs its warnings (queue depth, ...) through logging, as waitress.serve does
    count = worker_count(workers, app.extensions["portfolio"].store)
    try:
        if count > 1:
            # Each worker opens its own SQLite connection: one made before the fork must not be shared.
            app.extensions["portfolio"].store.close()
            # One host and port give one socket (a MultiSocketServer comes only from a list of them).
            listening = server.socket  # type: ignore[union-attr]

            def serve_in_worker() -> None:
                # A server of the worker's own (waitress's threads do not survive a fork) on the master's socket.
                create_server(
                    app, sockets=[listening], threads=threads, ident="tracker",
                    clear_untrusted_proxy_headers=not config["TRUST_PROXY"],
                ).run()

            run_workers(count, serve_in_worker)
        else:
            server.run()
    finally:
        server.close()


def worker_count(asked: int | None, store: object) -> int:
    """How many server processes to run: ``asked`` (default one per CPU), or one where they cannot share."""
    if not can_fork() or not isinstance(store, SQLiteStore):
        return 1
    return asked if asked is not None else default_workers()


def _safe(url: str) -> str:
    """A store URL without any password in it."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, hostpart = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{hostpart}"
    return url
