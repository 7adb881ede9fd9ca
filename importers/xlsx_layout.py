"""How a portfolio (file format v1) lies in an Excel workbook: sheets, columns, headers, value kinds.

Shared by the writer (importers.xlsx_writer) and the reader (importers.xlsx_reader) so the two
cannot drift. One sheet per section in file-format order; a situation note's figures and an
indicator's readings, which are lists inside an item, get a sheet of their own right after their
owner's, one row each, so nothing is packed into one cell that a person would have to parse.
Headers are Danish or English; the reader knows both and the file's own keys.
"""
from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from enum import Enum

from graph.models import MODELS, Element
from graph.schema import REFERENCES
from graph.vocabulary import THEMES, FigureKind, label

#: Sheet names per section (and the two child sheets), Danish and English; at most 31 characters.
SHEET_NAMES: dict[str, tuple[str, str]] = {
    "programme": ("Program", "Programme"),
    "sites": ("Matrikler", "Sites"),
    "specialties": ("Specialer", "Specialties"),
    "strength_positions": ("Styrkepositioner", "Strength positions"),
    "people": ("Personer", "People"),
    "roles": ("Roller", "Roles"),
    "ambitions": ("Strategiske ambitioner", "Strategic ambitions"),
    "situation": ("Situationsbillede", "Situation picture"),
    "figures": ("Nøgletal", "Figures"),
    "challenges": ("Kerneudfordringer", "Core challenges"),
    "prerequisites": ("Forudsætninger", "Prerequisites"),
    "focus_areas": ("Indsatsområder", "Focus areas"),
    "indicators": ("Indikatorer", "Indicators"),
    "readings": ("Målinger", "Readings"),
    "initiatives": ("Faglige indsatser", "Initiatives"),
    "support_offers": ("Støttetilbud", "Support offers"),
    "professional_ambitions": ("Faglige ambitioner", "Professional ambitions"),
    "position_parts": ("Styrkepositionernes dele", "Strength positions' parts"),
    "meetings": ("Møder", "Meetings"),
    "agenda_items": ("Dagsordenspunkter", "Agenda items"),
    "decisions": ("Beslutninger", "Decisions"),
    "baselines": ("Godkendte udgaver", "Approved versions"),
    "synergy_links": ("Forbindelser på tværs", "Cross-specialty links"),
    "check_ins": ("Statusopdateringer", "Status check-ins"),
    "signals": ("Signaler fra praksis", "Signals from practice"),
}
#: The hidden sheet holding the pick lists of the enumerations.
LISTS_SHEET: tuple[str, str] = ("Lister", "Lists")

_HEADERS: dict[str, tuple[str, str]] = {
    "id": ("Id", "Id"),
    "name": ("Navn", "Name"),
    "region": ("Region", "Region"),
    "kind": ("Type", "Kind"),
    "organisation": ("Sygehusorganisation", "Hospital organisation"),
    "lat": ("Breddegrad", "Latitude"),
    "lon": ("Længdegrad", "Longitude"),
    "phase": ("Fase", "Phase"),
    "specialty": ("Speciale", "Specialty"),
    "sites": ("Matrikler", "Sites"),
    "partner_sites": ("Samarbejdende akutsygehuse", "Partner sites"),
    "title": ("Titel", "Title"),
    "email": ("E-mail", "Email"),
    "unit": ("Enhed", "Unit"),
    "person": ("Person", "Person"),
    "role": ("Rolle", "Role"),
    "strength_position": ("Styrkeposition", "Strength position"),
    "programme": ("Program", "Programme"),
    "note": ("Note", "Note"),
    "statement": ("Ambition", "Statement"),
    "horizon_months": ("Tidshorisont (måneder)", "Horizon (months)"),
    "status": ("Status", "Status"),
    "approved_on": ("Godkendt den", "Approved on"),
    "site": ("Matrikel", "Site"),
    "perspective": ("Perspektiv", "Perspective"),
    "text": ("Tekst", "Text"),
    "as_of": ("Opgjort pr.", "As of"),
    "source": ("Kilde", "Source"),
    "ambition": ("Strategisk ambition", "Strategic ambition"),
    "perspectives.professional": ("Fagligt perspektiv", "Professional perspective"),
    "perspectives.staff": ("Personalemæssigt perspektiv", "Staff perspective"),
    "perspectives.organisational": ("Organisatorisk perspektiv", "Organisational perspective"),
    "themes": ("Temaer", "Themes"),
    "enables": ("Muliggør indsatsområder", "Enables focus areas"),
    "description": ("Beskrivelse", "Description"),
    "sequence": ("Rækkefølge", "Sequence"),
    "order": ("Orden", "Order"),
    "addresses": ("Adresserer kerneudfordringer", "Addresses core challenges"),
    "focus_area": ("Indsatsområde", "Focus area"),
    "baseline": ("Udgangspunkt", "Baseline"),
    "target": ("Mål", "Target"),
    "focus_areas": ("Indsatsområder", "Focus areas"),
    "owner": ("Ejer", "Owner"),
    "start": ("Start", "Start"),
    "end": ("Slut", "End"),
    "situation": ("Situationsbillede", "Situation note"),
    "figure": ("Nøgletal", "Figure"),
    "value": ("Værdi", "Value"),
    "indicator": ("Indikator", "Indicator"),
    "date": ("Dato", "Date"),
    "draws_on": ("Trækker på støttetilbud", "Draws on support offers"),
    "reasons": ("Begrundelser for forbindelser", "Reasons for links"),
    "carried_from": ("Videreført fra", "Carried from"),
    "previous": ("Forrige udgave", "Previous version"),
    "outcome": ("Beslutning", "Outcome"),
    "decided_on": ("Besluttet den", "Decided on"),
    "reason": ("Begrundelse", "Reason"),
    "meeting": ("Møde", "Meeting"),
    "by": ("Af", "By"),
    "revision": ("Revision", "Revision"),
    "decision": ("Beslutning", "Decision"),
    "content": ("Godkendt indhold", "Approved content"),
    "link": ("Forbindelse", "Link"),
    "on": ("Dato", "Date"),
    # follow-up after approval
    "reporting_rhythm": ("Rapporteringsrytme", "Reporting rhythm"),
    "direction": ("Retning", "Direction"),
    "target_date": ("Måldato", "Target date"),
    "reading_frequency_months": ("Målehyppighed (måneder)", "Reading frequency (months)"),
    "tolerance": ("Tolerance", "Tolerance"),
    "subject": ("Element", "Element"),
    "cause": ("Årsag (forudsætning eller støttetilbud)", "Cause (prerequisite or support offer)"),
    "verdict": ("Genbekræftelse", "Re-confirmation"),
    "period": ("Periode", "Period"),
    "happened": ("Hvad er sket", "What happened"),
    "next": ("Hvad sker der nu", "What comes next"),
    "needed": ("Hvad er behovet", "What is needed"),
    "needs": ("Beder om (forudsætning eller støttetilbud)", "Asks for (prerequisite or support offer)"),
    "written_on": ("Skrevet den", "Written on"),
    "raised_by": ("Rejst af", "Raised by"),
    "raised_on": ("Rejst den", "Raised on"),
    "answer": ("Svar", "Answer"),
    "answered_by": ("Besvaret af", "Answered by"),
    "answered_on": ("Besvaret den", "Answered on"),
    # the steering group's meetings
    "place": ("Sted", "Place"),
    "chair": ("Mødeleder", "Chair"),
    "agenda_item": ("Dagsordenspunkt", "Agenda item"),
    "recorded_by": ("Ført til referat af", "Recorded by"),
    "prerequisite": ("Forudsætning", "Prerequisite"),
    "professional_ambition": ("Faglig ambition", "Professional ambition"),
    "aim": ("Hvad den faglige ambition vil", "What the professional ambition wants"),
    "involvement": ("Sådan inddrages afdelingerne", "How the departments are involved"),
}
#: Headers that mean something else on one sheet.
_SHEET_HEADERS: dict[tuple[str, str], tuple[str, str]] = {
    ("people", "title"): ("Stilling", "Job title"),
    ("agenda_items", "subject"): ("Punktet handler om", "About"),
    ("synergy_links", "source"): ("Fra element", "From element"),
    ("synergy_links", "target"): ("Til element", "To element"),
    ("synergy_links", "specialty"): ("Skjult for speciale", "Hidden for specialty"),
}

# Value kinds of a column.
TEXT, NUMBER, VALUE, DATE, ENUM, THEME_LIST, REF, REF_LIST = "text", "number", "value", "date", "enum", "themes", "ref", "refs"
#: A mapping kept in one cell as JSON text (a link's reasons, a baseline's frozen content).
JSON = "json"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the field key (dotted for a nested field), its value kind and headers."""

    key: str
    kind: str
    headers: tuple[str, str]
    #: Enumeration values (file keys) for ENUM and THEME_LIST; the section referred to for REF and REF_LIST.
    choices: tuple[str, ...] = ()
    target: str | None = None

    def header(self, lang: str) -> str:
        return self.headers[0 if lang == "da" else 1]


@dataclass(frozen=True)
class Sheet:
    """One sheet: the section it holds (or a child sheet: ``figures``, ``readings``) and its columns."""

    section: str
    kind: str | None
    columns: tuple[Column, ...]
    #: For a child sheet, the section of the items its rows belong to.
    parent: str | None = None

    def name(self, lang: str) -> str:
        return SHEET_NAMES[self.section][0 if lang == "da" else 1]


_SECTION_OF_KIND: dict[str, str] = {m.kind: m.section for m in MODELS}


def _plain_type(annotation: object) -> object:
    """The type inside ``X | None`` and ``Annotated[X, ...]``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _column(model: type[Element], key: str, annotation: object, section: str) -> Column:
    headers = _SHEET_HEADERS.get((section, key), _HEADERS[key])
    refs = {r.field: r for r in REFERENCES[model.kind]}
    if key in refs:
        ref = refs[key]
        # A reference that may point at several kinds gets no pick list (one list cannot hold them all).
        target = _SECTION_OF_KIND[ref.targets[0]] if len(ref.targets) == 1 else None
        return Column(key, REF_LIST if ref.many else REF, headers, target=target)
    if key in ("reasons", "content"):
        return Column(key, JSON, headers)
    if key == "themes":
        return Column(key, THEME_LIST, headers, tuple(THEMES))
    plain = _plain_type(annotation)
    if isinstance(plain, type) and issubclass(plain, Enum):
        return Column(key, ENUM, headers, tuple(str(m.value) for m in plain))
    if plain is dt.date:
        return Column(key, DATE, headers)
    if plain in (int, float):
        return Column(key, NUMBER, headers)
    if key in ("baseline", "target", "value"):
        return Column(key, VALUE, headers)
    return Column(key, TEXT, headers)


def _sheet(model: type[Element]) -> Sheet:
    columns: list[Column] = []
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key in ("figures", "readings"):
            continue
        if key == "perspectives":
            columns.extend(Column(f"perspectives.{p}", TEXT, _HEADERS[f"perspectives.{p}"]) for p in ("professional", "staff", "organisational"))
            continue
        columns.append(_column(model, key, field.annotation, model.section))
    return Sheet(model.section, model.kind, tuple(columns))


def _layout() -> tuple[Sheet, ...]:
    from graph.models import Reading

    sheets: list[Sheet] = []
    for model in MODELS:
        sheets.append(_sheet(model))
        if model.section == "situation":
            sheets.append(
                Sheet(
                    "figures",
                    None,
                    (
                        Column("situation", REF, _HEADERS["situation"], target="situation"),
                        Column("name", TEXT, _HEADERS["figure"]),
                        Column("value", NUMBER, _HEADERS["value"]),
                        Column("unit", TEXT, _HEADERS["unit"]),
                        Column("kind", ENUM, _HEADERS["kind"], tuple(str(k.value) for k in FigureKind)),
                    ),
                    parent="situation",
                )
            )
        if model.section == "indicators":
            reading_columns = [Column("indicator", REF, _HEADERS["indicator"], target="indicators")]
            for name in Reading.model_fields:
                kind = DATE if name == "date" else VALUE if name == "value" else TEXT
                reading_columns.append(Column(name, kind, _HEADERS[name]))
            sheets.append(Sheet("readings", None, tuple(reading_columns), parent="indicators"))
    return tuple(sheets)


#: Every sheet, in the order of the file format.
SHEETS: tuple[Sheet, ...] = _layout()


def choice_label(value: str, lang: str) -> str:
    """What a cell shows for an enumeration value or theme key."""
    return label(value, lang)


def choice_lookup(column: Column) -> dict[str, str]:
    """Every way a person may write a choice of ``column`` (key, Danish or English label; any case) -> its key."""
    found: dict[str, str] = {}
    for value in column.choices:
        for written in (value, label(value, "da"), label(value, "en")):
            found.setdefault(written.casefold(), value)
    return found

#: The workbook's document property naming the store revision it was exported at (``revision:`` of a YAML file).
REVISION_PROPERTY = "tracker-revision"
