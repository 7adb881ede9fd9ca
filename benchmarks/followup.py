"""Benchmark of the follow-up queries (issue 21); not a test: it prints figures.

    python benchmarks/followup.py --nodes 100000 [--months 12] [--json]

On a generated portfolio of about ``--nodes`` nodes (seed 1) with ``--months`` months of check-ins
(tracker/generate_followup.py), in memory: ``rollup_all_ms`` the roll-up of every specialty's
ambition; ``followup_person_ms`` one implementation lead's "Til opfølgning" (median and 95th
percentile over up to 50 leads); ``followup_owner_ms`` a specialty owner's; ``followup_programme_ms``
the secretariat's whole programme; ``remind_dry_run_s`` every person's list and digest, as
``tracker remind --dry-run`` makes them (without the store's load); ``status_report_ms`` the
programme's status report; ``specialty_report_ms`` one specialty's status report (median over up to
20 specialties, graph/queries/specialty_report.py).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.portfolio import PortfolioGraph  # noqa: E402
from graph.queries.followup import followup_for  # noqa: E402
from graph.queries.rollup import specialty_rollups  # noqa: E402
from graph.queries.specialty_report import specialty_report  # noqa: E402
from graph.queries.status_report import status_report  # noqa: E402
from importers.document import changeset_from_document  # noqa: E402
from tracker.digest import digest_for  # noqa: E402
from tracker.generate import generate_document  # noqa: E402
from tracker.generate_followup import add_followup  # noqa: E402

TODAY = dt.date(2026, 11, 2)


def _ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def run(nodes: int, months: int) -> dict:
    doc = add_followup(generate_document(nodes, seed=1), months, seed=1)
    records = changeset_from_document(doc, "generated").upserts
    pg = PortfolioGraph(records)
    roles = [(r["person"], r["role"]) for r in doc["roles"]]
    leads = sorted({p for p, r in roles if r == "implementation_lead"})[:50]
    owners = sorted({p for p, r in roles if r == "specialty_owner"})[:20]
    lead_times = [_ms(lambda p=p: followup_for(pg, p, TODAY)) for p in leads]
    owner_times = [_ms(lambda p=p: followup_for(pg, p, TODAY)) for p in owners]
    start = time.perf_counter()
    sent = 0
    memo: dict = {}
    lines: dict = {}
    for person in sorted(pg.ids("person")):
        if digest_for(pg, followup_for(pg, person, TODAY, memo=memo), "http://localhost:5000", "da", lines) is not None:
            sent += 1
    remind = time.perf_counter() - start
    return {
        "nodes": nodes, "elements": len(records),
        "check_ins": len(doc["check_ins"]), "signals": len(doc["signals"]), "specialties": len(pg.ids("specialty")),
        "rollup_all_ms": round(_ms(lambda: specialty_rollups(pg, TODAY)), 1),
        "followup_person_ms": {"median": round(statistics.median(lead_times), 2), "p95": round(sorted(lead_times)[int(len(lead_times) * 0.95) - 1], 2)},
        "followup_owner_ms": round(statistics.median(owner_times), 2),
        "followup_programme_ms": round(_ms(lambda: followup_for(pg, None, TODAY)), 1),
        "status_report_ms": round(_ms(lambda: status_report(pg, "bass", TODAY)), 1),
        "specialty_report_ms": round(statistics.median(
            _ms(lambda s=s: specialty_report(pg, s, TODAY)) for s in sorted(pg.ids("specialty"))[:20]), 2),
        "remind_dry_run_s": round(remind, 2), "digests": sent, "people": len(pg.ids("person")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(args.nodes, args.months)
    print(json.dumps(figures, indent=2) if args.json else "\n".join(f"{k}: {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
