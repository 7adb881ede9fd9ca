"""The tiny portfolio that the docstring examples of graph/ run on (as networkx's examples build a small graph).

Two specialties of programme ``bass``: ``geri`` (strength position ``geri-hs`` at ``holb``,
approved ambition ``geri-amb``, challenge ``geri-ch1``, focus area ``geri-fa1`` with indicator
``geri-ind1`` and prerequisite ``geri-pre1``, initiative ``geri-i1`` owned by ``eva``) and ``reum``
(draft ambition ``reum-amb`` of 12 months, focus area ``reum-fa1`` without sequence or indicator).
``bjorn`` owns ``geri`` and sits in ``reum``'s core team; ``eva`` leads ``geri-hs``. Initiative
``orphan-i`` serves nothing.
"""
from __future__ import annotations

from graph.portfolio import PortfolioGraph
from graph.record import Data, Record

_ITEMS: tuple[tuple[str, Data], ...] = (
    ("programme", {"id": "bass", "name": "BASS", "region": "Region Sjælland"}),
    ("site", {"id": "holb", "name": "Holbæk Sygehus", "kind": "acute_hospital"}),
    ("specialty", {"id": "geri", "name": "Geriatri", "phase": "ambition"}),
    ("specialty", {"id": "reum", "name": "Reumatologi", "phase": "preparation"}),
    ("strength_position", {"id": "geri-hs", "specialty": "geri", "sites": ["holb"]}),
    ("person", {"id": "eva", "name": "Eva Holm", "title": "Overlæge"}),
    ("person", {"id": "bjorn", "name": "Bjørn Berg", "title": "Vicedirektør"}),
    ("role", {"person": "bjorn", "role": "specialty_owner", "specialty": "geri"}),
    ("role", {"person": "bjorn", "role": "core_team", "specialty": "reum"}),
    ("role", {"person": "eva", "role": "implementation_lead", "strength_position": "geri-hs"}),
    ("ambition", {"id": "geri-amb", "specialty": "geri", "statement": "Stærke geriatriske fællesskaber",
                  "horizon_months": 24, "status": "approved"}),
    ("ambition", {"id": "reum-amb", "specialty": "reum", "statement": "Robust reumatologi",
                  "horizon_months": 12, "status": "draft"}),
    ("situation", {"id": "geri-sit1", "specialty": "geri", "site": "holb", "perspective": "staff",
                   "text": "Få speciallæger"}),
    ("challenge", {"id": "geri-ch1", "ambition": "geri-amb", "title": "Svær rekruttering",
                   "perspectives": {"staff": "Få ansøgere", "professional": "Smalle kompetencer"},
                   "themes": ["recruitment_retention"]}),
    ("focus_area", {"id": "geri-fa1", "ambition": "geri-amb", "title": "Robuste faglige miljøer", "sequence": "now",
                    "order": 1, "addresses": ["geri-ch1"], "themes": ["recruitment_retention"]}),
    ("focus_area", {"id": "reum-fa1", "ambition": "reum-amb", "title": "Rekruttering af reumatologer",
                    "themes": ["recruitment_retention"]}),
    ("indicator", {"id": "geri-ind1", "focus_area": "geri-fa1", "name": "Besatte stillinger", "kind": "quantitative"}),
    ("prerequisite", {"id": "geri-pre1", "ambition": "geri-amb", "text": "Ressourcer til kompetenceudvikling",
                      "kind": "permanent_resources", "status": "agreed", "enables": ["geri-fa1"]}),
    ("initiative", {"id": "geri-i1", "title": "Fælles undervisning", "focus_areas": ["geri-fa1"],
                    "strength_position": "geri-hs", "owner": "eva", "status": "in_progress",
                    "start": "2026-02-01", "end": "2026-12-31"}),
    ("initiative", {"id": "orphan-i", "title": "Løs idé", "status": "planned"}),
)


def example_graph() -> PortfolioGraph:
    """Return a fresh copy of the tiny example portfolio, at revision 1.

    >>> pg = example_graph()
    >>> pg.count("specialty"), pg.count("initiative"), pg.count("role"), pg.revision
    (2, 2, 3, 1)
    """
    records = []
    for kind, data in _ITEMS:
        item = data.get("id") or f"role~{data['person']}~{data['role']}"
        records.append(Record(kind, item, dict(data), programme="bass", version=1))
    return PortfolioGraph(records, revision=1)
