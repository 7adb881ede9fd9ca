"""The relation schema: which fields of which kind refer to which kinds, and as which relation.

Relations are stored in the direction DESIGN.md section 2 names them; ``reverse`` marks the two
whose arrow points at the item that holds the reference (Person OWNS Initiative, FocusArea
MEASURED_BY Indicator).
"""
from __future__ import annotations

from dataclasses import dataclass

from graph.record import Data
from graph.relations import Relation, role_relation
from graph.vocabulary import ROLE_TARGET, RoleKind


@dataclass(frozen=True)
class Reference:
    field: str
    relation: Relation
    targets: tuple[str, ...]
    many: bool = False
    reverse: bool = False


#: What a signal from practice may be raised on: any element of a specialty's ambition.
SIGNAL_SUBJECTS: tuple[str, ...] = ("initiative", "focus_area", "ambition", "indicator", "challenge", "prerequisite")

#: What an agenda item may be about: an ambition or a prerequisite to decide, a specialty's status report.
AGENDA_SUBJECTS: tuple[str, ...] = ("ambition", "professional_ambition", "prerequisite", "specialty")

REFERENCES: dict[str, tuple[Reference, ...]] = {
    "programme": (),
    "site": (),
    "specialty": (),
    "person": (),
    "strength_position": (
        Reference("specialty", Relation.OF, ("specialty",)),
        Reference("sites", Relation.AT, ("site",), many=True),
        Reference("partner_sites", Relation.PARTNERS_WITH, ("site",), many=True),
    ),
    "role": (
        Reference("person", Relation.HAS_ROLE, ("person",)),
        Reference("specialty", Relation.ROLE_IN, ("specialty",)),
        Reference("strength_position", Relation.ROLE_IN, ("strength_position",)),
        Reference("programme", Relation.ROLE_IN, ("programme",)),
    ),
    "support_offer": (Reference("owner", Relation.OWNS, ("person",), reverse=True),),
    "ambition": (
        Reference("specialty", Relation.OF, ("specialty",)),
        Reference("previous", Relation.SUCCEEDS, ("ambition",)),
    ),
    "situation": (
        Reference("specialty", Relation.DESCRIBES, ("specialty",)),
        Reference("site", Relation.AT, ("site",)),
    ),
    "challenge": (
        Reference("ambition", Relation.BELONGS_TO, ("ambition",)),
        Reference("site", Relation.AT, ("site",)),
    ),
    "prerequisite": (
        Reference("ambition", Relation.BELONGS_TO, ("ambition",)),
        Reference("enables", Relation.ENABLES, ("focus_area",), many=True),
        Reference("draws_on", Relation.DRAWS_ON, ("support_offer",), many=True),
    ),
    "focus_area": (
        Reference("ambition", Relation.PART_OF, ("ambition",)),
        Reference("addresses", Relation.ADDRESSES, ("challenge",), many=True),
        Reference("carried_from", Relation.CARRIED_FROM, ("focus_area",)),
    ),
    "indicator": (
        Reference("focus_area", Relation.MEASURED_BY, ("focus_area",), reverse=True),
        Reference("carried_from", Relation.CARRIED_FROM, ("indicator",)),
    ),
    "initiative": (
        Reference("focus_areas", Relation.SERVES, ("focus_area",), many=True),
        Reference("strength_position", Relation.DELIVERED_AT, ("strength_position",)),
        Reference("site", Relation.DELIVERED_AT, ("site",)),
        Reference("owner", Relation.OWNS, ("person",), reverse=True),
        Reference("draws_on", Relation.DRAWS_ON, ("support_offer",), many=True),
        Reference("carried_from", Relation.CARRIED_FROM, ("initiative",)),
    ),
    "meeting": (
        Reference("programme", Relation.HELD_FOR, ("programme",)),
        Reference("chair", Relation.CHAIRED_BY, ("person",)),
    ),
    "agenda_item": (
        Reference("meeting", Relation.ON_AGENDA_OF, ("meeting",)),
        Reference("subject", Relation.CONCERNS, AGENDA_SUBJECTS),
    ),
    "professional_ambition": (Reference("ambition", Relation.REALISES, ("ambition",)),),
    "position_part": (
        Reference("professional_ambition", Relation.PART_OF_DOCUMENT, ("professional_ambition",)),
        Reference("strength_position", Relation.WRITTEN_FOR, ("strength_position",)),
    ),
    "decision": (
        Reference("ambition", Relation.DECIDES, ("ambition", "professional_ambition")),
        Reference("prerequisite", Relation.DECIDES, ("prerequisite",)),
        Reference("by", Relation.DECIDED_BY, ("person",)),
        Reference("agenda_item", Relation.RESOLVES, ("agenda_item",)),
        Reference("recorded_by", Relation.RECORDED_BY, ("person",)),
    ),
    "baseline": (
        Reference("ambition", Relation.BASELINE_OF, ("ambition", "professional_ambition")),
        Reference("decision", Relation.APPROVED_IN, ("decision",)),
    ),
    "synergy_link": (
        Reference("source", Relation.LINKS, ("initiative", "focus_area", "challenge")),
        Reference("target", Relation.LINKS, ("initiative", "focus_area", "challenge")),
        Reference("by", Relation.MADE_BY, ("person",)),
        Reference("specialty", Relation.HIDDEN_FOR, ("specialty",)),
    ),
    "check_in": (
        Reference("subject", Relation.REPORTS_ON, ("initiative", "focus_area", "ambition")),
        Reference("needs", Relation.ASKS_FOR, ("prerequisite", "support_offer"), many=True),
        Reference("by", Relation.WRITTEN_BY, ("person",)),
    ),
    "signal": (
        Reference("subject", Relation.SIGNALS, SIGNAL_SUBJECTS),
        Reference("raised_by", Relation.RAISED_BY, ("person",)),
        Reference("answered_by", Relation.ANSWERED_BY, ("person",)),
    ),
}

#: Relation name of each role, from the person to the role's target.
ROLE_RELATION: dict[str, Relation] = {r.value: role_relation(r.value) for r in RoleKind}


def references_of(kind: str, data: Data) -> list[tuple[Reference, str]]:
    """Every (reference, target id) an item of ``kind`` holds.

    >>> [(r.field, t) for r, t in references_of("ambition", {"id": "a1", "specialty": "geri"})]
    [('specialty', 'geri')]
    """
    found: list[tuple[Reference, str]] = []
    for ref in REFERENCES[kind]:
        value = data.get(ref.field)
        if value is None:
            continue
        if ref.many:
            found.extend((ref, v) for v in value)
        else:
            found.append((ref, value))
    return found


def role_target_kind(role: str) -> str:
    """The kind a role of this name must point at (``"implementation_lead"`` -> ``"strength_position"``)."""
    return ROLE_TARGET[RoleKind(role)]
