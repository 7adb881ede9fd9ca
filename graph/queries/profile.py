"""What a specialty is made of, for comparing specialties: its elements, themes, sites and people."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.portfolio import PortfolioGraph
from graph.queries.walk import specialty_parts

#: Role keys in the order they are named; ``initiative_owner`` is the owner of one of its initiatives.
ROLE_ORDER = ("specialty_owner", "core_team", "implementation_lead", "initiative_owner")
#: How a specialty is present at a site, in the order they are named.
PRESENCE_ORDER = ("strength_position", "partner_site", "challenge", "situation")

#: Common Danish and English words that say nothing about what a text is about.
_STOPWORDS = frozenset(
    {"bedre", "flere", "mellem", "under", "efter", "inden", "andre", "skal", "samt", "eller", "about",
     "their", "there", "which", "between", "other", "fælles"}
)
_WORD = re.compile(r"[^\W\d_]+")


def significant_words(text: str) -> set[str]:
    """Return the lower-case words of five or more letters in ``text``, leaving out common ones.

    >>> sorted(significant_words("Flere stillinger til rekruttering"))
    ['rekruttering', 'stillinger']
    """
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 5 and w not in _STOPWORDS}


@dataclass
class Profile:
    """A specialty's elements and what they touch.

    ``themes`` maps a theme key to the specialty's focus areas, challenges and initiatives tagged
    with it; ``sites`` maps a site to how the specialty is present there (PRESENCE_ORDER);
    ``people`` maps a person to their roles in the specialty (ROLE_ORDER); ``words`` maps each
    challenge and prerequisite to the significant words of its title or text.
    """

    specialty: str
    focus_areas: list[str] = field(default_factory=list)
    challenges: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)
    initiatives: set[str] = field(default_factory=set)
    themes: dict[str, set[str]] = field(default_factory=dict)
    sites: dict[str, set[str]] = field(default_factory=dict)
    people: dict[str, set[str]] = field(default_factory=dict)
    words: dict[str, set[str]] = field(default_factory=dict)


def profile(pg: PortfolioGraph, specialty: str) -> Profile:
    """Return the profile of one specialty, walking its own neighbourhood only."""
    parts = specialty_parts(pg, specialty)
    p = Profile(specialty, parts.focus_areas, parts.challenges, parts.prerequisites)
    for fa in p.focus_areas:
        p.initiatives.update(pg.into(fa, "SERVES"))
    for item in [*p.focus_areas, *p.challenges, *p.initiatives]:
        for theme in pg.data(item).get("themes", ()):
            p.themes.setdefault(theme, set()).add(item)
    for ch in p.challenges:
        p.words[ch] = significant_words(pg.data(ch)["title"])
    for pre in p.prerequisites:
        p.words[pre] = significant_words(pg.data(pre)["text"])

    def present(site: str, how: str) -> None:
        p.sites.setdefault(site, set()).add(how)

    def role(person: str, key: str) -> None:
        p.people.setdefault(person, set()).add(key)

    for sp in parts.strength_positions:
        for site in pg.out(sp, "AT"):
            present(site, "strength_position")
        for site in pg.out(sp, "PARTNERS_WITH"):
            present(site, "partner_site")
        for person in pg.role_holders(sp, "implementation_lead"):
            role(person, "implementation_lead")
    for ch in p.challenges:
        for site in pg.out(ch, "AT"):
            present(site, "challenge")
    for note in parts.situations:
        for site in pg.out(note, "AT"):
            present(site, "situation")
    for key in ("specialty_owner", "core_team"):
        for person in pg.role_holders(specialty, key):
            role(person, key)
    for initiative in p.initiatives:
        # The OWNS edge is made from this field; reading it spares a walk per initiative.
        owner = pg.data(initiative).get("owner")
        if owner:
            role(owner, "initiative_owner")
    return p
