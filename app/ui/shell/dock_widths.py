"""The chart takes the window's extra width, and gives it back first when the window narrows.

With no central widget, Qt shares a window's resize among the dock areas, so the order book
and the tape grew while the chart stayed; and a layout saved in a window of another width came
back with the watchlist squeezed. Here the side panes keep their widths and the chart takes
the difference.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QStyle

CHART_SHARE = 0.4  # of a narrowing window's width the chart keeps before the side panes give
SIDE_AREAS = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


def docked(window: QMainWindow) -> list[QDockWidget]:
    """The named docks laid out in the window's side areas (shown, not floating). (The
    window's own children only: a search of the whole tree costs ~0.2 ms a call, at start-up
    ~40 calls.)"""
    return [dock for dock in window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if dock.parent() is window and dock.objectName() and dock.isVisibleTo(window)
            and not dock.isFloating() and window.dockWidgetArea(dock) in SIDE_AREAS]


def share(room: int, wants: dict[int, int], floors: dict[int, int]) -> dict[int, int]:
    """``room`` shared among columns in proportion to what each ``wants``, none below its floor
    (when the floors alone overflow, each gets its floor)."""
    fixed: set[int] = set()
    while True:
        free = [c for c in wants if c not in fixed]
        left = room - sum(floors[c] for c in fixed)
        wanted = sum(wants[c] for c in free)
        if not free or wanted <= 0:
            return {c: floors[c] for c in wants}
        low = [c for c in free if wants[c] * left // wanted < floors[c]]
        if not low:
            return {**{c: floors[c] for c in fixed}, **{c: wants[c] * left // wanted for c in free}}
        fixed.update(low)


def give_to_chart(window: QMainWindow, charts: Sequence[QDockWidget], widths: dict[str, int], delta: int,
                  floors: dict[str, int] | None = None) -> None:
    """The docks named in ``widths`` take those widths, but for the first docked chart, which
    grows (or shrinks) by ``delta``. A narrowing window takes from the chart down to its share
    (``CHART_SHARE``), then from the side panes in proportion, each down to its ``floors``
    (a soft minimum: a very narrow window still fits, its panes squeezed)."""
    shown = docked(window)
    chart = next((dock for dock in charts if dock in shown and dock.objectName() in widths), None)
    if chart is None:
        return
    docks = [dock for dock in shown if dock is not chart and dock.objectName() in widths]
    sizes = [widths[dock.objectName()] for dock in docks]
    target = widths[chart.objectName()] + delta
    least = max(chart.minimumSizeHint().width(), min(widths[chart.objectName()], int(CHART_SHARE * window.width())))
    if target < least:
        target = least
        wants: dict[int, int] = {}  # by column (its left edge): docks stacked in one share its width
        lows: dict[int, int] = {}
        for dock, size in zip(docks, sizes, strict=True):
            wants.setdefault(dock.x(), size)
            lows[dock.x()] = max(lows.get(dock.x(), 0), (floors or {}).get(dock.objectName(), 0))
        separator = window.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent)
        room = window.width() - target - separator * len(wants)
        if room < sum(wants.values()):
            shared = share(max(room, 0), wants, lows)
            sizes = [shared[dock.x()] for dock in docks]
    docks.append(chart)  # last: it wins where it shares a column with another dock
    sizes.append(target)
    window.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)


class DockWidths(QObject):
    """The widths the user gave the docks (by name), noted whenever a dock changes width while
    the window keeps its own (a separator dragged, a pane shown or hidden), and not when a
    window's resize squeezes them: widen the window again and the side panes are back."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.widths: dict[str, int] = {}
        self._window_width: int | None = None  # the window's width the widths are meant for
        self._settling = False  # our own resizeDocks is being laid out: not the user's widths
        self.floors: dict[str, int] = {}  # the side panes' soft minimums, by dock name
        self._resized = False  # the window has been resized since it was first shown

    def watch(self, dock: QDockWidget) -> None:
        dock.installEventFilter(self)
        for signal in (dock.visibilityChanged, dock.topLevelChanged, dock.dockLocationChanged):
            signal.connect(lambda *_args: QTimer.singleShot(0, self._note_if_laid_out))

    def note(self) -> None:
        """Every docked pane's width now, meant for the window's width now."""
        self._window_width = self.window.width()
        self.widths = {dock.objectName(): dock.width() for dock in docked(self.window)}

    def _note_if_laid_out(self) -> None:
        if self._window_width == self.window.width() and not self._settling:
            self.note()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A dock's new width is the user's while the first layout settles, and then when a
        separator is dragged (the mouse is down); never when Qt squeezes the docks."""
        if (event.type() == QEvent.Type.Resize and isinstance(watched, QDockWidget) and not self._settling
                and self.window.width() == self._window_width and watched.objectName()
                and (not self._resized or QApplication.mouseButtons() != Qt.MouseButton.NoButton)):
            self.widths[watched.objectName()] = watched.width()
        return False

    def restore(self, widths: dict[str, int], window_width: int, charts: Sequence[QDockWidget]) -> None:
        """Widths noted in a window ``window_width`` wide, applied to this one: the side panes
        take theirs, the chart the difference."""
        self._window_width = window_width
        self.widths = dict(widths)
        self.window_resized(window_width, self.window.width(), charts)

    def window_resized(self, old: int, new: int, charts: Sequence[QDockWidget]) -> None:
        """The chart takes the difference; the first shown width is only noted (and the docks'
        widths as they are laid out in it)."""
        if old <= 0 or self._window_width is None:
            self.note()
            return
        shown = docked(self.window)
        chart = next((dock for dock in charts if dock in shown and dock.objectName() in self.widths), None)
        self._window_width = new
        self._resized = True
        if chart is None or new == old:
            return
        give_to_chart(self.window, [chart], self.widths, new - old, self.floors)
        self.widths[chart.objectName()] += new - old  # asked for, whatever its minimum allowed
        self._settling = True  # until the posted layout has run

        def settled() -> None:
            self._settling = False
        QTimer.singleShot(0, settled)
