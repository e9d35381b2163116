"""The watchlist's sparkline column: today's path of each row, drawn live from its quotes and,
where history is free, seeded from the day's minute bars; a part of
:class:`~app.ui.watchlist.model.WatchlistModel`, kept apart from the table bookkeeping."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.periods import Period
from app.core.sessions import Calendar
from app.core.types import Bar, Quote
from app.ui.watchlist.columns import WatchlistColumn
from app.ui.watchlist.row import _Row

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, SignalInstance

    import asyncio

    from app.services.market_data import MarketDataService
    from app.ui.kit.async_result import AsyncResults

SPARK_POINTS = 240  # today's path: thinned by half whenever it grows past this
SPARK_DAY_MINUTES = 1440
SPARK_SLOT_MS = 15_000  # one point per slot (the newest price in it)


class WatchlistSparks:
    """Seeds each row's sparkline from minute bars (mixed into ``WatchlistModel``)."""

    if TYPE_CHECKING:
        _service: MarketDataService
        _symbols: list[str]
        _state: dict[str, _Row]
        _rows: dict[str, int]
        _spark_shown: bool
        _spark_results: AsyncResults
        _spark_loads: dict[str, asyncio.Future]
        dataChanged: SignalInstance

        def _calendar(self, symbol: str) -> Calendar: ...
        def index(self, row: int, column: int) -> QModelIndex: ...

    def set_spark_shown(self, shown: bool) -> None:
        """The sparkline column is on screen: where history is free (the simulator), each
        row's latest trading day is drawn from its minute bars; elsewhere from the quotes since
        the start (a vendor's request quota is worth more than a sparkline)."""
        self._spark_shown = shown
        if shown:
            self._seed_sparks(self._symbols)

    def _seed_sparks(self, symbols: list[str]) -> None:
        if not self._spark_shown or not self._service.history_is_cheap:
            return
        minutes = SPARK_DAY_MINUTES  # enough for the latest session, whenever it was
        for symbol in symbols:
            row = self._state.get(symbol)
            if row is None or row.spark_seeded:
                continue
            row.spark_seeded = True
            self._spark_loads[symbol] = self._spark_results.track(
                self._service.fetch_history(symbol, Period.M1, minutes),
                lambda bars, s=symbol: self._on_day_bars(s, bars))  # (an error: no seed, the quotes draw it)

    def _drop_sparks(self, symbols: list[str]) -> None:
        """Rows gone: their day's bars, if still on the way, are not wanted any more."""
        for symbol in symbols:
            self._spark_results.cancel(self._spark_loads.pop(symbol, None))

    def _on_day_bars(self, symbol: str, bars: list[Bar]) -> None:
        self._spark_loads.pop(symbol, None)
        row = self._state.get(symbol)
        if row is None or not bars:
            return
        calendar = self._calendar(symbol)
        day = calendar.trading_day(bars[-1].ts).toordinal()  # the latest session's day
        closes = [bar.close for bar in bars if calendar.trading_day(bar.ts).toordinal() == day]
        if closes:
            live = row.spark if row.spark_day == day else []
            row.spark_day = day
            row.spark = _thinned(closes + live)
            row.spark_slot = row.spark_slot if live else None
            r = self._rows.get(symbol)
            if r is not None:
                self.dataChanged.emit(self.index(r, WatchlistColumn.SPARK), self.index(r, WatchlistColumn.SPARK))


def _extend_spark(row: _Row, quote: Quote, calendar: Calendar) -> None:
    """The day's path, live: the last price of each ``SPARK_SLOT_MS`` slot, halved in resolution
    whenever it outgrows ``SPARK_POINTS``; a new trading day starts anew."""
    day = calendar.trading_day(quote.ts).toordinal()
    if row.spark_day != day:
        row.spark_day, row.spark, row.spark_slot = day, [], None
    slot = quote.ts // SPARK_SLOT_MS
    if slot == row.spark_slot and row.spark:
        row.spark[-1] = quote.last  # type: ignore[assignment]
        return
    row.spark_slot = slot
    row.spark.append(quote.last)  # type: ignore[arg-type]
    row.spark = _thinned(row.spark)


def _thinned(path: list[float]) -> list[float]:
    while len(path) > SPARK_POINTS:
        path = path[::2]
    return path
