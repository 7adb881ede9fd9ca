"""Benchmark of the meeting pack (issue 22; goal: the demo's next meeting's pack renders in under 2 s); not a test.

    python benchmarks/meeting_pack.py [--runs 5] [--json]

On the demo portfolio in a fresh SQLite store in a temporary folder, through the web application
(Flask's test client, read without sign-in): ``pack_html_ms`` the page ``/meeting/psg-2026-12/pack``
(median and maximum over the runs, the first, cold run apart as ``pack_html_first_ms``) and
``pack_docx_ms`` the Word file ``/meeting/psg-2026-12/pack.docx``; ``minutes_docx_ms`` the held
meeting's minutes as Word.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from importers.document import changeset_from_document  # noqa: E402
from tracker.demo import demo_document  # noqa: E402
from web import create_app  # noqa: E402

MEETING = "psg-2026-12"


def _timed(client, url: str) -> float:
    start = time.perf_counter()
    answer = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert answer.status_code == 200, (url, answer.status_code)
    return elapsed


def run(runs: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"STORE_URL": f"sqlite:///{folder}/demo.db", "USERS_DB": f"{folder}/users.db",
                          "SECRET_KEY": "benchmark", "READ_WITHOUT_LOGIN": True, "INSTANCE_PATH": folder})
        app.extensions["portfolio"].store.apply(changeset_from_document(demo_document(), "demo"), "benchmark")
        client = app.test_client()
        first = _timed(client, f"/meeting/{MEETING}/pack")
        html = [_timed(client, f"/meeting/{MEETING}/pack") for _ in range(runs)]
        docx = [_timed(client, f"/meeting/{MEETING}/pack.docx") for _ in range(runs)]
        minutes = [_timed(client, "/meeting/psg-2026-11/minutes.docx") for _ in range(runs)]
        app.extensions["portfolio"].store.close()
    return {
        "meeting": MEETING, "runs": runs, "pack_html_first_ms": round(first, 1),
        "pack_html_ms": {"median": round(statistics.median(html), 1), "max": round(max(html), 1)},
        "pack_docx_ms": {"median": round(statistics.median(docx), 1), "max": round(max(docx), 1)},
        "minutes_docx_ms": {"median": round(statistics.median(minutes), 1), "max": round(max(minutes), 1)},
        "goal_ms": 2000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(args.runs)
    if args.json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
