"""Integer and float columns of a recording block, in one delta-coded integer stream.

Every number of a block (times, prices as integer ticks, sizes, codes) goes into one int64
array. A column is laid out in its *series* order (per symbol, per book level: a stable sort
on a key), so that neighbours are successive values of one series; the whole array is then
delta coded once, zigzagged and byte-shuffled (eight planes: the high bytes, mostly zero,
compress to almost nothing under zstd). Decoding is one cumulative sum for the whole block and
then, per column, a slice, a scatter back to event order and a scale: a few NumPy calls per
column, whatever the number of events (the per-event work stays in C).

A float column is stored as integer ticks ``round(x * 10**d)``, with one ``d`` (0…9) per series
(a symbol's prices: 2 decimals for a stock, 5 for a currency pair), the smallest for which
``ticks / 10**d`` gives back every value of the series bit for bit (checked on the very values,
with the very operation the decoder uses, so the round trip is exact by construction); a
series no scale reproduces is stored as its IEEE bit patterns (exact too, less compact).
"""

from __future__ import annotations

import numpy as np

MAX_SCALE = 9
RAW = 15  # the scale code of a series kept as float bit patterns
_POW = np.array([10.0 ** d for d in range(MAX_SCALE + 1)] + [1.0] * (RAW - MAX_SCALE), np.float64)
_POWERS = _POW[:MAX_SCALE + 1]
_EXACT_LIMIT = 2.0 ** 53  # integers up to here are exact as float64

Spec = tuple[str, int, int]  # (name, start, stop) in the stream


class Series:
    """Rows grouped by a key (a symbol, a book level): the stable order that lays each
    series' values side by side, and where each series starts in that order."""

    __slots__ = ("order", "lengths")

    def __init__(self, key: np.ndarray) -> None:
        if len(key) and 0 <= key.min() and key.max() < 1 << 16:
            key = key.astype(np.uint16)  # NumPy's stable sort of 16-bit keys is a radix sort: O(n)
        self.order = np.argsort(key, kind="stable")
        ordered = key[self.order]
        if len(ordered):
            starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
            self.lengths = np.diff(np.append(starts, len(ordered)))
        else:
            self.lengths = np.zeros(0, np.int64)


def float_ticks(x: np.ndarray, series: Series) -> tuple[np.ndarray, np.ndarray]:
    """``x`` (in series order) as int64 ticks, and each series' scale (0…9, or RAW)."""
    if x.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    big = np.abs(x)
    with np.errstate(all="ignore"):
        scaled = np.round(x[:, None] * _POWERS)  # every scale at once: a few calls per column
        fits = (scaled / _POWERS == x[:, None]) & (np.abs(scaled) < _EXACT_LIMIT)
        best = np.where(fits.any(axis=1), fits.argmax(axis=1), RAW)  # each row's smallest scale
        starts = np.cumsum(series.lengths) - series.lengths
        scales = np.maximum.reduceat(best, starts)
        while True:  # a series' largest scale may not suit all its rows: those series go raw
            rows = np.repeat(scales, series.lengths)
            p = _POW[rows]
            y = np.round(x * p)
            bad = ((y / p != x) | (big * p >= _EXACT_LIMIT)) & (rows != RAW)
            if not bad.any():
                break
            scales[np.unique(np.repeat(np.arange(len(scales)), series.lengths)[bad])] = RAW
        raw = rows == RAW
        ticks = y.astype(np.int64)
    if raw.any():
        ticks[raw] = x[raw].view(np.int64)
    return ticks, scales


def ticks_float(y: np.ndarray, scales: np.ndarray, series: Series) -> np.ndarray:
    """The inverse of :func:`float_ticks` (the very division the encoder checked)."""
    rows = np.repeat(scales, series.lengths)
    out = y.astype(np.float64) / _POW[rows]
    raw = rows == RAW
    if raw.any():
        out[raw] = y[raw].view(np.float64)
    return out


class StreamWriter:
    """Collects a block's columns, each in its series order, into one stream."""

    def __init__(self) -> None:
        self.parts: list[np.ndarray] = []
        self.specs: list[Spec] = []
        self.size = 0

    def add(self, name: str, values: np.ndarray, series: Series | None = None) -> None:
        values = values if series is None else values[series.order]
        self.parts.append(values.astype(np.int64, copy=False))
        self.specs.append((name, self.size, self.size + len(values)))
        self.size += len(values)

    def add_float(self, name: str, values: np.ndarray, series: Series) -> None:
        ticks, scales = float_ticks(values[series.order], series)
        self.add(name + ".scale", scales)
        self.add(name, ticks)

    def encode(self) -> bytes:
        """Delta, zigzag, narrowest width, byte planes: the stream's bytes (before zstd)."""
        if not self.parts:
            return b""
        whole = np.concatenate(self.parts)
        delta = np.diff(whole, prepend=np.int64(0))
        zig = ((delta << 1) ^ (delta >> 63)).view(np.uint64)
        width = _width(int(zig.max()))
        narrow = zig.astype(f"<u{width}")
        return narrow.view(np.uint8).reshape(-1, width).T.tobytes()


def _width(top: int) -> int:
    for width in (1, 2, 4):
        if top < 1 << (8 * width):
            return width
    return 8


def decode_stream(data: memoryview | bytes, count: int) -> np.ndarray:
    """The int64 stream of ``count`` numbers from :meth:`StreamWriter.encode`'s bytes."""
    if count == 0:
        return np.zeros(0, np.int64)
    width = len(data) // count
    if width not in (1, 2, 4, 8) or width * count != len(data):
        raise ValueError("stream size does not match its count")
    planes = np.frombuffer(data, np.uint8).reshape(width, count)
    zig = np.ascontiguousarray(planes.T).view(f"<u{width}").reshape(count).astype(np.uint64)
    delta = (zig >> np.uint64(1)).view(np.int64) ^ -(zig & np.uint64(1)).view(np.int64)
    return np.cumsum(delta)


def unsort(values: np.ndarray, series: Series | None) -> np.ndarray:
    """Values laid out in series order back in event order."""
    if series is None:
        return values
    out = np.empty_like(values)
    out[series.order] = values
    return out
