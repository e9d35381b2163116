"""The start-up path stays light (issue 24): the program reaches its first painted frame without
pypinyin, rapidfuzz, the keyring or exchange-calendars (pandas), nor the modules only a
legend, a median, a file import, a dialog or a command needs (html, statistics, csv, wave,
getpass, the alert and keys dialogs), with the cyclic collector
paused, no OpenBLAS threads spinning and only the simulator's markets the window asked for
opened (the rest open later, tests/feeds/test_sim_lazy.py). The symbol search still finds a pinyin query typed at
once, and the deferred step after the first frame loads the rest (and turns the collector on
again). At exit the heap is frozen: the interpreter's last collections do not walk it.

The program runs as the user starts it (``app.cli.main``, no subcommand) in a subprocess: a
test process has imported half the world already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OFF_THE_START_PATH = ("pypinyin", "rapidfuzz", "keyring", "exchange_calendars", "pandas",
                      # imported where first used, never by the first frame
                      "html", "statistics", "csv", "wave", "getpass",
                      "app.ui.alerts.dialog", "app.ui.shell.keys_dialog")

PROBE = r"""
import asyncio, atexit, gc, json, sys

from app import cli
from app.ui.shell import launcher

WATCHED = %r
report = {}

def blas_threads():  # OpenBLAS's thread count (NumPy's, on Linux): 1 when asked before NumPy's import
    import ctypes
    path = next((line.split()[-1] for line in open("/proc/self/maps") if "openblas" in line), None)
    if path is None:
        return None
    lib = ctypes.CDLL(path)
    for name in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_", "openblas_get_num_threads"):
        if hasattr(lib, name):
            return getattr(lib, name)()
    return None

def loaded():
    return sorted(name for name in WATCHED if name in sys.modules)

async def probe(window, path, after):
    window.grab()  # the first frame, painted
    report["at_first_frame"] = loaded()
    report["gc_at_first_frame"] = gc.isenabled()
    report["blas_threads"] = blas_threads() if sys.platform == "linux" else 1
    feed = window.service.feed  # the simulator: the markets the window asked for, no more
    report["sim_markets"] = [len(feed._markets), len(feed._order)]
    window.open_palette("gzmt")  # what typing g on the window does, then the rest of the query
    report["gzmt"] = [hit.instrument.symbol for hit in window.palette.model.hits]
    window.palette.close_palette()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while "keyring" not in sys.modules and loop.time() < deadline:  # the warm-up's last step
        await asyncio.sleep(0.02)
    report["after_warm_up"] = loaded()
    report["gc_after_warm_up"] = gc.isenabled()  # automatic: off (the GUI thread's timer collects)
    from app.ui.shell import warm_up
    report["collector_on_gui_thread"] = bool(warm_up._collector) and warm_up._collector[0].timer.isActive()
    return 0

launcher._screenshot = probe
# registered before the program's own exit steps, so it runs after them (last in, first out)
atexit.register(lambda: print(json.dumps({"frozen_at_exit": gc.get_freeze_count()}), flush=True))
code = cli.main(["--vendor", "sim", "--screenshot", "x.png", "--after", "0"])
report["gc_at_exit"] = gc.isenabled()
print(json.dumps(report))
sys.exit(code)
""" % (OFF_THE_START_PATH,)


def test_first_frame_without_pinyin_keyring_or_calendars_and_search_still_finds_pinyin(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUOTE_TERMINAL_HOME=str(tmp_path),
               PYTHONPATH=str(REPO), PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=90,
                         cwd=REPO, env=env)
    assert run.returncode == 0, run.stderr
    *_, line, exit_line = run.stdout.strip().splitlines()
    report = json.loads(line)
    assert report["at_first_frame"] == []  # none of them on the start-up path
    assert report["gc_at_first_frame"] is False
    assert report["blas_threads"] == 1  # no OpenBLAS threads spinning beside the first frame
    opened, markets = report["sim_markets"]  # at most what the window asked for (and their spots)
    assert opened <= markets // 2, report["sim_markets"]
    assert report["gzmt"][:1] == ["SH:600519"]  # 贵州茅台 by its pinyin initials, typed at once
    assert {"pypinyin", "rapidfuzz", "keyring"} <= set(report["after_warm_up"])  # warmed after the frame
    assert report["gc_after_warm_up"] is False and report["collector_on_gui_thread"] is True
    assert report["gc_at_exit"] is True
    # the heap frozen at exit: the interpreter's last collections do not walk it
    assert json.loads(exit_line)["frozen_at_exit"] > 100_000
