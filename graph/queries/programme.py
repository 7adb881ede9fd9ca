"""Which programme an element belongs to, stored or about to be written (a store may hold several)."""
from __future__ import annotations

from graph.portfolio import PortfolioGraph
from graph.record import Data
from graph.schema import REFERENCES


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
    for key in ("programme", "specialty", "ambition", "prerequisite", "focus_area", "strength_position", "meeting",
                "subject", "person"):
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


def normalised(kind: str, data: Data | None) -> Data | None:
    """Return ``data`` with every reference stripped of surrounding blanks, as the models store it,
    so that a right is judged on the element a padded id (``" ost-fa1"``) will point at.

    >>> normalised("initiative", {"focus_areas": [" a ", "b"], "title": " T "})
    {'focus_areas': ['a', 'b'], 'title': ' T '}
    """
    if data is None:
        return None
    out = dict(data)
    for ref in REFERENCES.get(kind, ()):
        value = out.get(ref.field)
        if isinstance(value, str):
            out[ref.field] = value.strip()
        elif isinstance(value, list):
            out[ref.field] = [v.strip() if isinstance(v, str) else v for v in value]
    return out


def referenced(kind: str, data: Data | None) -> list[tuple[str, str]]:
    """Return ``(field, id)`` for every element an item's fields refer to (after ``normalised``).

    >>> referenced("role", {"person": "ole", "role": "secretariat", "programme": " ost"})
    [('person', 'ole'), ('programme', 'ost')]
    """
    data = normalised(kind, data) or {}
    found: list[tuple[str, str]] = []
    for ref in REFERENCES.get(kind, ()):
        value = data.get(ref.field)
        for one in (value if isinstance(value, list) else [value]):
            if isinstance(one, str) and one:
                found.append((ref.field, one))
    return found


def programmes_referenced(pg: PortfolioGraph, kind: str, data: Data | None) -> dict[str, tuple[str, str]]:
    """Return programme -> the first ``(field, id)`` that reaches it, for every stored element the item refers to.

    A referenced programme counts as itself; any other element as the programme it is stored in.

    >>> from graph.record import Record
    >>> pg = PortfolioGraph([
    ...     Record("programme", "bass", {"id": "bass", "name": "BASS"}, "bass"),
    ...     Record("programme", "ost", {"id": "ost", "name": "Øst"}, "ost"),
    ...     Record("specialty", "kard", {"id": "kard", "name": "Kardiologi"}, "ost"),
    ... ])
    >>> programmes_referenced(pg, "ambition", {"specialty": " kard"})
    {'ost': ('specialty', 'kard')}
    """
    found: dict[str, tuple[str, str]] = {}
    for name, item in referenced(kind, data):
        if item not in pg:
            continue
        programme = item if pg.kind(item) == "programme" else pg.programme_of(item)
        if programme and programme not in found:
            found[programme] = (name, item)
    return found
