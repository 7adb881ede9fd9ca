"""Where things are: the page of an element, its readable name, links to it, and safe redirects."""
from __future__ import annotations

import sys
from urllib.parse import unquote, urlencode, urlsplit

from flask import abort, current_app, request, url_for
from markupsafe import Markup

from graph.portfolio import theme_node
from web import graphview
from web.i18n import current_language
from web.state import fresh_portfolio, portfolio

#: The page of each element kind (endpoint taking ``item_id``).
PAGE_OF_KIND: dict[str, str] = {
    "specialty": "pages.specialty",
    "initiative": "pages.initiative",
    "focus_area": "pages.focus_area",
    "prerequisite": "pages.prerequisite",
    "ambition": "pages.ambition",
    "challenge": "pages.challenge",
    "indicator": "pages.indicator",
    "site": "pages.site",
    "strength_position": "pages.strength_position",
    "person": "pages.person",
    "support_offer": "pages.support_offer",
    "meeting": "pages.meeting",
    "professional_ambition": "pages.professional_ambition",
}


def element_of(item_id: str, kind: str) -> dict:
    """Return the fields of the element ``item_id`` if the graph holds one of ``kind`` by that id; else answer 404."""
    pg = portfolio()
    if pg.kind(item_id) != kind:
        abort(404)
    return pg.data(item_id)


def title_of(item: str | None) -> str:
    """Return an element's readable name in the request's language, in full (the id if it is unknown)."""
    if not item:
        return ""
    pg = portfolio()
    if item not in pg or pg.kind(item) == "role":
        return item
    return graphview.element_text(pg, item, current_language(), limit=sys.maxsize)


def url_of(item: str | None) -> str | None:
    """Return the page of an element (an anchor on its specialty for situation notes), or None."""
    pg = portfolio()
    if not item or item not in pg:
        return None
    kind = pg.kind(item)
    if kind in PAGE_OF_KIND:
        return url_for(PAGE_OF_KIND[kind], item_id=item)
    if kind == "situation":
        return url_for("pages.specialty", item_id=pg.data(item)["specialty"]) + "#situation"
    if kind == "theme":
        return url_for("pages.heatmap") + "#theme-" + item.split(":", 1)[1]
    if kind == "programme":
        return url_for("pages.overview", programme=item)
    if kind == "role":
        return url_for("pages.person", item_id=pg.data(item)["person"])
    if kind in FOLLOWUP_ANCHORS:
        subject = url_of(pg.data(item).get("subject"))
        return subject + "#" + FOLLOWUP_ANCHORS[kind] if subject else None
    if kind == "position_part":
        return url_for("pages.professional_ambition", item_id=pg.data(item)["professional_ambition"]) + "#part-" + pg.data(item)["strength_position"]
    if kind == "agenda_item":  # an item, and the decision on it, are shown on their meeting's page
        return url_for("pages.meeting", item_id=pg.data(item)["meeting"]) + "#" + item
    if kind == "decision" and pg.data(item).get("agenda_item") in pg:
        return url_of(pg.data(item)["agenda_item"])
    return None


#: Check-ins and signals are shown on the page of the element they are about, in these sections.
FOLLOWUP_ANCHORS = {"check_in": "check-ins", "signal": "signals"}


def page_of(item: str) -> str:
    """Return the read page of an element, else its edit form (on the graph after this request's write)."""
    fresh = fresh_portfolio()
    kind = fresh.kind(item)
    if kind in FOLLOWUP_ANCHORS:  # just written: the request's graph may not hold it yet
        subject = url_of(fresh.data(item).get("subject"))
        if subject:
            return subject + "#" + FOLLOWUP_ANCHORS[kind]
    return url_of(item) or url_for("edit.edit", kind=kind or "person", item_id=item)


def link(item: str | None, text: str | None = None) -> Markup:
    """Return an escaped link to an element, or its escaped name if it has no page.

    A bare theme key (as synergy reasons give them) links to its theme.
    """
    if not item:
        return Markup("")
    if item not in portfolio() and theme_node(item) in portfolio():
        item = theme_node(item)
    shown = text if text is not None else title_of(item)
    target = url_of(item)
    if target is None:
        return Markup("{}").format(shown)
    return Markup('<a href="{}">{}</a>').format(target, shown)


def is_local_path(target: str) -> bool:
    r"""Return True if ``target`` is a path on this site that every browser reads the same way.

    Browsers drop tabs and newlines from addresses and read ``\`` as ``/``, so ``/%09/evil``
    (once decoded), ``/\evil`` and ``/<tab>/evil`` all mean ``//evil``, another site. Only a plain
    path is accepted: it starts with one ``/``, holds no control character or backslash (also not
    percent-encoded, in case something decodes it once more), and has no scheme or host.

    >>> [is_local_path(t) for t in ("/specialty/geri?lang=da", "//evil", "/%09/evil", "/%5Cevil", "http://x/")]
    [True, False, False, False, False]
    """
    if not target.startswith("/") or target.startswith("//") or len(target) > 2000:
        return False
    decoded = unquote(unquote(target))
    if "\\" in decoded or any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in decoded):
        return False
    if decoded.startswith("//") or decoded.startswith("/ "):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/")


def safe_next(target: str | None) -> str:
    """Return ``target`` if it is a path on this site, else the overview (no open redirects)."""
    if target and is_local_path(target):
        return target
    return url_for("pages.overview")


def local_next() -> str:
    """The request's ``next`` when it is a path on this site, else ``""``: what a page may link to or carry on.

    A Cancel link built from ``?next=https://evil.example/`` would be an open redirect a click away.
    """
    target = request.values.get("next", "")
    return target if target and is_local_path(target) else ""


def next_or(default: str) -> str:
    """Return the request's safe ``next`` address, or ``default`` when none is given."""
    target = request.values.get("next")
    return safe_next(target) if target else default


def has_endpoint(name: str) -> bool:
    """Return True if the application has a view of this endpoint name."""
    return name in current_app.view_functions


def lang_switch_url() -> str:
    """Return this page's address in the other language."""
    other = "en" if current_language() == "da" else "da"
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"] + [("lang", other)]
    return request.script_root + request.path + "?" + urlencode(args)
