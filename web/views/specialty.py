"""A specialty's strategic ambition document in the guidance's order, and the ambition page."""
from __future__ import annotations

import datetime as dt

from flask import Response, g, render_template, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from graph.portfolio import PortfolioGraph
from graph.queries import situation
from graph.queries.document import ambition_document, running_header
from graph.vocabulary import SUSTAINABILITY_PERSPECTIVES
from importers.docx_document import DOCX_MIMETYPE, ambition_docx
from web import charts, rights
from web.filters import figure_name
from web.i18n import current_language
from web.navigation import element_of, title_of
from web.state import portfolio
from web.views import bp
from web.views.common import grouped_findings, render_element


def figure_text(value: object) -> str:
    """Return a stored figure as a person reads it in the page's language (``59 point``, ``87 %``)."""
    return situation.figure_text(value, current_language())


def _site_map(pg: PortfolioGraph, specialty: str, sums: dict[str | None, dict[str, str]]) -> tuple[Markup, list[str]]:
    """The specialty's region map, with each site's figures (``situation.site_figures``), and the sites it cannot place."""
    placed, unplaced = situation.map_sites(pg, specialty, (s for s in sums if s))
    drawn = [
        charts.MapSite(
            site.id, title_of(site.id), site.lat, site.lon, site.acute, url_for("pages.site", item_id=site.id),
            [f"{figure_name(k)}: {v}" for k, v in sorted(sums.get(site.id, {}).items())], site.own,
        )
        for site in placed
    ]
    return charts.site_map(drawn, _("Sites of the region")), unplaced


def _writes(specialty: str, kind: str, data: dict) -> bool:
    """Return True if the signed-in user may write elements of ``kind`` in this specialty (then empty sites show too)."""
    return rights.can_edit(g.get("user"), portfolio(), kind, None, data)


@bp.route("/specialty/<item_id>")
def specialty(item_id: str) -> str:
    """A specialty's strategic ambition in the guidance's order (graph.queries.document), its health findings."""
    element_of(item_id, "specialty")
    return render_template("specialty.html", **document_context(item_id))


def document_context(item_id: str) -> dict:
    """What the strategic ambition document of a specialty shows (its page, and the meeting pack: web/views/meeting_pack.py)."""
    pg = portfolio()
    spec = pg.data(item_id)
    doc = ambition_document(pg, item_id)
    notes = [n for _site, group in doc.situation for n in group]
    figures = situation.site_figures(pg, notes, current_language())
    picture, unplaced = _site_map(pg, item_id, figures)
    return dict(
        item=item_id,
        spec=spec,
        doc=doc,
        print_header=running_header(pg, doc, current_language(), dt.date.today()),
        positions=pg.strength_positions_of(item_id),
        situation=situation.by_site(pg, notes, situation.position_sites(pg, item_id) if _writes(item_id, "situation", {"specialty": item_id}) else None),
        site_figures=figures,
        totals=situation.total_figures(pg, notes, current_language()),
        site_map=picture,
        unplaced=unplaced,
        challenges=situation.by_site(
            pg, [c for _site, group in doc.challenges for c in group],
            situation.position_sites(pg, item_id) if doc.ambitions and _writes(item_id, "challenge", {"ambition": doc.ambitions[0]}) else None,
        ),
        figure_text=figure_text,
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
    challenges = sorted(pg.challenges_of(item_id))
    prerequisites = sorted(pg.prerequisites_of(item_id))
    return render_element("ambition", item_id, amb=amb, challenges=challenges, prerequisites=prerequisites, focus_areas=pg.focus_areas_of(item_id))
