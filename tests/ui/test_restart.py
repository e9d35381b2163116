"""A new language applies at start: the window offers to start again, and the program does,
with its own command line, once everything is saved."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from app.storage.settings import Settings
from app.ui.shell import restart
from tests.support.qt_loop import run_task
from tests.support.windows import open_sim_window


def test_the_command_line_is_the_one_this_process_was_started_with(monkeypatch):
    monkeypatch.setattr(sys, "orig_argv", ["python3", "-m", "app", "--vendor", "qos"])
    assert restart.restart_command() == [sys.executable, "-m", "app", "--vendor", "qos"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # the PyInstaller bundle
    monkeypatch.setattr(sys, "argv", ["/opt/quote-terminal/quote-terminal", "--vendor", "sim"])
    assert restart.restart_command() == [sys.executable, "--vendor", "sim"]


def test_relaunch_starts_an_independent_process(monkeypatch, tmp_path, qtbot):
    mark = tmp_path / "started"
    monkeypatch.setattr(restart, "restart_command",
                        lambda: [sys.executable, "-c", f"open({str(mark)!r}, 'w').write('ok')"])
    assert restart.relaunch()
    qtbot.waitUntil(lambda: mark.exists() and mark.read_text() == "ok", timeout=10000)


def test_choosing_another_language_offers_a_restart_that_closes_the_window(qloop, qtbot):
    window = open_sim_window(qtbot, Settings())
    try:
        window.set_language("en")  # already the running language: nothing to ask
        assert window.settings.language == "en" and getattr(window, "language_box", None) is None
        window.language_actions["zh_CN"].trigger()
        assert window.settings.language == "zh_CN"
        box = window.language_box
        qtbot.waitUntil(box.isVisible, timeout=2000)  # open(), not exec(): the feeds keep running
        assert "Restart now?" in box.text() and "现在重启吗" in box.text()  # asked in both languages
        now = next(b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole)
        with qtbot.waitSignals([window.sig_restart_requested, window.sig_closed], timeout=2000):
            now.click()
    finally:
        run_task(qtbot, window.service.aclose())


def test_later_keeps_the_window_and_the_choice(qloop, qtbot):
    window = open_sim_window(qtbot, Settings())
    try:
        window.set_language("zh_CN")
        box = window.language_box
        later = next(b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.RejectRole)
        with qtbot.assertNotEmitted(window.sig_restart_requested):
            later.click()
        assert window.isVisible() and window.settings.language == "zh_CN"
    finally:
        run_task(qtbot, window.service.aclose())
