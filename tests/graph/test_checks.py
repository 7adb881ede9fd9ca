"""Health checks (DESIGN.md section 5): each rule on a tiny graph that triggers it and one that does not."""
from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable

import pytest

from graph.changeset import ChangeSet, parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import RULES, NotFound, check, findings_json
from importers.document import FORMAT, changeset_from_document

TODAY = dt.date(2026, 6, 1)

#: A specialty that follows the guidance in every respect: check() finds nothing.
CLEAN: dict = {
    "format": FORMAT,
    "programme": {"id": "p", "name": "P"},
    "sites": [{"id": "a", "name": "Køge Sygehus", "kind": "acute_hospital"}],
    "specialties": [{"id": "s", "name": "Nefrologi"}],
    "strength_positions": [{"id": "sp", "name": "Nefrologi Køge", "specialty": "s", "sites": ["a"]}],
    "people": [{"id": "o", "name": "Ole"}, {"id": "l", "name": "Lis"}],
    "roles": [
        {"person": "o", "role": "specialty_owner", "specialty": "s"},
        {"person": "l", "role": "implementation_lead", "strength_position": "sp"},
    ],
    "ambitions": [{"id": "amb", "specialty": "s", "statement": "Stærk nefrologi", "horizon_months": 24, "status": "approved"}],
    "situation": [
        {"id": "n-pat", "specialty": "s", "perspective": "patient"},
        {"id": "n-pro", "specialty": "s", "perspective": "professional"},
        {"id": "n-sta", "specialty": "s", "perspective": "staff", "site": "a"},
        {"id": "n-org", "specialty": "s", "perspective": "organisational"},
    ],
    "challenges": [{"id": "c1", "ambition": "amb", "title": "Få nefrologer",
                    "perspectives": {"professional": "Smal faglighed", "staff": "Få ansøgere"}}],
    "prerequisites": [{"id": "p1", "ambition": "amb", "text": "Fælles vagtplan", "kind": "management_decision",
                       "enables": ["f1"]}],
    "focus_areas": [{"id": "f1", "ambition": "amb", "title": "Fælles dialyse", "sequence": "now", "addresses": ["c1"],
                     "themes": ["strong_environments", "wellbeing", "responsibility"]}],
    "indicators": [
        {"id": "i1", "focus_area": "f1", "name": "Ventetid", "kind": "quantitative"},
        {"id": "i2", "focus_area": "f1", "name": "Oplevet kvalitet", "kind": "qualitative"},
    ],
    "initiatives": [{"id": "n1", "title": "Fælles uddannelse", "focus_areas": ["f1"], "strength_position": "sp",
                     "owner": "l", "status": "in_progress", "start": "2026-01-01", "end": "2026-12-31"}],
}


def graph_of(change: Callable[[dict], None] | None = None) -> PortfolioGraph:
    doc = copy.deepcopy(CLEAN)
    if change:
        change(doc)
    return PortfolioGraph(changeset_from_document(doc).upserts)


def found(pg: PortfolioGraph, specialty: str | None = "s", today: dt.date = TODAY) -> list[tuple[str, str | None]]:
    return [(f.rule, f.element) for f in check(pg, specialty, today)]


def item(doc: dict, section: str, item_id: str) -> dict:
    return next(x for x in doc[section] if x.get("id") == item_id)


def test_the_clean_specialty_has_no_findings():
    pg = graph_of()
    assert check(pg, "s", TODAY) == []
    assert check(pg, today=TODAY) == []


def test_rules_table_is_complete_and_bilingual():
    keys = [r.key for r in RULES]
    assert len(keys) == len(set(keys)) == 23  # unconfirmed (issue 23), professional_before_strategic (issue 22)
    assert {r.severity for r in RULES} == {"error", "warning", "info"}
    assert all(r.title("da") and r.title("en") and r.title("da") != r.title("en") for r in RULES)


def _more_challenges(doc: dict) -> None:
    for n in range(2, 12):
        doc["challenges"].append({"id": f"c{n:02}", "ambition": "amb", "title": f"Udfordring {n}",
                                  "perspectives": {"staff": "x", "organisational": "y"}})
    item(doc, "focus_areas", "f1")["addresses"] = ["c1"] + [f"c{n:02}" for n in range(2, 12)]


def _second_focus_area(doc: dict) -> None:
    doc["focus_areas"].append({"id": "f2", "ambition": "amb", "title": "Vagtlag", "sequence": "next"})
    doc["indicators"].append({"id": "i3", "focus_area": "f2", "name": "Vagter", "kind": "quantitative"})


def _many_indicators(doc: dict) -> None:
    doc["indicators"] += [{"id": f"i{n}", "focus_area": "f1", "name": f"Indikator {n}"} for n in range(3, 7)]


def _reconfirm(status: str) -> dict:
    return {"id": "sig1", "subject": "n1", "kind": "reconfirm", "text": "Forudsætning ikke opfyldt", "cause": "p1", "status": status}


CASES: list[tuple[str, Callable[[dict], None], list[tuple[str, str]], Callable[[dict], None]]] = [
    # rule, change that triggers it, exact findings, a similar change that does not
    ("horizon", lambda d: item(d, "ambitions", "amb").update(horizon_months=17), [("horizon", "amb")],
     lambda d: item(d, "ambitions", "amb").update(horizon_months=18)),
    ("challenge_count", _more_challenges, [("challenge_count", "amb")],
     lambda d: (_more_challenges(d), d["challenges"].pop(), item(d, "focus_areas", "f1")["addresses"].pop())),
    ("challenge_perspectives", lambda d: item(d, "challenges", "c1").update(perspectives={"staff": "x"}),
     [("challenge_perspectives", "c1")],
     lambda d: item(d, "challenges", "c1").update(perspectives={"staff": "x", "organisational": "y"})),
    ("situation_perspectives", lambda d: d["situation"].pop(0), [("situation_perspectives", "s")],
     lambda d: d["situation"].append({"id": "n-pat2", "specialty": "s", "perspective": "patient"})),
    ("situation_sites",
     lambda d: (d["sites"].append({"id": "b", "name": "Nykøbing F. Sygehus"}), d["strength_positions"][0].update(sites=["a", "b"])),
     [("situation_sites", "b")],
     lambda d: (d["sites"].append({"id": "b", "name": "Nykøbing F. Sygehus"}), d["strength_positions"][0].update(partner_sites=["b"]))),
    ("challenge_unaddressed",
     lambda d: d["challenges"].append({"id": "c2", "ambition": "amb", "title": "Ventelister",
                                       "perspectives": {"staff": "x", "professional": "y"}}),
     [("challenge_unaddressed", "c2")],
     lambda d: (d["challenges"].append({"id": "c2", "ambition": "amb", "title": "Ventelister",
                                        "perspectives": {"staff": "x", "professional": "y"}}),
                item(d, "focus_areas", "f1")["addresses"].append("c2"))),
    ("focus_area_without_challenge", _second_focus_area, [("focus_area_without_challenge", "f2")],
     lambda d: (_second_focus_area(d), item(d, "focus_areas", "f2").update(addresses=["c1"]))),
    ("focus_area_sequence", lambda d: item(d, "focus_areas", "f1").pop("sequence"), [("focus_area_sequence", "f1")],
     lambda d: item(d, "focus_areas", "f1").update(sequence="later")),
    ("focus_area_indicators", lambda d: d.pop("indicators"), [("focus_area_indicators", "f1")],
     lambda d: d["indicators"].append({"id": "i3", "focus_area": "f1", "name": "Tre"})),
    ("focus_area_indicators", _many_indicators, [("focus_area_indicators", "f1")],
     lambda d: (_many_indicators(d), d["indicators"].pop())),
    ("indicator_mix", lambda d: d["indicators"].pop(1), [("indicator_mix", "amb")],
     lambda d: d["indicators"].append({"id": "i3", "focus_area": "f1", "name": "Tal"})),
    ("perspective_spread", lambda d: item(d, "focus_areas", "f1").update(themes=["strong_environments"]),
     [("perspective_spread", "amb")],
     lambda d: (item(d, "focus_areas", "f1").update(themes=["strong_environments"]),
                item(d, "challenges", "c1")["perspectives"].update(organisational="z"))),
    ("prerequisite_balance", lambda d: item(d, "prerequisites", "p1").update(kind="temporary_resources"),
     [("prerequisite_balance", "amb")],
     lambda d: item(d, "prerequisites", "p1").update(kind="temporary_resources", status="withdrawn")),
    ("core_team_owner", lambda d: d["roles"].pop(0), [("core_team_owner", "s")],
     lambda d: d["roles"].append({"person": "l", "role": "core_team", "specialty": "s"})),
    ("core_team_leads", lambda d: d["roles"].pop(1), [("core_team_leads", "sp")],
     lambda d: d["roles"].append({"person": "o", "role": "implementation_lead", "strength_position": "sp"})),
    ("initiative_focus_area", lambda d: d["initiatives"][0].pop("focus_areas"), [("initiative_focus_area", "n1")],
     lambda d: d["initiatives"][0].pop("strength_position")),
    ("initiative_owner", lambda d: d["initiatives"][0].pop("owner"), [("initiative_owner", "n1")],
     lambda d: d["initiatives"][0].update(owner="o")),
    ("initiative_dates", lambda d: d["initiatives"][0].pop("end"), [("initiative_dates", "n1")],
     lambda d: d["initiatives"][0].update(start="2026-03-01")),
    ("initiative_long", lambda d: d["initiatives"][0].update(end="2027-02-06"), [("initiative_long", "n1")],
     lambda d: d["initiatives"][0].update(end="2027-02-05")),  # exactly 400 days
    ("ambition_not_approved", lambda d: item(d, "ambitions", "amb").update(status="submitted"),
     [("ambition_not_approved", "n1")],
     lambda d: item(d, "ambitions", "amb").update(status="approved", approved_on="2026-01-01")),
    ("unconfirmed", lambda d: d.setdefault("signals", []).append(_reconfirm("open")), [("unconfirmed", "s")],
     lambda d: d.setdefault("signals", []).append(_reconfirm("answered"))),
]


@pytest.mark.parametrize(("rule", "trigger", "expected", "harmless"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_triggers_and_does_not(rule, trigger, expected, harmless):
    assert found(graph_of(trigger)) == expected
    assert found(graph_of(harmless)) == []
    assert {f.severity for f in check(graph_of(trigger), "s", TODAY)} == {next(r.severity for r in RULES if r.key == rule)}


def test_ambition_missing():
    pg = graph_of(lambda d: d["specialties"].append({"id": "t", "name": "Hæmatologi"}))
    assert found(pg, "t") == [("ambition_missing", "t"), ("situation_perspectives", "t"), ("core_team_owner", "t")]
    assert check(pg, "t", TODAY)[0].message("da") == 'Specialet "Hæmatologi" har endnu ingen strategisk ambition.'
    assert found(pg, "s") == []


def test_initiative_overdue_depends_on_today():
    pg = graph_of()
    assert found(pg, today=dt.date(2027, 1, 1)) == [("initiative_overdue", "n1")]
    assert found(pg, today=dt.date(2026, 12, 31)) == []
    done = graph_of(lambda d: d["initiatives"][0].update(status="done"))
    assert found(done, today=dt.date(2027, 1, 1)) == []
    assert check(pg, "s", dt.date(2027, 1, 1))[0].message("en") == (
        'The initiative "Fælles uddannelse" was due to end on 31 December 2026, but its status is In progress.'
    )


MESSAGES = [
    (lambda d: item(d, "ambitions", "amb").update(horizon_months=12),
     'Den strategiske ambition "Stærk nefrologi" ser 12 måneder frem; vejledningen siger mindst 18.',
     'The strategic ambition "Stærk nefrologi" looks 12 months ahead; the guidance asks for at least 18.'),
    (lambda d: item(d, "ambitions", "amb").pop("horizon_months"),
     'Den strategiske ambition "Stærk nefrologi" har ingen tidshorisont; vejledningen siger mindst 18 måneder.',
     'The strategic ambition "Stærk nefrologi" has no horizon; the guidance asks for at least 18 months.'),
    (lambda d: item(d, "challenges", "c1").update(perspectives={"staff": "x"}),
     'Kerneudfordringen "Få nefrologer" er beskrevet fra 1 bæredygtighedsperspektiv (personalemæssig); beskriv den fra mindst 2.',
     'The core challenge "Få nefrologer" is described from 1 sustainability perspective (staff); describe it from at least 2.'),
    (lambda d: d["situation"].pop(0),
     'Situationsbilledet for "Nefrologi" mangler perspektiverne: patient (inkl. population).',
     'The situation picture of "Nefrologi" lacks the perspectives: patient (incl. population).'),
    (lambda d: d["indicators"].pop(1),
     'Alle indikatorer under "Stærk nefrologi" er kvantitative; bland kvantitative og kvalitative.',
     'Every indicator under "Stærk nefrologi" is quantitative; mix quantitative and qualitative.'),
    (lambda d: item(d, "focus_areas", "f1").update(themes=["strong_environments"]),
     'Indsatsområderne under "Stærk nefrologi" berører ikke disse bæredygtighedsperspektiver: organisatorisk.',
     'The focus areas under "Stærk nefrologi" do not touch these sustainability perspectives: organisational.'),
    (lambda d: d["roles"].pop(1),
     'Styrkepositionen "Nefrologi Køge" har ingen implementeringsansvarlig.',
     'The strength position "Nefrologi Køge" has no implementation lead.'),
    (lambda d: (d["initiatives"][0].pop("start"), d["initiatives"][0].pop("end")),
     'Den faglige indsats "Fælles uddannelse" mangler start- og slutdato.',
     'The initiative "Fælles uddannelse" has no start or end date.'),
    (lambda d: d["initiatives"][0].update(end="2027-03-01"),
     'Den faglige indsats "Fælles uddannelse" varer 424 dage; en faglig indsats bør højst vare omkring et år.',
     'The initiative "Fælles uddannelse" lasts 424 days; an initiative should last about a year at most.'),
    (lambda d: item(d, "ambitions", "amb").update(status="returned"),
     'Den faglige indsats "Fælles uddannelse" hører under den strategiske ambition "Stærk nefrologi", '
     'som ikke er godkendt (Sendt retur).',
     'The initiative "Fælles uddannelse" falls under the strategic ambition "Stærk nefrologi", '
     'which is not approved (Returned).'),
]


@pytest.mark.parametrize(("change", "da", "en"), MESSAGES)
def test_messages_name_the_element_by_title(change, da, en):
    [finding] = check(graph_of(change), "s", TODAY)
    assert (finding.message("da"), finding.message("en")) == (da, en)


def test_programme_wide_orphan_belongs_to_no_specialty():
    pg = graph_of(lambda d: d["initiatives"].append({"id": "n0", "title": "Løs idé", "start": "2026-01-01"}))
    assert found(pg, "s") == []
    assert [(f.specialty, f.rule, f.element) for f in check(pg, today=TODAY)] == [
        (None, "initiative_focus_area", "n0"),
        (None, "initiative_owner", "n0"),
        (None, "initiative_dates", "n0"),
    ]


def test_small_portfolio_findings_in_report_order(small_graph):
    findings = check(small_graph, today=dt.date(2026, 6, 1))
    assert [(f.specialty, f.rule, f.element) for f in findings] == [
        ("geri", "challenge_perspectives", "geri-ch2"),
        ("geri", "situation_perspectives", "geri"),
        ("geri", "situation_sites", "slag"),
        ("geri", "challenge_unaddressed", "geri-ch2"),
        ("geri", "focus_area_without_challenge", "geri-fa2"),
        ("geri", "focus_area_indicators", "geri-fa2"),
        ("geri", "indicator_mix", "geri-amb"),
        ("reum", "horizon", "reum-amb"),
        ("reum", "situation_perspectives", "reum"),
        ("reum", "situation_sites", "holb"),
        ("reum", "focus_area_sequence", "reum-fa1"),
        ("reum", "indicator_mix", "reum-amb"),
        ("reum", "perspective_spread", "reum-amb"),
        ("reum", "prerequisite_balance", "reum-amb"),
        ("reum", "core_team_leads", "reum-h"),
        ("reum", "ambition_not_approved", "reum-i1"),  # reum-i1 is checked once, under its first focus area's specialty
        (None, "initiative_focus_area", "orphan-i"),
        (None, "initiative_owner", "orphan-i"),
        (None, "initiative_dates", "orphan-i"),
    ]
    assert [f for f in findings if f.specialty == "reum"] == check(small_graph, "reum", dt.date(2026, 6, 1))
    assert findings_json(findings[:1], "en") == {"findings": [{
        "rule": "challenge_perspectives", "severity": "warning", "specialty": "geri", "element": "geri-ch2",
        "message": 'The core challenge "Lange ventelister" is described from 1 sustainability perspective (staff); '
                   'describe it from at least 2.',
    }]}
    assert findings_json(findings[-1:])["findings"][0]["message"] == 'Den faglige indsats "Løs idé" mangler start- og slutdato.'


def test_check_of_something_else_raises_not_found(small_graph):
    with pytest.raises(NotFound) as caught:
        check(small_graph, "geri-i1")
    assert caught.value.message("en") == "No specialty with id 'geri-i1'"


def test_checks_follow_updates_through_the_store(small_store):
    pg = PortfolioGraph.from_store(small_store)
    today = dt.date(2026, 6, 1)
    assert ("horizon", "reum-amb") in found(pg, "reum", today)
    small_store.apply(ChangeSet([
        parse_record("ambition", {"id": "reum-amb", "specialty": "reum", "statement": "Robust reumatologi",
                                  "horizon_months": 36, "status": "approved"}, "t"),
        parse_record("role", {"person": "eva", "role": "implementation_lead", "strength_position": "reum-h"}, "t"),
    ]), "test")
    pg.refresh(small_store)
    assert found(pg, "reum", today) == [
        ("situation_perspectives", "reum"),
        ("situation_sites", "holb"),
        ("focus_area_sequence", "reum-fa1"),
        ("indicator_mix", "reum-amb"),
        ("perspective_spread", "reum-amb"),
        ("prerequisite_balance", "reum-amb"),
    ]
