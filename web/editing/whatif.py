"""What if it fails (issue 23): mark a prerequisite not met or a support offer withdrawn, mark it met
again, and answer a re-confirmation ("holder stadig" / "skal ændres" with a note).

The change sets come from graph/queries/whatif.py; the rights from web/rights_whatif.py (marking)
and web/rights.py (answering, as for any signal). A refusal is a 403 and writes nothing.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from flask import abort, flash, g, redirect, request
from flask_babel import gettext as _

from graph.problems import Conflict, InvalidChangeSet
from graph.queries.suspects import open_reconfirmations, unconfirmed_in
from graph.queries.whatif import AT_RISK_KINDS, FAILED, fail, has_failed, reconfirm, restore
from graph.record import ChangeSet
from graph.vocabulary import Verdict
from web import rights
from web.editing import bp
from web.editing.common import signed_in_user
from web.i18n import current_language
from web.navigation import next_or, page_of
from web.rights_whatif import can_mark_failed
from web.state import portfolio, store
from web.views.impact import impact_found


def _write(changes: ChangeSet, username: str, back: str) -> bool:
    """Apply a change set; a refusal is flashed and nothing is written."""
    try:
        store().apply(changes, username)
    except Conflict as exc:
        flash(exc.problem.text(current_language()), "whatif-error")
        return False
    except InvalidChangeSet as exc:
        for problem in exc.problems:
            flash(problem.text(current_language()), "whatif-error")
        return False
    return True


@bp.route("/what-if/<item_id>/fail", methods=["POST"])
def mark_failed(item_id: str):
    """Mark a prerequisite not met (a support offer withdrawn) and flag what depends on it for re-confirmation."""
    user = signed_in_user()
    pg = portfolio()
    if pg.kind(item_id) not in FAILED:
        abort(404)
    if not can_mark_failed(user, pg, item_id):
        abort(403)
    back = next_or(page_of(item_id))
    person = getattr(user, "person", None)
    changes = fail(pg, item_id, person if person in pg else None, dt.date.today())
    if _write(changes, user.username, back):
        flash(_("Marked. %(n)s focus areas and initiatives are flagged for re-confirmation.", n=len(changes.upserts) - 1), "whatif")
    return redirect(back)


@bp.route("/what-if/<item_id>/restore", methods=["POST"])
def mark_met_again(item_id: str):
    """Mark a failed prerequisite met again (a support offer active again) and close its re-confirmations."""
    user = signed_in_user()
    pg = portfolio()
    if pg.kind(item_id) not in FAILED:
        abort(404)
    if not can_mark_failed(user, pg, item_id):
        abort(403)
    back = next_or(page_of(item_id))
    person = getattr(user, "person", None)
    if _write(restore(pg, item_id, person if person in pg else None, dt.date.today()), user.username, back):
        flash(_("Marked as met again; its re-confirmations are closed."), "whatif")
    return redirect(back)


@bp.route("/reconfirm/<signal_id>", methods=["POST"])
def answer_reconfirmation(signal_id: str):
    """Answer a re-confirmation: ``verdict`` holds or must_change, and a ``note``."""
    user = signed_in_user()
    pg = portfolio()
    if pg.kind(signal_id) != "signal" or pg.data(signal_id).get("kind") != "reconfirm":
        abort(404)
    verdict = request.form.get("verdict", "")
    if verdict not in {v.value for v in Verdict}:
        abort(400)
    if not rights.can_answer_signal(user, pg, signal_id):
        abort(403)
    subject = pg.data(signal_id)["subject"]
    back = next_or(page_of(subject))
    person = getattr(user, "person", None)
    changes = reconfirm(pg, signal_id, verdict, request.form.get("note", ""), person if person in pg else None, dt.date.today())
    if _write(changes, user.username, back):
        flash(_("Re-confirmed."), "whatif")
    return redirect(back)


@bp.app_template_global("whatif_of")
def whatif_of(item: str) -> dict[str, Any] | None:
    """For a prerequisite's or support offer's page: whether it failed, what is at risk, what the user may do."""
    pg = portfolio()
    if pg.kind(item) not in FAILED:
        return None
    found = impact_found(item)  # the page's own "what depends on this", computed once per revision
    dependants = found.dependants if found is not None else []
    return {
        "failed": has_failed(pg, item),
        "at_risk": {k: sum(1 for d in dependants if d.kind == k) for k in AT_RISK_KINDS},
        "waiting": len(open_reconfirmations(pg, cause=item)),
        "may_mark": can_mark_failed(g.get("user"), pg, item),
    }


@bp.app_template_global("reconfirmations_of")
def reconfirmations_of(item: str) -> list[dict[str, Any]]:
    """For a focus area's or initiative's page: its open re-confirmations, each with its cause and whether the user may answer."""
    pg = portfolio()
    if pg.kind(item) not in AT_RISK_KINDS:
        return []
    user = g.get("user")
    return [
        {"id": sig, "cause": pg.data(sig).get("cause"), "raised_on": pg.data(sig).get("raised_on"),
         "may_answer": rights.can_answer_signal(user, pg, sig)}
        for sig in open_reconfirmations(pg, item)
    ]


@bp.app_template_global("unconfirmed_count")
def unconfirmed_count(specialty: str) -> int:
    """How many of a specialty's focus areas and initiatives are *til genbekræftelse* (the overview's row)."""
    return len(unconfirmed_in(portfolio(), specialty))
