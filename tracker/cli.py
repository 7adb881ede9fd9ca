"""The ``tracker`` command line: parses the arguments, runs one command, turns errors into messages.

Each command lives in a module of tracker/commands/, named by tracker/parser.py as a ``Command``;
``main(argv)`` runs it in-process and returns the exit code, so tests call it directly.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable

from tracker.errors import UserError, pick
from tracker.parser import Command, build_parser, command_named
from tracker.settings import LANGUAGES, Settings

EXIT_OK = 0
#: A problem the user can fix: bad input, a missing or unreachable store, a refusal.
EXIT_ERROR = 1
#: A bug in the tracker (sysexits' EX_SOFTWARE); the traceback is kept in the error log or shown with --debug.
EXIT_BUG = 70
EXIT_INTERRUPTED = 130


def _run(command: Command, args: argparse.Namespace, settings: Settings) -> None:
    # The command modules are the only lazy imports: loading them on dispatch keeps a cold
    # `tracker trace` from importing Flask, openpyxl or the Bolt driver that other commands need.
    module = importlib.import_module(f"tracker.commands.{command.module}")
    run: Callable[[argparse.Namespace, Settings], None] = getattr(module, command.function)
    run(args, settings)


def user_message(exc: BaseException, lang: str) -> str | None:
    """The message for an error the user can fix, or None for a bug."""
    # Imported here, on the way out: a command that succeeds (a cold `tracker trace`) need not load them.
    from graph.problems import Conflict, InvalidChangeSet
    from graph.queries import NotFound
    from graph.store import StoreError

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
    import datetime as dt
    import traceback

    text = traceback.format_exc()
    if debug:
        sys.stderr.write(text)
        return EXIT_BUG
    from graph.store.bolt.url import redact
    from web.instance import prepare, private_file

    log = settings.error_log().resolve()
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        # The owner's alone, as `serve` keeps it: a traceback quotes store URLs and portfolio text.
        prepare(log.parent)
        private_file(log)
        with log.open("a", encoding="utf-8") as out:
            out.write(redact(f"--- {stamp} tracker {' '.join(argv)}\n{text}\n"))
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
    args = build_parser(_asked_language(argv, settings.lang), only=command_named(argv)).parse_args(argv)
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
