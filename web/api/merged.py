"""The item API's field-level merge: a ``PATCH`` of the fields changed since the version read, or a
``PUT`` naming the item as read (``base``), saved over a colleague's newer change. Fields only one
side changed merge; a field both changed is a 409 naming both values, and nothing is written."""
from __future__ import annotations

from flask_babel import gettext as _

from graph.merge import Clash, data_at_version, merge_fields
from graph.record import Data, Record
from web.state import store


def base_at(item_id: str, version: int) -> Data | None:
    """Return the item's fields at the version a client read (None when that version is not in its history)."""
    return data_at_version(store().history(item=item_id), version)


def patched(base: Data, fields: dict) -> Data:
    """Return ``base`` with the changed ``fields`` (a field sent as null is left out, as in a file).

    >>> patched({"id": "i1", "title": "A", "note": "n"}, {"title": "B", "note": None})
    {'id': 'i1', 'title': 'B'}
    """
    out = {**base, **fields}
    return {k: v for k, v in out.items() if v is not None}


def merge_over(current: Record, version: int, base: Data, mine: Data) -> tuple[Data, int, list[Clash]]:
    """Return what to write, the version to expect and the clashes: ``mine`` as it is when nobody wrote
    in between, else merged field by field with what is stored now."""
    if current.version == version:
        return mine, version, []
    merged, clashes = merge_fields(base, mine, current.data)
    return merged, current.version, clashes


def clash_message(item_id: str, clashes: list[Clash], who: str, now: int) -> str:
    """The 409's message: each field both changed with both values, and the version to send a choice at."""
    fields = "; ".join(
        _("'%(field)s': yours '%(mine)s', %(who)s's '%(theirs)s'", field=c.field, mine=c.mine, who=who, theirs=c.theirs)
        for c in clashes
    )
    return _(
        "'%(item)s' was changed meanwhile in the same fields as yours (%(fields)s); nothing is saved. "
        "Send the values you choose at version %(now)d.",
        item=item_id, fields=fields, now=now,
    )


def clash_body(clashes: list[Clash], who: str) -> list[dict]:
    """The clashes as the 409 lists them."""
    return [{"field": c.field, "yours": c.mine, "theirs": c.theirs, "by": who} for c in clashes]
