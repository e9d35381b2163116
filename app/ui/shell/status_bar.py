"""Status bar: vendor, connection state, message rate, and the time in a stated zone."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.core.types import ConnectionState, Status
from app.core.zones import local_zone
from app.services.words import words
from app.ui.kit import formatting as fmt
from app.ui.kit import theme
from app.ui.kit.elided_label import ElidedLabel

LOCAL_ZONE = local_zone()  # named like every other zone (ET, HKT, CST…)

_STATE_COLOURS = {  # theme roles
    ConnectionState.CONNECTED: "green",
    ConnectionState.ERROR: "red",
    ConnectionState.DISCONNECTED: "red",
}


def state_text(state: ConnectionState) -> str:
    return {
        ConnectionState.CONNECTING: QCoreApplication.translate("Status", "connecting"),
        ConnectionState.CONNECTED: QCoreApplication.translate("Status", "connected"),
        ConnectionState.RECONNECTING: QCoreApplication.translate("Status", "reconnecting"),
        ConnectionState.DISCONNECTED: QCoreApplication.translate("Status", "disconnected"),
        ConnectionState.ERROR: QCoreApplication.translate("Status", "error"),
    }[state]


class TerminalStatusBar(QStatusBar):
    def __init__(self, vendor: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.vendor = vendor
        self.connection = QLabel(self)
        self.error = ElidedLabel(self)  # the last problem, in words, until the next one or a switch
        theme.tint(self.error, "red")
        self.error.setVisible(False)
        self.rate = QLabel(self)
        self.clock = QLabel(self)
        self.addPermanentWidget(self.error, 1)
        self.addPermanentWidget(self.connection)
        self.addPermanentWidget(self.rate)
        self.addPermanentWidget(self.clock)
        self.set_status(Status(vendor, ConnectionState.CONNECTING))
        self.set_rate(0.0)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_clock)
        self._tick.start()
        self._update_clock()

    def set_status(self, status: Status) -> None:
        if status.state is ConnectionState.ERROR and status.detail:
            self.set_error(words(status.detail))
        self._status = status
        self._show_state(status)

    def restyle(self) -> None:
        """After a theme switch: the state's dot in the new theme's colour."""
        self._show_state(self._status)

    def _show_state(self, status: Status) -> None:
        colour = getattr(theme.current(), _STATE_COLOURS.get(status.state, "muted")).name()
        detail = f" — {words(status.detail)}" if status.detail else ""
        self.connection.setText(
            f"<span style='color:{colour}'>●</span> {self.vendor}: {state_text(status.state)}"
        )
        self.connection.setToolTip(f"{state_text(status.state)}{detail}")

    def set_vendor(self, vendor: str) -> None:
        self.vendor = vendor
        self.set_error("")
        self.set_dropped({})
        self.set_status(Status(vendor, ConnectionState.CONNECTING))

    def set_error(self, message: str) -> None:
        """Show the last error with the time it happened; an empty message clears it."""
        if not message:
            self.error.clear()
            self.error.setVisible(False)
            return
        stamp = datetime.now().astimezone().strftime("%H:%M:%S")
        self.error.setText(self.tr("%1 — %2").replace("%1", stamp).replace("%2", message))
        self.error.setVisible(True)

    def set_rate(self, per_second: float) -> None:
        self.rate.setText(self.tr("%s msg/s") % f"{per_second:,.0f}")

    def set_dropped(self, dropped: dict[str, int]) -> None:
        """The rate's tooltip counts what the feed refused as impossible values, per kind."""
        if not dropped:
            self.rate.setToolTip("")
            return
        total = sum(dropped.values())
        lines = [self.tr("Dropped as invalid: %1").replace("%1", f"{total:,}")]
        lines += [f"{words(kind)}: {count:,}" for kind, count in sorted(dropped.items(), key=lambda kc: -kc[1])]
        self.rate.setToolTip("\n".join(lines))

    def _update_clock(self) -> None:
        now = datetime.now(LOCAL_ZONE)
        self.clock.setText(f"{now:%Y-%m-%d %H:%M:%S} {fmt.zone_label(now)}")
