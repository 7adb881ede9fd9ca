"""A form saved over a colleague's newer change: fields only one of them changed are merged without
asking; a field both changed is shown with both values, and the person saving chooses per field.

The version the form was opened at is found in the element's audit history (graph/merge.py), so
the form carries nothing but that version. Until the person chooses, a clashed field keeps the
colleague's value: nothing of theirs is replaced without that choice.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from graph.merge import Clash, data_at_version, merge_fields
from graph.portfolio import PortfolioGraph
from graph.record import Data
from web.accounts import get_user
from web.editing import forms
from web.editing.common import who_changed
from web.state import store

#: Form-field name prefixes of the conflict page: the choice per clashed field and the value of one's own.
KEEP, MINE = "keep.", "mine."


@dataclass(frozen=True)
class ClashRow:
    """One clashed field as the conflict page shows it: its label, both values as text, and one's own form values."""

    name: str
    label: str
    mine: str
    theirs: str
    mine_values: list[str]


def merged_with_newer(kind: str, item_id: str, seen: int, mine: Data, theirs: Data) -> tuple[Data, list[Clash]] | None:
    """Return ``mine`` (saved from version ``seen``) merged field by field with the stored ``theirs``,
    and the clashes; None when the version opened cannot be found (then every differing field is shown)."""
    if kind == "role":
        return None  # a role's id is its content: a changed role is another role
    base = data_at_version(store().history(item=item_id), seen)
    if base is None:
        return None
    return merge_fields(base, mine, theirs)


def colleague(item_id: str) -> tuple[str, str]:
    """Return the name (an account's display name, else its username) and time of the item's newest change."""
    actor, when = who_changed(item_id)
    account = get_user(current_app.config["USERS_DB"], actor) if actor != "?" else None
    return (account.shown_name if account else actor), when


def clash_rows(kind: str, clashes: list[Clash], mine: Data, theirs: Data, pg: PortfolioGraph) -> list[ClashRow]:
    """Return the conflict page's rows, labelled as the form labels its fields (in the user's language)."""
    labels = {f.name: str(f.label) for f in forms.FIELDS[kind]}
    mine_form = forms.form_values(kind, mine)
    theirs_form = forms.form_values(kind, theirs)
    rows = []
    for clash in clashes:
        mine_value, theirs_value = mine_form.get(clash.field, clash.mine), theirs_form.get(clash.field, clash.theirs)
        rows.append(ClashRow(
            clash.field, labels.get(clash.field, clash.field), _shown(mine_value, pg), _shown(theirs_value, pg),
            [str(v) for v in mine_value] if isinstance(mine_value, list) else [str(mine_value or "")],
        ))
    return rows


def _shown(value: object, pg: PortfolioGraph) -> str:
    if isinstance(value, list):
        return ", ".join(pg.display_title(v) if isinstance(v, str) and v in pg else str(v) for v in value) or "—"
    return str(value) if value not in (None, "") else "—"


def with_choices(form: MultiDict) -> MultiDict:
    """Return the posted form with each clashed field the person chose their own value for set to that value."""
    chosen = [key[len(KEEP):] for key in form if key.startswith(KEEP) and form.get(key) == "mine"]
    if not chosen:
        return form
    out = MultiDict(form)
    for name in chosen:
        out.setlist(name, form.getlist(MINE + name))
    return out


def conflict_text(title: str, who: str, when: str, clashed: bool) -> str:
    """The message of the conflict page, naming the colleague."""
    if clashed:
        return _(
            "%(who)s has changed “%(title)s” (%(when)s) since you opened it. Your changes to the other fields are kept in "
            "the form; for each field you both changed, choose below which value to keep. Nothing is saved until you save again.",
            who=who, title=title, when=when,
        )
    return _(
        "Saved. %(who)s had changed “%(title)s” (%(when)s) since you opened it; their changes and yours are both kept.",
        who=who, title=title, when=when,
    )
