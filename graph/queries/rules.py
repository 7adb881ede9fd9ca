"""The health-check rules (DESIGN.md section 5): stable keys, severities and titles in Danish and English."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One health rule: its stable ``key``, its ``severity`` and a short title per language."""

    key: str
    severity: str
    title_da: str
    title_en: str

    def title(self, lang: str = "da") -> str:
        """Return the rule's title in Danish (``"da"``) or English."""
        return self.title_da if lang == "da" else self.title_en


#: Every rule in report order. The number in each comment is the guidance point of DESIGN.md section 5.
RULES: tuple[Rule, ...] = (
    Rule("ambition_missing", "info", "Strategisk ambition mangler", "Strategic ambition missing"),  # 1
    Rule("horizon", "warning", "Tidshorisont mindst 18 måneder", "Horizon of 18 months or more"),  # 1
    Rule("challenge_count", "warning", "Højst 10 kerneudfordringer", "At most 10 core challenges"),  # 2
    Rule("challenge_perspectives", "warning", "Kerneudfordring set fra mindst 2 perspektiver",
         "Core challenge seen from at least 2 perspectives"),  # 2
    Rule("situation_perspectives", "warning", "Situationsbilledet dækker alle 4 perspektiver",
         "Situation picture covers all 4 perspectives"),  # 3
    Rule("situation_sites", "warning", "Situationsbilledet dækker alle matrikler med styrkeposition",
         "Situation picture covers every strength position site"),  # 3
    Rule("challenge_unaddressed", "warning", "Kerneudfordring uden indsatsområde",
         "Core challenge not addressed by a focus area"),  # 4
    Rule("focus_area_without_challenge", "warning", "Indsatsområde uden kerneudfordring",
         "Focus area addressing no core challenge"),  # 4
    Rule("focus_area_sequence", "warning", "Indsatsområde uden rækkefølge", "Focus area without sequence"),  # 5
    Rule("focus_area_indicators", "warning", "1 til 5 indikatorer pr. indsatsområde",
         "1 to 5 indicators per focus area"),  # 5
    Rule("indicator_mix", "warning", "Blanding af kvantitative og kvalitative indikatorer",
         "Mix of quantitative and qualitative indicators"),  # 5
    Rule("perspective_spread", "warning", "Indsatsområderne berører alle 3 bæredygtighedsperspektiver",
         "Focus areas touch all 3 sustainability perspectives"),  # 6
    Rule("prerequisite_balance", "warning", "Balance i forudsætningerne", "Balanced prerequisites"),  # 7
    Rule("core_team_owner", "error", "Kerneteamet har en specialeejer", "Core team has a specialty owner"),  # 8
    Rule("core_team_leads", "error", "Implementeringsansvarlig pr. styrkeposition",
         "Implementation lead per strength position"),  # 8
    Rule("initiative_focus_area", "error", "Faglig indsats uden indsatsområde", "Initiative serving no focus area"),  # 9
    Rule("initiative_owner", "warning", "Faglig indsats uden ejer", "Initiative without owner"),  # 9
    Rule("initiative_dates", "warning", "Faglig indsats uden datoer", "Initiative without dates"),  # 9
    Rule("initiative_long", "warning", "Faglig indsats varer højst omkring et år",
         "Initiative lasts about a year at most"),  # 9
    Rule("initiative_overdue", "info", "Faglig indsats efter slutdato", "Initiative past its end date"),  # 9
    Rule("ambition_not_approved", "info", "Faglig indsats under ikke-godkendt ambition",
         "Initiative under an ambition not approved"),  # 10
    Rule("unconfirmed", "warning", "Til genbekræftelse efter en forudsætning, der svigtede",
         "To re-confirm after a prerequisite that failed"),  # issue 23: what if it fails
    Rule("professional_before_strategic", "warning", "Faglig ambition indsendt før den strategiske er godkendt",
         "Professional ambition submitted before the strategic one is approved"),  # issue 22
)

RULE_BY_KEY: dict[str, Rule] = {r.key: r for r in RULES}
RULE_ORDER: dict[str, int] = {r.key: i for i, r in enumerate(RULES)}

#: Thresholds of the guidance.
MIN_HORIZON_MONTHS = 18
MAX_CHALLENGES = 10
MIN_CHALLENGE_PERSPECTIVES = 2
MAX_INDICATORS = 5
#: An initiative longer than this many days is "long" (about a year, with a margin).
MAX_INITIATIVE_DAYS = 400
