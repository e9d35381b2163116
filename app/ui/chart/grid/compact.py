"""A grid cell made narrow while the grid holds several charts: its tool bars each split in two
halves (every control still shown, on more rows: see :class:`~app.ui.kit.tool_rows.ToolRows`),
its title allowed to shorten (symbol and period come first), its legends cut after a few
lines (an ellipsis says so; a narrow legend wraps an item a line), and in a short cell its tool
bars shown only while it is the active one; as it was when the chart is alone again. Without
this a 2 × 2 grid needs a window 1350 px wide and leaves its charts no room at 1100 × 700."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

from app.ui.chart.widget import ChartWidget
from app.ui.kit.tool_rows import ToolRows

MIN_ACTIONS = 4  # a bar of fewer controls is not worth two rows
TITLE_MIN = 120  # "HK:00700 · 1d" stays readable; the rest of the title may be cut
PRICE_LEGEND_LINES = 3  # the time, O H L C and the change come first; the overlays' values may be cut
STUDY_LEGEND_LINES = 2  # a study pane's title and its first lines
TALL_ENOUGH = 480  # a cell this tall keeps its tool bars shown when it is not the active one


class CompactCell:
    """One chart's narrow form; the bars it split are remembered to join them back."""

    def __init__(self, chart: ChartWidget) -> None:
        self.chart = chart
        self.rows: ToolRows = chart.tool_rows
        self.compact = False
        self._moved: list[tuple[QToolBar, QToolBar, list[QAction]]] = []
        chart.view.sig_studies_changed.connect(self._cut_legends)  # a new pane's legend too

    @property
    def split(self) -> bool:
        return bool(self._moved)

    def set_compact(self, split: bool) -> None:
        self.compact = split
        # an explicit minimum width replaces the label's (its whole text) in the layouts
        self.chart.title.setMinimumWidth(TITLE_MIN if split else 0)
        self._cut_legends()
        if split and not self._moved:
            for bar in list(self.rows.bars):
                self._split(bar)
        elif not split:
            for bar, half, moved in reversed(self._moved):
                for action in moved:
                    half.removeAction(action)
                    bar.addAction(action)
                self.rows.remove_bar(half)
                half.deleteLater()
            self._moved = []

    def show_bars(self, active: bool) -> None:
        """A short cell of a grid shows its tool bars only while it is the active one (as
        TradingView has one tool bar, for the active chart): its bars keep the room."""
        shown = not self.compact or active or self.chart.height() >= TALL_ENOUGH
        if self.rows.isHidden() == shown:
            self.rows.setVisible(shown)

    def _cut_legends(self) -> None:
        """Each pane's legend a few lines at most: a small chart keeps room for its bars."""
        view = self.chart.view
        for pane in view.panes:
            most = (PRICE_LEGEND_LINES if pane is view.price else STUDY_LEGEND_LINES) if self.compact else None
            pane.plot.titleLabel.set_max_lines(most)

    def _split(self, bar: QToolBar) -> None:
        """The controls after the bar's middle (by width) into a bar of their own, after it."""
        actions = bar.actions()
        if len(actions) < MIN_ACTIONS:
            return
        widths = []
        for action in actions:
            widget = bar.widgetForAction(action)
            widths.append(widget.sizeHint().width() if widget is not None and action.isVisible() else 0)
        total, so_far, cut = sum(widths), 0, len(actions)
        for k, width in enumerate(widths):
            so_far += width
            if so_far >= total / 2:
                cut = k + 1
                break
        moved = actions[cut:]
        if not moved:
            return
        half = QToolBar(self.rows)
        half.setObjectName(f"{bar.objectName()}-more")
        half.setIconSize(bar.iconSize())
        for action in moved:
            bar.removeAction(action)
            half.addAction(action)
        self.rows.insert_bar(self.rows.bars.index(bar) + 1, half)
        self._moved.append((bar, half, moved))
