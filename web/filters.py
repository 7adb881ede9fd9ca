"""Template helpers, filters and globals; ``create_app`` registers them on the application.

Views pass ids and small dicts; templates show them with these helpers (``title(id)``,
``url(id)``, ``link(id)``, ``data(id)`` ...) in the request's language.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from flask import g, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from graph.formatting import format_date, format_number
from graph.relations import Relation
from graph.vocabulary import label
from web import charts, graphview, rights
from web.i18n import current_language
from web.navigation import has_endpoint, lang_switch_url, link, title_of, url_of
from web.state import portfolio

#: Words for the usual situation-picture figures; other figure names are shown as written.
FIGURE_NAMES: dict[str, Any] = {
    "specialists": _l("Specialists"),
    "trainees": _l("Trainees"),
    "nurses": _l("Nurses"),
    "secretaries": _l("Secretaries"),
    "beds": _l("Beds"),
    "occupancy": _l("Occupancy"),
    "waiting_list": _l("Waiting list"),
    "wellbeing": _l("Wellbeing"),
}


#: The heading of a form for a new element, per kind: Danish's gender is the kind's own ("Nyt speciale",
#: "Ny faglig indsats"), so it cannot be "Ny" followed by the kind's name.
NEW_TITLES: dict[str, Any] = {
    "programme": _l("New programme"),
    "site": _l("New site"),
    "specialty": _l("New specialty"),
    "strength_position": _l("New strength position"),
    "person": _l("New person"),
    "role": _l("New role"),
    "ambition": _l("New strategic ambition"),
    "situation": _l("New situation picture"),
    "challenge": _l("New core challenge"),
    "prerequisite": _l("New prerequisite"),
    "focus_area": _l("New strategic focus area"),
    "indicator": _l("New indicator"),
    "initiative": _l("New initiative"),
    "support_offer": _l("New support offer"),
    "check_in": _l("New status check-in"),
    "signal": _l("New signal from practice"),
}


def new_title(kind: str) -> str:
    """The heading of the form for a new element of ``kind`` ("Nyt speciale")."""
    return str(NEW_TITLES.get(kind, _("New")))


def status_badge(value: str | None) -> Markup:
    """Return an element status as a coloured label."""
    if not value:
        return Markup("")
    return Markup('<span class="status status-{}">{}</span>').format(value, label(value, current_language()))


def current_user_info() -> SimpleNamespace | None:
    """Return the signed-in user (``g.user``, set by sign-in) as username, person, display_name; or None."""
    user = g.get("user")
    if user is None:
        return None
    username = getattr(user, "username", "") or ""
    return SimpleNamespace(
        username=username,
        person=getattr(user, "person", None),
        display_name=getattr(user, "display_name", None) or username,
    )


def figure_name(name: str) -> str:
    """Return a situation-picture figure's name in the reader's language."""
    known = FIGURE_NAMES.get(name)
    return str(known) if known is not None else name


def severity_label(severity: str) -> str:
    """Return a health finding's severity in the reader's language."""
    return {"error": _("Error"), "warning": _("Warning"), "info": _("For information")}.get(severity, severity)


def role_label(role: str) -> str:
    """Return a role in a trace (a role key, or ``initiative_owner``) in the reader's language."""
    if role == "initiative_owner":
        return _("Initiative owner")
    return label(role, current_language())


def heat_level(value: int, peak: int) -> int:
    """Return the colour step 0-4 of a heat-map cell."""
    if value <= 0 or peak <= 0:
        return 0
    return min(4, 1 + (3 * value) // peak)


def number_filter(value: object) -> str:
    """Return a number in the reader's locale (``7,8``, ``14.256``; no trailing ``,0``); other values as text."""
    number = charts.as_number(value) if isinstance(value, int | float) else None
    return format_number(number, current_language()) if number is not None else ("" if value is None else str(value))


def date_filter(value: object) -> str:
    """Return a date as running text in the reader's language (``19. november 2026``); other values as text."""
    return format_date(value, current_language())


def value_text(value: object) -> str:
    """Return a stored field value as a person reads it in the page's language: an enumeration key
    by its label, an element id by its title, a number and a date in the language's form, a list
    joined by commas, a mapping as "name: value" pairs; never a raw key or JSON.
    """
    if value is None or value == "" or value == []:
        return "–"
    lang = current_language()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value, lang)
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{label(str(k), lang)}: {value_text(v)}" for k, v in value.items())
    text = str(value)
    if label(text, lang) != text:
        return label(text, lang)
    pg = portfolio()
    if text in pg:
        return title_of(text)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return format_date(text, lang)
    return text


def page_helpers() -> dict:
    """Template helpers available on every page (a context processor: they see the request)."""
    nav = [
        ("pages.overview", _("Overview")),
        ("pages.specialties", _("Specialties")),
        ("pages.heatmap", _("Synergies")),
        ("pages.people", _("People")),
        ("pages.meetings", _("Meetings")),
        ("pages.explorer", _("Graph explorer")),
        ("pages.search", _("Search")),
        ("pages.me", _("My page")),
    ]
    pg = portfolio()
    return {
        "nav_items": nav,
        "current_user_info": current_user_info,
        "has_endpoint": has_endpoint,
        "lang_switch_url": lang_switch_url,
        "revision": pg.revision,
        "title": title_of,
        "value_text": value_text,
        "new_title": new_title,
        "person_name": lambda who: title_of(who) if who and who in pg else who,
        "url": url_of,
        "link": link,
        "status": status_badge,
        "data": lambda item: pg.data(item) if item in pg else {},
        "kind_of": pg.kind,
        "figure_name": figure_name,
        "theme_label": lambda key: label(key, current_language()),
        "kind_colour": lambda kind: graphview.KIND_COLOURS.get(kind, "#777777"),
        "severity_label": severity_label,
        "role_label": role_label,
        "ambitions_of": lambda item: sorted(pg.ambitions_of(item)),
        "measured_by": lambda item: sorted(pg.out(item, Relation.MEASURED_BY)),
        "serving": lambda item: sorted(pg.into(item, Relation.SERVES)),
        "specialty_of": lambda item: pg.specialty_of(item) if item else None,
    }


def _user():
    return g.get("user")


#: Editing links for every template: ``can_edit(kind, id=None)``, ``edit_url(kind, id)``,
#: ``create_url(kind, **prefill)``, ``delete_url(kind, id)``, ``can_approve(ambition_id)``,
#: ``decision_url(ambition_id)``, ``can_record_reading(indicator_id)``, ``reading_url(indicator_id)``,
#: ``can_import()``, ``upload_url()``, ``download_url(format)``.
EDITING_GLOBALS: dict[str, Any] = {
    "can_edit": lambda kind, item=None: rights.can_edit(_user(), portfolio(), kind, item),
    "edit_url": lambda kind, item: url_for("edit.edit", kind=kind, item_id=item),
    "create_url": lambda kind, **prefill: url_for("edit.new", kind=kind, **prefill),
    "delete_url": lambda kind, item: url_for("edit.delete", kind=kind, item_id=item),
    "can_approve": lambda item: rights.can_approve(_user(), portfolio(), item),
    "decision_url": lambda item: url_for("edit.decision", item_id=item),
    "can_record_reading": lambda item: rights.can_record_reading(_user(), portfolio(), item),
    "reading_url": lambda item: url_for("edit.reading", item_id=item),
    "can_import": lambda: rights.can_import(_user(), portfolio()),
    "upload_url": lambda: url_for("edit.upload"),
    "download_url": lambda fmt="yaml": url_for("edit.download", format=fmt),
}
