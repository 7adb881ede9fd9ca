"""The steering group's meeting: created and its agenda built by the secretariat, decisions recorded in the minutes."""
from __future__ import annotations

import datetime as dt
import html

from graph.changeset import ChangeSet, parse_record

TODAY = dt.date.today().isoformat()


def said(answer) -> str:
    """The answer's text as a reader sees it (entities decoded)."""
    return html.unescape(answer.get_data(as_text=True))


def store_of(app):
    return app.extensions["portfolio"].store


def data(app, item: str) -> dict:
    return store_of(app).get([item])[item].data


def put(app, kind: str, raw: dict, programme: str = "bass") -> None:
    store_of(app).apply(ChangeSet(upserts=[parse_record(kind, raw, "test", programme)]), "test")


def submit_reum(app) -> None:
    put(app, "ambition", {**data(app, "reum-amb"), "status": "submitted"})


def new_meeting(client, day: str = TODAY, **fields):
    return client.post("/meetings/new", data={"programme": "bass", "date": day, "title": "PSG", "place": "Sorø", **fields})


def test_the_secretariat_creates_a_meeting_and_dagsorden_proposes_what_awaits_in_the_programmes_order(editors, login):
    submit_reum(editors)
    put(editors, "prerequisite", {**data(editors, "geri-pre1"), "status": "proposed"})
    client = login("mette")
    answer = new_meeting(client, chair="stina")
    assert answer.status_code == 303 and answer.headers["Location"].endswith(f"/meeting/bass-{TODAY}")
    meeting = f"bass-{TODAY}"
    assert data(editors, meeting) == {"id": meeting, "programme": "bass", "date": TODAY, "title": "PSG", "place": "Sorø", "chair": "stina"}
    page = client.get(f"/meeting/{meeting}").get_data(as_text=True)
    # geri's approved ambition: its proposed prerequisite and its status report; reum's submitted ambition
    proposed = page.split('id="proposed"')[1].split("</ul>")[0]
    assert [s.split('"')[0] for s in proposed.split('name="subject" value="')[1:]] == ["geri-pre1", "geri", "reum-amb"]
    assert client.post(f"/meeting/{meeting}/propose").status_code == 303
    assert [(data(editors, f"{meeting}.{n}")["order"], data(editors, f"{meeting}.{n}").get("subject")) for n in (1, 2, 3)] == [
        (1, "geri-pre1"), (2, "geri"), (3, "reum-amb")]
    # ordered by clicks: reum-amb up twice, then the status report off the agenda, a free item added
    client.post(f"/meeting/{meeting}/item/{meeting}.3/move", data={"direction": "up"})
    client.post(f"/meeting/{meeting}/item/{meeting}.3/move", data={"direction": "up"})
    client.post(f"/meeting/{meeting}/item/{meeting}.2/remove")
    client.post(f"/meeting/{meeting}/items", data={"title": "Eventuelt"})
    page = client.get(f"/meeting/{meeting}").get_data(as_text=True)
    agenda = page.split('id="agenda-items"')[1].split("</ol>")[0]
    assert [li.split('"')[0] for li in agenda.split('<li id="')[1:]] == [f"{meeting}.3", f"{meeting}.1", f"{meeting}.4"]
    assert [data(editors, f"{meeting}.{n}")["order"] for n in (3, 1, 4)] == [1, 2, 3]
    assert "Eventuelt" in agenda
    # the status report taken off comes back in the proposal
    assert 'name="subject" value="geri"' in page


def test_bad_input_is_refused_with_the_value_quoted_and_nothing_written(editors, login):
    client = login("mette")
    before = store_of(editors).revision()
    refused = new_meeting(client, day="10. december")
    assert refused.status_code == 400 and "'10. december'" in said(refused)
    assert new_meeting(client, chair="bjorn").status_code == 400
    assert store_of(editors).revision() == before
    new_meeting(client)
    meeting = f"bass-{TODAY}"
    put(editors, "programme", {"id": "ost", "name": "Øst"}, "ost")
    put(editors, "specialty", {"id": "kard", "name": "Kardiologi"}, "ost")
    put(editors, "role", {"person": "mette", "role": "secretariat", "programme": "ost"}, "ost")
    before = store_of(editors).revision()
    other = client.post(f"/meeting/{meeting}/items", data={"subject": "kard"})
    assert other.status_code == 400 and "'kard'" in said(other)
    off = client.post(f"/meeting/{meeting}/item/geri-amb/decision", data={"outcome": "approved", "reason": "x"})
    assert off.status_code == 400 and "'geri-amb'" in said(off)
    assert store_of(editors).revision() == before
    # through the item API too
    api = client.put("/api/v1/agenda_items/x1", json={"version": 0, "item": {"meeting": meeting, "order": 1, "subject": "kard"}})
    assert api.status_code == 400 and "'kard'" in said(api)
    assert store_of(editors).revision() == before


def held_meeting(editors, login, *subjects: str) -> tuple[object, str]:
    client = login("mette")
    new_meeting(client, chair="stina")
    meeting = f"bass-{TODAY}"
    for s in subjects:
        client.post(f"/meeting/{meeting}/items", data={"subject": s} if s in ("geri-amb", "reum-amb", "geri-pre1", "geri") else {"title": s})
    return client, meeting


def test_the_secretariat_records_the_decisions_on_behalf_of_the_steering_group(editors, login):
    submit_reum(editors)
    put(editors, "prerequisite", {**data(editors, "geri-pre1"), "status": "proposed"})
    client, meeting = held_meeting(editors, login, "reum-amb", "geri-pre1", "geri", "Tidsplan")
    before = store_of(editors).revision()
    assert client.post(f"/meeting/{meeting}/item/{meeting}.1/decision", data={"outcome": "approved", "reason": "Klar plan"}).status_code == 303
    decision = data(editors, f"reum-amb.decision.r{before + 1}")
    assert decision == {"id": f"reum-amb.decision.r{before + 1}", "ambition": "reum-amb", "outcome": "approved", "decided_on": TODAY,
                        "reason": "Klar plan", "meeting": "PSG", "by": "stina", "recorded_by": "mette",
                        "agenda_item": f"{meeting}.1", "revision": before}
    assert data(editors, "reum-amb")["status"] == "approved"
    assert data(editors, f"reum-amb.baseline.r{before + 1}")["decision"] == decision["id"]
    # a prerequisite: its status, and the approved geri ambition is not "changed since approval" for it
    client.post(f"/meeting/{meeting}/item/{meeting}.2/decision", data={"outcome": "not_agreed", "reason": "For dyrt nu"})
    assert data(editors, "geri-pre1")["status"] == "not_agreed"
    assert "changed-since" not in client.get("/ambition/geri-amb").get_data(as_text=True)
    pre = said(client.get("/prerequisite/geri-pre1")).split('id="prerequisite-decisions"')[1].split("</ul>")[0]
    assert "<strong>Ikke aftalt</strong> – For dyrt nu" in pre and f'href="/meeting/{meeting}"' in pre
    client.post(f"/meeting/{meeting}/item/{meeting}.3/decision", data={"outcome": "noted", "reason": "Taget til efterretning"})
    client.post(f"/meeting/{meeting}/item/{meeting}.4/decision", data={"outcome": "approved", "reason": "Seks møder"})
    page = client.get(f"/meeting/{meeting}").get_data(as_text=True)
    assert page.count('class="decision"') == 4
    assert "På vegne af programstyregruppen" in page and "For dyrt nu" in page and "Ikke aftalt" in page
    # a second decision on the same item is refused, quoting it
    again = client.post(f"/meeting/{meeting}/item/{meeting}.1/decision", data={"outcome": "returned", "reason": "Nej"})
    assert again.status_code == 400 and f"'{meeting}.1'" in said(again)
    # an outcome that does not fit the item
    client.post(f"/meeting/{meeting}/items", data={"subject": "geri-amb"})
    wrong = client.post(f"/meeting/{meeting}/item/{meeting}.5/decision", data={"outcome": "agreed", "reason": "x"})
    assert wrong.status_code == 400 and "'agreed'" in said(wrong)
    # the decision shows on the ambition's page, linked to the meeting
    ambition = client.get("/ambition/reum-amb").get_data(as_text=True)
    assert "Klar plan" in ambition and f'href="/meeting/{meeting}' in ambition


def test_rights_of_the_meeting(editors, login, client):
    submit_reum(editors)
    put(editors, "meeting", {"id": "later", "programme": "bass", "date": "2099-01-01"})
    put(editors, "agenda_item", {"id": "later.1", "meeting": "later", "order": 1, "subject": "reum-amb"})
    put(editors, "meeting", {"id": "held", "programme": "bass", "date": "2026-01-01", "chair": "stina"})
    put(editors, "agenda_item", {"id": "held.1", "meeting": "held", "order": 1, "subject": "reum-amb"})
    decide = {"outcome": "returned", "reason": "Mangler indikatorer"}
    for who in ("karen", "bjorn", "eva", "olga"):
        login(who)
        assert client.post("/meetings/new", data={"programme": "bass", "date": TODAY}).status_code == 403, who
        assert client.post("/meeting/later/propose").status_code == 403, who
        assert client.post("/meeting/held/item/held.1/decision", data=decide).status_code == 403, who
    # the steering group decides at the meeting (in their own name) but does not build the agenda
    login("stina")
    assert client.post("/meeting/later/propose").status_code == 403
    # nobody records a decision for a meeting not yet held
    login("mette")
    not_yet = client.post("/meeting/later/item/later.1/decision", data=decide)
    assert not_yet.status_code == 400 and "2099-01-01" in said(not_yet)
    login("stina")
    assert client.post("/meeting/held/item/held.1/decision", data=decide).status_code == 303
    assert data(editors, "reum-amb")["status"] == "returned"
    decision = [d for d in store_of(editors).load().records if d.kind == "decision"][0].data
    assert decision["by"] == "stina" and "recorded_by" not in decision and decision["agenda_item"] == "held.1"


def test_the_secretariat_of_another_programme_records_nothing_and_nobody_decides_twice():
    from types import SimpleNamespace

    from graph.portfolio import PortfolioGraph
    from graph.record import Record
    from web import rights_meetings

    def rec(kind, raw, programme):
        return Record(kind, raw.get("id") or f"role~{raw['person']}~{raw['role']}~{raw['programme']}", raw, programme)

    pg = PortfolioGraph([
        rec("programme", {"id": "bass", "name": "BASS"}, "bass"), rec("programme", {"id": "ost", "name": "Øst"}, "ost"),
        rec("person", {"id": "mette", "name": "Mette"}, "bass"), rec("person", {"id": "ole", "name": "Ole"}, "ost"),
        rec("role", {"person": "mette", "role": "secretariat", "programme": "bass"}, "bass"),
        rec("role", {"person": "ole", "role": "secretariat", "programme": "ost"}, "ost"),
        rec("meeting", {"id": "m", "programme": "bass", "date": "2026-01-15"}, "bass"),
        rec("agenda_item", {"id": "m.1", "meeting": "m", "order": 1, "title": "Tidsplan"}, "bass"),
        rec("agenda_item", {"id": "m.2", "meeting": "m", "order": 2, "title": "Eventuelt"}, "bass"),
        rec("decision", {"id": "d", "agenda_item": "m.2", "outcome": "noted", "decided_on": "2026-01-15", "reason": "R"}, "bass"),
    ])
    mette, ole = SimpleNamespace(username="mette", person="mette"), SimpleNamespace(username="ole", person="ole")
    day = dt.date(2026, 1, 15)
    assert rights_meetings.can_record(mette, pg, "m.1", day) is True
    assert rights_meetings.can_record(ole, pg, "m.1", day) is False  # another programme's secretariat
    assert rights_meetings.can_record(mette, pg, "m.2", day) is False  # decided already
    assert rights_meetings.can_record(mette, pg, "m.1", dt.date(2026, 1, 14)) is False  # not held yet
    assert (rights_meetings.can_prepare(mette, pg, "m"), rights_meetings.can_prepare(ole, pg, "m")) == (True, False)


def test_the_minutes_print_and_download_as_word(editors, login):
    import io

    import docx

    submit_reum(editors)
    client, meeting = held_meeting(editors, login, "reum-amb", "Eventuelt")
    client.post(f"/meeting/{meeting}/item/{meeting}.1/decision", data={"outcome": "returned", "reason": "Mangler indikatorer"})
    page = client.get(f"/meeting/{meeting}").get_data(as_text=True)
    assert 'id="print-meeting" data-print' in page and "Referat" in page
    answer = client.get(f"/meeting/{meeting}/minutes.docx")
    assert answer.status_code == 200 and answer.headers["Content-Disposition"] == f'attachment; filename="referat-{meeting}.docx"'
    lines = [(p.style.name, p.text) for p in docx.Document(io.BytesIO(answer.data)).paragraphs if p.text]
    assert [t for s, t in lines if s == "Heading 1"] == ["1. Strategisk ambition: Reumatologi", "2. Eventuelt"]
    assert ("Normal", "Beslutning: Sendt retur. Mangler indikatorer") in lines
    assert ("Normal", "Ingen beslutning ført til referat.") in lines


def test_min_side_of_the_secretariat_and_the_steering_group_starts_with_the_next_meeting(editors, login):
    put(editors, "meeting", {"id": "past", "programme": "bass", "date": "2026-01-15", "title": "PSG januar", "chair": "stina"})
    put(editors, "agenda_item", {"id": "past.1", "meeting": "past", "order": 1, "title": "Tidsplan"})
    put(editors, "decision", {"id": "past.1.decision", "agenda_item": "past.1", "outcome": "approved", "decided_on": "2026-01-15",
                              "reason": "Seks møder i 2027", "by": "stina"})
    put(editors, "meeting", {"id": "coming", "programme": "bass", "date": "2099-03-01", "title": "PSG marts"})
    put(editors, "agenda_item", {"id": "coming.1", "meeting": "coming", "order": 1, "subject": "reum-amb"})
    put(editors, "agenda_item", {"id": "coming.2", "meeting": "coming", "order": 2, "subject": "geri"})
    for who in ("mette", "stina"):
        page = said(login(who).get("/me"))
        mine = page.split('id="my-meeting-bass"')[1].split("</section>")[0]
        assert "Næste møde" in mine and "PSG marts" in mine, who
        agenda = mine.split('id="next-agenda"')[1].split("</ol>")[0]
        assert agenda.count("<li>") == 2 and "Strategisk ambition: Reumatologi" in agenda and "Statusrapport: Geriatri" in agenda
        missing = mine.split('id="next-missing"')[1].split("</div>")[0]
        assert "ambitionen er ikke indsendt" in missing and "ingen statusrapport siden sidste møde" in missing
        assert "Sidste mødes beslutninger" in mine and "Tidsplan</a>: <strong>Godkendt</strong> – Seks møder i 2027" in mine
        assert page.index('id="my-meeting-bass"') < page.index("Mine indsatser") if "Mine indsatser" in page else True
    assert 'id="my-meeting-bass"' not in login("karen").get("/me").get_data(as_text=True)


def overview_rows(client, query: str) -> list[str]:
    page = client.get("/?" + query).get_data(as_text=True)
    return [r.split('"')[0] for r in page.split('<tr id="row-')[1:]]


def test_the_overview_filters_to_a_meetings_agenda_and_to_a_status(editors, login):
    client = login("mette")
    assert overview_rows(client, "") == ["geri", "reum"]
    put(editors, "meeting", {"id": "coming", "programme": "bass", "date": "2099-03-01"})
    put(editors, "agenda_item", {"id": "coming.1", "meeting": "coming", "order": 1, "subject": "reum-pre1"})
    assert overview_rows(client, "meeting=coming") == ["reum"]
    assert overview_rows(client, "status=submitted") == []
    submit_reum(editors)
    assert overview_rows(client, "status=submitted") == ["reum"]
    assert overview_rows(client, "status=returned") == overview_rows(client, "status=changed") == []
    bad = client.get("/?status=travl")
    assert bad.status_code == 400 and "'travl'" in said(bad)
    assert client.get("/?meeting=geri").status_code == 400


def test_the_meeting_pack_holds_the_agenda_then_every_items_material(editors, login):
    import io

    import docx

    client, meeting = held_meeting(editors, login, "reum-amb", "geri-pre1", "geri", "Eventuelt")
    page = said(client.get(f"/meeting/{meeting}/pack"))
    contents = page.split('id="contents"')[1].split("</nav>")[0]
    assert [a.split('"')[0] for a in contents.split('href="#')[1:]] == ["pack-1", "pack-2", "pack-3", "pack-4"]
    assert "Strategisk ambition: Reumatologi" in contents and "Statusrapport: Geriatri" in contents
    assert page.count('<article class="ambition-document">') == 1 and "<script nonce" not in page
    prerequisite = page.split('id="pack-2"')[1].split("</section>")[0]
    assert "Robuste faglige miljøer" in prerequisite and "Fælles undervisning" in prerequisite  # enables, and who depends
    assert 'id="print-pack" data-print' in page
    assert page.index('id="pack-1"') < page.index('id="pack-2"') < page.index('id="pack-3"') < page.index('id="pack-4"')
    answer = client.get(f"/meeting/{meeting}/pack.docx")
    assert answer.status_code == 200
    headings = [p.text for p in docx.Document(io.BytesIO(answer.data)).paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Dagsorden", "1. Strategisk ambition: Reumatologi", "2. Ressourcer til kompetenceudvikling",
                        "3. Statusrapport: Geriatri", "4. Eventuelt"]
    assert f'href="/meeting/{meeting}/pack"' in client.get(f"/meeting/{meeting}").get_data(as_text=True)
