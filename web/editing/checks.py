"""The health checks that concern one element, shown in its form and right after it is saved."""
from __future__ import annotations

from graph.portfolio import PortfolioGraph
from graph.queries import Finding, check

#: Findings about a specialty's situation picture as a whole, which every situation note of it answers to.
SITUATION_RULES = frozenset({"situation_perspectives", "situation_sites"})


def element_findings(pg: PortfolioGraph, item: str) -> list[Finding]:
    """Return the health findings of the element's specialty that name the element itself.

    A situation note answers for its specialty's situation picture (perspectives, sites); an
    element outside any specialty (an orphan initiative) is checked with the whole portfolio.

    >>> from graph.examples import example_graph
    >>> [f.rule for f in element_findings(example_graph(), "reum-fa1")]
    ['focus_area_without_challenge', 'focus_area_sequence', 'focus_area_indicators']
    """
    if item not in pg:
        return []
    specialty = pg.specialty_of(item)
    if pg.kind(item) == "specialty":
        specialty = item
    found = check(pg, specialty) if specialty else check(pg)
    if pg.kind(item) == "situation":
        return [f for f in found if f.element == item or f.rule in SITUATION_RULES]
    return [f for f in found if f.element == item]
