"""Pydantic models of every element kind, in the shape of portfolio file format v1 (DESIGN.md section 6).

Each model is one item of a file section. References to other items are their ids. Models forbid
unknown keys, trim surrounding white space and bound the length of every text field, so a bad
item is rejected with a message that names the field.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from graph.vocabulary import (
    THEMES,
    AmbitionStatus,
    IndicatorKind,
    InitiativeStatus,
    Perspective,
    Phase,
    PrerequisiteKind,
    PrerequisiteStatus,
    RoleKind,
    Sequence,
    SiteKind,
)

#: An id: 1-100 characters of letters, digits and ``_ . : -``; stable across exports.
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=r"^[\w.:-]+$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")]
ThemeKey = Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)]
Value = float | Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]


class Element(BaseModel):
    """Common base: strict keys, bounded text."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)

    #: The element kind (internal key, singular) and the file section (plural) it lives in.
    kind: ClassVar[str]
    section: ClassVar[str]
    #: field name -> (relation, target kinds, direction) for every reference field; see graph.schema.

    if TYPE_CHECKING:
        # Every kind has an id: a field of most, a property made of the role's parts for a role.
        @property
        def id(self) -> str: ...

    def title_text(self) -> str:
        """What a person reads as this element's name."""
        for name in ("title", "name", "statement", "text"):
            value = getattr(self, name, None)
            if value:
                return str(value)
        return str(getattr(self, "id", ""))


def _check_themes(themes: list[str]) -> list[str]:
    unknown = [t for t in themes if t not in THEMES]
    if unknown:
        raise ValueError(f"unknown theme {', '.join(map(repr, unknown))}; known themes: {', '.join(THEMES)}")
    if len(set(themes)) != len(themes):
        raise ValueError("a theme is given twice")
    return themes


def _no_repeats(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise ValueError("an id is given twice")
    return values


class Programme(Element):
    kind: ClassVar[str] = "programme"
    section: ClassVar[str] = "programme"
    id: Id
    name: Name
    region: Name | None = None


class Site(Element):
    kind: ClassVar[str] = "site"
    section: ClassVar[str] = "sites"
    id: Id
    name: Name
    kind_: SiteKind = Field(SiteKind.other, alias="kind")
    organisation: Name | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)

    model_config = ConfigDict(populate_by_name=True)


class Specialty(Element):
    kind: ClassVar[str] = "specialty"
    section: ClassVar[str] = "specialties"
    id: Id
    name: Name
    phase: Phase | None = None


class StrengthPosition(Element):
    kind: ClassVar[str] = "strength_position"
    section: ClassVar[str] = "strength_positions"
    id: Id
    name: Name | None = None
    specialty: Id
    sites: list[Id] = Field(min_length=1, max_length=2)
    partner_sites: list[Id] = Field(default_factory=list, max_length=50)

    _unique = field_validator("sites", "partner_sites")(_no_repeats)


class Person(Element):
    kind: ClassVar[str] = "person"
    section: ClassVar[str] = "people"
    id: Id
    name: Name
    title: Name | None = None
    email: Email | None = None
    unit: Name | None = None


class Role(Element):
    """A person's role; points at exactly one of specialty, strength position or programme."""

    kind: ClassVar[str] = "role"
    section: ClassVar[str] = "roles"
    person: Id
    role: RoleKind
    specialty: Id | None = None
    strength_position: Id | None = None
    programme: Id | None = None
    note: ShortText | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Role:
        targets = [t for t in ("specialty", "strength_position", "programme") if getattr(self, t) is not None]
        if len(targets) != 1:
            raise ValueError("a role points at exactly one of specialty, strength_position or programme")
        return self

    @property
    def target_field(self) -> str:
        return next(t for t in ("specialty", "strength_position", "programme") if getattr(self, t) is not None)

    @property
    def target(self) -> str:
        value: str = getattr(self, self.target_field)
        return value

    @property
    def id(self) -> str:
        """Roles have no id in the file; the store keys them by person, role and target."""
        return role_id(self.person, str(self.role), self.target)


def role_id(person: str, role: str, target: str) -> str:
    """The store key of a role: ``role~person~role~target``."""
    return f"role~{person}~{role}~{target}"


class Ambition(Element):
    kind: ClassVar[str] = "ambition"
    section: ClassVar[str] = "ambitions"
    id: Id
    specialty: Id
    statement: LongText = Field(min_length=1)
    horizon_months: int | None = Field(None, ge=1, le=240)
    status: AmbitionStatus = AmbitionStatus.draft
    approved_on: dt.date | None = None


class SituationNote(Element):
    kind: ClassVar[str] = "situation"
    section: ClassVar[str] = "situation"
    id: Id
    specialty: Id
    site: Id | None = None
    perspective: Perspective
    text: LongText | None = None
    figures: dict[Annotated[str, StringConstraints(min_length=1, max_length=100)], float] = Field(
        default_factory=dict, max_length=100
    )
    as_of: dt.date | None = None
    source: ShortText | None = None


class ChallengePerspectives(BaseModel):
    """A core challenge's description per sustainability perspective."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    professional: LongText | None = None
    staff: LongText | None = None
    organisational: LongText | None = None


class CoreChallenge(Element):
    kind: ClassVar[str] = "challenge"
    section: ClassVar[str] = "challenges"
    id: Id
    ambition: Id
    title: Title
    site: Id | None = None
    perspectives: ChallengePerspectives = Field(default_factory=ChallengePerspectives)
    themes: list[ThemeKey] = Field(default_factory=list)

    _themes = field_validator("themes")(_check_themes)


class Prerequisite(Element):
    kind: ClassVar[str] = "prerequisite"
    section: ClassVar[str] = "prerequisites"
    id: Id
    ambition: Id
    text: Title
    kind_: PrerequisiteKind = Field(PrerequisiteKind.other, alias="kind")
    status: PrerequisiteStatus = PrerequisiteStatus.proposed
    enables: list[Id] = Field(default_factory=list)

    model_config = ConfigDict(populate_by_name=True)
    _unique = field_validator("enables")(_no_repeats)


class FocusArea(Element):
    kind: ClassVar[str] = "focus_area"
    section: ClassVar[str] = "focus_areas"
    id: Id
    ambition: Id
    title: Title
    description: LongText | None = None
    sequence: Sequence | None = None
    order: int | None = Field(None, ge=0, le=10_000)
    addresses: list[Id] = Field(default_factory=list)
    themes: list[ThemeKey] = Field(default_factory=list)

    _unique = field_validator("addresses")(_no_repeats)
    _themes = field_validator("themes")(_check_themes)


class Reading(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    date: dt.date
    value: Value
    note: ShortText | None = None


class Indicator(Element):
    kind: ClassVar[str] = "indicator"
    section: ClassVar[str] = "indicators"
    id: Id
    focus_area: Id
    name: Title
    kind_: IndicatorKind = Field(IndicatorKind.quantitative, alias="kind")
    unit: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)] | None = None
    baseline: Value | None = None
    target: Value | None = None
    readings: list[Reading] = Field(default_factory=list, max_length=1000)

    model_config = ConfigDict(populate_by_name=True)


class Initiative(Element):
    kind: ClassVar[str] = "initiative"
    section: ClassVar[str] = "initiatives"
    id: Id
    title: Title
    description: LongText | None = None
    focus_areas: list[Id] = Field(default_factory=list)
    strength_position: Id | None = None
    site: Id | None = None
    owner: Id | None = None
    status: InitiativeStatus = InitiativeStatus.planned
    start: dt.date | None = None
    end: dt.date | None = None
    themes: list[ThemeKey] = Field(default_factory=list)

    _unique = field_validator("focus_areas")(_no_repeats)
    _themes = field_validator("themes")(_check_themes)

    @model_validator(mode="after")
    def _place_and_dates(self) -> Initiative:
        if self.strength_position is not None and self.site is not None:
            raise ValueError("an initiative is delivered at a strength_position or a site, not both")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


#: Every element kind, in the order of the file format (and of a safe import).
MODELS: tuple[type[Element], ...] = (
    Programme,
    Site,
    Specialty,
    StrengthPosition,
    Person,
    Role,
    Ambition,
    SituationNote,
    CoreChallenge,
    Prerequisite,
    FocusArea,
    Indicator,
    Initiative,
)
MODEL_BY_KIND: dict[str, type[Element]] = {m.kind: m for m in MODELS}
MODEL_BY_SECTION: dict[str, type[Element]] = {m.section: m for m in MODELS}
