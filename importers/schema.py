"""The whole portfolio file (format v1) as one pydantic model, and its published JSON Schema.

Import validates item by item (graph.changeset.parse_record) so that every problem is located;
this model describes the same shape at once, for the JSON Schema and for tools that want it.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.models import (
    AgendaItem,
    Ambition,
    Baseline,
    CheckIn,
    CoreChallenge,
    Decision,
    FocusArea,
    Indicator,
    Initiative,
    Meeting,
    Person,
    PositionPart,
    Prerequisite,
    ProfessionalAmbition,
    Programme,
    Role,
    Signal,
    Site,
    SituationNote,
    Specialty,
    StrengthPosition,
    SupportOffer,
    SynergyLink,
)
from importers.document import FORMAT

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://example.org/ambition-tracker/portfolio-v1.schema.json"


class PortfolioDocument(BaseModel):
    """A portfolio file v1: one programme and everything that belongs to it."""

    model_config = ConfigDict(extra="forbid", title="Ambition tracker portfolio file v1")

    format: Literal["ambition-tracker/v1"] = Field(description="The format marker; always " + FORMAT)
    revision: int | None = Field(
        None, ge=0, description="The store revision the file was exported at; an import refuses to overwrite later changes"
    )
    programme: Programme
    sites: list[Site] = Field(default_factory=list)
    specialties: list[Specialty] = Field(default_factory=list)
    strength_positions: list[StrengthPosition] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    support_offers: list[SupportOffer] = Field(default_factory=list)
    ambitions: list[Ambition] = Field(default_factory=list)
    situation: list[SituationNote] = Field(default_factory=list)
    challenges: list[CoreChallenge] = Field(default_factory=list)
    prerequisites: list[Prerequisite] = Field(default_factory=list)
    focus_areas: list[FocusArea] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)
    professional_ambitions: list[ProfessionalAmbition] = Field(default_factory=list)
    position_parts: list[PositionPart] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    agenda_items: list[AgendaItem] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    baselines: list[Baseline] = Field(default_factory=list)
    synergy_links: list[SynergyLink] = Field(default_factory=list)
    check_ins: list[CheckIn] = Field(default_factory=list)
    signals: list[Signal] = Field(default_factory=list)


def json_schema() -> dict:
    """Return the JSON Schema (draft 2020-12) of portfolio file format v1, generated from the models.

    Rules the models check in code are added where JSON Schema can say them: a role points at
    exactly one of specialty, strength position or programme; an initiative at most at one of
    strength position or site.
    """
    schema = PortfolioDocument.model_json_schema(by_alias=True, mode="validation")
    defs = schema.get("$defs", {})
    if "Role" in defs:
        defs["Role"]["oneOf"] = [{"required": [target]} for target in ("specialty", "strength_position", "programme")]
    if "Initiative" in defs:
        defs["Initiative"]["not"] = {"required": ["strength_position", "site"]}
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **schema}
