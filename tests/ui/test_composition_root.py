"""The launcher is the one composition root: no other module of ``app/ui`` builds a feed, a
store, a kline history or the service. The main window receives them (it used to make in-memory
stores and call ``build_feed`` itself when none were given, a second, hidden root)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from app.ui.shell.launcher import run_gui
from app.ui.shell.main_window import MainWindow

UI = Path(__file__).resolve().parents[2] / "app" / "ui"
BUILDERS = {"build_feed", "KlineHistory", "KlineCache", "WatchlistStore", "WorkspaceStore", "MarketDataService"}
ROOT = "shell/launcher.py"


def builders_called(ui: Path) -> dict[str, set[str]]:
    """Module (relative to ``ui``) → the builders it calls."""
    found: dict[str, set[str]] = {}
    for path in ui.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in BUILDERS:
                    found.setdefault(path.relative_to(ui).as_posix(), set()).add(name)
    return found


def test_only_the_launcher_builds_feeds_stores_and_the_service():
    found = builders_called(UI)
    assert found.pop(ROOT) >= {"build_feed", "KlineHistory", "WatchlistStore", "WorkspaceStore",
                               "MarketDataService"}  # (the check itself sees calls)
    assert found == {}


def test_the_window_is_given_its_stores_and_its_feed_factory():
    parameters = inspect.signature(MainWindow).parameters
    for name in ("history", "watchlists", "workspaces", "feeds"):
        assert parameters[name].default is inspect.Parameter.empty, name
    assert "feeds=build_feed" in inspect.getsource(run_gui)
