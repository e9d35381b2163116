"""An alert fires in the window exactly at the first event that crosses, and only once: one log
row, one toast, one desktop notification, a sound asked for (and none once Sound is off)."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from app.core.alerts import ABOVE
from app.ui.alerts.models import LogColumn, RuleColumn
from tests.ui.alerts.support import SYMBOL, alerts_window, last_price, trade


def _cell(model, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def test_fires_once_at_the_first_crossing_and_tells_every_way(qloop, qtbot):
    with alerts_window(qtbot) as window:
        alerts = window.alerts
        pane = alerts.pane
        level = round(last_price(window) * 1.2)  # well above the still simulator's price
        rule = alerts.monitor.add(SYMBOL, ABOVE, level, "breakout")
        assert _cell(pane.rules_model, 0, RuleColumn.STATE) == "armed"
        trade(window, level - 1, 1)
        trade(window, level, 2)  # at the level is not above it
        crossing = trade(window, level + 0.2, 3)
        trade(window, level + 1, 4)  # still above: no second alert
        trade(window, level + 0.5, 5)
        qtbot.waitUntil(lambda: pane.log_model.rowCount() == 1)
        [entry] = pane.log_model.entries
        assert entry.alert.ts == crossing.ts and entry.alert.id == rule.id
        assert _cell(pane.log_model, 0, LogColumn.TIME) == "11:00:03 HKT"
        assert _cell(pane.log_model, 0, LogColumn.PRICE) == f"{level + 0.2:,.3f}"  # HK prices: 3 decimals
        assert _cell(pane.log_model, 0, LogColumn.RULE) == f"above {level}"
        assert _cell(pane.rules_model, 0, RuleColumn.STATE) == "fired"
        assert [t.alert.ts for t in alerts.toasts.visible()] == [crossing.ts]
        toast = alerts.toasts.visible()[0]
        assert f"{SYMBOL}: above {level}" == toast.title.text() and "breakout" in toast.body.text()
        assert alerts.tray_messages == [(f"Alert · {SYMBOL}: above {level}",
                                         f"at {level + 0.2:,.3f} · 11:00:03 HKT\nbreakout")]
        assert alerts.sounds == [True]


def test_re_armed_it_fires_again_and_sound_off_is_silent(qloop, qtbot):
    with alerts_window(qtbot) as window:
        alerts = window.alerts
        pane = alerts.pane
        level = round(last_price(window) * 1.2)
        alerts.monitor.add(SYMBOL, ABOVE, level)
        trade(window, level + 1, 1)
        qtbot.waitUntil(lambda: pane.log_model.rowCount() == 1)
        trade(window, level - 1, 2)  # back under: armed again
        qtbot.waitUntil(lambda: _cell(pane.rules_model, 0, RuleColumn.STATE) == "armed", timeout=3000)
        shown = []

        def untick_sound() -> None:  # in the menu the button opened (its own event loop)
            shown.append(pane.notify_menu.isVisible())
            pane.notify_actions["sound"].trigger()
            pane.notify_menu.close()

        QTimer.singleShot(50, untick_sound)
        pane.notify_button.click()  # the Notify menu, as a user opens it
        assert shown == [True]
        assert window.settings.alert_delivery.sound is False
        again = trade(window, level + 2, 3)
        qtbot.waitUntil(lambda: pane.log_model.rowCount() == 2)
        assert pane.log_model.entries[0].alert.ts == again.ts  # the newest on top
        assert len(alerts.sounds) == 1  # the first alert's only
        assert len(alerts.tray_messages) == 2 and len(alerts.toasts.visible()) == 2


def test_toast_and_tray_switched_off_tell_nothing_but_the_log(qloop, qtbot):
    with alerts_window(qtbot) as window:
        alerts = window.alerts
        pane = alerts.pane
        for name in ("toast", "tray"):
            pane.notify_actions[name].trigger()
        assert not window.settings.alert_delivery.toast and not window.settings.alert_delivery.tray
        level = round(last_price(window) * 1.2)
        alerts.monitor.add(SYMBOL, ABOVE, level)
        trade(window, level + 1, 1)
        qtbot.waitUntil(lambda: pane.log_model.rowCount() == 1)
        assert alerts.toasts.visible() == [] and alerts.tray_messages == []
        assert alerts.sounds == [True]


def test_no_tray_no_message(qloop, qtbot):
    """Offscreen (as on a desktop without a tray) nothing is sent to the tray."""
    with alerts_window(qtbot) as window:
        alerts = window.alerts
        from PySide6.QtWidgets import QSystemTrayIcon

        alerts.tray.available = QSystemTrayIcon.isSystemTrayAvailable
        assert not QSystemTrayIcon.isSystemTrayAvailable()
        level = round(last_price(window) * 1.2)
        alerts.monitor.add(SYMBOL, ABOVE, level)
        trade(window, level + 1, 1)
        qtbot.waitUntil(lambda: alerts.pane.log_model.rowCount() == 1)
        assert alerts.tray_messages == [] and alerts.tray.icon is None
        assert len(alerts.toasts.visible()) == 1


def test_toasts_stack_and_fade(qloop, qtbot):
    with alerts_window(qtbot) as window:
        alerts = window.alerts
        alerts.toasts.shown_ms = 200
        level = round(last_price(window) * 1.2)
        alerts.monitor.add(SYMBOL, ABOVE, level)
        alerts.monitor.add(SYMBOL, ABOVE, level + 10)
        trade(window, level + 20, 1)  # crosses both
        qtbot.waitUntil(lambda: len(alerts.toasts.visible()) == 2)
        older, newer = alerts.toasts.visible()
        assert newer.geometry().bottom() < window.rect().bottom() and older.geometry().bottom() < newer.geometry().top()
        assert newer.geometry().right() == older.geometry().right()  # one column at the corner, the newest lowest
        qtbot.waitUntil(lambda: alerts.toasts.toasts == [], timeout=5000)  # faded and gone
