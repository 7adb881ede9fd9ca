"""What the steering group approved: an ambition's strategic content, its baselines, and the difference since.

The strategic content is what an approval freezes (DESIGN.md, Governance): the ambition itself
(without its status and approval date, which the decision sets), the situation picture of its
specialty, its core challenges, prerequisites, focus areas and their indicators (without readings,
which change freely). Initiatives and roles are not part of it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from graph.portfolio import PortfolioGraph

#: Sections of the strategic content, in the order of the ambition document; then those of a faglig ambition.
CONTENT_SECTIONS = ("ambition", "situation", "challenges", "prerequisites", "focus_areas", "indicators", "positions", "initiatives")
#: Section -> element kind.
SECTION_KIND = {
    "ambition": "ambition", "situation": "situation", "challenges": "challenge",
    "prerequisites": "prerequisite", "focus_areas": "focus_area", "indicators": "indicator",
    "positions": "position_part", "initiatives": "initiative",
}
#: The kinds a steering group approves, each with its content and baseline (the same machinery for both).
AMBITION_KINDS = frozenset({"ambition", "professional_ambition"})
#: What a faglig ambition's baseline keeps of an initiative: the set of them and their links to focus areas
#: (initiatives themselves stay freely editable once approved).
FROZEN_INITIATIVE_FIELDS = ("id", "focus_areas", "strength_position")
#: Fields of an ambition that a decision sets, so they are no content.
DECISION_FIELDS = ("status", "approved_on")
#: Fields of other sections that the steering group's decisions (or the follow-up) set: kept in a
#: baseline, but a change of them is no change of the ambition (agreeing to a prerequisite does not
#: make its ambition "changed since approval").
STATUS_FIELDS: dict[str, tuple[str, ...]] = {"prerequisites": ("status",)}


def _item(pg: PortfolioGraph, item: str) -> dict[str, Any]:
    data = copy.deepcopy(pg.data(item))
    data.setdefault("id", item)
    return data


def professional_content(pg: PortfolioGraph, professional: str) -> dict[str, Any]:
    """Return what an approval of a faglig ambition freezes: the faglig ambition itself (without its decision
    fields), its strength positions' parts, and its initiatives (those serving its strategic ambition's focus
    areas) as id, focus areas and strength position only, each list sorted by id.

    >>> from graph.record import Record
    >>> pg = PortfolioGraph([
    ...     Record("ambition", "a", {"id": "a", "specialty": "s", "statement": "A"}),
    ...     Record("focus_area", "f", {"id": "f", "ambition": "a", "title": "F"}),
    ...     Record("professional_ambition", "p", {"id": "p", "ambition": "a", "status": "approved"}),
    ...     Record("initiative", "i", {"id": "i", "title": "I", "focus_areas": ["f"], "status": "done"}),
    ... ])
    >>> professional_content(pg, "p")
    {'ambition': {'id': 'p', 'ambition': 'a'}, 'positions': [], 'initiatives': [{'id': 'i', 'focus_areas': ['f']}]}
    """
    own = _item(pg, professional)
    for name in DECISION_FIELDS:
        own.pop(name, None)
    focus_areas = [i for i in pg.into(str(own.get("ambition")), "PART_OF") if pg.kind(i) == "focus_area"]
    initiatives = sorted({i for fa in focus_areas for i in pg.into(fa, "SERVES") if pg.kind(i) == "initiative"})
    parts = sorted(i for i in pg.into(professional, "PART_OF_DOCUMENT") if pg.kind(i) == "position_part")
    frozen = [{k: v for k, v in _item(pg, i).items() if k in FROZEN_INITIATIVE_FIELDS} for i in initiatives]
    return {"ambition": own, "positions": [_item(pg, p) for p in parts], "initiatives": frozen}


def strategic_content(pg: PortfolioGraph, ambition: str) -> dict[str, Any]:
    """Return the ambition's strategic content as file-format items, each list sorted by id (for a faglig
    ambition: ``professional_content``, so that decisions and baselines serve both kinds alike).

    >>> from graph.record import Record
    >>> pg = PortfolioGraph([
    ...     Record("ambition", "a", {"id": "a", "specialty": "s", "statement": "A", "status": "approved"}),
    ...     Record("focus_area", "f", {"id": "f", "ambition": "a", "title": "F"}),
    ...     Record("indicator", "i", {"id": "i", "focus_area": "f", "name": "I", "readings": [{"date": "2026-01-01", "value": 1}]}),
    ... ])
    >>> content = strategic_content(pg, "a")
    >>> content["ambition"], [i["id"] for i in content["indicators"]], "readings" in content["indicators"][0]
    ({'id': 'a', 'specialty': 's', 'statement': 'A'}, ['i'], False)
    """
    if pg.kind(ambition) == "professional_ambition":
        return professional_content(pg, ambition)
    amb = _item(pg, ambition)
    for name in DECISION_FIELDS:
        amb.pop(name, None)
    specialty = amb.get("specialty")
    situation = [i for i in pg.ids("situation") if pg.data(i).get("specialty") == specialty]
    challenges = pg.challenges_of(ambition)
    prerequisites = [i for i in pg.ids("prerequisite") if pg.data(i).get("ambition") == ambition]
    focus_areas = [i for i in pg.into(ambition, "PART_OF") if pg.kind(i) == "focus_area"]
    indicators = [i for i in pg.ids("indicator") if pg.data(i).get("focus_area") in set(focus_areas)]
    content: dict[str, Any] = {"ambition": amb}
    for section, ids in (
        ("situation", situation), ("challenges", challenges), ("prerequisites", prerequisites),
        ("focus_areas", focus_areas), ("indicators", indicators),
    ):
        items = [_item(pg, i) for i in sorted(set(ids))]
        if section == "indicators":
            for it in items:
                it.pop("readings", None)
        content[section] = items
    return content


def baselines_of(pg: PortfolioGraph, ambition: str) -> list[str]:
    """Return the ambition's baselines, oldest first (by revision, then id)."""
    found = [b for b in pg.ids("baseline") if pg.data(b).get("ambition") == ambition]
    return sorted(found, key=lambda b: (int(pg.data(b).get("revision", 0)), b))


def latest_baseline(pg: PortfolioGraph, ambition: str) -> str | None:
    """Return the newest baseline of the ambition, or None if it was never approved through the tracker."""
    found = baselines_of(pg, ambition)
    return found[-1] if found else None


def decisions_of(pg: PortfolioGraph, ambition: str) -> list[str]:
    """Return the decisions on the ambition, newest first (by date, revision, id)."""
    found = [d for d in pg.ids("decision") if pg.data(d).get("ambition") == ambition]
    return sorted(
        found, key=lambda d: (pg.data(d).get("decided_on", ""), int(pg.data(d).get("revision") or 0), d), reverse=True
    )


@dataclass(frozen=True)
class FieldChange:
    """One difference between two versions of the strategic content."""

    section: str
    item: str
    op: str  # "added", "changed" or "removed"
    field: str | None = None
    before: Any = None
    after: Any = None

    def to_json(self) -> dict[str, Any]:
        return {"section": self.section, "item": self.item, "op": self.op, "field": self.field,
                "before": self.before, "after": self.after}


def field_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[tuple[str, Any, Any]]:
    """Return ``(field, before, after)`` for every field that differs, sorted by field.

    >>> field_changes({"title": "A", "order": 1}, {"title": "B", "order": 1, "sequence": "now"})
    [('sequence', None, 'now'), ('title', 'A', 'B')]
    """
    before, after = before or {}, after or {}
    return [(k, before.get(k), after.get(k)) for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]


def content_diff(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Return the differences from ``old`` to ``new`` strategic content, section by section, field by field."""
    changes: list[FieldChange] = []
    for section in CONTENT_SECTIONS:
        if section == "ambition":
            a, b = old.get("ambition") or {}, new.get("ambition") or {}
            item = b.get("id") or a.get("id") or ""
            changes += [FieldChange(section, item, "changed", f, x, y) for f, x, y in field_changes(a, b)]
            continue
        skip = STATUS_FIELDS.get(section, ())
        was = {i["id"]: {k: v for k, v in i.items() if k not in skip} for i in old.get(section, [])}
        now = {i["id"]: {k: v for k, v in i.items() if k not in skip} for i in new.get(section, [])}
        for item in sorted(set(was) | set(now)):
            if item not in was:
                changes.append(FieldChange(section, item, "added", None, None, now[item]))
            elif item not in now:
                changes.append(FieldChange(section, item, "removed", None, was[item], None))
            else:
                changes += [FieldChange(section, item, "changed", f, x, y) for f, x, y in field_changes(was[item], now[item])]
    return changes


def changes_since_approval(pg: PortfolioGraph, ambition: str) -> list[FieldChange]:
    """Return what differs between the newest baseline and the ambition's content now ([] without a baseline)."""
    base = latest_baseline(pg, ambition)
    if base is None:
        return []
    return content_diff(pg.data(base).get("content", {}), strategic_content(pg, ambition))


def changed_since_approval(pg: PortfolioGraph, ambition: str) -> bool:
    """Return True if the ambition is approved and its strategic content differs from the approved baseline."""
    if pg.kind(ambition) not in AMBITION_KINDS or pg.data(ambition).get("status") != "approved":
        return False
    return bool(changes_since_approval(pg, ambition))
