"""What depends on an element (issue 23): the "Hvad afhænger af dette" section of element pages, the
whole list at /impact/<id>, and the list as CSV and Excel.

The answer is graph/queries/impact.py's, as JSON (paths in both languages), kept per revision; it
crosses specialties, so any write forgets it. Element pages show it through the template global
``impact_of`` (``_impact.html``), so no element view needs to know about it.
"""
from __future__ import annotations

from typing import Any

from flask import Response, abort, render_template, request
from flask_babel import lazy_gettext as _l

from graph.queries.impact import ROOT_KINDS, Impact, impact
from graph.vocabulary import kind_label, label
from importers.tabular import csv_bytes, rows_to_csv, rows_to_xlsx
from web import diagram
from web.i18n import current_language
from web.state import cached, portfolio
from web.views import bp

#: What an element page lists before it points to the whole list: specialties, and dependants of one kind in each.
PAGE_GROUPS, PAGE_ITEMS = 12, 25
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The columns of the download: (row key, heading), in order.
COLUMNS: tuple[tuple[str, Any], ...] = (
    ("specialty", _l("Specialty")), ("kind", _l("Kind")), ("id", _l("Id")), ("title", _l("Title")),
    ("status", _l("Status")), ("sites", _l("Hospitals")), ("path_count", _l("Paths")), ("paths", _l("Why it depends")),
)


def impact_found(item: str) -> Impact | None:
    """The impact of ``item``, computed once per revision; None for a kind nothing is said to depend on."""
    pg = portfolio()
    if pg.kind(item) not in ROOT_KINDS:
        return None
    return cached("impact", item, lambda: impact(pg, item))


def impact_json(item: str, whole: bool = True) -> dict[str, Any] | None:
    """The impact as JSON: whole (the API, the downloads, the whole list) or as an element page shows it."""
    found = impact_found(item)
    if found is None:
        return None
    if whole:
        return cached("impact-json", item, found.to_json)
    return cached("impact-page", item, lambda: found.to_json(groups=PAGE_GROUPS, items=PAGE_ITEMS))


@bp.app_template_global("impact_of")
def impact_of(item: str, whole: bool = False) -> dict[str, Any] | None:
    """The template's way to the impact of the page's element (see ``_impact.html``)."""
    return impact_json(item, whole)


def _known(item_id: str) -> dict[str, Any]:
    found = impact_json(item_id)
    if found is None:
        abort(404)
    return found


@bp.route("/impact/<item_id>")
def impact_page(item_id: str) -> str:
    """Everything that depends on an element, across specialties, with the counts and every path."""
    return render_template("impact.html", item=item_id, impact=_known(item_id), whole=True)


def impact_rows(doc: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """One row per dependant: its specialty's name, kind, id, title, status, hospitals and path(s) in ``lang``."""
    pg = portfolio()
    rows = []
    for group in doc["groups"]:
        for part in group["kinds"]:
            for item in part["items"]:
                status = pg.data(item["id"]).get("status") if item["id"] in pg else None
                rows.append({
                    "specialty": group["title"] or "",
                    "kind": kind_label(item["kind"], lang),
                    "id": item["id"],
                    "title": item["title"],
                    "status": label(status, lang) if status else "",
                    "sites": ", ".join(pg.display_title(s, limit=10_000) for s in item["sites"]),
                    "path_count": item["path_count"],
                    "paths": "\n".join(path[lang] for path in item["paths"]),
                })
    return rows


def _columns() -> list[tuple[str, str]]:
    return [(key, str(text)) for key, text in COLUMNS]


def _attachment(data: bytes, mimetype: str, filename: str) -> Response:
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/impact/<item_id>/dependants.csv")
def impact_csv(item_id: str) -> Response:
    """The list of what depends on an element as CSV (semicolon-separated, for Danish Excel)."""
    rows = impact_rows(_known(item_id), current_language())
    return _attachment(csv_bytes(rows_to_csv(rows, _columns())), "text/csv", f"{item_id}-impact.csv")


@bp.route("/impact/<item_id>/dependants.xlsx")
def impact_xlsx(item_id: str) -> Response:
    """The list of what depends on an element as an Excel workbook."""
    rows = impact_rows(_known(item_id), current_language())
    return _attachment(rows_to_xlsx(rows, _columns(), sheet_title=item_id), XLSX_MIMETYPE, f"{item_id}-impact.xlsx")


@bp.app_template_global("diagram_available")
def diagram_available() -> bool:
    """Whether this server can draw the board's picture (Graphviz ``dot`` installed)."""
    return diagram.available()


@bp.route("/impact/<item_id>/diagram.<fmt>")
def impact_diagram(item_id: str, fmt: str) -> Response:
    """What depends on an element as a layered picture for the board, SVG or PNG (web/diagram.py)."""
    found = impact_found(item_id)
    if found is None or fmt not in diagram.FORMATS:
        abort(404)
    if not diagram.available():
        abort(503)
    lang = current_language()
    data = cached("impact-diagram", (item_id, fmt, lang), lambda: diagram.render(diagram.dot_source(found, lang), fmt))
    return _attachment(data, diagram.FORMATS[fmt], f"{item_id}-impact.{fmt}") if request.args.get("download") else Response(
        data, mimetype=diagram.FORMATS[fmt])


@bp.route("/initiative/<item_id>/board.<fmt>")
def trace_diagram(item_id: str, fmt: str) -> Response:
    """An initiative's trace as a layered picture for the board, SVG or PNG (web/diagram.py)."""
    pg = portfolio()
    if pg.kind(item_id) != "initiative" or fmt not in diagram.FORMATS:
        abort(404)
    if not diagram.available():
        abort(503)
    lang = current_language()
    data = cached("trace-diagram", (item_id, fmt, lang), lambda: diagram.render(diagram.trace_source(pg, item_id, lang), fmt))
    return _attachment(data, diagram.FORMATS[fmt], f"{item_id}-trace.{fmt}") if request.args.get("download") else Response(
        data, mimetype=diagram.FORMATS[fmt])
