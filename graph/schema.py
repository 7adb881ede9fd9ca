"""The relation schema: which fields of which kind refer to which kinds, and as which relation.

Relations are stored in the direction DESIGN.md section 2 names them; ``reverse`` marks the two
whose arrow points at the item that holds the reference (Person OWNS Initiative, FocusArea
MEASURED_BY Indicator).
"""
from __future__ import annotations

from dataclasses import dataclass

from graph.record import Data
from graph.vocabulary import ROLE_TARGET, RoleKind


@dataclass(frozen=True)
class Reference:
    field: str
    relation: str
    targets: tuple[str, ...]
    many: bool = False
    reverse: bool = False


#: What a signal from practice may be raised on: any element of a specialty's ambition.
SIGNAL_SUBJECTS: tuple[str, ...] = ("initiative", "focus_area", "ambition", "indicator", "challenge", "prerequisite")

REFERENCES: dict[str, tuple[Reference, ...]] = {
    "programme": (),
    "site": (),
    "specialty": (),
    "person": (),
    "strength_position": (
        Reference("specialty", "OF", ("specialty",)),
        Reference("sites", "AT", ("site",), many=True),
        Reference("partner_sites", "PARTNERS_WITH", ("site",), many=True),
    ),
    "role": (
        Reference("person", "HAS_ROLE", ("person",)),
        Reference("specialty", "ROLE_IN", ("specialty",)),
        Reference("strength_position", "ROLE_IN", ("strength_position",)),
        Reference("programme", "ROLE_IN", ("programme",)),
    ),
    "support_offer": (Reference("owner", "OWNS", ("person",), reverse=True),),
    "ambition": (
        Reference("specialty", "OF", ("specialty",)),
        Reference("previous", "SUCCEEDS", ("ambition",)),
    ),
    "situation": (
        Reference("specialty", "DESCRIBES", ("specialty",)),
        Reference("site", "AT", ("site",)),
    ),
    "challenge": (
        Reference("ambition", "BELONGS_TO", ("ambition",)),
        Reference("site", "AT", ("site",)),
    ),
    "prerequisite": (
        Reference("ambition", "BELONGS_TO", ("ambition",)),
        Reference("enables", "ENABLES", ("focus_area",), many=True),
        Reference("draws_on", "DRAWS_ON", ("support_offer",), many=True),
    ),
    "focus_area": (
        Reference("ambition", "PART_OF", ("ambition",)),
        Reference("addresses", "ADDRESSES", ("challenge",), many=True),
        Reference("carried_from", "CARRIED_FROM", ("focus_area",)),
    ),
    "indicator": (
        Reference("focus_area", "MEASURED_BY", ("focus_area",), reverse=True),
        Reference("carried_from", "CARRIED_FROM", ("indicator",)),
    ),
    "initiative": (
        Reference("focus_areas", "SERVES", ("focus_area",), many=True),
        Reference("strength_position", "DELIVERED_AT", ("strength_position",)),
        Reference("site", "DELIVERED_AT", ("site",)),
        Reference("owner", "OWNS", ("person",), reverse=True),
        Reference("draws_on", "DRAWS_ON", ("support_offer",), many=True),
        Reference("carried_from", "CARRIED_FROM", ("initiative",)),
    ),
    "decision": (
        Reference("ambition", "DECIDES", ("ambition",)),
        Reference("by", "DECIDED_BY", ("person",)),
    ),
    "baseline": (
        Reference("ambition", "BASELINE_OF", ("ambition",)),
        Reference("decision", "APPROVED_IN", ("decision",)),
    ),
    "synergy_link": (
        Reference("source", "LINKS", ("initiative", "focus_area", "challenge")),
        Reference("target", "LINKS", ("initiative", "focus_area", "challenge")),
        Reference("by", "MADE_BY", ("person",)),
        Reference("specialty", "HIDDEN_FOR", ("specialty",)),
    ),
    "check_in": (
        Reference("subject", "REPORTS_ON", ("initiative", "focus_area", "ambition")),
        Reference("needs", "ASKS_FOR", ("prerequisite", "support_offer"), many=True),
        Reference("by", "WRITTEN_BY", ("person",)),
    ),
    "signal": (
        Reference("subject", "SIGNALS", SIGNAL_SUBJECTS),
        Reference("raised_by", "RAISED_BY", ("person",)),
        Reference("answered_by", "ANSWERED_BY", ("person",)),
    ),
}

#: Relation name of each role, from the person to the role's target.
ROLE_RELATION: dict[str, str] = {r.value: r.value.upper() for r in RoleKind}


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
