"""PySide6's feature scan skipped (app/ui/kit/feature_scan.py, start-up: issue 24): a module
imported afterwards is never read by the scan, its Qt calls are the plain API, and a module that
selects a feature (``from __feature__ import snake_case``) still gets it. In a fresh interpreter:
the finder it installs stays for the process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore
from app.ui.kit.feature_scan import skip_feature_scan

feature = sys.modules["PySide6.support.feature"]
read = []
scan = feature._mod_uses_pyside
feature._mod_uses_pyside = lambda module: (read.append(module.__name__), scan(module))[1]
first = skip_feature_scan()
again = skip_feature_scan()
import plain_mod, snake_mod
print(json.dumps({"first": first, "again": again, "read": read,
                  "plain": plain_mod.name(), "snake": snake_mod.name(),
                  "entries": [feature.pyside_feature_dict.get(m) for m in ("plain_mod", "json")]}))
"""


def test_modules_imported_after_it_are_not_read_and_keep_their_api(tmp_path):
    (tmp_path / "plain_mod.py").write_text(
        "from PySide6.QtCore import QObject\n"
        "def name():\n    o = QObject()\n    o.setObjectName('plain')\n    return o.objectName()\n")
    (tmp_path / "snake_mod.py").write_text(
        "from __feature__ import snake_case  # noqa\n"
        "from PySide6.QtCore import QObject\n"
        "def name():\n    o = QObject()\n    o.set_object_name('snake')\n    return o.object_name()\n")
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], cwd=REPO, capture_output=True, text=True,
                          timeout=60, env={"PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen",
                                           "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["first"] is True and report["again"] is False
    assert report["read"] == []  # neither the new modules nor the ones imported before PySide6
    assert report["plain"] == "plain" and report["snake"] == "snake"
    assert report["entries"] == [0, 0]
