"""The edit forms of every element kind: which fields, how they are shown, and how a submitted form
becomes a raw file-format item (which graph.changeset.parse_record then validates, as for files).

Fields are named by their file-format key; nested keys use dots (``perspectives.staff``).
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from graph.portfolio import PortfolioGraph
from graph.vocabulary import (
    THEMES,
    AmbitionStatus,
    FigureKind,
    IndicatorKind,
    InitiativeStatus,
    Perspective,
    Phase,
    PrerequisiteKind,
    PrerequisiteStatus,
    RoleKind,
    Sequence,
    SiteKind,
    SupportStatus,
    kind_label,
    label,
)
from web.editing import figures, followup_fields
from web.editing.field import Field, _f
from web.editing.figures import _number_text, parse_value  # noqa: F401  (parse_value: the readings form uses it too)
from web.editing.ids import new_id, slug  # noqa: F401  (the forms' ids, made from titles)

ENUMS: dict[str, type[Enum]] = {
    "site_kind": SiteKind,
    "phase": Phase,
    "ambition_status": AmbitionStatus,
    "perspective": Perspective,
    "prerequisite_kind": PrerequisiteKind,
    "prerequisite_status": PrerequisiteStatus,
    "sequence": Sequence,
    "indicator_kind": IndicatorKind,
    "initiative_status": InitiativeStatus,
    "role": RoleKind,
    "support_status": SupportStatus,
    "figure_kind": FigureKind,
}


ID = _f("id", _l("Id (advanced; leave empty to make one from the title)"))
#: Fields that several kinds share.
NAME = _f("name", _l("Name"), required=True)
TITLE = _f("title", _l("Title"), required=True)
DESCRIPTION = _f("description", _l("Description"), "textarea")
THEMES_FIELD = _f("themes", _l("Themes"), "themes")
OF_SPECIALTY = _f("specialty", _l("Specialty"), "select", "specialty", required=True)
OF_AMBITION = _f("ambition", _l("Strategic ambition"), "select", "ambition", required=True)
OPTIONAL_SITE = _f("site", _l("Site (optional)"), "select", "site")
DRAWS_ON = _f("draws_on", _l("Draws on the support offers"), "multi", "support_offer")

FIELDS: dict[str, tuple[Field, ...]] = {
    "programme": (ID, NAME, _f("region", _l("Region"))),
    "site": (
        ID,
        NAME,
        _f("kind", _l("Kind"), "select", "site_kind", required=True),
        _f("organisation", _l("Hospital organisation")),
        _f("lat", _l("Latitude"), "number"), _f("lon", _l("Longitude"), "number"),
    ),
    "specialty": (
        ID,
        NAME,
        _f("phase", _l("Programme phase"), "select", "phase"),
    ),
    "strength_position": (
        ID,
        _f("name", _l("Name")),
        OF_SPECIALTY,
        _f("sites", _l("Sites (one or two)"), "multi", "site", required=True),
        _f("partner_sites", _l("Partner hospitals"), "multi", "site"),
    ),
    "person": (
        ID,
        NAME,
        _f("title", _l("Job title")),
        _f("email", _l("Email")),
        _f("unit", _l("Unit")),
    ),
    "role": (
        _f("person", _l("Person"), "select", "person", required=True),
        _f("role", _l("Role"), "select", "role", required=True),
        _f("target", _l("Specialty, strength position or programme"), "target", required=True),
        _f("note", _l("Note (e.g. the role in the core team)")),
    ),
    "ambition": (
        ID,
        OF_SPECIALTY,
        _f("statement", _l("Ambition"), "textarea", required=True),
        _f("horizon_months", _l("Horizon in months"), "int"),
        _f("status", _l("Status"), "select", "ambition_status"),
        _f("approved_on", _l("Approved on"), "date"),
    ),
    "situation": (
        ID,
        OF_SPECIALTY,
        OPTIONAL_SITE,
        _f("perspective", _l("Perspective"), "select", "perspective", required=True),
        _f("text", _l("Description"), "textarea"),
        _f("figures", _l("Figures"), "figures", "figure_kind"),
        _f("as_of", _l("As of"), "date"),
        _f("source", _l("Source")),
    ),
    "challenge": (
        ID,
        OF_AMBITION,
        TITLE,
        OPTIONAL_SITE,
        _f("perspectives.professional", _l("Seen from the professional perspective"), "textarea"),
        _f("perspectives.staff", _l("Seen from the staff perspective"), "textarea"),
        _f("perspectives.organisational", _l("Seen from the organisational perspective"), "textarea"),
        THEMES_FIELD,
    ),
    "prerequisite": (
        ID,
        OF_AMBITION,
        _f("text", _l("Prerequisite"), required=True),
        _f("kind", _l("Kind"), "select", "prerequisite_kind"),
        _f("status", _l("Status"), "select", "prerequisite_status"),
        _f("enables", _l("Enables the focus areas"), "multi", "focus_area"),
        _f("reasons", _l("Why it enables them (optional)"), "reasons", "enables"),
        DRAWS_ON,
    ),
    "focus_area": (
        ID,
        OF_AMBITION,
        TITLE,
        DESCRIPTION,
        _f("sequence", _l("Sequence"), "select", "sequence"),
        _f("order", _l("Order"), "int"),
        _f("addresses", _l("Addresses the core challenges"), "multi", "challenge"),
        THEMES_FIELD,
    ),
    "indicator": (
        ID,
        _f("focus_area", _l("Strategic focus area"), "select", "focus_area", required=True),
        NAME,
        _f("kind", _l("Kind"), "select", "indicator_kind"),
        _f("unit", _l("Unit")),
        _f("baseline", _l("Baseline"), "value"), _f("target", _l("Target"), "value"),
    ),
    "initiative": (
        ID,
        TITLE,
        DESCRIPTION,
        _f("focus_areas", _l("Serves the focus areas"), "multi", "focus_area"),
        _f("reasons", _l("Why it serves them (optional)"), "reasons", "focus_areas"),
        _f("strength_position", _l("Delivered at strength position"), "select", "strength_position"),
        _f("site", _l("or at site"), "select", "site"),
        _f("owner", _l("Owner"), "select", "person"),
        _f("status", _l("Status"), "select", "initiative_status"),
        _f("start", _l("Start"), "date"), _f("end", _l("End"), "date"),
        DRAWS_ON,
        THEMES_FIELD,
    ),
    "support_offer": (
        ID,
        TITLE,
        DESCRIPTION,
        _f("owner", _l("Owner"), "select", "person"),
        _f("status", _l("Status"), "select", "support_status"),
        _f("start", _l("Start"), "date"), _f("end", _l("End"), "date"),
    ),
}

#: Fields of an indicator reading (its own small form).
READING_FIELDS: tuple[Field, ...] = (
    _f("date", _l("Date"), "date", required=True),
    _f("value", _l("Value"), "value", required=True),
    _f("note", _l("Note")),
)

ROLE_TARGETS = ("specialty", "strength_position", "programme")


# -- choices ---------------------------------------------------------------------------------


def choices(
    pg: PortfolioGraph, field: Field, lang: str, own: frozenset[str] = frozenset()
) -> list[tuple[str | None, list[tuple[str, str]]]]:
    """Return the options of a select field as groups: (group label or None, [(value, text)]).

    Focus areas, challenges and ambitions are grouped by specialty, so a long list stays readable;
    the groups of the specialties in ``own`` (the writer's) come first, the others by name.
    """
    if field.widget == "themes":
        return [
            (label(str(p), lang), [(key, label(key, lang)) for key, (owner, _, _) in THEMES.items() if owner == p])
            for p in Perspective
            if p != Perspective.patient
        ]
    if field.widget == "target":
        return [
            (kind_label(kind, lang), [(i, pg.display_title(i)) for i in pg.ids(kind)])
            for kind in ROLE_TARGETS
        ]
    if field.choices in ENUMS:
        return [(None, [(str(v), label(str(v), lang)) for v in ENUMS[field.choices]])]
    if field.choices and "|" in field.choices:  # a reference to one of several kinds, grouped by kind
        return [
            (kind_label(k, lang), sorted(((i, pg.display_title(i)) for i in pg.ids(k)), key=lambda pair: pair[1].lower()))
            for k in field.choices.split("|")
        ]
    kind = field.choices or ""
    ids = pg.ids(kind)
    if kind in ("focus_area", "challenge", "ambition", "indicator", "strength_position", "initiative"):
        groups: dict[str, list[tuple[str, str]]] = {}
        mine: set[str] = set()
        for item in ids:
            specialty = pg.specialty_of(item)
            name = pg.display_title(specialty, limit=sys.maxsize) if specialty and specialty in pg else "-"
            groups.setdefault(name, []).append((item, pg.display_title(item)))
            if specialty in own:
                mine.add(name)
        return sorted(groups.items(), key=lambda group: (group[0] not in mine, group[0]))
    return [(None, sorted(((i, pg.display_title(i)) for i in ids), key=lambda pair: pair[1].lower()))]


# -- form <-> item ---------------------------------------------------------------------------


def _get(data: Mapping, dotted: str) -> Any:
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def form_values(kind: str, data: Mapping | None) -> dict[str, object]:
    """Return the values an edit form shows for an item's fields: text, or a list for multiple choices."""
    data = data or {}
    values: dict[str, object] = {}
    for field in FIELDS[kind]:
        if field.widget == "target":
            values["target"] = next((data[t] for t in ROLE_TARGETS if data.get(t)), "")
            continue
        value = _get(data, field.name)
        if field.widget in ("multi", "themes"):
            values[field.name] = list(value or [])
        elif field.widget == "figures":
            rows = figures.figure_rows(value or {})
            for part in figures.FIGURE_PARTS:
                values[f"figures.{part}"] = [row[part] for row in rows]
        elif field.widget == "reasons":
            values[field.name] = dict(value or {})
        elif field.widget in ("value", "number"):
            values[field.name] = _number_text(value)
        else:
            values[field.name] = "" if value is None else str(value)
    return values


def submitted_values(kind: str, form: MultiDict) -> dict[str, object]:
    """Return what the user typed, in the shape of ``form_values`` (to show the form again unchanged)."""
    values: dict[str, object] = {}
    for field in FIELDS[kind]:
        if field.widget in ("multi", "themes"):
            values[field.name] = form.getlist(field.name)
        elif field.widget == "figures":
            if "figures" in form:  # the older one-text-per-line form (``name: number``)
                values[field.name] = form.get("figures", "")
            for part in figures.FIGURE_PARTS:
                values[f"figures.{part}"] = form.getlist(f"figures.{part}")
        elif field.widget == "reasons":
            values[field.name] = figures.submitted_reasons(form)
        else:
            values[field.name] = form.get(field.name, "")
    return values


def _figures(text: str) -> dict[str, object]:
    figures: dict[str, object] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if not sep:
            name, sep, value = line.partition("=")
        # A line without a number keeps its text, so validation names the figure that is wrong.
        figures[name.strip()] = parse_value(value) if sep else line.strip()
    return figures


def _put(raw: dict, dotted: str, value: object) -> None:
    parts = dotted.split(".")
    target = raw
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def raw_item(kind: str, form: MultiDict, before: Mapping | None, pg: PortfolioGraph) -> dict:
    """Return the raw file-format item a submitted form describes (not yet validated).

    Fields the form does not show (an indicator's readings) are kept from ``before``; empty
    fields are left out, as in a file.
    """
    before = before or {}
    shown = {f.name.split(".")[0] for f in FIELDS[kind]} | (set(ROLE_TARGETS) if kind == "role" else set())
    raw: dict = {k: v for k, v in before.items() if k not in shown}
    for field in FIELDS[kind]:
        if field.name == "id":
            continue
        read = _LISTED.get(field.widget)
        if read is not None and not (field.widget == "figures" and "figures" in form):
            value = read(field, form, before, raw)
            if value:
                raw[field.name] = value
            continue
        text = form.get(field.name, "").strip()
        if text:
            _put_text(raw, field, text, pg)
    return raw


def _chosen(field: Field, form: MultiDict, before: Mapping, raw: dict) -> list[str]:
    chosen = [v for v in form.getlist(field.name) if v]
    kept = before.get(field.name) or []
    # what was chosen before keeps its place (the first focus area names the initiative's specialty)
    return [v for v in kept if v in chosen] + [v for v in chosen if v not in kept]


def _figure_rows(field: Field, form: MultiDict, before: Mapping, raw: dict) -> object:
    return figures.figures_from_rows(form)


def _reasons(field: Field, form: MultiDict, before: Mapping, raw: dict) -> dict[str, str]:
    # only reasons for links the item keeps; a reason written for a link removed is dropped
    linked = set(raw.get("focus_areas", [])) | set(raw.get("enables", []))
    reasons = {k: v.strip() for k, v in figures.submitted_reasons(form).items() if v.strip() and k in linked}
    # reasons on support links are not in the form: kept while the link is
    drawn = set(form.getlist("draws_on"))
    return {k: v for k, v in (before.get("reasons") or {}).items() if k in drawn} | reasons


#: Widgets whose value is read from more than one form field (the figures widget: unless the
#: form sends them as one text).
_LISTED: dict[str, Callable[[Field, MultiDict, Mapping, dict], object]] = {
    "multi": _chosen,
    "themes": _chosen,
    "figures": _figure_rows,
    "reasons": _reasons,
}


def _put_text(raw: dict, field: Field, text: str, pg: PortfolioGraph) -> None:
    """Put one non-empty text field of the form into ``raw``, as its widget reads it."""
    if field.widget == "target":
        target_kind = pg.kind(text)
        raw[target_kind if target_kind in ROLE_TARGETS else "specialty"] = text
    elif field.widget == "figures":
        raw[field.name] = _figures(text)
    elif field.widget == "value":
        raw[field.name] = parse_value(text)
    else:
        _put(raw, field.name, text)


# The follow-up kinds' fields and enumerations (web/editing/followup_fields.py).
ENUMS.update(followup_fields.ENUMS)
FIELDS.update(followup_fields.FIELDS)
FIELDS["programme"] = FIELDS["programme"] + followup_fields.PROGRAMME
FIELDS["indicator"] = FIELDS["indicator"] + followup_fields.INDICATOR
