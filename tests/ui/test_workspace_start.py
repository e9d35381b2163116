"""The workspace in use at the last quit comes back at the start (issue 24 keeps that and makes
it cheap): a pane whose saved state differs from the one it was built with is restored; a pane
built as it was saved (the chart from the same settings) is left as it is, not rebuilt."""

from __future__ import annotations

import msgspec
import pytest

from app.core.periods import Period
from app.storage.settings import Settings
from app.storage.watchlists import WatchlistStore
from app.storage.workspaces import WorkspaceStore
from app.ui.shell.main_window import MainWindow
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window

WATCH = ["US:AAPL", "HK:00700", "CRYPTO:BTCUSDT"]


def _open(qtbot, tmp_path, settings: Settings) -> MainWindow:
    return open_sim_window(qtbot, settings,
                           watchlists=WatchlistStore(tmp_path / "w.json", lambda v: list(WATCH), "Main"),
                           workspaces=WorkspaceStore(tmp_path / "ws.json"))


def _quit(qtbot, window: MainWindow) -> None:
    window.close()  # saves the workspace in use
    run_task(qtbot, window.service.aclose())


@pytest.fixture
def restored(monkeypatch):
    """The pane ids the window restores from the workspace, in order."""
    ids: list[str] = []
    real = MainWindow.restore_pane
    monkeypatch.setattr(MainWindow, "restore_pane", lambda self, pane_id, state: (ids.append(pane_id),
                                                                                  real(self, pane_id, state)))
    return ids


def test_a_changed_pane_is_restored_and_one_built_as_saved_is_left_alone(qloop, qtbot, tmp_path, restored):
    first = _open(qtbot, tmp_path, Settings(selected="HK:00700"))
    first.chart.set_symbol("HK:00700", Period.M5)
    first.chart.style_box.setCurrentIndex(first.chart.style_box.findData("line"))
    saved_chart = msgspec.structs.replace(first.chart.settings)
    _quit(qtbot, first)

    # built with default chart settings: the saved line chart at 5m comes back
    restored.clear()
    second = _open(qtbot, tmp_path, Settings(selected="HK:00700"))
    try:
        assert "chart" in restored
        assert second.chart.settings.style == "line" and second.chart.period is Period.M5
        assert second.chart.style_box.currentData() == "line"
        second.chart.set_symbol("HK:00700", Period.M1)  # (a chart starts at 1m: saved so below)
    finally:
        _quit(qtbot, second)

    # built from the settings saved with it (as every start is): the chart is not rebuilt
    restored.clear()
    third = _open(qtbot, tmp_path, Settings(selected="HK:00700", chart=saved_chart))
    try:
        assert "chart" not in restored
        assert third.chart.settings.style == "line" and third.chart.period is Period.M1
        assert third.chart.style_box.currentData() == "line"
    finally:
        _quit(qtbot, third)
