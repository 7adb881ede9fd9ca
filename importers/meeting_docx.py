"""A steering-group meeting as Word files (graph/queries/meetings.py): the minutes (referat), with each
agenda item's decision, who decided and who recorded it; headings and paragraphs Word users can edit."""
from __future__ import annotations

import io

from docx import Document

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
    elif pg.kind(subject) == "ambition" and pg.specialty_of(subject) in pg:  # named by its specialty, not its long statement
        name = f"{kind_label('ambition', lang)}: {pg.display_title(str(pg.specialty_of(subject)))}"
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
