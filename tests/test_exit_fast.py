"""The window run as the program ends without the interpreter's teardown once its own exit
steps are done (start-up, issue 24: the teardown only frees memory the system takes back):
the same exit code, its screenshot and settings written, its last words on stderr; run with
arguments (a test, a script), main() leaves the usual way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import atexit, sys

atexit.register(print, "teardown", flush=True)  # an exit step from before main(): the last one run
from app.cli import main
shot = sys.argv[1]
args = ["--vendor", "sim", "--screenshot", shot, "--after", "0"]
if sys.argv[2] == "program":
    sys.argv = ["quote-terminal", *args]
    sys.exit(main())
sys.exit(main(args))
"""


def _run(tmp_path: Path, shot: Path, how: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUOTE_TERMINAL_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(REPO), PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return subprocess.run([sys.executable, "-c", SCRIPT, str(shot), how], capture_output=True, text=True,
                          timeout=90, cwd=REPO, env=env)


def test_the_program_ends_after_its_exit_steps_without_the_teardown(tmp_path):
    shot = tmp_path / "shot.png"
    run = _run(tmp_path, shot, "program")
    assert run.returncode == 0, run.stderr
    assert "teardown" not in run.stdout  # ended at the window's last exit step
    assert shot.stat().st_size > 10_000  # the first frame, written
    settings = json.loads((tmp_path / "home" / "settings.json").read_text(encoding="utf-8"))
    assert settings["vendor"] == "sim"  # saved by the window's own exit steps
    failed = _run(tmp_path, tmp_path / "no" / "such" / "folder" / "shot.png", "program")
    assert failed.returncode == 2  # main()'s own code
    assert "could not write the screenshot" in failed.stderr  # flushed before the end


def test_main_called_with_arguments_leaves_the_usual_way(tmp_path):
    run = _run(tmp_path, tmp_path / "shot.png", "arguments")
    assert run.returncode == 0, run.stderr
    assert "teardown" in run.stdout


def test_nothing_imported_before_main_registers_an_exit_step():
    """The quick end skips the exit steps registered before main() (logging's it does by
    hand): a module that registers one at import, in the program's import path, would lose
    its step silently. Only logging's may be there."""
    probe = ("import atexit, logging; before = atexit._ncallbacks(); import app.__main__, app.cli; "
             "print(before, atexit._ncallbacks())")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), check=True)
    before, after = map(int, done.stdout.split())
    assert after == before == 1, "an import on the program's path registered an exit step: it would be skipped"
