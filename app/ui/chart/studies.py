"""Indicators attached to a chart: what the user picked, with its parameters, kept up to date
as bars change. NumPy only (no Qt): the chart draws the arrays these hold.

A study computes everything once (``app.core.indicators``), then after a tick redoes only the
values from the changed bar on, continuing each recurrence from the value before it.
"""

from __future__ import annotations

import math
from enum import StrEnum

import msgspec
import numpy as np

from app.core import indicators as ind
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.trading_days import day_numbers
from app.ui.chart.manager import CLOSE, VOLUME, BarManager


class StudyKind(StrEnum):
    MA = "MA"
    EMA = "EMA"
    BOLL = "BOLL"
    VOL = "VOL"
    MACD = "MACD"
    RSI = "RSI"
    VWAP = "VWAP"
    VPVR = "VPVR"  # volume profile of the visible range

    @property
    def overlay(self) -> bool:
        """Drawn over the prices (else in a pane of its own)."""
        return self in (StudyKind.MA, StudyKind.EMA, StudyKind.BOLL, StudyKind.VWAP, StudyKind.VPVR)


DEFAULT_PARAMS: dict[StudyKind, tuple[float, ...]] = {
    StudyKind.MA: (5, 10, 20, 60),
    StudyKind.EMA: (12, 26),
    StudyKind.BOLL: (20, 2),
    StudyKind.VOL: (5, 10),
    StudyKind.MACD: (12, 26, 9),
    StudyKind.RSI: (14,),
    StudyKind.VWAP: (),
    StudyKind.VPVR: (24, 70),  # rows, value area % (TradingView's defaults)
}
_PERIODS = Text(QT_TRANSLATE_NOOP("Studies", "periods"))
PARAM_NAMES: dict[StudyKind, Text] = {
    StudyKind.MA: _PERIODS, StudyKind.EMA: _PERIODS,
    StudyKind.BOLL: Text(QT_TRANSLATE_NOOP("Studies", "period, deviations")),
    StudyKind.VOL: Text(QT_TRANSLATE_NOOP("Studies", "volume average periods")),
    StudyKind.MACD: Text(QT_TRANSLATE_NOOP("Studies", "fast, slow, signal")),
    StudyKind.RSI: _PERIODS,
    StudyKind.VWAP: Text(QT_TRANSLATE_NOOP("Studies", "no parameters")),
    StudyKind.VPVR: Text(QT_TRANSLATE_NOOP("Studies", "rows, value area %")),
}


# The names of the lines a reader sees in the legend (the series keep their English keys);
# BOLL's bands as 同花顺 and 东方财富 name them (中轨, 上轨, 下轨), DIF/DEA/MACD as they are.
LINE_NAMES: dict[str, Text] = {
    "MID": Text(QT_TRANSLATE_NOOP("Studies", "MID")),
    "UPPER": Text(QT_TRANSLATE_NOOP("Studies", "UPPER")),
    "LOWER": Text(QT_TRANSLATE_NOOP("Studies", "LOWER")),
    "SIGNAL": Text(QT_TRANSLATE_NOOP("Studies", "SIGNAL")),
    "HIST": Text(QT_TRANSLATE_NOOP("Studies", "HIST")),
    "POC": Text(QT_TRANSLATE_NOOP("Studies", "POC")),
}


class StudySpec(msgspec.Struct, frozen=True):
    """What the user chose; remembered with the chart's settings. ``chinese`` picks the
    Chinese MACD (DIF, DEA, bars = 2 × (DIF − DEA))."""

    kind: StudyKind
    params: tuple[float, ...] = ()
    chinese: bool = False

    def effective_params(self) -> tuple[float, ...]:
        return self.params or DEFAULT_PARAMS[self.kind]

    def title(self) -> str:
        if not self.effective_params():
            return self.kind.value
        numbers = ",".join(_num(p) for p in self.effective_params())
        return f"{self.kind.value}({numbers})"


def parse_params(kind: StudyKind, text: str) -> tuple[float, ...]:
    """Parameters typed by a user ("5, 10, 20"), checked; ValueError says what is wrong."""
    try:
        values = tuple(float(part) for part in text.replace("，", ",").split(",") if part.strip())
    except ValueError:
        raise ValueError(Text(QT_TRANSLATE_NOOP("Studies", "%1 takes numbers separated by commas (%2)"),
                              kind.value, PARAM_NAMES[kind])) from None
    if kind is StudyKind.VPVR:
        return _profile_params(values)
    if kind is StudyKind.VWAP:
        raise ValueError(Text(QT_TRANSLATE_NOOP("Studies", "%1 takes %2"), kind.value, PARAM_NAMES[kind]))
    expected = {StudyKind.BOLL: 2, StudyKind.MACD: 3}.get(kind)
    if not values or (expected is not None and len(values) != expected) or len(values) > 8:
        count = f"{expected}" if expected else Text(QT_TRANSLATE_NOOP("Studies", "1 to 8"))
        raise ValueError(Text(QT_TRANSLATE_NOOP("Studies", "%1 takes %2 numbers (%3)"),
                              kind.value, count, PARAM_NAMES[kind]))
    for i, v in enumerate(values):
        if kind is StudyKind.BOLL and i == 1:
            if not 0 < v <= 10:
                raise ValueError(Text(QT_TRANSLATE_NOOP("Studies", "the band width must be between 0 and 10 deviations")))
        elif v != int(v) or not 1 <= v <= 1000:
            raise ValueError(Text(QT_TRANSLATE_NOOP("Studies", "%1 periods are whole numbers from 1 to 1000"), kind.value))
    return values


def _profile_params(values: tuple[float, ...]) -> tuple[float, ...]:
    """The volume profile's rows (8 to 200, whole) and value area (1 to 100 %)."""
    if len(values) != 2:
        raise ValueError(Text(QT_TRANSLATE_NOOP("Studies", "%1 takes %2 numbers (%3)"),
                              StudyKind.VPVR.value, "2", PARAM_NAMES[StudyKind.VPVR]))
    rows, area = values
    if rows != int(rows) or not 8 <= rows <= 200:
        raise ValueError(Text(QT_TRANSLATE_NOOP("Studies", "the profile has 8 to 200 rows")))
    if not 1 <= area <= 100:
        raise ValueError(Text(QT_TRANSLATE_NOOP("Studies", "the value area is 1 to 100 % of the volume")))
    return values


def _num(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


class Study:
    """One indicator's output arrays, as long as the chart's bars.

    ``series`` names each drawn array in drawing order; the chart colours them by position.
    """

    def __init__(self, spec: StudySpec, manager: BarManager):
        self.spec = spec
        self.manager = manager
        self._watch = manager.watch()
        self._arrays: dict[str, np.ndarray] = {}
        self._n = 0
        p = spec.effective_params()
        kind = spec.kind
        if kind in (StudyKind.MA, StudyKind.EMA):
            self.series = [f"{kind.value}{_num(n)}" for n in p]
        elif kind is StudyKind.BOLL:
            self.series = ["MID", "UPPER", "LOWER"]
        elif kind is StudyKind.VOL:
            self.series = [f"MAVOL{_num(n)}" for n in p]
        elif kind is StudyKind.MACD:
            self.series = ["DIF", "DEA", "MACD"] if spec.chinese else ["MACD", "SIGNAL", "HIST"]
        elif kind is StudyKind.VWAP:
            self.series = ["VWAP"]
        elif kind is StudyKind.VPVR:
            self.series = ["POC"]  # its rows are drawn by its own item (app.ui.chart.profile)
        else:
            self.series = [f"RSI{_num(n)}" for n in p]

    def values(self, name: str) -> np.ndarray:
        self.refresh()
        return self._arrays[name][: self._n]

    def value_at(self, name: str, i: int) -> float:
        arr = self.values(name)
        return float(arr[i]) if 0 <= i < len(arr) else math.nan

    # -- computing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring the arrays up to date with the bars: everything after a reset, else the tail."""
        watch = self._watch
        n = len(self.manager)
        if not watch.reset and watch.dirty == math.inf and n == self._n:
            return
        start = 0 if watch.reset else int(min(watch.dirty, self._n))
        watch.done()
        if start == 0 or self._n == 0:
            self._full()
        else:
            self._tail(start)

    def _full(self) -> None:
        m = self.manager
        x = m.column(VOLUME if self.spec.kind is StudyKind.VOL else CLOSE)
        p = self.spec.effective_params()
        out: dict[str, np.ndarray] = {}
        kind = self.spec.kind
        if kind is StudyKind.VWAP:
            line, sum_pv, sum_v = ind.vwap(m.high, m.low, m.close, m.volume, day_numbers(m.ts, m.calendar))
            self._store({"VWAP": line, "_pv": sum_pv, "_v": sum_v}, len(line))
            return
        if kind is StudyKind.MA or kind is StudyKind.VOL:
            # written straight into the buffers: the default studies, copied for nothing otherwise
            n = len(x)
            self._arrays = {name: self._buffer(n) for name in self.series}
            ind.sma_many(x, [int(v) for v in p], out=[buf[:n] for buf in self._arrays.values()])
            self._n = n
            return
        elif kind is StudyKind.EMA:
            for name, n in zip(self.series, p, strict=True):
                out[name] = ind.ema(x, int(n))
        elif kind is StudyKind.BOLL:
            mid, up, low = ind.bollinger(x, int(p[0]), p[1])
            out.update(MID=mid, UPPER=up, LOWER=low)
        elif kind is StudyKind.MACD:
            fast, slow, signal = (int(v) for v in p)
            line, sig, hist = ind.macd(x, fast, slow, signal)
            names = self.series
            out[names[0]], out[names[1]] = line, sig
            out[names[2]] = 2.0 * hist if self.spec.chinese else hist
            # the recurrences' states, to continue from after a tick
            fast, slow = min(fast, slow), max(fast, slow)
            out["_slow"] = ind.ema(x, slow)
            fast_ema = np.full(len(x), np.nan)
            if len(x) >= slow:
                fast_ema[slow - 1] = x[slow - fast:slow].mean()
                fast_ema[slow:] = ind.smooth(x[slow:], 2.0 / (fast + 1), fast_ema[slow - 1])
            out["_fast"] = fast_ema
        else:
            for name, n in zip(self.series, p, strict=True):
                n = int(n)
                out[name] = ind.rsi(x, n)
                gain, loss = _wilder_state(x, n)
                out[f"_{name}_gain"], out[f"_{name}_loss"] = gain, loss
        self._store(out, len(x))

    @staticmethod
    def _buffer(n: int) -> np.ndarray:
        """Room for the live bars to come (the part past ``n`` is set when it is reached)."""
        return np.empty(n + max(256, n // 8))

    def _store(self, out: dict[str, np.ndarray], n: int) -> None:
        self._arrays = {}
        for name, arr in out.items():
            buf = self._buffer(n)
            buf[:n] = arr
            self._arrays[name] = buf
        self._n = n

    def _grow(self, n: int) -> None:
        for name, buf in self._arrays.items():
            if len(buf) < n:
                bigger = np.full(max(n, 2 * len(buf)), np.nan)
                bigger[: self._n] = buf[: self._n]
                self._arrays[name] = buf = bigger
            buf[self._n:n] = np.nan
        self._n = n

    def _tail(self, start: int) -> None:
        m = self.manager
        n = len(m)
        x = m.column(VOLUME if self.spec.kind is StudyKind.VOL else CLOSE)
        if not np.isfinite(x[max(0, start - 300):]).all():
            self._full()  # a NaN in the tail: let the full computation skip it properly
            return
        self._grow(n)
        a = self._arrays
        p = self.spec.effective_params()
        kind = self.spec.kind
        if kind is StudyKind.VWAP:
            self._vwap_tail(start)
        elif kind is StudyKind.MA or kind is StudyKind.VOL:
            for name, k in zip(self.series, p, strict=True):
                _window_tail(a[name], x, int(k), start, _mean)
        elif kind is StudyKind.BOLL:
            k = int(p[0])
            _window_tail(a["MID"], x, k, start, _mean)
            sd = np.full(n, np.nan)
            _window_tail(sd, x, k, start, _std)
            a["UPPER"][start:n] = a["MID"][start:n] + p[1] * sd[start:n]
            a["LOWER"][start:n] = a["MID"][start:n] - p[1] * sd[start:n]
        elif kind is StudyKind.EMA:
            for name, k in zip(self.series, p, strict=True):
                if not _recur_tail(a[name], x[start:], 2.0 / (int(k) + 1), start):
                    return self._full()
        elif kind is StudyKind.MACD:
            self._macd_tail(x, start)
        else:
            for name, k in zip(self.series, p, strict=True):
                k = int(k)
                gain, loss = a[f"_{name}_gain"], a[f"_{name}_loss"]
                lo = max(start, 1)
                change = np.diff(x[lo - 1:])
                if not (_recur_tail(gain, np.maximum(change, 0.0), 1.0 / k, lo)
                        and _recur_tail(loss, np.maximum(-change, 0.0), 1.0 / k, lo)):
                    return self._full()
                a[name][lo:n] = ind.rsi_of(gain[lo:n], loss[lo:n])
        return None

    def _vwap_tail(self, start: int) -> None:
        """The sums continue from the bar before ``start`` when it is of the same trading day."""
        m = self.manager
        a = self._arrays
        n = len(m)
        day = day_numbers(m.ts[start - 1:n], m.calendar)
        carry = (float(a["_pv"][start - 1]), float(a["_v"][start - 1])) if day[1] == day[0] else (0.0, 0.0)
        line, sum_pv, sum_v = ind.vwap(m.high[start:], m.low[start:], m.close[start:], m.volume[start:],
                                       day[1:], carry)
        a["VWAP"][start:n], a["_pv"][start:n], a["_v"][start:n] = line, sum_pv, sum_v

    def _macd_tail(self, x: np.ndarray, start: int) -> None:
        a = self._arrays
        fast, slow, signal = (int(v) for v in self.spec.effective_params())
        fast, slow = min(fast, slow), max(fast, slow)
        first = slow + signal - 2
        if start <= first or not (_recur_tail(a["_fast"], x[start:], 2.0 / (fast + 1), start)
                                  and _recur_tail(a["_slow"], x[start:], 2.0 / (slow + 1), start)):
            self._full()
            return
        n = len(x)
        names = self.series
        line = a["_fast"][start:n] - a["_slow"][start:n]
        a[names[0]][start:n] = line
        sig = a[names[1]]
        _recur_tail(sig, line, 2.0 / (signal + 1), start)  # (sig[start - 1] is known: start > first)
        hist = line - sig[start:n]
        a[names[2]][start:n] = 2.0 * hist if self.spec.chinese else hist


def _wilder_state(x: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Wilder-smoothed gains and losses aligned with ``x`` (NaN before index n)."""
    gain_avg = np.full(len(x), np.nan)
    loss_avg = np.full(len(x), np.nan)
    if len(x) <= n or not np.isfinite(x).all():
        return gain_avg, loss_avg
    change = np.diff(x)
    gain, loss = np.maximum(change, 0.0), np.maximum(-change, 0.0)
    gain_avg[n] = gain[:n].mean()
    loss_avg[n] = loss[:n].mean()
    gain_avg[n + 1:] = ind.smooth(gain[n:], 1.0 / n, gain_avg[n])
    loss_avg[n + 1:] = ind.smooth(loss[n:], 1.0 / n, loss_avg[n])
    return gain_avg, loss_avg


def _recur_tail(out: np.ndarray, tail: np.ndarray, alpha: float, start: int) -> bool:
    """Continue the recurrence ``out[start:]`` over ``tail`` (the inputs from ``start`` on)
    from ``out[start-1]``; False when there is no value to continue from (still warming up:
    the caller recomputes everything)."""
    prev = float(out[start - 1])
    if not math.isfinite(prev):
        return False
    if len(tail) <= SHORT_TAIL:  # a live tick: the last value or two, as scalars (no array set-up)
        w = 1.0 - alpha
        for j, v in enumerate(tail.tolist()):
            prev = w * prev + alpha * v
            out[start + j] = prev
        return True
    out[start:start + len(tail)] = ind.smooth(tail, alpha, prev)
    return True


SHORT_TAIL = 4  # tails this short (the live bar, a closed bar and the new one) are done value by value


def _mean(w: np.ndarray) -> np.ndarray:
    return w.mean(axis=1)


def _std(w: np.ndarray) -> np.ndarray:
    return w.std(axis=1)


def _window_tail(out: np.ndarray, x: np.ndarray, k: int, start: int, reduce) -> None:
    first = max(start, k - 1)
    if first >= len(x):
        return
    if len(x) - first <= SHORT_TAIL:  # a live tick: only the windows that hold the changed bars
        for i in range(first, len(x)):
            out[i] = reduce(x[i - k + 1:i + 1].reshape(1, k))[0]
        return
    windows = np.lib.stride_tricks.sliding_window_view(x[first - k + 1:], k)
    out[first:len(x)] = reduce(windows)
