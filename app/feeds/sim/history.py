"""Deterministic history bars that end exactly at the simulator's live starting price.

Bars are laid on the feed's calendar (the exchange's, or one kept open around the clock with
``--sim-always-open``; no bars while a market is closed), newest first
from an anchor instant, and their prices walk *backwards* from the anchor price so the newest
bar's close is where live trading continues. Random draws are keyed by (seed, symbol, period)
(a perpetual's prices by its spot's symbol) and consumed newest-first, so a request for fewer
bars is a suffix of a request for more. Volume is live trading's mean rate over each bar's
trading time.
"""

from __future__ import annotations

import math
import zlib
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from app.core.bars import bar_day, bar_start, next_bar_start, next_intraday_start, utc_offset_ms
from app.core.periods import Period
from app.core.sessions import Calendar
from app.core.ticks import round_to_tick, tick_for
from app.core.types import Bar
from app.core.validate import MIN_TS
from app.feeds.sim.activity import (
    mean_variance_factor,
    mean_volume_per_second,
    session_activity,
    sigma_per_sqrt_second,
)
from app.feeds.sim.universe import SimSpec

MAX_HISTORY_BARS = 20_000
_FIRST_DAY = date(1999, 12, 31)  # no walk before this: bars before 2000 are no data (MIN_TS)
_VOL_NOISE = 0.25
_CALENDAR_YEARS = {Period.D1: 1 / 252, Period.W1: 1 / 52, Period.MN1: 1 / 12, Period.Y1: 1.0}


def bar_slots(calendar: Calendar, period: Period, end_ms: int, count: int) -> list[int]:
    """Start times of the ``count`` latest bars holding trading time at or before ``end_ms``."""
    return bar_slots_traded(calendar, period, end_ms, count)[0]


def bar_slots_traded(
    calendar: Calendar, period: Period, end_ms: int, count: int
) -> tuple[list[int], list[float]]:
    """:func:`bar_slots` with the seconds of trading each bar holds up to ``end_ms`` (a bar
    over a lunch break holds less than its length; the bar holding ``end_ms`` only what has
    passed of it), from which its volume is drawn."""
    slots: list[int] = []
    seconds: list[float] = []
    day = calendar.trading_day(end_ms)
    guard = 0
    if period.is_intraday:
        minutes, period_ms = period.minutes, period.minutes * 60_000
        while len(slots) < count and guard < 40_000 and day >= _FIRST_DAY:
            day_slots: list[int] = []
            day_seconds: list[float] = []
            for session, start, end in calendar.session_bounds(day):
                if start > end_ms:
                    continue
                busy = session_activity(session.kind)
                t = bar_start(start, period, calendar)
                stop = min(end, end_ms + 1)
                steady = _steady_offset(t, stop + period_ms, calendar.zone)
                while t < stop:
                    if steady is None:
                        nxt = next_bar_start(t, period, calendar)
                    else:  # next_bar_start's own sum, without a zone lookup per bar
                        nxt = next_intraday_start(t, minutes, steady)
                    traded = (min(nxt, stop) - max(t, start)) / 1000 * busy
                    if not day_slots or t > day_slots[-1]:
                        day_slots.append(t)
                        day_seconds.append(traded)
                    else:  # a second session in the same bar
                        day_seconds[-1] += traded
                    t = nxt
            if slots and day_slots and day_slots[-1] == slots[0]:  # a bar spanning two days
                seconds[0] += day_seconds.pop()
                day_slots.pop()
            slots[:0] = day_slots
            seconds[:0] = day_seconds
            day -= timedelta(days=1)
            guard += 1
    else:
        full_day = sum((s.end - s.start) * session_activity(s.kind) for s in calendar.sessions) * 60.0
        while len(slots) < count and guard < 400_000 and day >= _FIRST_DAY:
            bounds = calendar.session_bounds(day)
            if bounds and bounds[0][1] <= end_ms:
                first = bar_day(day, period)
                today = sum(max(0, min(e, end_ms + 1) - b) * session_activity(s.kind)
                            for s, b, e in bounds) / 1000
                earlier = sum(1 for i in range((day - first).days)
                              if calendar.is_trading_day(first + timedelta(days=i)))
                slots.insert(0, calendar.local_ms(first, 0))
                seconds.insert(0, today + earlier * full_day)
                day = first  # the rest of this week, month or year is in the same bar
            day -= timedelta(days=1)
            guard += 1
    kept = [i for i, start in enumerate(slots) if start >= MIN_TS][-count:]  # local 2000-01-01 may be UTC 1999
    return [slots[i] for i in kept], [seconds[i] for i in kept]


def _steady_offset(first_ms: int, last_ms: int, zone: ZoneInfo) -> int | None:
    """The zone's UTC offset in ms over [first_ms, last_ms] when the clocks do not change in
    between (the same offset at both ends, and a session's span never holds two changes), else
    None. A bar then ends at a whole multiple of its minutes of wall-clock time, as
    :func:`~app.core.bars.next_bar_start` finds it with a zone lookup per bar."""
    first = utc_offset_ms(first_ms, zone)
    return first if utc_offset_ms(last_ms, zone) == first else None


def _bar_sigma(spec: SimSpec, period: Period) -> float:
    """Volatility of one bar: an intraday bar's is live trading's over its length (bursts
    included), so a chart's generated minutes and its live ones move alike."""
    if period.is_intraday:
        return sigma_per_sqrt_second(spec) * math.sqrt(period.minutes * 60 * mean_variance_factor())
    return spec.vol * math.sqrt(_CALENDAR_YEARS[period])


def _rng(seed: int, symbol: str, period: Period, stream: int) -> np.random.Generator:
    key = zlib.crc32(f"{seed}|{symbol}|{period.value}|{stream}".encode())
    return np.random.default_rng(key)


def generate_history(
    spec: SimSpec,
    calendar: Calendar,
    period: Period,
    end_ms: int,
    count: int,
    anchor_price: float,
    seed: int,
    vendor: str = "sim",
    leader: SimSpec | None = None,
) -> list[Bar]:
    """``count`` bars (or fewer) ending with the bar that holds ``end_ms``, oldest first.

    With ``leader`` (the spot market a perpetual follows) the prices walk the leader's own
    path at ``spec.basis_bp`` above it: the same draws, so the two charts move together."""
    count = min(count, MAX_HISTORY_BARS)
    slots, traded = bar_slots_traded(calendar, period, end_ms, count)
    n = len(slots)
    if n == 0:
        return []
    path = leader or spec
    path_symbol = path.instrument.symbol
    sigma = _bar_sigma(path, period)
    shocks = _rng(seed, path_symbol, period, 0).standard_normal(n)
    wicks = np.abs(_rng(seed, path_symbol, period, 1).standard_normal((n, 2)))
    # mean 1, about the spread of live minutes (whose count of trades varies with bursts)
    vol_noise = _rng(seed, spec.instrument.symbol, period, 2).lognormal(-_VOL_NOISE ** 2 / 2, _VOL_NOISE, n)
    gaps = _rng(seed, path_symbol, period, 3).standard_normal(n)

    # Walk back from the anchor, newest first, with a gentle pull toward the reference price
    # so that long histories stay in a plausible range.
    log_ref = math.log(path.ref_price) + (spec.basis_bp / 10_000 if leader else 0.0)
    closes = np.empty(n)
    x = math.log(anchor_price)
    for i in range(n):
        closes[i] = math.exp(x)
        x = x - sigma * shocks[i] + 0.02 * (log_ref - x)
    opens = closes * np.exp(-sigma * shocks * 0.9 + sigma * 0.05 * gaps)
    highs = np.maximum(opens, closes) * np.exp(sigma * 0.4 * wicks[:, 0])
    lows = np.minimum(opens, closes) * np.exp(-sigma * 0.4 * wicks[:, 1])
    # as much as live trading would have traded in the bar's trading time: the same mean
    volumes = mean_volume_per_second(spec) * np.array(traded[::-1]) * vol_noise

    inst = spec.instrument
    symbol, key = inst.symbol, period.value
    size_digits = inst.size_decimals
    has_volume = spec.depth_levels != 0
    # as Python floats once (the same values as float() of each element, without a NumPy
    # scalar per price: a chart's first history is 1000 bars)
    opens_, highs_, lows_, closes_, volumes_ = (a.tolist() for a in (opens, highs, lows, closes, volumes))
    bars: list[Bar] = []
    for i in range(n - 1, -1, -1):
        o, h, l, c = opens_[i], highs_[i], lows_[i], closes_[i]
        o = round_to_tick(o, tick_for(inst, o))
        h = round_to_tick(h, tick_for(inst, h))
        l = round_to_tick(l, tick_for(inst, l))
        c = anchor_price if i == 0 else round_to_tick(c, tick_for(inst, c))
        h = max(h, o, c)
        l = min(l, o, c)
        volume = round(volumes_[i], size_digits) if has_volume else None
        bars.append(Bar(vendor, symbol, key, slots[n - 1 - i], o, h, l, c, volume))
    return bars

