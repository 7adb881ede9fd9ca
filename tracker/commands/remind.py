"""``tracker remind``: e-mail each person one digest of their "Til opfølgning" (at most one per period)."""
from __future__ import annotations

import argparse

from graph.queries.followup import followup_for
from tracker.commands.followup import day_option
from tracker.digest import Digest, digest_for, period_key
from tracker.errors import pick
from tracker.mail import MailSettings, SentLog, send_all
from tracker.output import emit
from tracker.settings import Settings
from tracker.stores import load_graph


def remind(args: argparse.Namespace, settings: Settings) -> None:
    mail = MailSettings()
    today = day_option(args.on)
    pg = load_graph(settings.store())
    period = period_key(today)
    digests: list[Digest] = []
    memo: dict = {}  # what every person's list shares (graph/queries/followup.followup_for)
    lines: dict = {}  # and every digest's item lines (tracker/digest.digest_for)
    for person in sorted(pg.ids("person")):
        if not pg.data(person).get("email"):
            continue
        digest = digest_for(pg, followup_for(pg, person, today, memo=memo), mail.base_url, settings.lang, lines)
        if digest is not None:
            digests.append(digest)
    log = SentLog(settings.instance / "reminders.db")
    try:
        if args.dry_run:
            waiting = [d for d in digests if not log.was_sent(d.person, period)]
            for d in waiting:
                emit(f"To: {d.to}\nSubject: {d.subject}\n\n{d.text}")
            emit(pick(settings.lang, f"{len(waiting)} påmindelser ville blive sendt (prøvekørsel, intet sendt)",
                      f"{len(waiting)} reminders would be sent (dry run, nothing sent)"))
            return
        sent = send_all(mail, digests, period, log)
    finally:
        log.close()
    emit(pick(settings.lang, f"{len(sent)} påmindelser sendt for {period}", f"{len(sent)} reminders sent for {period}"))
