"""Toasts: small frameless notes over the window's bottom-right corner, one per fired alert,
stacked upward (the newest at the bottom), each fading out after a few seconds. A click on one
charts the alert's moment and closes it. They are children of the window, so they move with it
and never take the keyboard from the pane in use."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEasingCurve, QEvent, QObject, QPropertyAnimation, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGraphicsOpacityEffect, QLabel, QVBoxLayout, QWidget

from app.core.alerts import Alert
from app.ui.kit import theme

SHOWN_MS = 6000  # before the fade
FADE_MS = 700
MAX_TOASTS = 5
MARGIN = 12
WIDTH = 300


class Toast(QFrame):
    """One alert's note. ``sig_clicked(Alert)``: the user clicked it."""

    sig_clicked = Signal(object)

    def __init__(self, alert: Alert, title: str, lines: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.alert = alert
        self.setObjectName("alert-toast")
        palette = theme.current()
        self.setStyleSheet(
            f"#alert-toast {{ background: {theme.blend(palette.accent, palette.surface, 0.14).name()};"
            f" border: 1px solid {palette.accent.name()}; border-left: 4px solid {palette.accent.name()};"
            f" border-radius: 4px; }}"
            f" QLabel {{ background: transparent; color: {palette.text.name()}; }}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel(title, self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel("\n".join(line for line in lines if line), self)
        self.body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.setFixedWidth(WIDTH)
        self.opacity = QGraphicsOpacityEffect(self)
        self.opacity.setOpacity(1.0)
        self.setGraphicsEffect(self.opacity)
        self.fade = QPropertyAnimation(self.opacity, b"opacity", self)
        self.fade.setDuration(FADE_MS)
        self.fade.setStartValue(1.0)
        self.fade.setEndValue(0.0)
        self.fade.setEasingCurve(QEasingCurve.Type.InQuad)
        self.fade.finished.connect(self.close)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.fade.start)

    def start(self, shown_ms: int) -> None:
        self.adjustSize()
        self.show()
        self.raise_()
        self.timer.start(shown_ms)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.sig_clicked.emit(self.alert)
            self.close()
        super().mouseReleaseEvent(event)


class ToastStack(QObject):
    """The toasts over one window. ``sig_clicked(Alert)``: a toast was clicked."""

    sig_clicked = Signal(object)

    def __init__(self, window: QWidget, shown_ms: int = SHOWN_MS) -> None:
        super().__init__(window)
        self.window = window
        self.shown_ms = shown_ms
        self.toasts: list[Toast] = []  # oldest first
        window.installEventFilter(self)

    def show(self, alert: Alert, title: str, lines: list[str]) -> Toast:
        toast = Toast(alert, title, lines, self.window)
        toast.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        toast.sig_clicked.connect(self.sig_clicked)
        toast.destroyed.connect(lambda _obj=None, t=toast: self._forget(t))
        self.toasts.append(toast)
        while len(self.toasts) > MAX_TOASTS:
            self.toasts.pop(0).close()
        toast.start(self.shown_ms)
        self.place()
        return toast

    def place(self) -> None:
        """Stack the toasts upward from the window's bottom-right corner (above its status bar)."""
        rect = self.window.rect()
        status = getattr(self.window, "statusBar", None)
        bottom = rect.bottom() - MARGIN - (status().height() if callable(status) and status().isVisible() else 0)
        for toast in reversed(self.toasts):
            toast.adjustSize()
            bottom -= toast.height()
            toast.move(rect.right() - MARGIN - toast.width(), bottom)
            bottom -= 6

    def visible(self) -> list[Toast]:
        return [toast for toast in self.toasts if toast.isVisible()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self.toasts:
            self.place()
        return False

    def _forget(self, toast: Toast) -> None:
        if toast in self.toasts:
            self.toasts.remove(toast)
            if shiboken6.isValid(self.window):  # (not while the window itself is going)
                self.place()
