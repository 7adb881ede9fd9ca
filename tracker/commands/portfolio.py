"""The commands that move whole portfolios: import, export, copy, demo, generate, schema."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from graph.changeset import ChangeSet
from graph.formatting import format_number
from graph.store import Applied
from graph.text import counted
from importers.document import changeset_from_document
from importers.guard import StaleImport, guarded_apply
from importers.loading import SUFFIXES
from importers.portfolio_file import (
    ProgrammeChoiceError,
    export_document,
    json_schema,
    read_portfolio,
    save_document,
    write_document,
)
from tracker.copy import copy_portfolio
from tracker.demo import demo_document
from tracker.errors import UserError, pick
from tracker.generate import generate_document
from tracker.output import check_output_folder, emit
from tracker.settings import Settings
from tracker.stores import load_graph, open_existing, open_writable


def _print_applied(applied: Applied, lang: str, dry_run: bool) -> None:
    s = {key: format_number(value, lang) for key, value in applied.summary().items()}
    if lang == "da":
        head = "Prøvekørsel, intet er skrevet" if dry_run else f"Importeret (revision {applied.revision})"
        print(f"{head}: {s['created']} nye, {s['updated']} ændrede, {s['deleted']} slettede, {s['unchanged']} uændrede")
    else:
        head = "Dry run, nothing written" if dry_run else f"Imported (revision {applied.revision})"
        print(f"{head}: {s['created']} created, {s['updated']} updated, {s['deleted']} deleted, {s['unchanged']} unchanged")


def _output_path(output: str | None, fmt: str | None) -> Path | None:
    """The file to write, checked before any work: its folder exists and its type is known."""
    if output is None:
        return None
    path = Path(output)
    check_output_folder(path)
    if fmt is None and path.suffix and path.suffix.lower() not in SUFFIXES:
        known = ", ".join(SUFFIXES)
        raise UserError(
            da=f"ukendt filtype '{path.suffix}' for '{path}': brug {known}",
            en=f"unknown file type '{path.suffix}' for '{path}': use {known}",
        )
    return path


def import_file(args: argparse.Namespace, settings: Settings) -> None:
    changes = read_portfolio(Path(args.file))
    lang = settings.lang
    with open_writable(settings.store()) as store:
        if getattr(args, "as_user", None):
            from tracker.import_rights import judge_as  # the web's rights load Flask: only an import judged --as pays

            judge_as(args.as_user, changes, store, settings, Path(args.file).name)
        try:
            applied, plan = guarded_apply(store, changes, settings.actor, dry_run=args.dry_run, force=args.force)
        except StaleImport as exc:
            raise UserError(
                da=exc.text("da") + " (se forskellen med --dry-run; --force overskriver)",
                en=exc.text("en") + " (see the difference with --dry-run; --force overwrites)",
            ) from None
    _print_applied(applied, lang, args.dry_run)
    if args.dry_run:
        for ids, da, en in ((plan.added, "nye", "added"), (plan.changed, "ændrede", "changed"), (plan.unchanged, "uændrede", "left alone")):
            print(f"{pick(lang, da, en)} ({len(ids)}): {' '.join(ids) if ids else '-'}")


def _is_workbook(path: Path | None, fmt: str | None) -> bool:
    return fmt == "xlsx" or (fmt is None and path is not None and path.suffix.lower() == ".xlsx")


def export(args: argparse.Namespace, settings: Settings) -> None:
    path = _output_path(args.output, args.format)
    if path is None and (args.template or args.format == "xlsx"):
        # A workbook is binary: it never goes to a terminal.
        raise UserError(
            da="en Excel-projektmappe skal have et filnavn: brug -o FIL.xlsx",
            en="an Excel workbook needs a file name: use -o FILE.xlsx",
        )
    if args.template:
        if not _is_workbook(path, args.format):
            raise UserError(
                da=f"en skabelon er en Excel-projektmappe: brug -o FIL.xlsx (ikke '{path}')",
                en=f"a template is an Excel workbook: use -o FILE.xlsx (not '{path}')",
            )
        write_document(None, path, "xlsx", settings.lang, template=True)
        return
    pg = load_graph(settings.store())
    try:
        doc = export_document(pg, args.programme)
    except ProgrammeChoiceError as exc:
        known = ", ".join(exc.programmes) or "-"
        if exc.asked is not None:
            raise UserError(
                da=f"porteføljen har intet program '{exc.asked}' (programmer: {known})",
                en=f"the portfolio holds no programme '{exc.asked}' (programmes: {known})",
            ) from None
        if not exc.programmes:
            raise UserError(da="porteføljen har intet program", en="the portfolio holds no programme") from None
        raise UserError(
            da=f"porteføljen har flere programmer; vælg et med --programme (programmer: {known})",
            en=f"the portfolio holds several programmes; choose one with --programme (programmes: {known})",
        ) from None
    if path is None:
        emit(write_document(doc, None, args.format, settings.lang))
    else:
        save_document(doc, path, args.format, settings.lang)  # the text of a large portfolio is never held whole


def copy(args: argparse.Namespace, settings: Settings) -> None:
    with open_existing(args.source) as source, open_writable(args.target) as target:
        counts = copy_portfolio(source, target, settings.actor, replace=args.replace)
    total = format_number(sum(counts.values()), settings.lang)
    noun = "element" if sum(counts.values()) == 1 else pick(settings.lang, "elementer", "elements")
    print(pick(settings.lang, f"Kopieret {total} {noun}; antal stemmer pr. art:", f"Copied {total} {noun}; counts match per kind:"))
    for kind, n in sorted(counts.items()):
        print(f"  {kind:18} {format_number(n, settings.lang)}")


def demo(args: argparse.Namespace, settings: Settings) -> None:
    changes = changeset_from_document(demo_document(), "demo", note="demo portfolio")
    with open_writable(settings.store()) as store:
        held = sum(store.counts().values())
        if held and not args.replace:
            raise UserError(
                da=f"lageret {store.url} indeholder allerede {counted(held, 'da')}; intet er skrevet "
                "(brug --replace for at erstatte dem med demo-porteføljen)",
                en=f"the store {store.url} already holds {counted(held, 'en')}; nothing was written "
                "(use --replace to replace them with the demo portfolio)",
            )
        if held:
            # Replace means the store ends equal to the demo: what only the store has is deleted.
            demo_ids = {r.id for r in changes.upserts}
            extra = sorted(r.id for r in store.load().records if r.id not in demo_ids)
            changes = ChangeSet(changes.upserts, deletes=extra, note="demo portfolio (replace)")
        applied = store.apply(changes, settings.actor)
    _print_applied(applied, settings.lang, False)


#: The most items `generate` writes: ten times the largest region's portfolio, and minutes of work.
MOST_GENERATED = 1_000_000


def generate(args: argparse.Namespace, settings: Settings) -> None:
    if args.nodes > MOST_GENERATED:
        raise UserError(
            da=f"--nodes {args.nodes} er for mange: højst {MOST_GENERATED}",
            en=f"--nodes {args.nodes} is too many: at most {MOST_GENERATED}",
        )
    path = _output_path(args.output, None)
    doc = generate_document(args.nodes, seed=args.seed)
    if args.check_in_months > 0:
        from tracker.generate_followup import add_followup

        doc = add_followup(doc, args.check_in_months, seed=args.seed)
    if path is None:
        emit(write_document(doc, None, None))
    else:
        save_document(doc, path)


def schema(args: argparse.Namespace, settings: Settings) -> None:
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        emit(text)
        return
    path = Path(args.output)
    check_output_folder(path)
    path.write_text(text, encoding="utf-8")
