"""The drawings' menus: a drawing's own (right click: colour, width, style, lock, hide, note
text, alert on this line, delete) and the list of the symbol's drawings (show or hide each, or
all). Every change goes through the book, so it is saved, shown in every chart of the symbol
and undone by Ctrl+Z."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QMenu

from app.core.drawings import ALERTABLE, Drawing, LineStyle, Tool
from app.ui.chart.drawings.strip import tool_name
from app.ui.kit import formatting as fmt
from app.ui.kit.theme import line_colours

if TYPE_CHECKING:
    from app.ui.chart.drawings.layer import DrawingLayer

WIDTHS = (1.0, 2.0, 3.0, 4.0)


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(colour)
    return QIcon(pixmap)


class DrawingMenus(QObject):
    """Builds the menus of one chart's drawings (translation context ``DrawingMenus``)."""

    def __init__(self, layer: DrawingLayer) -> None:
        super().__init__(layer)
        self.layer = layer

    def _edit(self, drawing: Drawing, text: str, **changes) -> None:
        symbol = self.layer.symbol
        current = self.layer.book.find(symbol, drawing.id) if symbol else None
        if current is not None:
            self.layer.book.change(symbol, current, msgspec.structs.replace(current, **changes), text)

    def drawing_menu(self, drawing: Drawing) -> QMenu:
        """The menu of one drawing (built when it opens: what is checked is its state now)."""
        menu = QMenu(self.layer.chart)
        menu.setObjectName("drawing-menu")
        palette = self.layer.view.theme
        colours = menu.addMenu(self.tr("Colour"))
        for k, colour in enumerate(line_colours(palette, len(palette.studies))):
            action = colours.addAction(_swatch(colour), colour.name())
            action.setCheckable(True)
            action.setChecked(k == drawing.colour % len(palette.studies))
            action.triggered.connect(lambda _=False, k=k: self._colour(drawing, k))
        widths = menu.addMenu(self.tr("Width"))
        for width in WIDTHS:
            action = widths.addAction(self.tr("%1 px").replace("%1", f"{width:g}"))
            action.setCheckable(True)
            action.setChecked(width == drawing.width)
            action.triggered.connect(lambda _=False, w=width: self._edit(drawing, self.tr("Line width"), width=w))
        styles = menu.addMenu(self.tr("Line style"))
        for style, label in ((LineStyle.SOLID, self.tr("Solid")), (LineStyle.DASHED, self.tr("Dashed")),
                             (LineStyle.DOTTED, self.tr("Dotted"))):
            action = styles.addAction(label)
            action.setCheckable(True)
            action.setChecked(style == drawing.style)
            action.triggered.connect(lambda _=False, s=style: self._edit(drawing, self.tr("Line style"), style=s))
        menu.addSeparator()
        if drawing.tool is Tool.TEXT:
            menu.addAction(self.tr("Edit text…"), lambda: self.layer.edit_text(drawing))
        if drawing.tool in ALERTABLE:
            menu.addAction(self.tr("Alert on this line"), lambda: self.layer.alert_on(drawing))
        lock = menu.addAction(self.tr("Lock"))
        lock.setCheckable(True)
        lock.setChecked(drawing.locked)
        lock.triggered.connect(lambda on: self._edit(drawing, self.tr("Lock") if on else self.tr("Unlock"),
                                                     locked=on))
        menu.addAction(self.tr("Hide"), lambda: self._edit(drawing, self.tr("Hide drawing"), visible=False))
        menu.addSeparator()
        delete = menu.addAction(self.tr("Delete"), lambda: self.layer.delete(drawing.id))
        delete.setShortcut(self.layer.delete_action.shortcut())
        return menu

    def _colour(self, drawing: Drawing, k: int) -> None:
        self.layer.last_colour = k  # the next drawing takes it too, as TradingView remembers
        self._edit(drawing, self.tr("Colour"), colour=k)

    def fill_list(self, menu: QMenu) -> None:
        """The list of the symbol's drawings, each checked while it shows; show all, hide all."""
        menu.clear()
        symbol = self.layer.symbol
        drawings = self.layer.book.drawings(symbol)
        show = menu.addAction(self.tr("Show all"), lambda: self._all(True))
        show.setEnabled(any(not d.visible for d in drawings))
        hide = menu.addAction(self.tr("Hide all"), lambda: self._all(False))
        hide.setEnabled(any(d.visible for d in drawings))
        if not drawings:
            empty = menu.addAction(self.tr("No drawings on %1").replace("%1", symbol or "—"))
            empty.setEnabled(False)
            return
        menu.addSeparator()
        for drawing in drawings:
            action = menu.addAction(self.describe(drawing))
            action.setCheckable(True)
            action.setChecked(drawing.visible)
            action.triggered.connect(lambda on, d=drawing: self._edit(
                d, self.tr("Show drawing") if on else self.tr("Hide drawing"), visible=on))

    def describe(self, drawing: Drawing) -> str:
        """"Trend line 101.25 → 108.40": the tool and its anchors' prices (a note: its text)."""
        if drawing.tool is Tool.TEXT:
            return f"{tool_name(drawing.tool)}: {drawing.text}"
        decimals = self.layer.view.decimals
        prices = " → ".join(fmt.price(a.p, decimals) for a in drawing.anchors[:2])
        if drawing.tool is Tool.VLINE:
            prices = self.layer.time_text(drawing.anchors[0].t)
        return f"{tool_name(drawing.tool)} {prices}"

    def _all(self, visible: bool) -> None:
        symbol = self.layer.symbol
        if symbol:
            after = [msgspec.structs.replace(d, visible=visible) for d in self.layer.book.drawings(symbol)]
            self.layer.book.set_all(symbol, after, self.tr("Show all drawings") if visible
                                    else self.tr("Hide all drawings"))
