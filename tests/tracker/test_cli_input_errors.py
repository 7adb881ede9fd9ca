"""Input a person typed is told back in one line with exit 1, never an "internal error" (exit 70);
and the small truths of the command line: what an unknown programme or item is, what kind a
wrong id is, one element in the singular, a bad date quoted, no store file left by a refused import."""
from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import SMALL

HUGE = "99999999999999999999"


def test_a_revision_beyond_64_bits_is_refused_in_one_line(cli, loaded):
    result = cli("diff", "--since", f"r{HUGE}", "--lang", "en")
    assert (result.code, result.err.strip()) == (
        1, f"'r{HUGE}' is not a revision: the largest possible is r9223372036854775807"
    )
    danish = cli("diff", "--since", HUGE)
    assert (danish.code, danish.err.strip()) == (1, f"'{HUGE}' er ikke en revision: den største mulige er r9223372036854775807")


def test_a_superscript_digit_is_not_a_revision(cli, loaded):
    result = cli("diff", "--since", "r²", "--lang", "en")
    assert (result.code, result.err.strip()) == (1, "'r²' is neither a date (YYYY-MM-DD), a revision (r12) nor a decision")


def test_an_audit_limit_beyond_64_bits_shows_every_change(cli, loaded):
    result = cli("audit", "--limit", HUGE, "--lang", "en")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].startswith("r1  ")
    assert "cli-test" in result.out.splitlines()[0]


def test_generate_refuses_more_nodes_than_it_can_write(cli, tmp_path):
    result = cli("generate", "--nodes", HUGE, "-o", str(tmp_path / "g.yaml"), "--lang", "en")
    assert (result.code, result.err.strip()) == (1, f"--nodes {HUGE} is too many: at most 1000000")
    assert not (tmp_path / "g.yaml").exists()


def _import_with_file_size_limit(limit: int, store: Path, file: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``tracker import`` in a process whose files may not grow beyond ``limit`` bytes (a full disk)."""
    program = (
        "import resource, sys\n"
        "from tracker.cli import main\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", program, "--store", f"sqlite:///{store}", "--lang", "en", "import", str(file)],
        capture_output=True, text=True, cwd=cwd, check=False,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}, "TRACKER_ACTOR": "disk-test"},
    )


def test_a_full_disk_during_import_is_one_line_and_leaves_no_store(cli, tmp_path):
    file = tmp_path / "big.yaml"
    assert cli("generate", "--nodes", "3000", "-o", str(file)).code == 0
    store = tmp_path / "full.db"
    # Big enough for SQLite to open and lay out the store, too small for the portfolio's rows.
    result = _import_with_file_size_limit(300_000, store, file, tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"nothing was written to SQLite store {store}: ")
    assert lines[0].endswith("(is the disk full?)")
    assert not (tmp_path / "instance" / "tracker-errors.log").exists()
    assert list(tmp_path.glob("full.db*")) == []


def test_a_refused_import_into_a_new_path_leaves_no_store_file(cli, tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["focus_areas"][0]["ambition"] = "ghost"  # caught by the store, after it is opened
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    store = tmp_path / "new" / "store.db"
    result = cli("--store", f"sqlite:///{store}", "import", str(bad), "--lang", "en")
    assert result.code == 1
    assert result.err.splitlines()[0] == "Nothing was written. Problems:"
    assert not store.exists() and not store.parent.exists()
    again = cli("--store", f"sqlite:///{store}", "trace", "geri-i1", "--lang", "en")
    assert again.code == 1 and again.err.startswith(f"the store '{store}' does not exist")


def test_coverage_of_an_unknown_programme_names_the_programmes(cli, loaded):
    result = cli("coverage", "--programme", "nosuch", "--lang", "en")
    assert (result.code, result.out, result.err.strip()) == (1, "", "the portfolio holds no programme 'nosuch' (programmes: bass)")
    danish = cli("coverage", "--programme", "nosuch")
    assert danish.err.strip() == "porteføljen har intet program 'nosuch' (programmer: bass)"


def test_audit_of_an_item_shows_its_own_change(cli, loaded, tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["initiatives"][2]["title"] = "Ny titel"
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert cli("import", str(changed)).code == 0
    item = doc["initiatives"][2]["id"]
    result = cli("audit", "--item", item, "--lang", "en")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split("  ")[0] for line in lines if line.startswith("r")] == ["r2", "r1"]
    assert lines[1].split() == ["updated", "Initiative", item]
    assert lines[3].split() == ["created", "Initiative", item]
    assert lines[2].endswith("(34)")  # the size of the whole import stays in the head line
    assert len(lines) == 4


def test_audit_of_an_unknown_item_says_so(cli, loaded):
    result = cli("audit", "--item", "nosuch", "--lang", "en")
    assert (result.code, result.out) == (1, "")
    assert result.err.strip() == "no change in the audit log touched 'nosuch'; see the ids with 'tracker audit'"


def test_trace_of_a_focus_area_says_what_it_is(cli, loaded):
    result = cli("trace", "geri-fa1", "--lang", "en")
    assert (result.code, result.err.strip()) == (1, "'geri-fa1' is a focus area, not an initiative")
    danish = cli("trace", "geri-fa1")
    assert danish.err.strip() == "'geri-fa1' er et indsatsområde, ikke en faglig indsats"


def test_one_element_is_singular_in_both_languages(cli, loaded, tmp_path):
    one = tmp_path / "one.db"
    doc = {"format": SMALL["format"], "programme": SMALL["programme"]}
    single = tmp_path / "single.yaml"
    single.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert cli("--store", f"sqlite:///{one}", "import", str(single)).code == 0
    target = f"sqlite:///{tmp_path / 'target.db'}"
    copied = cli("copy", "--from", f"sqlite:///{one}", "--to", target)
    assert copied.out.splitlines()[0] == "Kopieret 1 element; antal stemmer pr. art:"
    refused = cli("copy", "--from", f"sqlite:///{loaded}", "--to", target, "--lang", "en")
    assert refused.err.strip() == f"{target} already holds 1 element; use --replace to replace them with the copy"
    danish = cli("copy", "--from", f"sqlite:///{loaded}", "--to", target)
    assert danish.err.strip() == f"{target} indeholder allerede 1 element; brug --replace for at erstatte dem med kopien"
    demo = cli("--store", f"sqlite:///{one}", "demo", "--lang", "en")
    assert demo.err.strip() == (
        f"the store sqlite:///{one} already holds 1 element; nothing was written (use --replace to replace them with the demo portfolio)"
    )
    assert "indeholder allerede 1 element;" in cli("--store", f"sqlite:///{one}", "demo").err


def test_a_bad_date_is_quoted(cli, store_path, tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["ambitions"][0]["approved_on"] = "2026-13-01"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = cli("import", str(bad))
    assert result.code == 1
    assert result.err.splitlines()[1] == (
        f"{bad}: ambitions[0] (id 'geri-amb'), felt 'approved_on', værdi '2026-13-01': er ikke en gyldig dato (ÅÅÅÅ-MM-DD)"
    )


def test_an_empty_description_survives_the_excel_round_trip(cli, store_path, tmp_path):
    doc = copy.deepcopy(SMALL)
    doc["initiatives"][0]["description"] = ""
    blank = tmp_path / "blank.yaml"
    blank.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert cli("import", str(blank)).code == 0
    book = tmp_path / "p.xlsx"
    assert cli("export", "-o", str(book)).code == 0
    again = cli("import", str(book), "--lang", "en")
    assert again.code == 0, again.err
    assert again.out.splitlines()[0] == "Imported (revision 1): 0 created, 0 updated, 0 deleted, 34 unchanged"
    yaml_again = cli("import", str(blank), "--lang", "en")
    assert yaml_again.out.splitlines()[0] == "Imported (revision 1): 0 created, 0 updated, 0 deleted, 34 unchanged"


def test_an_unclosed_ipv6_bracket_in_the_store_url_is_one_line(cli, tmp_path):
    # Already one line on main (issue 19 point 6); kept here beside the other input errors of point 7.
    result = cli("--store", "bolt://[::1", "check", "--lang", "en")
    assert (result.code, result.err.strip()) == (
        1, "the Bolt URL 'bolt://[::1' cannot be read: use bolt://host:port/database (an IPv6 host in brackets: bolt://[::1]:7687)"
    )
    assert not (tmp_path / "instance" / "tracker-errors.log").exists()
