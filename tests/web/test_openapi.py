"""The OpenAPI document of the JSON API: it describes every /api/v1 route, and the API keeps to it
under Schemathesis's generated requests (a signed-in client: no 500, documented answers only)."""
from __future__ import annotations

import copy
import re
import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from importers.document import changeset_from_document
from tests.conftest import SMALL
from web import create_app

PROXY_HEADER = "X-Remote-User"


@pytest.fixture(scope="module")
def api_app(tmp_path_factory, accounts_file):
    """One app for the module (Schemathesis's examples share it), signed in through the proxy header."""
    folder = tmp_path_factory.mktemp("openapi")
    shutil.copyfile(accounts_file, folder / "users.db")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(folder), "TRUST_PROXY_USER_HEADER": PROXY_HEADER})
    app.extensions["portfolio"].store.apply(changeset_from_document(copy.deepcopy(SMALL), "small.yaml"), "test")
    yield app
    app.extensions["portfolio"].store.close()


def described(app) -> set[tuple[str, str]]:
    doc = app.test_client().get("/api/v1/openapi.json").get_json()
    return {(path, method.upper()) for path, ops in doc["paths"].items() for method in ops}


def routes(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
            found |= {(path, method) for method in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def test_every_api_route_is_described_and_nothing_else(api_app):
    assert routes(api_app) - described(api_app) == set(), "routes missing from /api/v1/openapi.json"
    assert described(api_app) - routes(api_app) == set(), "the document describes routes that do not exist"


def test_the_document_is_open_and_is_openapi_3(api_app):
    answer = api_app.test_client().get("/api/v1/openapi.json")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    doc = answer.get_json()
    assert doc["openapi"].startswith("3.")
    assert {"synergy_links", "check_ins", "signals"} <= set(doc["paths"]["/api/v1/{section}/{item_id}"]["put"]["parameters"][0]["schema"]["enum"])


def test_a_route_left_out_of_the_document_is_caught(api_app, monkeypatch):
    from web.api import openapi

    real = openapi.document

    def without_trace():
        doc = real()
        del doc["paths"]["/api/v1/trace/{item_id}"]
        return doc

    monkeypatch.setattr(openapi, "document", without_trace)
    assert routes(api_app) - described(api_app) == {("/api/v1/trace/{item_id}", "GET")}


#: Examples per operation: enough to reach every section and error path, bounded so the run takes seconds.
MAX_EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def operations(app) -> list:
    api = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in api.get_all_operations()]


def test_the_api_keeps_to_its_document(api_app):
    # Schemathesis's own pytest integration does not run under pytest 9 yet; Hypothesis drives each operation instead.
    tried = []
    for operation in operations(api_app):

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def keeps_to_it(case):
            case.call_and_validate(headers={PROXY_HEADER: "mette"}, checks=CHECKS)

        keeps_to_it()
        tried.append(operation.label)
    # Schemathesis leaves out the document's own address; every other described operation was tried
    assert set(tried) == {f"{method} {path}" for path, method in described(api_app) if path != "/api/v1/openapi.json"}
