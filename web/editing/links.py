"""The "Tilføj ..." links of each section and the edit and delete links beside each element,
shown only to people who may use them; every template sees ``add_link`` and ``element_actions``.

A link carries where the user is (specialty, ambition, site, focus area, strength position) so the
form opens pre-filled, and ``next`` so that saving brings them back to the section they came from.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import g, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from graph.models import role_id
from graph.vocabulary import kind_label
from web import rights
from web.editing import bp, forms
from web.editing.prefill import prefill
from web.i18n import current_language
from web.state import portfolio


def _here(anchor: str | None) -> str:
    return request.path + (f"#{anchor}" if anchor else "")


def may_add(kind: str, where: dict[str, object]) -> bool:
    """Return True if the signed-in user may create an element of ``kind`` pre-filled with ``where``."""
    user = g.get("user")
    if user is None or kind not in forms.FIELDS:
        return False
    pg = portfolio()
    data = prefill(kind, MultiDict(where), pg, getattr(user, "person", None), rights.led_positions(user, pg))
    if kind == "role":
        target = str(data.pop("target", "") or "")
        if target and target in pg:
            data[pg.kind(target) or "specialty"] = target
        return rights.can_edit(user, pg, "role", None, data) or rights.can_edit_core_team(user, pg, data)
    return rights.can_edit(user, pg, kind, None, data)


def add_link(kind: str, text: str | None = None, anchor: str | None = None, **where: object) -> Markup:
    """Return a "Tilføj <kind>" link to the kind's form pre-filled with ``where``, or nothing if not allowed."""
    where = {k: v for k, v in where.items() if v}
    if not may_add(kind, where):
        return Markup("")
    shown = text or _("Add %(what)s", what=kind_label(kind, current_language()).lower())
    query = urlencode([(k, v) for k, v in where.items()] + [("next", _here(anchor))])
    return Markup('<a class="add no-print" href="{}">{}</a>').format(url_for("edit.new", kind=kind) + "?" + query, shown)


def element_actions(kind: str, item: str, anchor: str | None = None) -> Markup:
    """Return "Rediger" and "Slet" links for one element, beside it, or nothing if the user may not change it."""
    user = g.get("user")
    pg = portfolio()
    if user is None or item not in pg:
        return Markup("")
    allowed = rights.can_edit(user, pg, kind, item) or (kind == "role" and rights.can_edit_core_team(user, pg, pg.data(item)))
    if not allowed:
        return Markup("")
    back = urlencode({"next": _here(anchor)})
    return Markup(
        '<span class="element-actions no-print"><a class="edit" href="{}">{}</a> <a class="delete" href="{}">{}</a></span>'
    ).format(
        url_for("edit.edit", kind=kind, item_id=item) + "?" + back, _("Edit"),
        url_for("edit.delete", kind=kind, item_id=item) + "?" + back, _("Delete"),
    )


@bp.app_context_processor
def writing_links() -> dict[str, object]:
    """Template helpers of the writing links, on every page."""
    return {
        "add_link": add_link,
        "element_actions": element_actions,
        "may_add": may_add,
        "role_id": role_id,
        "version_of": lambda item: portfolio().version(item),
    }
