"""The read pages, one module per concern; all hang on the one ``pages`` blueprint.

``overview`` (portfolio overview, specialty list), ``specialty`` (the strategic ambition document),
``elements`` (initiative, focus area, prerequisite, challenge, indicator, site, strength position),
``people`` (person, people, my page), ``synergies``, ``explorer`` (graph pictures), ``search``.
Each view asks the read model or graph.queries and renders; ``create_app`` registers ``bp``.
"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("pages", __name__)
