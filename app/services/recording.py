"""Recording what the terminal receives: to a file the user chose (File → Record) and, when the
settings ask for it, to the rolling recording of the last hours that a rewind plays back.

Both are fed by one listener on the service (``MarketDataService.listen``): every event the
feed delivers, as it arrives, before the frame batching, so the file holds each print and quote
and not one per frame. The listener only hands the event to the writers (their ``write`` is the
hot path, a few hundred nanoseconds); a timer asks them four times a second to write a block
once it is a second old, so a crash loses about the last second at most. During a rewind the
service still calls the listeners with the live events only (the panes' replayed ones are not
recorded again). While the terminal replays a recording, the rolling recording rests: the live
market is not what is arriving.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.types import Event
from app.feeds.replay import ReplayFeed
from app.services.market_data import MarketDataService
from app.storage.recording import RecordingWriter, RollingRecorder
from app.storage.settings import Settings

log = logging.getLogger(__name__)

FLUSH_MS = 1000  # the longest a crash can take from a recording
TICK_MS = 250  # the writers asked to flush what is due (and the count told) four times a second
SUFFIX = ".qtrec"


def default_name(vendor: str, now: float | None = None) -> str:
    """A file name that says what and when: ``sim-20250311-110005.qtrec``."""
    stamp = datetime.fromtimestamp(time.time() if now is None else now).strftime("%Y%m%d-%H%M%S")
    return f"{vendor}-{stamp}{SUFFIX}"


class RecordingService(QObject):
    """Owns the file recording and the rolling one.

    Signals:

    - ``sig_recording(object)``: the file recording started (its ``Path``) or stopped (None).
    - ``sig_count(int)``: events written to the file so far, four times a second while it records.
    - ``sig_error(str)``: a recording could not be started or written (in words).
    - ``sig_rolling(bool)``: the rolling recording started (True) or stopped (False).
    """

    sig_recording = Signal(object)
    sig_count = Signal(int)
    sig_error = Signal(str)
    sig_rolling = Signal(bool)

    def __init__(self, service: MarketDataService, settings: Settings, rolling_folder: Path | None,
                 parent: QObject | None = None, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self.service = service
        self.settings = settings
        self.rolling_folder = rolling_folder
        self._clock = clock
        self.writer: RecordingWriter | None = None
        self.path: Path | None = None
        self._count = 0  # the last file's events, once it is closed
        self.rolling: RollingRecorder | None = None
        self._rolling_hours = 0.0
        # what the listener calls: nothing, the one recorder's write, or both (set by _rewire)
        self._write: list[Callable[[Event], None]] = [_nothing]
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.flush_due)
        service.listen(self._listener())
        service.sig_feed_changed.connect(lambda _vendor: self.follow_settings())

    # -- the file ----------------------------------------------------------------------------

    @property
    def count(self) -> int:
        """Events recorded into the file (the one being written, else the last one closed);
        statuses are not recorded (they describe the connection, not the market)."""
        return self.writer.count if self.writer is not None else self._count

    @property
    def recording(self) -> bool:
        return self.writer is not None

    def start_file(self, path: Path) -> bool:
        """Record into ``path`` (a new file; its folder made); False, and said, when it cannot."""
        self.stop_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            writer = RecordingWriter(path, flush_ms=FLUSH_MS, threaded=True)
        except (OSError, ValueError) as exc:
            self.sig_error.emit(self.tr("Cannot record into %1: %2").replace("%1", str(path)).replace("%2", str(exc)))
            return False
        self.writer, self.path = writer, path
        self._rewire()
        self.sig_recording.emit(path)
        self.sig_count.emit(0)
        return True

    def stop_file(self) -> Path | None:
        """Close the file (everything in it on disk); its path, or None when none was open."""
        writer, path = self.writer, self.path
        if writer is None:
            return None
        self.writer = None
        self._rewire()
        self._close(writer)
        self._count = writer.count
        self.sig_count.emit(self.count)
        self.sig_recording.emit(None)
        return path

    # -- the rolling recording ---------------------------------------------------------------

    def follow_settings(self) -> None:
        """Start, stop or resize the rolling recording as the settings say (called at start
        and after each vendor switch, which is what applying the settings does); it rests
        while a recording is replayed."""
        hours = max(0.0, float(self.settings.rolling_hours))
        wanted = hours > 0 and self.rolling_folder is not None and not self.replaying
        if self.rolling is not None and (not wanted or hours != self._rolling_hours):
            rolling, self.rolling = self.rolling, None
            self._rewire()
            self._close(rolling)
            self.sig_rolling.emit(False)
        if wanted and self.rolling is None:
            assert self.rolling_folder is not None
            try:
                self.rolling = RollingRecorder(self.rolling_folder, keep_hours=hours, flush_ms=FLUSH_MS,
                                               threaded=True)
            except (OSError, ValueError) as exc:
                self.sig_error.emit(self.tr("No rolling recording in %1: %2")
                                    .replace("%1", str(self.rolling_folder)).replace("%2", str(exc)))
                return
            self._rolling_hours = hours
            self._rewire()
            self.sig_rolling.emit(True)

    @property
    def replaying(self) -> bool:
        """The service plays a recording (File → Open recording), not a vendor."""
        return isinstance(self.service.feed, ReplayFeed)

    # -- the hot path and the clock ----------------------------------------------------------

    def _listener(self) -> Callable[[Event], None]:
        """The hot path: one call to what is recording now (a cell, so that starting or stopping
        a recording needs no new listener)."""
        cell = self._write

        def on_event(event: Event) -> None:
            cell[0](event)
        return on_event

    def _rewire(self) -> None:
        writes: list[Callable[[Event], None]] = []
        if self.writer is not None:
            writes.append(self.writer.write)
        if self.rolling is not None:
            writes.append(self.rolling.write)
        if not writes:
            self._write[0] = _nothing
        elif len(writes) == 1:
            self._write[0] = writes[0]
        else:
            first, second = writes
            self._write[0] = lambda event: (first(event), second(event))
        if writes and not self._timer.isActive():
            self._timer.start()
        elif not writes:
            self._timer.stop()

    def flush_due(self) -> None:
        """Four times a second: a block a second old reaches the disk; the file's count is told."""
        now_ms = int(self._clock() * 1000)
        for recorder in (self.writer, self.rolling):
            if recorder is None:
                continue
            try:
                recorder.maybe_flush(now_ms)
            except OSError as exc:
                self._failed(recorder, exc)
        if self.writer is not None:
            self.sig_count.emit(self.count)

    def _failed(self, recorder: object, exc: OSError) -> None:
        """A full disk or a lost folder: that recording stops, said once; the terminal runs on."""
        if recorder is self.writer:
            self.sig_error.emit(self.tr("Recording stopped: %1").replace("%1", str(exc)))
            self.writer = None
            self._rewire()
            self.sig_recording.emit(None)
        elif recorder is self.rolling:
            self.sig_error.emit(self.tr("Rolling recording stopped: %1").replace("%1", str(exc)))
            self.rolling = None
            self._rewire()
            self.sig_rolling.emit(False)

    def _close(self, recorder: RecordingWriter | RollingRecorder) -> None:
        try:
            recorder.close()
        except OSError as exc:
            log.warning("closing a recording: %s", exc)

    def close(self) -> None:
        """Everything written and closed (the window is closing)."""
        self.stop_file()
        if self.rolling is not None:
            rolling, self.rolling = self.rolling, None
            self._rewire()
            self._close(rolling)


def _nothing(_event: Event) -> None:
    return None
