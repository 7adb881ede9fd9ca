"""Benchmark of the follow-up queries (issue 21); not a test: it prints figures.

    python benchmarks/followup.py --nodes 100000 [--months 12] [--json]

On a generated portfolio of about ``--nodes`` nodes (seed 1) with ``--months`` months of check-ins
(tracker/generate_followup.py), in memory, in CPU time of the process: ``rollup_all_ms`` the roll-up of every specialty's
ambition; ``followup_person_ms`` one implementation lead's "Til opfølgning" (median and 95th
percentile over up to 50 leads); ``followup_owner_ms`` a specialty owner's; ``followup_programme_ms``
the secretariat's whole programme; ``remind_dry_run_s`` every person's list and digest, as
``tracker remind --dry-run`` makes them (without the store's load); ``status_report_ms`` the
programme's status report; ``specialty_report_ms`` one specialty's status report (median over up to
20 specialties, graph/queries/specialty_report.py).

``--serve`` measures instead ``tracker serve`` (one worker) on a store of the same portfolio, signed in
as a secretariat member: the seconds of the follow-up pages (the overview, "Til opfølgning", the
programme's and five specialties' status reports, their Word files) and the server's peak memory
(VmHWM, benchmarks/serving.py).
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
    # CPU time of this process: the machine is shared, and wall time there mostly measures the others
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000


def run(nodes: int, months: int) -> dict:
    doc = add_followup(generate_document(nodes, seed=1), months, seed=1)
    records = changeset_from_document(doc, "generated").upserts
    pg = PortfolioGraph(records)
    roles = [(r["person"], r["role"]) for r in doc["roles"]]
    leads = sorted({p for p, r in roles if r == "implementation_lead"})[:50]
    owners = sorted({p for p, r in roles if r == "specialty_owner"})[:20]
    lead_times = [_ms(lambda p=p: followup_for(pg, p, TODAY)) for p in leads]
    owner_times = [_ms(lambda p=p: followup_for(pg, p, TODAY)) for p in owners]
    start = time.process_time()
    sent = 0
    memo: dict = {}
    lines: dict = {}
    for person in sorted(pg.ids("person")):
        if digest_for(pg, followup_for(pg, person, TODAY, memo=memo), "http://localhost:5000", "da", lines) is not None:
            sent += 1
    remind = time.process_time() - start
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


def serve_run(nodes: int, months: int) -> dict:
    import subprocess
    import tempfile

    from benchmarks.serving import PASSWORD, USER, Client, served

    folder = Path(tempfile.mkdtemp(prefix="followup-serve-"))
    doc = add_followup(generate_document(nodes, seed=1), months, seed=1)
    secretariat = sorted(r["person"] for r in doc["roles"] if r["role"] == "secretariat")[0]
    specialties = sorted(s["id"] for s in doc["specialties"])[:5]
    (folder / "portfolio.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    del doc
    db = folder / "portfolio.db"
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("TRACKER_")}
    env.update(TRACKER_INSTANCE=str(folder), TRACKER_STORE=f"sqlite:///{db}")
    root = Path(__file__).resolve().parents[1]
    for argv, given in ((["import", str(folder / "portfolio.json")], None),
                        (["user", "add", USER, "--person", secretariat, "--password-stdin"], PASSWORD + "\n")):
        subprocess.run([sys.executable, "-m", "tracker", *argv], cwd=root, env=env, input=given, text=True, check=True,
                       stdout=subprocess.DEVNULL)
    stats: dict = {}
    pages = ["/", "/me/followup", "/programme/bass/status-report",
             *[f"/specialty/{s}/status-report" for s in specialties], *[f"/specialty/{s}/status-report.docx" for s in specialties[:2]]]
    times: dict[str, float] = {}
    with served(db, folder, 1, stats) as (base, _):
        client = Client(base)
        for path in pages:
            start = time.perf_counter()
            client.opener.open(base + path, timeout=600).read()
            times[path] = round(time.perf_counter() - start, 2)
    return {"nodes": nodes, "pages_s": times, "serve_peak_mb": stats.get("peak_mb"), "serve_pss_mb": stats.get("pss_mb")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--serve", action="store_true", help="measure tracker serve's follow-up pages and peak memory instead")
    args = parser.parse_args()
    figures = serve_run(args.nodes, args.months) if args.serve else run(args.nodes, args.months)
    print(json.dumps(figures, indent=2) if args.json else "\n".join(f"{k}: {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
