"""The status reports as Word files: the programme's (graph/queries/status_report.py: a heading with the
period, then per specialty its roll-up, check-ins in the period, indicators on and off track, open
signals and overdue items) and one specialty's (graph/queries/specialty_report.py, in the order of the
page: the ambition, each focus area with its indicators and a sparkline of block characters, the
initiatives by status, what is needed from the steering group, open signals, check-ins in the
period), as headings, paragraphs and tables Word users can edit. The specialty report's running
header (programme, specialty, period) is in the section's page header, so it heads every page."""
from __future__ import annotations

import datetime as dt
import io

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
    from docx import Document  # here, not at the top: a server start loads no Word library

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


SPECIALTY_WORDS: dict[str, tuple[str, str]] = {
    "ambition": ("Ambitionen", "The ambition"),
    "before": ("før {day}: {status}", "before {day}: {status}"),
    "own": ("Ejeren melder {own}; beregnet nedefra: {computed}.", "The owner reports {own}; computed from below: {computed}."),
    "indicator": ("Indikator", "Indicator"),
    "progress": ("Fremdrift", "Progress"),
    "latest": ("Seneste måling", "Latest reading"),
    "then": ("Måling før {day}", "Reading before {day}"),
    "trend": ("Udvikling", "Trend"),
    "initiatives": ("Indsatser efter status", "Initiatives by status"),
    "no_check_in": ("Ingen statusopdatering endnu", "No check-in yet"),
    "needed": ("Hvad der er brug for fra programstyregruppen", "What is needed from the steering group"),
    "no_reading": ("ingen", "none"),
}
#: An indicator's progress state in words (graph/queries/progress.Progress.state; the web's PROGRESS_LABELS).
PROGRESS_WORDS: dict[str, tuple[str, str]] = {
    "met": ("Målet er nået", "Target met"), "towards": ("På vej mod målet", "Moving towards the target"),
    "away": ("Bevæger sig væk fra målet", "Moving away from the target"), "not_met": ("Endnu ikke opfyldt", "Not met yet"),
    "not_measured": ("Ikke målt", "Not measured"), "unknown": ("Intet mål at måle op imod", "No target to measure against"),
}
#: Eight heights of a block sparkline, lowest first.
BLOCKS = "▁▂▃▄▅▆▇█"


def block_sparkline(points: tuple[tuple[str, float], ...] | list[tuple[str, float]], target: object = None) -> str:
    """A compact figure of readings for Word: one block per reading, scaled between the lowest and the
    highest of the readings and the target; then an arrow to the target.

    >>> block_sparkline([("2026-01-01", 72.0), ("2026-06-01", 78.0)], 90)
    '▁▃ → 90'
    >>> block_sparkline([], None)
    ''
    """
    goal = float(target) if isinstance(target, int | float) and not isinstance(target, bool) else None
    levels = [v for _, v in points] + ([goal] if goal is not None else [])
    if not points:
        return ""
    low, high = min(levels), max(levels)
    span = (high - low) or 1.0
    blocks = "".join(BLOCKS[min(len(BLOCKS) - 1, int((v - low) / span * (len(BLOCKS) - 1) + 0.5))] for _, v in points)
    return f"{blocks} → {_number_text(goal)}" if goal is not None else blocks


def _number_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sw(key: str, lang: str) -> str:
    da, en = SPECIALTY_WORDS[key]
    return da if lang == "da" else en


def _status_line(status: str | None, then: str | None, moved: bool, since: dt.date, lang: str) -> str:
    shown = label(status, lang) if status else _w("no_status", lang)
    if moved:
        was = label(then, lang) if then else _w("no_status", lang)
        shown += f" ({_sw('before', lang).format(day=since.isoformat(), status=was.lower() if then else was)})"
    return shown


def specialty_report_docx(pg: PortfolioGraph, specialty: str, today: dt.date, since: dt.date | None = None, lang: str = "da") -> bytes:
    """Return the status report of one specialty (graph/queries/specialty_report.py) as the bytes of a .docx file."""
    from graph.queries.specialty_report import report_header, specialty_report

    report = specialty_report(pg, specialty, today, since, lang)
    from docx import Document  # here, not at the top: a server start loads no Word library

    document = Document()
    document.sections[0].header.paragraphs[0].text = report_header(pg, report, lang)
    document.add_heading(f"{_w('title', lang)}: {pg.display_title(specialty)}", level=0)
    document.add_paragraph(_w("period", lang).format(since=report.since.isoformat(), on=report.today.isoformat()))
    if report.ambition is not None:
        amb = report.ambition
        document.add_heading(f"{_sw('ambition', lang)}: {pg.display_title(amb.element)}", level=1)
        document.add_paragraph(f"{_w('status', lang)}: {_status_line(amb.shown, amb.then, amb.moved, report.since, lang)}")
        for reason in amb.reasons:
            document.add_paragraph(reason, style="List Bullet")
    for area in report.focus_areas:
        st = area.status
        document.add_heading(pg.display_title(st.element), level=2)
        document.add_paragraph(f"{_w('status', lang)}: {_status_line(st.shown, st.then, st.moved, report.since, lang)}")
        if st.own and st.computed and st.own != st.computed:
            document.add_paragraph(_sw("own", lang).format(own=label(st.own, lang), computed=label(st.computed, lang)))
        for reason in st.reasons:
            document.add_paragraph(reason, style="List Bullet")
        if area.indicators:
            table = document.add_table(rows=1, cols=5)
            table.style = "Table Grid"
            heads = (_sw("indicator", lang), _sw("progress", lang), _sw("latest", lang),
                     _sw("then", lang).format(day=report.since.isoformat()), _sw("trend", lang))
            for cell, text in zip(table.rows[0].cells, heads, strict=True):
                cell.text = text
            for line in area.indicators:
                latest = f"{_number_text(line.latest)} ({line.latest_date})" if line.latest_date else _sw("no_reading", lang)
                then = _number_text(line.then) if line.then is not None else _sw("no_reading", lang)
                progress_text = PROGRESS_WORDS[line.state][0 if lang == "da" else 1]
                if line.percent is not None:
                    progress_text += f" ({round(line.percent)} %)"
                for cell, text in zip(table.add_row().cells, (pg.display_title(line.indicator), progress_text, latest, then,
                                                              block_sparkline(line.points, line.target)), strict=True):
                    cell.text = text
    document.add_heading(_sw("initiatives", lang), level=1)
    for status, group in report.initiatives:
        document.add_heading(label(status, lang) if status else _sw("no_check_in", lang), level=2)
        for ini in group:
            text = pg.display_title(ini.initiative)
            if ini.moved:
                was = label(ini.then, lang).lower() if ini.then else _sw("no_check_in", lang).lower()
                text += f" ({_sw('before', lang).format(day=report.since.isoformat(), status=was)})"
            document.add_paragraph(text, style="List Bullet")
    document.add_heading(_sw("needed", lang), level=1)
    for ask in report.help_requests:
        names = f" ({', '.join(pg.display_title(n) for n in ask.needs)})" if ask.needs else ""
        document.add_paragraph(f"{pg.display_title(ask.subject)}: {ask.needed}{names}", style="List Bullet")
    if not report.help_requests:
        document.add_paragraph(_w("none", lang))
    document.add_heading(_w("signals", lang), level=1)
    for s in report.open_signals:
        document.add_paragraph(f"{pg.display_title(str(pg.data(s)['subject']))}: {pg.data(s)['text']}", style="List Bullet")
    if not report.open_signals:
        document.add_paragraph(_w("none", lang))
    document.add_heading(_w("check_ins", lang), level=1)
    if report.check_ins:
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, (_w("subject", lang), _w("period_col", lang), _w("status", lang), _w("what", lang)), strict=True):
            cell.text = text
        for c in report.check_ins:
            d = pg.data(c)
            what = " / ".join(str(d[k]) for k in ("happened", "needed") if d.get(k))
            for cell, text in zip(table.add_row().cells, (pg.display_title(str(d["subject"])), str(d["period"])[:7],
                                                          label(str(d["status"]), lang), what), strict=True):
                cell.text = text
    else:
        document.add_paragraph(_w("none", lang))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
