"""Acting on a synergy: mark two elements of different specialties as a joint effort or as related,
with a written reason, or dismiss a suggested pair for one's own specialty. Each is a SynergyLink in
the graph (graph.models), made by the signed-in person; removing one deletes it."""
from __future__ import annotations

import datetime as dt
import hashlib

from flask import abort, flash, redirect, request
from flask_babel import gettext as _

from graph.changeset import ChangeSet, parse_record
from graph.problems import InvalidChangeSet
from graph.vocabulary import kind_label
from web import rights
from web.editing import bp
from web.editing.common import signed_in_user
from web.i18n import current_language
from web.navigation import next_or, page_of
from web.state import portfolio, store

#: Link kinds a person may choose; a dismissal needs no reason.
LINK_KINDS = ("joint", "related", "dismissed")


def link_id(source: str, target: str, specialty: str | None = None) -> str:
    """A stable id for the link of a pair (in either order; a dismissal per specialty).

    >>> link_id("geri-i1", "reum-i1") == link_id("reum-i1", "geri-i1")
    True
    """
    key = "|".join(sorted((source, target))) + (f"|{specialty}" if specialty else "")
    return "syn-" + hashlib.sha256(key.encode()).hexdigest()[:16]


@bp.route("/synergy-link", methods=["POST"])
def make_link():
    """Store a SynergyLink from the form fields ``source``, ``target``, ``link`` and ``reason``."""
    user = signed_in_user()
    pg = portfolio()
    source, target = request.form.get("source", ""), request.form.get("target", "")
    kind = request.form.get("link", "joint")
    reason = request.form.get("reason", "").strip()
    if kind not in LINK_KINDS or pg.kind(source) not in rights.LINKED_KINDS or pg.kind(target) not in rights.LINKED_KINDS:
        abort(400)
    ours, theirs = pg.specialty_of(source), pg.specialty_of(target)
    if ours is None or ours == theirs:
        abort(400)
    dismissing = kind == "dismissed"
    allowed = rights.can_link(user, pg, source, source) if dismissing else rights.can_link(user, pg, source, target)
    if not allowed:
        abort(403)
    back = next_or(page_of(source))
    if not dismissing and not reason:
        flash(_("Write why the two belong together: the reason is kept with the link."), "synergy-error")
        return redirect(back)
    raw: dict = {"id": link_id(source, target, ours if dismissing else None), "source": source, "target": target,
                 "link": kind, "on": dt.date.today().isoformat()}
    if reason:
        raw["reason"] = reason
    if getattr(user, "person", None) in pg:
        raw["by"] = user.person
    if dismissing:
        raw["specialty"] = ours
    upserts = [parse_record("synergy_link", raw, kind_label("synergy_link", current_language()), pg.programme_of(ours))]
    deletes = []
    if not dismissing:
        # one joint or related link per pair: the newer choice replaces the older
        other = link_id(source, target)
        if other in pg and other != raw["id"]:
            deletes.append(other)
    try:
        store().apply(ChangeSet(upserts=upserts, deletes=deletes, note=f"web: synergy {kind} {source} {target}"), user.username)
    except InvalidChangeSet as exc:
        for problem in exc.problems:
            flash(problem.text(current_language()), "synergy-error")
        return redirect(back)
    flash({"joint": _("Marked as a joint effort."), "related": _("Marked as related."),
           "dismissed": _("The suggestion is hidden for your specialty.")}[kind], "synergy")
    return redirect(back)


@bp.route("/synergy-link/<item_id>/delete", methods=["POST"])
def remove_link(item_id: str):
    """Delete a SynergyLink (who may make it may remove it)."""
    user = signed_in_user()
    pg = portfolio()
    if pg.kind(item_id) != "synergy_link":
        abort(404)
    data = pg.data(item_id)
    if data.get("link") == "dismissed":
        allowed = rights.can_link(user, pg, data["source"], data["source"])
    else:
        allowed = rights.can_link(user, pg, data["source"], data["target"])
    if not allowed:
        abort(403)
    store().apply(ChangeSet(deletes=[item_id], note=f"web: synergy link {item_id} removed"), user.username)
    flash(_("The link is removed."), "synergy")
    return redirect(next_or(page_of(data["source"])))
