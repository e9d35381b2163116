"""The watchlist's cell texts: each column of a row formatted from its quote, book top and
instrument (the tick at each price decides its decimals), and the session the status column
names; a part of :class:`~app.ui.watchlist.model.WatchlistModel`, kept apart from the table
bookkeeping."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from app.core.sessions import Calendar, Phase, market_phase
from app.core.ticks import decimals_at
from app.ui.kit import formatting as fmt
from app.ui.watchlist.columns import BOOK_COLUMNS, WatchlistColumn
from app.ui.watchlist.row import _Row

if TYPE_CHECKING:
    from PySide6.QtGui import QColor

    from app.services.market_data import MarketDataService
    from app.ui.kit.theme import Direction

FRESH_MS = 60_000  # a quote this recent speaks for its session
_SESSION_PHASES = {"pre": Phase.PRE, "regular": Phase.OPEN, "after": Phase.AFTER, "night": Phase.NIGHT}


class WatchlistCells:
    """Formats a row's cells (mixed into ``WatchlistModel``)."""

    if TYPE_CHECKING:
        _direction: Direction
        _service: MarketDataService
        _chinese: bool
        _state: dict[str, _Row]
        _phases: dict[str, str]

    def _display(self, symbol: str, col: int) -> str:
        if col == WatchlistColumn.SYMBOL:
            return symbol
        row = self._state[symbol]
        inst = row.instrument
        if inst is None:
            inst = row.instrument = self._service.instrument(symbol)  # kept until names change
        if col == WatchlistColumn.NAME:
            if inst is None:
                return ""
            return inst.name_zh if (self._chinese and inst.name_zh) else inst.name
        if col == WatchlistColumn.STATUS:
            return self._phases[self._phase(symbol).value]
        if col in BOOK_COLUMNS:  # the tick at each price decides its decimals
            if col == WatchlistColumn.BID:
                return fmt.price(row.bid, decimals_at(inst, row.bid)) if row.bid is not None else ""
            if col == WatchlistColumn.ASK:
                return fmt.price(row.ask, decimals_at(inst, row.ask)) if row.ask is not None else ""
            if row.bid is None or row.ask is None:
                return ""
            return fmt.price(row.ask - row.bid, max(decimals_at(inst, row.bid), decimals_at(inst, row.ask)))
        q = row.quote
        if q is None:
            return ""
        if col == WatchlistColumn.LAST:
            return fmt.price(q.last, decimals_at(inst, q.last))
        if col == WatchlistColumn.CHANGE:
            return fmt.signed(q.change, max(decimals_at(inst, q.last), decimals_at(inst, q.prev_close)))
        if col == WatchlistColumn.CHANGE_PCT:
            return fmt.percent(q.change_pct)
        if col in (WatchlistColumn.OPEN, WatchlistColumn.HIGH, WatchlistColumn.LOW, WatchlistColumn.PREV_CLOSE):
            value = {WatchlistColumn.OPEN: q.open, WatchlistColumn.HIGH: q.high, WatchlistColumn.LOW: q.low, WatchlistColumn.PREV_CLOSE: q.prev_close}[WatchlistColumn(col)]
            return fmt.price(value, decimals_at(inst, value)) if value is not None else ""
        if col == WatchlistColumn.VOLUME:
            return fmt.volume(q.volume, self._chinese, inst.size_decimals if inst else 0)
        if col == WatchlistColumn.TURNOVER:
            return fmt.compact(q.turnover, self._chinese)
        if col == WatchlistColumn.TIME:
            return fmt.clock(q.ts, fmt.exchange_zone(symbol, inst), with_zone=True)
        return ""

    def _against_close(self, row: _Row, col: int) -> QColor | None:
        """A bid, ask, open, high or low in the up or down colour by its side of the previous
        close (as A-share terminals colour them); None where either is unknown."""
        q = row.quote
        prev = q.prev_close if q is not None else None
        value = {WatchlistColumn.BID: row.bid, WatchlistColumn.ASK: row.ask}.get(col) if col in BOOK_COLUMNS else (
            None if q is None else {WatchlistColumn.OPEN: q.open, WatchlistColumn.HIGH: q.high, WatchlistColumn.LOW: q.low}.get(col))
        if prev is None or value is None:
            return None
        return self._direction.for_change(value - prev)

    def _clock_sample(self, symbol: str) -> str:
        """The time column's text as it will read once a quote comes: today's clock in the
        symbol's zone (the column is sized for it before the first quote)."""
        row = self._state[symbol]
        inst = row.instrument or self._service.instrument(symbol)
        return fmt.clock(int(time.time() * 1000), fmt.exchange_zone(symbol, inst), with_zone=True)

    def _calendar(self, symbol: str) -> Calendar:
        return self._service.calendar(symbol)  # the feed's own hours (the simulator kept open)

    def _phase(self, symbol: str) -> Phase:
        """The vendor's word for the session while its quotes are fresh, else the calendar's."""
        now = int(time.time() * 1000)
        q = self._state[symbol].quote
        if q is not None and q.session in _SESSION_PHASES and now - q.ts < FRESH_MS:
            return _SESSION_PHASES[q.session]
        return market_phase(self._service.calendar(symbol), now)
