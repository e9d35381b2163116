"""The order book's size cells: a bar in the side's colour, as long as the level's share of the
sizes shown."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from app.ui.orderbook.model import DEPTH_FRACTION_ROLE, FLASH_ROLE


class DepthBarDelegate(QStyledItemDelegate):
    """Paints a changed level's flash and a translucent bar behind a size, proportional to
    the largest level shown."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        flash = index.data(FLASH_ROLE)
        if flash is not None:
            painter.fillRect(option.rect, flash)
        value = index.data(DEPTH_FRACTION_ROLE)
        if value is not None:
            fraction, colour = value
            rect: QRect = option.rect
            width = int(rect.width() * max(0.0, min(1.0, fraction)))
            bar = QColor(colour)
            bar.setAlpha(60)
            painter.fillRect(QRect(rect.right() - width, rect.top() + 2, width, rect.height() - 4), bar)
        super().paint(painter, option, index)
