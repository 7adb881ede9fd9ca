"""Which specialties a change touches: what the web's per-specialty caches must forget after a write.

A page, a coverage row or the health findings of one specialty read that specialty's own
neighbourhood (its ambitions, focus areas, initiatives, roles, ...). An element changed by a write
touches the specialty it belongs to and those of every element it refers to; asked both before the
change is applied (where it was) and after (where it is now), this names every specialty whose
cached answers may be stale. A change that cannot be pinned to specialties (a programme, a site, a
support offer, an element of no specialty) touches everything: ``None``.
"""
from __future__ import annotations

from collections.abc import Iterable

from graph.portfolio import PortfolioGraph
from graph.schema import references_of


def touched_specialties(pg: PortfolioGraph, items: Iterable[str]) -> set[str] | None:
    """The specialties the elements ``items`` belong to or refer to in ``pg``; None for "all of them".

    Ids not in ``pg`` (created later, deleted earlier) are passed over: the caller asks the graph
    before and after the change.

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> sorted(touched_specialties(pg, ["geri-fa1"]) or ()), touched_specialties(pg, ["no-such"])
    (['geri'], set())
    """
    found: set[str] = set()
    for item in items:
        kind = pg.kind(item)
        if kind is None:
            continue
        own: set[str] = set()
        if kind == "person":
            # A person's name shows in the specialties where they hold a role or own an initiative.
            targets = [r.get("specialty") or r.get("strength_position") or "" for r in pg.roles_of(item)]
            targets += pg.out(item, "OWNS")
            own.update(s for s in (pg.specialty_of(t) for t in targets if t) if s)
            found |= own
            continue
        mine = pg.specialty_of(item)
        if mine:
            own.add(mine)
        for _ref, target in references_of(kind, pg.data(item)):
            theirs = pg.specialty_of(target)
            if theirs:
                own.add(theirs)
        if not own:
            return None
        found |= own
    return found
