"""The web front end's local accounts, as the command line uses them.

The one place in tracker/ that imports web.accounts, so a move of that module touches one line.
"""
from __future__ import annotations

from web.accounts import (
    MIN_PASSWORD_LENGTH,
    Account,
    AccountError,
    add_user,
    demo_usernames,
    get_user,
    list_users,
    remove_user,
    set_password,
    verify,
)

__all__ = [
    "MIN_PASSWORD_LENGTH", "Account", "AccountError", "account_text", "add_user", "demo_usernames", "get_user", "list_users",
    "remove_user", "set_password", "verify",
]


def account_text(exc: AccountError, lang: str) -> str:
    """One language of an AccountError, whose message is ``"dansk / english"``."""
    da, sep, en = str(exc).partition(" / ")
    if not sep:
        return str(exc)
    return da if lang == "da" else en
