"""The intraday view's data: a symbol's minute bars from the chart's history (the cached page,
then the vendor's), its live 1m bars, and the previous close from its quote; it lays them on
the last trading day's sessions (分时) or the last five (五日) and hands them to the painted
:class:`~app.ui.chart.intraday.view.IntradayView`.

The centre of one day is the quote's previous close when the quote is of the day shown, else
the close of the last minute before that day; of five days, the close before the first of them
(as Futu draws 五日: every day's change reads against one line).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.core.intraday import DayGrid, DaySeries, day_grid, last_days, place, previous_close
from app.core.periods import Period
from app.core.sessions import SessionKind
from app.core.types import Bar, Channel, Quote
from app.services.history import KlineHistory
from app.services.market_data import MarketDataService
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
        self._grids: dict[date, DayGrid] = {}
        self.view = IntradayView(direction, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        service.sig_bars.connect(self._on_live)
        service.sig_quotes.connect(self._on_quotes)

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
        self._live.follow(symbol, M1)
        self.bars = []
        self.view.set_days([], None)
        if symbol is None:
            return
        inst = self._service.instrument(symbol)
        self.view.size_decimals = inst.size_decimals if inst else 0
        self.view.decimals = self._decimals(symbol)
        count = self._minutes_wanted()
        self._loads.track(self.history.cached(symbol, M1, count), self._on_page)
        self._loads.track(self.history.refresh(symbol, M1, count), self._on_page, lambda _e: None)

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
        grid = self._grids.get(day)
        if grid is None:
            grid = self._grids[day] = day_grid(self._calendar(), day)
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

    def _on_quotes(self, quotes: dict[str, Quote]) -> None:
        quote = quotes.get(self.symbol or "")
        if quote is not None and self.days == 1 and self.bars and quote.prev_close is not None \
                and quote.prev_close != self.view.centre:
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
        days = last_days(calendar, calendar.trading_day(self.bars[-1].ts), self.days)
        grids = [self._grid(d) for d in days]
        start = int(grids[0].slots[0]) if len(grids[0]) else calendar.trading_day_begin(days[0])
        series: list[DaySeries] = []
        for grid in grids:
            if not len(grid):
                continue
            lo, hi = int(grid.slots[0]), grid.end
            series.append(place(grid, [b for b in self.bars if lo <= b.ts < hi]))
        self.view.set_days(series, self._centre(days, start))

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
