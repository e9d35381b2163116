"""The replay's entries that open something: File → Record to file… and Open recording… (file
dialogs opened with ``open()``), the Settings row of the rolling recording, and the transport
bar's Rewind button in the live terminal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from app.storage.recording import RecordingReader
from app.ui.replay.transport import LIVE, REPLAY, REWIND
from tests.support.windows import window_on_sim
from tests.ui.replay.support import SYMBOL, make_recording, window_settings


def _choose(qtbot, parent, path: Path) -> None:
    """The file dialog the action opened (non-blocking), given ``path`` as a user picks it."""
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QFileDialog)), timeout=3000)
    dialog = next(d for d in parent.findChildren(QFileDialog) if d.isVisible())
    dialog.selectFile(str(path))
    dialog.accept()


def test_record_to_file_and_open_recording_ask_for_the_file(qtbot, qloop, tmp_path):
    with window_on_sim(qtbot, window_settings()) as window:
        replay = window.replay
        qtbot.waitUntil(lambda: window.tape.model.rowCount() > 0, timeout=5000)
        chosen = tmp_path / "mine.qtrec"
        replay.record.record_to_action.trigger()
        _choose(qtbot, window, chosen)
        assert replay.recording.path == chosen and replay.record.record_action.isChecked()
        qtbot.waitUntil(lambda: replay.recording.count >= 10, timeout=5000)
        replay.record.record_action.trigger()
        assert RecordingReader(chosen).count == replay.recording.count >= 10

        demo = make_recording(tmp_path / "demo.qtrec")
        replay.open_action.trigger()
        _choose(qtbot, window, demo)
        qtbot.waitUntil(lambda: replay.mode == REPLAY and replay.toolbar.isVisible()
                        and window.watchlist_model.symbols == [SYMBOL], timeout=8000)
        assert replay.bar.title.text() == "demo.qtrec"


def test_settings_row_starts_and_stops_the_rolling_recording(qtbot, qloop):
    with window_on_sim(qtbot, window_settings(2)) as window:
        replay = window.replay
        assert replay.recording.rolling is not None
        window.open_settings()
        dialog = window.settings_dialog
        assert dialog is not None and dialog.rolling.value() == 2.0
        assert dialog.rolling.specialValueText() == "off"
        dialog.rolling.setValue(0)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        assert window.settings.rolling_hours == 0
        qtbot.waitUntil(lambda: replay.recording.rolling is None, timeout=8000)
        qtbot.waitUntil(lambda: window.service.status is not None, timeout=8000)
        window.open_settings()
        window.settings_dialog.rolling.setValue(1.5)
        qtbot.mouseClick(window.settings_dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: replay.recording.rolling is not None, timeout=8000)
        assert replay.recording.rolling.keep_ms == 90 * 60_000


def test_rewind_button_goes_a_minute_back_at_most_to_the_start(qtbot, qloop):
    with window_on_sim(qtbot, window_settings(2)) as window:
        replay = window.replay
        qtbot.waitUntil(lambda: (span := replay._rolling_span()) is not None and span[1] - span[0] >= 1500,
                        timeout=8000)
        replay.toolbar.toggleViewAction().trigger()
        bar = replay.bar
        assert bar.mode == LIVE and bar.rewind.isVisible()
        start = replay._rolling_span()[0]
        qtbot.mouseClick(bar.rewind, Qt.MouseButton.LeftButton)  # a minute back: before the start
        assert replay.mode == REWIND
        qtbot.waitUntil(lambda: bar.title.text().startswith("Rewind: "), timeout=3000)  # opened and shown
        assert replay.feed.position_ms == start and bar.timeline.value() == start
        assert bar.title.text().endswith(" behind live")
        qtbot.mouseClick(bar.back, Qt.MouseButton.LeftButton)
        assert replay.mode == LIVE and bar.mode == LIVE
        file_menu = window.menuBar().actions()[0].menu()
        file_menu.aboutToShow.emit()
        assert replay.rewind_action in file_menu.actions() and replay.rewind_action.isEnabled()
        replay.rewind_action.trigger()  # File → Rewind a minute: the same, from the menu
        assert replay.mode == REWIND
        qtbot.waitUntil(lambda: bar.title.text().startswith("Rewind: "), timeout=3000)
