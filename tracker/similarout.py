"""Similar work as text for people: matches with their reasons, and a specialty's element pairs."""
from __future__ import annotations

from typing import Any

from graph.portfolio import PortfolioGraph

#: Pairs shown per other specialty in ``tracker synergies`` text (JSON has them all).
PAIRS_SHOWN = 5


def _reason(reason: dict[str, Any], lang: str) -> str:
    return str(reason["text"] if lang == "da" else reason["text_en"])


def similar_text(pg: PortfolioGraph, doc: dict[str, Any], lang: str = "da") -> str:
    """The element asked about, then each match: id, title, specialty, score, and the reasons."""
    da = lang == "da"
    out = [f"{doc['item']} {pg.display_title(doc['item'])}"]
    if not doc["similar"]:
        out.append("  Intet lignende arbejde i andre specialer." if da else "  No similar work in other specialties.")
    for m in doc["similar"]:
        out.append(f"  {m['target']} {pg.display_title(m['target'])} ({pg.display_title(m['specialty'])}; "
                   f"{'point' if da else 'score'} {m['score']})")
        out.extend(f"    - {_reason(r, lang)}" for r in m["reasons"])
    return "\n".join(out)


def pairs_text(groups: list[dict[str, Any]], lang: str = "da") -> str:
    """Element pairs per other specialty, after the specialty-level synergies."""
    da = lang == "da"
    if not groups:
        return ""
    out = ["", "Lignende arbejde, par for par:" if da else "Similar work, pair by pair:"]
    for group in groups:
        out.append(f"{group['specialty']} {group['name']}")
        for pair in group["pairs"][:PAIRS_SHOWN]:
            reasons = "; ".join(_reason(r, lang) for r in pair["reasons"])
            out.append(f"  {pair['source']} <-> {pair['target']} ({pair['score']}): {reasons}")
        if len(group["pairs"]) > PAIRS_SHOWN:
            more = len(group["pairs"]) - PAIRS_SHOWN
            out.append(f"  ... og {more} par mere (--format json)" if da else f"  ... and {more} more pairs (--format json)")
    return "\n".join(out)
