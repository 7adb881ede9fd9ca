"""Writing the faglig ambition: the owner starts it, each implementation lead writes their strength position's part.

Submission and the steering group's decision are the strategic ambition's own routes (web/editing/decisions.py),
which take a faglig ambition as well; rights: web/rights.py (the owner holds both kinds, a lead their part).
"""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from graph.changeset import ChangeSet, parse_record
from graph.problems import Conflict, InvalidChangeSet
from graph.vocabulary import kind_label
from web import rights
from web.editing import bp
from web.editing.common import conflict_message, posted_version, signed_in_user
from web.i18n import current_language
from web.state import portfolio, store


def _save(kind: str, item: str, raw: dict, version: int, note: str) -> None:
    user = signed_in_user()
    pg = portfolio()
    if not rights.can_write(user, pg, kind, item if item in pg else None, raw):
        abort(403)
    lang = current_language()
    try:
        record = parse_record(kind, raw, kind_label(kind, lang), pg.programme_of(str(pg.specialty_of(raw.get("ambition") or raw["strength_position"]))))
        store().apply(ChangeSet(upserts=[record], expect={item: version}, note=note), user.username)
    except InvalidChangeSet as exc:
        abort(400, description="; ".join(p.text(lang) for p in exc.problems))
    except Conflict:
        abort(409, description=conflict_message(item))


@bp.route("/specialty/<item_id>/professional/new", methods=["POST"])
def new_professional(item_id: str):
    """Start the specialty's faglig ambition, realising its strategic ambition (a draft)."""
    pg = portfolio()
    ambitions = sorted(pg.ambitions_of(item_id)) if pg.kind(item_id) == "specialty" else []
    if not ambitions:
        abort(404)
    professional = f"{ambitions[0]}-faglig"
    _save("professional_ambition", professional, {"id": professional, "ambition": ambitions[0]}, 0, f"web: {professional}")
    flash(_("The professional ambition is started."))
    return redirect(url_for("pages.professional_ambition", item_id=professional), 303)


@bp.route("/professional-ambition/<item_id>/part/<position>", methods=["POST"])
def write_part(item_id: str, position: str):
    """Write (or rewrite) one strength position's part: what the faglig ambition wants there, how the departments take part."""
    pg = portfolio()
    if pg.kind(item_id) != "professional_ambition" or pg.kind(position) != "strength_position":
        abort(404)
    part = f"{item_id}.{position}"
    raw = {"id": part, "professional_ambition": item_id, "strength_position": position}
    raw.update({k: v for k in ("aim", "involvement") if (v := request.form.get(k, "").strip())})
    _save("position_part", part, raw, posted_version(request.form), f"web: {part}")
    flash(_("Saved."))
    return redirect(url_for("pages.professional_ambition", item_id=item_id) + "#part-" + position, 303)
