"""The page of each element kind below a specialty: initiative (the traceability chain), focus area,
prerequisite (with its CSV and Excel lists), challenge, indicator, site and strength position."""
from __future__ import annotations

import sys
from typing import Any

from flask import Response, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from graph.queries import trace
from graph.queries.prerequisites import prerequisite_rows
from graph.relations import Relation
from graph.vocabulary import SUSTAINABILITY_PERSPECTIVES, label
from importers.tabular import csv_bytes, rows_to_csv, rows_to_xlsx
from web import charts, graphview
from web.i18n import current_language
from web.navigation import element_of, url_of
from web.state import portfolio
from web.views import bp
from web.views.common import render_element


@bp.route("/initiative/<item_id>")
def initiative(item_id: str) -> str:
    """An initiative's chain up to the ambition, as a list and as an interactive graph."""
    element_of(item_id, "initiative")
    pg = portfolio()
    chain = trace(pg, item_id).to_json()
    picture = graphview.build_picture(pg, graphview.trace_nodes(chain), url_of, current_language(), focus=item_id)
    return render_template("initiative.html", item=item_id, chain=chain, picture=picture)


# -- focus area, prerequisite and the other kinds -----------------------------------------


def _chart(indicator: str) -> Markup:
    pg = portfolio()
    data = pg.data(indicator)
    return charts.line_chart(
        data.get("readings", []),
        data.get("baseline"),
        data.get("target"),
        data.get("unit"),
        title=pg.display_title(indicator, limit=sys.maxsize),
        labels={"baseline": _("Baseline"), "target": _("Target"), "empty": _("No numeric readings yet.")},
    )


@bp.route("/focus-area/<item_id>")
def focus_area(item_id: str) -> str:
    """A focus area: its ambition, initiatives, challenges, prerequisites and indicators with charts."""
    fa = element_of(item_id, "focus_area")
    pg = portfolio()
    charted = [(i, _chart(i)) for i in sorted(pg.out(item_id, Relation.MEASURED_BY))]
    initiatives, prerequisites = sorted(pg.into(item_id, Relation.SERVES)), sorted(pg.into(item_id, Relation.ENABLES))
    challenges = sorted(pg.out(item_id, Relation.ADDRESSES))
    return render_element(
        "focus_area", item_id, fa=fa, initiatives=initiatives, challenges=challenges, prerequisites=prerequisites, indicators=charted
    )


XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The columns of a prerequisite's download: (row key, heading), in order.
ROW_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("specialty_name", _l("Specialty")),
    ("focus_area", _l("Focus area id")), ("focus_area_title", _l("Focus area")),
    ("initiative", _l("Initiative id")), ("initiative_title", _l("Initiative")),
    ("status", _l("Status")), ("owner", _l("Owner")),
    ("start", _l("Start")), ("end", _l("End")),
)


def _rows(item_id: str) -> list[dict]:
    """The prerequisite's table rows, statuses in the reader's language (404 for no such prerequisite)."""
    element_of(item_id, "prerequisite")
    lang = current_language()
    return [
        row.to_json() | {"status": label(row.status, lang) if row.status else ""}
        for row in prerequisite_rows(portfolio(), item_id)
    ]


@bp.route("/prerequisite/<item_id>")
def prerequisite(item_id: str) -> str:
    """A prerequisite: the focus areas it enables and every initiative serving them, across specialties."""
    rows = _rows(item_id)
    return render_element("prerequisite", item_id, pre=portfolio().data(item_id), rows=rows, columns=ROW_COLUMNS)


def _columns() -> list[tuple[str, str]]:
    return [(key, str(text)) for key, text in ROW_COLUMNS]


@bp.route("/prerequisite/<item_id>/initiatives.csv")
def prerequisite_csv(item_id: str) -> Response:
    """The prerequisite's list of focus areas and initiatives as CSV (semicolon-separated, for Danish Excel)."""
    data = csv_bytes(rows_to_csv(_rows(item_id), _columns()))
    return _attachment(data, "text/csv", f"{item_id}.csv")


@bp.route("/prerequisite/<item_id>/initiatives.xlsx")
def prerequisite_xlsx(item_id: str) -> Response:
    """The prerequisite's list of focus areas and initiatives as an Excel workbook."""
    data = rows_to_xlsx(_rows(item_id), _columns(), sheet_title=item_id)
    return _attachment(data, XLSX_MIMETYPE, f"{item_id}.xlsx")


def _attachment(data: bytes, mimetype: str, filename: str) -> Response:
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/challenge/<item_id>")
def challenge(item_id: str) -> str:
    """A core challenge: its perspectives, the focus areas addressing it and their initiatives."""
    ch = element_of(item_id, "challenge")
    pg = portfolio()
    focus_areas = [(fa, sorted(pg.into(fa, Relation.SERVES))) for fa in sorted(pg.into(item_id, Relation.ADDRESSES))]
    return render_element("challenge", item_id, ch=ch, perspectives=[p.value for p in SUSTAINABILITY_PERSPECTIVES], focus_areas=focus_areas)


@bp.route("/indicator/<item_id>")
def indicator(item_id: str) -> str:
    """An indicator: its focus area, readings and chart."""
    ind = element_of(item_id, "indicator")
    readings = sorted(ind.get("readings", []), key=lambda r: r["date"])
    return render_element("indicator", item_id, ind=ind, chart=_chart(item_id), readings=readings)


@bp.route("/site/<item_id>")
def site(item_id: str) -> str:
    """A site: strength positions at it or working with it, initiatives, challenges and situation notes there."""
    data = element_of(item_id, "site")
    pg = portfolio()
    here: dict[str, list[str]] = {}
    for item in sorted(pg.into(item_id, Relation.AT)):
        here.setdefault(pg.kind(item) or "", []).append(item)
    return render_element(
        "site", item_id, site=data, partners=sorted(pg.into(item_id, Relation.PARTNERS_WITH)),
        positions=here.get("strength_position", []), challenges=here.get("challenge", []), notes=here.get("situation", []),
        initiatives=sorted(pg.into(item_id, Relation.DELIVERED_AT)),
    )


@bp.route("/strength-position/<item_id>")
def strength_position(item_id: str) -> str:
    """A strength position: its specialty, sites, partner hospitals, leads and initiatives."""
    sp = element_of(item_id, "strength_position")
    pg = portfolio()
    leads, initiatives = pg.role_holders(item_id, "implementation_lead"), sorted(pg.into(item_id, Relation.DELIVERED_AT))
    return render_element("strength_position", item_id, sp=sp, leads=leads, initiatives=initiatives)


# -- programme support offers -------------------------------------------------------------


@bp.route("/support-offers")
def support_offers() -> str:
    """Every programme support offer, with how many specialties and elements draw on it."""
    pg = portfolio()
    offers = []
    for offer in sorted(pg.ids("support_offer"), key=lambda o: pg.display_title(o, limit=sys.maxsize).casefold()):
        users = pg.into(offer, Relation.DRAWS_ON)
        offers.append((offer, sorted({s for s in (pg.specialty_of(u) for u in users) if s}), len(users)))
    return render_template("support_offers.html", offers=offers)


@bp.route("/support-offer/<item_id>")
def support_offer(item_id: str) -> str:
    """A support offer: every specialty, prerequisite and initiative that draws on it."""
    offer = element_of(item_id, "support_offer")
    pg = portfolio()
    users = sorted(pg.into(item_id, Relation.DRAWS_ON))
    by_specialty: dict[str | None, dict[str, list[str]]] = {}
    for user in users:
        group = by_specialty.setdefault(pg.specialty_of(user), {"prerequisite": [], "initiative": []})
        group.setdefault(pg.kind(user) or "", []).append(user)
    order = sorted((s for s in by_specialty if s), key=lambda s: pg.display_title(s, limit=sys.maxsize).casefold())
    groups = [(s, by_specialty[s]) for s in order] + ([(None, by_specialty[None])] if None in by_specialty else [])
    return render_element("support_offer", item_id, offer=offer, groups=groups)
