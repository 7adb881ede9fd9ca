"""What is *til genbekræftelse* (issue 23): the open re-confirmation signals, read without the write side.

graph/queries/whatif.py writes them (when a prerequisite is marked not met or a support offer
withdrawn); this module only reads them, so a page, the health checks or a cold ``tracker trace``
asking "is this suspect?" need not load the models that writing takes.
"""
from __future__ import annotations

import datetime as dt  # noqa: F401  (the doctests' dates)
from collections.abc import Iterable

from graph.portfolio import PortfolioGraph
from graph.relations import Relation
from graph.vocabulary import SignalKind, SignalStatus

RECONFIRM = SignalKind.reconfirm.value


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


def unconfirmed_in(pg: PortfolioGraph, specialty: str) -> list[str]:
    """The focus areas and initiatives of one specialty that are *til genbekræftelse*, focus areas first.

    Reads the specialty's own neighbourhood only: its ambitions' focus areas, the initiatives
    serving them or delivered at its strength positions (an initiative belongs to the specialty of
    its first focus area).

    >>> from graph.examples import example_graph
    >>> from graph.queries.whatif import fail
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
    >>> from graph.queries.whatif import fail
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
