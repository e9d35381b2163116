"""Tool bars side by side while they fit, else one under another, so that no control is ever
folded behind a tool bar's » button (a chart dock at 1600 px, or a narrow window)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QToolBar, QWidget


class ToolRows(QWidget):
    """Lays ``bars`` out in one row when the width allows it, else in one row each."""

    def __init__(self, bars: list[QToolBar], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars = bars
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        for bar in bars:
            self._layout.addWidget(bar)
            bar.installEventFilter(self)  # a control shown or hidden changes the width needed
        self._layout.addStretch(1)

    def one_row_width(self) -> int:
        """The width the bars need side by side."""
        return sum(bar.sizeHint().width() for bar in self.bars if not bar.isHidden())

    @property
    def stacked(self) -> bool:
        return self._layout.direction() == QBoxLayout.Direction.TopToBottom

    def minimumSizeHint(self) -> QSize:
        widest = max((bar.sizeHint().width() for bar in self.bars), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def _arrange(self, width: int) -> None:
        wanted = (QBoxLayout.Direction.LeftToRight if width >= self.one_row_width()
                  else QBoxLayout.Direction.TopToBottom)
        if self._layout.direction() != wanted:
            self._layout.setDirection(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched in self.bars:
            self._arrange(self.width())
        return super().eventFilter(watched, event)
