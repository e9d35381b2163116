"""Once per painted frame: what live bars and quotes leave the chart to redo — the price lines,
each pane's y fit, the legends — is marked as they arrive and done once, just before the next
paint, however many bars a frame brought.

A live bar only writes the columns and marks the items for repaint (microseconds); the work
that depends on every value in view is deferred to :meth:`FramePending.settle`. That runs from an
event posted when the first mark of a frame is made, before the items are marked for repaint:
posted events are delivered in order, so it comes before the scene gathers what to repaint and
before the repaint itself, and what it changes is painted in the same paint (a zero-delay timer
would fire after the paint, and its changes would cost a second one). When a paint comes first
anyway (a grab, a synchronous repaint), the view's ``paintEvent`` settles.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject

_SETTLE = QEvent.Type(QEvent.registerEventType())


class FramePending(QObject):
    """Dirty flags of one chart view, consumed in one place (:meth:`settle`).

    ``settle_fn(lines, fit, legends)`` does the work; ``settles`` counts the times it ran (one
    per frame that had something to do).
    """

    def __init__(self, owner: QObject, settle_fn: Callable[[bool, bool, bool], None]) -> None:
        super().__init__(owner)
        self.lines = False
        self.fit = False
        self.legends = False
        self.settles = 0
        self._settle_fn = settle_fn
        self._posted = False

    @property
    def pending(self) -> bool:
        return self.lines or self.fit or self.legends

    def mark(self, *, lines: bool = False, fit: bool = False, legends: bool = False) -> None:
        """Something to redo before the next paint (at most once, whatever is marked meanwhile)."""
        self.lines |= lines
        self.fit |= fit
        self.legends |= legends
        if self.pending and not self._posted:
            self._posted = True
            QCoreApplication.postEvent(self, QEvent(_SETTLE))

    def event(self, ev: QEvent) -> bool:
        if ev.type() == _SETTLE:
            self._posted = False
            self.settle()
            return True
        return super().event(ev)

    def settle(self) -> None:
        """Do what is marked, now (nothing when nothing is)."""
        if not self.pending:
            return
        lines, fit, legends = self.lines, self.fit, self.legends
        self.lines = self.fit = self.legends = False
        self.settles += 1
        self._settle_fn(lines, fit, legends)
