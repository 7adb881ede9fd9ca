"""Readable text of ``tracker impact``, built from the same JSON as ``/api/v1/impact/<id>``."""
from __future__ import annotations

from graph.portfolio import PortfolioGraph
from graph.queries.suspects import suspect_causes
from graph.vocabulary import kind_label
from tracker.errors import pick


def suspect_text(pg: PortfolioGraph, items: list[str], lang: str = "da") -> str:
    """Lines for a trace: each of ``items`` that is *til genbekræftelse*, with what failed ("" when none is).

    >>> from graph.examples import example_graph
    >>> suspect_text(example_graph(), ["geri-i1", "geri-fa1"])
    ''
    """
    lines = []
    for item in items:
        causes = suspect_causes(pg, item)
        if causes:
            names = ", ".join(f"{c} {pg.display_title(c)}" for c in causes)
            lines.append(pick(lang, f"  til genbekræftelse: {item} ({names} svigtede)", f"  to re-confirm: {item} ({names} failed)"))
    return "\n".join(lines)


def impact_text(doc: dict, lang: str = "da") -> str:
    """The counts first (per specialty, per hospital), then per specialty and kind each dependant with its path(s).

    >>> doc = {"root": {"id": "hr", "kind": "support_offer", "title": "HR-pakke"}, "total": 0, "by_specialty": [],
    ...        "by_site": [], "groups": []}
    >>> print(impact_text(doc, "en"))
    Support offer hr: HR-pakke
      nothing depends on it
    """
    root = doc["root"]
    out = [f"{kind_label(root['kind'], lang)} {root['id']}: {root['title']}"]
    if not doc["total"]:
        out.append("  " + pick(lang, "intet afhænger af det", "nothing depends on it"))
        return "\n".join(out)
    outside = pick(lang, "uden speciale", "no specialty")
    out.append("  " + pick(lang, f"{doc['total']} afhænger af det", f"{doc['total']} depend on it"))
    counts = ", ".join(f"{s['title'] or outside} {s['count']}" for s in doc["by_specialty"])
    out.append(f"  {pick(lang, 'pr. speciale', 'per specialty')}: {counts}")
    if doc["by_site"]:
        sites = ", ".join(f"{s['title']} {s['count']}" for s in doc["by_site"])
        out.append(f"  {pick(lang, 'pr. sygehus', 'per hospital')}: {sites}")
    for group in doc["groups"]:
        out.append("")
        out.append(f"{kind_label('specialty', lang)}: {group['title'] or outside}" if group["id"] else outside.capitalize())
        for part in group["kinds"]:
            out.append(f"  {kind_label(part['kind'], lang)} ({len(part['items'])}):")
            for item in part["items"]:
                out.append(f"    {item['id']}: {item['title']}")
                for path in item["paths"]:
                    out.append(f"      - {path[lang if lang == 'da' else 'en']}")
                hidden = item["path_count"] - len(item["paths"])
                if hidden > 0:
                    out.append("      " + pick(lang, f"(og {hidden} veje mere)", f"(and {hidden} more paths)"))
    return "\n".join(out)
