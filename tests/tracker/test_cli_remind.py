"""``tracker remind`` end to end (issue 21): the digests a real SMTP server (aiosmtpd on 127.0.0.1)
receives from the hand-built follow-up portfolio, once per period, and the refusals."""
from __future__ import annotations

import email
import socket
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
import yaml
from aiosmtpd.controller import Controller

from tests.followup_portfolio import followup_document

EVA_TEXT = """Kære Eva Holm

Det her venter på dig i BASS-trackeren:

Geriatri
- Faglig indsats Fælles undervisning: Statusopdatering mangler for perioden 2026-11
  http://tracker.example/new/check_in?subject=geri-i1
- Indikator Besatte speciallægestillinger: Måling mangler (seneste 2026-06-01, forfalden 2026-09-01)
  http://tracker.example/edit/indicator/geri-ind1/reading
- Faglig indsats Nattevagter på tværs: Slutdatoen 2026-10-31 er passeret, men indsatsen er ikke afsluttet
  http://tracker.example/edit/initiative/geri-i2

Reumatologi
- Faglig indsats Fælles rekrutteringskampagne: Statusopdatering mangler for perioden 2026-11
  http://tracker.example/new/check_in?subject=reum-i1

Hele listen: http://tracker.example/me/followup
"""


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts, with its envelope."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


class RefuseSender(Inbox):
    async def handle_MAIL(self, server, session, envelope, address, options):  # noqa: N802
        return "550 sender not allowed"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server(handler: Inbox, monkeypatch: pytest.MonkeyPatch):
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TRACKER_SMTP_PORT", str(port))
    monkeypatch.setenv("TRACKER_SMTP_FROM", "bass@example.org")
    monkeypatch.setenv("TRACKER_BASE_URL", "http://tracker.example/")
    return controller


@pytest.fixture
def remind_store(cli, store_path, tmp_path):
    doc = followup_document()
    next(p for p in doc["people"] if p["id"] == "eva")["email"] = "eva@example.org"
    path = tmp_path / "followup.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = cli("import", str(path))
    assert result.code == 0, result.err
    return store_path


@pytest.fixture
def inbox(monkeypatch):
    handler = Inbox()
    controller = _server(handler, monkeypatch)
    yield handler
    controller.stop()


def _bodies(message: EmailMessage) -> tuple[str, str]:
    plain, html = (message.get_body((kind,)).get_content() for kind in ("plain", "html"))
    return plain.replace("\r\n", "\n"), html


def test_each_person_with_an_address_and_something_to_do_gets_one_digest(cli, remind_store, inbox):
    result = cli("remind", "--on", "2026-11-16")
    assert (result.code, result.out, result.err) == (0, "2 påmindelser sendt for 2026-11\n", "")
    assert [(f, to, m["To"], m["Subject"]) for f, to, m in inbox.received] == [
        ("bass@example.org", ["bjorn@example.org"], "bjorn@example.org", "BASS: 5 punkter til opfølgning (november 2026)"),
        ("bass@example.org", ["eva@example.org"], "eva@example.org", "BASS: 4 punkter til opfølgning (november 2026)"),
    ]
    text, html = _bodies(inbox.received[1][2])
    assert text == EVA_TEXT
    assert ('<li>Faglig indsats Fælles undervisning: Statusopdatering mangler for perioden 2026-11 '
            '<a href="http://tracker.example/new/check_in?subject=geri-i1">http://tracker.example/new/check_in?subject=geri-i1</a></li>') in html
    bjorn = _bodies(inbox.received[0][2])[0]
    assert bjorn.splitlines()[-6:] == [
        "- Strategisk indsatsområde Robuste faglige miljøer: Åbent signal: Nattevagterne dækkes ikke",
        "  http://tracker.example/edit/signal/sig1",
        "- Faglig indsats Nattevagter på tværs: Beder om hjælp: HR-pakken er ikke kommet",
        "  http://tracker.example/initiative/geri-i2",
        "",
        "Hele listen: http://tracker.example/me/followup",
    ]


def test_a_second_run_in_the_same_period_sends_nothing(cli, remind_store, inbox):
    assert cli("remind", "--on", "2026-11-16").code == 0
    again = cli("remind", "--on", "2026-11-30")
    assert (again.code, again.out) == (0, "0 påmindelser sendt for 2026-11\n")
    assert len(inbox.received) == 2
    dry = cli("remind", "--on", "2026-11-30", "--dry-run")
    assert dry.out == "0 påmindelser ville blive sendt (prøvekørsel, intet sendt)\n"
    next_month = cli("remind", "--on", "2026-12-01")
    assert next_month.out == "2 påmindelser sendt for 2026-12\n"
    assert len(inbox.received) == 4


def test_dry_run_prints_the_digests_and_sends_nothing(cli, remind_store, inbox):
    result = cli("remind", "--on", "2026-11-16", "--dry-run")
    assert result.code == 0
    assert f"To: eva@example.org\nSubject: BASS: 4 punkter til opfølgning (november 2026)\n\n{EVA_TEXT}" in result.out
    assert result.out.endswith("2 påmindelser ville blive sendt (prøvekørsel, intet sendt)\n")
    assert inbox.received == []
    assert cli("remind", "--on", "2026-11-16").out == "2 påmindelser sendt for 2026-11\n"  # the dry run recorded nothing


def test_a_server_that_is_down_is_one_line_and_nothing_is_recorded(cli, remind_store, monkeypatch):
    port = _free_port()
    monkeypatch.setenv("TRACKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TRACKER_SMTP_PORT", str(port))
    result = cli("remind", "--on", "2026-11-16")
    assert result.code == 1
    assert result.err == f"SMTP-serveren 127.0.0.1:{port} sendte ikke påmindelserne: [Errno 111] Connection refused\n"
    handler = Inbox()
    controller = _server(handler, monkeypatch)
    try:
        assert cli("remind", "--on", "2026-11-16").out == "2 påmindelser sendt for 2026-11\n"
    finally:
        controller.stop()


def test_a_refused_sender_is_one_line_naming_the_server(cli, remind_store, monkeypatch):
    controller = _server(RefuseSender(), monkeypatch)
    try:
        result = cli("remind", "--on", "2026-11-16")
    finally:
        controller.stop()
    assert result.code == 1
    assert "SMTP-serveren 127.0.0.1:" in result.err and "550" in result.err
    assert cli("remind", "--on", "2026-11-16", "--dry-run").out.endswith("2 påmindelser ville blive sendt (prøvekørsel, intet sendt)\n")
