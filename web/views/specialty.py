"""A specialty's strategic ambition document in the guidance's order, and the ambition page."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from flask import Response, g, render_template, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from graph.models import figure_parts
from graph.portfolio import PortfolioGraph
from graph.queries.document import ambition_document
from graph.vocabulary import SUMMABLE_FIGURES, SUSTAINABILITY_PERSPECTIVES
from graph.relations import Relation
from importers.docx_document import DOCX_MIMETYPE, ambition_docx, running_header
from web import charts, rights
from web.filters import figure_name
from web.i18n import current_language
from web.navigation import element_of, title_of
from web.state import portfolio
from web.views import bp
from web.views.common import grouped_findings, render_element, specialty_sites


def figure_text(value: object) -> str:
    """Return a stored figure as a person reads it: the number and its unit (``59 point``, ``87 %``)."""
    number, unit, _kind = figure_parts(value)
    shown = charts.format_number(number)
    return f"{shown} {unit}" if unit else shown


def _summable(kind: str) -> bool:
    return kind in {str(k) for k in SUMMABLE_FIGURES}


def _site_figures(pg: PortfolioGraph, notes: list[str]) -> dict[str | None, dict[str, str]]:
    """Figures of a specialty's situation notes per site (None: the whole specialty), as text.

    Counts (and amounts) with the same name and unit are added up within a site; a score, a
    percentage or a number of days is never added up: it is shown as written (values of several
    notes side by side).
    """
    sums: dict[str | None, dict[tuple[str, str | None], float]] = defaultdict(dict)
    kept: dict[str | None, dict[str, list[str]]] = defaultdict(dict)
    for note in notes:
        data = pg.data(note)
        site = data.get("site")
        for name, value in data.get("figures", {}).items():
            number, unit, kind = figure_parts(value)
            if _summable(kind):
                sums[site][(name, unit)] = sums[site].get((name, unit), 0.0) + number
            else:
                kept[site].setdefault(name, []).append(figure_text(value))
    shown: dict[str | None, dict[str, str]] = {}
    for site in set(sums) | set(kept):
        texts = {name: figure_text({"value": v, "unit": unit}) for (name, unit), v in sums.get(site, {}).items()}
        texts.update({name: " / ".join(values) for name, values in kept.get(site, {}).items()})
        shown[site] = texts
    return shown


def _total_figures(pg: PortfolioGraph, notes: list[str]) -> list[tuple[str, str]]:
    """Counts of all a specialty's situation notes summed over its sites, by figure name (scores and percentages left out)."""
    total: dict[tuple[str, str | None], float] = {}
    for note in notes:
        for name, value in pg.data(note).get("figures", {}).items():
            number, unit, kind = figure_parts(value)
            if _summable(kind):
                total[(name, unit)] = total.get((name, unit), 0.0) + number
    return sorted((name, figure_text({"value": v, "unit": unit})) for (name, unit), v in total.items())


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
        lines = [f"{figure_name(k)}: {v}" for k, v in sorted(sums.get(sid, {}).items())]
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


def _by_site(pg: PortfolioGraph, items: list[str], always: set[str] | None = None) -> list[tuple[str | None, list[str]]]:
    """Items grouped by their site, sites first (by name), the whole specialty (None) last.

    With ``always`` (the sites of the specialty's strength positions), those sites and the whole
    specialty get a group even when empty: a place to write, per site first, then for the whole.
    """
    groups: dict[str | None, list[str]] = defaultdict(list)
    for site in always or ():
        groups[site] = []
    if always is not None:
        groups[None] = []
    for item in items:
        groups[pg.data(item).get("site")].append(item)
    order = sorted((s for s in groups if s), key=lambda s: title_of(s).casefold())
    return [(s, groups[s]) for s in order] + ([(None, groups[None])] if None in groups else [])


def _writes(specialty: str, kind: str, data: dict) -> bool:
    """Return True if the signed-in user may write elements of ``kind`` in this specialty (then empty sites show too)."""
    return rights.can_edit(g.get("user"), portfolio(), kind, None, data)


def _position_sites(pg: PortfolioGraph, specialty: str) -> set[str]:
    """The sites where the specialty has a strength position (those the situation picture must cover)."""
    return {site for sp in pg.strength_positions_of(specialty) for site in pg.out(sp, Relation.AT)}


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
        situation=_by_site(pg, notes, _position_sites(pg, item_id) if _writes(item_id, "situation", {"specialty": item_id}) else None),
        site_figures=_site_figures(pg, notes),
        totals=_total_figures(pg, notes),
        site_map=picture,
        unplaced=unplaced,
        challenges=_by_site(
            pg, [c for _site, group in doc.challenges for c in group],
            _position_sites(pg, item_id) if doc.ambitions and _writes(item_id, "challenge", {"ambition": doc.ambitions[0]}) else None,
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
