"""The programme's status report as a Word file (graph/queries/status_report.py): a heading with the
period, then per specialty its roll-up, check-ins in the period, indicators on and off track, open
signals and overdue items, as headings, paragraphs and tables Word users can edit."""
from __future__ import annotations

import datetime as dt
import io

from docx import Document

from graph.portfolio import PortfolioGraph
from graph.queries.status_report import status_report
from graph.vocabulary import label
from importers.docx_document import add_table

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Statusrapport", "Status report"),
    "period": ("Perioden {since} til {on}", "The period {since} to {on}"),
    "status": ("Status", "Status"),
    "no_status": ("Ingen status endnu", "No status yet"),
    "check_ins": ("Statusopdateringer i perioden", "Check-ins in the period"),
    "none": ("Ingen", "None"),
    "on_track": ("Indikatorer på sporet", "Indicators on track"),
    "off_track": ("Indikatorer ikke på sporet", "Indicators off track"),
    "signals": ("Åbne signaler", "Open signals"),
    "overdue": ("Forfaldent", "Overdue"),
    "subject": ("Om", "About"),
    "period_col": ("Periode", "Period"),
    "what": ("Hvad er sket / hvad er der brug for", "What happened / what is needed"),
    "check_in_due": ("statusopdatering mangler", "check-in missing"),
    "reading_due": ("måling forfalden", "reading overdue"),
    "past_end": ("slutdato passeret", "past its end date"),
}


def _w(key: str, lang: str) -> str:
    da, en = WORDS[key]
    return da if lang == "da" else en


def _names(pg: PortfolioGraph, ids: tuple[str, ...], lang: str) -> str:
    return ", ".join(pg.display_title(i) for i in ids) or _w("none", lang)


def status_report_docx(pg: PortfolioGraph, programme: str, today: dt.date, since: dt.date | None = None, lang: str = "da") -> bytes:
    """Return the status report of ``programme`` as the bytes of a .docx file."""
    report = status_report(pg, programme, today, since, lang)
    document = Document()
    document.add_heading(f"{_w('title', lang)}: {pg.display_title(programme)}", level=0)
    document.add_paragraph(_w("period", lang).format(since=report.since.isoformat(), on=report.today.isoformat()))
    for row in report.specialties:
        document.add_heading(pg.display_title(row.specialty), level=1)
        shown = label(row.status, lang) if row.status else _w("no_status", lang)
        document.add_paragraph(f"{_w('status', lang)}: {shown}" + (f" ({'; '.join(row.reasons)})" if row.reasons else ""))
        document.add_heading(_w("check_ins", lang), level=2)
        if row.check_ins:
            rows = []
            for c in row.check_ins:
                d = pg.data(c)
                what = " / ".join(str(d[k]) for k in ("happened", "needed") if d.get(k))
                rows.append([pg.display_title(str(d["subject"])), str(d["period"])[:7], label(str(d["status"]), lang), what])
            add_table(document, [_w(k, lang) for k in ("subject", "period_col", "status", "what")], rows)
        else:
            document.add_paragraph(_w("none", lang))
        document.add_paragraph(f"{_w('on_track', lang)}: {_names(pg, row.indicators_on_track, lang)}")
        document.add_paragraph(f"{_w('off_track', lang)}: {_names(pg, row.indicators_off_track, lang)}")
        document.add_heading(_w("signals", lang), level=2)
        for s in row.open_signals or ():
            document.add_paragraph(f"{pg.display_title(str(pg.data(s)['subject']))}: {pg.data(s)['text']}", style="List Bullet")
        if not row.open_signals:
            document.add_paragraph(_w("none", lang))
        document.add_heading(_w("overdue", lang), level=2)
        for reason, element in row.overdue:
            document.add_paragraph(f"{pg.display_title(element)}: {_w(reason, lang)}", style="List Bullet")
        if not row.overdue:
            document.add_paragraph(_w("none", lang))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
