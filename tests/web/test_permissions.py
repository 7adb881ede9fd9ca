"""Rights from roles: every rule on the small portfolio, and 403 with an unchanged store over HTTP."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from web.rights import can_approve, can_edit, can_import, can_record_reading


def who(person: str | None) -> SimpleNamespace:
    return SimpleNamespace(username=person or "olga", person=person)


@pytest.fixture
def pg(editors):
    return editors.extensions["portfolio"].current()


def test_secretariat_edits_everything_and_imports(pg):
    mette = who("mette")
    for kind in ("programme", "site", "specialty", "person", "role", "ambition", "initiative"):
        assert can_edit(mette, pg, kind)
    assert can_edit(mette, pg, "initiative", "orphan-i")
    assert can_edit(mette, pg, "focus_area", "reum-fa1")
    assert can_import(mette, pg)
    assert not can_approve(mette, pg, "reum-amb")  # only the steering group decides


def test_steering_group_approves_but_does_not_edit(pg):
    stina = who("stina")
    assert can_approve(stina, pg, "geri-amb")
    assert not can_approve(stina, pg, "geri-fa1")  # not an ambition
    assert not can_edit(stina, pg, "ambition", "geri-amb")
    assert not can_edit(stina, pg, "initiative")
    assert not can_import(stina, pg)


def test_specialty_owner_edits_own_specialty_only(pg):
    bjorn = who("bjorn")
    for kind, item in [("ambition", "geri-amb"), ("situation", "geri-sit1"), ("challenge", "geri-ch2"),
                       ("prerequisite", "geri-pre1"), ("focus_area", "geri-fa2"), ("indicator", "geri-ind1"),
                       ("strength_position", "geri-hs"), ("initiative", "geri-i1")]:
        assert can_edit(bjorn, pg, kind, item), item
    # reum-i1 serves a rheumatology focus area too: the right is needed in every specialty it touches
    assert not can_edit(bjorn, pg, "initiative", "reum-i1")
    for kind, item in [("ambition", "reum-amb"), ("focus_area", "reum-fa1"), ("indicator", "reum-ind1"),
                       ("strength_position", "reum-h"), ("initiative", "orphan-i")]:
        assert not can_edit(bjorn, pg, kind, item), item
    for kind in ("specialty", "person", "role", "site", "programme"):
        assert not can_edit(bjorn, pg, kind)
    # nobody moves an item out of or into what they own
    assert can_edit(bjorn, pg, "focus_area", None, {"id": "x", "ambition": "geri-amb", "title": "X"})
    assert not can_edit(bjorn, pg, "focus_area", None, {"id": "x", "ambition": "reum-amb", "title": "X"})
    assert not can_edit(bjorn, pg, "focus_area", "geri-fa2", {"id": "geri-fa2", "ambition": "reum-amb", "title": "X"})
    assert not can_approve(bjorn, pg, "geri-amb")
    assert not can_import(bjorn, pg)


def test_implementation_lead_edits_initiatives_at_own_strength_position_and_own(pg):
    eva = who("eva")
    assert can_edit(eva, pg, "initiative", "geri-i1")  # at geri-hs, which she leads
    assert not can_edit(eva, pg, "initiative", "reum-i1")  # owning it gives no right: it touches reum
    assert not can_edit(eva, pg, "initiative", "orphan-i")
    assert can_edit(eva, pg, "initiative", None, {"id": "n", "title": "N", "strength_position": "geri-hs"})
    assert not can_edit(eva, pg, "initiative", None, {"id": "n", "title": "N", "strength_position": "reum-h"})
    assert not can_edit(eva, pg, "focus_area", "geri-fa1")
    assert not can_edit(eva, pg, "indicator", "geri-ind1")
    assert can_record_reading(eva, pg, "geri-ind1")
    assert not can_record_reading(eva, pg, "reum-ind1")  # the right is on the indicator's specialty


def test_plain_user_and_anonymous_change_nothing(pg):
    for user in (who(None), who("karen"), None):
        assert not can_edit(user, pg, "initiative", "geri-i1")
        assert not can_record_reading(user, pg, "geri-ind1")
        assert not can_approve(user, pg, "geri-amb")
        assert not can_import(user, pg)
    assert can_edit(who("karen"), pg, "ambition", "reum-amb")
    assert not can_edit(None, pg, "initiative")


FORBIDDEN = [
    ("stina", "post", "/edit/ambition/geri-amb", {"statement": "Ny", "specialty": "geri", "version": "1"}),
    ("bjorn", "post", "/edit/focus_area/reum-fa1", {"title": "Ny", "ambition": "reum-amb", "version": "1"}),
    ("bjorn", "post", "/new/focus_area", {"id": "x", "title": "Ny", "ambition": "reum-amb", "version": "0"}),
    ("bjorn", "post", "/edit/focus_area/geri-fa2", {"title": "Flyttet", "ambition": "reum-amb", "version": "1"}),
    ("bjorn", "post", "/new/person", {"id": "p", "name": "P", "version": "0"}),
    ("karen", "post", "/delete/initiative/geri-i1", {"version": "1"}),
    ("eva", "post", "/edit/initiative/orphan-i", {"title": "Min nu", "version": "1"}),
    ("eva", "post", "/new/initiative", {"id": "n", "title": "N", "strength_position": "reum-h", "version": "0"}),
    ("eva", "post", "/edit/initiative/geri-i1", {"title": "Flyttet", "strength_position": "reum-h", "version": "1"}),
    ("eva", "post", "/edit/focus_area/geri-fa1", {"title": "X", "ambition": "geri-amb", "version": "1"}),
    ("eva", "post", "/ambition/geri-amb/decision", {"decision": "returned", "date": "2026-05-01", "version": "1"}),
    ("bjorn", "post", "/ambition/geri-amb/decision", {"decision": "returned", "date": "2026-05-01", "version": "1"}),
    ("olga", "post", "/edit/initiative/geri-i1", {"title": "X", "version": "1"}),
    ("olga", "post", "/edit/indicator/geri-ind1/reading", {"date": "2026-05-01", "value": "1", "version": "1"}),
    ("karen", "post", "/edit/indicator/geri-ind1/reading", {"date": "2026-05-01", "value": "1", "version": "1"}),
    ("eva", "post", "/upload", {}),
    ("bjorn", "post", "/upload/abcdefghijklmnopqrstuvwxyz", {"action": "confirm"}),
    ("eva", "get", "/edit/initiative/orphan-i", None),
    ("olga", "get", "/new/initiative", None),
    ("stina", "get", "/upload", None),
]


@pytest.mark.parametrize(("username", "method", "url", "data"), FORBIDDEN, ids=[f"{u}-{m}-{url}" for u, m, url, _ in FORBIDDEN])
def test_forbidden_actions_answer_403_and_change_nothing(login, revision, username, method, url, data):
    client = login(username)
    before = revision()
    answer = client.post(url, data=data) if method == "post" else client.get(url)
    assert answer.status_code == 403
    assert revision() == before


@pytest.mark.parametrize("url", ["/edit/initiative/geri-i1", "/new/initiative", "/upload", "/delete/initiative/orphan-i", "/ambition/geri-amb/decision"])
def test_anonymous_visitors_are_sent_to_sign_in(editors, client, revision, url):
    before = revision()
    answer = client.post(url, data={"title": "X", "version": "1"})
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/login?next={url}"
    assert revision() == before


def test_template_helpers_follow_the_rules(editors):
    with editors.test_request_context():
        from flask import g, render_template_string

        g.user = who("eva")
        shown = render_template_string(
            "{{ can_edit('initiative', 'geri-i1') }} {{ can_edit('initiative', 'orphan-i') }} {{ edit_url('initiative', 'geri-i1') }} "
            "{{ can_approve('geri-amb') }} {{ can_record_reading('geri-ind1') }} {{ create_url('initiative', strength_position='geri-hs') }} "
            "{{ delete_url('initiative', 'geri-i1') }} {{ decision_url('geri-amb') }} {{ reading_url('geri-ind1') }} {{ can_import() }}"
        )
    assert shown == (
        "True False /edit/initiative/geri-i1 False True /new/initiative?strength_position=geri-hs "
        "/delete/initiative/geri-i1 /ambition/geri-amb/decision /edit/indicator/geri-ind1/reading False"
    )
