"""History in the browser: an element's changes field by field, and what changed in a specialty since a date or decision."""
from __future__ import annotations

from flask import abort, render_template, request

from graph.queries.baseline import decisions_of
from graph.queries.history import GROUPS, SinceError, changed_since, changes_since, element_history
from web.i18n import current_language
from web.state import portfolio, store
from web.views import bp
from web.views.approval import field_label


@bp.route("/history/<item_id>")
def history(item_id: str) -> str:
    """Every change of one element, newest first: who, when, revision, each field before -> after."""
    changes = store().history(item_id)
    pg = portfolio()
    if not changes and item_id not in pg:
        abort(404)
    kind = pg.kind(item_id) or (changes[-1].kind if changes else None)
    return render_template("history.html", item=item_id, kind=kind, entries=element_history(changes),
                           gone=item_id not in pg, field_label=field_label)


@bp.route("/specialty/<item_id>/changes")
def specialty_changes(item_id: str) -> tuple[str, int]:
    """What was added, changed and removed in a specialty since a date, a revision or a steering-group decision."""
    pg = portfolio()
    if pg.kind(item_id) != "specialty":
        abort(404)
    decisions = [d for a in sorted(pg.ambitions_of(item_id)) for d in decisions_of(pg, a)]
    since = request.args.get("since", "").strip()
    problem = None
    diff = None
    status = 200
    if since:
        try:
            revision, changes = changes_since(pg, lambda rev: store().history(since=rev), since)
        except SinceError as exc:
            problem, status = exc.text(current_language()), 400
        else:
            diff = changed_since(pg, changes, revision, item_id)
    return render_template("specialty_changes.html", item=item_id, since=since, decisions=decisions, diff=diff,
                           groups=GROUPS, problem=problem), status
