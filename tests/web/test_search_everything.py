"""The search page finds every kind with a title or name, in Danish word forms, with the specialty shown (issue 23)."""
from __future__ import annotations

import re

from graph.changeset import ChangeSet, parse_record
from tests.web.test_impact_pages import impact_app, web  # noqa: F401  (the shared fixtures)


def _groups(page: str) -> dict[str, list[str]]:
    found = re.findall(r'<section class="card search-group" id="kind-(\w+)">(.*?)</section>', page, flags=re.S)
    return {kind: re.findall(r'<li data-id="([^"]+)">', body) for kind, body in found}


def test_hr_package_in_every_form_finds_the_support_offer(web):
    for query in ("HR-pakke", "HR-pakken", "pakke", "HR"):
        page = web.get("/search", query_string={"q": query}).get_data(as_text=True)
        assert _groups(page)["support_offer"] == ["hr"], query
        assert '<a href="/support-offer/hr">HR-pakke til fastholdelse</a>' in page


def test_each_hit_shows_its_specialty(web):
    page = web.get("/search", query_string={"q": "mentorordning"}).get_data(as_text=True)
    assert _groups(page) == {"prerequisite": ["geri-pre2"]}
    hit = re.search(r'<li data-id="geri-pre2">(.*?)</li>', page, re.S)
    assert hit is not None and '<span class="search-specialty">· <a href="/specialty/geri">Geriatri</a></span>' in hit.group(1)


def test_decisions_are_found_by_their_reason_and_meeting(impact_app, web):
    decision = {"id": "d1", "ambition": "geri-amb", "outcome": "approved", "decided_on": "2026-05-01",
                "reason": "Godkendt med HR-pakken som forudsætning", "meeting": "Styregruppemøde maj"}
    impact_app.extensions["portfolio"].store.apply(ChangeSet([parse_record("decision", decision, "test", "bass")]), "test")
    page = web.get("/search", query_string={"q": "styregruppemødet"}).get_data(as_text=True)
    assert _groups(page) == {"decision": ["d1"]}
    hit = re.search(r'<li data-id="d1">(.*?)</li>', page, re.S)
    assert hit is not None
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", hit.group(1))).strip().startswith("Godkendt 1. maj 2026: Stærk geriatri")
