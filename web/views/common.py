"""What several read pages ask of the graph, cached per graph revision."""
from __future__ import annotations

import sys

from flask import render_template, request

from graph.queries import Finding, check
from graph.queries.checks import group_findings
from graph.queries.situation import own_sites
from web.state import cached, portfolio


def findings(specialty: str | None = None) -> list[Finding]:
    """Health findings of one specialty (or all), computed once per revision."""
    # One specialty's findings read only its own neighbourhood: kept until a write touches it.
    return cached("check", specialty, lambda: check(portfolio(), specialty), specialty=specialty)


def grouped_findings(specialty: str) -> list[Finding]:
    """Health findings of one specialty with those of one rule on one ambition merged into one line."""
    return cached("check-grouped", specialty, lambda: group_findings(portfolio(), findings(specialty)))


def specialty_sites(specialty: str) -> set[str]:
    """Sites where a specialty has a strength position, or that its strength positions work with."""
    return own_sites(portfolio(), specialty)


def by_name(ids: list[str]) -> list[str]:
    """Ids sorted by their full display name, ignoring case, then by id."""
    pg = portfolio()
    return sorted(ids, key=lambda item: (pg.display_title(item, limit=sys.maxsize).casefold(), item))


def chosen_programme() -> str | None:
    """The programme asked for by ``?programme=``, or None for all (an unknown id counts as none)."""
    programme = request.args.get("programme") or None
    return programme if programme and portfolio().kind(programme) == "programme" else None


def render_element(kind: str, item_id: str, **context: object) -> str:
    """Render the page of one element (template ``<kind>.html``) with ``item``, its ``specialty`` and ``context``."""
    return render_template(f"{kind}.html", item=item_id, specialty=portfolio().specialty_of(item_id), **context)
