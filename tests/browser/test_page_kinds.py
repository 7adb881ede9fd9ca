"""Every page of the tracker has an example in tests/browser/page_kinds.py, so the accessibility,
overflow and language tests reach it; a new route without one fails here, naming its endpoint."""
from __future__ import annotations

from tests.browser import page_kinds
from web.editing.forms import FIELDS


def test_every_route_has_an_example_or_a_reason(tmp_path):
    from web import create_app

    app = create_app({"STORE_URL": f"sqlite:///{tmp_path / 'p.db'}", "USERS_DB": str(tmp_path / "u.db"), "SECRET_KEY": "x"})
    rules = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
    assert page_kinds.missing(rules) == []
    # and no example or exclusion is left over from a route that is gone
    assert sorted((set(page_kinds.PAGE_KINDS) | set(page_kinds.EXCLUDED)) - set(rules)) == []


def test_every_form_kind_has_an_example():
    assert sorted(page_kinds.FORM_EXAMPLES) == sorted(FIELDS)


def test_the_registry_examples_run():
    import doctest

    assert doctest.testmod(page_kinds).failed == 0
