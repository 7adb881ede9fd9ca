"""A specialty's strategic ambition document in the guidance's order, and the ambition page."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from flask import Response, render_template, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from graph.formatting import format_number
from graph.models import figure_parts
from graph.portfolio import PortfolioGraph
from graph.queries.document import ambition_document
from graph.vocabulary import SUMMABLE_FIGURES, SUSTAINABILITY_PERSPECTIVES
from importers.docx_document import DOCX_MIMETYPE, ambition_docx, running_header
from web import charts
from web.filters import figure_name
from web.i18n import current_language
from web.navigation import element_of, title_of
from web.state import portfolio
from web.views import bp
from web.views.common import grouped_findings, render_element, specialty_sites


def _site_figures(pg: PortfolioGraph, notes: list[str]) -> dict[str | None, Counter]:
    """Figures of a specialty's situation notes summed per site (None: the whole specialty)."""
    sums: dict[str | None, Counter] = defaultdict(Counter)
    for note in notes:
        data = pg.data(note)
        for name, raw in data.get("figures", {}).items():
            value, _unit, _kind = figure_parts(raw)
            sums[data.get("site")][name] += value
    return sums


def _total_figures(pg: PortfolioGraph, notes: list[str]) -> list[tuple[str, float]]:
    """Figures of all a specialty's situation notes summed over its sites, by figure name."""
    total: Counter = Counter()
    for note in notes:
        for name, raw in pg.data(note).get("figures", {}).items():
            value, _unit, kind = figure_parts(raw)
            if kind in SUMMABLE_FIGURES:  # a percentage, a score or a duration is never summed across sites
                total[name] += value
    return sorted(total.items())


def _site_map(pg: PortfolioGraph, specialty: str, notes: list[str]) -> tuple[Markup, list[str]]:
    """The specialty's region map and the sites it cannot place (no coordinates)."""
    programme = pg.programme_of(specialty)
    own = specialty_sites(specialty)
    sums = _site_figures(pg, notes)
    own |= {s for s in sums if s}
    sites = [s for s in pg.ids("site") if pg.programme_of(s) == programme or s in own]
    drawn, unplaced = [], []
    for sid in sites:
        data = pg.data(sid)
        lines = [f"{figure_name(k)}: {format_number(v, current_language())}" for k, v in sorted(sums.get(sid, {}).items())]
        if data.get("lat") is None or data.get("lon") is None:
            if sid in own:
                unplaced.append(sid)
            continue
        drawn.append(
            charts.MapSite(
                sid, title_of(sid), data.get("lat"), data.get("lon"), data.get("kind") == "acute_hospital",
                url_for("pages.site", item_id=sid), lines, sid in own,
            )
        )
    return charts.site_map(drawn, _("Sites of the region")), unplaced


@bp.route("/specialty/<item_id>")
def specialty(item_id: str) -> str:
    """A specialty's strategic ambition in the guidance's order (graph.queries.document), its health findings."""
    spec = element_of(item_id, "specialty")
    pg = portfolio()
    doc = ambition_document(pg, item_id)
    notes = [n for _site, group in doc.situation for n in group]
    picture, unplaced = _site_map(pg, item_id, notes)
    return render_template(
        "specialty.html",
        item=item_id,
        spec=spec,
        doc=doc,
        print_header=running_header(pg, doc, current_language(), dt.date.today()),
        positions=pg.strength_positions_of(item_id),
        situation=doc.situation,
        site_figures=_site_figures(pg, notes),
        totals=_total_figures(pg, notes),
        site_map=picture,
        unplaced=unplaced,
        challenges=doc.challenges,
        perspectives=[p.value for p in SUSTAINABILITY_PERSPECTIVES],
        ambitions=doc.ambitions,
        prerequisites=doc.prerequisites,
        focus_areas=doc.focus_areas,
        findings=grouped_findings(item_id),
        team=doc.team,
    )


@bp.route("/specialty/<item_id>/document.docx")
def specialty_docx(item_id: str) -> Response:
    """The same strategic ambition document as a Word file, in the reader's language."""
    element_of(item_id, "specialty")
    data = ambition_docx(portfolio(), item_id, current_language())
    name = f"{item_id}-strategisk-ambition.docx" if current_language() == "da" else f"{item_id}-strategic-ambition.docx"
    return Response(data, mimetype=DOCX_MIMETYPE, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/specialty/<item_id>/checks")
def specialty_checks(item_id: str) -> str:
    """The health findings of one specialty on their own page, to print for the secretariat."""
    spec = element_of(item_id, "specialty")
    pg = portfolio()
    doc = ambition_document(pg, item_id)
    return render_template(
        "specialty_checks.html",
        item=item_id,
        spec=spec,
        print_header=running_header(pg, doc, current_language(), dt.date.today()),
        findings=grouped_findings(item_id),
    )


@bp.route("/ambition/<item_id>")
def ambition(item_id: str) -> str:
    """A strategic ambition: its specialty, prerequisites, challenges and focus areas."""
    amb = element_of(item_id, "ambition")
    pg = portfolio()
    belongs = sorted(pg.into(item_id, "BELONGS_TO"))
    challenges = [c for c in belongs if pg.kind(c) == "challenge"]
    prerequisites = [p for p in belongs if pg.kind(p) == "prerequisite"]
    return render_element("ambition", item_id, amb=amb, challenges=challenges, prerequisites=prerequisites, focus_areas=pg.focus_areas_of(item_id))
