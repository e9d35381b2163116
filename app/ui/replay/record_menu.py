"""File → Record and Record to file…: record what the terminal receives (through
:class:`app.services.recording.RecordingService`), into a new file in the data folder's
``recordings`` or one the user names (a save dialog opened with ``open()``); the status bar says
"● Recording NAME (N events)" while it records, and where the file is once it stops."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel

from app.services.recording import SUFFIX, RecordingService, default_name
from app.ui.kit import file_dialogs, theme

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow

SAY_MS = 10_000  # how long the "Recorded …" line stays in the status bar


class RecordMenu(QObject):
    """``record_action`` (checkable: on records, off stops), ``record_to_action`` and the status
    bar's ``label``; ``actions`` in the File menu's order."""

    def __init__(self, window: MainWindow, recording: RecordingService, folder: Path) -> None:
        super().__init__(window)
        self.window = window
        self.recording = recording
        self.folder = folder
        self.record_action = QAction(self.tr("&Record"), window)
        self.record_action.setObjectName("action-record")
        self.record_action.setCheckable(True)
        self.record_action.setToolTip(self.tr("Record everything the terminal receives into a new file "
                                              "in the data folder"))
        self.record_action.triggered.connect(self._on_triggered)
        self.record_to_action = QAction(self.tr("Record to &file…"), window)
        self.record_to_action.setObjectName("action-record-to")
        self.record_to_action.triggered.connect(self.ask_record_to)
        self.actions = [self.record_action, self.record_to_action]
        self.label = QLabel(window.status)
        self.label.setObjectName("recording-label")
        theme.tint(self.label, "red")
        self.label.hide()
        window.status.insertPermanentWidget(1, self.label)
        recording.sig_recording.connect(self._on_recording)
        recording.sig_count.connect(self._show_count)
        recording.sig_error.connect(window.show_error)

    def _on_triggered(self, checked: bool) -> None:
        if checked:
            self.start()
        else:
            self.stop()

    def start(self, path: Path | None = None) -> bool:
        """Record into ``path`` (default: a new file named after the vendor and the time in the
        data folder's ``recordings``)."""
        target = path or self.folder / "recordings" / default_name(self.window.service.vendor)
        started = self.recording.start_file(target)
        self.record_action.setChecked(started)
        return started

    def stop(self) -> Path | None:
        """Stop recording (the file closed, whole); its path, None when none was recording."""
        path = self.recording.stop_file()
        self.record_action.setChecked(False)
        if path is not None:
            self.window.statusBar().showMessage(
                self.tr("Recorded %1 events into %2").replace("%1", f"{self.recording.count:,}")
                .replace("%2", str(path)), SAY_MS)
        return path

    def ask_record_to(self) -> QFileDialog:
        """Where to record (a save dialog, opened with ``open()``); recording starts on OK."""
        name = default_name(self.window.service.vendor)
        return file_dialogs.ask_save(self.window, self.tr("Record to file"), name,
                                     [self.tr("Recordings (*%1)").replace("%1", SUFFIX)],
                                     file_dialogs.DOCUMENTS, self.start)

    def _on_recording(self, path: object) -> None:
        self.record_action.setChecked(path is not None)
        self.label.setVisible(path is not None)
        if isinstance(path, Path):
            self.label.setToolTip(str(path))

    def _show_count(self, count: int) -> None:
        path = self.recording.path
        if path is not None and self.recording.recording:
            self.label.setText(self.tr("● Recording %1 (%2 events)").replace("%1", path.name)
                               .replace("%2", f"{count:,}"))
