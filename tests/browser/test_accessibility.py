"""WCAG 2.1 AA in the browser: axe-core finds no violation, of any impact, on any page kind
(tests/browser/page_kinds.py), in Danish and in English, as the roles that open it.

axe-core comes from npm (tests/browser/package.json, installed by ``make test``) and is injected by
the browser context, under the pages' own Content-Security-Policy; the app never serves it.
"""
from __future__ import annotations

import pytest

from tests.browser import page_kinds

CASES = [
    pytest.param(url, viewer, lang, 200, id=f"{lang}-{viewer or 'anonymous'}-{url}")
    for lang in ("da", "en")
    for _endpoint, url, viewer in page_kinds.examples()
] + [
    pytest.param(url, viewer, lang, status, id=f"{lang}-{viewer}-{status}-{url}")
    for lang in ("da", "en")
    for url, viewer, status in page_kinds.ERROR_PAGES
]


def axe_violations(page) -> list[str]:
    """Run axe-core on the page (every rule it enables by default) and return one line per violation."""
    results = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['impact']} {v['id']}: {v['help']} at " + ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in results
    ]


@pytest.mark.parametrize(("url", "viewer", "lang", "status"), CASES)
def test_no_axe_violation(demo_served, viewer_page, url, viewer, lang, status):
    page = viewer_page(viewer, lang)
    answer = page.goto(demo_served.url + url)
    assert answer is not None and answer.status == status
    assert page.evaluate("document.documentElement.lang") == lang
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


#: Pages people print (the print button's pages and the steering group's status report).
PRINTED = ["/specialty/geri", "/specialty/geri/checks", "/specialty/geri/roadmap", "/roadmap", "/programme/bass/status-report"]


@pytest.mark.parametrize("url", PRINTED)
def test_no_axe_violation_in_print(demo_served, viewer_page, url):
    """The print style keeps contrast AA (and everything else axe checks) on paper too."""
    page = viewer_page(page_kinds.SECRETARIAT, "da")
    page.emulate_media(media="print")
    try:
        page.goto(demo_served.url + url)
        violations = axe_violations(page)
    finally:
        page.emulate_media(media="screen")
    assert violations == [], "\n".join(violations)
