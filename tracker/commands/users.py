"""The user commands: local accounts of the web front end (add, list, remove, password)."""
from __future__ import annotations

import argparse
import getpass
import sys

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


def read_password(args: argparse.Namespace, lang: str) -> str:
    """The new account's password: the first line of standard input, or asked twice at a terminal."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise UserError(
                da="ingen adgangskode på standard-input (--password-stdin læser første linje)",
                en="no password on standard input (--password-stdin reads the first line)",
            )
        return password
    if not sys.stdin.isatty():
        raise UserError(
            da=f"ingen terminal at spørge om adgangskoden i: giv den på første linje af standard-input med "
            f"--password-stdin, fx printf '%s\\n' \"$PW\" | tracker user add {args.username} --person {args.person} --password-stdin",
            en=f"no terminal to ask for the password: give it on the first line of standard input with "
            f"--password-stdin, e.g. printf '%s\\n' \"$PW\" | tracker user add {args.username} --person {args.person} --password-stdin",
        )
    try:
        first = getpass.getpass(pick(lang, "Adgangskode: ", "Password: "))
        second = getpass.getpass(pick(lang, "Gentag adgangskoden: ", "Repeat the password: "))
    except EOFError:
        raise UserError(da="ingen adgangskode givet; intet er oprettet", en="no password given; nothing was created") from None
    if first != second:
        raise UserError(
            da=f"de to adgangskoder er forskellige; brugeren '{args.username}' er ikke oprettet",
            en=f"the two passwords differ; the user '{args.username}' was not created",
        )
    return first


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
    if args.password_stdin:
        given = sys.stdin.readline().rstrip("\r\n")
        if given:
            return given
        raise UserError(
            da="ingen adgangskode på standard-input (--password-stdin læser første linje); intet er ændret",
            en="no password on standard input (--password-stdin reads the first line); nothing was changed",
        )
    if not sys.stdin.isatty():
        raise UserError(
            da=f"ingen terminal at spørge om adgangskoden i: giv den på første linje af standard-input med "
            f"--password-stdin, fx printf '%s\\n' \"$PW\" | tracker user password {args.username} --password-stdin",
            en=f"no terminal to ask for the password: give it on the first line of standard input with "
            f"--password-stdin, e.g. printf '%s\\n' \"$PW\" | tracker user password {args.username} --password-stdin",
        )
    try:
        first = getpass.getpass(pick(lang, "Ny adgangskode: ", "New password: "))
        second = getpass.getpass(pick(lang, "Gentag adgangskoden: ", "Repeat the password: "))
    except EOFError:
        raise UserError(da="ingen adgangskode givet; intet er ændret", en="no password given; nothing was changed") from None
    if first != second:
        raise UserError(
            da=f"de to adgangskoder er forskellige; adgangskoden til '{args.username}' er ikke ændret",
            en=f"the two passwords differ; the password of '{args.username}' was not changed",
        )
    return first


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
