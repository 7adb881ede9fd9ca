"""Every kind of page the tracker shows, with one example of each from the demo portfolio.

The accessibility, overflow and Danish-leak tests visit these examples. The list of page kinds is
derived from the Flask URL map (``tests/browser/test_page_kinds.py``): a new route that has no
example here, and is not excluded below with a reason, fails that test, which names the endpoint.

To add a page: one line in ``PAGE_KINDS``, ``"blueprint.endpoint": "/example/url"`` (a URL that
answers 200 in the demo portfolio). If only some roles may open it, name them in ``VIEWERS``.
"""
from __future__ import annotations

#: The demo accounts (``tracker serve --demo`` makes the same): one person of each role.
SECRETARIAT = "msorensen"
STEERING_GROUP = "agram"
SPECIALTY_OWNER = "bberg"
IMPLEMENTATION_LEAD = "ejakobsen"
#: Not signed in.
ANONYMOUS = None
EVERY_ROLE = (SECRETARIAT, STEERING_GROUP, SPECIALTY_OWNER, IMPLEMENTATION_LEAD)

#: One element of each kind a form edits (``/new/<kind>``, ``/edit/<kind>/<id>``).
FORM_EXAMPLES: dict[str, str] = {
    "programme": "bass",
    "site": "holb",
    "specialty": "geri",
    "strength_position": "geri-h",
    "person": "ejakobsen",
    "role": "role~ejakobsen~implementation_lead~geri-h",
    "ambition": "geri-amb",
    "situation": "geri-sit-holb-staff",
    "challenge": "geri-ch1",
    "prerequisite": "geri-pre1",
    "focus_area": "geri-fa1",
    "indicator": "geri-ind1",
    "initiative": "geri-i1",
    "support_offer": "hr-pakke",
    "check_in": "endo-i6-status-2026-11",
    "signal": "geri-fa1-signal-2026-11",
}

#: endpoint -> an example URL (or several) in the demo portfolio.
PAGE_KINDS: dict[str, str | tuple[str, ...]] = {
    "pages.overview": "/",
    "pages.specialties": "/specialties",
    "pages.specialty": "/specialty/geri",
    "pages.specialty_checks": "/specialty/geri/checks",
    "pages.specialty_changes": "/specialty/kard/changes",
    "pages.specialty_roadmap": "/specialty/geri/roadmap",
    "pages.specialty_synergies": "/specialty/geri/synergies",
    "pages.programme_roadmap": "/roadmap",
    "pages.programme_status_report": "/programme/bass/status-report",
    "pages.heatmap": "/synergies",
    "pages.explorer": "/explorer?specialty=geri",
    "pages.search": "/search?q=rekruttering",
    "pages.me": "/me",
    "pages.followup": "/me/followup",
    "pages.people": "/people",
    "pages.person": "/person/bberg",
    "pages.site": "/site/holb",
    "pages.strength_position": "/strength-position/geri-h",
    "pages.support_offers": "/support-offers",
    "pages.support_offer": "/support-offer/hr-pakke",
    "pages.ambition": ("/ambition/geri-amb", "/ambition/kard-amb"),
    "pages.approval_changes": "/ambition/kard-amb/changes",
    "pages.approved_version": "/ambition/kard-amb/approved",
    "pages.challenge": "/challenge/geri-ch1",
    "pages.focus_area": "/focus-area/geri-fa1",
    "pages.indicator": "/indicator/geri-ind1",
    "pages.initiative": "/initiative/geri-i1",
    "pages.prerequisite": "/prerequisite/geri-pre1",
    "pages.history": ("/history/geri-fa1", "/history/kard-fa1"),
    "auth.login": "/login",
    "auth.password": "/password",
    "edit.upload": "/upload",
    "edit.new": tuple(f"/new/{kind}" for kind in FORM_EXAMPLES),
    "edit.edit": tuple(f"/edit/{kind}/{item}" for kind, item in FORM_EXAMPLES.items()),
    "edit.delete": "/delete/initiative/geri-i1",
    "edit.decision": "/ambition/geri-amb/decision",
    "edit.new_version": "/ambition/kard-amb/new-version",
    "edit.reading": "/edit/indicator/geri-ind1/reading",
    "pages.meetings": "/meetings",
    "pages.meeting": ("/meeting/psg-2026-11", "/meeting/psg-2026-12", "/meeting/psg-2027-01"),
    "pages.meeting_pack": "/meeting/psg-2026-12/pack",
    "pages.specialty_professional": ("/specialty/geri/professional", "/specialty/lunge/professional"),
    "pages.professional_ambition": "/professional-ambition/lunge-amb-faglig",
    "pages.impact_page": ("/impact/hr-pakke", "/impact/geri-pre1"),
    "pages.specialty_status_report": "/specialty/lunge/status-report",
}

#: Who opens a page kind's examples when not the secretariat (who may open nearly everything).
VIEWERS: dict[str, tuple[str | None, ...]] = {
    "pages.overview": EVERY_ROLE,
    "pages.specialty": (SECRETARIAT, SPECIALTY_OWNER),
    "pages.me": EVERY_ROLE,
    "pages.followup": (SPECIALTY_OWNER, IMPLEMENTATION_LEAD),
    "auth.login": (ANONYMOUS,),
    "edit.decision": (STEERING_GROUP,),
    "edit.reading": (IMPLEMENTATION_LEAD,),
}

#: Pages with no endpoint of their own: the error pages, as (URL, viewer, status).
ERROR_PAGES: tuple[tuple[str, str | None, int], ...] = (
    ("/specialty/no-such-specialty", SECRETARIAT, 404),
    ("/upload", IMPLEMENTATION_LEAD, 403),
)

#: Endpoints that are not pages a person reads, each with the reason.
EXCLUDED: dict[str, str] = {
    "static": "files (CSS, scripts)",
    "pages.vendor": "vendored scripts and styles",
    "auth.logout": "POST only",
    "edit.confirm_upload": "POST only (the upload's second step)",
    "edit.make_link": "POST only",
    "edit.remove_link": "POST only",
    "edit.submit": "POST only",
    "edit.download": "download (YAML, JSON or Excel file)",
    "pages.specialty_docx": "download (Word)",
    "pages.prerequisite_csv": "download (CSV)",
    "pages.prerequisite_xlsx": "download (Excel)",
    "pages.explorer_svg": "picture (SVG), shown inside the explorer",
    "pages.trace_svg": "picture (SVG), shown inside the initiative page",
    "pages.impact_diagram": "picture (SVG or PNG), shown inside the impact page",
    "pages.trace_diagram": "picture (SVG or PNG), shown inside the initiative page",
    "pages.impact_csv": "download (CSV)",
    "pages.impact_xlsx": "download (Excel)",
    "pages.meeting_pack_docx_file": "download (Word)",
    "pages.minutes_docx_file": "download (Word)",
    "pages.specialty_status_report_docx": "download (Word)",
    "edit.new_meeting": "POST only (the form is on /meetings)",
    "edit.propose": "POST only",
    "edit.add_item": "POST only",
    "edit.move_item": "POST only",
    "edit.remove_item": "POST only",
    "edit.record_decision": "POST only (the form is on the meeting's page)",
    "edit.new_professional": "POST only (the form is on the specialty's faglig ambition page)",
    "edit.write_part": "POST only",
    "edit.mark_failed": "POST only (the form is on the prerequisite's page)",
    "edit.mark_met_again": "POST only",
    "edit.answer_reconfirmation": "POST only (the form is on the element's page)",
    "oidc.begin": "redirect to the identity provider",
    "oidc.callback": "the identity provider's redirect back (tested in tests/web/test_oidc.py)",
}
#: Blueprints that answer JSON to programs, not pages to people.
EXCLUDED_BLUEPRINTS: dict[str, str] = {
    "api": "JSON API",
    "api_write": "JSON API",
    "api_doc": "OpenAPI document (JSON)",
}


def examples() -> list[tuple[str, str, str | None]]:
    """Return (endpoint, URL, viewer) of every example, in the order above."""
    found: list[tuple[str, str, str | None]] = []
    for endpoint, urls in PAGE_KINDS.items():
        for url in (urls,) if isinstance(urls, str) else urls:
            for viewer in VIEWERS.get(endpoint, (SECRETARIAT,)):
                found.append((endpoint, url, viewer))
    return found


def missing(endpoints: dict[str, str]) -> list[str]:
    """Return a line for each endpoint (endpoint -> rule) that has neither an example nor an exclusion.

    >>> missing({"pages.overview": "/", "meetings.meeting": "/meeting/<item_id>", "api.trace": "/api/v1/trace/<item_id>"})
    ['meetings.meeting (/meeting/<item_id>) has no example: add "meetings.meeting": "/meeting/..." to PAGE_KINDS in tests/browser/page_kinds.py (or to EXCLUDED with the reason)']
    """
    lines = []
    for endpoint, rule in sorted(endpoints.items()):
        blueprint = endpoint.rpartition(".")[0]
        if endpoint in PAGE_KINDS or endpoint in EXCLUDED or blueprint in EXCLUDED_BLUEPRINTS:
            continue
        example = rule.split("<")[0] + ("..." if "<" in rule else "")
        lines.append(
            f'{endpoint} ({rule}) has no example: add "{endpoint}": "{example}" to PAGE_KINDS '
            "in tests/browser/page_kinds.py (or to EXCLUDED with the reason)"
        )
    return lines
