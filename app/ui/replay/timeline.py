"""The replay's time slider: the recording's span, its activity drawn as a histogram in the
groove (how many events each slice of time holds, so a trader sees where the fast moves are), the
part already played in the accent colour, and a handle at the play position.

Dragging says where the handle is while it moves (:attr:`TimelineSlider.sig_scrubbed`, for the
time label) and seeks once, where it is let go (:attr:`TimelineSlider.sig_seek`): a seek
re-emits the book of that moment, which need not happen for every pixel crossed. A click seeks
at once; Left/Right step by a second, Page Up/Down by a minute, Home/End to the ends. Colours come
from the theme when it paints.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.ui.kit import theme

HANDLE_W = 8  # px
MARGIN = HANDLE_W // 2 + 1  # the handle's half at either end stays inside the widget
KEY_STEP_MS = 1_000
PAGE_STEP_MS = 60_000


class TimelineSlider(QWidget):
    """Signals:

    - ``sig_scrubbed(int)``: the handle is being dragged to this time (epoch ms); no seek yet.
    - ``sig_seek(int)``: seek to this time (epoch ms): a click, a drag let go, or a key.
    """

    sig_scrubbed = Signal(object)  # (epoch ms overflow a C int)
    sig_seek = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_ms = 0
        self.end_ms = 0
        self._value = 0
        self._activity: list[int] = []
        self._dragging = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(160)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    # -- state -----------------------------------------------------------------------------

    def set_range(self, start_ms: int, end_ms: int) -> None:
        self.start_ms, self.end_ms = int(start_ms), max(int(start_ms), int(end_ms))
        self._value = min(max(self._value, self.start_ms), self.end_ms)
        self.update()

    def set_activity(self, counts: list[int]) -> None:
        """Events per slice of the span, oldest first (``RecordingReader.activity``)."""
        self._activity = list(counts)
        self.update()

    @property
    def activity(self) -> list[int]:
        return list(self._activity)

    def value(self) -> int:
        return self._value

    def set_value(self, ms: int) -> None:
        """Move the handle (the play position); ignored while the user drags it."""
        if self._dragging:
            return
        ms = min(max(int(ms), self.start_ms), self.end_ms)
        if ms != self._value:
            self._value = ms
            self.update()

    @property
    def dragging(self) -> bool:
        return self._dragging

    def buckets(self) -> int:
        """How many slices the groove's width shows well (one per 3 px)."""
        return max(1, (self.width() - 2 * MARGIN) // 3)

    # -- geometry --------------------------------------------------------------------------

    def x_of(self, ms: int) -> float:
        span = self.end_ms - self.start_ms
        width = self.width() - 2 * MARGIN
        return MARGIN + (width * (ms - self.start_ms) / span if span > 0 else width)

    def ms_at(self, x: float) -> int:
        width = max(1, self.width() - 2 * MARGIN)
        fraction = min(max((x - MARGIN) / width, 0.0), 1.0)
        return int(round(self.start_ms + fraction * (self.end_ms - self.start_ms)))

    def sizeHint(self) -> QSize:
        return QSize(480, 30)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 30)

    # -- input -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.end_ms <= self.start_ms:
            return super().mousePressEvent(event)
        self._dragging = True
        self._move_to(self.ms_at(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._move_to(self.ms_at(event.position().x()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging and event.button() == Qt.MouseButton.LeftButton:
            self._move_to(self.ms_at(event.position().x()))
            self._dragging = False
            self.sig_seek.emit(self._value)

    def _move_to(self, ms: int) -> None:
        self._value = ms
        self.update()
        self.sig_scrubbed.emit(ms)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {Qt.Key.Key_Left: -KEY_STEP_MS, Qt.Key.Key_Right: KEY_STEP_MS,
                 Qt.Key.Key_PageDown: -PAGE_STEP_MS, Qt.Key.Key_PageUp: PAGE_STEP_MS}
        if key in steps:
            target = self._value + steps[key]
        elif key == Qt.Key.Key_Home:
            target = self.start_ms
        elif key == Qt.Key.Key_End:
            target = self.end_ms
        else:
            return super().keyPressEvent(event)
        self._value = min(max(target, self.start_ms), self.end_ms)
        self.update()
        self.sig_seek.emit(self._value)

    # -- paint -----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = theme.current()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        groove = QRectF(MARGIN, 2, self.width() - 2 * MARGIN, self.height() - 4)
        painter.fillRect(groove, palette.background)
        painter.setPen(QPen(palette.grid, 1))
        painter.drawRect(groove.adjusted(0, 0, -1, -1))
        played_x = self.x_of(self._value)
        counts = self._activity
        peak = max(counts, default=0)
        if peak > 0:
            step = groove.width() / len(counts)
            height = groove.height() - 4
            idle = theme.blend(palette.muted, palette.background, 0.55)
            played = theme.blend(palette.accent, palette.background, 0.8)
            for i, count in enumerate(counts):
                if count <= 0:
                    continue
                h = max(1.0, height * (count / peak) ** 0.5)  # a square root: quiet spells stay visible
                x = groove.left() + i * step
                painter.fillRect(QRectF(x, groove.bottom() - 2 - h, max(1.0, step - 1), h),
                                 played if x + step / 2 <= played_x else idle)
        if self.end_ms > self.start_ms:
            painter.setPen(QPen(palette.accent, 2))
            painter.drawLine(QPointF(groove.left(), groove.bottom() - 1), QPointF(played_x, groove.bottom() - 1))
            handle = QRectF(played_x - HANDLE_W / 2, 0, HANDLE_W, self.height())
            painter.setPen(QPen(palette.text if self.hasFocus() else palette.grid, 1))
            painter.setBrush(palette.accent)
            painter.drawRoundedRect(handle.adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
        painter.end()
