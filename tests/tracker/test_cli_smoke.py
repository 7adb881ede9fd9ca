"""A few runs of the installed ``tracker`` script in its own process; everything else runs in-process."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import SMALL

ROOT = Path(__file__).resolve().parents[2]
#: The console script pip installed beside this interpreter (the command a person types).
TRACKER = Path(sys.executable).with_name("tracker")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(extra)
    return env


def test_installed_script_imports_and_traces(tmp_path):
    small = tmp_path / "small.yaml"
    small.write_text(yaml.safe_dump(SMALL, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = _env(TRACKER_STORE=f"sqlite:///{tmp_path / 's.db'}", TRACKER_LANG="en")
    run = subprocess.run([str(TRACKER), "import", str(small)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert (run.returncode, run.stdout) == (0, "Imported (revision 1): 34 created, 0 updated, 0 deleted, 0 unchanged\n"), run.stderr
    run = subprocess.run(
        [str(TRACKER), "trace", "geri-i1", "--format", "json"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert [f["id"] for f in json.loads(run.stdout)["focus_areas"]] == ["geri-fa1"]


def test_a_cold_trace_loads_neither_flask_nor_openpyxl_nor_the_bolt_driver(tmp_path, small_store):
    probe = (
        "import sys\n"
        "from tracker.cli import main\n"
        f"code = main(['trace', 'geri-i1', '--store', 'sqlite:///{small_store.path}'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'werkzeug', 'openpyxl', 'neo4j', 'waitress', 'web'})\n"
        "print('LOADED', code, heavy)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "LOADED 0 []"


def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        run = subprocess.run(
            [str(TRACKER), "serve", "--port", str(port), "--lang", "en"],
            capture_output=True, text=True, env=_env(TRACKER_INSTANCE=str(tmp_path / "inst")), cwd=tmp_path, timeout=120,
        )
    assert run.returncode == 1
    assert run.stderr == (
        f"cannot listen on 127.0.0.1:{port}: the port is already in use "
        "(is tracker serve running already? choose another with --port)\n"
    )
    assert run.stdout == ""
