"""What every editing flow shares: the signed-in editor and who changed an item last (its programme: graph/queries/programme.py)."""
from __future__ import annotations

from flask import abort, g
from flask_babel import gettext as _

from web.rights import User
from web.state import portfolio, store


def signed_in_user() -> User:
    """Return the signed-in user or answer 403 (sign-in itself sends anonymous visitors away)."""
    user = g.get("user")
    if user is None:
        abort(403)
    return user


def who_changed(item: str) -> tuple[str, str]:
    """Return (actor, time) of the newest stored change of an item."""
    entries = store().audit(limit=1, item=item)
    if not entries:
        return "?", ""
    return entries[0].actor, entries[0].at.replace("T", " ")[:16]


def conflict_message(item: str) -> str:
    """Return the message shown when an item changed since the form was opened."""
    actor, when = who_changed(item)
    pg = portfolio()
    shown = pg.display_title(item) if item in pg else item
    return _(
        "%(who)s has changed “%(title)s” (%(when)s) since you opened it. Your changes have not been saved; "
        "they are kept in the form below, and the values now stored are shown next to the fields that differ. "
        "Save again to replace them with yours.",
        who=actor,
        title=shown,
        when=when,
    )



def posted_version(form) -> int:
    """Return the form's ``version`` (the one the editor read; 0 when absent); answer 400 naming a value that is not one."""
    raw = form.get("version", "") or "0"
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
        abort(400, description=_("The version '%(value)s' is not a whole number. Reload the page and try again.", value=raw[:60]))
    return int(raw)
