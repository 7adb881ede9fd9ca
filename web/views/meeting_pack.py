"""The meeting pack (mødemappe): one document for the whole meeting, to print (A4) or download as Word.

The agenda with a table of contents, then each item's material in agenda order: for an ambition the
strategic ambition document exactly as its page prints it, for a prerequisite what it enables and
who depends on it, for a specialty its part of the status report, for a free item its note.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Response, render_template
from markupsafe import Markup

from graph.portfolio import PortfolioGraph
from graph.queries import meetings as q
from graph.queries.prerequisites import prerequisite_rows
from graph.queries.status_report import SpecialtyReport, status_report
from importers.meeting_docx import item_title, meeting_pack_docx
from web.i18n import current_language
from web.navigation import element_of
from web.state import portfolio
from web.views import bp
from web.views.meetings import docx_answer
from web.views.professional import professional_context
from web.views.specialty import document_context

_ARTICLE = re.compile(r'<article class="ambition-document">.*?</article>', re.S)
_PROFESSIONAL = re.compile(r'<article class="professional-document".*?</article>', re.S)
_FORM = re.compile(r"<form\b.*?</form>", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def ambition_article(specialty: str) -> Markup:
    """The strategic ambition document of ``specialty`` as its page shows and prints it (without the page's script)."""
    page = render_template("specialty.html", **document_context(specialty))
    found = _ARTICLE.search(page)
    return Markup(_SCRIPT.sub("", found.group(0)) if found else "")


def professional_article(professional: str) -> Markup:
    """The faglig ambition as its page shows it, without its forms (the pack is for reading)."""
    found = _PROFESSIONAL.search(render_template("professional_ambition.html", **professional_context(professional)))
    return Markup(_FORM.sub("", found.group(0)).replace('id="ambition"', "") if found else "")


def report_rows(pg: PortfolioGraph, meeting: str, today: dt.date) -> dict[str, SpecialtyReport]:
    """The status report's row per specialty, for the period since the previous meeting (else the current period)."""
    before = q.previous_meeting(pg, meeting)
    since = q.meeting_date(pg, before) if before else None
    report = status_report(pg, str(pg.data(meeting).get("programme")), today, since if since and since <= today else None,
                           current_language())
    return {row.specialty: row for row in report.specialties}


def pack_parts(pg: PortfolioGraph, meeting: str) -> list[dict[str, Any]]:
    """Each agenda item with what the pack shows for it."""
    today = dt.date.today()
    reports: dict[str, SpecialtyReport] | None = None
    parts = []
    for n, item in enumerate(q.agenda(pg, meeting), start=1):
        kind = q.subject_kind(pg, item)
        subject = str(pg.data(item).get("subject") or "")
        part: dict[str, Any] = {"n": n, "item": item, "kind": kind, "subject": subject,
                                "title": item_title(pg, item, current_language()), "note": pg.data(item).get("note")}
        if kind == "ambition":
            part["document"] = ambition_article(str(pg.specialty_of(subject)))
        elif kind == "professional_ambition":
            part["document"] = professional_article(subject)
        elif kind == "prerequisite":
            part["rows"] = prerequisite_rows(pg, subject)
        elif kind == "specialty":
            reports = reports if reports is not None else report_rows(pg, meeting, today)
            part["report"] = reports.get(subject)
        parts.append(part)
    return parts


@bp.route("/meeting/<item_id>/pack")
def meeting_pack(item_id: str) -> str:
    """The meeting pack to read and print: agenda and contents, then every item's material."""
    element_of(item_id, "meeting")
    pg = portfolio()
    return render_template("meeting_pack.html", item=item_id, meeting=pg.data(item_id), parts=pack_parts(pg, item_id))


@bp.route("/meeting/<item_id>/pack.docx")
def meeting_pack_docx_file(item_id: str) -> Response:
    """The meeting pack as one Word file (as ``tracker meeting-pack`` writes it)."""
    element_of(item_id, "meeting")
    return docx_answer(meeting_pack_docx(portfolio(), item_id, current_language()), f"moedemappe-{item_id}.docx")
