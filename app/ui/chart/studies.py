"""Indicators attached to a chart: what the user picked, with its parameters, kept up to date
as bars change. NumPy only (no Qt): the chart draws the arrays these hold.

A study computes everything once (``app.core.indicators``), then after a tick redoes only the
values from the changed bar on, continuing each recurrence from the value before it. An older
page in front is computed as a head (the page, then the bars after it until the new values join
the old ones: a window's width, or until a recurrence seeded earlier has forgotten its seed; see
:meth:`Study._front`) and the rest is kept: a page costs the same at a million bars as at ten
thousand, and the values equal a full recompute to rounding.
"""

from __future__ import annotations

import math
from enum import StrEnum

import msgspec
import numpy as np

from app.core import indicators as ind
from app.core.bar_columns import front_room
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.trading_days import day_numbers
from app.ui.chart.manager import CLOSE, VOLUME, BarManager
from app.ui.chart.study_steps import mean as _mean
from app.ui.chart.study_steps import recur_tail as _recur_tail
from app.ui.chart.study_steps import std as _std
from app.ui.chart.study_steps import wilder_state as _wilder_state
from app.ui.chart.study_steps import window_tail as _window_tail


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


# Where a recomputed head is taken to join the values kept: every series (the hidden states of
# the recurrences too) within this much of the input's scale at the head's last bars.
JOIN_TOLERANCE = 1e-12
JOIN_CHECK = 8  # bars compared at the head's end
ROOM = 1 << 14  # at most this many places for the live bars after the last (grown by as many)
SINGLE_TOLERANCE = 2.0 ** -22  # two float32 steps: what a single-precision line's rounding moves


class Study:
    """One indicator's output arrays, as long as the chart's bars.

    ``series`` names each drawn array in drawing order; the chart colours them by position.
    The arrays sit in buffers with room before bar 0 (``_lo``) and after the last.
    """

    TAKES_FRONT = True  # older pages extend the head (False: they recompute everything)

    def __init__(self, spec: StudySpec, manager: BarManager):
        self.spec = spec
        self.manager = manager
        self._watch = manager.watch(front=self.TAKES_FRONT)
        self._arrays: dict[str, np.ndarray] = {}
        self._lo = 0  # where bar 0 is in every buffer
        self._n = 0
        self._single = False  # the drawn lines in float32 (see _fits_single)
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
        return self._arrays[name][self._lo:self._lo + self._n]

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
        front = 0 if watch.reset else watch.front
        start = 0 if watch.reset else int(min(watch.dirty, self._n + front))
        watch.done()
        if front and self._n and start > front:
            if not self._front(front):
                return  # recomputed whole
        elif front:
            start = 0
        if start == 0 or self._n == 0:
            self._full()
        elif start < n or n != self._n:
            self._tail(start)

    def _full(self) -> None:
        kind = self.spec.kind
        if kind is StudyKind.MA or kind is StudyKind.VOL:
            # written straight into the buffers: the default studies, copied for nothing otherwise
            x = self._input()
            n = len(x)
            self._single = self._fits_single(x)
            self._arrays = {name: self._buffer(n, name) for name in self.series}
            self._lo = lo = front_room(n)
            ind.sma_many(x, [int(v) for v in self.spec.effective_params()],
                         out=[buf[lo:lo + n] for buf in self._arrays.values()])
            self._n = n
            return
        n = len(self.manager)
        self._store(self._compute(n), n)

    def _input(self, stop: int | None = None) -> np.ndarray:
        """The series the study reads (volumes or closes), of the first ``stop`` bars."""
        return self.manager.column(VOLUME if self.spec.kind is StudyKind.VOL else CLOSE)[:stop]

    def _compute(self, stop: int) -> dict[str, np.ndarray]:
        """Every array (the drawn series and the recurrences' states) over the first ``stop`` bars."""
        m = self.manager
        x = self._input(stop)
        p = self.spec.effective_params()
        out: dict[str, np.ndarray] = {}
        kind = self.spec.kind
        if kind is StudyKind.VWAP:
            line, sum_pv, sum_v = ind.vwap(m.high[:stop], m.low[:stop], x, m.volume[:stop],
                                           day_numbers(m.ts[:stop], m.calendar))
            return {"VWAP": line, "_pv": sum_pv, "_v": sum_v}
        if kind is StudyKind.MA or kind is StudyKind.VOL:
            lines = ind.sma_many(x, [int(v) for v in p])
            return dict(zip(self.series, lines, strict=True))
        if kind is StudyKind.EMA:
            for name, n in zip(self.series, p, strict=True):
                out[name] = ind.ema(x, int(n))
        elif kind is StudyKind.BOLL:
            mid, up, low = ind.bollinger(x, int(p[0]), p[1])
            out.update(MID=mid, UPPER=up, LOWER=low)
        elif kind is StudyKind.MACD:
            fast, slow, signal = (int(v) for v in p)
            names = self.series
            if len(x) >= slow and np.isfinite(x).all():  # with the states (to continue after a tick) at once
                line, sig, hist, out["_fast"], out["_slow"] = ind.macd_states(x, min(fast, slow), max(fast, slow),
                                                                              signal)
            else:
                line, sig, hist = ind.macd(x, fast, slow, signal)
                fast, slow = min(fast, slow), max(fast, slow)
                out["_slow"] = ind.ema(x, slow)
                fast_ema = np.full(len(x), np.nan)
                if len(x) >= slow:
                    fast_ema[slow - 1] = x[slow - fast:slow].mean()
                    fast_ema[slow:] = ind.smooth(x[slow:], 2.0 / (fast + 1), fast_ema[slow - 1])
                out["_fast"] = fast_ema
            out[names[0]], out[names[1]] = line, sig
            out[names[2]] = 2.0 * hist if self.spec.chinese else hist
        else:
            for name, n in zip(self.series, p, strict=True):
                n = int(n)
                out[name] = ind.rsi(x, n)
                gain, loss = _wilder_state(x, n)
                out[f"_{name}_gain"], out[f"_{name}_loss"] = gain, loss
        return out

    def _warmup(self) -> int:
        """Bars after an older page whose values the page changes, at first guess: a window's
        width, or (recurrences) about as many bars as it takes to forget a seed to 1e-13."""
        p = [int(v) for v in self.spec.effective_params()[:3]] or [1]
        kind = self.spec.kind
        if kind in (StudyKind.MA, StudyKind.VOL, StudyKind.BOLL):
            return max(p[:1] if kind is StudyKind.BOLL else p) + JOIN_CHECK
        if kind is StudyKind.MACD:
            return 16 * (max(p[:2]) + p[2])
        if kind is StudyKind.RSI:
            return 32 * max(p)
        if kind is StudyKind.VWAP:
            return 512
        return 16 * max(p)

    def _front(self, added: int) -> bool:
        """``added`` older bars came in front: recompute the head (the page and the bars after
        it up to where every array joins the values kept), keep the rest. False when the head
        reached the end (everything was recomputed).

        Exactness: a window study's value depends on its window alone, so past the page plus a
        window the old values are the new ones. A recurrence (EMA, MACD's three, Wilder's RSI
        averages) is seeded at the first bars, so an older page moves its seed and changes every
        value after it, but the change shrinks by (1 − alpha) a bar: the head runs on (four times
        longer each try) until every array, its hidden states included, agrees with the kept
        values within ``JOIN_TOLERANCE`` of the input's scale over its last bars; past there both
        follow the same linear recurrence from states that far apart, so they stay as close (the
        chained signal line at most twice), far below what a full recompute's own rounding
        moves. The head itself is computed exactly as a full recompute computes its bars.
        """
        n = len(self.manager)
        old = self._n
        span = self._warmup()
        while True:
            stop = added + span
            if stop >= n - JOIN_CHECK:
                self._full()
                return False
            head = self._compute(stop)
            if self._joins(head, added, stop):
                break
            span *= 4
        self._room_front(added)
        self._lo -= added
        self._n = old + added
        for name, values in head.items():
            self._arrays[name][self._lo:self._lo + stop] = values
        return True

    def _joins(self, head: dict[str, np.ndarray], added: int, stop: int) -> bool:
        x = self._input(stop)
        scale = float(np.nanmax(np.abs(x[-self._warmup():]))) if stop else 1.0
        tol = JOIN_TOLERANCE * max(scale, 1e-300)
        first = stop - JOIN_CHECK
        for name, values in head.items():
            kept = self._arrays[name][self._lo + first - added:self._lo + stop - added]
            new = values[first:stop]
            rtol = JOIN_TOLERANCE if kept.dtype == np.float64 else SINGLE_TOLERANCE
            same_nan = np.isnan(new) == np.isnan(kept)
            with np.errstate(invalid="ignore"):
                close = np.isnan(new) | (np.abs(new - kept) <= tol + rtol * np.abs(kept))
            if not (same_nan.all() and close.all()):
                return False
        return True

    def _room_front(self, added: int) -> None:
        """``added`` places before bar 0 in every buffer (new buffers with a quarter of the
        length more when short, so a run of pages copies rarely)."""
        if self._lo >= added:
            return
        front = added + max(added, self._n // 4)
        for name, buf in self._arrays.items():
            grown = np.empty(front + len(buf) - self._lo, dtype=buf.dtype)
            grown[front:front + self._n] = buf[self._lo:self._lo + self._n]
            self._arrays[name] = grown
        self._lo = front

    def _buffer(self, n: int, name: str) -> np.ndarray:
        """Room for ``n`` bars from place ``front_room(n)`` on (the places before it for older
        pages, as the chart's columns keep them: the first page then moves nothing) and for the
        live bars to come (the part past ``n`` is set when it is reached), in single precision
        for a drawn line of :meth:`_fits_single`'s studies."""
        single = self._single and not name.startswith("_")
        return np.empty(front_room(n) + n + max(256, min(n // 8, ROOM)), dtype=np.float32 if single else np.float64)

    def _fits_single(self, x: np.ndarray) -> bool:
        """Whether the drawn lines can be kept in single precision (half the memory): those of
        window studies, whose values are recomputed from the bars (never continued from a
        stored value), where a float32's step stays under a hundredth of what is shown: any
        volume average (shown to 3 significant digits at most), a moving average of prices
        whose float32 step at the highest price is under 1 % of the price step."""
        kind = self.spec.kind
        if kind is StudyKind.VOL:
            return True
        decimals = self.manager.decimals
        if kind is not StudyKind.MA or decimals is None or not len(x):
            return False
        top = max(float(np.nanmax(x)), -float(np.nanmin(x))) if np.isfinite(x).any() else math.inf
        return top * 2.0 ** -23 <= 0.01 * 10.0 ** -decimals

    def _store(self, out: dict[str, np.ndarray], n: int) -> None:
        self._arrays = {}
        self._lo = lo = front_room(n)
        self._single = False
        for name, arr in out.items():
            buf = self._buffer(n, name)
            buf[lo:lo + n] = arr
            self._arrays[name] = buf
        self._n = n

    def _grow(self, n: int) -> None:
        lo = self._lo
        for name, buf in self._arrays.items():
            if len(buf) < lo + n:
                bigger = np.full(lo + n + max(256, min(n // 8, ROOM)), np.nan, dtype=buf.dtype)
                bigger[lo:lo + self._n] = buf[lo:lo + self._n]
                self._arrays[name] = buf = bigger
            buf[lo + self._n:lo + n] = np.nan
        self._n = n

    def _views(self) -> dict[str, np.ndarray]:
        """Every buffer from bar 0 on (with the room after the last bar)."""
        return {name: buf[self._lo:] for name, buf in self._arrays.items()}

    def _tail(self, start: int) -> None:
        m = self.manager
        n = len(m)
        x = m.column(VOLUME if self.spec.kind is StudyKind.VOL else CLOSE)
        if not np.isfinite(x[max(0, start - 300):]).all():
            self._full()  # a NaN in the tail: let the full computation skip it properly
            return
        self._grow(n)
        a = self._views()
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
        a = self._views()
        n = len(m)
        day = day_numbers(m.ts[start - 1:n], m.calendar)
        carry = (float(a["_pv"][start - 1]), float(a["_v"][start - 1])) if day[1] == day[0] else (0.0, 0.0)
        line, sum_pv, sum_v = ind.vwap(m.high[start:], m.low[start:], m.close[start:], m.volume[start:],
                                       day[1:], carry)
        a["VWAP"][start:n], a["_pv"][start:n], a["_v"][start:n] = line, sum_pv, sum_v

    def _macd_tail(self, x: np.ndarray, start: int) -> None:
        a = self._views()
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
