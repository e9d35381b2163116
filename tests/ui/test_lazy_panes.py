"""The Alerts and Feeds panes are built when first needed (start-up, issue 24), and nothing of
what they show is lost meanwhile: the window starts with their tabs only; a feed's health told
before the Feeds tab is clicked is in its table; an alert that fires before the Alerts pane was
ever shown is logged once and told once (the next one too); typing in a lazily built table
opens the symbol search as in every pane; the keys list has the Alerts pane's Delete key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTabBar

from app.core.alerts import ABOVE
from app.core.health import Health
from app.storage.settings import Settings
from app.ui.shell.keys_dialog import window_keys
from tests.support.windows import still_sim_window
from tests.ui.alerts.support import SYMBOL, alerts_window, last_price, trade


def _click_tab(window, title: str) -> None:
    for bar in window.findChildren(QTabBar):
        for i in range(bar.count()):
            if bar.tabText(i) == title and bar.isVisible():
                QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
                return
    raise AssertionError(f"no tab {title!r}")


def test_feeds_pane_built_on_its_tab_with_the_health_told_before(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=[SYMBOL], selected=SYMBOL)) as window:
        feeds, alerts = window.feeds, window.alerts
        assert not feeds.lazy.built and not alerts.lazy.built  # the first frame has their tabs only
        assert {feeds.dock, alerts.dock} <= set(window.tabifiedDockWidgets(window.browser_dock))
        window.service.sig_health.emit(Health(vendor="qos", ts=1_764_600_000_000, state="connected", age_ms=120,
                                              latency_ms=35, rate=42.0, reconnects=1, dropped=3, stale=[],
                                              refusals=0))
        _click_tab(window, "Feeds")
        qtbot.waitUntil(lambda: feeds.lazy.built and window.docks["feeds"].widget() is feeds.pane)
        assert "qos" in feeds.pane.model.vendors  # gathered while the pane was not built
        assert not alerts.lazy.built
        view = feeds.pane.view
        view.setFocus()
        qtbot.keyClicks(view, "t")  # typing in any pane opens the symbol search
        qtbot.waitUntil(window.palette.isVisible)


def test_an_alert_fired_before_the_pane_was_shown_is_logged_and_told_once(qloop, qtbot):
    with alerts_window(qtbot) as window:
        alerts = window.alerts
        assert not alerts.lazy.built
        level = round(last_price(window) * 1.2)
        alerts.monitor.add(SYMBOL, ABOVE, level)
        assert not alerts.lazy.built  # a rule added by the engine alone builds nothing
        trade(window, level + 1, 1)
        qtbot.waitUntil(lambda: alerts.lazy.built and alerts.pane.log_model.rowCount() == 1)
        assert len(alerts.tray_messages) == 1 and alerts.sounds == [True]
        assert len(alerts.toasts.visible()) == 1
        trade(window, level - 1, 2)  # back under: armed again, then a second crossing
        trade(window, level + 2, 3)
        qtbot.waitUntil(lambda: alerts.pane.log_model.rowCount() == 2)
        assert len(alerts.tray_messages) == 2 and alerts.sounds == [True, True]


def test_the_keys_list_has_the_keys_of_panes_not_shown_yet(qloop, qtbot):
    with still_sim_window(qtbot, Settings(watchlist=[SYMBOL], selected=SYMBOL)) as window:
        assert not window.alerts.lazy.built
        keys = window_keys(window)
        assert window.alerts.lazy.built
        assert any(row.keys == "Del" for row in keys)  # the Alerts rules table's Delete
