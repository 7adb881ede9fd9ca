"""``tracker minutes`` and ``tracker meeting-pack``: a steering-group meeting's minutes and its meeting pack as Word files."""
from __future__ import annotations

import argparse
from pathlib import Path

from tracker.commands.followup import known
from tracker.errors import pick
from tracker.output import check_output_folder, emit
from tracker.settings import Settings
from tracker.stores import load_graph


def _write(out: Path, data: bytes) -> None:
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(data)
    partial.replace(out)  # nothing half-written under the name asked for


def minutes(args: argparse.Namespace, settings: Settings) -> None:
    from importers.meeting_docx import minutes_docx

    out = Path(args.out)
    check_output_folder(out)
    pg = load_graph(settings.store())
    known(pg, args.meeting, "meeting", "et møde", "a meeting")
    _write(out, minutes_docx(pg, args.meeting, settings.lang))
    emit(pick(settings.lang, f"referatet er skrevet til {out}", f"the minutes are written to {out}"))


def meeting_pack(args: argparse.Namespace, settings: Settings) -> None:
    from importers.meeting_docx import meeting_pack_docx

    out = Path(args.out)
    check_output_folder(out)
    pg = load_graph(settings.store())
    known(pg, args.meeting, "meeting", "et møde", "a meeting")
    _write(out, meeting_pack_docx(pg, args.meeting, settings.lang))
    emit(pick(settings.lang, f"mødemappen er skrevet til {out}", f"the meeting pack is written to {out}"))
