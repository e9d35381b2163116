"""The desktop notification of a fired alert, through the system tray's icon
(``QSystemTrayIcon.showMessage``), only where the desktop has a tray: offscreen, on a server or
on a desktop without one, nothing is sent (the toast and the log still tell). The icon is made
on the first alert, never at start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

MESSAGE_MS = 8000


class TrayNotifier(QObject):
    """Sends notifications. Seams: ``available()`` (the desktop has a tray) and
    ``show_message(title, text)`` (what reaches the tray)."""

    def __init__(self, parent: QObject | None = None,
                 available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable) -> None:
        super().__init__(parent)
        self.available = available
        self.icon: QSystemTrayIcon | None = None

    def notify(self, title: str, text: str) -> bool:
        """Send one notification; False when the desktop has no tray (nothing sent)."""
        if not self.available():
            return False
        self.show_message(title, text)
        return True

    def show_message(self, title: str, text: str) -> None:
        if self.icon is None:
            app = QApplication.instance()
            icon = app.windowIcon() if isinstance(app, QApplication) else QIcon()
            self.icon = QSystemTrayIcon(icon, self)
            self.icon.setToolTip(QApplication.applicationName())
            self.icon.show()
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
