"""What the steering group approved: the decisions on an ambition, its approved version, and the difference since.

Every template gets ``decisions_of(ambition)``, ``changed_since_approval(ambition)``,
``latest_baseline(ambition)``, ``can_resubmit(ambition)`` and ``submit_url(ambition)``.
"""
from __future__ import annotations

from typing import Any

from flask import abort, g, render_template, request, url_for

from graph.queries.baseline import (
    CONTENT_SECTIONS,
    SECTION_KIND,
    baselines_of,
    changed_since_approval,
    content_diff,
    decisions_of,
    latest_baseline,
    strategic_content,
)
from web import rights
from web.navigation import element_of
from web.state import portfolio
from web.views import bp


@bp.app_context_processor
def _governance() -> dict[str, Any]:
    pg = portfolio()
    return {
        "decisions_of": lambda item: decisions_of(pg, item),
        "changed_since_approval": lambda item: changed_since_approval(pg, item),
        "latest_baseline": lambda item: latest_baseline(pg, item),
        "can_resubmit": lambda item: rights.can_resubmit(g.get("user"), pg, item),
        "submit_url": lambda item: url_for("edit.submit", item_id=item),
        "version_of": lambda item: pg.version(item) if item in pg else 0,
    }


def _baseline(ambition: str) -> str:
    """Return the baseline asked for by ``?baseline=`` (one of this ambition's), else the newest; 404 if none."""
    pg = portfolio()
    asked = request.args.get("baseline")
    known = baselines_of(pg, ambition)
    if asked in known:
        return str(asked)
    if not known:
        abort(404)
    return known[-1]


@bp.route("/ambition/<item_id>/approved")
def approved_version(item_id: str) -> str:
    """The ambition as the steering group approved it (its newest baseline, or ``?baseline=``)."""
    element_of(item_id, "ambition")
    pg = portfolio()
    base = _baseline(item_id)
    data = pg.data(base)
    decision = data.get("decision")
    return render_template(
        "approved.html", item=item_id, baseline=base, base=data, content=data.get("content", {}),
        decision=pg.data(decision) if decision and decision in pg else None, baselines=baselines_of(pg, item_id),
        changed=changed_since_approval(pg, item_id),
    )


@bp.route("/ambition/<item_id>/changes")
def approval_changes(item_id: str) -> str:
    """What changed in the ambition's strategic content since it was approved, field by field."""
    element_of(item_id, "ambition")
    pg = portfolio()
    base = _baseline(item_id)
    changes = content_diff(pg.data(base).get("content", {}), strategic_content(pg, item_id))
    return render_template(
        "approval_changes.html", item=item_id, baseline=base, base=pg.data(base), changes=changes,
        sections=CONTENT_SECTIONS, section_kind=SECTION_KIND,
    )
