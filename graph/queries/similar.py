"""Similar work in other specialties: for an initiative, focus area or core challenge, the elements
of the same kind elsewhere that look like the same work, each with the reasons in words a
clinician accepts (JOURNEYS.md journey 3; issue 15).

A match is scored (graph.queries.similarity_index) from what the two share: themes, hospitals,
people, support offers drawn on, a text that names the other specialty, and how alike their
titles and descriptions are (Danish stems, stop words left out, TF-IDF cosine). Links people made
(graph.models.SynergyLink) come first; a pair dismissed for a specialty is not suggested to it again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.errors import NotFound
from graph.queries.similarity_index import SimilarityIndex, index_of
from graph.queries.similarity_rows import KINDS, W_TEXT, WEIGHTS
from graph.vocabulary import THEMES

#: Matches shown per element by default, and the least score worth showing.
LIMIT = 5
MIN_SCORE = 1.6
#: Matches per element of a specialty in its pairs (``pairs_of_specialty``).
PAIRS_PER_ELEMENT = 3
#: A text cosine from which "alike in text" is a strong reason on its own.
TEXT_STRONG = 0.3
#: Shared words named in a text reason.
WORDS_SHOWN = 4
#: A suggestion must be alike in what it is about: a shared theme, a text cosine of at least this,
#: or texts naming each other's specialty. A shared hospital, person or support offer adds to the
#: score but does not make two unrelated pieces of work alike.
TEXT_ALIKE = 0.15
#: Candidates looked at per wanted match, for those left out as not alike.
WINDOW = 8
#: Elements scored together: one dense row of scores per element, so a chunk bounds the memory.
CHUNK = 64


@dataclass
class Reason:
    """One reason two elements look like the same work: ``kind`` (link, mention, person, offer,
    site, theme, text), the ids it is about, the words in Danish and English, and its points."""

    kind: str
    ids: list[str]
    text: str
    text_en: str
    points: float

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "ids": list(self.ids), "text": self.text, "text_en": self.text_en,
                "points": round(self.points, 2)}


@dataclass
class Match:
    """``source`` (the element asked about) and ``target`` (of ``specialty``, another specialty),
    their ``score`` and ``reasons`` (strongest first); ``link`` is the SynergyLink people made
    between them, if any: {"id", "link", "reason", "by", "on"}."""

    source: str
    target: str
    kind: str
    specialty: str
    score: float
    reasons: list[Reason] = field(default_factory=list)
    link: dict[str, Any] | None = None

    @property
    def strong(self) -> bool:
        """True unless the only reasons are a shared theme or a loose likeness of words."""
        strong_text = W_TEXT * TEXT_STRONG
        return any(r.kind not in ("theme", "text") or (r.kind == "text" and r.points >= strong_text) for r in self.reasons)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "target": self.target, "kind": self.kind, "specialty": self.specialty,
            "score": round(self.score, 2), "strong": self.strong,
            "reasons": [r.to_json() for r in self.reasons], "link": self.link,
        }


def similar_json(item: str, found: list[Match]) -> dict[str, Any]:
    """Return ``{"item", "similar": [match JSON]}``: the shape of the CLI and the API."""
    return {"item": item, "similar": [m.to_json() for m in found]}


def links_of(pg: PortfolioGraph, item: str) -> list[tuple[str, dict[str, Any]]]:
    """Every SynergyLink touching ``item``: (the other element, the link's fields with its id), in the order made."""
    found = []
    for link in pg.into(item, "LINKS"):
        if pg.kind(link) != "synergy_link":
            continue
        data = pg.data(link)
        other = data["target"] if data["source"] == item else data["source"]
        found.append((other, {"id": link, "link": data.get("link", "joint"), "reason": data.get("reason"),
                              "by": data.get("by"), "on": data.get("on"), "specialty": data.get("specialty")}))
    return found


def _hidden(pg: PortfolioGraph, item: str, specialty: str | None) -> set[str]:
    return {other for other, link in links_of(pg, item) if link["link"] == "dismissed" and link["specialty"] in (None, specialty)}


def similar(
    pg: PortfolioGraph, item: str, limit: int = LIMIT, specialty: str | None = None, min_score: float = MIN_SCORE
) -> list[Match]:
    """Return the elements of other specialties most like ``item`` (an initiative, focus area or
    core challenge), best first: first those people linked to it (joint, then related), then the
    suggestions scoring at least ``min_score``, at most ``limit`` in all.

    ``specialty`` is whose view this is (default: the item's own): pairs dismissed for it are left
    out. Raises NotFound for an id that is none of those kinds.

    >>> from graph.examples import example_graph
    >>> [(m.target, round(m.score, 2), [r.text for r in m.reasons]) for m in similar(example_graph(), "geri-fa1", min_score=0.5)]
    [('reum-fa1', 0.75, ['samme tema: Rekruttering og fastholdelse'])]
    """
    return similar_many(pg, [item], limit, specialty, min_score)[item]


def similar_many(
    pg: PortfolioGraph, items: list[str], limit: int = LIMIT, specialty: str | None = None, min_score: float = MIN_SCORE
) -> dict[str, list[Match]]:
    """``similar`` for many elements at once (one sparse product per kind): item -> matches."""
    for item in items:
        if pg.kind(item) not in KINDS:
            raise NotFound(item, "initiative")
    index = index_of(pg)
    found: dict[str, list[Match]] = {}
    by_kind: dict[str, list[str]] = {}
    for item in items:
        if item in index.features:
            by_kind.setdefault(index.features[item].kind, []).append(item)
        else:
            found[item] = _linked(pg, index, item, specialty)
    for kind, all_asked in by_kind.items():
        block = index.blocks[kind]
        for start in range(0, len(all_asked), CHUNK):
            asked = all_asked[start:start + CHUNK]
            scores = index.scores(asked)
            _best(pg, index, block, asked, scores, limit, specialty, min_score, found)
    return found


def _best(
    pg: PortfolioGraph, index: SimilarityIndex, block: Any, asked: list[str], scores: Any, limit: int,
    specialty: str | None, min_score: float, found: dict[str, list[Match]],
) -> None:
    """Pick the matches of each asked element from its row of scores (into ``found``)."""
    for row, item in enumerate(asked):
        feat = index.features[item]
        view = specialty or feat.specialty
        linked = _linked(pg, index, item, view)
        skip = _hidden(pg, item, view) | {m.target for m in linked}
        line = scores[row]
        line[block.specialty_code == index.specialties.index(feat.specialty)] = -1.0
        top = _top(line, WINDOW * limit + len(skip))
        matches = list(linked)
        for j in top:
            if len(matches) >= limit or line[j] < min_score:
                break
            target = block.ids[j]
            if target in skip or target not in pg or not _alike(index, item, target):
                continue
            matches.append(explain(pg, index, item, target, float(line[j])))
        found[item] = matches[:limit] if len(linked) <= limit else linked


def _alike(index: SimilarityIndex, a: str, b: str) -> bool:
    fa, fb = index.features[a], index.features[b]
    if fa.themes & fb.themes or (fa.specialty in fb.mentions and fb.specialty in fa.mentions):
        return True
    return index.cosine(a, b)[0] >= TEXT_ALIKE


def _top(line: Any, want: int) -> list[int]:
    """The ``want`` best columns of ``line``, best first; equal scores in index order (portfolio order).

    The order among equal scores is fixed, not left to the selection algorithm: a list must not
    change when only scores it does not show change (web/state.py keeps lists across writes).
    """
    import numpy as np

    if want >= len(line):
        return [int(j) for j in np.argsort(-line, kind="stable")]
    least = np.partition(line, len(line) - want)[len(line) - want]  # the want-th best score
    above = np.nonzero(line > least)[0]
    picked = np.concatenate([above, np.nonzero(line == least)[0][: want - len(above)]])
    return [int(j) for j in picked[np.argsort(-line[picked], kind="stable")]]


def _linked(pg: PortfolioGraph, index: SimilarityIndex, item: str, view: str | None) -> list[Match]:
    """Matches for the links people made from ``item`` (joint first, then related)."""
    made = [(other, link) for other, link in links_of(pg, item) if link["link"] in ("joint", "related")]
    made.sort(key=lambda pair: (pair[1]["link"] != "joint", pair[0]))
    matches = []
    for other, link in made:
        score = index.score(item, other)
        match = explain(pg, index, item, other, score)
        match.link = link
        match.reasons.insert(0, _link_reason(pg, link))
        matches.append(match)
    return matches


def _link_reason(pg: PortfolioGraph, link: dict[str, Any]) -> Reason:
    joint = link["link"] == "joint"
    da = "markeret som fælles indsats" if joint else "markeret som beslægtet"
    en = "marked as a joint effort" if joint else "marked as related"
    if link.get("by"):
        who = pg.display_title(link["by"])
        da, en = f"{da} af {who}", f"{en} by {who}"
    if link.get("reason"):
        da, en = f"{da}: {link['reason']}", f"{en}: {link['reason']}"
    return Reason("link", [link["id"]], da, en, 0.0)


def explain(pg: PortfolioGraph, index: SimilarityIndex, source: str, target: str, score: float) -> Match:
    """The match of two elements with its reasons, strongest first."""
    a, b = index.features.get(source), index.features.get(target)
    specialty = pg.specialty_of(target) or ""
    match = Match(source, target, pg.kind(target) or "", specialty, score)
    if a is None or b is None or a.kind != b.kind:
        return match
    reasons = match.reasons
    if b.specialty in a.mentions and a.specialty in b.mentions:
        names = f"{pg.display_title(b.specialty)} {'og'} {pg.display_title(a.specialty)}"
        names_en = f"{pg.display_title(b.specialty)} and {pg.display_title(a.specialty)}"
        reasons.append(Reason("mention", [b.specialty, a.specialty], f"nævner hinandens speciale: {names}",
                              f"name each other's specialty: {names_en}", WEIGHTS["mention"]))
    for key, da, en in (("people", "fælles person", "person in common"), ("offers", "samme støttetilbud", "same support offer"),
                        ("sites", "samme sygehus", "same hospital")):
        shared = sorted(getattr(a, key) & getattr(b, key))
        if shared:
            names = ", ".join(pg.display_title(i) for i in shared)
            weight = WEIGHTS[{"people": "person", "offers": "offer", "sites": "site"}[key]]
            kind = key.rstrip("s") if key != "people" else "person"
            reasons.append(Reason(kind, shared, f"{da}: {names}", f"{en}: {names}", weight * len(shared)))
    themes = sorted(a.themes & b.themes)
    if themes:
        reasons.append(Reason("theme", themes, "samme tema: " + ", ".join(THEMES[t][1] for t in themes),
                              "same theme: " + ", ".join(THEMES[t][2] for t in themes), WEIGHTS["theme"] * len(themes)))
    cosine, shared_stems = index.cosine(source, target)
    if shared_stems:
        words = ", ".join(index.surface.get(s, s) for s in shared_stems[:WORDS_SHOWN])
        reasons.append(Reason("text", [], f"ligner i tekst: {words}", f"alike in text: {words}", W_TEXT * cosine))
    reasons.sort(key=lambda r: -r.points)
    return match


def pairs_of_specialty(
    pg: PortfolioGraph, specialty: str, per_element: int = PAIRS_PER_ELEMENT, reuse: dict[str, list[dict[str, Any]]] | None = None,
) -> list[dict[str, Any]]:
    """Concrete pairs between ``specialty``'s initiatives, focus areas and challenges and other
    specialties' elements, grouped by the other specialty: ``[{"specialty", "name", "score",
    "pairs": [match JSON]}]``, groups by their best score, pairs by score (linked pairs first).

    ``reuse`` gives, for elements whose matches are known still to hold, those matches (JSON): they
    are not looked up again (web/state.py keeps them across a write that cannot move them).

    Raises NotFound if ``specialty`` is not a specialty.
    """
    if pg.kind(specialty) != "specialty":
        raise NotFound(specialty, "specialty")
    index = index_of(pg)
    ours = index.by_specialty.get(specialty, [])
    reuse = reuse or {}
    found = similar_many(pg, [item for item in ours if item not in reuse], per_element, specialty)
    groups: dict[str, dict[str, Any]] = {}
    seen: set[tuple[str, str]] = set()
    for item in ours:
        for m in reuse[item] if item in reuse else [m.to_json() for m in found[item]]:
            key = (m["source"], m["target"])
            if key in seen:
                continue
            seen.add(key)
            group = groups.setdefault(
                m["specialty"], {"specialty": m["specialty"], "name": pg.display_title(m["specialty"]), "score": 0.0, "pairs": []})
            group["pairs"].append(m)
    for group in groups.values():
        group["pairs"].sort(key=lambda p: (p["link"] is None, -p["score"], p["source"], p["target"]))
        group["score"] = round(sum(p["score"] for p in group["pairs"][:5]), 2)
    return sorted(groups.values(), key=lambda g: (-g["score"], g["name"], g["specialty"]))


def cross_links(pg: PortfolioGraph, link: str = "joint", programme: str | None = None) -> list[dict[str, Any]]:
    """Every SynergyLink of one kind (``joint`` efforts by default), as ``{"id", "source", "target",
    "specialties", "reason", "by", "on"}`` in the order made; ``programme`` keeps those of one programme.

    >>> from graph.examples import example_graph
    >>> cross_links(example_graph())
    []
    """
    found = []
    for item in pg.ids("synergy_link"):
        data = pg.data(item)
        if data.get("link", "joint") != link:
            continue
        ends = (data["source"], data["target"])
        specialties = [pg.specialty_of(e) for e in ends]
        if programme is not None and not any(s and pg.programme_of(s) == programme for s in specialties):
            continue
        found.append({"id": item, "source": ends[0], "target": ends[1], "specialties": specialties,
                      "reason": data.get("reason"), "by": data.get("by"), "on": data.get("on")})
    return found
