"""People: a person's page, every person and core team, and "my work" for the signed-in person."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from graph.queries.people import core_team, my_initiatives, roles_view
from graph.relations import Relation
from web.filters import current_user_info
from web.navigation import element_of, has_endpoint
from web.paging import Page, asked_page, asked_query, matching, page_of
from web.state import cached, portfolio
from web.views import bp
from web.views.common import by_name, render_element

#: People per page of the people list, and core teams (specialties) per page beside them: a page a
#: person can read, and under 30 KB at 100,000 elements (filter with ?q= for the rest).
PEOPLE_PAGE = 50
TEAMS_PAGE = 25
#: Initiatives per page of "my work" (each is a card with what it serves).
MY_PAGE = 25


@bp.route("/person/<item_id>")
def person(item_id: str) -> str:
    """A person: roles, and the initiatives they own."""
    who = element_of(item_id, "person")
    pg = portfolio()
    return render_element("person", item_id, who=who, roles=roles_view(pg, item_id), owned=sorted(pg.out(item_id, Relation.OWNS)))


@bp.route("/people")
def people() -> str:
    """Every person with their roles, and every specialty's core team, a page of each at a time;
    ``?q=`` keeps the people and specialties whose name, title or id holds it."""
    pg = portfolio()
    query = asked_query()
    everyone = cached("people", None, lambda: by_name(pg.ids("person")))
    specialties = cached("specialties_by_name", None, lambda: by_name(pg.ids("specialty")))
    if query:
        everyone = matching(everyone, query, lambda p: f"{pg.display_title(p)} {pg.data(p).get('title', '')} {p}")
        specialties = matching(specialties, query, lambda s: f"{pg.display_title(s)} {s}")
    pages = max(1, -(-len(everyone) // PEOPLE_PAGE), -(-len(specialties) // TEAMS_PAGE))
    page = min(asked_page(), pages)
    shown_people = everyone[(page - 1) * PEOPLE_PAGE : page * PEOPLE_PAGE]
    shown_teams = specialties[(page - 1) * TEAMS_PAGE : page * TEAMS_PAGE]
    return render_template(
        "people.html",
        everyone=[(p, roles_view(pg, p)) for p in shown_people],
        teams=[(s, core_team(pg, s)) for s in shown_teams],
        page=page,
        pages=pages,
        listing=Page([], page, pages, len(everyone) + len(specialties), query),
    )


@bp.route("/me")
def me() -> ResponseReturnValue:
    """ "My work": the signed-in person's initiatives and what they serve."""
    user = current_user_info()
    if user is None:
        if has_endpoint("auth.login"):
            return redirect(url_for("auth.login", next=request.path))
        return render_template("me.html", user=None, person=None, entries=[], roles=[], listing=page_of([], MY_PAGE, 1))
    pg = portfolio()
    person_id = user.person if user.person and pg.kind(user.person) == "person" else None
    query = asked_query()
    entries = my_initiatives(pg, person_id) if person_id else []
    entries = matching(entries, query, lambda e: f"{pg.display_title(e.initiative)} {e.initiative}")
    listing = page_of(entries, MY_PAGE, query=query)
    return render_template(
        "me.html",
        user=user,
        person=person_id,
        entries=listing.items,
        roles=roles_view(pg, person_id) if person_id else [],
        listing=listing,
    )
