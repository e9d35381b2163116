"""脉动数据 subscriptions and the decoding of its pushes: who wants which product, the state
fetched at once over HTTP when one is added, the live bar seeded from the latest history bar,
and each push (one product's whole state) turned into quotes, depth, new prints and bars."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Channel, Trade
from app.core.validate import now_ms, price_ok, time_ok
from app.feeds.base import AuthError, FeedError, UnknownSymbolError, spelled
from app.feeds.livebars import LiveBars
from app.feeds.maidong import wire
from app.feeds.maidong.codes import NAME, is_forex
from app.feeds.maidong.polling import MaidongPolling
from app.feeds.maidong.rest import LISTED_HINT, time_code
from app.feeds.transport.ws import Message

log = logging.getLogger(__name__)


@dataclass
class _Holder:
    """What one canonical symbol wants from its vendor code."""

    channels: set[Channel] = field(default_factory=set)
    periods: set[Period] = field(default_factory=set)


class MaidongLive(MaidongPolling):
    """The subscription and push part of the 脉动数据 adapter ."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._holders: dict[str, _Holder] = {}  # canonical symbol → what it wants
        self._prints: dict[str, list[wire.PrintKey]] = {}  # code → prints of its last push
        self._volume: dict[str, float] = {}  # code → last TotalVol (bars without prints)
        self.live_bars = LiveBars(self)  # no live K-lines: the live bar is built from the prints

    async def _subscribe(self, symbols: list[str], channels: list[Channel], period: Period) -> None:
        channels = set(channels)
        if Channel.BAR in channels:
            time_code(period)  # no such bars: said before any change
        codes = {s: self.code_of(s) for s in symbols}  # every symbol checked before any change
        for symbol, code in codes.items():
            self.book.want(code, [symbol])
            holder = self._holders.setdefault(symbol, _Holder())
            holder.channels |= channels
            if Channel.BAR in channels:
                holder.periods.add(period)
        if Channel.BAR in channels:
            await asyncio.gather(*(self.live_bars.start(s, period) for s in symbols))
        self._changed()
        unknown = await self._state_of(codes)
        if unknown:
            await self.unsubscribe(unknown, channels, period)
            raise UnknownSymbolError(Text(LISTED_HINT, NAME, ", ".join(unknown), ""))
        if self.session is not None:
            await self._first_connection([self.session])

    async def _state_of(self, codes: dict[str, str]) -> list[str]:
        """The current state at once over HTTP (the next push may be a while for a quiet
        product); returns the symbols the vendor does not know."""
        unknown = []

        async def one(symbol: str, code: str) -> None:
            try:
                body = await self.quote_body(code, symbol)
            except UnknownSymbolError:
                unknown.append(symbol)
                return
            except AuthError:
                raise
            except FeedError as exc:
                log.warning("%s: no snapshot of %s: %s", NAME, symbol, exc)
                self._say(Text(QT_TRANSLATE_NOOP("Feed", "%1: no snapshot of %2 yet (%3)"), NAME, symbol, exc.text))
                return
            if code in self.book.wanted:
                self._on_body(body)

        await asyncio.gather(*(one(s, c) for s, c in codes.items()))
        return unknown

    async def _unsubscribe(self, symbols: list[str], channels: list[Channel], period: Period) -> None:
        """Dropped symbols stop at once (their pushes are filtered out); the connection follows
        after the debounce."""
        channels = set(channels)
        changed = False
        for symbol, code in spelled(self.code_of, symbols):
            holder = self._holders.get(symbol)
            if holder is None or symbol not in self.book.wanted.get(code, ()):
                continue
            dropped = set(channels)
            if Channel.BAR in dropped:
                holder.periods.discard(period)
                self.live_bars.stop(symbol, [period])
                if holder.periods:  # bars of another period still wanted
                    dropped.discard(Channel.BAR)
            holder.channels -= dropped
            if holder.channels:
                continue
            self.live_bars.stop(symbol, holder.periods)
            del self._holders[symbol]
            if self.book.unwant(code, [symbol]):
                self._prints.pop(code, None)
                self._volume.pop(code, None)
                changed = True
        if changed:
            self.book.prune_later(self.timings.resubscribe_delay, self._apply_set)

    def _on_message(self, raw: Message) -> None:
        frame = self.bad_messages.decode(wire.frame_decoder, raw, "push")
        if frame is None:
            return
        if frame.body is not None:
            if self.session is not None:
                self.session.note_data()
            self._on_body(frame.body)
        elif frame.pong is not None:
            self._on_pong(frame.pong)
        # anything else has no ``body``: the vendor's document says to ignore it

    def _on_body(self, body: wire.Body) -> None:
        """One product's whole state → quote, depth and new prints for each holder."""
        code = body.StockCode
        symbols = self.book.wanted.get(code)
        if not symbols:
            return
        if code not in self._decimals:
            self._note_decimals(code, body)
        stamp = self._body_ts(body)
        if stamp is None:
            return
        now = now_ms()
        ts = stamp or now
        keys = wire.print_keys(body)
        new = _new_prints(self._prints.get(code, []), keys)
        self._prints[code] = keys
        volume_delta = self._volume_delta(code, body)
        forex = is_forex(code)
        for symbol in symbols:
            holder = self._holders[symbol]
            channels = holder.channels
            if Channel.QUOTE in channels:
                self.emit(wire.to_quote(body, symbol, ts, volume=not forex))
            if Channel.DEPTH in channels:
                book = wire.to_book(body, symbol, ts)
                if book is not None:
                    self.emit(book)
            if Channel.TRADE not in channels and not holder.periods:
                continue
            trades = [t for t in (wire.to_trade(k, symbol, ts) for k in new) if t is not None]
            trades.sort(key=_trade_ts)
            trades = self.validator.keep(trades)  # a bad print never reaches the live bar either
            if Channel.TRADE in channels:
                for trade in trades:
                    self.emit(trade)
            if holder.periods and time_ok(ts, now):  # a push from the year 3000 moves no bar
                price = wire.num(body.Price)
                price = price if price is not None and price_ok(price) else None
                for period in holder.periods:
                    self.live_bars.fold(symbol, period, trades, ts, price, 0.0 if forex else volume_delta)

    def _volume_delta(self, code: str, body: wire.Body) -> float:
        total = wire.num(body.TotalVol)
        if total is None or total < 0:
            return 0.0
        before = self._volume.get(code)
        self._volume[code] = total
        return total - before if before is not None and total >= before else 0.0


def _new_prints(before: list[wire.PrintKey], now: list[wire.PrintKey]) -> list[wire.PrintKey]:
    """Prints of this push not in the previous one (each push repeats the recent prints)."""
    if not before:
        return now
    remaining = list(before)
    out = []
    for key in now:
        if key in remaining:
            remaining.remove(key)
        else:
            out.append(key)
    return out


def _trade_ts(trade: Trade) -> int:
    return trade.ts
