"""The status reports for the steering group, on pages to print: the programme's (graph/queries/status_report.py,
one row per specialty) and one specialty's (graph/queries/specialty_report.py), the latter also as Word."""
from __future__ import annotations

import datetime as dt

from flask import abort, render_template, request
from werkzeug.wrappers import Response

from graph.queries.specialty_report import ReportSinceError, report_header, since_day, specialty_report
from graph.queries.status_report import status_report
from importers.docx_document import DOCX_MIMETYPE
from importers.status_report_docx import specialty_report_docx
from web import charts, clock
from web.i18n import current_language
from web.navigation import element_of
from web.state import portfolio
from web.views import bp


@bp.route("/programme/<item_id>/status-report")
def programme_status_report(item_id: str) -> str:
    """Per specialty: roll-up, check-ins in the period, indicators on and off track, open signals, overdue items.
    ``?since=YYYY-MM-DD`` starts the period elsewhere than the current reporting period."""
    element_of(item_id, "programme")
    since_text = request.args.get("since")
    try:
        since = dt.date.fromisoformat(since_text) if since_text else None
    except ValueError:
        abort(400, description=since_text)
    report = status_report(portfolio(), item_id, clock.today(), since, current_language())
    return render_template("status_report.html", item=item_id, report=report)


def _since() -> tuple[str, dt.date | None]:
    """``?since=`` (a date or a decision's id) as given and as a day; a bad one answers 400 quoting it."""
    text = (request.args.get("since") or "").strip()
    if not text:
        return "", None
    try:
        return text, since_day(portfolio(), text)
    except ReportSinceError as err:
        abort(400, description=err.text(current_language()))


@bp.route("/specialty/<item_id>/status-report")
def specialty_status_report(item_id: str) -> str:
    """One specialty's status report: the ambition's roll-up, each focus area with its indicators and a sparkline,
    initiatives by status, what is needed from the steering group, open signals; what moved since ``?since=``."""
    element_of(item_id, "specialty")
    pg, lang = portfolio(), current_language()
    text, since = _since()
    report = specialty_report(pg, item_id, clock.today(), since, lang)
    return render_template("specialty_status_report.html", item=item_id, report=report, since_text=text,
                           print_header=report_header(pg, report, lang), sparkline=charts.sparkline)


@bp.route("/specialty/<item_id>/status-report.docx")
def specialty_status_report_docx(item_id: str) -> Response:
    """The same report as a Word file, in the reader's language."""
    element_of(item_id, "specialty")
    lang = current_language()
    _, since = _since()
    data = specialty_report_docx(portfolio(), item_id, clock.today(), since, lang)
    name = f"{item_id}-{'statusrapport' if lang == 'da' else 'status-report'}.docx"
    return Response(data, mimetype=DOCX_MIMETYPE, headers={"Content-Disposition": f'attachment; filename="{name}"'})
