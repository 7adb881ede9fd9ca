"""The programme's status report for the steering group, on a page to print (graph/queries/status_report.py)."""
from __future__ import annotations

import datetime as dt

from flask import abort, render_template, request

from graph.queries.status_report import status_report
from web import clock
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
