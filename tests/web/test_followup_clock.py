"""The follow-up pages take today from the app's one clock (``CLOCK``, web/clock.py), never the real
date: with the clock pinned to 2026-11-16 (tests/followup_portfolio.py's TODAY) every list, roll-up,
form default and stamp is the same whatever day the tests run, and moving the clock moves them."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask

from importers.document import changeset_from_document
from tests.followup_portfolio import TODAY, followup_document
from web import create_app

NOON = dt.datetime.combine(TODAY, dt.time(12)).timestamp()
MONTH = 31 * 86400


class Clock:
    """A clock the test moves: seconds since the epoch, like ``time.time``."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(NOON)


@pytest.fixture
def app(tmp_path, clock) -> Flask:
    application = create_app({
        "TESTING": True, "STORE_URL": f"sqlite:///{tmp_path / 'portfolio.db'}", "USERS_DB": str(tmp_path / "users.db"),
        "SECRET_KEY": "test-secret", "READ_WITHOUT_LOGIN": True, "WTF_CSRF_ENABLED": False, "CLOCK": clock,
        "TRUST_PROXY_USER_HEADER": "X-Test-User",  # a person id signs in as that person
    })
    store = application.extensions["portfolio"].store
    store.apply(changeset_from_document(followup_document(), "followup.yaml"), "test")

    yield application
    store.close()


@pytest.fixture
def as_person(app):
    def sign_in(person: str):
        client = app.test_client()
        client.environ_base["HTTP_X_TEST_USER"] = person
        return client
    return sign_in


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _items(page: str) -> list[tuple[str, str]]:
    return [(reason, _text(body)) for reason, body in re.findall(r'<li data-reason="(\w+)">(.*?)</li>', page, re.S)]


def test_the_follow_up_list_is_made_for_the_clocks_day(as_person, clock):
    eva = as_person("eva")
    page = eva.get("/me/followup").get_data(as_text=True)
    reasons = [r for r, _ in _items(page)]
    assert reasons == ["check_in_due", "reading_due", "past_end", "check_in_due"]
    assert "Statusopdatering mangler for perioden 2026-11" in _items(page)[0][1]
    assert "Måling mangler (seneste 2026-06-01, forfalden 2026-09-01)" in _items(page)[1][1]
    clock.now += MONTH  # December: geri-i2's November check-in no longer counts
    page = eva.get("/me/followup").get_data(as_text=True)
    assert [r for r, _ in _items(page)] == ["check_in_due", "check_in_due", "reading_due", "past_end", "check_in_due"]
    assert "Statusopdatering mangler for perioden 2026-12" in _items(page)[0][1]
    assert re.search(r'<a href="/me/followup">Til opfølgning \(5\)</a>', eva.get("/me").get_data(as_text=True))


def test_the_check_in_form_and_the_reading_form_start_on_the_clocks_day(as_person):
    eva = as_person("eva")
    form = eva.get("/new/check_in?subject=geri-i1").get_data(as_text=True)
    assert 'value="2026-11-16"' in form
    reading = eva.get("/edit/indicator/geri-ind1/reading").get_data(as_text=True)
    assert 'value="2026-11-16"' in reading


def test_a_saved_check_in_is_stamped_and_named_by_the_clocks_day(app, as_person):
    eva = as_person("eva")
    answer = eva.post("/new/check_in", data={"subject": "geri-i1", "period": "2026-11-16", "status": "at_risk",
                                             "happened": "Vagtplan klar"})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:2000]
    records = {r.id: r.data for r in app.extensions["portfolio"].store.load().records if r.kind == "check_in"}
    assert records["geri-i1-status-2026-11"]["written_on"] == "2026-11-16"
    assert records["geri-i1-status-2026-11"]["by"] == "eva"


def test_the_roll_up_and_the_overview_follow_the_clock(as_person, clock):
    bjorn = as_person("bjorn")
    overview = _text(re.search(r'<span class="overview-followup">(.*?)</span>\s*</td>', bjorn.get("/").get_data(as_text=True), re.S).group(1))
    assert overview == "På sporet 4 statusopdateringer mangler 1 måling forfalden 1 åbent signal"
    clock.now += MONTH  # the row cache is keyed by the clock's day, not the real one
    overview = _text(re.search(r'<span class="overview-followup">(.*?)</span>\s*</td>', bjorn.get("/").get_data(as_text=True), re.S).group(1))
    assert overview == "På sporet 6 statusopdateringer mangler 1 måling forfalden 1 åbent signal"


def test_the_programme_status_report_covers_the_clocks_period(as_person):
    page = as_person("mette").get("/programme/bass/status-report").get_data(as_text=True)
    assert "Perioden 2026-11-01 til 2026-11-16" in _text(page)


def test_the_trace_on_the_initiative_page_counts_the_open_signals(as_person):
    page = as_person("eva").get("/initiative/geri-i1").get_data(as_text=True)
    found = re.search(r'<li data-kind="signal" id="trace-signals">(.*?)</ul></li>', page, re.S)
    assert found is not None
    assert _text(found.group(1)) == "Åbne signaler (1) Robuste faglige miljøer : Nattevagterne dækkes ikke"
    assert '<a href="/focus-area/geri-fa1#signals">Nattevagterne dækkes ikke</a>' in found.group(1)
