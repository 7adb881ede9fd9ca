"""A specialty's strategic ambition document as a Word file (.docx), in the guidance's order.

The same document as the web page and its print (graph.queries.document): real Word headings
(Heading 1 for the numbered sections, so Word's navigation pane and table of contents work),
tables with a header row that repeats on every page, the site map as a PNG picture, and a
running header on every page with programme, specialty, version, status and printed date.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from graph.formatting import format_date, format_number
from graph.models import figure_parts
from graph.portfolio import PortfolioGraph
from graph.queries.document import AmbitionDocument, ambition_document, running_header
from graph.queries.situation import map_sites, summed_counts
from graph.vocabulary import SUSTAINABILITY_PERSPECTIVES, figure_label, kind_label, label
from importers.site_map_png import PlacedSite, site_map_png

# python-docx (with lxml, 0.05 s) is imported when a document is written, not when a server starts.
if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import Table

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: The document's own words, (Danish, English).
WORDS: dict[str, tuple[str, str]] = {
    "title": ("Strategisk ambition", "Strategic ambition"),
    "situation": ("1. Situationsbillede", "1. Situation picture"),
    "challenges": ("2. Kerneudfordringer", "2. Core challenges"),
    "ambition": ("3. Ambition og forudsætninger", "3. The ambition and its prerequisites"),
    "focus_areas": ("4. Strategiske indsatsområder med indikatorer", "4. Strategic focus areas with indicators"),
    "professional": ("Faglig ambition: faglige indsatser pr. indsatsområde", "Professional ambition: initiatives by focus area"),
    "team": ("Kerneteam", "Core team"),
    "whole": ("Hele specialet", "The whole specialty"),
    "prerequisites": ("Forudsætninger", "Prerequisites"),
    "perspective": ("Perspektiv", "Perspective"),
    "description": ("Beskrivelse", "Description"),
    "figures": ("Tal", "Figures"),
    "as_of": ("Opgjort", "As of"),
    "source": ("Kilde", "Source"),
    "text": ("Tekst", "Text"),
    "kind": ("Art", "Kind"),
    "status": ("Status", "Status"),
    "enables": ("Muliggør", "Enables"),
    "indicator": ("Indikator", "Indicator"),
    "unit": ("Enhed", "Unit"),
    "baseline": ("Udgangspunkt", "Baseline"),
    "target": ("Mål", "Target"),
    "latest": ("Seneste måling", "Latest reading"),
    "initiative": ("Faglig indsats", "Initiative"),
    "owner": ("Ansvarlig", "Owner"),
    "start": ("Start", "Start"),
    "end": ("Slut", "End"),
    "where": ("Hvor", "Where"),
    "role": ("Rolle", "Role"),
    "people": ("Personer", "People"),
    "addresses": ("Adresserer", "Addresses"),
    "horizon": ("Tidshorisont", "Horizon"),
    "months": ("måneder", "months"),
    "approved_on": ("godkendt", "approved"),
    "no_ambition": ("Specialet har endnu ingen strategisk ambition.", "The specialty has no strategic ambition yet."),
    "none": ("Ingen endnu.", "None yet."),
    "not_sequenced": ("Ikke sekvenseret", "Not sequenced"),
    "unplaced": ("Indsatser uden indsatsområde", "Initiatives serving no focus area"),
    "missing": ("mangler", "missing"),
    "map": ("Specialets matrikler i regionen", "The specialty's sites in the region"),
    "totals": ("Hele specialet, alle matrikler", "The whole specialty, all sites"),
}


def word(key: str, lang: str) -> str:
    """Return one of the document's own words in ``lang``."""
    da, en = WORDS[key]
    return da if lang == "da" else en


def _repeat_header_row(table: Table) -> None:
    """Mark the first row as a header row, which Word repeats on every page the table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def add_table(document: DocxDocument, headers: list[str], rows: list[list[str]]) -> Table:
    """Add a table with a bold header row that Word repeats on every page it runs over, and a blank line after it."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    _repeat_header_row(table)
    document.add_paragraph()
    return table


def _figures_text(figures: dict, lang: str) -> str:
    lines = []
    for name in sorted(figures):
        value, unit, _kind = figure_parts(figures[name])
        lines.append(f"{figure_label(name, lang)}: {format_number(value, lang)}{' ' + unit if unit else ''}")
    return "\n".join(lines)


#: The figures the map prints beside a site, in this order of preference.
_MAP_FIGURES = ("specialists", "nurses", "trainees", "beds")


def _site_map(pg: PortfolioGraph, doc: AmbitionDocument, lang: str) -> bytes | None:
    """The map of the programme's sites with coordinates; the specialty's own filled, with their summed counts."""
    sums: dict[str, dict[str, float]] = {}
    for site, counts in summed_counts(pg, (n for _site, notes in doc.situation for n in notes)).items():
        for (name, _unit), value in counts.items():
            if site is not None:
                sums.setdefault(site, {})[name] = sums.get(site, {}).get(name, 0.0) + value
    placed = []
    for place in map_sites(pg, doc.specialty, (s for s, _notes in doc.situation if s is not None))[0]:
        shown = sums.get(place.id, {})
        # Two lines at most, so neighbouring sites stay readable; the tables below hold every figure.
        keys = [k for k in _MAP_FIGURES if k in shown] or sorted(shown)
        lines = [f"{figure_label(k, lang)}: {format_number(shown[k], lang)}" for k in keys[:2]]
        placed.append(PlacedSite(pg.display_title(place.id), place.lat, place.lon, place.acute, place.own, lines))
    return site_map_png(placed)


def _section_situation(document: DocxDocument, pg: PortfolioGraph, doc: AmbitionDocument, lang: str) -> None:
    document.add_heading(word("situation", lang), level=1)
    picture = _site_map(pg, doc, lang)
    if picture is not None:
        from docx.shared import Cm

        document.add_picture(io.BytesIO(picture), width=Cm(15.5))
        document.add_paragraph(word("map", lang)).style = "Caption"
    headers = [word(k, lang) for k in ("perspective", "description", "figures", "as_of", "source")]
    for site, notes in doc.situation:
        document.add_heading(pg.display_title(site) if site else word("whole", lang), level=2)
        rows = []
        for note in notes:
            data = pg.data(note)
            rows.append([
                label(str(data.get("perspective", "")), lang),
                str(data.get("text") or ""),
                _figures_text(data.get("figures", {}), lang),
                format_date(data.get("as_of"), lang),
                str(data.get("source") or ""),
            ])
        add_table(document, headers, rows)
    if not doc.situation:
        document.add_paragraph(word("none", lang))


def _section_challenges(document: DocxDocument, pg: PortfolioGraph, doc: AmbitionDocument, lang: str) -> None:
    document.add_heading(word("challenges", lang), level=1)
    for site, items in doc.challenges:
        document.add_heading(pg.display_title(site) if site else word("whole", lang), level=2)
        for challenge in items:
            data = pg.data(challenge)
            document.add_heading(pg.display_title(challenge, limit=10_000), level=3)
            perspectives = data.get("perspectives") or {}
            rows = [[label(p.value, lang), str(perspectives.get(p.value) or "–")] for p in SUSTAINABILITY_PERSPECTIVES]
            add_table(document, [word("perspective", lang), word("description", lang)], rows)
    if not doc.challenges:
        document.add_paragraph(word("none", lang))


def _section_ambition(document: DocxDocument, pg: PortfolioGraph, doc: AmbitionDocument, lang: str) -> None:
    document.add_heading(word("ambition", lang), level=1)
    for amb in doc.ambitions:
        data = pg.data(amb)
        document.add_paragraph(str(data.get("statement", "")), style="Intense Quote")
        facts = []
        if data.get("horizon_months"):
            facts.append(f"{word('horizon', lang)}: {data['horizon_months']} {word('months', lang)}")
        state = label(str(data.get("status", "draft")), lang)
        if data.get("approved_on"):
            state += f", {word('approved_on', lang)} {format_date(data['approved_on'], lang)}"
        facts.append(f"{word('status', lang)}: {state}")
        document.add_paragraph(" · ".join(facts))
    if not doc.ambitions:
        document.add_paragraph(word("no_ambition", lang))
    document.add_heading(word("prerequisites", lang), level=2)
    rows = []
    for pre in doc.prerequisites:
        data = pg.data(pre)
        rows.append([
            str(data.get("text", "")),
            label(str(data.get("kind", "other")), lang),
            label(str(data.get("status", "proposed")), lang),
            ", ".join(pg.display_title(fa) for fa in data.get("enables", ()) if fa in pg),
        ])
    if rows:
        add_table(document, [word(k, lang) for k in ("text", "kind", "status", "enables")], rows)
    else:
        document.add_paragraph(word("none", lang))


def _latest(readings: list) -> str:
    dated = sorted((r for r in readings if isinstance(r, dict)), key=lambda r: str(r.get("date", "")))
    return "" if not dated else str(dated[-1].get("value", ""))


def _section_focus_areas(document: DocxDocument, pg: PortfolioGraph, doc: AmbitionDocument, lang: str) -> None:
    document.add_heading(word("focus_areas", lang), level=1)
    headers = [word(k, lang) for k in ("indicator", "kind", "unit", "baseline", "target", "latest")]
    for fa in doc.focus_areas:
        data = pg.data(fa)
        sequence = label(data["sequence"], lang) if data.get("sequence") else word("not_sequenced", lang)
        document.add_heading(f"{pg.display_title(fa, limit=10_000)} ({sequence})", level=2)
        if data.get("description"):
            document.add_paragraph(str(data["description"]))
        if data.get("addresses"):
            names = ", ".join(pg.display_title(c) for c in data["addresses"] if c in pg)
            document.add_paragraph(f"{word('addresses', lang)}: {names}")
        rows = []
        for ind in doc.indicators.get(fa, []):
            d = pg.data(ind)
            rows.append([
                str(d.get("name", "")),
                label(str(d.get("kind", "quantitative")), lang),
                str(d.get("unit") or ""),
                format_number(d.get("baseline"), lang),
                format_number(d.get("target"), lang),
                format_number(_number_or_text(_latest(d.get("readings", []))), lang),
            ])
        if rows:
            add_table(document, headers, rows)
    if not doc.focus_areas:
        document.add_paragraph(word("none", lang))


def _number_or_text(text: str) -> object:
    try:
        return float(text)
    except ValueError:
        return text


def _initiative_rows(pg: PortfolioGraph, items: list[str], lang: str) -> list[list[str]]:
    rows = []
    for ini in items:
        d = pg.data(ini)
        where = d.get("strength_position") or d.get("site")
        rows.append([
            pg.display_title(ini, limit=10_000),
            label(str(d.get("status", "planned")), lang),
            pg.display_title(d["owner"]) if d.get("owner") in pg else "",
            pg.display_title(where) if isinstance(where, str) and where in pg else "",
            format_date(d.get("start"), lang),
            format_date(d.get("end"), lang),
        ])
    return rows


def _section_professional(document: DocxDocument, pg: PortfolioGraph, doc: AmbitionDocument, lang: str) -> None:
    document.add_heading(word("professional", lang), level=1)
    headers = [word(k, lang) for k in ("initiative", "status", "owner", "where", "start", "end")]
    for fa in doc.focus_areas:
        document.add_heading(pg.display_title(fa, limit=10_000), level=2)
        rows = _initiative_rows(pg, doc.initiatives.get(fa, []), lang)
        if rows:
            add_table(document, headers, rows)
        else:
            document.add_paragraph(word("none", lang))
    if doc.unplaced_initiatives:
        document.add_heading(word("unplaced", lang), level=2)
        add_table(document, headers, _initiative_rows(pg, doc.unplaced_initiatives, lang))


def _section_team(document: DocxDocument, pg: PortfolioGraph, doc: AmbitionDocument, lang: str) -> None:
    document.add_heading(word("team", lang), level=1)
    team = doc.team

    def names(people: list[str]) -> str:
        return ", ".join(pg.display_title(p) for p in people) or word("missing", lang)

    rows = [[label("specialty_owner", lang), names(team.owners)]]
    for sp, leads in team.leads:
        rows.append([f"{label('implementation_lead', lang)}, {pg.display_title(sp)}", names(leads)])
    members = ", ".join(pg.display_title(p) + (f" ({note})" if note else "") for p, note in team.members)
    rows.append([label("core_team", lang), members or "–"])
    add_table(document, [word("role", lang), word("people", lang)], rows)


def write_ambition_sections(document: DocxDocument, pg: PortfolioGraph, specialty: str, lang: str = "da") -> None:
    """Write the strategic ambition document's body (after its title) into ``document``: the meeting pack shares it."""
    doc = ambition_document(pg, specialty)
    document.add_paragraph(f"{kind_label('specialty', lang)}: {pg.display_title(specialty, limit=10_000)}")
    for part in (_section_situation, _section_challenges, _section_ambition, _section_focus_areas, _section_professional, _section_team):
        part(document, pg, doc, lang)


def ambition_docx(pg: PortfolioGraph, specialty: str, lang: str = "da", today: dt.date | None = None) -> bytes:
    """Return the strategic ambition document of ``specialty`` as .docx bytes, in ``lang`` (``"da"`` or ``"en"``).

    Raises KeyError when the graph holds no specialty of that id.
    """
    if pg.kind(specialty) != "specialty":
        raise KeyError(specialty)
    today = today or dt.date.today()
    from docx import Document
    from docx.shared import Cm, Pt

    doc = ambition_document(pg, specialty)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    header = section.header.paragraphs[0]
    header.text = running_header(pg, doc, lang, today)
    header.runs[0].font.size = Pt(8)
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = f"{word('title', lang)}: {pg.display_title(specialty)}"
    document.core_properties.language = lang
    document.add_heading(f"{word('title', lang)}: {pg.display_title(specialty, limit=10_000)}", level=0)
    write_ambition_sections(document, pg, specialty, lang)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
