"""How wide a table column must be to show its title and its cells whole.

A title needs room for the sort arrow beside it and is measured bold, as Qt bolds the titles
of columns that hold the selection. Fusion lays a section's label over its arrow (a right-aligned
title then runs into the arrow however wide the section): :class:`SortHeaderStyle` ends the
label where the arrow begins. A cell needs its text plus the padding the table paints it with.
Both are asked of the style and the fonts in use, so a theme, a font or a language that
changes the sizes changes the widths with them.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QHeaderView, QProxyStyle, QStyle, QStyleOptionHeader, QWidget

PROBE = 400  # a section wide enough that the style's margins, not the text, set its parts
ARROW_GAP = 2  # between a title and its sort arrow


class SortHeaderStyle(QProxyStyle):
    """The application's style, but a header's label stops short of its sort arrow (Fusion's
    own ``CE_Header`` asks its own label rectangle, which reaches under the arrow)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Fusion")  # (its own instance: the application's may be replaced)
        if parent is not None:
            self.setParent(parent)

    def subElementRect(self, element, option, widget=None) -> QRect:  # noqa: N802 (Qt's name)
        rect = super().subElementRect(element, option, widget)
        if element == QStyle.SubElement.SE_HeaderLabel and _sorted_across(option):
            arrow = super().subElementRect(QStyle.SubElement.SE_HeaderArrow, option, widget)
            if arrow.isValid() and rect.right() >= arrow.left() - ARROW_GAP:
                rect.setRight(arrow.left() - ARROW_GAP - 1)
        return rect

    def drawControl(self, element, option, painter, widget=None) -> None:  # noqa: N802 (Qt's name)
        if element != QStyle.ControlElement.CE_Header or not _sorted_across(option):
            super().drawControl(element, option, painter, widget)
            return
        painter.save()  # the parts of CE_Header, each in its own place
        painter.setClipRect(option.rect)
        super().drawControl(QStyle.ControlElement.CE_HeaderSection, option, painter, widget)
        part = type(option)(option)
        part.rect = self.subElementRect(QStyle.SubElement.SE_HeaderLabel, option, widget)
        if part.rect.isValid():
            super().drawControl(QStyle.ControlElement.CE_HeaderLabel, part, painter, widget)
        part.rect = super().subElementRect(QStyle.SubElement.SE_HeaderArrow, option, widget)
        super().drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorHeaderArrow, part, painter, widget)
        painter.restore()


def _sorted_across(option) -> bool:
    """A horizontal header section showing a sort arrow."""
    return (isinstance(option, QStyleOptionHeader) and option.orientation == Qt.Orientation.Horizontal
            and option.sortIndicator != QStyleOptionHeader.SortIndicator.None_)


def title_font(header: QHeaderView) -> QFont:
    """The header's font as drawn over a selected column (bold): the wider of its two looks."""
    font = QFont(header.font())
    font.setBold(True)
    return font


def header_parts(header: QHeaderView, rect: QRect, text: str) -> tuple[QRect, QRect]:
    """(label rectangle, sort-arrow rectangle) the style uses for a section at ``rect`` with
    its sort arrow shown."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.state |= QStyle.StateFlag.State_Horizontal
    option.orientation = header.orientation()
    option.rect = rect
    option.text = text
    option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
    style = header.style()
    return (style.subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header),
            style.subElementRect(QStyle.SubElement.SE_HeaderArrow, option, header))


def title_room(header: QHeaderView, width: int, text: str) -> float:
    """The width a title has in a section ``width`` wide with the sort arrow shown: its label
    rectangle (which, under :class:`SortHeaderStyle`, stops short of the arrow)."""
    label, _arrow = header_parts(header, QRect(0, 0, width, header.sizeHint().height()), text)
    return label.width()


def title_width(header: QHeaderView, text: str) -> int:
    """The narrowest section that shows ``text`` whole beside its sort arrow."""
    advance = QFontMetricsF(title_font(header)).horizontalAdvance(text)
    return math.ceil(advance + PROBE - title_room(header, PROBE, text))


def cell_width(metrics: QFontMetricsF, text: str, padding: int) -> int:
    """The narrowest column that paints ``text`` whole between paddings of ``padding``."""
    return math.ceil(metrics.horizontalAdvance(text)) + 2 * padding + 1
