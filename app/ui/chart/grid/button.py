"""The chart tool bar's layout button: a menu of the grid layouts, each with its small picture
drawn in the theme's colours (drawn again when the theme changes)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.ui.chart.grid.layouts import GridLayout, layout_icon
from app.ui.kit import theme


class LayoutButton(QToolButton):
    """Signals:

    - ``sig_chosen(str)``: a layout was picked in the menu (a :class:`GridLayout` value).
    """

    sig_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_shown = GridLayout.ONE
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolTip(self.tr("Chart layout: 1, 2, 3 or 4 charts in this dock"))
        self.setAccessibleName(self.tr("Chart layout"))
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self._group = QActionGroup(self)
        self.actions_: dict[GridLayout, QAction] = {}
        for layout in GridLayout:
            action = QAction(layout.label(), self._group)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, v=layout.value: self.sig_chosen.emit(v))
            self.menu_.addAction(action)
            self.actions_[layout] = action
        self.show_layout(GridLayout.ONE)

    def show_layout(self, layout: GridLayout) -> None:
        """The grid's layout, as the button's picture and the menu's checked entry. The current
        entry is disabled: choosing it again would be no choice."""
        self.layout_shown = layout
        for each, action in self.actions_.items():
            action.setChecked(each is layout)
            action.setEnabled(each is not layout)
        self._paint()

    def _paint(self) -> None:
        palette = theme.current()
        fill = theme.blend(palette.accent, palette.background, 0.35)
        for layout, action in self.actions_.items():
            action.setIcon(layout_icon(layout, palette.text, fill))
        self.setIcon(layout_icon(self.layout_shown, palette.text, fill))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: its colours
            self._paint()
        super().changeEvent(event)
