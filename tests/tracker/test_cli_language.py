"""The command line's text answers are wholly Danish under --lang da and wholly English under en:
no severity or role codes, no raw enumeration values, dates in running text."""
from __future__ import annotations

import re

COMMANDS = (("check",), ("check", "geri"), ("trace", "geri-i1"), ("audit", "--limit", "1"), ("coverage",), ("synergies", "geri"))
RAW = re.compile(r"\b(warning|info|error|initiative_owner|specialty_owner|implementation_lead|in_progress|create|update"
                 r"|focus_area|strength_position|or)\b")
DANISH = re.compile(r"\b(Advarsel|Fejl|Til orientering|oprettet|Ejer af indsatsen|Speciale|Kerneteam|fund|kl\.)\b")


def test_danish_answers_have_no_codes(cli, store_path):
    assert cli("demo").code == 0
    for argv in COMMANDS:
        result = cli(*argv, "--lang", "da")
        assert result.code == 0, (argv, result.err)
        head = "\n".join(line for line in result.out.splitlines() if not line.startswith("    ") or argv[0] != "audit")
        # element ids (geri-i1, lunge-kn ...) are names, not words; leave them out
        words = re.sub(r"\b[a-z]+(-[a-z0-9]+)+\b", "", head)
        assert not RAW.search(words), (argv, RAW.search(words))
    assert "Til orientering  geri      Faglig indsats under ikke-godkendt ambition" in cli("check", "geri").out
    assert re.match(r"r1  \d+\. \w+ \d{4} kl\. \d\d:\d\d UTC  cli-test  demo portfolio  \(305\)", cli("audit", "--limit", "1").out)


def test_english_answers_have_no_danish(cli, store_path):
    assert cli("demo").code == 0
    for argv in COMMANDS:
        result = cli(*argv, "--lang", "en")
        assert result.code == 0, (argv, result.err)
        # the portfolio's own texts (titles, names) are Danish; look at the tracker's words only
        frame = re.sub(r'"[^"]*"', "", result.out)
        assert not DANISH.search(frame), (argv, DANISH.search(frame))
    assert "For information  geri       Initiative under an ambition not approved" in cli("check", "geri", "--lang", "en").out
