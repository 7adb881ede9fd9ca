"""Which programme an element belongs to, stored or about to be written (a store may hold several)."""
from __future__ import annotations

from graph.portfolio import PortfolioGraph
from graph.record import Data


def programme_for(pg: PortfolioGraph, kind: str, data: Data | None, before: str | None = None) -> str | None:
    """Return the programme of an element with fields ``data``: ``before`` (the programme it is stored
    in) if given; a programme's own id; else that of the first element it refers to; else the store's
    only programme; else None.

    >>> from graph.record import Record
    >>> pg = PortfolioGraph([
    ...     Record("programme", "bass", {"id": "bass", "name": "BASS"}, "bass"),
    ...     Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}, "bass"),
    ... ])
    >>> programme_for(pg, "ambition", {"specialty": "geri"}), programme_for(pg, "programme", {"id": "ost"})
    ('bass', 'ost')
    """
    if before:
        return before
    data = data or {}
    if kind == "programme":
        own = data.get("id")
        return own if isinstance(own, str) else None
    for key in ("programme", "specialty", "ambition", "focus_area", "strength_position", "person", "subject"):
        ref = data.get(key)
        if isinstance(ref, str) and ref in pg:
            found = pg.programme_of(ref) or pg.programme_of(pg.specialty_of(ref) or ref)
            if found:
                return found
    for fa in data.get("focus_areas", ()) or ():
        if isinstance(fa, str) and fa in pg and pg.specialty_of(fa):
            return pg.programme_of(str(pg.specialty_of(fa)))
    programmes = pg.ids("programme")
    return programmes[0] if len(programmes) == 1 else None
