"""A small hand-built portfolio for the impact analysis (issue 23): three specialties around one HR package.

``hr`` (HR-pakke til fastholdelse, owned by ``karen``) is drawn on by ``geri-pre1`` and ``geri-pre2``
(geriatri) and directly by ``reum-i1``. ``geri-pre1`` enables ``geri-fa1`` and, across specialties,
``reum-fa1``; ``lung-i1`` (lungemedicin: its first focus area is ``lung-fa1``) serves ``reum-fa1``:
a chain through three specialties. ``geri-i1`` serves ``geri-fa1`` and ``geri-fa2``, each enabled by
a prerequisite drawing on ``hr``: two paths to one initiative. ``geri-fa3`` and ``geri-i3`` depend
on nothing of it.
"""

from __future__ import annotations

import copy

from graph.portfolio import PortfolioGraph
from importers.document import changeset_from_document

DOCUMENT: dict = {
    "format": "ambition-tracker/v1",
    "programme": {"id": "bass", "name": "BASS", "region": "Region Sjælland"},
    "sites": [
        {"id": "holb", "name": "Holbæk Sygehus", "kind": "acute_hospital"},
        {"id": "koege", "name": "Køge Sygehus", "kind": "acute_hospital"},
    ],
    "specialties": [
        {"id": "geri", "name": "Geriatri"},
        {"id": "reum", "name": "Reumatologi"},
        {"id": "lung", "name": "Lungemedicin"},
    ],
    "people": [
        {"id": "karen", "name": "Karen Sekretær"},
        {"id": "eva", "name": "Eva Holm"},
        {"id": "bjorn", "name": "Bjørn Berg"},
    ],
    "strength_positions": [
        {"id": "geri-sp", "specialty": "geri", "sites": ["holb"]},
    ],
    "roles": [
        {"person": "eva", "role": "implementation_lead", "strength_position": "geri-sp"},
        {"person": "bjorn", "role": "specialty_owner", "specialty": "geri"},
        {"person": "karen", "role": "secretariat", "programme": "bass"},
    ],
    "support_offers": [
        {"id": "hr", "title": "HR-pakke til fastholdelse", "owner": "karen", "status": "approved"},
    ],
    "ambitions": [
        {"id": "geri-amb", "specialty": "geri", "statement": "Stærk geriatri"},
        {"id": "reum-amb", "specialty": "reum", "statement": "Robust reumatologi"},
        {"id": "lung-amb", "specialty": "lung", "statement": "Lunger i balance"},
    ],
    "challenges": [
        {"id": "geri-ch1", "ambition": "geri-amb", "title": "Svær rekruttering", "site": "holb"},
    ],
    "focus_areas": [
        {"id": "geri-fa1", "ambition": "geri-amb", "title": "Robuste miljøer", "addresses": ["geri-ch1"]},
        {"id": "geri-fa2", "ambition": "geri-amb", "title": "Fastholdelse"},
        {"id": "geri-fa3", "ambition": "geri-amb", "title": "Digitalisering"},
        {"id": "reum-fa1", "ambition": "reum-amb", "title": "Rekruttering"},
        {"id": "reum-fa2", "ambition": "reum-amb", "title": "Trivsel"},
        {"id": "lung-fa1", "ambition": "lung-amb", "title": "Vagtlag"},
    ],
    "indicators": [
        {"id": "geri-ind1", "focus_area": "geri-fa1", "name": "Besatte stillinger", "kind": "quantitative"},
    ],
    "prerequisites": [
        {
            "id": "geri-pre1",
            "ambition": "geri-amb",
            "text": "Fælles vagtlag",
            "status": "agreed",
            "enables": ["geri-fa1", "reum-fa1"],
            "draws_on": ["hr"],
        },
        {
            "id": "geri-pre2",
            "ambition": "geri-amb",
            "text": "Mentorordning",
            "status": "agreed",
            "enables": ["geri-fa2"],
            "draws_on": ["hr"],
        },
    ],
    "initiatives": [
        {
            "id": "geri-i1",
            "title": "Fælles undervisning",
            "focus_areas": ["geri-fa1", "geri-fa2"],
            "strength_position": "geri-sp",
            "owner": "eva",
            "status": "in_progress",
        },
        {"id": "geri-i3", "title": "Digital stuegang", "focus_areas": ["geri-fa3"], "status": "planned"},
        {"id": "lung-i1", "title": "Nattevagter", "focus_areas": ["lung-fa1", "reum-fa1"], "site": "koege", "status": "planned"},
        {"id": "reum-i1", "title": "Mentor for nye", "focus_areas": ["reum-fa2"], "draws_on": ["hr"], "status": "planned"},
    ],
}


def impact_document() -> dict:
    """A fresh copy of the portfolio as a file-format document."""
    return copy.deepcopy(DOCUMENT)


def impact_graph() -> PortfolioGraph:
    """The portfolio as a graph, at revision 1."""
    return PortfolioGraph(changeset_from_document(impact_document(), "impact").upserts, revision=1)
