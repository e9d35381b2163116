"""The chart's one right-click menu. Several parts offer entries on the plot (alerts at the price
under the pointer, the export of the picture and the bars); each adds a *section* and the menu
is built when asked, so none of them takes the right-click from the others. A right-click on a
drawing, or while a drawing tool is armed, belongs to the drawing layer (its own menu)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from app.ui.chart.widget import ChartWidget

Section = Callable[[QMenu, float | None], None]
"""Adds a part's entries to the menu; the price under the pointer (None off the price pane)."""


class ChartContextMenu(QObject):
    """``add_section(fn)`` registers a part's entries; ``menu`` is the last menu shown."""

    def __init__(self, chart: ChartWidget) -> None:
        super().__init__(chart)
        self.chart = chart
        self.sections: list[Section] = []
        self.menu: QMenu | None = None
        # right-clicks the plot's own items leave to the pane come here
        chart.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        chart.customContextMenuRequested.connect(self.open_at)

    def add_section(self, section: Section, *, first: bool = False) -> None:
        """``first``: above the sections there already (the most used entries at the top)."""
        self.sections.insert(0 if first else len(self.sections), section)

    def open_at(self, pos: QPoint) -> QMenu | None:
        """The menu at ``pos`` (the chart's coordinates), or None where the plot is not."""
        chart = self.chart
        view = chart.view
        if not view.isVisible() or not view.geometry().contains(pos) or not self.sections:
            return None
        scene_pos = view.mapToScene(view.mapFrom(chart, pos))
        editor = chart.drawings.editor
        if editor.tool is not None or editor.hit(scene_pos) is not None:
            return None  # the drawing's own menu (or the tool being dropped)
        menu = QMenu(chart)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        price = self.price_at(scene_pos)
        for section in self.sections:
            if not menu.isEmpty():
                menu.addSeparator()
            section(menu, price)
        self.menu = menu
        menu.popup(chart.mapToGlobal(pos))
        return menu

    def price_at(self, scene_pos) -> float | None:
        """The price under a scene point of the price pane (log and percent scales too)."""
        view = self.chart.view
        vb = view.price.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        return view.scale.inverse_one(float(vb.mapSceneToView(scene_pos).y()))
