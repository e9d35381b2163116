"""Technical indicators on NumPy arrays, following TA-Lib's definitions.

Every function takes a float64 array and returns arrays of the same length, NaN during the
warm-up. TA-Lib's conventions, which charting users compare against:

- EMA is seeded with the simple mean of its first ``n`` values (no value before index n-1).
- RSI uses Wilder's smoothing (an EMA with alpha = 1/n), seeded with the mean gain and loss
  of the first ``n`` changes; a series that never moves has RSI 0, as in TA-Lib.
- Bollinger bands use the population standard deviation.
- MACD aligns its fast EMA with the slow one (the fast EMA is seeded at index slow-1 with the
  mean of the ``fast`` values ending there), and all three outputs start when the signal
  line does, at index slow + signal - 2.

NaN inputs (a bar with no price) are skipped: each indicator runs over the finite values and
its output at a NaN position is NaN, so one gap does not poison everything after it.

The recursive ones (EMA, RSI, MACD) are computed in blocks with a closed form, so a million
bars cost milliseconds without a Python loop per value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

# A block's weights span at most e**_BLOCK_EXPONENT, far from float64's overflow.
_BLOCK_EXPONENT = 40.0


def sma(x: np.ndarray, n: int) -> np.ndarray:
    """Simple moving average over ``n`` values."""
    return sma_many(x, (n,))[0]


def sma_many(x: np.ndarray, periods, out: Sequence[np.ndarray] | None = None) -> list[np.ndarray]:
    """Several simple moving averages of one series (MA5, MA10, …) from one running sum.

    ``out``, like a ufunc's: one array of ``len(x)`` per period to write into (a chart hands
    views of its own buffers, saving a copy of every series at a million bars); a float32 one
    gets the float64 result rounded once.
    """
    for n in periods:
        _check_period(n)
    x = np.asarray(x, dtype=np.float64)
    if out is None:
        out = [np.empty(x.shape) for _ in periods]
    elif len(out) != len(periods) or any(o.shape != x.shape for o in out):
        raise ValueError("out needs one array shaped like x per period")
    finite = np.isfinite(x)
    if finite.all():
        _sma_many(x, periods, out)
        return list(out)
    parts = [np.empty(int(finite.sum())) for _ in periods]
    _sma_many(x[finite], periods, parts)
    for whole, part in zip(out, parts, strict=True):
        whole.fill(np.nan)
        whole[finite] = part
    return list(out)


def ema(x: np.ndarray, n: int) -> np.ndarray:
    """Exponential moving average, alpha = 2 / (n + 1), seeded with the SMA of n values."""
    _check_period(n)
    return _over_finite(x, lambda v: _ema(v, n, 2.0 / (n + 1), n - 1))


def bollinger(x: np.ndarray, n: int = 20, k: float = 2.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(middle, upper, lower): the SMA and ``k`` population standard deviations around it."""
    _check_period(n)
    mid = sma(x, n)
    sd = _over_finite(x, lambda v: _rolling_std(v, n))
    return mid, mid + k * sd, mid - k * sd


def macd(x: np.ndarray, fast: int = 12, slow: int = 26, signal: int = 9) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(macd, signal, histogram) with TA-Lib's alignment; histogram = macd − signal."""
    for n in (fast, slow, signal):
        _check_period(n)
    if fast > slow:
        fast, slow = slow, fast  # TA-Lib swaps them too
    x = np.asarray(x, dtype=np.float64)
    finite = np.isfinite(x)
    if finite.all():
        return _macd(x, fast, slow, signal)
    parts = _macd(x[finite], fast, slow, signal)
    out = tuple(np.full(x.shape, np.nan) for _ in parts)
    for whole, part in zip(out, parts, strict=True):
        whole[finite] = part
    return out[0], out[1], out[2]


def rsi(x: np.ndarray, n: int = 14) -> np.ndarray:
    """Relative strength index with Wilder's smoothing; first value at index n."""
    _check_period(n)
    return _over_finite(x, lambda v: _rsi(v, n))


def macd_cn(x: np.ndarray, fast: int = 12, slow: int = 26, signal: int = 9) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The Chinese convention: (DIF, DEA, MACD bars = 2 × (DIF − DEA))."""
    dif, dea, hist = macd(x, fast, slow, signal)
    return dif, dea, 2.0 * hist


# -- the arithmetic ------------------------------------------------------------------------------

def _check_period(n: int) -> None:
    if int(n) != n or n < 1:
        raise ValueError(f"an indicator period must be a whole number ≥ 1, not {n!r}")


def _over_finite(x: np.ndarray, compute: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Run ``compute`` over the finite values only and put its results back in place."""
    x = np.asarray(x, dtype=np.float64)
    finite = np.isfinite(x)
    if finite.all():
        return compute(x)
    out = np.full(x.shape, np.nan)
    out[finite] = compute(x[finite])
    return out


def _sma_many(x: np.ndarray, periods, out: Sequence[np.ndarray]) -> None:
    # Window sums relative to the first value keep the cumulative sum small (precision).
    base = x[0] if len(x) else 0.0
    if out and all(o.dtype != np.float64 for o in out):
        _sma_many_chunked(x, periods, out, base)
        return
    c = np.subtract(x, base)
    np.cumsum(c, out=c)
    for n, result in zip(periods, out, strict=True):
        n = int(n)
        result[: n - 1] = np.nan
        if len(x) < n:
            continue
        if result.dtype == np.float64:
            sums = result[n - 1:]
            sums[0] = c[n - 1]
            np.subtract(c[n:], c[:-n], out=sums[1:])
            sums /= n
            sums += base
        else:
            _sma_from_sums(np.r_[0.0, c], n, base, 0, result)


def _sma_many_chunked(x: np.ndarray, periods, out: Sequence[np.ndarray], base: float) -> None:
    """Single-precision averages (a chart's lines) computed in double a chunk at a time: no
    temporary as long as the series (at a million bars, the 8 MB of a running sum would stay
    with the allocator after being freed, and the process would keep it)."""
    longest = max(int(n) for n in periods)
    carry = np.zeros(longest + 1)  # the running sums (from 0 before the first value) before the chunk
    have = 1  # how many of them are known (the first: 0)
    for lo in range(0, len(x), _SMA_CHUNK):
        hi = min(lo + _SMA_CHUNK, len(x))
        sums = np.empty(have + hi - lo)
        sums[:have] = carry[len(carry) - have:]
        np.subtract(x[lo:hi], base, out=sums[have:])
        sums[have - 1:] = np.cumsum(sums[have - 1:])  # continues the running sum
        for n, result in zip(periods, out, strict=True):
            _sma_from_sums(sums, int(n), base, lo - (have - 1), result, lo, hi)
        have = min(longest + 1, len(sums))
        carry[len(carry) - have:] = sums[len(sums) - have:]


def _sma_from_sums(sums: np.ndarray, n: int, base: float, first: int, result: np.ndarray,
                   lo: int = 0, hi: int | None = None) -> None:
    """``result[lo:hi]`` from running sums ``sums`` (``sums[k]``: the sum of the values before
    index ``first + k``), NaN before the window is full; in double, then stored once."""
    hi = len(result) if hi is None else hi
    result[lo:min(hi, n - 1)] = np.nan
    start = max(lo, n - 1)
    if start >= hi:
        return
    ends = sums[start + 1 - first:hi + 1 - first]
    means = ends - sums[start + 1 - n - first:hi + 1 - n - first]
    means /= n
    means += base
    result[start:hi] = means


_STD_CHUNK = 8192
_SMA_CHUNK = 1 << 16  # values of a single-precision average computed in double at a time


def _rolling_std(x: np.ndarray, n: int) -> np.ndarray:
    """Window variance from sums of squares, in chunks centred on their own mean: prices far
    from zero would otherwise cancel away the small variance of a window."""
    out = np.full(x.shape, np.nan)
    for first in range(n - 1, len(x), _STD_CHUNK):
        last = min(first + _STD_CHUNK, len(x))
        inputs = x[first - n + 1:last]
        d = inputs - inputs.mean()
        c1 = np.concatenate(([0.0], np.cumsum(d)))
        c2 = np.concatenate(([0.0], np.cumsum(d * d)))
        mean = (c1[n:] - c1[:-n]) / n
        var = (c2[n:] - c2[:-n]) / n - mean * mean
        out[first:last] = np.sqrt(np.maximum(var, 0.0))
    return out


def _ema(x: np.ndarray, n: int, alpha: float, seed_at: int) -> np.ndarray:
    """EMA seeded at index ``seed_at`` with the mean of the ``n`` values ending there."""
    out = np.full(x.shape, np.nan)
    if len(x) <= seed_at or seed_at < n - 1:
        return out
    out[seed_at] = x[seed_at - n + 1:seed_at + 1].mean()
    out[seed_at + 1:] = smooth(x[seed_at + 1:], alpha, out[seed_at])
    return out


def smooth(x: np.ndarray, alpha: float, start: float) -> np.ndarray:
    """y[t] = y[t-1] + alpha·(x[t] − y[t-1]) from y[-1] = ``start``, vectorised by blocks.

    Within a block, y[k] = w^(k+1)·start + alpha·Σ_{j≤k} w^(k−j)·x[j] with w = 1 − alpha;
    the block length keeps w^−k far from overflow, and the error stays at rounding level.
    Every block's sums are taken at once (one cumsum over a blocks × length array); a block
    starts from the last value of the one before, which is its own sum plus w^length (≤ e^−40)
    times the value before it: two terms of that carry are exact to rounding.
    """
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    if not n:
        return np.empty_like(x)
    w = 1.0 - alpha
    if w <= 0.0:  # alpha = 1: the series itself
        return x.copy()
    block = max(1, min(n, int(_BLOCK_EXPONENT / -math.log(w))))
    k = np.arange(block, dtype=np.float64)
    grow = w ** -k  # w^−k
    shrink = w ** (k + 1)  # w^(k+1)
    rows = -(-n // block)
    work = np.zeros((rows, block))
    flat = work.reshape(-1)
    np.multiply(x, np.tile(grow, rows)[:n], out=flat[:n]) if rows > 1 else np.multiply(x, grow, out=flat[:n])
    np.cumsum(work, axis=1, out=work)
    work *= shrink * (alpha / w)  # each block's values from a start of 0
    carry = np.empty(rows)  # the value before each block
    carry[0] = start
    if rows > 1:
        ends, big_w = work[:, -1], float(shrink[-1])
        carry[1:] = ends[:-1]
        carry[1] += big_w * start
        if rows > 2:
            carry[2:] += big_w * ends[:-2]
            carry[2] += big_w * big_w * start
    work += shrink * carry[:, None]
    return flat[:n].copy() if rows * block != n else flat


def _rsi(x: np.ndarray, n: int) -> np.ndarray:
    out = np.full(x.shape, np.nan)
    if len(x) <= n:
        return out
    change = np.diff(x)
    gain = np.where(change > 0, change, 0.0)
    loss = np.where(change < 0, -change, 0.0)
    avg_gain = np.empty(len(change) - n + 1)
    avg_loss = np.empty_like(avg_gain)
    avg_gain[0] = gain[:n].mean()
    avg_loss[0] = loss[:n].mean()
    avg_gain[1:] = smooth(gain[n:], 1.0 / n, avg_gain[0])
    avg_loss[1:] = smooth(loss[n:], 1.0 / n, avg_loss[0])
    out[n:] = rsi_of(avg_gain, avg_loss)
    return out


def rsi_of(avg_gain: np.ndarray, avg_loss: np.ndarray) -> np.ndarray:
    """RSI from smoothed gains and losses; 0 when both are zero (TA-Lib's choice)."""
    total = avg_gain + avg_loss
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 100.0 * avg_gain / total, 0.0)


def _macd(x: np.ndarray, fast: int, slow: int, signal: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    nan = np.full(x.shape, np.nan)
    if len(x) <= slow + signal - 2:
        return nan, nan.copy(), nan.copy()
    line, sig, hist, _fast, _slow = macd_states(x, fast, slow, signal)
    return line, sig, hist


def macd_states(x: np.ndarray, fast: int, slow: int, signal: int) -> tuple[np.ndarray, ...]:
    """(macd, signal, histogram, fast EMA, slow EMA) of finite ``x`` (``fast`` ≤ ``slow``),
    both EMAs seeded at ``slow − 1`` (TA-Lib's alignment): a chart keeps the EMAs to continue
    them after a tick, and gets them here without computing them twice."""
    slow_ema = _ema(x, slow, 2.0 / (slow + 1), slow - 1)
    fast_ema = _ema(x, fast, 2.0 / (fast + 1), slow - 1)
    line = fast_ema - slow_ema
    sig = np.full(x.shape, np.nan)
    sig[slow - 1:] = _ema(line[slow - 1:], signal, 2.0 / (signal + 1), signal - 1)
    line[:slow + signal - 2] = np.nan
    return line, sig, line - sig, fast_ema, slow_ema


# -- volume-weighted studies ----------------------------------------------------------------------

def cumsum_by_day(x: np.ndarray, day: np.ndarray, carry: float = 0.0) -> np.ndarray:
    """Running sums of ``x`` that start again wherever ``day`` (one number per value, not
    decreasing) changes; ``carry`` is added to the first day's (its sum before index 0: a live
    tail continues the day it joins). Vectorised: one cumsum and each day's total by
    ``np.add.reduceat``, whatever the number of days."""
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    if not n:
        return np.empty(0)
    starts = np.flatnonzero(np.r_[True, np.diff(day) != 0])
    totals = np.add.reduceat(x, starts)
    before = np.r_[0.0, np.cumsum(totals)[:-1]]  # what the running sum holds when each day starts
    out = np.cumsum(x) - np.repeat(before, np.diff(np.r_[starts, n]))
    out[: starts[1] if len(starts) > 1 else n] += carry
    return out


def vwap(high: np.ndarray, low: np.ndarray, close: np.ndarray, volume: np.ndarray, day: np.ndarray,
         carry: tuple[float, float] = (0.0, 0.0)) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Session-anchored VWAP, as TradingView's (anchor: session) and the 分时 average line draw
    it: the typical price (H + L + C) / 3 weighted by volume, summed from each trading day's
    first bar (``day``: the trading day of each bar). Returns (vwap, Σ price × volume,
    Σ volume), the sums being what a live bar continues from (``carry``: the sums of the same
    day before index 0). NaN until the day has traded some volume; a bar without a price or
    volume adds nothing."""
    typical = (np.asarray(high, dtype=np.float64) + low + close) / 3.0
    v = np.asarray(volume, dtype=np.float64)
    pv = typical * v
    bad = ~(np.isfinite(pv) & np.isfinite(v))
    if bad.any():
        pv = np.where(bad, 0.0, pv)
        v = np.where(bad, 0.0, v)
    sum_pv = cumsum_by_day(pv, day, carry[0])
    sum_v = cumsum_by_day(v, day, carry[1])
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(sum_v > 0, sum_pv / np.where(sum_v > 0, sum_v, 1.0), np.nan)
    return out, sum_pv, sum_v


def volume_profile(high: np.ndarray, low: np.ndarray, volume: np.ndarray, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Volume by price: ``rows`` equal price rows from the lowest low to the highest high, each
    bar's volume spread evenly over the prices its low–high covers (a row gets the share its
    overlap with the bar's range holds; a bar with no range puts all of it in its row).
    Returns (edges, volumes): ``rows + 1`` prices and ``rows`` volumes that sum to the bars'."""
    h, lo, v = _finite_bars(high, low, volume)
    if not len(h) or rows < 1:
        return np.zeros(max(rows, 0) + 1), np.zeros(max(rows, 0))
    bottom, top = float(lo.min()), float(h.max())
    if top <= bottom:
        top = bottom + (abs(bottom) * 1e-6 or 1e-6)
    step = (top - bottom) / rows
    edges = bottom + step * np.arange(rows + 1)
    return edges, volume_on_grid(h, lo, v, bottom, step, rows)[0]


def _finite_bars(high, low, volume) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    h = np.asarray(high, dtype=np.float64)
    lo = np.asarray(low, dtype=np.float64)
    v = np.asarray(volume, dtype=np.float64)
    ok = np.isfinite(h) & np.isfinite(lo) & np.isfinite(v)
    return (h, lo, v) if ok.all() else (h[ok], lo[ok], v[ok])


def volume_on_grid(high: np.ndarray, low: np.ndarray, volume: np.ndarray, bottom: float, step: float, rows: int,
                   group: np.ndarray | None = None, groups: int = 1) -> np.ndarray:
    """(groups, rows): each bar's volume spread over the rows ``bottom + k·step`` its low–high
    covers (prices beyond the grid count in its end rows), summed per ``group`` (an index per
    bar, from 0 to ``groups`` − 1; None: one group)."""
    return np.maximum(np.diff(volume_below(high, low, volume, bottom, step, rows, group, groups), axis=1), 0.0)


def volume_below(high: np.ndarray, low: np.ndarray, volume: np.ndarray, bottom: float, step: float, rows: int,
                 group: np.ndarray | None = None, groups: int = 1) -> np.ndarray:
    """(groups, rows + 1): the volume below each edge ``bottom + k·step`` of the grid.

    Vectorised with ``np.bincount`` over the bars: below a price p a bar holds
    d·(ramp(p − a) − ramp(p − b)), d its volume per unit of range, a and b its low and high (in
    rows), so at edge k the bars hold k·Σd − Σd·a over those whose a lies below k, less the same
    over their b; a bar with no range holds all its volume above its row."""
    a = np.clip((low - bottom) / step, 0.0, rows)
    b = np.clip((high - bottom) / step, 0.0, rows)
    span = b - a
    flat = span < 1e-9
    wide = ~flat
    g = np.zeros(len(a), dtype=np.intp) if group is None else np.asarray(group, dtype=np.intp)
    size = rows + 2
    d = np.where(wide, volume / np.where(wide, span, 1.0), 0.0)
    ka = g * size + np.ceil(a).astype(np.intp)  # the first edge at or above each bar's low
    kb = g * size + np.ceil(b).astype(np.intp)
    kf = g * size + np.minimum(a, rows - 1).astype(np.intp) + 1  # a flat bar: from its row's top edge
    length = groups * size
    slope = np.bincount(ka, weights=d, minlength=length) - np.bincount(kb, weights=d, minlength=length)
    offset = (np.bincount(ka, weights=d * a, minlength=length) - np.bincount(kb, weights=d * b, minlength=length)
              - np.bincount(kf, weights=np.where(flat, volume, 0.0), minlength=length))
    slope = np.cumsum(slope.reshape(groups, size), axis=1)[:, : rows + 1]
    offset = np.cumsum(offset.reshape(groups, size), axis=1)[:, : rows + 1]
    return np.arange(rows + 1) * slope - offset


class ProfileBlocks:
    """Fast volume profiles of long ranges (a million bars in view): each whole block of
    ``BLOCK`` bars spread once over a fine grid of ``FINE`` rows spanning every bar, the blocks
    cumulated, so the volume by price of any run of blocks is one subtraction. A range's own
    rows then take the fine rows' volume by overlap (uniform within a fine row), and the bars at
    its two ends, outside whole blocks, are spread exactly. The sum stays exact; a row is off by
    at most the volume of the fine rows its two edges cut."""

    BLOCK = 1024
    FINE = 1024

    def __init__(self, high: np.ndarray, low: np.ndarray, volume: np.ndarray) -> None:
        blocks = len(high) // self.BLOCK
        n = blocks * self.BLOCK
        h, lo, v = (np.nan_to_num(np.asarray(x[:n], dtype=np.float64)) for x in (high, low, volume))
        self.blocks = blocks
        self.bottom = float(lo.min()) if n else 0.0
        top = float(h.max()) if n else 1.0
        self.step = max(top - self.bottom, abs(self.bottom) * 1e-9, 1e-12) / self.FINE
        per_block = volume_below(h, lo, v, self.bottom, self.step, self.FINE,
                                 np.arange(n) // self.BLOCK, blocks) if n else np.zeros((0, self.FINE + 1))
        self.prefix = np.zeros((blocks + 1, self.FINE + 1))  # volume below each fine edge, blocks [0, b)
        np.cumsum(per_block, axis=0, out=self.prefix[1:])
        self.low = lo.reshape(blocks, self.BLOCK).min(axis=1) if n else np.empty(0)
        self.high = h.reshape(blocks, self.BLOCK).max(axis=1) if n else np.empty(0)

    def profile(self, high: np.ndarray, low: np.ndarray, volume: np.ndarray, start: int, stop: int,
                rows: int) -> tuple[np.ndarray, np.ndarray]:
        """As :func:`volume_profile` of bars [start, stop) of the columns given (those it was
        built from, perhaps grown since), whole blocks from the cumulated grid."""
        b0 = min(-(-start // self.BLOCK), self.blocks)
        b1 = max(min(stop // self.BLOCK, self.blocks), b0)
        head, tail = slice(start, max(start, b0 * self.BLOCK)), slice(max(start, b1 * self.BLOCK), stop)
        if b1 == b0:
            head, tail = slice(start, stop), slice(stop, stop)
        ends = [_finite_bars(high[s], low[s], volume[s]) for s in (head, tail)]
        lows = [e[1].min() for e in ends if len(e[1])] + ([self.low[b0:b1].min()] if b1 > b0 else [])
        highs = [e[0].max() for e in ends if len(e[0])] + ([self.high[b0:b1].max()] if b1 > b0 else [])
        if not lows or rows < 1:
            return np.zeros(max(rows, 0) + 1), np.zeros(max(rows, 0))
        bottom, top = float(min(lows)), float(max(highs))
        if top <= bottom:
            top = bottom + (abs(bottom) * 1e-6 or 1e-6)
        step = (top - bottom) / rows
        edges = bottom + step * np.arange(rows + 1)
        out = np.zeros(rows)
        for h, lo, v in ends:
            if len(h):
                out += volume_on_grid(h, lo, v, bottom, step, rows)[0]
        if b1 > b0:
            below = self.prefix[b1] - self.prefix[b0]
            fine_edges = self.bottom + self.step * np.arange(self.FINE + 1)
            out += np.diff(np.interp(edges, fine_edges, below))
            # the fine rows cut by the range's lowest low and highest high: their parts outside
            # (smeared there by the grid) count in the end rows, so the sum stays whole
            out[0] += float(np.interp(edges[0], fine_edges, below))
            out[-1] += float(below[-1] - np.interp(edges[-1], fine_edges, below))
        return edges, np.maximum(out, 0.0)


def value_area(volumes: np.ndarray, fraction: float = 0.7) -> tuple[int, int, int]:
    """(point of control, first row, last row) of the value area: from the row with the most
    volume, the larger neighbour row (above or below) joins until ``fraction`` of the volume is
    in, as Market Profile and TradingView's volume profile build it. (-1, -1, -1) when empty."""
    volumes = np.asarray(volumes, dtype=np.float64)
    total = float(volumes.sum()) if len(volumes) else 0.0
    if total <= 0:
        return -1, -1, -1
    poc = int(np.argmax(volumes))
    first = last = poc
    inside = float(volumes[poc])
    goal = fraction * total
    n = len(volumes)
    while inside < goal and (first > 0 or last < n - 1):
        below = float(volumes[first - 1]) if first > 0 else -1.0
        above = float(volumes[last + 1]) if last < n - 1 else -1.0
        if above >= below:
            last += 1
            inside += above
        else:
            first -= 1
            inside += below
    return poc, first, last


__all__ = ["bollinger", "cumsum_by_day", "ema", "macd", "macd_cn", "rsi", "rsi_of", "sma", "sma_many", "smooth",
           "ProfileBlocks", "value_area", "volume_below", "volume_on_grid", "volume_profile",
           "vwap"]
