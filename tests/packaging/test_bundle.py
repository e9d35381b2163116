"""The installable bundle: PyInstaller builds the one-folder program from
``packaging/quote-terminal.spec``, and the built program starts offscreen, draws its window
and exits 0 within 10 s (``packaging/build.py`` does both and reports the figures)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_bundle_builds_and_the_built_program_starts_and_exits_cleanly():
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0 and report["ok"], report
    assert report["exit"] == 0 and report["seconds"] <= 10 and report["picture_bytes"] > 10_000
    bundle = ROOT / "dist" / "quote-terminal" / "_internal"
    assert (bundle / "app" / "ui" / "translations" / "quote_terminal_zh_CN.qm").exists()
    assert (bundle / "resources" / "icons" / "quote-terminal.svg").exists()
    assert (bundle / "app" / "ui" / "alerts" / "sounds" / "alert.wav").exists()  # the alert's chime
    assert (bundle / "resources" / "calendars.json").exists()  # holidays without pandas
    assert not (bundle / "pandas").exists()
    for other in ("PyQt5", "PyQt6", "PySide2"):  # no Qt binding but PySide6
        assert not (bundle / other).exists()
