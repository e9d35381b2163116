"""The transport bar: what a trader plays a recording (or the last hours, in a rewind) with.

Play/pause, one event forward, the speed (0.25× to 100×), the time slider with the recording's
activity drawn in it, the time shown with its zone, and a way back: "Close replay" after File →
Open recording, "Live" during a rewind. In the live terminal (a rolling recording kept) the bar
shows the recorded span with its handle at the live end; dragging it back, or "Rewind", starts a
rewind. The bar only shows and asks: :class:`app.ui.replay.install.ReplayController` does.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QWidget,
)

from app.ui.kit import formatting as fmt
from app.ui.kit import theme
from app.ui.replay.timeline import TimelineSlider

SPEEDS = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0)
LIVE, REPLAY, REWIND = "live", "replay", "rewind"


def speed_text(speed: float) -> str:
    """0.25× … 100×: whole speeds without decimals."""
    return f"{speed:g}×"


def moment_text(ms: int, zone: ZoneInfo) -> str:
    """The play time as the tape writes it, with the day and the zone's name."""
    moment = datetime.fromtimestamp(ms / 1000, zone)
    return f"{moment:%Y-%m-%d} {fmt.clock(ms, zone, millis=True, with_zone=True)}"


class TransportBar(QWidget):
    """Signals:

    - ``sig_play(bool)``: play (True) or pause (False) was pressed.
    - ``sig_step()``: one event forward.
    - ``sig_speed(float)``: the speed chosen (0.25 … 100).
    - ``sig_seek(int)``: go to this time (epoch ms): the slider was clicked, let go or keyed.
    - ``sig_rewind()``: "Rewind" was pressed (a minute back from where the panes are).
    - ``sig_back()``: "Live" (in a rewind) or "Close replay" (a recording) was pressed.
    """

    sig_play = Signal(bool)
    sig_step = Signal()
    sig_speed = Signal(float)
    sig_seek = Signal(object)  # epoch ms (a C int would overflow)
    sig_rewind = Signal()
    sig_back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replay-transport")
        self.mode = LIVE
        self.zone: ZoneInfo = ZoneInfo("UTC")
        self._playing = False
        style = self.style()
        self._play_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPause)
        self.play = QToolButton(self)
        self.play.setObjectName("replay-play")
        self.play.setAutoRaise(True)
        self.play.clicked.connect(lambda: self.sig_play.emit(not self._playing))
        self.step = QToolButton(self)
        self.step.setObjectName("replay-step")
        self.step.setAutoRaise(True)
        self.step.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
        self.step.setToolTip(self.tr("One event forward"))
        self.step.clicked.connect(self.sig_step)
        self.speed = QComboBox(self)
        self.speed.setObjectName("replay-speed")
        self.speed.setToolTip(self.tr("Replay speed"))
        for speed in SPEEDS:
            self.speed.addItem(speed_text(speed), speed)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.activated.connect(lambda index: self.sig_speed.emit(float(self.speed.itemData(index))))
        self.timeline = TimelineSlider(self)
        self.timeline.setObjectName("replay-timeline")
        self.timeline.setToolTip(self.tr("Drag to go back in time; the shade shows how busy the market was"))
        self.timeline.sig_scrubbed.connect(self._show_time)
        self.timeline.sig_seek.connect(self._on_seek)
        self.time = QLabel(self)
        self.time.setObjectName("replay-time")
        self.time.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title = QLabel(self)
        self.title.setObjectName("replay-title")
        theme.tint(self.title, "amber")
        self.rewind = QPushButton(self.tr("Rewind"), self)
        self.rewind.setObjectName("replay-rewind")
        self.rewind.setToolTip(self.tr("The book and the tape of a minute ago, from the rolling recording"))
        self.rewind.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward))
        self.rewind.clicked.connect(self.sig_rewind)
        self.back = QPushButton(self)
        self.back.setObjectName("replay-back")
        self.back.clicked.connect(self.sig_back)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(6)
        for widget in (self.title, self.play, self.step, self.speed):
            layout.addWidget(widget)
        layout.addWidget(self.timeline, 1)
        for widget in (self.time, self.rewind, self.back):
            layout.addWidget(widget)
        self.set_mode(LIVE)
        self.set_playing(False)

    # -- what the controller shows ---------------------------------------------------------

    def set_mode(self, mode: str, title: str = "") -> None:
        """``LIVE`` (the live terminal over its rolling recording), ``REPLAY`` (a recording
        opened) or ``REWIND`` (the panes on the rolling recording, the live feed running on)."""
        self.mode = mode
        playable = mode != LIVE
        for widget in (self.play, self.step, self.speed):
            widget.setEnabled(playable)
        self.set_title(title)
        self.rewind.setVisible(mode != REPLAY)
        self.back.setText(self.tr("Close replay") if mode == REPLAY else self.tr("Live"))
        self.back.setToolTip(self.tr("Back to the live vendor") if mode == REPLAY
                             else self.tr("Back to the live book and tape"))
        self.back.setEnabled(mode != LIVE)
        if mode == LIVE:
            self.set_playing(False)

    def set_title(self, title: str) -> None:
        self.title.setText(title)
        self.title.setVisible(bool(title))

    def set_span(self, start_ms: int, end_ms: int) -> None:
        self.timeline.set_range(start_ms, end_ms)
        self.rewind.setEnabled(end_ms > start_ms)

    def set_activity(self, counts: list[int]) -> None:
        self.timeline.set_activity(counts)

    def set_position(self, ms: int) -> None:
        """The play position (the live end in live mode); the label follows unless dragging."""
        self.timeline.set_value(ms)
        if not self.timeline.dragging:
            self._show_time(ms)

    def set_zone(self, zone: ZoneInfo) -> None:
        """The zone the time is shown in (the linked symbol's exchange)."""
        self.zone = zone
        self._show_time(self.timeline.value())

    def set_playing(self, playing: bool) -> None:
        self._playing = playing
        self.play.setIcon(self._pause_icon if playing else self._play_icon)
        self.play.setToolTip(self.tr("Pause") if playing else self.tr("Play"))

    @property
    def playing(self) -> bool:
        return self._playing

    def set_speed(self, speed: float) -> None:
        index = self.speed.findData(speed)
        if index >= 0:
            self.speed.setCurrentIndex(index)

    def _show_time(self, ms: int) -> None:
        if self.timeline.end_ms <= 0:
            self.time.setText(self.tr("no recording yet"))
            return
        self.time.setText(moment_text(ms, self.zone))

    def _on_seek(self, ms: int) -> None:
        self._show_time(ms)
        self.sig_seek.emit(ms)
