"""``tracker report``: the programme's status report for the steering group as a Word file."""
from __future__ import annotations

import argparse
from pathlib import Path

from tracker.commands.followup import day_option, known
from tracker.errors import pick
from tracker.output import check_output_folder, emit
from tracker.settings import Settings
from tracker.stores import load_graph


def report(args: argparse.Namespace, settings: Settings) -> None:
    from importers.status_report_docx import status_report_docx

    out = Path(args.out)
    check_output_folder(out)
    today = day_option(args.on)
    since = day_option(args.since) if args.since else None
    pg = load_graph(settings.store())
    known(pg, args.programme, "programme", "et program", "a programme")
    data = status_report_docx(pg, args.programme, today, since, settings.lang)
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(data)
    partial.replace(out)  # nothing half-written under the name asked for
    emit(pick(settings.lang, f"statusrapporten er skrevet til {out}", f"the status report is written to {out}"))
