"""``tracker report``: a specialty's status report for the steering group (or the programme's) as a Word file."""
from __future__ import annotations

import argparse
from pathlib import Path

from tracker.commands.followup import day_option, known
from tracker.errors import UserError, pick
from tracker.output import check_output_folder, emit
from tracker.settings import Settings
from tracker.stores import load_graph


def report(args: argparse.Namespace, settings: Settings) -> None:
    from graph.queries.specialty_report import ReportSinceError, since_day
    from importers.status_report_docx import specialty_report_docx, status_report_docx

    if (args.specialty is None) == (args.programme is None):
        raise UserError(da="giv et speciale eller --programme (ikke begge)", en="give a specialty or --programme (not both)")
    out = Path(args.out)
    check_output_folder(out)
    today = day_option(args.on)
    pg = load_graph(settings.store())
    try:
        since = since_day(pg, args.since) if args.since else None
    except ReportSinceError as err:
        raise UserError(da=err.text("da"), en=err.text("en")) from None
    if args.specialty is not None:
        known(pg, args.specialty, "specialty", "et speciale", "a specialty")
        data = specialty_report_docx(pg, args.specialty, today, since, settings.lang)
    else:
        known(pg, args.programme, "programme", "et program", "a programme")
        data = status_report_docx(pg, args.programme, today, since, settings.lang)
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(data)
    partial.replace(out)  # nothing half-written under the name asked for
    emit(pick(settings.lang, f"statusrapporten er skrevet til {out}", f"the status report is written to {out}"))
