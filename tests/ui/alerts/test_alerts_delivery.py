"""Delivery's parts on their own: the sound (the bundled chime made again byte for byte; the
desktop's beep where Qt Multimedia is missing), a click on a toast charts the moment, and the
Notify choices are kept in the settings file."""

from __future__ import annotations

import builtins

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.alerts import ABOVE
from app.storage.settings import AlertDelivery, Settings, read_settings, save_settings
from app.ui.alerts.sound import CHIME, AlertSound, write_chime
from tests.ui.alerts.support import SYMBOL, alerts_window, last_price, trade


def test_the_bundled_chime_is_the_one_write_chime_makes(tmp_path):
    write_chime(tmp_path / "chime.wav")
    assert (tmp_path / "chime.wav").read_bytes() == CHIME.read_bytes()
    assert 1000 < CHIME.stat().st_size < 20_000  # a short sound


def test_without_qt_multimedia_an_alert_beeps(qapp, monkeypatch):
    real_import = builtins.__import__

    def no_multimedia(name, *args, **kwargs):
        if name.startswith("PySide6.QtMultimedia"):
            raise ImportError("No module named 'PySide6.QtMultimedia'")
        return real_import(name, *args, **kwargs)

    beeps = []
    monkeypatch.setattr(builtins, "__import__", no_multimedia)
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(True)))
    sound = AlertSound()
    sound.play()
    sound.play()
    assert sound.backend == "beep" and beeps == [True, True]


def test_a_click_on_a_toast_charts_the_moment(qloop, qtbot):
    with alerts_window(qtbot) as window:
        alerts = window.alerts
        level = round(last_price(window) * 1.2)
        alerts.monitor.add(SYMBOL, ABOVE, level)
        window.select_symbol("HK:09988")
        qtbot.waitUntil(lambda: window.chart.symbol == "HK:09988")
        crossing = trade(window, level + 1, 1)
        qtbot.waitUntil(lambda: len(alerts.toasts.visible()) == 1)
        toast = alerts.toasts.visible()[0]
        QTest.mouseClick(toast, Qt.MouseButton.LeftButton)
        assert window.chart.symbol == SYMBOL
        assert window.chart.moment.line.ts == crossing.ts
        qtbot.waitUntil(lambda: alerts.toasts.toasts == [])  # closed by the click


def test_the_notify_choices_are_saved(tmp_path):
    settings = Settings(alert_delivery=AlertDelivery(toast=False, sound=False))
    save_settings(settings, tmp_path / "settings.json")
    loaded = read_settings(tmp_path / "settings.json").settings
    assert loaded.alert_delivery == AlertDelivery(toast=False, tray=True, sound=False)
    assert Settings().alert_delivery == AlertDelivery(toast=True, tray=True, sound=True)
