"""Record, replay and rewind in the main window.

- File → Record (checkable) records what the terminal receives into a new file in the data
  folder's ``recordings``; File → Record to file… asks where first (a dialog opened with
  ``open()``). The status bar says "Recording NAME (N events)" while it records.
- The rolling recording of the last hours (Settings: "Keep a rolling recording of the last N
  hours", default 2) is kept in the data folder's ``rolling`` folder by the same service.
- File → Open recording… turns the terminal into a replay: the service runs on a
  :class:`~app.feeds.replay.ReplayFeed` and the transport bar appears at the window's foot;
  "Close replay" switches back to the vendor of the settings.
- File → Rewind (and the transport bar's Rewind, or its slider dragged back) shows the book
  and the tape of a minute ago from the rolling recording while the live feed runs on and keeps
  recording (``MarketDataService.show_instead``); "Live" shows the live state again.

The window calls :func:`install_replay` once, after its menus are built.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

from app.core.types import Channel, Trade
from app.feeds.base import FeedError
from app.services.recording import SUFFIX, RecordingService
from app.services.replay_feed import CachedBars, WindowReplay
from app.services.words import words
from app.storage.paths import data_dir
from app.storage.recording import RecordingReader, opener
from app.ui.kit import file_dialogs
from app.ui.kit import formatting as fmt
from app.ui.kit.formatting import zone_of
from app.ui.replay.record_menu import RecordMenu
from app.ui.replay.transport import LIVE, REPLAY, REWIND, TransportBar

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

POLL_MS = 100  # the play position on the slider, ten times a second
SPAN_EVERY = 10  # polls between two looks at the rolling recording's span (live: once a second)
ACTIVITY_EVERY_S = 10.0  # the rolling recording's activity drawn again at most this often
REWIND_MS = 60_000  # "Rewind": a minute back
SAY_MS = 10_000  # how long a line stays in the status bar
TAPE_PRIMED = 200  # prints of the moment sought shown on the tape (the ones before it)
REWIND_CHANNELS = [Channel.QUOTE, Channel.TRADE, Channel.DEPTH]  # the chart stays live in a rewind


class ReplayController(QObject):
    """What the window holds of recording and replay: ``recording`` (the service) and ``record``
    (File → Record and Record to file…, the status bar's count), ``bar`` (the transport bar) in
    ``toolbar``, the File menu's ``open_action`` and ``rewind_action``; ``mode`` is LIVE, REPLAY
    or REWIND and ``feed`` the replay the panes show in the last two."""

    def __init__(self, window: MainWindow, folder: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.service
        self.folder = folder if folder is not None else data_dir()
        self.recording = RecordingService(window.service, window.settings, self.folder / "rolling", self)
        self.mode = LIVE
        self.feed: WindowReplay | None = None
        self.path: Path | None = None  # the recording opened (REPLAY)
        self._tape_kept: list[Trade] = []  # the live tape when a rewind began
        self._tape_symbol: str | None = None
        self._polls = 0
        self._activity_at = 0.0
        self._busy: asyncio.Task[None] | None = None

        self.bar = TransportBar()
        self.toolbar = QToolBar(self.tr("Replay"), window)
        self.toolbar.setObjectName("toolbar-replay")
        self.toolbar.setMovable(False)
        self.toolbar.addWidget(self.bar)
        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.toolbar)
        self.toolbar.hide()
        self.toolbar.visibilityChanged.connect(lambda shown: shown and self._show_span())
        self.bar.sig_play.connect(self.play)
        self.bar.sig_step.connect(self.step)
        self.bar.sig_speed.connect(self.set_speed)
        self.bar.sig_seek.connect(self.seek)
        self.bar.sig_rewind.connect(self.rewind_more)
        self.bar.sig_back.connect(self.back)

        self.record = RecordMenu(window, self.recording, self.folder)  # File → Record, the status bar's count
        self.recording.sig_rolling.connect(self._on_rolling)

        self._build_menu()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll)
        self._poll.start()
        self.service.sig_feed_changed.connect(self._on_feed_changed)
        window.sig_symbol_selected.connect(self._on_symbol)
        window.sig_closed.connect(self.close)
        self.recording.follow_settings()

    # -- menus -------------------------------------------------------------------------------

    def _build_menu(self) -> None:
        window = self.window
        file_menu = window.menuBar().actions()[0].menu()
        self.open_action = QAction(self.tr("&Open recording…"), window)
        self.open_action.setObjectName("action-open-recording")
        self.open_action.triggered.connect(self.ask_open)
        self.rewind_action = QAction(self.tr("Re&wind a minute"), window)
        self.rewind_action.setObjectName("action-rewind")
        self.rewind_action.triggered.connect(self.rewind_more)
        settings_action = next(a for a in file_menu.actions() if a.menuRole() == QAction.MenuRole.PreferencesRole)
        added = [*self.record.actions, self.open_action, self.rewind_action]
        file_menu.insertActions(settings_action, added)
        file_menu.insertSeparator(settings_action)
        file_menu.aboutToShow.connect(self._enable)
        view_menu = window.menuBar().actions()[1].menu()
        bar_action = self.toolbar.toggleViewAction()
        bar_action.setText(self.tr("Replay bar"))
        view_menu.addAction(bar_action)

    def _enable(self) -> None:
        self.rewind_action.setEnabled(self.mode != REPLAY and self._rolling_span() is not None)

    # -- replay of a file --------------------------------------------------------------------

    def ask_open(self):
        """Which recording to play (an open dialog, opened with ``open()``)."""
        return file_dialogs.ask_open(self.window, self.tr("Open recording"),
                                     [self.tr("Recordings (*%1)").replace("%1", SUFFIX), self.tr("All files (*)")],
                                     self.open_recording)

    def open_recording(self, path: Path) -> asyncio.Task[None]:
        """Turn the terminal into a replay of ``path`` (paused at its start, the bar shown)."""
        return self._run(self._open(Path(path)))

    async def _open(self, path: Path) -> None:
        self.window.statusBar().showMessage(self.tr("Opening %1…").replace("%1", path.name), SAY_MS)
        try:
            reader = RecordingReader(path)
            symbols = sorted(await asyncio.to_thread(lambda: reader.symbols))  # (reads it all once)
            feed = WindowReplay(opener(path), speed=1.0, paused=True, cached=self._cached_bars(),  # the trader presses play
                                known=self.service.instruments(), recorded=symbols)
        except (OSError, ValueError, FeedError) as exc:
            self.window.show_error(self.tr("Cannot open the recording %1: %2").replace("%1", path.name)
                                   .replace("%2", words(exc)))
            return
        self._end_rewind()
        window = self.window
        for pane in window.panes().values():
            pane.release()
        window.search_index.clear()
        self.mode, self.feed, self.path = REPLAY, feed, path
        window.status.set_vendor(self.tr("replay of %1").replace("%1", path.name))
        await self.service.switch_feed(feed)
        window.start()
        if symbols:
            window.watchlist_model.set_symbols(symbols)  # shown, not saved: the recording's own
            window.watchlist.select_symbol(window.settings.selected if window.settings.selected in symbols
                                           else symbols[0])
        await self.service.settled()  # the panes' symbols subscribed: the first step is theirs
        window.statusBar().clearMessage()  # ("Opening …")
        self.bar.set_mode(REPLAY, path.name)
        self._show_span(reader)
        self.toolbar.show()

    def back(self) -> None:
        """"Close replay" (back to the vendor of the settings) or "Live" (the rewind ends)."""
        if self.mode == REWIND:
            self.go_live()
        elif self.mode == REPLAY:
            self._run(self._close_replay())

    async def _close_replay(self) -> None:
        self.mode, self.feed, self.path = LIVE, None, None
        self.bar.set_mode(LIVE)
        await self.window.switch_vendor(self.window.settings.vendor)
        self._show_span()

    # -- rewind ------------------------------------------------------------------------------

    def rewind_more(self) -> None:
        """A minute back from what the panes show (from the live end in the live terminal)."""
        if self.mode == REPLAY and self.feed is not None:
            self.seek(max(self.feed.start_ms, self.feed.position_ms - REWIND_MS))
            return
        span = self._rolling_span()
        if span is None:
            self.window.show_error(self.tr("Nothing to rewind over: keep a rolling recording (Settings)"))
            return
        now = self.feed.position_ms if self.mode == REWIND and self.feed is not None else span[1]
        self.rewind_to(max(span[0], now - REWIND_MS))

    def rewind_to(self, ms: int) -> None:
        """The panes show the book and tape at ``ms`` from the rolling recording, paused; the
        live feed runs on (and keeps recording)."""
        rolling = self.recording.rolling
        if rolling is None:
            return
        if self.mode == REWIND and self.feed is not None:
            self.seek(ms)
            return
        self._keep_tape()
        feed = WindowReplay(opener(rolling), speed=1.0, start_ms=ms, paused=True, follow=True)
        self.mode, self.feed = REWIND, feed
        self.service.show_instead(feed)
        self.bar.set_mode(REWIND, self.tr("Rewind"))
        span = self._rolling_span()
        if span is not None:
            self.bar.set_span(*span)
        self.bar.set_position(ms)
        self.toolbar.show()
        self._run(self._start_rewind(feed, ms))

    async def _start_rewind(self, feed: WindowReplay, ms: int) -> None:
        await feed.start()  # (at ms: the state of then, nothing shown before the subscription)
        if feed is not self.feed:
            return
        self._reset_tape()
        shown = {pane.symbol for pane in self.window.panes().values() if pane.symbol}
        shown.update(self.window.watchlist_model.symbols)
        await feed.subscribe(sorted(shown), REWIND_CHANNELS)  # the panes' books, quotes and prints of then
        await self._prime_tape(feed)
        self._after_seek(ms)

    def go_live(self) -> None:
        """The rewind ends: the panes show the live book, tape and quotes again."""
        if self.mode != REWIND:
            return
        self._end_rewind()
        self.bar.set_mode(LIVE)
        self._show_span()

    def _end_rewind(self) -> None:
        if self.mode != REWIND:
            return
        feed, self.feed, self.mode = self.feed, None, LIVE
        symbol = self.window.tape.symbol
        if symbol is not None:
            self._reset_tape()
            if symbol == self._tape_symbol and self._tape_kept:
                self.window.tape.on_trades({symbol: self._tape_kept})
        self._tape_kept = []
        self._mark_charts(None)
        self.service.show_live()
        if feed is not None:
            self._run(feed.aclose(), quiet=True)

    def _mark_charts(self, ms: int | None) -> None:
        """In a rewind the charts stay live: the moment the book and tape show is marked on the
        charts of their symbol (a dashed line, as an alert's moment); None takes it off."""
        symbol = self.window.tape.symbol
        for chart in self.window.charts:
            if ms is None:
                if chart.moment.line.ts is not None:
                    chart.moment.line.ts = None
                    chart.moment.line.update()
            elif chart.symbol == symbol and chart.moment.line.ts != ms:
                chart.show_moment(ms)

    def _keep_tape(self) -> None:
        """The live tape's prints (oldest first), shown again when the rewind ends."""
        model = self.window.tape.model
        self._tape_symbol = self.window.tape.symbol
        self._tape_kept = [model.trade_at(row) for row in range(model.rowCount() - 1, -1, -1)]

    def _reset_tape(self) -> None:
        tape = self.window.tape
        if tape.symbol is not None:
            tape.set_symbol(tape.symbol)  # (the same symbol: no subscription changes, rows cleared)

    # -- the transport -----------------------------------------------------------------------

    def play(self, playing: bool) -> None:
        if self.feed is None:
            return
        if playing:
            if self.feed.ended:
                self.seek(self.feed.start_ms)
            self.feed.play()
        else:
            self.feed.pause()
        self.bar.set_playing(not self.feed.paused)

    def step(self) -> None:
        if self.feed is not None:
            self.feed.pause()
            self.feed.step()
            self.bar.set_playing(False)
            self.bar.set_position(self.feed.position_ms)

    def set_speed(self, speed: float) -> None:
        if self.feed is not None:
            self.feed.speed = speed

    def seek(self, ms: int) -> None:
        """The slider let go (or keyed): in a replay or a rewind the panes go to ``ms``; from the
        live terminal, a point before the live end starts a rewind there."""
        if self.mode == LIVE:
            span = self._rolling_span()
            if span is not None and ms < span[1] - 1000:
                self.rewind_to(ms)
            else:
                self.bar.set_position(span[1] if span else ms)
            return
        if self.feed is None:
            return
        self._reset_tape()
        self.feed.seek(ms)  # (the book and quote of then, re-emitted)
        self._run(self._prime_tape(self.feed), quiet=True)
        if self.mode == REPLAY:  # the charts' bars up to then (a rewind's charts stay live)
            for chart in self.window.charts:
                if chart.symbol is not None:
                    chart.set_symbol(chart.symbol, chart.period)
        self._after_seek(ms)

    async def _prime_tape(self, feed: WindowReplay) -> None:
        """The prints just before the moment shown, on the tape (a vendor's tape opens so too)."""
        symbol = self.window.tape.symbol
        if symbol is None or feed is not self.feed:
            return
        trades = await feed.last_trades([symbol], TAPE_PRIMED)
        if trades and feed is self.feed and self.window.tape.symbol == symbol:
            self.window.tape.on_trades({symbol: trades})

    def _cached_bars(self) -> CachedBars | None:
        """The kline cache's bars (the history before a recording's start), if there is a cache."""
        cache = self.window.history.cache
        if cache is None:
            return None

        async def cached(vendor: str, symbol: str, period: str, count: int, before: int) -> list:
            return await cache.latest(vendor, symbol, period, count, before=before)

        return cached

    def _after_seek(self, ms: int) -> None:
        self.bar.set_position(ms)
        self.bar.set_playing(self.feed is not None and not self.feed.paused)

    # -- what the bar shows --------------------------------------------------------------------

    def _on_poll(self) -> None:
        if not self.toolbar.isVisible():
            return
        self._polls += 1
        if self.mode == LIVE:
            if self._polls % SPAN_EVERY == 0:
                self._show_span()
            return
        feed = self.feed
        if feed is None:
            return
        if self.mode == REWIND and self._polls % SPAN_EVERY == 0:
            self._show_span()
        try:
            position = feed.position_ms
        except FeedError:  # (a rewind's replay still opening)
            return
        if position is not None:
            self.bar.set_position(position)
            if self.mode == REWIND:
                self.bar.set_title(self.tr("Rewind: %1 behind live").replace(
                    "%1", _duration(max(0, self.bar.timeline.end_ms - position))))
                self._mark_charts(position)
        self.bar.set_playing(not feed.paused and not feed.ended)
        if self.mode == REWIND and feed.ended:
            self.go_live()  # caught up with the live end

    def _on_rolling(self, _on: bool) -> None:
        """The rolling recording started or stopped: its span on the bar, when the bar is shown
        (else when it is: reading the recording's segments at start-up delayed the first frame)."""
        if not self.toolbar.isHidden():
            self._show_span()

    def _rolling_span(self) -> tuple[int, int] | None:
        rolling = self.recording.rolling
        if rolling is None:
            return None
        start, end = rolling.start_ms, rolling.end_ms
        if start is None or end is None or end <= start:
            return None
        return int(start), int(end)

    def _show_span(self, reader: RecordingReader | None = None) -> None:
        """The slider's span and activity: the recording opened, or the rolling recording."""
        if reader is not None:
            self.bar.set_span(reader.start_ms, reader.end_ms)
            self.bar.set_activity(reader.activity(self._buckets(reader.start_ms, reader.end_ms)))
            self.bar.set_position(reader.start_ms)
            self._show_zone()
            return
        if self.mode == REPLAY:
            return
        span = self._rolling_span()
        if span is None:
            self.bar.set_span(0, 0)
            self.bar.set_activity([])
            return
        self.bar.set_span(*span)
        now = time.monotonic()
        if now - self._activity_at >= ACTIVITY_EVERY_S or not self.bar.timeline.activity:
            self._activity_at = now
            rolling = self.recording.rolling
            try:
                if rolling is not None:
                    self.bar.set_activity(rolling.reader().activity(self._buckets(*span)))
            except (OSError, ValueError) as exc:
                log.info("no activity for the rolling recording: %s", exc)
        if self.mode == LIVE:
            self.bar.set_position(span[1])
        self._show_zone()

    def _buckets(self, start_ms: int | None, end_ms: int | None) -> int:
        """Slices for the activity: one per 3 px, none shorter than a second (a recording's
        blocks hold a second each: a finer slice would show the blocks, not the market)."""
        seconds = max(1, ((end_ms or 0) - (start_ms or 0)) // 1000)
        return max(1, min(self.bar.timeline.buckets(), seconds))

    def _show_zone(self) -> None:
        symbol = self.window.linked_symbol
        self.bar.set_zone(zone_of(symbol) if symbol else fmt.zone_of("CRYPTO:BTCUSDT"))

    def _on_feed_changed(self, _vendor: str) -> None:
        """Another vendor chosen meanwhile (the settings): the replay or the rewind is over."""
        if self.mode == REWIND:
            self._end_rewind()  # (the service showed the live feed already, before switching)
        elif self.mode == REPLAY and self.service.feed is not self.feed:
            self.mode, self.feed, self.path = LIVE, None, None
        else:
            return
        self.bar.set_mode(LIVE)
        self._show_span()

    def _on_symbol(self, symbol: str) -> None:
        """Another symbol linked: its zone on the bar; in a rewind, its book and prints of then
        (the rewind's replay was asked for the symbols shown when it began)."""
        self._show_zone()
        if self.mode == REWIND and self.feed is not None:
            self._run(self._rewind_symbol(self.feed, symbol), quiet=True)

    async def _rewind_symbol(self, feed: WindowReplay, symbol: str) -> None:
        await feed.subscribe([symbol], REWIND_CHANNELS)  # (its quote and book of then, at once)
        await self._prime_tape(feed)

    # -- plumbing ------------------------------------------------------------------------------

    def _run(self, coro, *, quiet: bool = False) -> asyncio.Task[None]:
        task = asyncio.ensure_future(coro)
        if not quiet:
            self._busy = task
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return
        exc = task.exception()
        if isinstance(exc, FeedError):
            self.window.show_error(words(exc))
        elif exc is not None:
            log.error("replay task failed", exc_info=exc)
            self.window.show_error(self.tr("Replay failed: %1").replace("%1", type(exc).__name__))

    def close(self) -> None:
        """The window closes: the recordings are written out and closed."""
        self._poll.stop()
        self.recording.close()


def _duration(ms: int) -> str:
    """0:05, 12:30, 1:02:03: how far behind live a rewind is."""
    seconds = ms // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def install_replay(window: MainWindow) -> ReplayController:
    """Record, Open recording and Rewind in the File menu, the transport bar, the rolling
    recording; returns the controller (``window.replay``)."""
    return ReplayController(window)
