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
from collections.abc import Iterable

from graph.changeset import parse_record
from graph.portfolio import PortfolioGraph
from graph.queries.errors import NotFound
from graph.queries.impact import element_title, impact
from graph.record import ChangeSet, Data
from graph.relations import Relation
from graph.vocabulary import PrerequisiteStatus, SignalKind, SignalStatus, SupportStatus

#: The status that marks each kind that can fail as failed.
FAILED: dict[str, str] = {"prerequisite": PrerequisiteStatus.not_met.value, "support_offer": SupportStatus.withdrawn.value}
#: What a failed element comes back to when it is met again, unless told otherwise.
RESTORED: dict[str, str] = {"prerequisite": PrerequisiteStatus.met.value, "support_offer": SupportStatus.active.value}
#: The kinds put at risk, and re-confirmed, when something they depend on fails.
AT_RISK_KINDS: tuple[str, ...] = ("focus_area", "initiative")
RECONFIRM = SignalKind.reconfirm.value


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


def open_reconfirmations(pg: PortfolioGraph, subject: str | None = None, cause: str | None = None) -> list[str]:
    """Open re-confirmation signals (on one element, or of one cause), in the order written."""
    if subject is not None:
        candidates: Iterable[str] = pg.into(subject, Relation.SIGNALS)
    else:
        candidates = pg.ids("signal")
    found = []
    for sig in candidates:
        data = pg.data(sig)
        if data.get("kind") == RECONFIRM and data.get("status", "open") == SignalStatus.open.value:
            if cause is None or data.get("cause") == cause:
                found.append(sig)
    return found


def suspect_causes(pg: PortfolioGraph, item: str) -> list[str]:
    """What makes an element *til genbekræftelse*: the causes of its open re-confirmation signals."""
    return list(dict.fromkeys(pg.data(s)["cause"] for s in open_reconfirmations(pg, item) if pg.data(s).get("cause")))


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


def unconfirmed_in(pg: PortfolioGraph, specialty: str) -> list[str]:
    """The focus areas and initiatives of one specialty that are *til genbekræftelse*, focus areas first.

    Reads the specialty's own neighbourhood only: its ambitions' focus areas, the initiatives
    serving them or delivered at its strength positions (an initiative belongs to the specialty of
    its first focus area).

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> pg.apply(fail(pg, "geri-pre1", None, dt.date(2026, 11, 2)).upserts)
    >>> unconfirmed_in(pg, "geri"), unconfirmed_in(pg, "reum")
    (['geri-fa1', 'geri-i1'], [])
    """
    areas = [fa for amb in pg.ambitions_of(specialty) for fa in pg.focus_areas_of(amb)]
    initiatives: dict[str, None] = {}
    for fa in areas:
        initiatives.update(dict.fromkeys(pg.initiatives_serving(fa)))
    for sp in pg.strength_positions_of(specialty):
        initiatives.update(dict.fromkeys(i for i in pg.into(sp, Relation.DELIVERED_AT) if pg.kind(i) == "initiative"))
    ours = [i for i in initiatives if pg.specialty_of(i) == specialty]
    return [item for item in areas + sorted(ours) if open_reconfirmations(pg, item)]


def unconfirmed_by_specialty(pg: PortfolioGraph) -> dict[str | None, int]:
    """How many elements are *til genbekræftelse* (an open re-confirmation) per specialty.

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> unconfirmed_by_specialty(pg)
    {}
    >>> changes = fail(pg, "geri-pre1", "bjorn", dt.date(2026, 11, 2))
    >>> [r.kind for r in changes.upserts], changes.upserts[0].data["status"]
    (['prerequisite', 'signal', 'signal'], 'not_met')
    >>> pg.apply(changes.upserts)
    >>> unconfirmed_by_specialty(pg), suspect_causes(pg, "geri-i1")
    ({'geri': 2}, ['geri-pre1'])
    """
    counts: dict[str | None, int] = {}
    for subject in dict.fromkeys(pg.data(s)["subject"] for s in open_reconfirmations(pg)):
        spec = pg.specialty_of(subject)
        counts[spec] = counts.get(spec, 0) + 1
    return counts
