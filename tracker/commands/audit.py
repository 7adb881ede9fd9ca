"""The audit command: who changed what, when, newest first."""
from __future__ import annotations

import argparse
import datetime as dt

from graph.formatting import format_date
from graph.vocabulary import kind_label
from tracker.errors import pick
from tracker.settings import Settings
from tracker.stores import open_existing

#: Changed elements listed under one change; the rest are counted.
ELEMENTS_SHOWN = 20
#: What happened to an element, in words.
OPERATIONS: dict[str, tuple[str, str]] = {"create": ("oprettet", "created"), "update": ("ændret", "updated"), "delete": ("slettet", "deleted")}


def _when(at: str, lang: str) -> str:
    """An audit time as a person reads it: ``3. december 2026 kl. 04:33 UTC``; a time it cannot read as written."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return str(at)
    clock = moment.strftime("%H:%M")
    zone = " UTC" if moment.utcoffset() == dt.timedelta(0) else ""
    return f"{format_date(moment.date(), lang)} {pick(lang, 'kl. ', 'at ')}{clock}{zone}"


def audit(args: argparse.Namespace, settings: Settings) -> None:
    lang = settings.lang
    with open_existing(settings.store()) as store:
        if args.item is None:
            # Every revision is one applied change set with one audit entry.
            total = store.revision()
            entries = store.audit(args.limit)
        else:
            touching = store.audit(store.revision(), args.item)
            total, entries = len(touching), touching[: args.limit]
    for entry in entries:
        print(f"r{entry.revision}  {_when(entry.at, lang)}  {entry.actor}  {entry.note}  ({len(entry.changes)})")
        for op, kind, item in entry.changes[:ELEMENTS_SHOWN]:
            words = OPERATIONS.get(op, (op, op))[0 if lang == "da" else 1]
            print(f"    {words:8} {kind_label(kind, lang):26} {item}")
        hidden = len(entry.changes) - ELEMENTS_SHOWN
        if hidden > 0:
            print(pick(lang, f"    ... og {hidden} flere elementer", f"    ... and {hidden} more elements"))
    if total > len(entries):
        print(
            pick(
                lang,
                f"viser {len(entries)} af {total} ændringer (--limit N viser flere)",
                f"showing {len(entries)} of {total} changes (--limit N shows more)",
            )
        )
