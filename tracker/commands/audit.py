"""The audit commands: who changed what, when, newest first (audit); what changed since a date or revision (diff)."""
from __future__ import annotations

import argparse
import datetime as dt
import json

from graph.formatting import format_date
from graph.queries.history import GROUPS, SinceError, changed_since, changes_since
from graph.store import AuditEntry, Store
from graph.vocabulary import kind_label
from tracker.errors import UserError, elements, pick
from tracker.output import emit
from tracker.settings import Settings
from tracker.stores import load_graph, open_existing

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


def _item_entries(store: Store, item: str, limit: int) -> tuple[list[AuditEntry], dict[int, int], int]:
    """The change sets that touched ``item``, newest first, each listing the item's own change only;
    how many elements each change set changed in all; and how many change sets touched it.

    The rest of a change set (an import of 200 elements) is not what was asked for; its size stays in the head line.
    """
    own = sorted(store.history(item=item), key=lambda c: c.revision, reverse=True)
    if not own:
        raise UserError(
            da=f"ingen ændring i auditloggen har rørt '{item}'; se id'erne med 'tracker audit'",
            en=f"no change in the audit log touched '{item}'; see the ids with 'tracker audit'",
        )
    shown = own[:limit]
    sizes = {e.revision: len(e.changes) for e in store.audit(len(shown), item)}
    return [AuditEntry(c.revision, c.at, c.actor, c.note, [(c.op, c.kind, c.item)]) for c in shown], sizes, len(own)


def audit(args: argparse.Namespace, settings: Settings) -> None:
    lang = settings.lang
    with open_existing(settings.store()) as store:
        if args.item is None:
            # Every revision is one applied change set with one audit entry.
            total = store.revision()
            # A store counts in 64 bits: a larger --limit than there are revisions shows them all.
            entries = store.audit(min(args.limit, total))
            sizes = {e.revision: len(e.changes) for e in entries}
        else:
            entries, sizes, total = _item_entries(store, args.item, args.limit)
    for entry in entries:
        print(f"r{entry.revision}  {_when(entry.at, lang)}  {entry.actor}  {entry.note}  ({sizes.get(entry.revision, len(entry.changes))})")
        for op, kind, item in entry.changes[:ELEMENTS_SHOWN]:
            words = OPERATIONS.get(op, (op, op))[0 if lang == "da" else 1]
            print(f"    {words:8} {kind_label(kind, lang):26} {item}")
        hidden = len(entry.changes) - ELEMENTS_SHOWN
        if hidden > 0:
            print(pick(lang, f"    ... og {elements(hidden, lang, 'flere ')}", f"    ... and {elements(hidden, lang, 'more ')}"))
    if total > len(entries):
        print(
            pick(
                lang,
                f"viser {len(entries)} af {total} ændringer (--limit N viser flere)",
                f"showing {len(entries)} of {total} changes (--limit N shows more)",
            )
        )


def _shown(value: object) -> str:
    if value is None:
        return "-"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def diff(args: argparse.Namespace, settings: Settings) -> None:
    """What was added, changed and removed after a date, revision or decision, grouped by kind."""
    lang = settings.lang
    url = settings.store()
    pg = load_graph(url)
    if args.specialty is not None and pg.kind(args.specialty) != "specialty":
        raise UserError(da=f"'{args.specialty}' er ikke et speciale", en=f"'{args.specialty}' is not a specialty")
    with open_existing(url) as store:
        try:
            since, changes = changes_since(pg, lambda revision: store.history(since=revision), args.since)
        except SinceError as exc:
            raise UserError(da=exc.text("da"), en=exc.text("en")) from None
    result = changed_since(pg, changes, since, args.specialty)
    if args.format == "json":
        emit(json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str))
        return
    where = f" ({kind_label('specialty', lang).lower()} {args.specialty})" if args.specialty else ""
    lines = [pick(lang, f"Ændringer efter revision {result.since} til og med revision {result.revision}{where}:",
                  f"Changes after revision {result.since} up to revision {result.revision}{where}:")]
    names = {"added": ("Tilføjet", "Added"), "changed": ("Ændret", "Changed"), "removed": ("Fjernet", "Removed")}
    for group in GROUPS:
        items = result.group(group)
        lines.append(f"{pick(lang, *names[group])} ({len(items)})" + (":" if items else ""))
        for it in items:
            title = pg.display_title(it.item) if it.item in pg else _shown((it.before or {}).get("title") or (it.before or {}).get("name") or "")
            lines.append(f"  {kind_label(it.kind, lang):24} {it.item}  {title}  ({', '.join(it.actors)})")
            for name, before, after in it.fields:
                lines.append(f"      {name}: {_shown(before)} -> {_shown(after)}")
    emit("\n".join(lines) + "\n")
