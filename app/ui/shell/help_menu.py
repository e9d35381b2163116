"""The Help menu: Keyboard shortcuts… (F1, Ctrl+/), from every pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from app.ui.shell.keys import keys_for

if TYPE_CHECKING:
    from app.ui.shell.keys_dialog import KeysDialog


class KeysHelp(QObject):
    """The menu and its action; the dialog is made on first use and walks the window afresh
    each time it opens (keys added since show)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = window.menuBar().addMenu(self.tr("&Help"))
        self.action = QAction(self.tr("&Keyboard shortcuts…"), window)
        self.action.setShortcuts([*keys_for("F1", QKeySequence.StandardKey.HelpContents), QKeySequence("Ctrl+/")])
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.open)
        self.menu.addAction(self.action)
        self.dialog: KeysDialog | None = None

    def open(self) -> KeysDialog:
        if self.dialog is None:
            from app.ui.shell.keys_dialog import KeysDialog  # on first use: not for the first frame

            self.dialog = KeysDialog(self.window)
        self.dialog.show_keys()
        return self.dialog
