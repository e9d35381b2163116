"""The pane contract: the window and its workspaces talk to every dock's widget through
``app.ui.kit.pane.Pane`` (title, linked symbol, release, its own state), never through the
window's members; a workspace keeps each pane's state under a stable pane id, and a file written
before there were pane ids (``tests/fixtures/workspaces/*-v1.json``, saved by the code of
issue 18: two workspaces, "Trading" with a 5-minute chart, a fixed second chart, the browser
hidden and the second list open, and "Plain") still loads as it was saved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.periods import Period
from app.storage.settings import Settings
from app.storage.watchlists import WatchlistStore
from app.storage.workspaces import WorkspaceStore
from app.ui.kit.pane import Pane
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "workspaces"
WATCH = ["US:AAPL", "HK:00700", "SH:600519", "CRYPTO:BTCUSDT"]

# What the workspaces may ask of the window: the contract, the docks and Qt's own layout calls.
CONTRACT = {"panes", "docks", "add_chart", "remove_extra_charts", "restore_pane", "link_symbol", "linked_symbol",
            "chart_docks", "dock_widths", "saveState", "restoreState", "width", "show_error"}


class _OnlyTheContract:
    """The window as the workspaces may see it: reading any other member fails."""

    def __init__(self, window) -> None:
        self._window = window

    def __getattr__(self, name: str):
        if name not in CONTRACT:
            raise AttributeError(f"the workspaces reached into the window's member {name!r}")
        return getattr(self._window, name)


def _open(qtbot, home: Path):
    return open_sim_window(qtbot, Settings(selected="US:AAPL"),
                           watchlists=WatchlistStore(home / "w.json", lambda v: list(WATCH), "Main"),
                           workspaces=WorkspaceStore(home / "ws.json"))


@pytest.fixture
def window(qloop, qtbot, tmp_path):
    win = _open(qtbot, tmp_path)
    yield win
    run_task(qtbot, win.service.aclose())


def test_every_dock_holds_a_pane_named_by_its_pane_id(window):
    window.add_chart("SH:600519", linked=False)
    panes = window.panes()
    assert list(panes) == ["watchlist", "browser", "chart", "ladder", "tape", "alerts", "feeds", "chart-2"]
    for pane_id, pane in panes.items():
        dock = window.docks[pane_id]
        assert isinstance(pane, Pane) and pane.pane_id == pane_id
        assert dock.objectName() == f"dock-{pane_id}" and dock.windowTitle() == pane.pane_title()
    assert [p for p, pane in panes.items() if pane.linked] == ["watchlist", "chart", "ladder", "tape"]
    assert window.docks["tape"].windowTitle() == "Time && sales" and window.docks["chart-2"].windowTitle() == "Chart 2"


def test_a_workspace_keeps_each_panes_state_under_its_pane_id(window):
    window.chart.set_symbol("US:AAPL", Period.M5)
    window.add_chart("SH:600519", linked=False)
    window.watchlist.new_list("Crypto")
    controller = window.workspaces
    controller.window = _OnlyTheContract(window)
    controller.save_as("Trading")
    saved = controller.store.get("Trading")
    assert saved.charts == [] and set(saved.panes) == {"watchlist", "chart", "chart-2"}
    assert saved.panes["watchlist"] == {"list": 1}
    assert saved.panes["chart"]["period"] == "5m" and saved.panes["chart"]["linked"] is True
    assert saved.panes["chart-2"]["symbol"] == "SH:600519" and saved.panes["chart-2"]["linked"] is False
    controller.restore_default_layout()
    window.watchlist.tabs.setCurrentIndex(0)
    assert window.extra_charts == []
    controller.apply(saved)  # through the contract alone
    assert [c.symbol for c in window.charts] == ["US:AAPL", "SH:600519"] and not window.charts[1].linked
    assert window.chart.period is Period.M5 and window.watchlist.tabs.currentIndex() == 1


def test_a_workspace_file_written_before_pane_ids_still_loads(qloop, qtbot, tmp_path):
    shutil.copy(FIXTURES / "workspaces-v1.json", tmp_path / "ws.json")
    shutil.copy(FIXTURES / "watchlists-v1.json", tmp_path / "w.json")
    window = _open(qtbot, tmp_path)
    try:
        controller = window.workspaces
        assert controller.store.names() == ["Trading", "Plain"] and controller.store.current == "Plain"
        assert window.ladder.symbol == "US:AAPL" and window.extra_charts == []
        controller.switch_to("Trading")
        assert [c.symbol for c in window.charts] == ["HK:00700", "SH:600519"]
        assert not window.charts[1].linked and window.chart.period is Period.M5
        assert window.docks["chart-2"].windowTitle() == "Chart 2"
        assert not window.browser_dock.isVisible() and window.watchlist.tabs.currentIndex() == 1
        assert window.settings.selected == "HK:00700" and window.ladder.symbol == "HK:00700"
        controller.switch_to("Plain")  # "Trading" is saved on the way out, now by pane id
        assert set(controller.store.get("Trading").panes) == {"watchlist", "chart", "chart-2"}
        assert window.extra_charts == [] and window.browser_dock.isVisible() and window.ladder.symbol == "US:AAPL"
    finally:
        run_task(qtbot, window.service.aclose())
