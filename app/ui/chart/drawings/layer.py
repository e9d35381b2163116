"""The drawings of one chart pane: the glue between the shared book, the picture, the mouse,
the tool strip, the menus and the keys (Esc, Delete, Ctrl+Z, Ctrl+Shift+Z).

The layer reads the chart's symbol each time it needs it, so a symbol or period change needs no
call: the next paint shows the new symbol's drawings where their times fall on the new bars.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import msgspec
from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog

from app.core.drawings import Drawing, Tool, line_points
from app.ui.chart.drawings.book import DrawingBook
from app.ui.chart.drawings.editor import DrawingEditor
from app.ui.chart.drawings.item import Anchors, DrawingsItem
from app.ui.chart.drawings.menus import DrawingMenus
from app.ui.chart.drawings.strip import DrawingStrip, VisibilityFollower
from app.ui.kit import formatting as fmt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from app.ui.chart.widget import ChartWidget


class DrawingLayer(QObject):
    """Owned by the chart pane (``chart.drawings``). ``strip`` goes at the plot's left edge."""

    def __init__(self, chart: ChartWidget, book: DrawingBook | None) -> None:
        super().__init__(chart)
        self.chart = chart
        self.view = chart.view
        self.book = book if book is not None else DrawingBook(None, self)
        self.last_colour = 0
        self.note_dialog: QInputDialog | None = None
        self.menu: QMenu | None = None
        self._cache: tuple[str | None, Anchors] | None = None
        self.editor = DrawingEditor(self)
        self.item = DrawingsItem(self)
        self.view.price.plot.addItem(self.item, ignoreBounds=True)
        self.menus = DrawingMenus(self)
        self.strip = DrawingStrip(chart, chart)
        VisibilityFollower(self.view, self.strip)
        self.strip.group.triggered.connect(self._on_tool_action)
        self.strip.list_menu.aboutToShow.connect(lambda: self.menus.fill_list(self.strip.list_menu))
        self.cancel_action = self._key(self.tr("Cancel drawing"), "Esc", self.editor.cancel)
        self.delete_action = self._key(self.tr("Delete drawing"), "Del", lambda: self.delete(self.editor.selected))
        self.undo_action = self.book.undo.createUndoAction(chart, self.tr("Undo"))
        self.redo_action = self.book.undo.createRedoAction(chart, self.tr("Redo"))
        for action, key in ((self.undo_action, "Ctrl+Z"), (self.redo_action, "Ctrl+Shift+Z")):
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            chart.addAction(action)
        self.book.sig_changed.connect(self._on_book)
        self.view.scene().sigMouseMoved.connect(self.editor.moved)
        self._update_keys()

    def _key(self, text: str, key: str, slot) -> QAction:
        action = QAction(text, self.chart)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.chart.addAction(action)
        return action

    @property
    def symbol(self) -> str | None:
        return self.chart.symbol

    def anchors(self) -> Anchors:
        """The shown drawings of the chart's symbol (cached until the book or symbol changes)."""
        symbol = self.symbol
        if self._cache is None or self._cache[0] != symbol:
            if self._cache is not None:  # another symbol: what was being placed or selected is gone
                self.editor.pending = None
                self.editor.selected = None
            self._cache = (symbol, Anchors.of([d for d in self.book.drawings(symbol) if d.visible]))
        return self._cache[1]

    def _on_book(self, symbol: str) -> None:
        if symbol == self.symbol:
            self._cache = None
            selected = self.editor.selected
            if selected is not None and not any(d.id == selected for d in self.anchors().drawings):
                self.editor.selected = None  # deleted or hidden (here or in another chart)
            self._update_keys()
            self.repaint()

    def repaint(self) -> None:
        self.item.update()

    # -- what the editor tells -------------------------------------------------------------------

    def tool_changed(self) -> None:
        tool = self.editor.tool
        for each, action in self.strip.actions_by_tool.items():
            action.setChecked(each is tool)
        self._update_keys()
        self.view.setCursor(Qt.CursorShape.CrossCursor if tool else Qt.CursorShape.ArrowCursor)
        self.repaint()

    def selection_changed(self) -> None:
        self._update_keys()
        self.repaint()

    def _update_keys(self) -> None:
        editor = self.editor
        self.cancel_action.setEnabled(editor.tool is not None or editor.pending is not None
                                      or editor.selected is not None)
        self.delete_action.setEnabled(editor.selected is not None)

    def _on_tool_action(self, action: QAction) -> None:
        self.editor.arm(Tool(action.data()) if action.isChecked() else None)
        if action.isChecked():
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)  # Esc cancels at once

    def default_colour(self) -> int:
        return self.last_colour

    def default_note(self) -> str:
        return self.tr("Note")

    def move_text(self, move: bool) -> str:
        return self.tr("Move drawing") if move else self.tr("Stretch drawing")

    def time_text(self, t: int) -> str:
        when = datetime.fromtimestamp(t / 1000, self.view.zone)
        stamp = when.strftime("%Y-%m-%d %H:%M" if self.view.period.is_intraday else "%Y-%m-%d")
        return f"{stamp} {fmt.zone_label(when)}"

    # -- actions on a drawing ----------------------------------------------------------------------

    def delete(self, drawing_id: str | None) -> None:
        symbol = self.symbol
        drawing = self.book.find(symbol, drawing_id) if symbol and drawing_id else None
        if drawing is not None:
            self.editor.selected = None
            self.book.remove(symbol, drawing)

    def open_menu(self, drawing: Drawing, screen_pos: QPointF) -> None:
        self.menu = self.menus.drawing_menu(drawing)
        self.menu.popup(QPoint(int(screen_pos.x()), int(screen_pos.y())))

    def alert_on(self, drawing: Drawing) -> None:
        """"Alert on this line": the chart says which line; the window makes the rule."""
        if self.symbol:
            self.chart.sig_alert_on_line.emit(self.symbol, line_points(drawing))

    def edit_text(self, drawing: Drawing) -> None:
        """Ask for a note's text (a window that does not block: the event loop runs on)."""
        dialog = QInputDialog(self.chart)
        dialog.setWindowTitle(self.tr("Text note"))
        dialog.setLabelText(self.tr("Note"))
        dialog.setTextValue(drawing.text)
        symbol = self.symbol

        def done(text: str) -> None:
            current = self.book.find(symbol, drawing.id) if symbol else None
            if current is not None and text.strip():
                self.book.change(symbol, current, msgspec.structs.replace(current, text=text.strip()),
                                 self.tr("Edit text"))

        dialog.textValueSelected.connect(done)
        dialog.finished.connect(dialog.deleteLater)
        self.note_dialog = dialog
        dialog.open()
