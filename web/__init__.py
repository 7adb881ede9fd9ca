"""The Flask front end: ``create_app(config)`` builds an application on one store.

Blueprints: ``pages`` (read pages), ``api`` (JSON under /api/v1/), ``auth`` (sign-in),
``edit`` (forms, approvals, upload and download).
"""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask, g

from graph.portfolio import PortfolioGraph
from graph.store import Store, open_store


class GraphHolder:
    """One store and its in-memory graph per application, kept current by the store revision."""

    def __init__(self, store: Store):
        self.store = store
        self.graph = PortfolioGraph.from_store(store)

    def current(self) -> PortfolioGraph:
        """The graph at the store's newest revision (applies other processes' changes)."""
        self.graph.refresh(self.store)
        return self.graph


def create_app(config: dict | None = None) -> Flask:
    """Build the application.

    Config keys: ``STORE_URL`` (default: a SQLite file in the instance folder), ``SECRET_KEY``,
    ``USERS_DB`` (path of the accounts file; default ``instance/users.db``), ``TRUST_PROXY_USER_HEADER``
    (header name of a reverse proxy's signed-in user, off when empty), ``TESTING``.
    """
    app = Flask(__name__, instance_relative_config=True)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.json.sort_keys = False  # keep the key order of the queries' JSON, as the CLI prints it
    app.config.update(
        STORE_URL=None,
        SECRET_KEY=None,
        USERS_DB=None,
        TRUST_PROXY_USER_HEADER="",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,
        BABEL_DEFAULT_LOCALE="da",
    )
    if config:
        app.config.update(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config["STORE_URL"]:
        app.config["STORE_URL"] = f"sqlite:///{Path(app.instance_path) / 'portfolio.db'}"
    if not app.config["USERS_DB"]:
        app.config["USERS_DB"] = str(Path(app.instance_path) / "users.db")
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))

    app.extensions["portfolio"] = GraphHolder(open_store(app.config["STORE_URL"]))

    from web import api, auth, edit, i18n, pages

    i18n.init_app(app)
    auth.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(edit.bp)
    return app


def _instance_secret(folder: Path) -> str:
    """A session secret kept in the instance folder, so restarts keep people signed in."""
    path = folder / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def portfolio() -> PortfolioGraph:
    """The current portfolio graph for this request (refreshed once per request)."""
    from flask import current_app

    if "portfolio" not in g:
        g.portfolio = current_app.extensions["portfolio"].current()
    return g.portfolio


def store() -> Store:
    """The application's store, for writes."""
    from flask import current_app

    return current_app.extensions["portfolio"].store
