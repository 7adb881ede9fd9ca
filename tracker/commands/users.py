"""The user commands: local accounts of the web front end (add, list, remove, password)."""
from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import dataclass

from tracker.accounts import (
    AccountError,
    account_text,
    add_user,
    list_users,
    remove_user,
    set_password,
)
from tracker.errors import UserError, pick
from tracker.settings import Settings
from tracker.stores import open_existing


def _refusal(exc: AccountError) -> UserError:
    return UserError(da=account_text(exc, "da"), en=account_text(exc, "en"))


def _check_person(settings: Settings, person: str) -> None:
    with open_existing(settings.store()) as store:
        found = store.get([person]).get(person)
    if found is None or found.kind != "person":
        raise UserError(
            da=f"person '{person}' findes ikke i porteføljen ({settings.store()})",
            en=f"person '{person}' is not in the portfolio ({settings.store()})",
        )


@dataclass(frozen=True)
class _Asking:
    """What asking for a password says, for a new account or a new password of an account (da, en)."""

    example: str  # the command line that gives the password on standard input
    prompt: tuple[str, str]
    nothing: tuple[str, str]  # "nothing was created" or "nothing was changed"
    stdin_nothing: tuple[str, str]  # added to the message of an empty standard input
    differ: tuple[str, str]  # the outcome of two passwords that differ, with {username}


def _ask_password(args: argparse.Namespace, lang: str, asking: _Asking) -> str:
    """The password: the first line of standard input (--password-stdin), or asked twice at a terminal."""
    if args.password_stdin:
        given = sys.stdin.readline().rstrip("\r\n")
        if given:
            return given
        raise UserError(
            da="ingen adgangskode på standard-input (--password-stdin læser første linje)" + asking.stdin_nothing[0],
            en="no password on standard input (--password-stdin reads the first line)" + asking.stdin_nothing[1],
        )
    if not sys.stdin.isatty():
        raise UserError(
            da=f"ingen terminal at spørge om adgangskoden i: giv den på første linje af standard-input med "
            f"--password-stdin, fx printf '%s\\n' \"$PW\" | {asking.example}",
            en=f"no terminal to ask for the password: give it on the first line of standard input with "
            f"--password-stdin, e.g. printf '%s\\n' \"$PW\" | {asking.example}",
        )
    try:
        first = getpass.getpass(pick(lang, *asking.prompt))
        second = getpass.getpass(pick(lang, "Gentag adgangskoden: ", "Repeat the password: "))
    except EOFError:
        raise UserError(da=f"ingen adgangskode givet; {asking.nothing[0]}", en=f"no password given; {asking.nothing[1]}") from None
    if first != second:
        raise UserError(
            da="de to adgangskoder er forskellige; " + asking.differ[0].format(username=args.username),
            en="the two passwords differ; " + asking.differ[1].format(username=args.username),
        )
    return first


def read_password(args: argparse.Namespace, lang: str) -> str:
    """The new account's password: the first line of standard input, or asked twice at a terminal."""
    return _ask_password(
        args,
        lang,
        _Asking(
            example=f"tracker user add {args.username} --person {args.person} --password-stdin",
            prompt=("Adgangskode: ", "Password: "),
            nothing=("intet er oprettet", "nothing was created"),
            stdin_nothing=("", ""),
            differ=("brugeren '{username}' er ikke oprettet", "the user '{username}' was not created"),
        ),
    )


def add(args: argparse.Namespace, settings: Settings) -> None:
    _check_person(settings, args.person)
    password = read_password(args, settings.lang)
    try:
        add_user(settings.users_db(), args.username, password, person=args.person, display_name=args.name)
    except AccountError as exc:
        raise _refusal(exc) from None
    print(pick(settings.lang, f"Bruger {args.username} oprettet", f"User {args.username} created"))


def list_accounts(args: argparse.Namespace, settings: Settings) -> None:
    db = settings.users_db()
    if not db.exists():
        print(pick(settings.lang, f"Ingen brugere endnu ('{db}' findes ikke)", f"No users yet ('{db}' does not exist)"))
        return
    for account in list_users(db):
        print(f"{account.username:20} {account.person or '-':20} {account.display_name or ''}".rstrip())


def remove(args: argparse.Namespace, settings: Settings) -> None:
    db = settings.users_db()
    if not db.exists():
        raise UserError(
            da=f"brugeren '{args.username}' findes ikke ('{db}' findes ikke)",
            en=f"the user '{args.username}' does not exist ('{db}' does not exist)",
        )
    try:
        remove_user(db, args.username)
    except AccountError as exc:
        raise _refusal(exc) from None
    print(pick(settings.lang, f"Bruger {args.username} slettet", f"User {args.username} removed"))


def _new_password(args: argparse.Namespace, lang: str) -> str:
    """The new password: the first line of standard input, or asked twice at a terminal."""
    return _ask_password(
        args,
        lang,
        _Asking(
            example=f"tracker user password {args.username} --password-stdin",
            prompt=("Ny adgangskode: ", "New password: "),
            nothing=("intet er ændret", "nothing was changed"),
            stdin_nothing=("; intet er ændret", "; nothing was changed"),
            differ=("adgangskoden til '{username}' er ikke ændret", "the password of '{username}' was not changed"),
        ),
    )


def password(args: argparse.Namespace, settings: Settings) -> None:
    """Give an account a new password; every session of the account ends (a copied cookie too)."""
    db = settings.users_db()
    if not db.exists() or args.username not in {a.username for a in list_users(db)}:
        raise UserError(
            da=f"brugeren '{args.username}' findes ikke; intet er ændret",
            en=f"the user '{args.username}' does not exist; nothing was changed",
        )
    new = _new_password(args, settings.lang)
    try:
        set_password(db, args.username, new)
    except AccountError as exc:
        raise _refusal(exc) from None
    print(pick(
        settings.lang,
        f"Ny adgangskode til {args.username}; brugeren er logget ud overalt",
        f"New password for {args.username}; the user is signed out everywhere",
    ))
