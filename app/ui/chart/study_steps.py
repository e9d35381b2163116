"""The steps a study takes after a tick: continue a recurrence from the value before, redo the
windows from a changed bar on; and Wilder's smoothed gains and losses (RSI's states). NumPy
only, apart from :mod:`app.ui.chart.studies` so that module stays one class and its rules."""

from __future__ import annotations

import math

import numpy as np

from app.core import indicators as ind


def wilder_state(x: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
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


def recur_tail(out: np.ndarray, tail: np.ndarray, alpha: float, start: int) -> bool:
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


def mean(w: np.ndarray) -> np.ndarray:
    return w.mean(axis=1)


def std(w: np.ndarray) -> np.ndarray:
    return w.std(axis=1)


def window_tail(out: np.ndarray, x: np.ndarray, k: int, start: int, reduce) -> None:
    first = max(start, k - 1)
    if first >= len(x):
        return
    if len(x) - first <= SHORT_TAIL:  # a live tick: only the windows that hold the changed bars
        for i in range(first, len(x)):
            if reduce is mean:  # the sum NumPy's mean makes (the same pairwise sum of the same k
                # float64 values: the columns are float64), without its ~5 µs of set-up
                out[i] = np.add.reduce(x[i - k + 1:i + 1]) / k
            else:
                out[i] = reduce(x[i - k + 1:i + 1].reshape(1, k))[0]
        return
    windows = np.lib.stride_tricks.sliding_window_view(x[first - k + 1:], k)
    out[first:len(x)] = reduce(windows)
