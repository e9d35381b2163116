"""The intraday view's data: a symbol's minute bars from the chart's history (the cached page,
then the vendor's), its live 1m bars, and the previous close from its quote; it lays them on
the last trading day's sessions (分时) or the last five (五日) and hands them to the painted
:class:`~app.ui.chart.intraday.view.IntradayView`.

The centre of one day is the quote's previous close when the quote is of the day shown, else
the close of the last minute before that day; of five days, the close before the first of them
(as Futu draws 五日: every day's change reads against one line).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core import holidays
from app.core.intraday import DayGrid, DaySeries, day_grid, last_days, place, previous_close
from app.core.periods import Period
from app.core.sessions import SessionKind
from app.core.types import Bar, Channel, Quote
from app.services.history import KlineHistory
from app.services.market_data import MarketDataService
from app.services.words import words
from app.ui.chart.intraday.view import IntradayView
from app.ui.kit.async_result import AsyncResults
from app.ui.kit.linked import LiveSubscription
from app.ui.kit.theme import Direction, Theme

M1 = Period.M1


class IntradayChart(QWidget):
    """One symbol's intraday view over ``days`` trading days (1 or 5), kept fed while it follows."""

    def __init__(self, service: MarketDataService, history: KlineHistory, direction: Direction,
                 decimals: Callable[[str], int], parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self.history = history
        self._decimals = decimals
        self._live = LiveSubscription(service, [Channel.BAR], M1)
        self._loads = AsyncResults(self)
        self.days = 1
        self.bars: list[Bar] = []  # the symbol's minutes, oldest first (history, then live)
        self._grids: dict[tuple, DayGrid] = {}
        self._placed: dict[tuple, DaySeries] = {}  # a day's series, by its bars (the past days' stay)
        self._prev_close: float | None = None  # the quote's, as last seen
        self.view = IntradayView(direction, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        service.sig_bars.connect(self._on_live)
        service.sig_quotes.connect(self._on_quotes)
        history.sig_backfill.connect(self._on_backfill)

    @property
    def symbol(self) -> str | None:
        return self._live.symbol

    def follow(self, symbol: str | None, days: int) -> None:
        """Show ``symbol`` over ``days`` trading days (None: stop following)."""
        if symbol == self.symbol and days == self.days:
            return
        same = symbol == self.symbol
        self.days = days
        if same:
            self._relayout()
            return
        self._loads.renew()
        if self.symbol is not None:
            self.history.unfollow(self.symbol, M1)
        self._live.follow(symbol, M1)
        self.bars = []
        self._placed.clear()
        self._prev_close = None
        self.view.set_days([], None)
        if symbol is None:
            return
        self.history.follow(symbol, M1)  # its live minutes cached, and fetched again after a reconnect
        self.view.note = self.tr("Loading %1…").replace("%1", symbol)
        inst = self._service.instrument(symbol)
        self.view.size_decimals = inst.size_decimals if inst else 0
        self.view.decimals = self._decimals(symbol)
        count = self._minutes_wanted()
        self._loads.track(self.history.cached(symbol, M1, count), self._on_page)
        self._loads.track(self.history.refresh(symbol, M1, count), self._on_fresh, self._on_error)

    def release(self) -> None:
        self.follow(None, self.days)

    def set_zone(self, zone) -> None:
        self.view.set_zone(zone)

    def apply_theme(self, palette: Theme, direction: Direction) -> None:
        self.view.apply_theme(palette, direction)

    def set_direction(self, direction: Direction) -> None:
        self.view.set_direction(direction)

    def _calendar(self):
        return self._service.calendar(self.symbol or "")

    def _minutes_wanted(self) -> int:
        """Six days of minutes: five shown and the one before (its last close is the centre)."""
        sessions = self._calendar().sessions
        regular = [s for s in sessions if s.kind is SessionKind.REGULAR] or list(sessions)
        return 6 * sum(s.end - s.start for s in regular) + 60

    def _grid(self, day: date) -> DayGrid:
        """A day's slots, kept per calendar and holiday table (a table installed later, or a
        symbol of another market, lays its days anew)."""
        calendar = self._calendar()
        key = (calendar.name, calendar.exchange, day, holidays.generation())
        grid = self._grids.get(key)
        if grid is None:
            grid = self._grids[key] = day_grid(calendar, day)
        return grid

    # -- data ------------------------------------------------------------------------------------

    def _on_page(self, bars: list[Bar]) -> None:
        if not bars:
            return
        if self.bars and bars[-1].ts < self.bars[-1].ts:  # a cached page after the fresh one: older
            return
        live = [b for b in self.bars if b.ts > bars[-1].ts]
        self.bars = list(bars) + live
        self._relayout()

    def _on_fresh(self, bars: list[Bar]) -> None:
        if not bars and not self.bars:
            self.view.note = self.tr("%1 has no minute bars for %2").replace("%1", self._service.vendor) \
                .replace("%2", self.symbol or "")
            self.view.update()
        self._on_page(bars)

    def _on_error(self, error: BaseException) -> None:
        """The vendor's minutes did not come: said where they would be drawn (cached ones stay)."""
        if not self.bars:
            self.view.note = self.tr("No minutes for %1: %2").replace("%1", self.symbol or "") \
                .replace("%2", words(error))
            self.view.update()

    def _on_live(self, frame: dict) -> None:
        bars = frame.get((self.symbol, M1.value)) if self.symbol is not None else None
        if not bars or not self.bars:  # live minutes wait for the first page (no hole before them)
            return
        for bar in bars:
            if bar.ts == self.bars[-1].ts:
                self.bars[-1] = bar
            elif bar.ts > self.bars[-1].ts:
                self.bars.append(bar)
        self._relayout()

    def _on_backfill(self, found: dict) -> None:
        """Minutes fetched again after a reconnect: the ones missed while away filled in."""
        bars = found.get((self.symbol, M1.value)) if self.symbol is not None else None
        if not bars or not self.bars:
            return
        merged = {b.ts: b for b in self.bars}
        merged.update((b.ts, b) for b in bars)
        self.bars = [merged[ts] for ts in sorted(merged)]
        self._relayout()

    def _on_quotes(self, quotes: dict[str, Quote]) -> None:
        quote = quotes.get(self.symbol or "")
        if quote is not None and quote.prev_close != self._prev_close:
            self._prev_close = quote.prev_close
            if self.bars:
                self._relayout()
        if quote is not None and self.symbol is not None:
            decimals = self._decimals(self.symbol)
            if decimals != self.view.decimals:
                self.view.decimals = decimals
                self.view.update()

    def _relayout(self) -> None:
        """The shown days from the bars held: the latest bar's trading day and those before it."""
        if not self.bars or self.symbol is None:
            self.view.set_days([], None)
            return
        calendar = self._calendar()
        days = last_days(calendar, self._latest_day(), self.days)
        grids = [self._grid(d) for d in days]
        start = int(grids[0].slots[0]) if len(grids[0]) else calendar.trading_day_begin(days[0])
        series = [self._place(grid) for grid in grids if len(grid)]
        self.view.note = ""
        self.view.set_days(series, self._centre(days, start))

    def _latest_day(self) -> date:
        """The trading day of the latest minute inside a regular session (a US pre-market
        minute does not start a day the view would show empty)."""
        calendar = self._calendar()
        for bar in reversed(self.bars[-2000:]):
            day = calendar.trading_day(bar.ts)
            grid = self._grid(day)
            if len(grid) and grid.slots[0] <= bar.ts < grid.end:
                return day
        return calendar.trading_day(self.bars[-1].ts)

    def _place(self, grid: DayGrid) -> DaySeries:
        """A day's series, placed again only when its bars changed (a live minute: today's)."""
        lo = bisect_left(self.bars, int(grid.slots[0]), key=_ts)
        hi = bisect_left(self.bars, grid.end, key=_ts)
        last = self.bars[hi - 1] if hi > lo else None
        key = (grid.day, len(grid), hi - lo,
               None if last is None else (last.ts, last.high, last.low, last.close, last.volume))
        found = self._placed.get(key)
        if found is None:
            found = self._placed[key] = place(grid, self.bars[lo:hi])
            if len(self._placed) > 64:  # yesterday's keys of today's bars: forgotten
                self._placed = {k: v for k, v in self._placed.items() if k[0] != grid.day or k == key}
        return found

    def _centre(self, days: list[date], start: int) -> float | None:
        quote = self._service.latest_quote(self.symbol or "")
        if len(days) == 1 and quote is not None and quote.prev_close is not None \
                and self._calendar().trading_day(quote.ts) == days[0]:
            return quote.prev_close
        found = previous_close(self.bars, start)
        if found is None and self.bars:  # no minute before the first day: its first price
            first = next((b for b in self.bars if b.ts >= start), None)
            return first.open if first is not None else None
        return found


def _ts(bar: Bar) -> int:
    return bar.ts
