"""Prerequisites: what a prerequisite holds up, across specialties."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from graph.portfolio import PortfolioGraph


@dataclass(frozen=True)
class PrerequisiteRow:
    """One focus area a prerequisite enables and one initiative serving it (empty strings: none serves it).

    ``status`` is the initiative's status key (the caller labels it); ``owner`` is the owner's name.
    """

    prerequisite: str
    focus_area: str
    focus_area_title: str
    specialty: str
    specialty_name: str
    initiative: str = ""
    initiative_title: str = ""
    status: str = ""
    owner: str = ""
    start: str = ""
    end: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def prerequisite_rows(pg: PortfolioGraph, prerequisite: str) -> list[PrerequisiteRow]:
    """Return every focus area a prerequisite enables and each initiative serving it, as table rows.

    Focus areas by id, and within one the initiatives by id. A focus area that no initiative
    serves gives one row with empty initiative fields.

    Parameters
    ----------
    pg : PortfolioGraph
    prerequisite : str
        A prerequisite's id.

    Returns
    -------
    list of PrerequisiteRow

    Examples
    --------
    >>> from graph.changeset import Record
    >>> pg = PortfolioGraph([
    ...     Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}),
    ...     Record("ambition", "amb", {"id": "amb", "specialty": "geri", "statement": "Robust"}),
    ...     Record("focus_area", "fa1", {"id": "fa1", "ambition": "amb", "title": "Rekruttering"}),
    ...     Record("focus_area", "fa2", {"id": "fa2", "ambition": "amb", "title": "Trivsel"}),
    ...     Record("prerequisite", "pre", {"id": "pre", "ambition": "amb", "text": "Penge", "enables": ["fa1", "fa2"]}),
    ...     Record("initiative", "ini", {"id": "ini", "title": "Kampagne", "focus_areas": ["fa1"], "status": "planned"}),
    ... ])
    >>> [(r.focus_area, r.specialty_name, r.initiative, r.status) for r in prerequisite_rows(pg, "pre")]
    [('fa1', 'Geriatri', 'ini', 'planned'), ('fa2', 'Geriatri', '', '')]
    """
    rows = []
    for fa in sorted(pg.out(prerequisite, "ENABLES")):
        spec = pg.specialty_of(fa)
        base = {
            "prerequisite": prerequisite,
            "focus_area": fa,
            "focus_area_title": pg.data(fa)["title"],
            "specialty": spec or "",
            "specialty_name": pg.data(spec)["name"] if spec and spec in pg else "",
        }
        serving = sorted(pg.initiatives_serving(fa))
        if not serving:
            rows.append(PrerequisiteRow(**base))
        for ini in serving:
            data = pg.data(ini)
            owner = data.get("owner")
            rows.append(
                PrerequisiteRow(
                    **base,
                    initiative=ini,
                    initiative_title=data.get("title", ""),
                    status=data.get("status", ""),
                    owner=pg.display_title(owner, limit=10_000) if owner and owner in pg else "",
                    start=data.get("start", ""),
                    end=data.get("end", ""),
                )
            )
    return rows
