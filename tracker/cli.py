"""The ``tracker`` command line: parses the arguments, runs one command, turns errors into messages.

Each command lives in a module of tracker/commands/ and is named here as ``(module, function)``;
``main(argv)`` runs it in-process and returns the exit code, so tests call it directly.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import NoReturn, cast

from graph.problems import Conflict, InvalidChangeSet
from graph.queries.errors import NotFound
from graph.store import StoreError
from tracker.errors import UserError, pick
from tracker.settings import LANGUAGES, Settings
from tracker.usage import danish

EXIT_OK = 0
#: A problem the user can fix: bad input, a missing or unreachable store, a refusal.
EXIT_ERROR = 1
#: A bug in the tracker (sysexits' EX_SOFTWARE); the traceback is kept in the error log or shown with --debug.
EXIT_BUG = 70
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Command:
    """Where a command's code lives: ``tracker.commands.<module>.<function>(args, settings)``."""

    module: str
    function: str


# -- the parser -----------------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """argparse's parser, telling usage errors in Danish or English (exit code 2, as argparse does)."""

    def __init__(self, *args: object, lang: str = "da", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lang = lang

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = danish(message) if self.lang == "da" else message
        self.exit(2, f"{self.prog}: {pick(self.lang, 'fejl', 'error')}: {text}\n")


def _add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """The options every command takes, before or after its name.

    On the top-level parser they have real defaults; on the command parsers their default is
    SUPPRESS, so an option given before the command name is not reset by the command's parser.
    """
    unset = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--store", metavar="URL", default=unset,
        help="store URL: sqlite:///file.db, bolt://host:port/db, neo4j://host:port/db (or TRACKER_STORE)",
    )
    parser.add_argument("--lang", choices=LANGUAGES, default=unset, help="language of messages: da or en (or TRACKER_LANG; default da)")
    parser.add_argument(
        "--debug", action="store_true", default=False if top else argparse.SUPPRESS,
        help="show the traceback of an internal error instead of writing it to the error log",
    )


def _command(sub: argparse._SubParsersAction, name: str, target: Command | None, help_text: str) -> Parser:
    parser: Parser = sub.add_parser(name, help=help_text, description=help_text)
    _add_global_options(parser, top=False)
    if target is not None:
        parser.set_defaults(command=target)
    return parser


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=["text", "json"], default="text", help="text for people (default) or JSON as the web API gives it"
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (0-65535)")
    return value


def _subcommands(parser: Parser, dest: str, metavar: str) -> argparse._SubParsersAction:
    # The command parsers speak the language of the parser they belong to (argparse calls parser_class(**kwargs)).
    same_language = cast(type[Parser], partial(Parser, lang=parser.lang))
    return parser.add_subparsers(dest=dest, metavar=metavar, required=True, parser_class=same_language)


def build_parser(lang: str = "da") -> Parser:
    """The whole command line: every command, subcommand and option (the README test walks it)."""
    parser = Parser(
        prog="tracker", lang=lang,
        description="Ambition tracker for BASS: specialties' strategic and professional ambitions as one graph.",
    )
    _add_global_options(parser, top=True)
    sub = _subcommands(parser, "command_name", "COMMAND")

    p = _command(sub, "import", Command("portfolio", "import_file"), "import a portfolio file (YAML or JSON); all or nothing")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="validate and show what would change; write nothing")

    p = _command(sub, "export", Command("portfolio", "export"), "export the portfolio (YAML to standard output by default)")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write; .yaml, .yml or .json")
    p.add_argument("--format", choices=["yaml", "json"], default=None, help="yaml or json (default: from the file name, else yaml)")
    p.add_argument("--programme", metavar="ID", help="programme id when the store holds several")

    p = _command(sub, "copy", Command("portfolio", "copy"), "copy a whole portfolio between stores, checked by counting")
    p.add_argument("--from", dest="source", metavar="URL", required=True, help="store to copy from")
    p.add_argument("--to", dest="target", metavar="URL", required=True, help="store to copy into")
    p.add_argument("--replace", action="store_true", help="replace what the target store holds (default: refuse a non-empty target)")

    p = _command(sub, "demo", Command("portfolio", "demo"), "load the Danish demo portfolio into the store")
    p.add_argument("--replace", action="store_true", help="replace what a non-empty store holds (default: refuse)")

    p = _command(sub, "generate", Command("portfolio", "generate"), "write a synthetic portfolio of about N nodes")
    p.add_argument("--nodes", type=_positive, default=10_000, metavar="N", help="about how many items (default 10000)")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same portfolio (default 1)")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default: YAML to standard output)")

    p = _command(sub, "schema", Command("portfolio", "schema"), "the JSON Schema of the portfolio file format")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")

    p = _command(sub, "trace", Command("queries", "trace"), "an initiative's trace up to the ambition")
    p.add_argument("initiative")
    _format_option(p)

    p = _command(sub, "coverage", Command("queries", "coverage"), "programme-wide coverage")
    p.add_argument("--programme", metavar="ID", help="only this programme")
    _format_option(p)

    p = _command(sub, "synergies", Command("queries", "synergies"), "specialties sharing the most with one specialty")
    p.add_argument("specialty")
    _format_option(p)

    p = _command(sub, "check", Command("queries", "check"), "the guidance's health checks")
    p.add_argument("specialty", nargs="?")
    _format_option(p)

    p = _command(sub, "audit", Command("audit", "audit"), "the audit log, newest first")
    p.add_argument("--item", metavar="ID", help="only changes that touched this element")
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="show at most N changes (default 20)")

    p = _command(sub, "user", None, "local accounts of the web front end")
    users = _subcommands(p, "user_command", "SUBCOMMAND")
    u = _command(users, "add", Command("users", "add"), "create an account linked to a person of the portfolio")
    u.add_argument("username")
    u.add_argument("--person", metavar="ID", required=True, help="the person id in the portfolio (their roles give the rights)")
    u.add_argument("--name", help="display name")
    u.add_argument("--password-stdin", action="store_true", help="read the password from the first line of standard input")
    _command(users, "list", Command("users", "list_accounts"), "list the accounts")
    u = _command(users, "remove", Command("users", "remove"), "delete an account")
    u.add_argument("username")

    p = _command(sub, "serve", Command("serve", "serve"), "run the web front end (waitress)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--threads", type=_positive, default=8, metavar="N", help="worker threads (default 8)")
    p.add_argument("--demo", action="store_true", help="load the demo portfolio and demo accounts into an empty store")
    return parser


# -- running a command ----------------------------------------------------------------------


def _run(command: Command, args: argparse.Namespace, settings: Settings) -> None:
    # The command modules are the only lazy imports: loading them on dispatch keeps a cold
    # `tracker trace` from importing Flask, openpyxl or the Bolt driver that other commands need.
    module = importlib.import_module(f"tracker.commands.{command.module}")
    run: Callable[[argparse.Namespace, Settings], None] = getattr(module, command.function)
    run(args, settings)


def user_message(exc: BaseException, lang: str) -> str | None:
    """The message for an error the user can fix, or None for a bug."""
    if isinstance(exc, InvalidChangeSet):
        return pick(lang, "Intet er skrevet. Fejl:", "Nothing was written. Problems:") + "\n" + exc.text(lang)
    if isinstance(exc, Conflict):
        return exc.problem.text(lang)
    if isinstance(exc, NotFound):
        return exc.message(lang)
    if isinstance(exc, (UserError, StoreError)):
        return exc.text(lang)
    if isinstance(exc, OSError) and exc.filename is not None:
        # A file the user named could not be read or written (permissions, a full disk, ...).
        reason = exc.strerror or type(exc).__name__
        return pick(lang, f"kan ikke bruge filen '{exc.filename}': {reason}", f"cannot use the file '{exc.filename}': {reason}")
    return None


def _report_bug(settings: Settings, debug: bool, argv: list[str]) -> int:
    """Keep a bug's traceback: on standard error with --debug, else in the error log, named in one line."""
    text = traceback.format_exc()
    if debug:
        sys.stderr.write(text)
        return EXIT_BUG
    log = settings.error_log().resolve()
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"--- {stamp} tracker {' '.join(argv)}\n{text}\n")
    except OSError:
        sys.stderr.write(text)
        return EXIT_BUG
    last = text.rstrip().splitlines()[-1]
    print(
        pick(
            settings.lang,
            f"intern fejl i tracker ({last}); hele forløbet er skrevet i {log} - kør igen med --debug for at se det",
            f"internal error in tracker ({last}); the traceback is written to {log} - run again with --debug to see it",
        ),
        file=sys.stderr,
    )
    return EXIT_BUG


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # io.UnsupportedOperation is both; a captured stdout has no descriptor
        pass


def _asked_language(argv: list[str], default: str) -> str:
    """The --lang of the command line, looked up before parsing so usage errors are in that language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return default


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: the process's arguments); return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    settings = Settings()
    args = build_parser(_asked_language(argv, settings.lang)).parse_args(argv)
    if args.store:
        settings.store_url = args.store
    if args.lang:
        settings.lang = args.lang
    if settings.lang not in LANGUAGES:
        print(
            f"TRACKER_LANG='{settings.lang}' kendes ikke: brug da eller en / "
            f"TRACKER_LANG='{settings.lang}' is not known: use da or en",
            file=sys.stderr,
        )
        return EXIT_ERROR
    try:
        _run(args.command, args, settings)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Whoever read the output stopped early (`tracker export | head`): nothing to report.
        _silence_stdout()
        return EXIT_ERROR
    except Exception as exc:
        message = user_message(exc, settings.lang)
        if message is None:
            return _report_bug(settings, args.debug, argv)
        print(message, file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
