"""What the steering group approved: the decisions on an ambition, its approved version, and the difference since.

Every template gets ``decisions_of(ambition)``, ``changed_since_approval(ambition)``,
``latest_baseline(ambition)``, ``can_resubmit(ambition)`` and ``submit_url(ambition)``.
"""
from __future__ import annotations

from typing import Any

from flask import abort, g, render_template, request, url_for

from graph.portfolio import PortfolioGraph
from graph.queries.baseline import (
    AMBITION_KINDS,
    CONTENT_SECTIONS,
    SECTION_KIND,
    baselines_of,
    changed_since_approval,
    content_diff,
    decisions_of,
    latest_baseline,
    strategic_content,
)
from graph.relations import Relation
from web import rights
from web.editing import forms
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
        "awaiting_decision": lambda person: awaiting_decision(pg, person),
        "later_versions": lambda item: sorted(a for a in pg.into(item, Relation.SUCCEEDS) if pg.kind(a) == "ambition"),
        "can_new_version": lambda item: pg.data(item).get("status") == "approved"
        and rights.can_edit(g.get("user"), pg, "ambition", item),
        "returned_to": lambda person: returned_to(pg, person),
    }


def awaiting_decision(pg: PortfolioGraph, person: str | None) -> list[str]:
    """Ambitions submitted to a steering group the person sits in (by specialty name), for "Min side"."""
    if not person or person not in pg:
        return []
    programmes = {r.get("programme") for r in pg.roles_of(person) if r["role"] == "steering_group"}
    if not programmes:
        return []
    found = [a for a in pg.ids("ambition") if pg.data(a).get("status") == "submitted"
             and (pg.programme_of(a) in programmes or pg.programme_of(a) is None)]
    return sorted(found, key=lambda a: (pg.display_title(pg.data(a).get("specialty", a)), a))


def returned_to(pg: PortfolioGraph, person: str | None) -> list[tuple[str, str | None]]:
    """Returned ambitions of the specialties the person owns, each with the newest return decision (or None)."""
    if not person or person not in pg:
        return []
    owned = {r.get("specialty") for r in pg.roles_of(person) if r["role"] == "specialty_owner"}
    found = []
    for a in sorted(pg.ids("ambition")):
        if pg.data(a).get("specialty") in owned and pg.data(a).get("status") == "returned":
            decision = next((d for d in decisions_of(pg, a) if pg.data(d).get("outcome") == "returned"), None)
            found.append((a, decision))
    return found


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
    _approvable(item_id)
    pg = portfolio()
    base = _baseline(item_id)
    data = pg.data(base)
    decision = data.get("decision")
    return render_template(
        "approved.html", item=item_id, baseline=base, base=data, content=data.get("content", {}),
        decision=pg.data(decision) if decision and decision in pg else None, baselines=baselines_of(pg, item_id),
        changed=changed_since_approval(pg, item_id),
    )


def _approvable(item_id: str) -> None:
    """404 unless ``item_id`` is a strategic or a faglig ambition."""
    if portfolio().kind(item_id) not in AMBITION_KINDS:
        abort(404)


def field_label(kind: str, name: str | None) -> str:
    """What the form calls a field of ``kind`` (``"title"`` -> ``"Titel"``); the name itself where no form has it."""
    for field in forms.FIELDS.get(kind, ()):
        if field.name == name:
            return str(field.label)
    return name or ""


@bp.route("/ambition/<item_id>/changes")
def approval_changes(item_id: str) -> str:
    """What changed in the ambition's strategic content (a faglig ambition's initiatives and links) since it was approved."""
    _approvable(item_id)
    pg = portfolio()
    base = _baseline(item_id)
    changes = content_diff(pg.data(base).get("content", {}), strategic_content(pg, item_id))
    return render_template(
        "approval_changes.html", item=item_id, baseline=base, base=pg.data(base), changes=changes,
        sections=CONTENT_SECTIONS, section_kind=SECTION_KIND, field_label=field_label,
    )
