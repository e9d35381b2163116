"""The window run as the program ends without the cyclic collector walking what the window
left (start-up to exit, issue 24: turned on again after the window, the collector's first pass
walked the whole heap, ~50 ms, to free a few hundred plain objects); main() called with
arguments turns it on as before, the heap not frozen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import gc, sys
from app import cli
from app.ui.shell import launcher

run = launcher.run_gui

def run_then_watch(args):
    code = run(args)
    gc.callbacks.append(lambda phase, info: phase == "start" and print("collected", flush=True))
    return code

launcher.run_gui = run_then_watch
args = ["--vendor", "sim", "--screenshot", sys.argv[1], "--after", "0"]
if sys.argv[2] == "program":
    sys.argv = ["quote-terminal", *args]
    sys.exit(cli.main())
code = cli.main(args)
print("frozen", gc.get_freeze_count() > 0, "enabled", gc.isenabled(), flush=True)
sys.exit(code)
"""


def _run(tmp_path: Path, how: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUOTE_TERMINAL_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(REPO), PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "shot.png"), how], capture_output=True,
                          text=True, timeout=90, cwd=REPO, env=env)


def test_the_program_ends_without_a_collection_after_the_window(tmp_path):
    run = _run(tmp_path, "program")
    assert run.returncode == 0, run.stderr
    assert "collected" not in run.stdout


def test_main_with_arguments_turns_the_collector_on_unfrozen(tmp_path):
    run = _run(tmp_path, "arguments")
    assert run.returncode == 0, run.stderr
    assert "frozen False enabled True" in run.stdout
