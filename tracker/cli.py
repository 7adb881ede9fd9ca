"""The ``tracker`` command line: import, export, queries, demo, generator, accounts and the web server."""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path

from graph.portfolio import PortfolioGraph
from graph.problems import Conflict, InvalidChangeSet
from graph.store import Store, StoreError, open_store
from tracker.settings import Settings

EXIT_ERROR = 1


class UserError(Exception):
    """A problem the user can fix; printed without a traceback."""


def _open(args: argparse.Namespace) -> Store:
    return open_store(args.settings.store())


def _graph(args: argparse.Namespace) -> PortfolioGraph:
    with _open(args) as store:
        return PortfolioGraph.from_store(store)


def _emit(text: str, out: str | None = None) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _print_applied(applied, lang: str, dry_run: bool) -> None:
    s = applied.summary()
    if lang == "da":
        head = "Prøvekørsel, intet er skrevet" if dry_run else f"Importeret (revision {applied.revision})"
        print(f"{head}: {s['created']} nye, {s['updated']} ændrede, {s['deleted']} slettede, {s['unchanged']} uændrede")
    else:
        head = "Dry run, nothing written" if dry_run else f"Imported (revision {applied.revision})"
        print(f"{head}: {s['created']} created, {s['updated']} updated, {s['deleted']} deleted, {s['unchanged']} unchanged")


# -- commands -------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> None:
    from importers.portfolio_file import read_portfolio

    changes = read_portfolio(Path(args.file))
    with _open(args) as store:
        applied = store.apply(changes, args.settings.actor, dry_run=args.dry_run)
    _print_applied(applied, args.settings.lang, args.dry_run)


def cmd_export(args: argparse.Namespace) -> None:
    from importers.portfolio_file import export_document, write_document

    doc = export_document(_graph(args), args.programme)
    text = write_document(doc, Path(args.output) if args.output else None, args.format)
    if not args.output:
        _emit(text)


def _query(args: argparse.Namespace, compute: Callable[[PortfolioGraph], dict], render: Callable[[dict, str], str]) -> None:
    doc = compute(_graph(args))
    if args.format == "json":
        _emit(json.dumps(doc, ensure_ascii=False, indent=2, default=str))
    else:
        _emit(render(doc, args.settings.lang))


def cmd_trace(args: argparse.Namespace) -> None:
    from graph.queries import trace
    from tracker.textout import trace_text

    _query(args, lambda pg: trace(pg, args.initiative).to_json(), trace_text)


def cmd_coverage(args: argparse.Namespace) -> None:
    from graph.queries import coverage
    from tracker.textout import coverage_text

    _query(args, lambda pg: coverage(pg, args.programme).to_json(), coverage_text)


def cmd_synergies(args: argparse.Namespace) -> None:
    from graph.queries import synergies, synergies_json
    from tracker.textout import synergies_text

    _query(args, lambda pg: synergies_json(synergies(pg, args.specialty)), synergies_text)


def cmd_check(args: argparse.Namespace) -> None:
    from graph.queries import check, findings_json
    from tracker.textout import findings_text

    def compute(pg: PortfolioGraph) -> dict:
        if args.specialty and pg.kind(args.specialty) != "specialty":
            raise UserError(_t(args, f"'{args.specialty}' er ikke et speciale", f"'{args.specialty}' is not a specialty"))
        return findings_json(check(pg, args.specialty), args.settings.lang)

    _query(args, compute, findings_text)


def cmd_schema(args: argparse.Namespace) -> None:
    from importers.portfolio_file import json_schema

    _emit(json.dumps(json_schema(), ensure_ascii=False, indent=2), args.output)


def cmd_demo(args: argparse.Namespace) -> None:
    from importers.document import changeset_from_document
    from tracker.demo import demo_document

    changes = changeset_from_document(demo_document(), "demo", note="demo portfolio")
    with _open(args) as store:
        applied = store.apply(changes, args.settings.actor)
    _print_applied(applied, args.settings.lang, False)


def cmd_generate(args: argparse.Namespace) -> None:
    from importers.portfolio_file import write_document
    from tracker.generate import generate_document

    doc = generate_document(args.nodes, seed=args.seed)
    text = write_document(doc, Path(args.output) if args.output else None, None)
    if not args.output:
        _emit(text)


def cmd_audit(args: argparse.Namespace) -> None:
    with _open(args) as store:
        entries = store.audit(args.limit, args.item)
    for e in entries:
        print(f"r{e.revision}  {e.at}  {e.actor}  {e.note}  ({len(e.changes)})")
        for op, kind, item in e.changes[:20]:
            print(f"    {op:7} {kind:18} {item}")


def cmd_copy(args: argparse.Namespace) -> None:
    from tracker.copy import CopyRefused, copy_portfolio

    with open_store(args.source) as source, open_store(args.target) as target:
        try:
            counts = copy_portfolio(source, target, args.settings.actor, replace=args.replace)
        except CopyRefused as exc:
            raise UserError(exc.text(args.settings.lang)) from None
    total = sum(counts.values())
    print(_t(args, f"Kopieret {total} elementer; antal stemmer pr. art:", f"Copied {total} elements; counts match per kind:"))
    for kind, n in sorted(counts.items()):
        print(f"  {kind:18} {n}")


def cmd_user(args: argparse.Namespace) -> None:
    from web import accounts

    db = args.settings.users_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    if args.user_command == "add":
        password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Adgangskode / password: ")
        if args.person:
            with _open(args) as store:
                found = store.get([args.person]).get(args.person)
            if found is None or found.kind != "person":
                raise UserError(_t(args, f"person '{args.person}' findes ikke i porteføljen", f"person '{args.person}' is not in the portfolio"))
        accounts.add_user(db, args.username, password, person=args.person, display_name=args.name)
        print(_t(args, f"Bruger {args.username} oprettet", f"User {args.username} created"))
    elif args.user_command == "list":
        for acc in accounts.list_users(db):
            print(f"{acc.username:20} {acc.person or '-':20} {acc.display_name or ''}")
    elif args.user_command == "remove":
        accounts.remove_user(db, args.username)
        print(_t(args, f"Bruger {args.username} slettet", f"User {args.username} removed"))


def cmd_serve(args: argparse.Namespace) -> None:
    from tracker.serve import serve

    serve(args.settings, host=args.host, port=args.port, demo=args.demo, threads=args.threads)


def _t(args: argparse.Namespace, da: str, en: str) -> str:
    return da if args.settings.lang == "da" else en


# -- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", help="store URL: sqlite:///file.db, bolt://host:port, neo4j://host:port (or TRACKER_STORE)")
    common.add_argument("--lang", choices=["da", "en"], help="language of messages (or TRACKER_LANG; default da)")
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=["text", "json"], default="text")

    parser = argparse.ArgumentParser(
        prog="tracker", description="Ambition tracker for BASS: specialties' strategic and professional ambitions as one graph."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", parents=[common], help="import a portfolio file (YAML or JSON)")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="validate and show what would change; write nothing")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", parents=[common], help="export the portfolio (YAML to stdout by default)")
    p.add_argument("-o", "--output", help="file to write; .yaml, .yml or .json")
    p.add_argument("--format", choices=["yaml", "json"], default=None)
    p.add_argument("--programme", help="programme id when the store holds several")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("trace", parents=[common, fmt], help="an initiative's trace up to the ambition")
    p.add_argument("initiative")
    p.set_defaults(func=cmd_trace)

    p = sub.add_parser("coverage", parents=[common, fmt], help="programme-wide coverage")
    p.add_argument("--programme")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("synergies", parents=[common, fmt], help="specialties sharing the most with one specialty")
    p.add_argument("specialty")
    p.set_defaults(func=cmd_synergies)

    p = sub.add_parser("check", parents=[common, fmt], help="the guidance's health checks")
    p.add_argument("specialty", nargs="?")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("schema", parents=[common], help="the JSON Schema of the portfolio file format")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("demo", parents=[common], help="load the Danish demo portfolio into the store")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("generate", parents=[common], help="write a synthetic portfolio of about N nodes")
    p.add_argument("--nodes", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("audit", parents=[common], help="the audit log, newest first")
    p.add_argument("--item")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("copy", parents=[common], help="copy a whole portfolio between stores")
    p.add_argument("--from", dest="source", required=True)
    p.add_argument("--to", dest="target", required=True)
    p.add_argument("--replace", action="store_true", help="replace what the target store holds (default: refuse a non-empty target)")
    p.set_defaults(func=cmd_copy)

    p = sub.add_parser("user", parents=[common], help="local accounts of the web front end")
    usub = p.add_subparsers(dest="user_command", required=True)
    u = usub.add_parser("add", parents=[common])
    u.add_argument("username")
    u.add_argument("--person", help="the person id in the portfolio (their roles give their rights)")
    u.add_argument("--name", help="display name")
    u.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    usub.add_parser("list", parents=[common])
    u = usub.add_parser("remove", parents=[common])
    u.add_argument("username")
    p.set_defaults(func=cmd_user)

    p = sub.add_parser("serve", parents=[common], help="run the web front end (waitress)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--demo", action="store_true", help="load the demo portfolio and demo accounts into an empty store")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings()
    if args.store:
        settings.store_url = args.store
    if args.lang:
        settings.lang = args.lang
    args.settings = settings
    lang = settings.lang
    try:
        args.func(args)
    except InvalidChangeSet as exc:
        head = "Intet er skrevet. Fejl:" if lang == "da" else "Nothing was written. Problems:"
        print(head, file=sys.stderr)
        print(exc.text(lang), file=sys.stderr)
        return EXIT_ERROR
    except Conflict as exc:
        print(exc.problem.text(lang), file=sys.stderr)
        return EXIT_ERROR
    except StoreError as exc:
        print(exc.text(lang), file=sys.stderr)
        return EXIT_ERROR
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    except LookupError as exc:  # graph.queries.NotFound and friends
        print(exc.args[0] if exc.args else str(exc), file=sys.stderr)
        return EXIT_ERROR
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
