"""A chart dock's content: one to four charts (:class:`~app.ui.chart.widget.ChartWidget`) in
splitters, laid out as the layout button says, each with its own symbol, period and settings.

The grid is the dock's pane (:mod:`app.ui.kit.pane`): the window links a symbol to it and it goes
to the active cell (the one last clicked; the others keep theirs); a workspace keeps its first
cell's state as a single chart's (so a one-chart workspace reads as before) and the others under
``grid``. Hovering a moment in one cell marks it in every other (:mod:`.cursor`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QSplitter, QToolBar, QVBoxLayout, QWidget

from app.core.periods import Period
from app.storage.settings import ChartSettings
from app.ui.chart.grid.button import LayoutButton
from app.ui.chart.grid.compact import CompactCell
from app.ui.chart.grid.cursor import show_time_cursor
from app.ui.chart.grid.layouts import GridLayout, next_period
from app.ui.chart.widget import ChartWidget
from app.ui.kit import theme
from app.ui.kit.pane import PaneState
from app.ui.kit.theme import Direction

# Makes a chart for a new cell, given its pane id (the window's: it watches the chart's keys)
CellFactory = Callable[[str], ChartWidget]


class _Frame(QWidget):
    """Holds one cell; the active one framed in the theme's accent when there are several."""

    def __init__(self, chart: ChartWidget) -> None:
        super().__init__()
        self.chart = chart
        self.active = False
        self.compact = CompactCell(chart)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(chart)

    def set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.update()
        self.compact.show_bars(active)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.compact.show_bars(self.active)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.active:
            painter = QPainter(self)
            painter.setPen(QPen(theme.current().accent, 1))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))


class _Splitter(QSplitter):
    """Keeps its children's shares when it is resized (a wider window widens every chart
    alike); the shares are the user's once a handle is dragged."""

    def __init__(self, orientation: Qt.Orientation, count: int) -> None:
        super().__init__(orientation)
        self.setChildrenCollapsible(False)
        self.shares = [1 / count] * count
        self.splitterMoved.connect(self._note)

    def _note(self, _pos: int = 0, _index: int = 0) -> None:
        total = sum(self.sizes())
        if total > 0:
            self.shares = [size / total for size in self.sizes()]

    def set_shares(self, shares: list[float]) -> None:
        self.shares = [share / sum(shares) for share in shares]
        self._apply()

    def _apply(self) -> None:
        total = sum(self.sizes()) or 10_000
        self.setSizes([round(share * total) for share in self.shares])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply()


class ChartGrid(QWidget):
    """Signals:

    - ``sig_layout_changed(str)``: another layout (a :class:`GridLayout` value) or another
      first cell; the window's ``chart`` is the first cell.
    - ``sig_active_changed(object)``: the active cell (a ``ChartWidget``) changed.
    """

    sig_layout_changed = Signal(str)
    sig_active_changed = Signal(object)

    def __init__(self, chart: ChartWidget, make_cell: CellFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pane_id = chart.pane_id
        self._make_cell = make_cell
        self.layout_name = GridLayout.ONE
        self.frames: list[_Frame] = []
        self.active: ChartWidget = chart
        self._root: QWidget | None = None
        self._splitters: list[_Splitter] = []
        self._released: dict[int, tuple[str, Period]] = {}  # by id(chart): what each showed before a release
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)
        self._adopt(chart)
        self._arrange()

    # -- the pane contract ---------------------------------------------------------------------

    @property
    def cells(self) -> list[ChartWidget]:
        """The charts, in layout order (left to right, then top to bottom)."""
        return [frame.chart for frame in self.frames]

    @property
    def linked(self) -> bool:
        return self.active.linked

    @property
    def symbol(self) -> str | None:
        return self.active.symbol

    @property
    def columns(self) -> int:
        """How many charts side by side."""
        return self.layout_name.columns

    def pane_title(self) -> str:
        return self.cells[0].pane_title()

    def set_symbol(self, symbol: str) -> None:
        """The linked symbol: to the active cell only. After a vendor switch (``release``) the
        first symbol linked also brings the other cells back to what they showed."""
        self.active.set_symbol(symbol)
        released, self._released = self._released, {}
        for chart in self.cells:
            if chart is not self.active and chart.symbol is None and id(chart) in released:
                chart.set_symbol(*released[id(chart)])

    def set_direction(self, direction: Direction) -> None:
        for chart in self.cells:
            chart.set_direction(direction)

    def release(self) -> None:
        self._released = {id(c): (c.symbol, c.period) for c in self.cells if c.symbol is not None}
        for chart in self.cells:
            chart.release()

    def save_state(self) -> PaneState:
        state = self.cells[0].save_state()
        if len(self.frames) > 1:
            state["grid"] = {"layout": self.layout_name.value, "active": self.cells.index(self.active),
                             "cells": [chart.save_state() for chart in self.cells[1:]],
                             "shares": [splitter.shares for splitter in self._splitters]}
        return state

    def restore_state(self, state: PaneState) -> None:
        """The first cell as a single chart's state, then the layout and the other cells."""
        grid: Any = state.get("grid")
        grid = grid if isinstance(grid, dict) else {}
        try:
            layout = GridLayout(str(grid.get("layout", GridLayout.ONE.value)))
        except ValueError:
            layout = GridLayout.ONE  # an edited file: one chart rather than none
        others = [s for s in grid.get("cells", []) if isinstance(s, dict)] if isinstance(grid.get("cells"), list) else []
        self.set_active(self.cells[0])
        self.cells[0].restore_state(state)
        self.set_layout(layout, others)
        saved = grid.get("shares")
        if isinstance(saved, list) and len(saved) == len(self._splitters):  # as the user dragged them
            for splitter, shares in zip(self._splitters, saved, strict=True):
                if (isinstance(shares, list) and len(shares) == splitter.count()
                        and all(isinstance(n, (int, float)) and n > 0 for n in shares)):
                    splitter.set_shares([float(n) for n in shares])
        active = grid.get("active", 0)
        self.set_active(self.cells[active if isinstance(active, int) and 0 <= active < len(self.frames) else 0])

    # -- layouts -------------------------------------------------------------------------------

    def set_layout(self, layout: GridLayout | str, states: list[PaneState] | None = None) -> None:
        """Show ``layout``: cells added start on the active cell's symbol, each on the next period
        (or on ``states``, a workspace's, in order after the first cell); cells dropped are the
        last ones, never the active one (four to one keeps the active chart)."""
        layout = GridLayout(layout)
        count = layout.count
        top = self.window()
        before = top.width() if top is not self and top.isVisible() else None
        frames = self.frames[:count]
        active = next(f for f in self.frames if f.chart is self.active)
        if active not in frames:
            frames = [*frames[:count - 1], active]
        for frame in self.frames:
            if frame not in frames:  # deleted by Qt once its events are done (never by Python now)
                frame.chart.release()
                frame.hide()
                frame.setParent(self)
                frame.deleteLater()
        first_changed = frames[0] is not self.frames[0]
        self.frames = frames
        states = list(states or [])
        for k, frame in enumerate(self.frames[1:]):
            if k < len(states):
                frame.chart.restore_state(states[k])
        while len(self.frames) < count:
            chart = self._make_cell(f"{self.pane_id}-cell")
            self._adopt(chart)
            k = len(self.frames) - 2
            if k < len(states):
                chart.restore_state(states[k])
            elif self.active.symbol is not None:
                chart.load_settings(msgspec.convert(msgspec.to_builtins(self.active.settings), ChartSettings))
                chart.set_symbol(self.active.symbol, self._new_period())
        for k, chart in enumerate(self.cells):  # the first cell is the dock's own chart
            chart.pane_id = self.pane_id if k == 0 else f"{self.pane_id}-cell{k + 1}"
        changed = layout is not self.layout_name or first_changed
        self.layout_name = layout
        self._arrange()
        if before is not None:
            _WidthKeeper(top, before)
        if changed:
            self.sig_layout_changed.emit(layout.value)

    def _new_period(self) -> Period:
        """The period after the active cell's that no cell shows yet (1m → 5m → 1h → 1d)."""
        shown = {chart.period for chart in self.cells if chart.symbol is not None}
        period = next_period(self.active.period)
        while period in shown and next_period(period) is not period:
            period = next_period(period)
        return period

    def set_active(self, chart: ChartWidget) -> None:
        """The cell the linked symbol goes to (framed when there are several)."""
        for frame in self.frames:
            frame.set_active(frame.chart is chart and len(self.frames) > 1)
        if chart is not self.active:
            self.active = chart
            self.sig_active_changed.emit(chart)

    def _adopt(self, chart: ChartWidget) -> None:
        """A cell: its frame, its layout button, its crosshair synced, its clicks watched."""
        frame = _Frame(chart)
        self.frames.append(frame)
        button = LayoutButton(chart)
        button.setObjectName("chart-layout")
        button.sig_chosen.connect(lambda value, c=chart: (self.set_active(c), self.set_layout(value)))
        bar = chart.findChild(QToolBar, "chart-periods")
        if bar is not None:
            bar.addWidget(button)
        chart.view.sig_hover.connect(lambda i, c=chart: self._on_hover(c, i))
        # the cell clicked becomes the active one: a click on its bars, a press on any of its
        # buttons, the keyboard going into it (a box opened, the chart focused)
        chart.view.scene().sigMouseClicked.connect(lambda _event, c=chart: self.set_active(c))
        for button in chart.findChildren(QAbstractButton):
            button.pressed.connect(lambda c=chart: self.set_active(c))

    def _arrange(self) -> None:
        """The cells into splitters as the layout places them."""
        old = self._root
        margin = 1 if len(self.frames) > 1 else 0  # room for the active cell's frame
        for frame in self.frames:  # narrowed where it stands: the splitters must never see the old width
            frame.layout().setContentsMargins(margin, margin, margin, margin)
            frame.compact.set_compact(len(self.frames) > 1)
        # the narrower minimum laid out now: a stale one would widen the window for a moment
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        for frame in self.frames:
            frame.hide()
            frame.setParent(self)  # (owned by Qt between two splitters)
        cells = self.frames
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical

        splitters: list[_Splitter] = []  # in the order made: a workspace keeps their sizes so

        def split(orientation: Qt.Orientation, *widgets: QWidget) -> _Splitter:
            splitter = _Splitter(orientation, len(widgets))
            for widget in widgets:
                splitter.addWidget(widget)
            splitter.set_shares(splitter.shares)  # equal
            splitters.append(splitter)
            return splitter

        match self.layout_name:
            case GridLayout.ONE:
                root: QWidget = split(horizontal, cells[0])
            case GridLayout.TWO_SIDE | GridLayout.THREE_ROW:
                root = split(horizontal, *cells)
            case GridLayout.TWO_STACKED:
                root = split(vertical, *cells)
            case GridLayout.THREE_BIG:
                root = split(horizontal, cells[0], split(vertical, cells[1], cells[2]))
            case GridLayout.FOUR:
                top, bottom = split(horizontal, cells[0], cells[1]), split(horizontal, cells[2], cells[3])
                top.splitterMoved.connect(lambda _pos, _i: bottom.set_shares(top.shares))  # columns aligned
                bottom.splitterMoved.connect(lambda _pos, _i: top.set_shares(bottom.shares))
                root = split(vertical, top, bottom)
        self._root = root
        self._splitters = splitters
        self._box.addWidget(root)
        for frame in self.frames:
            frame.show()
            for button in frame.chart.findChildren(LayoutButton):
                button.show_layout(self.layout_name)
        self.set_active(self.active)
        if old is not None:
            self._box.removeWidget(old)
            old.hide()
            old.deleteLater()

    # -- the active cell and the synced crosshair ----------------------------------------------

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        chart = next((c for c in self.cells if new is not None and c.isAncestorOf(new)), None)
        if chart is not None:
            self.set_active(chart)

    def _on_hover(self, source: ChartWidget, index: int | None) -> None:
        """The moment under the pointer in ``source`` marked in the other cells (or unmarked)."""
        if len(self.frames) < 2:
            return
        manager = source.manager
        when = int(manager.ts[index]) if index is not None and 0 <= index < len(manager) else None
        for chart in self.cells:
            if chart is not source:
                show_time_cursor(chart.view, when)



class _WidthKeeper(QObject):
    """Keeps the window as wide as before a layout change that fits in it, for the second the
    change takes to settle: Qt widens a window whose minimum grows for a moment (a cell measured
    before its bars were split) and never narrows it again."""

    SETTLE_MS = 1000

    def __init__(self, window: QWidget, width: int) -> None:
        super().__init__(window)
        self.window, self.width = window, width
        window.installEventFilter(self)
        QTimer.singleShot(self.SETTLE_MS, self._done)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.window and event.type() == QEvent.Type.Resize and event.size().width() > self.width
                and self.window.minimumWidth() >= event.size().width()):  # forced by a minimum, not asked
            QTimer.singleShot(0, self._narrow)
        return False

    def _narrow(self) -> None:
        if self.window.width() > self.width >= self.window.minimumSizeHint().width():
            self.window.resize(self.width, self.window.height())

    def _done(self) -> None:
        self.window.removeEventFilter(self)
        self.deleteLater()
