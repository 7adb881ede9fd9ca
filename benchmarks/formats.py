"""YAML against JSON: import (read + validate + apply to a fresh SQLite store) and export (write the file),
each in a fresh process, with the peak memory of that process (issue 13: YAML within 1.5x of JSON, under 1 GB).

    .venv/bin/python benchmarks/formats.py --nodes 100000 [--json]

``pyyaml`` is the same YAML path with the fast reader and writer switched off (what every YAML
file took before), so one run gives the before and after figures side by side.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
engine, action, path, db = sys.argv[1:5]
if engine == "pyyaml":
    import importers.loading, importers.portfolio_file, importers.yaml_fast as fast
    importers.loading.load_simple_yaml = lambda text: fast.NOT_SIMPLE
    importers.portfolio_file.dump_simple_yaml = lambda doc: None
    importers.portfolio_file.dump_simple_yaml_to = lambda doc, write: False
from graph.store.sqlite import SQLiteStore
from importers.portfolio_file import read_portfolio, save_document
if action == "import":
    t0 = time.perf_counter()
    store = SQLiteStore(Path(db))
    store.apply(read_portfolio(Path(path)), "benchmark")
    seconds = time.perf_counter() - t0
else:
    doc = json.loads(Path(sys.argv[5]).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    save_document(doc, Path(path))  # as tracker export -o FILE writes it
    seconds = time.perf_counter() - t0
# VmHWM, not ru_maxrss: a child's ru_maxrss begins at the peak of the process that started it.
status = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")] if sys.platform == "linux" else []
peak = int(status[0].split()[1]) / 1024 if status else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": round(seconds, 2), "peak_mb": round(peak)}}))
"""


def _child(engine: str, action: str, path: Path, db: Path, source: Path) -> dict:
    code = _CHILD.format(root=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code, engine, action, str(path), str(db), str(source)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(nodes: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from importers.portfolio_file import write_document
    from tracker.generate import generate_document

    figures: dict = {"nodes": nodes}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "source.json"
        write_document(generate_document(nodes, seed=1), source, "json")
        for engine, suffix in (("json", ".json"), ("fast", ".yaml"), ("pyyaml", ".yaml")):
            path = folder / f"out-{engine}{suffix}"
            figures[f"export_{engine}"] = _child(engine, "export", path, folder / "unused.db", source)
            figures[f"import_{engine}"] = _child(engine, "import", path, folder / f"{engine}.db", source)
            figures[f"file_mb_{engine}"] = round(path.stat().st_size / 1e6, 1)
    for action in ("import", "export"):
        base = figures[f"{action}_json"]["seconds"]
        for engine in ("fast", "pyyaml"):
            figures[f"{action}_{engine}_vs_json"] = round(figures[f"{action}_{engine}"]["seconds"] / base, 2)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = run(args.nodes)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for key, value in figures.items():
        print(f"{key:24} {value}")


if __name__ == "__main__":
    main()
