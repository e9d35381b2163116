"""The holiday table stays off the start-up path: the window comes up without pandas or
exchange-calendars, knowing the holidays from the table shipped with the program; a worker
builds a fresh table afterwards and caches it. The next start reads the cached file before the
first paint and builds nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = r"""
import asyncio, json, os, sys
from datetime import datetime, timezone
from pathlib import Path

from app import cli
from app.ui.shell import launcher
from app.ui.shell.main_window import MainWindow

CACHE = Path(os.environ["QUOTE_TERMINAL_HOME"]) / "cache" / "calendars.json"
report = {"installed": 0, "cache_before": CACHE.is_file()}
waiters = []
changed = MainWindow.calendars_changed

def calendars_changed(self):
    changed(self)
    report["installed"] += 1
    for event in waiters:
        event.set()

MainWindow.calendars_changed = calendars_changed

def phase():
    from app.core.sessions import calendar_for, market_phase
    from app.core.symbols import Market
    christmas = int(datetime(2025, 12, 25, 15, 0, tzinfo=timezone.utc).timestamp() * 1000)  # 10:00 NY
    return market_phase(calendar_for(Market.US), christmas).value

async def probe(window, path, after):
    report["pandas_at_start"] = "pandas" in sys.modules
    report["xcals_at_start"] = "exchange_calendars" in sys.modules
    report["phase_at_start"] = phase()
    from app.core import holidays
    report["table_at_start"] = holidays.installed() is not None
    if not report["cache_before"] and not report["installed"]:  # the worker builds it
        event = asyncio.Event()
        waiters.append(event)
        await asyncio.wait_for(event.wait(), 60)
    report["phase_after"] = phase()
    report["status_column"] = window.watchlist_model.columnCount() > 0
    return 0

launcher._screenshot = probe
import app.services.calendars as calendars_service
calendars_service.BUILD_DELAY_S = 0.5  # the program waits 10 s before building: not the test
code = launcher.run_gui(cli.build_parser().parse_args(["--vendor", "sim", "--screenshot", "x.png"]))
print(json.dumps(report))
sys.exit(code)
"""


def run_probe(home: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUOTE_TERMINAL_HOME=str(home),
               PYTHONPATH=str(REPO))
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=90,
                       cwd=REPO, env=env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_holidays_load_after_the_window_and_are_cached_for_the_next_start(tmp_path):
    first = run_probe(tmp_path)
    assert first["pandas_at_start"] is False and first["xcals_at_start"] is False
    assert first["table_at_start"] is True  # the shipped table, before the first paint
    assert first["phase_at_start"] == "closed"  # so Christmas is closed from the start
    assert first["installed"] == 1  # the worker's fresh table; the window was told
    assert first["phase_after"] == "closed"
    assert (tmp_path / "cache" / "calendars.json").is_file()

    second = run_probe(tmp_path)
    assert second["cache_before"] is True and second["installed"] == 0  # nothing built again
    assert second["pandas_at_start"] is False and second["xcals_at_start"] is False
    assert second["table_at_start"] is True  # read from the cache before the first paint
    assert second["phase_at_start"] == "closed"
