"""The status bar's feed-health light: green while every vendor is well, amber when symbols are
stale or a feed is slow, red while a vendor is down or reconnecting, or just refused something;
its tooltip says why in words, and a click opens the Feeds pane."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from app.core.health import Health
from app.ui.feeds.model import DOWN_STATES, LATENCY_HIGH_MS, state_words
from app.ui.kit import theme

REFUSAL_HOLD_S = 60.0  # a refusal keeps the light red this long after it is counted
OK, AMBER, RED, UNKNOWN = "ok", "amber", "red", "unknown"
_ROLES = {OK: "green", AMBER: "amber", RED: "red", UNKNOWN: "muted"}


class FeedIndicator(QToolButton):
    """A flat "● Feeds" button in the status bar.

    Signals:

    - ``sig_open_pane()``: clicked: the user wants the Feeds pane.
    """

    sig_open_pane = Signal()

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("feed-indicator")
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clock = clock
        self.level = UNKNOWN
        self.reasons: list[str] = []
        self._healths: dict[str, Health] = {}
        self._refused_at: dict[str, tuple[int, float]] = {}  # vendor → (refusals, when they grew)
        self.clicked.connect(self.sig_open_pane.emit)
        self._show()

    def on_health(self, health: Health) -> None:
        seen = self._refused_at.get(health.vendor)
        if health.refusals and (seen is None or health.refusals > seen[0]):
            self._refused_at[health.vendor] = (health.refusals, self.clock())
        self._healths[health.vendor] = health
        self._show()

    def clear(self) -> None:
        """Another vendor now: nothing known of it yet."""
        self._healths.clear()
        self._refused_at.clear()
        self._show()

    def restyle(self) -> None:
        self._show()

    def _judge(self) -> tuple[str, list[str]]:
        red: list[str] = []
        amber: list[str] = []
        now = self.clock()
        for vendor, h in self._healths.items():
            if h.state in DOWN_STATES:
                red.append(self.tr("%1 is %2").replace("%1", vendor).replace("%2", state_words(h.state)))
            elif h.state != "connected":
                amber.append(self.tr("%1 is %2").replace("%1", vendor).replace("%2", state_words(h.state)))
            refused = self._refused_at.get(vendor)
            if refused is not None and now - refused[1] < REFUSAL_HOLD_S:
                red.append(self.tr("%1 refused a request (%2 so far): see the error in the status bar")
                           .replace("%1", vendor).replace("%2", str(h.refusals)))
            if h.stale:
                shown = ", ".join(h.stale[:5]) + (" …" if len(h.stale) > 5 else "")
                words = (self.tr("1 symbol stale on %2 (no data while its market is open): %3") if len(h.stale) == 1
                         else self.tr("%1 symbols stale on %2 (no data while their market is open): %3"))
                amber.append(words.replace("%1", str(len(h.stale))).replace("%2", vendor).replace("%3", shown))
            if h.latency_ms is not None and h.latency_ms > LATENCY_HIGH_MS:
                amber.append(self.tr("%1 is slow: latency %2 ms").replace("%1", vendor)
                             .replace("%2", f"{h.latency_ms:,}"))
        if red:
            return RED, red + amber
        if amber:
            return AMBER, amber
        if self._healths:
            return OK, [self.tr("All feeds healthy")]
        return UNKNOWN, [self.tr("No feed health yet")]

    def _show(self) -> None:
        self.level, self.reasons = self._judge()
        colour = getattr(theme.current(), _ROLES[self.level]).name()
        self.setText(self.tr("● Feeds"))
        self.setStyleSheet(f"QToolButton {{ color: {colour}; }}")
        self.setToolTip("\n".join([*self.reasons, self.tr("Click to open the Feeds pane")]))

    def changeEvent(self, event) -> None:
        """A theme switch (the application's palette changed): the light in the new colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "level"):
            colour = getattr(theme.current(), _ROLES[self.level]).name()
            if colour not in self.styleSheet():
                self.setStyleSheet(f"QToolButton {{ color: {colour}; }}")
