"""What if it fails (issue 23): a prerequisite not met or a support offer withdrawn, and what is then to re-confirm.

Marking a prerequisite *not met* (or a support offer *withdrawn*) is one change set: the element's
new status and, on every focus area and initiative that depends on it (graph/queries/impact.py),
an open signal of kind ``reconfirm`` naming it as its ``cause``. Such an element is *til
genbekræftelse* (suspect) while that signal is open; its owner or lead answers it (``holds``:
"holder stadig", ``must_change``: "skal ændres", with a note), or the signal is closed when the
cause is met again. Signals are elements, so the flag and each answer are kept in the history and
the audit log, and the follow-up lists show them as they show every open signal.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from graph.changeset import parse_record
from graph.portfolio import PortfolioGraph
from graph.queries.errors import NotFound
from graph.queries.impact import element_title, impact
from graph.queries.suspects import RECONFIRM, open_reconfirmations
from graph.record import ChangeSet, Data
from graph.vocabulary import PrerequisiteStatus, SignalStatus, SupportStatus

#: The status that marks each kind that can fail as failed.
FAILED: dict[str, str] = {"prerequisite": PrerequisiteStatus.not_met.value, "support_offer": SupportStatus.withdrawn.value}
#: What a failed element comes back to when it is met again, unless told otherwise.
RESTORED: dict[str, str] = {"prerequisite": PrerequisiteStatus.met.value, "support_offer": SupportStatus.active.value}
#: The kinds put at risk, and re-confirmed, when something they depend on fails.
AT_RISK_KINDS: tuple[str, ...] = ("focus_area", "initiative")


def _cause(pg: PortfolioGraph, cause: str) -> str:
    kind = pg.kind(cause)
    if kind not in FAILED:
        raise NotFound(cause, "prerequisite", kind)
    return kind or ""


def at_risk(pg: PortfolioGraph, cause: str) -> list[str]:
    """The focus areas and initiatives that depend on a prerequisite or support offer, nearest first.

    >>> from graph.examples import example_graph
    >>> at_risk(example_graph(), "geri-pre1")
    ['geri-fa1', 'geri-i1']
    """
    _cause(pg, cause)
    return [d.item for d in impact(pg, cause).dependants if d.kind in AT_RISK_KINDS]


def has_failed(pg: PortfolioGraph, cause: str) -> bool:
    """Whether a prerequisite is marked not met, or a support offer withdrawn."""
    kind = pg.kind(cause)
    return kind in FAILED and pg.data(cause).get("status") == FAILED[kind or ""]


def reconfirm_id(cause: str, subject: str, version: int) -> str:
    """The id of the re-confirmation signal of one failure (the cause at one version) on one element.

    >>> reconfirm_id("geri-pre1", "geri-fa1", 3)
    'reconfirm-1df77c7525ef7380'
    """
    digest = hashlib.sha256(f"{cause}\n{subject}\n{version}".encode()).hexdigest()[:16]
    return f"reconfirm-{digest}"


def fail(pg: PortfolioGraph, cause: str, by: str | None, today: dt.date) -> ChangeSet:
    """The change set that marks ``cause`` failed and flags everything at risk for re-confirmation.

    One open ``reconfirm`` signal per focus area and initiative that depends on it and has none of
    this cause open already. Expects the cause at the version read (a colleague's change meanwhile
    is a Conflict).
    """
    kind = _cause(pg, cause)
    programme = pg.programme_of(cause)
    data = dict(pg.element_json(cause), status=FAILED[kind])
    upserts = [parse_record(kind, data, "what-if", programme)]
    version = pg.version(cause) + 1
    title = element_title(pg, cause)
    text = (f"Forudsætning ikke opfyldt: {title}" if kind == "prerequisite" else f"Støttetilbud trukket tilbage: {title}")[:300]
    for subject in at_risk(pg, cause):
        if open_reconfirmations(pg, subject, cause):
            continue
        signal: Data = {
            "id": reconfirm_id(cause, subject, version), "subject": subject, "kind": RECONFIRM, "text": text,
            "cause": cause, "raised_on": today.isoformat(),
        }
        if by:
            signal["raised_by"] = by
        upserts.append(parse_record("signal", signal, "what-if", pg.programme_of(subject) or programme))
    return ChangeSet(upserts=upserts, expect={cause: pg.version(cause)}, note=f"what if: {cause} {FAILED[kind]}")


def restore(pg: PortfolioGraph, cause: str, by: str | None, today: dt.date, status: str | None = None) -> ChangeSet:
    """The change set that marks ``cause`` met again (``status``, default RESTORED) and closes its open re-confirmations."""
    kind = _cause(pg, cause)
    programme = pg.programme_of(cause)
    upserts = [parse_record(kind, dict(pg.element_json(cause), status=status or RESTORED[kind]), "what-if", programme)]
    for sig in open_reconfirmations(pg, cause=cause):
        closed = dict(pg.element_json(sig), status=SignalStatus.closed.value, answered_on=today.isoformat())
        if by:
            closed["answered_by"] = by
        upserts.append(parse_record("signal", closed, "what-if", pg.programme_of(sig)))
    return ChangeSet(upserts=upserts, expect={cause: pg.version(cause)}, note=f"what if: {cause} met again")


def reconfirm(pg: PortfolioGraph, signal: str, verdict: str, note: str, by: str | None, today: dt.date) -> ChangeSet:
    """The change set of one answer to a re-confirmation: ``holds`` or ``must_change``, with a note."""
    if pg.kind(signal) != "signal" or pg.data(signal).get("kind") != RECONFIRM:
        raise NotFound(signal, "signal", pg.kind(signal))
    data = dict(pg.element_json(signal), status=SignalStatus.answered.value, verdict=verdict, answered_on=today.isoformat())
    if note.strip():
        data["answer"] = note
    if by:
        data["answered_by"] = by
    return ChangeSet(upserts=[parse_record("signal", data, "what-if", pg.programme_of(signal))], expect={signal: pg.version(signal)})
