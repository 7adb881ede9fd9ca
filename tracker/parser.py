"""The ``tracker`` command line's parser: every command, subcommand and option, and where its code lives."""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from functools import partial
from typing import NoReturn, cast

from tracker.errors import pick
from tracker.settings import LANGUAGES
from tracker.usage import danish


@dataclass(frozen=True)
class Command:
    """Where a command's code lives: ``tracker.commands.<module>.<function>(args, settings)``."""

    module: str
    function: str


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


class _Unbuilt:
    """Stands in for the parser of a command that is not being run: what is added to it is dropped."""

    def add_argument(self, *_args: object, **_kwargs: object) -> None:
        return None


class _Commands:
    """The commands of a parser; with ``only``, just that command's parser is built.

    A command line names one command: building the other eighteen parsers would cost a cold
    ``tracker trace`` a tenth of its time. Without ``only`` (help, a mistyped command) all are built.
    """

    def __init__(self, action: argparse._SubParsersAction | None, only: str | None = None):
        self._action, self._only = action, only
        self.built_only = False

    def add(self, name: str, target: Command | None, help_text: str) -> Parser | _Unbuilt:
        if self._action is None or (self._only is not None and name != self._only):
            return _Unbuilt()
        parser: Parser = self._action.add_parser(name, help=help_text, description=help_text)
        self.built_only = self._only is not None
        _add_global_options(parser, top=False)
        if target is not None:
            parser.set_defaults(command=target)
        return parser

    def under(self, parser: Parser | _Unbuilt, dest: str, metavar: str) -> _Commands:
        """The subcommands of one command's parser (``tracker user add`` ...)."""
        return _Commands(_subcommands(parser, dest, metavar) if isinstance(parser, Parser) else None)


def _format_option(parser: argparse.ArgumentParser | _Unbuilt) -> None:
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


def command_named(argv: list[str]) -> str | None:
    """The command a command line names (its first word that is not an option or an option's value).

    >>> command_named(["--store", "trace", "trace", "x"]), command_named(["--help"]), command_named(["--lang=en", "check"])
    ('trace', None, 'check')
    """
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--store", "--lang"):
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(lang: str = "da", only: str | None = None) -> Parser:
    """The whole command line: every command, subcommand and option (the README test walks it).

    With ``only`` (a command's name), the parser of that command alone: it parses that command's
    lines exactly as the whole one does.
    """
    parser = Parser(
        prog="tracker", lang=lang,
        description="Ambition tracker for BASS: specialties' strategic and professional ambitions as one graph.",
    )
    _add_global_options(parser, top=True)
    commands = _Commands(_subcommands(parser, "command_name", "COMMAND"), only)

    p = commands.add("import", Command("portfolio", "import_file"), "import a portfolio file (YAML or JSON); all or nothing")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="validate and list the ids that would be added, changed and left alone; write nothing")
    p.add_argument("--force", action="store_true", help="import even over changes made after the file was exported")
    p.add_argument("--as", dest="as_user", metavar="USERNAME", help="judge the file by this account's rights, record by record, as the web's upload does")

    p = commands.add("export", Command("portfolio", "export"), "export the portfolio (YAML to standard output by default)")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write; .yaml, .yml, .json or .xlsx")
    p.add_argument("--format", choices=["yaml", "json", "xlsx"], default=None, help="yaml, json or xlsx (default: from the file name, else yaml)")
    p.add_argument("--programme", metavar="ID", help="programme id when the store holds several")
    p.add_argument("--template", action="store_true", help="a blank Excel template (sheets, headers, pick lists; no rows); needs -o FILE.xlsx")

    p = commands.add("copy", Command("portfolio", "copy"), "copy a whole portfolio between stores, checked by counting")
    p.add_argument("--from", dest="source", metavar="URL", required=True, help="store to copy from")
    p.add_argument("--to", dest="target", metavar="URL", required=True, help="store to copy into")
    p.add_argument("--replace", action="store_true", help="replace what the target store holds (default: refuse a non-empty target)")

    commands.add("migrate", Command("migrate", "migrate"), "bring a Neo4j store written by an older tracker to today's graph model, in place")

    p = commands.add("demo", Command("portfolio", "demo"), "load the Danish demo portfolio into the store")
    p.add_argument("--replace", action="store_true", help="replace what a non-empty store holds (default: refuse)")

    p = commands.add("generate", Command("portfolio", "generate"), "write a synthetic portfolio of about N nodes")
    p.add_argument("--nodes", type=_positive, default=10_000, metavar="N", help="about how many items (default 10000)")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same portfolio (default 1)")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default: YAML to standard output)")
    p.add_argument("--check-in-months", type=int, default=0, metavar="M",
                   help="add M months of check-ins and a signal per specialty, on top of N (default 0)")

    p = commands.add("schema", Command("portfolio", "schema"), "the JSON Schema of the portfolio file format")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")

    p = commands.add("document", Command("document", "document"), "a specialty's strategic ambition document as Word (.docx)")
    p.add_argument("specialty")
    p.add_argument("-o", "--output", metavar="FILE", required=True, help="file to write: .docx")

    p = commands.add("trace", Command("queries", "trace"), "an initiative's trace up to the ambition")
    p.add_argument("initiative")
    _format_option(p)

    p = commands.add("impact", Command("impact", "impact"), "everything that depends on an element, across specialties, with the paths")
    p.add_argument("element", metavar="ELEMENT_ID", help="a support offer, prerequisite, site, strength position, person, core challenge or focus area")
    _format_option(p)

    p = commands.add("coverage", Command("queries", "coverage"), "programme-wide coverage")
    p.add_argument("--programme", metavar="ID", help="only this programme")
    _format_option(p)

    p = commands.add("synergies", Command("queries", "synergies"), "specialties sharing the most with one specialty")
    p.add_argument("specialty")
    _format_option(p)

    p = commands.add("similar", Command("queries", "similar"), "similar work in other specialties: initiatives, focus areas, challenges")
    p.add_argument("element", metavar="ELEMENT_ID", help="an initiative, focus area or core challenge")
    p.add_argument("--limit", type=_positive, default=5, metavar="N", help="show at most N matches (default 5)")
    _format_option(p)

    p = commands.add("check", Command("queries", "check"), "the guidance's health checks")
    p.add_argument("specialty", nargs="?")
    _format_option(p)

    p = commands.add("audit", Command("audit", "audit"), "the audit log, newest first")
    p.add_argument("--item", metavar="ID", help="only changes that touched this element")
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="show at most N changes (default 20)")

    p = commands.add("diff", Command("audit", "diff"), "what was added, changed and removed since a date, revision or decision")
    p.add_argument("--since", required=True, metavar="DATE|REVISION", help="a date (2026-05-01), a revision (12 or r12) or a decision's id")
    p.add_argument("--specialty", metavar="ID", help="only this specialty's elements")
    _format_option(p)

    p = commands.add("followup", Command("followup", "followup"), "Til opfølgning: what a person (or the programme) should follow up")
    p.add_argument("--person", metavar="ID", help="the person whose list it is (default: the whole programme)")
    p.add_argument("--specialty", metavar="ID", help="only this specialty's items")
    p.add_argument("--on", metavar="DATE", help="the day the list is made for (default: today)")
    _format_option(p)

    p = commands.add("remind", Command("remind", "remind"), "e-mail each person a digest of their follow-up list (once per period)")
    p.add_argument("--dry-run", action="store_true", help="print what would be sent, send nothing")
    p.add_argument("--on", metavar="DATE", help="the day the lists are made for (default: today)")

    p = commands.add("report", Command("report", "report"), "a specialty's (or the programme's) status report for the steering group, as a Word file")
    p.add_argument("specialty", nargs="?", metavar="SPECIALTY", help="the specialty (or give --programme)")
    p.add_argument("--programme", metavar="ID", help="the programme's report instead: one part per specialty")
    p.add_argument("--out", "-o", required=True, metavar="FILE.docx", help="the Word file to write")
    p.add_argument("--on", metavar="DATE", help="the day the report is made for (default: today)")
    p.add_argument("--since", metavar="DATE|DECISION",
                   help="what moved since this day or decision (default: the start of the current reporting period)")

    p = commands.add("minutes", Command("meetings", "minutes"), "a steering-group meeting's minutes (referat), as a Word file")
    p.add_argument("meeting", metavar="MEETING_ID")
    p.add_argument("--out", "-o", required=True, metavar="FILE.docx", help="the Word file to write")

    p = commands.add("meeting-pack", Command("meetings", "meeting_pack"), "a meeting's pack (agenda, every item's material), as one Word file")
    p.add_argument("meeting", metavar="MEETING_ID")
    p.add_argument("--out", "-o", required=True, metavar="FILE.docx", help="the Word file to write")

    p = commands.add("user", None, "local accounts of the web front end")
    users = commands.under(p, "user_command", "SUBCOMMAND")
    u = users.add("add", Command("users", "add"), "create an account linked to a person of the portfolio")
    u.add_argument("username")
    u.add_argument("--person", metavar="ID", required=True, help="the person id in the portfolio (their roles give the rights)")
    u.add_argument("--name", help="display name")
    u.add_argument("--password-stdin", action="store_true", help="read the password from the first line of standard input")
    users.add("list", Command("users", "list_accounts"), "list the accounts")
    u = users.add("remove", Command("users", "remove"), "delete an account")
    u.add_argument("username")
    u = users.add("password", Command("users", "password"), "give an account a new password; signs it out everywhere")
    u.add_argument("username")
    u.add_argument("--password-stdin", action="store_true", help="read the password from the first line of standard input")

    p = commands.add("serve", Command("serve", "serve"), "run the web front end (waitress)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--threads", type=_positive, default=8, metavar="N", help="worker threads (default 8)")
    p.add_argument("--demo", action="store_true", help="load the demo portfolio and demo accounts into an empty store")
    p.add_argument("--secure-cookies", action="store_true", help="send the session cookie over HTTPS only (behind HTTPS)")
    p.add_argument(
        "--trust-proxy", action="store_true",
        help="believe one reverse proxy's X-Forwarded-For/-Proto/-Host (its HTTPS makes the cookie Secure)",
    )
    p.add_argument(
        "--workers", type=_positive, default=None, metavar="N",
        help="server processes sharing the port and the loaded graph (default: one per CPU; 1 where fork is missing)",
    )
    if only is not None and not commands.built_only:
        return build_parser(lang)  # not a command: the whole parser names the ones there are
    return parser
