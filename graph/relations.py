"""The relations of the portfolio graph, as one enumeration (DESIGN.md section 2).

A relation is named in the direction the design reads it (Initiative SERVES FocusArea). The
schema's references (graph/schema.py) are built from these members, and the read model's
accessors (graph/portfolio.py) take them, so a misspelt relation is an AttributeError where it is
written rather than an empty answer where it is read. Members are strings (``StrEnum``), so a
relation is also its own name in a file, a Cypher statement or a networkx edge key.

>>> Relation.SERVES == "SERVES", Relation("PART_OF") is Relation.PART_OF
(True, True)
>>> role_relation("implementation_lead")
<Relation.IMPLEMENTATION_LEAD: 'IMPLEMENTATION_LEAD'>
"""
from __future__ import annotations

from enum import StrEnum

from graph.vocabulary import RoleKind


class Relation(StrEnum):
    # The ambition and its parts.
    OF = "OF"
    SUCCEEDS = "SUCCEEDS"
    DESCRIBES = "DESCRIBES"
    BELONGS_TO = "BELONGS_TO"  # a core challenge or a prerequisite to its ambition
    PART_OF = "PART_OF"
    ADDRESSES = "ADDRESSES"
    MEASURED_BY = "MEASURED_BY"
    ENABLES = "ENABLES"
    # The faglig ambition and where it is delivered.
    SERVES = "SERVES"
    DELIVERED_AT = "DELIVERED_AT"
    OWNS = "OWNS"
    DRAWS_ON = "DRAWS_ON"
    CARRIED_FROM = "CARRIED_FROM"
    TAGGED = "TAGGED"
    # The organisation.
    IN = "IN"  # a specialty in its programme: made from the record's programme, not from a field
    AT = "AT"
    PARTNERS_WITH = "PARTNERS_WITH"
    HAS_ROLE = "HAS_ROLE"
    ROLE_IN = "ROLE_IN"
    # Governance and synergies.
    DECIDES = "DECIDES"
    DECIDED_BY = "DECIDED_BY"
    BASELINE_OF = "BASELINE_OF"
    APPROVED_IN = "APPROVED_IN"
    LINKS = "LINKS"
    MADE_BY = "MADE_BY"
    HIDDEN_FOR = "HIDDEN_FOR"
    # Follow-up: check-ins and signals from practice.
    REPORTS_ON = "REPORTS_ON"
    ASKS_FOR = "ASKS_FOR"
    WRITTEN_BY = "WRITTEN_BY"
    SIGNALS = "SIGNALS"
    RAISED_BY = "RAISED_BY"
    ANSWERED_BY = "ANSWERED_BY"
    # The steering group's meetings: a meeting of a programme, its chair, its agenda items and what
    # each is about, and the decision that resolves an item (recorded by the secretariat).
    HELD_FOR = "HELD_FOR"
    CHAIRED_BY = "CHAIRED_BY"
    ON_AGENDA_OF = "ON_AGENDA_OF"
    CONCERNS = "CONCERNS"
    RESOLVES = "RESOLVES"
    RECORDED_BY = "RECORDED_BY"
    # The faglig ambition as a document: it realises a strategic ambition; each strength position writes its part.
    REALISES = "REALISES"
    PART_OF_DOCUMENT = "PART_OF_DOCUMENT"
    WRITTEN_FOR = "WRITTEN_FOR"
    # A role is an edge from the person to the role's target, named by the role.
    SPECIALTY_OWNER = "SPECIALTY_OWNER"
    IMPLEMENTATION_LEAD = "IMPLEMENTATION_LEAD"
    CORE_TEAM = "CORE_TEAM"
    SECRETARIAT = "SECRETARIAT"
    STEERING_GROUP = "STEERING_GROUP"


def role_relation(role: str) -> Relation:
    """Return the relation of a role (``"core_team"`` -> ``Relation.CORE_TEAM``)."""
    return Relation(RoleKind(role).value.upper())


#: Every role's relation, from the person to the role's target.
ROLE_RELATIONS: frozenset[Relation] = frozenset(role_relation(role.value) for role in RoleKind)
