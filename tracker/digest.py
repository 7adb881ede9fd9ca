"""The reminder digest: one e-mail per person of their "Til opfølgning", in plain text and HTML,
with a link to the form that clears each item.

The links are made here, not by Flask, because the digest is written without a web request; they
are the same paths the web's "Til opfølgning" page links to (web/views/followup.py).
"""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import quote, urlencode

from graph.portfolio import PortfolioGraph
from graph.queries.checkins import period_start
from graph.queries.followup import FollowUpItem, FollowUpList
from graph.vocabulary import kind_label
from tracker.errors import pick

_MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}
_PAGES = {"initiative": "initiative", "focus_area": "focus-area", "ambition": "ambition", "indicator": "indicator",
          "signal": None, "check_in": None}


@dataclass(frozen=True)
class Digest:
    """One person's reminder, ready to send."""

    person: str
    to: str
    subject: str
    text: str
    html: str

    def message(self, sender: str) -> EmailMessage:
        """The digest as an e-mail from ``sender``: plain text with an HTML alternative."""
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = sender, self.to, self.subject
        msg.set_content(self.text)
        msg.add_alternative(self.html, subtype="html")
        return msg


def period_key(today: dt.date) -> str:
    """The period a digest is sent for (its month): a person gets at most one digest per period.

    >>> period_key(dt.date(2026, 12, 7))
    '2026-12'
    """
    return period_start(today).isoformat()[:7]


def item_path(pg: PortfolioGraph, item: FollowUpItem) -> str:
    """The path of the form that clears ``item`` (on the web front end).

    >>> from graph.examples import example_graph
    >>> item_path(example_graph(), FollowUpItem("check_in_due", "geri-i1", "geri", "geri-i1"))
    '/new/check_in?subject=geri-i1'
    """
    target = quote(item.target, safe="")
    if item.action == "check_in":
        return "/new/check_in?" + urlencode({"subject": item.target})
    if item.action == "reading":
        return f"/edit/indicator/{target}/reading"
    if item.action in ("edit", "answer"):
        return f"/edit/{pg.kind(item.target)}/{target}"
    if item.action == "decide":
        return f"/ambition/{target}/decision"
    page = _PAGES.get(str(pg.kind(item.element)), str(pg.kind(item.element)).replace("_", "-"))
    return f"/{page}/{quote(item.element, safe='')}"


def _subject(count: int, today: dt.date, lang: str) -> str:
    month = f"{_MONTHS['da' if lang == 'da' else 'en'][today.month - 1]} {today.year}"
    if lang == "da":
        return f"BASS: {count} {'punkt' if count == 1 else 'punkter'} til opfølgning ({month})"
    return f"BASS: {count} {'item' if count == 1 else 'items'} to follow up ({month})"


def _item_lines(pg: PortfolioGraph, item: FollowUpItem, base: str, lang: str) -> tuple[str, str]:
    what = f"{kind_label(str(pg.kind(item.element)), lang)} {pg.display_title(item.element)}: {item.text(lang)}"
    link = base + item_path(pg, item)
    return f"- {what}\n  {link}", f'<li>{html.escape(what)} <a href="{html.escape(link)}">{html.escape(link)}</a></li>'


def digest_for(pg: PortfolioGraph, found: FollowUpList, base_url: str, lang: str = "da",
               memo: dict[tuple[str, ...], tuple[str, str]] | None = None) -> Digest | None:
    """Return the digest of one person's list, or None when there is nothing to send (an empty
    list, or a person without an e-mail address). ``memo``, a dict shared by the digests of one
    run (one graph, day, address and language), keeps each item's lines: the secretariat's members
    share thousands of items."""
    person = found.person
    email = str(pg.data(person).get("email") or "") if person and person in pg else ""
    if not found.items or not email:
        return None
    base = base_url.rstrip("/")
    name = pg.display_title(person) if person else ""
    lines = [pick(lang, f"Kære {name}", f"Dear {name}"), "",
             pick(lang, "Det her venter på dig i BASS-trackeren:", "This is waiting for you in the BASS tracker:")]
    parts = [f"<p>{html.escape(lines[0])}</p>", f"<p>{html.escape(lines[2])}</p>"]
    for specialty, items in found.by_specialty():
        heading = pg.display_title(specialty) if specialty and specialty in pg else pick(lang, "Programmet", "The programme")
        lines += ["", heading]
        parts.append(f"<h2>{html.escape(heading)}</h2><ul>")
        for item in items:
            key = (item.reason, item.element, item.target, base, lang)
            made = memo.get(key) if memo is not None else None
            if made is None:
                made = _item_lines(pg, item, base, lang)
                if memo is not None:
                    memo[key] = made
            lines.append(made[0])
            parts.append(made[1])
        parts.append("</ul>")
    footer = pick(lang, f"Hele listen: {base}/me/followup", f"The whole list: {base}/me/followup")
    lines += ["", footer]
    parts.append(f"<p>{html.escape(footer)}</p>")
    body_html = "<!doctype html><html><body>" + "".join(parts) + "</body></html>"
    return Digest(str(person), email, _subject(len(found.items), found.on, lang), "\n".join(lines) + "\n", body_html)
