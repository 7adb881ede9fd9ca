"""The audit command: who changed what, when, newest first."""
from __future__ import annotations

import argparse

from tracker.errors import pick
from tracker.settings import Settings
from tracker.stores import open_existing

#: Changed elements listed under one change; the rest are counted.
ELEMENTS_SHOWN = 20


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
        print(f"r{entry.revision}  {entry.at}  {entry.actor}  {entry.note}  ({len(entry.changes)})")
        for op, kind, item in entry.changes[:ELEMENTS_SHOWN]:
            print(f"    {op:7} {kind:18} {item}")
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
