"""The kinds beyond price levels in the window: the add dialog offers them (not the line, which
comes from a drawing), the rules table says each in a sentence, and an alert without a price (a
stale feed before any trade) is logged with a dash, not "nan"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from app.core.alerts import KINDS, LINE, STALE, SWEEP, Alert
from app.ui.alerts.models import LogColumn, RuleColumn
from tests.ui.alerts.support import SYMBOL, alerts_window


def test_the_dialog_offers_every_typed_kind_and_the_table_says_them(qloop, qtbot):
    with alerts_window(qtbot) as window:
        pane = window.alerts.pane
        window.alerts.dock.raise_()
        QTest.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
        dialog = pane.dialog
        qtbot.waitUntil(dialog.isVisible)
        offered = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
        assert offered == [k for k in KINDS if k != LINE]
        assert all(dialog.kind.itemText(i) != dialog.kind.itemData(i) for i in range(dialog.kind.count()))
        QTest.keyClicks(dialog.symbol, SYMBOL)
        dialog.set_kind(SWEEP)
        QTest.keyClicks(dialog.value, "3")
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        [rule] = window.alerts.monitor.rules
        assert (rule.kind, rule.value) == (SWEEP, 3)
        text = pane.rules_model.data(pane.rules_model.index(0, RuleColumn.RULE))
        assert text == "The best level swept through 3 or more levels within one second"


def test_an_alert_without_a_price_is_logged_with_a_dash(qloop, qtbot):
    with alerts_window(qtbot) as window:
        pane = window.alerts.pane
        rule = window.alerts.monitor.add(SYMBOL, STALE, 30)
        window.alerts.monitor.sig_fired.emit(Alert(1741662000000, rule.id, SYMBOL, rule.text, "sim", float("nan")))
        qtbot.waitUntil(lambda: pane.log_model.rowCount() == 1)
        assert pane.log_model.data(pane.log_model.index(0, LogColumn.PRICE)) == "—"


def test_the_dialog_sets_how_often_a_rule_fires_and_when_it_expires(qloop, qtbot):
    """Every time with a cooldown, a re-arm distance, an expiry: typed in the dialog, saved in
    the rule (the same parts as `alerts add --every/--hysteresis/--expires`), said in the table."""
    import time

    from app.ui.alerts.dialog import EVERY, ONCE

    with alerts_window(qtbot) as window:
        pane = window.alerts.pane
        window.alerts.dock.raise_()
        for repeat, rearm, expires in ((EVERY, "30", "2h"), (ONCE, "1.5", "")):
            QTest.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
            dialog = pane.dialog
            qtbot.waitUntil(dialog.isVisible)
            QTest.keyClicks(dialog.symbol, SYMBOL)
            QTest.keyClicks(dialog.value, "500")
            dialog.repeat.setCurrentIndex(dialog.repeat.findData(repeat))
            QTest.keyClicks(dialog.rearm, rearm)
            QTest.keyClicks(dialog.expires, expires)
            QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
            assert not dialog.isVisible(), dialog.problem.text()
        every, once = window.alerts.monitor.rules
        assert every.every == 30 and every.hysteresis in (None, 0)
        assert abs(every.expires - (time.time() * 1000 + 2 * 3_600_000)) < 60_000
        assert once.hysteresis == 1.5 and once.every is None and once.expires is None
        texts = [pane.rules_model.data(pane.rules_model.index(r, RuleColumn.RULE)) for r in range(2)]
        assert "at most once per 30 s" in texts[0] and "expires" in texts[0]
        assert "re-arms 1.5 back" in texts[1]
        # every time without its seconds, or a bad expiry: said, nothing added
        QTest.mouseClick(pane.add_button, Qt.MouseButton.LeftButton)
        dialog = pane.dialog
        qtbot.waitUntil(dialog.isVisible)
        QTest.keyClicks(dialog.symbol, SYMBOL)
        QTest.keyClicks(dialog.value, "500")
        dialog.repeat.setCurrentIndex(dialog.repeat.findData(EVERY))
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.problem.text()
        QTest.keyClicks(dialog.rearm, "10")
        QTest.keyClicks(dialog.expires, "soon")
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and "expiry" in dialog.problem.text()
        assert len(window.alerts.monitor.rules) == 2
