"""The Flask front end: ``create_app(config)`` builds an application on one store.

The factory wires everything: blueprints (``pages`` from web/views, ``edit`` from web/editing,
``api`` and ``api_write`` from web/api, ``auth``), error handlers (web/errors.py), template
helpers and filters (web/filters.py), sign-in (web/auth.py) and the catalogue (web/i18n.py).
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask, g
from flask.json.provider import DefaultJSONProvider
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from graph.cache.holder import GraphHolder
from graph.store import StoreError, open_store
from importers.limits import UPLOAD_MAX_BYTES
from web import auth, errors, filters, i18n, instance, oidc_signin, security
from web.api import openapi as api_doc
from web.api import read as api_read
from web.api import write as api_write
from web.editing import bp as edit_bp
from web.editing import (  # noqa: F401  (their routes hang on edit_bp)
    decisions,
    files,
    flows,
    meeting_decisions,
    meetings,
    professional,
    synergy_links,  # noqa: F401  (synergy links, on edit_bp)
    whatif,  # noqa: F401  (what if it fails, on edit_bp)
)
from web.views import (  # noqa: F401  (routes on pages_bp)  # noqa: F401  (governance pages on pages_bp)
    approval,
    elements,
    explorer,
    followup,
    history,
    impact,
    meeting_pack,  # noqa: F401  (the meeting pack, on pages_bp)
    overview,
    people,
    roadmap,  # noqa: F401  (routes on pages_bp)
    search,
    specialty,
    status_report,
    synergies,
)
from web.views import bp as pages_bp
from web.views import meetings as meeting_pages  # noqa: F401  (the meeting pages, on pages_bp)
from web.views import professional as professional_pages  # noqa: F401  (the faglig ambition, on pages_bp)


def create_app(config: dict | None = None) -> Flask:
    """Build the application.

    Config keys: ``INSTANCE_PATH`` (the instance folder, web/instance.py; default Flask's
    ``instance/`` beside the package), ``STORE_URL`` (default: a SQLite file in the instance folder),
    ``SECRET_KEY``, ``USERS_DB`` (path of the accounts file; default ``users.db`` in the instance
    folder), ``TRUST_PROXY_USER_HEADER`` (header name of a reverse proxy's signed-in user, off when
    empty), ``TRUST_PROXY`` (believe one proxy's X-Forwarded-* headers), ``SESSION_COOKIE_SECURE``,
    ``TESTING``; sign-in with an identity provider: ``SIGN_IN`` (``local``, ``oidc``, ``both``),
    ``OIDC_ISSUER``, ``OIDC_CLIENT_ID``, ``OIDC_CLIENT_SECRET``, ``OIDC_SCOPES``, ``OIDC_CLAIM``,
    ``OIDC_NAME_CLAIM``, ``OIDC_LABEL`` (web/oidc_signin.py).
    """
    folder = (config or {}).get("INSTANCE_PATH")
    app = Flask(__name__, instance_relative_config=True, instance_path=str(Path(folder).resolve()) if folder else None)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    if isinstance(app.json, DefaultJSONProvider):
        app.json.sort_keys = False  # keep the key order of the queries' JSON, as the CLI prints it
    app.config.update(
        STORE_URL=None,
        SECRET_KEY=None,
        USERS_DB=None,
        TRUST_PROXY_USER_HEADER="",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,
        TRUST_PROXY=False,
        MAX_CONTENT_LENGTH=UPLOAD_MAX_BYTES,
        BABEL_DEFAULT_LOCALE="da",
    )
    if config:
        app.config.update(config)
    instance.prepare(Path(app.instance_path))
    if not app.config["STORE_URL"]:
        app.config["STORE_URL"] = f"sqlite:///{Path(app.instance_path) / 'portfolio.db'}"
    if not app.config["USERS_DB"]:
        app.config["USERS_DB"] = str(Path(app.instance_path) / "users.db")
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = instance.secret_key(Path(app.instance_path))

    app.extensions["portfolio"] = GraphHolder(open_store(app.config["STORE_URL"]), Path(app.instance_path))
    instance.prepare(Path(app.instance_path))  # again: opening the store may have just made portfolio.db

    i18n.init_app(app)
    auth.init_app(app)
    security.init_app(app)

    for blueprint in (pages_bp, api_read.bp, api_write.bp, auth.bp, oidc_signin.bp, edit_bp, api_doc.bp):
        app.register_blueprint(blueprint)

    app.register_error_handler(CSRFError, errors.csrf_failed)
    app.register_error_handler(HTTPException, errors.http_error)
    app.register_error_handler(StoreError, errors.store_unavailable)
    app.register_error_handler(500, errors.server_error)

    app.context_processor(filters.page_helpers)
    app.context_processor(lambda: {"current_user": g.get("user")})
    app.add_template_filter(filters.number_filter, "num")
    app.add_template_filter(filters.date_filter, "date_text")
    app.add_template_global(filters.heat_level)
    app.add_template_global(filters.value_text)  # also inside imported macros (_value.html), which see no context
    for name, helper in filters.EDITING_GLOBALS.items():
        app.add_template_global(helper, name)
    return app

