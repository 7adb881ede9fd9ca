"""Readable text for the query commands, built from the same JSON the API gives."""
from __future__ import annotations

from graph.queries.rules import RULE_BY_KEY
from graph.vocabulary import kind_label, label

#: Severities of health findings as the web pages name them.
SEVERITY_WORDS: dict[str, tuple[str, str]] = {
    "error": ("Fejl", "Error"),
    "warning": ("Advarsel", "Warning"),
    "info": ("Til orientering", "For information"),
}


def _role_word(role: str, lang: str) -> str:
    if role == "initiative_owner":  # a trace's own role: the person who owns the initiative
        return "Ejer af indsatsen" if lang == "da" else "Initiative owner"
    return label(role, lang)


def _name(item: dict) -> str:
    for key in ("title", "name", "statement", "text"):
        if item.get(key):
            return str(item[key])
    return str(item.get("id", ""))


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A plain fixed-width table."""
    cells = [[str(c) for c in headers]] + [[("" if c is None else str(c)) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def trace_text(doc: dict, lang: str = "da") -> str:
    """The trace of one initiative, from the initiative up, one element a line."""
    da = lang == "da"
    ini = doc["initiative"]
    out = [f"{kind_label('initiative', lang)} {ini['id']}: {_name(ini)} [{label(ini.get('status', ''), lang)}]"]
    place = doc.get("strength_position") or doc.get("site")
    if place:
        out.append(f"  {'leveres ved' if da else 'delivered at'}: {place['id']} {_name(place)}")
    sections = [
        ("focus_areas", "focus_area"),
        ("ambitions", "ambition"),
        ("specialties", "specialty"),
        ("prerequisites", "prerequisite"),
        ("challenges", "challenge"),
        ("indicators", "indicator"),
    ]
    for key, kind in sections:
        items = doc.get(key) or []
        out.append(f"  {kind_label(kind, lang)} ({len(items)}):")
        for item in items:
            extra = ""
            if kind == "prerequisite":
                extra = f" [{label(item.get('status', ''), lang)}]"
            elif kind == "ambition":
                extra = f" [{label(item.get('status', ''), lang)}]"
            elif kind == "focus_area" and item.get("sequence"):
                extra = f" [{label(item['sequence'], lang)}]"
            out.append(f"    {item['id']}: {_name(item)}{extra}")
    signals = doc.get("open_signals") or []
    if signals:
        out.append(f"  {'Åbne signaler' if da else 'Open signals'} ({len(signals)}):")
        out.extend(f"    {s['element']}: {s['text']}" for s in signals)
    people = doc.get("people") or []
    out.append(f"  {'Ansvarlige' if da else 'Responsible people'} ({len(people)}):")
    for person in people:
        roles = ", ".join(_role_word(r["role"], lang) + (f" ({r['target']})" if r.get("target") else "") for r in person.get("roles", []))
        out.append(f"    {person['id']}: {_name(person)} - {roles}")
    return "\n".join(out)


def coverage_text(doc: dict, lang: str = "da") -> str:
    """Coverage per specialty as a table, then the orphan initiatives."""
    da = lang == "da"
    headers = (
        ["Speciale", "Ambition", "Indsatsomr. u. indsats", "Uadresserede udf.", "Indsatsomr. u. indikator",
         "Forudsætn. ikke opfyldt", "Kerneteam"]
        if da
        else ["Specialty", "Ambition", "Focus areas w/o initiative", "Unaddressed challenges", "Focus areas w/o indicator",
              "Prerequisites not met", "Core team"]
    )
    rows = []
    for sp in doc["specialties"]:
        complete = sp.get("core_team_complete")
        rows.append(
            [
                f"{sp['id']} {sp.get('name', '')}",
                label(sp.get("ambition_status") or "-", lang),
                len(sp["focus_areas_without_initiatives"]),
                len(sp["unaddressed_challenges"]),
                len(sp["focus_areas_without_indicators"]),
                len(sp["prerequisites_not_met"]),
                ("ja" if da else "yes") if complete else ("nej" if da else "no"),
            ]
        )
    orphans = doc.get("orphan_initiatives", [])
    head = "Faglige indsatser uden indsatsområde" if da else "Initiatives serving no focus area"
    return table(headers, rows) + f"\n\n{head} ({len(orphans)}): {', '.join(orphans) if orphans else '-'}"


def findings_text(doc: dict, lang: str = "da") -> str:
    """Health findings, one a line: severity, specialty, rule, element, message; in words, not codes."""
    findings = doc["findings"]
    if not findings:
        return "Ingen fund: ambitionen følger vejledningen." if lang == "da" else "No findings: the ambition follows the guidance."
    pick = 0 if lang == "da" else 1
    rows = []
    for f in findings:
        severity = SEVERITY_WORDS.get(f["severity"], (f["severity"], f["severity"]))[pick]
        rule = RULE_BY_KEY[f["rule"]].title(lang) if f["rule"] in RULE_BY_KEY else f["rule"]
        rows.append([severity, f.get("specialty") or "-", rule, f.get("element") or "-", f["message"]])
    headers = ["Alvor", "Speciale", "Regel", "Element", "Besked"]
    if lang != "da":
        headers = ["Severity", "Specialty", "Rule", "Element", "Message"]
    return table(headers, rows) + f"\n\n{len(findings)} {'fund' if lang == 'da' else 'findings'}"


def synergies_text(doc: dict, lang: str = "da") -> str:
    """Partner specialties, best first, each with its reasons."""
    items = doc["synergies"]
    if not items:
        return "Ingen fælles elementer med andre specialer." if lang == "da" else "Nothing shared with other specialties."
    out = []
    for syn in items:
        out.append(f"{syn['specialty']} {syn.get('name', '')}  ({'score' if lang == 'en' else 'point'} {syn['score']})")
        for reason in syn["reasons"]:
            text = reason.get("text") if lang == "da" else reason.get("text_en") or reason.get("text")
            out.append(f"  - {text}")
    return "\n".join(out)
