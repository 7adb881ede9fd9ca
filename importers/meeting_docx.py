"""A steering-group meeting as Word files (graph/queries/meetings.py): the minutes (referat), with each
agenda item's decision, who decided and who recorded it; headings and paragraphs Word users can edit."""
from __future__ import annotations

import datetime as dt
import io

from graph.portfolio import PortfolioGraph
from graph.queries import meetings as q
from graph.vocabulary import kind_label, label

WORDS: dict[str, tuple[str, str]] = {
    "minutes": ("Referat", "Minutes"),
    "agenda": ("Dagsorden", "Agenda"),
    "date": ("Dato", "Date"),
    "place": ("Sted", "Place"),
    "chair": ("Mødeleder", "Chair"),
    "decision": ("Beslutning", "Decision"),
    "no_decision": ("Ingen beslutning ført til referat.", "No decision recorded."),
    "on_behalf": ("På vegne af programstyregruppen", "On behalf of the steering group"),
    "recorded_by": ("ført til referat af", "recorded by"),
    "decided_by": ("Besluttet af", "Decided by"),
    "report": ("Statusrapport", "Status report"),
    "no_agenda": ("Ingen dagsorden endnu.", "No agenda yet."),
    "pack": ("Mødemappe", "Meeting pack"),
    "contents": ("Indhold", "Contents"),
    "toc_hint": ("Højreklik og vælg Opdater felt for at se sidetallene.", "Right-click and choose Update Field to see the page numbers."),
    "enables": ("Hvad forudsætningen muliggør, og hvem der afhænger af den", "What it enables and who depends on it"),
    "status": ("Status", "Status"),
    "no_status": ("Ingen status endnu", "No status yet"),
    "check_ins": ("Statusopdateringer i perioden", "Check-ins in the period"),
    "signals": ("Åbne signaler", "Open signals"),
    "none": ("Ingen", "None"),
}


def words(key: str, lang: str) -> str:
    """One of the minutes' fixed words in ``lang``."""
    da, en = WORDS[key]
    return da if lang == "da" else en


def item_title(pg: PortfolioGraph, item: str, lang: str = "da") -> str:
    """What an agenda item is called: its subject's name (a specialty's: its status report), its own title after.

    >>> from graph.record import Record
    >>> pg = PortfolioGraph([Record("specialty", "geri", {"id": "geri", "name": "Geriatri"}),
    ...                      Record("agenda_item", "a", {"id": "a", "meeting": "m", "order": 1, "subject": "geri"})])
    >>> item_title(pg, "a")
    'Statusrapport: Geriatri'
    """
    data = pg.data(item)
    subject, title = data.get("subject"), data.get("title")
    if not isinstance(subject, str) or subject not in pg:
        return str(title or item)
    name = pg.display_title(subject)
    if pg.kind(subject) == "specialty":
        name = f"{words('report', lang)}: {name}"
    elif pg.kind(subject) in ("ambition", "professional_ambition") and pg.specialty_of(subject) in pg:
        # named by its specialty, not its long statement
        name = f"{kind_label(str(pg.kind(subject)), lang)}: {pg.display_title(str(pg.specialty_of(subject)))}"
    return f"{name}: {title}" if title else name


def decision_lines(pg: PortfolioGraph, decision: str, lang: str) -> list[str]:
    """The decision as the minutes say it: the outcome and reason, then who decided and who recorded it."""
    d = pg.data(decision)
    by = pg.display_title(str(d["by"])) if d.get("by") in pg else None
    if d.get("recorded_by") in pg:
        who = words("on_behalf", lang) + (f" ({words('chair', lang).lower()}: {by})" if by else "")
        who += f"; {words('recorded_by', lang)} {pg.display_title(str(d['recorded_by']))}"
    else:
        who = f"{words('decided_by', lang)} {by}" if by else ""
    return [f"{words('decision', lang)}: {label(str(d['outcome']), lang)}. {d['reason']}", f"{who} · {d['decided_on']}".lstrip(" ·")]


def meeting_heading(document, pg: PortfolioGraph, meeting: str, kind: str, lang: str) -> None:
    """The document's title and the meeting's date, place and chair."""
    data = pg.data(meeting)
    document.add_heading(f"{words(kind, lang)}: {pg.display_title(meeting)}", level=0)
    facts = [f"{words('date', lang)}: {data['date']}"]
    if data.get("place"):
        facts.append(f"{words('place', lang)}: {data['place']}")
    if data.get("chair") in pg:
        facts.append(f"{words('chair', lang)}: {pg.display_title(str(data['chair']))}")
    document.add_paragraph(" · ".join(facts))


def minutes_docx(pg: PortfolioGraph, meeting: str, lang: str = "da") -> bytes:
    """Return the minutes of ``meeting`` as the bytes of a .docx file: one heading per agenda item, its decision under it."""
    from docx import Document  # here, not at the top: a server start loads no Word library

    document = Document()
    meeting_heading(document, pg, meeting, "minutes", lang)
    rows = q.minutes(pg, meeting)
    if not rows:
        document.add_paragraph(words("no_agenda", lang))
    for n, (item, decision) in enumerate(rows, start=1):
        document.add_heading(f"{n}. {item_title(pg, item, lang)}", level=1)
        if pg.data(item).get("note"):
            document.add_paragraph(str(pg.data(item)["note"]))
        for line in decision_lines(pg, decision, lang) if decision else [words("no_decision", lang)]:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _field(paragraph, instruction: str) -> None:
    """A Word field (a table of contents, a page number) that Word fills in when it opens or updates the file."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _demote(document, start: int) -> None:
    """Headings written after paragraph ``start`` go one level down (an ambition document inside an agenda item)."""
    for paragraph in document.paragraphs[start:]:
        name = paragraph.style.name
        if name == "Title" or (name.startswith("Heading ") and name[8:].isdigit() and int(name[8:]) < 9):
            level = 0 if name == "Title" else int(name[8:])
            paragraph.style = document.styles[f"Heading {level + 1}"]


def meeting_pack_docx(pg: PortfolioGraph, meeting: str, lang: str = "da", today: dt.date | None = None) -> bytes:
    """Return the meeting pack as the bytes of one .docx file: the agenda with a table of contents and page
    numbers, then every agenda item (Heading 1) with its material under it."""
    from docx import Document
    from docx.shared import Cm

    from graph.queries.prerequisites import prerequisite_rows
    from graph.queries.status_report import status_report
    from importers.docx_document import write_ambition_sections

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    _field(section.footer.paragraphs[0], "PAGE")
    meeting_heading(document, pg, meeting, "pack", lang)
    document.add_paragraph().add_run(words("contents", lang)).bold = True
    _field(document.add_paragraph(), 'TOC \\o "1-1" \\h \\z \\u')
    document.add_paragraph(words("toc_hint", lang))
    document.add_heading(words("agenda", lang), level=1)
    items = q.agenda(pg, meeting)
    for n, item in enumerate(items, start=1):
        document.add_paragraph(f"{n}. {item_title(pg, item, lang)}")
    if not items:
        document.add_paragraph(words("no_agenda", lang))
    reports = None
    for n, item in enumerate(items, start=1):
        document.add_page_break()
        document.add_heading(f"{n}. {item_title(pg, item, lang)}", level=1)
        data, kind = pg.data(item), q.subject_kind(pg, item)
        subject = str(data.get("subject") or "")
        if data.get("note"):
            document.add_paragraph(str(data["note"]))
        if kind == "professional_ambition":
            write_professional(document, pg, subject, lang)
        elif kind == "ambition":
            start = len(document.paragraphs)
            write_ambition_sections(document, pg, str(pg.specialty_of(subject)), lang)
            _demote(document, start)
        elif kind == "prerequisite":
            pre = pg.data(subject)
            document.add_paragraph(f"{words('status', lang)}: {label(str(pre.get('status', 'proposed')), lang)}")
            document.add_heading(words("enables", lang), level=2)
            rows = prerequisite_rows(pg, subject)
            table = document.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            heads = (kind_label("specialty", lang), kind_label("focus_area", lang), kind_label("initiative", lang), words("status", lang))
            for cell, text in zip(table.rows[0].cells, heads, strict=True):
                cell.text = text
            for r in rows:
                for cell, text in zip(table.add_row().cells, (r.specialty_name, r.focus_area_title, r.initiative_title or "–",
                                                              label(r.status, lang) if r.status else ""), strict=True):
                    cell.text = text
        elif kind == "specialty":
            if reports is None:
                before = q.previous_meeting(pg, meeting)
                day = today or dt.date.today()
                since = q.meeting_date(pg, before) if before else None
                report = status_report(pg, str(pg.data(meeting).get("programme")), day, since if since and since <= day else None, lang)
                reports = {row.specialty: row for row in report.specialties}
            row = reports.get(subject)
            shown = label(row.status, lang) if row and row.status else words("no_status", lang)
            document.add_paragraph(f"{words('status', lang)}: {shown}" + (f" ({'; '.join(row.reasons)})" if row and row.reasons else ""))
            document.add_heading(words("check_ins", lang), level=2)
            for c in (row.check_ins if row else ()) or ():
                d = pg.data(c)
                document.add_paragraph(f"{pg.display_title(str(d['subject']))} ({str(d['period'])[:7]}): {label(str(d['status']), lang)}"
                                       + (f" – {d['happened']}" if d.get("happened") else ""), style="List Bullet")
            if not row or not row.check_ins:
                document.add_paragraph(words("none", lang))
            document.add_heading(words("signals", lang), level=2)
            for s in (row.open_signals if row else ()) or ():
                document.add_paragraph(f"{pg.display_title(str(pg.data(s)['subject']))}: {pg.data(s)['text']}", style="List Bullet")
            if not row or not row.open_signals:
                document.add_paragraph(words("none", lang))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PROFESSIONAL_WORDS: dict[str, tuple[str, str]] = {
    "aim": ("Hvad den faglige ambition vil her", "What the professional ambition wants here"),
    "involvement": ("Sådan inddrages afdelingerne", "How the departments are involved"),
    "elsewhere": ("Faglige indsatser uden styrkeposition", "Initiatives at no strength position"),
}


def write_professional(document, pg: PortfolioGraph, professional: str, lang: str = "da") -> None:
    """A faglig ambition into ``document``: per strength position its part, then its initiatives by focus area."""
    from graph.queries.professional import professional_document

    def said(key: str) -> str:
        return PROFESSIONAL_WORDS[key][0 if lang == "da" else 1]

    status = label(str(pg.data(professional).get("status", "draft")), lang)
    document.add_paragraph(f"{words('status', lang)}: {status}")
    for section in professional_document(pg, professional):
        sp = section.strength_position
        document.add_heading(pg.display_title(sp) if sp else said("elsewhere"), level=2)
        part = pg.data(section.part) if section.part else {}
        if sp:
            for key in ("aim", "involvement"):
                document.add_paragraph(f"{said(key)}: {part.get(key) or '–'}")
        for focus_area, initiatives in section.focus_areas:
            document.add_heading(pg.display_title(focus_area), level=3)
            for initiative in initiatives:
                shown = label(str(pg.data(initiative).get("status", "planned")), lang)
                document.add_paragraph(f"{pg.display_title(initiative)} ({shown})", style="List Bullet")
