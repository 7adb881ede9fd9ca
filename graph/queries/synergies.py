"""Synergies: which other specialties share themes, sites, people, initiatives and similar problems
with one specialty, and why (JOURNEYS.md journey 3)."""
from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.coverage import specialties_in
from graph.queries.errors import NotFound
from graph.queries.profile import PRESENCE_ORDER, ROLE_ORDER, Profile, profile
from graph.vocabulary import THEMES, kind_label, label

#: Points per shared item of each kind of reason; a person or an initiative in common says most.
WEIGHTS: dict[str, int] = {"theme": 1, "site": 2, "person": 3, "initiative": 3, "challenge": 2, "prerequisite": 1}
REASON_ORDER: tuple[str, ...] = tuple(WEIGHTS)

_ROLE_WORDS: dict[str, tuple[str, str]] = {
    "initiative_owner": ("ejer af faglig indsats", "initiative owner"),
}
_PRESENCE_WORDS: dict[str, tuple[str, str]] = {
    "strength_position": (kind_label("strength_position", "da").lower(), kind_label("strength_position", "en").lower()),
    "partner_site": ("samarbejdende sygehus", "partner hospital"),
    "challenge": (kind_label("challenge", "da").lower(), kind_label("challenge", "en").lower()),
    "situation": (kind_label("situation", "da").lower(), kind_label("situation", "en").lower()),
}


@dataclass
class Synergy:
    """Another specialty and what it shares with the one asked about: ``score`` (the sum of WEIGHTS
    over the reasons) and ``reasons``, each {"kind", "ids", "text", "text_en"}."""

    specialty: str
    name: str
    score: int = 0
    reasons: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"specialty": self.specialty, "name": self.name, "score": self.score, "reasons": [dict(r) for r in self.reasons]}


def synergies_json(found: list[Synergy]) -> dict[str, Any]:
    """Return ``{"synergies": [{"specialty", "name", "score", "reasons"}]}``."""
    return {"synergies": [s.to_json() for s in found]}


def _role_words(roles: set[str], lang: str) -> str:
    index = 0 if lang == "da" else 1
    return ", ".join(
        _ROLE_WORDS[r][index] if r in _ROLE_WORDS else label(r, lang).lower() for r in ROLE_ORDER if r in roles
    )


def _presence_words(how: set[str], lang: str) -> str:
    index = 0 if lang == "da" else 1
    return ", ".join(_PRESENCE_WORDS[h][index] for h in PRESENCE_ORDER if h in how)


def _similar_challenges(pg: PortfolioGraph, mine: Profile, ours: str, theirs: Profile, other: str) -> tuple[list[str], list[str]]:
    """Return (shared themes, shared title words) of two challenges, sorted."""
    themes = sorted(set(pg.data(ours).get("themes", ())) & set(pg.data(other).get("themes", ())))
    return themes, sorted(mine.words[ours] & theirs.words[other])


def _why(themes: list[str], words: list[str], lang: str) -> str:
    da = lang == "da"
    parts = []
    if themes:
        parts.append(f"{'samme tema' if da else 'same theme'} ({', '.join(label(t, lang) for t in themes)})")
    if words:
        parts.append(f"{'fælles ord' if da else 'shared word'} ({', '.join(words)})")
    return (" og " if da else " and ").join(parts)


def compare(pg: PortfolioGraph, mine: Profile, theirs: Profile) -> list[dict[str, Any]]:
    """Return the reasons two specialty profiles have in common, in REASON_ORDER then by ids."""
    a, b = pg.display_title(mine.specialty), pg.display_title(theirs.specialty)
    reasons: list[dict[str, Any]] = []

    def add(kind: str, ids: list[str], da: str, en: str) -> None:
        reasons.append({"kind": kind, "ids": ids, "text": da, "text_en": en})

    for theme in sorted(set(mine.themes) & set(theirs.themes)):
        add("theme", [theme], f'Begge specialer arbejder med temaet "{THEMES[theme][1]}".',
            f'Both specialties work on the theme "{THEMES[theme][2]}".')
    for site in sorted(set(mine.sites) & set(theirs.sites)):
        where = pg.display_title(site)
        here, there = mine.sites[site], theirs.sites[site]
        add("site", [site],
            f"Begge specialer arbejder på {where} ({a}: {_presence_words(here, 'da')}; {b}: {_presence_words(there, 'da')}).",
            f"Both specialties work at {where} ({a}: {_presence_words(here, 'en')}; {b}: {_presence_words(there, 'en')}).")
    for person in sorted(set(mine.people) & set(theirs.people)):
        who = pg.display_title(person)
        here, there = mine.people[person], theirs.people[person]
        add("person", [person],
            f"{who} har roller i begge specialer ({a}: {_role_words(here, 'da')}; {b}: {_role_words(there, 'da')}).",
            f"{who} has roles in both specialties ({a}: {_role_words(here, 'en')}; {b}: {_role_words(there, 'en')}).")
    for initiative in sorted(mine.initiatives & theirs.initiatives):
        title = pg.display_title(initiative)
        add("initiative", [initiative], f'Den faglige indsats "{title}" tjener indsatsområder i begge specialer.',
            f'The initiative "{title}" serves focus areas of both specialties.')
    for ours in mine.challenges:
        for other in theirs.challenges:
            themes, words = _similar_challenges(pg, mine, ours, theirs, other)
            if themes or words:
                x, y = pg.display_title(ours), pg.display_title(other)
                add("challenge", [ours, other],
                    f'Kerneudfordringerne "{x}" og "{y}" ligner hinanden: {_why(themes, words, "da")}.',
                    f'The core challenges "{x}" and "{y}" are alike: {_why(themes, words, "en")}.')
    for ours in mine.prerequisites:
        kind = pg.data(ours).get("kind", "other")
        for other in theirs.prerequisites:
            if pg.data(other).get("kind", "other") != kind:
                continue
            words = sorted(mine.words[ours] & theirs.words[other])
            if words:
                x, y = pg.display_title(ours), pg.display_title(other)
                add("prerequisite", [ours, other],
                    f'Forudsætningerne "{x}" og "{y}" ligner hinanden: samme type ({label(kind, "da")}) '
                    f'og fælles ord ({", ".join(words)}).',
                    f'The prerequisites "{x}" and "{y}" are alike: same kind ({label(kind, "en")}) '
                    f'and shared word ({", ".join(words)}).')
    return reasons


def synergies(pg: PortfolioGraph, specialty_id: str) -> list[Synergy]:
    """Return the other specialties that share something with ``specialty_id``, best first.

    What counts as shared, and its weight (WEIGHTS) per item:

    - theme (1): a theme tagged on a focus area, challenge or initiative of both;
    - site (2): a site where both have a strength position, a partner hospital, a challenge or a
      situation note;
    - person (3): someone with a role in both: specialty owner, core team, implementation lead of
      a strength position, or owner of an initiative serving its focus areas;
    - initiative (3): an initiative serving focus areas of both;
    - challenge (2): a pair of similar challenges: a shared theme or a shared title word;
    - prerequisite (1): a pair of similar prerequisites: the same kind and a shared word.

    A shared word is one of five or more letters, ignoring case and a few common words. The score is
    the sum of the weights; ties are broken by name. A specialty sharing nothing is left out.
    Raises NotFound if ``specialty_id`` is not a specialty.

    >>> from graph.examples import example_graph
    >>> [(s.specialty, s.score, [r["kind"] for r in s.reasons]) for s in synergies(example_graph(), "geri")]
    [('reum', 4, ['theme', 'person'])]
    """
    if pg.kind(specialty_id) != "specialty":
        raise NotFound(specialty_id, "specialty")
    profiles = profiles_of(pg)
    mine = profiles[specialty_id] if specialty_id in profiles else profile(pg, specialty_id)
    found: list[Synergy] = []
    for other in specialties_in(pg):
        if other == specialty_id:
            continue
        reasons = compare(pg, mine, profiles[other] if other in profiles else profile(pg, other))
        if reasons:
            score = sum(WEIGHTS[r["kind"]] for r in reasons)
            found.append(Synergy(other, pg.data(other).get("name", other), score, reasons))
    found.sort(key=lambda s: (-s.score, s.name, s.specialty))
    return found


@dataclass(frozen=True)
class _Summary:
    """What ``_score`` compares of a profile, as sets made once per profile (a page scores hundreds)."""

    themes: frozenset[str]
    sites: frozenset[str]
    people: frozenset[str]
    initiatives: frozenset[str]
    challenges: tuple[tuple[frozenset[str], frozenset[str]], ...]  # (themes, words) of each
    prerequisites: dict[str, tuple[frozenset[str], ...]]  # kind -> the words of each


def _summary(pg: PortfolioGraph, p: Profile) -> _Summary:
    prerequisites: dict[str, list[frozenset[str]]] = {}
    for pre in p.prerequisites:
        prerequisites.setdefault(pg.data(pre).get("kind", "other"), []).append(frozenset(p.words[pre]))
    return _Summary(
        frozenset(p.themes), frozenset(p.sites), frozenset(p.people), frozenset(p.initiatives),
        tuple((frozenset(pg.data(ch).get("themes", ())), frozenset(p.words[ch])) for ch in p.challenges),
        {kind: tuple(words) for kind, words in prerequisites.items()},
    )


def _score(a: _Summary, b: _Summary) -> int:
    """The score ``compare`` would give (the sum of WEIGHTS over its reasons), without writing a reason."""
    score = WEIGHTS["theme"] * len(a.themes & b.themes)
    score += WEIGHTS["site"] * len(a.sites & b.sites)
    score += WEIGHTS["person"] * len(a.people & b.people)
    score += WEIGHTS["initiative"] * len(a.initiatives & b.initiatives)
    for themes, words in a.challenges:
        for their_themes, their_words in b.challenges:
            if not themes.isdisjoint(their_themes) or not words.isdisjoint(their_words):
                score += WEIGHTS["challenge"]
    for kind, ours in a.prerequisites.items():
        for their_words in b.prerequisites.get(kind, ()):
            for words in ours:
                if not words.isdisjoint(their_words):
                    score += WEIGHTS["prerequisite"]
    return score


def top_synergies(pg: PortfolioGraph, specialty_id: str, limit: int) -> tuple[list[Synergy], int]:
    """The first ``limit`` of ``synergies(pg, specialty_id)`` and how many there are in all.

    Every other specialty is scored, but only those shown get their reasons written: a page of
    the best partners costs a fraction of the whole list in a programme of hundreds of specialties.

    >>> from graph.examples import example_graph
    >>> found, total = top_synergies(example_graph(), "geri", 1)
    >>> [(s.specialty, s.score) for s in found], total
    ([('reum', 4)], 1)
    """
    found, total, _scores = top_synergies_scored(pg, specialty_id, limit)
    return found, total


def top_synergies_scored(pg: PortfolioGraph, specialty_id: str, limit: int) -> tuple[list[Synergy], int, dict[str, int]]:
    """``top_synergies`` and the score of every other specialty sharing something (a cache of the
    answer compares them with ``partner_score`` after a write, web/state.py).

    >>> from graph.examples import example_graph
    >>> top_synergies_scored(example_graph(), "geri", 0)
    ([], 1, {'reum': 4})
    """
    if pg.kind(specialty_id) != "specialty":
        raise NotFound(specialty_id, "specialty")
    profiles = profiles_of(pg)
    mine = profiles.get(specialty_id) or profile(pg, specialty_id)
    summaries = _summaries(pg, profiles)
    ours = summaries(specialty_id, mine)
    scored = []
    for other in specialties_in(pg):
        if other == specialty_id:
            continue
        theirs = profiles.get(other) or profile(pg, other)
        score = _score(ours, summaries(other, theirs))
        if score:
            scored.append((-score, pg.data(other).get("name", other), other, theirs))
    scored.sort(key=lambda row: row[:3])
    found = []
    for minus, name, other, theirs in scored[:limit]:
        found.append(Synergy(other, name, -minus, compare(pg, mine, theirs)))
    return found, len(scored), {other: -minus for minus, _name, other, _theirs in scored}


def partner_score(pg: PortfolioGraph, specialty_id: str, other: str) -> int:
    """The score ``top_synergies_scored`` gives ``other`` as a partner of ``specialty_id`` (0: none).

    >>> from graph.examples import example_graph
    >>> partner_score(example_graph(), "geri", "reum"), partner_score(example_graph(), "geri", "nowhere")
    (4, 0)
    """
    if specialty_id == other or pg.kind(specialty_id) != "specialty" or pg.kind(other) != "specialty":
        return 0
    profiles = profiles_of(pg)
    summaries = _summaries(pg, profiles)
    mine = summaries(specialty_id, profiles.get(specialty_id) or profile(pg, specialty_id))
    return _score(mine, summaries(other, profiles.get(other) or profile(pg, other)))


def follow_profiles(pg: PortfolioGraph, before: int, specialties: set[str]) -> set[str] | None:
    """Bring the profiles kept at revision ``before`` to ``pg``'s revision by making only those of
    ``specialties`` again (a profile reads its specialty's own neighbourhood, graph/cache/touched.py), and
    return those of them whose profile reads differently now; None if none were kept at ``before``
    (the next ``profiles_of`` makes them all)."""
    with _PROFILES_LOCK:
        kept = _PROFILES.get(pg)
        if kept is None or kept[0] != before:
            return None
        profiles = dict(kept[1])
        changed: set[str] = set()
        for sid in specialties:
            if pg.kind(sid) == "specialty":
                profiles[sid] = profile(pg, sid)
            else:
                profiles.pop(sid, None)
            if profiles.get(sid) != kept[1].get(sid):
                changed.add(sid)
        _PROFILES[pg] = (pg.revision, profiles)
        # The summaries follow too: only those of the touched specialties can have changed.
        summaries = _SUMMARIES.get(pg)
        if summaries is not None and summaries[0] is kept[1]:
            _SUMMARIES[pg] = (profiles, {sid: v for sid, v in summaries[1].items() if sid not in changed})
        return changed


def _summaries(pg: PortfolioGraph, profiles: dict[str, Profile]) -> Callable[[str, Profile], _Summary]:
    """``summary(specialty, its profile)``: made once per profile and kept beside the profiles."""
    with _PROFILES_LOCK:
        kept = _SUMMARIES.get(pg)
        if kept is None or kept[0] is not profiles:
            kept = (profiles, {})
            _SUMMARIES[pg] = kept
    made = kept[1]

    def summary(sid: str, p: Profile) -> _Summary:
        found = made.get(sid)
        if found is None:
            found = _summary(pg, p)
            if profiles.get(sid) is p:
                made[sid] = found
        return found

    return summary


_PROFILES_LOCK = threading.Lock()
_PROFILES: weakref.WeakKeyDictionary[PortfolioGraph, tuple[int, dict[str, Profile]]] = weakref.WeakKeyDictionary()
_SUMMARIES: weakref.WeakKeyDictionary[PortfolioGraph, tuple[dict[str, Profile], dict[str, _Summary]]] = (
    weakref.WeakKeyDictionary())


def profiles_of(pg: PortfolioGraph) -> dict[str, Profile]:
    """Every specialty's profile at the graph's revision, made once per revision: a synergy page
    compares one specialty with all others, so without this each page walks the whole portfolio."""
    with _PROFILES_LOCK:
        kept = _PROFILES.get(pg)
        if kept is None or kept[0] != pg.revision:
            kept = (pg.revision, {sid: profile(pg, sid) for sid in pg.ids("specialty")})
            _PROFILES[pg] = kept
        return kept[1]


def theme_heatmap(pg: PortfolioGraph, programme: str | None = None) -> dict[str, Any]:
    """Return, per specialty (ordered by name), how many of its focus areas, challenges and
    initiatives carry each theme: ``{"themes": [{"key", "perspective", "da", "en"}],
    "specialties": [{"id", "name", "counts": {theme key: n}}]}``; every theme has a count."""
    themes = [{"key": key, "perspective": p.value, "da": da, "en": en} for key, (p, da, en) in THEMES.items()]
    rows = []
    for sid in specialties_in(pg, programme):
        tagged = profile(pg, sid).themes
        rows.append(
            {"id": sid, "name": pg.data(sid).get("name", sid), "counts": {key: len(tagged.get(key, ())) for key in THEMES}}
        )
    return {"themes": themes, "specialties": rows}
