"""One simulated instrument's live market: price walk, bursts, trades, order book, day stats."""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass, field

from app.core.bars import BarBuilder
from app.core.periods import Period
from app.core.sessions import Calendar
from app.core.ticks import round_to_tick, tick_for
from app.core.types import Bar, Book, Quote, Side, Trade
from app.feeds.sim.activity import (
    BURST_EVERY_S,
    BURST_MS,
    BURST_RATE,
    BURST_VOL,
    session_activity,
    sigma_per_sqrt_second,
    trade_lots,
)
from app.feeds.sim.universe import SimSpec

LIVE_MINUTE_BARS = 20_000
BASIS_NOISE = 0.5 / 10_000  # how far a follower's price strays from its leader's, per trade


@dataclass(slots=True)
class DayStats:
    trading_day_end: int  # epoch ms at which the current trading day ends
    open: float | None
    high: float | None
    low: float | None
    prev_close: float | None
    volume: float
    turnover: float


@dataclass(slots=True)
class InstrumentMarket:
    """Mutable live state of one instrument; advanced by :meth:`step`."""

    spec: SimSpec
    calendar: Calendar
    vendor: str
    rng: random.Random
    mid: float  # the latent fair price that walks; trades print at the touch around it
    last: float
    last_ts: int
    day: DayStats
    sigma_per_sqrt_s: float
    burst_until: int = 0
    still_s: float = 0.0  # seconds since the mid last moved (steps without a trade)
    bid_sizes: list[float] = field(default_factory=list)
    ask_sizes: list[float] = field(default_factory=list)
    spread_ticks: int = 1
    minute_bars: BarBuilder | None = None
    closed_minutes: deque[Bar] = field(default_factory=lambda: deque(maxlen=LIVE_MINUTE_BARS))
    leader: InstrumentMarket | None = None  # the market whose price this one follows (a spot)

    @classmethod
    def create(
        cls, spec: SimSpec, calendar: Calendar, vendor: str, rng: random.Random,
        last: float, last_ts: int, day: DayStats, leader: InstrumentMarket | None = None,
    ) -> InstrumentMarket:
        state = cls(
            spec=spec, calendar=calendar, vendor=vendor, rng=rng, mid=last, last=last,
            last_ts=last_ts,
            day=day, sigma_per_sqrt_s=sigma_per_sqrt_second(spec), leader=leader,
        )
        state.minute_bars = BarBuilder(vendor, spec.instrument.symbol, Period.M1, calendar)
        levels = spec.depth_levels
        state.bid_sizes = [state._level_size(i) for i in range(levels)]
        state.ask_sizes = [state._level_size(i) for i in range(levels)]
        return state

    @property
    def symbol(self) -> str:
        return self.spec.instrument.symbol

    @property
    def has_book(self) -> bool:
        return self.spec.depth_levels > 0

    def _level_size(self, level: int) -> float:
        median = self.spec.trade_lots * 4 * (1 + 0.15 * level)
        lots = max(1, int(self.rng.lognormvariate(math.log(median), 0.7)))
        # a float even for whole lots (a size is a float in every canonical event: `100.0`)
        return float(round(lots * self.spec.instrument.lot_size, self.spec.instrument.size_decimals))

    def _trade_size(self) -> float:
        lots = trade_lots(self.rng, self.spec.trade_lots)
        return float(round(lots * self.spec.instrument.lot_size, self.spec.instrument.size_decimals))

    def best_bid_ask(self) -> tuple[float, float]:
        """Touch prices around the latent mid: never crossed, at least one tick wide."""
        inst = self.spec.instrument
        tick = tick_for(inst, self.mid)
        bid = round_to_tick(self.mid - tick * self.spread_ticks / 2, tick, down=True)
        bid = max(bid, tick)
        up_tick = tick_for(inst, bid + tick / 2)
        ask = round_to_tick(bid + up_tick * self.spread_ticks, up_tick)
        return bid, ask

    def step(self, start_ms: int, end_ms: int, trades_out: list[Trade] | None) -> int:
        """Advance the market over (start_ms, end_ms]; returns how many trades happened.

        Trades are appended to ``trades_out`` when given (someone subscribed to them); an
        index's ticks are appended too, as prints of size 0, for its quotes and bars only.
        """
        dt = (end_ms - start_ms) / 1000
        if dt <= 0:
            return 0
        rng = self.rng
        bursting = end_ms < self.burst_until
        if not bursting and rng.random() < dt / BURST_EVERY_S:
            self.burst_until = end_ms + int(rng.uniform(*BURST_MS))
            bursting = True
        session = self.calendar.session_at(end_ms)  # (a few µs: once a step, not once a trade)
        rate = self.spec.rate * (BURST_RATE if bursting else 1.0) * session_activity(
            session.kind if session is not None else None)
        n = _poisson(rng, rate * dt)
        self.still_s += dt
        if n == 0:
            return 0
        inst = self.spec.instrument
        # the variance of all the time since the last move (not of this step alone: a quiet
        # instrument stepped often would otherwise move less than its volatility says)
        sigma = self.sigma_per_sqrt_s * math.sqrt(self.still_s / n) * (BURST_VOL if bursting else 1.0)
        self.still_s = 0.0
        times = sorted(rng.uniform(start_ms, end_ms) for _ in range(n))
        drift_buy = 0.5 + (0.15 if bursting and rng.random() < 0.5 else 0.0)
        trades_book = self.has_book
        leader = self.leader
        premium = self.spec.basis_bp / 10_000
        for t in times:
            ts = int(t)
            if leader is not None:  # the spot's price (stepped first) at the premium, give or take
                self.mid = leader.mid * math.exp(premium + rng.gauss(0.0, BASIS_NOISE))
            else:
                self.mid = self.mid * math.exp(rng.gauss(0.0, sigma))
            if trades_book:
                bid, ask = self.best_bid_ask()
                side = Side.BUY if rng.random() < drift_buy else Side.SELL
                price = ask if side is Side.BUY else bid
                size = self._trade_size()
            else:  # an index: a computed value, no prints (its ticks still make its bars)
                price = round_to_tick(self.mid, tick_for(inst, self.mid))
                side, size = Side.UNKNOWN, 0.0
            self.last = price
            self._record(ts, price, size)
            if trades_out is not None:
                trades_out.append(Trade(self.vendor, inst.symbol, ts, price, size, side))
        if trades_book:
            self.spread_ticks = 1 if rng.random() < 0.8 else 2
            self._churn_book()
        return n

    def _record(self, ts: int, price: float, size: float) -> None:
        day = self.day
        if ts >= day.trading_day_end:
            self._roll_day(ts)
            day = self.day
        if day.open is None:
            day.open = day.high = day.low = price
        else:
            day.high = max(day.high, price)
            day.low = min(day.low, price)
        day.volume += size
        day.turnover += size * price
        self.last_ts = ts
        closed = self.minute_bars.add_price(ts, price, size)
        if closed is not None:
            self.closed_minutes.append(closed)

    def _roll_day(self, ts: int) -> None:
        end = self.calendar.trading_day_end(self.calendar.trading_day(ts))
        self.day = DayStats(end, None, None, None, self.last, 0.0, 0.0)

    def _churn_book(self) -> None:
        rng = self.rng
        for sizes in (self.bid_sizes, self.ask_sizes):
            for i in range(len(sizes)):
                if rng.random() < 0.3:
                    sizes[i] = self._level_size(i)

    def book(self, ts: int) -> Book:
        inst = self.spec.instrument
        bid, ask = self.best_bid_ask()
        bids: list[tuple[float, float]] = []
        asks: list[tuple[float, float]] = []
        price = bid
        for size in self.bid_sizes:
            bids.append((price, size))
            price = round_to_tick(price - tick_for(inst, price - 1e-12), tick_for(inst, price - 1e-12))
            if price <= 0:
                break
        price = ask
        for size in self.ask_sizes:
            asks.append((price, size))
            price = round_to_tick(price + tick_for(inst, price), tick_for(inst, price))
        return Book(self.vendor, inst.symbol, ts, bids, asks)

    def quote(self) -> Quote:
        d = self.day
        return Quote(
            self.vendor, self.symbol, self.last_ts, self.last, d.prev_close, d.open, d.high, d.low,
            round(d.volume, self.spec.instrument.size_decimals) if self.has_book else None,
            round(d.turnover, 2) if self.has_book else None, False,
        )

    def live_minutes(self) -> list[Bar]:
        """Minute bars built from live trades since start, the open one last."""
        bars = list(self.closed_minutes)
        if self.minute_bars.current is not None:
            bars.append(self.minute_bars.current)
        return bars


def _poisson(rng: random.Random, lam: float) -> int:
    """Knuth's method; lam is small (a few per step)."""
    if lam > 30:
        return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))
    limit = math.exp(-lam)
    k, p = 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k
