"""The faglig ambition's page (graph/queries/professional.py): per strength position its part and its
initiatives in the order of the strategic focus areas; status, submission, decisions and "changed since
approval" as the strategic ambition has them (the same templates and routes)."""
from __future__ import annotations

from flask import g, redirect, render_template, url_for
from werkzeug.wrappers import Response

from graph.queries.professional import ordered_focus_areas, professional_document, professional_of
from web import rights
from web.navigation import element_of
from web.state import portfolio
from web.views import bp


@bp.route("/professional-ambition/<item_id>")
def professional_ambition(item_id: str) -> str:
    """The faglig ambition as a document; the owner sees the whole, each lead writes the part of their position."""
    element_of(item_id, "professional_ambition")
    return render_template("professional_ambition.html", **professional_context(item_id))


def professional_context(item_id: str) -> dict:
    """What the faglig ambition's page shows (and the meeting pack, web/views/meeting_pack.py)."""
    pg = portfolio()
    pro = pg.data(item_id)
    user = g.get("user")
    sections = professional_document(pg, item_id)
    may_write = {s.strength_position: rights.can_write(user, pg, "position_part", s.part,
                                                       {"professional_ambition": item_id, "strength_position": s.strength_position})
                 for s in sections if s.strength_position}
    return dict(item=item_id, pro=pro, specialty=pg.specialty_of(item_id), sections=sections, may_write=may_write,
                focus_areas=ordered_focus_areas(pg, str(pro["ambition"])))


@bp.route("/specialty/<item_id>/professional")
def specialty_professional(item_id: str) -> Response | str:
    """The specialty's faglig ambition, or (none yet) the page that starts it."""
    element_of(item_id, "specialty")
    pg = portfolio()
    found = professional_of(pg, item_id)
    if found:
        return redirect(url_for("pages.professional_ambition", item_id=found))
    ambitions = sorted(pg.ambitions_of(item_id))
    may = bool(ambitions) and rights.can_write(g.get("user"), pg, "professional_ambition", None, {"ambition": ambitions[0]})
    return render_template("professional_start.html", item=item_id, ambition=ambitions[0] if ambitions else None, may=may)
