"""Integer and float columns of a recording block, in one delta-coded integer stream.

Every number of a block (times, prices as integer ticks, sizes, codes) goes into one int64
array, laid out so that neighbours are successive values of one series (a symbol's prices, a
book depth's); the whole array is then delta coded once, zigzagged and byte-shuffled (the high
bytes, mostly zero, compress to almost nothing under zstd). Version 1 stores every number at
the width of the widest (:func:`decode_stream`: often eight planes) and each column sorted on its
own key, scattered back to event order column by column (:class:`Series`, :func:`unsort`);
version 2 (:mod:`.codec2`) stores them at a narrow width with the few wide ones patched
(:meth:`StreamWriter.encode_patched`) and scales a kind's float fields as one matrix
(:func:`matrix_ticks`, :func:`matrix_floats`).

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
    """Rows grouped by a key (a symbol, a book level; small non-negative ints): the stable order
    that lays each series' values side by side, each series' length in that order, and what
    a decoder needs again for every column of the series (kept: built once per block)."""

    __slots__ = ("_inverse", "_powers", "lengths", "order")

    def __init__(self, key: np.ndarray) -> None:
        if len(key) and key.max() < 1 << 16:
            key = key.astype(np.uint16)  # NumPy's stable sort of 16-bit keys is a radix sort: O(n)
        self.order = np.argsort(key, kind="stable")
        counts = np.bincount(key) if len(key) else np.zeros(0, np.int64)
        self.lengths = counts[counts > 0]  # the series in key order: the sorted order's runs
        self._inverse: np.ndarray | None = None
        self._powers: dict[bytes, tuple[np.ndarray, np.ndarray | None]] = {}

    @property
    def inverse(self) -> np.ndarray:
        """Where each row in series order goes back to (one ``take`` per column)."""
        if self._inverse is None:
            self._inverse = np.empty_like(self.order)
            self._inverse[self.order] = np.arange(len(self.order))
        return self._inverse

    def powers(self, scales: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Each row's power of ten for these per-series scales, and the raw rows (None when
        none): kept per scales, which the columns of one series mostly share (a symbol's
        prices all have its decimals)."""
        key = scales.tobytes()
        found = self._powers.get(key)
        if found is None:
            rows = np.repeat(scales, self.lengths)
            found = self._powers[key] = (_POW[rows], rows == RAW if RAW in scales.tolist() else None)
        return found


def ticks_float(y: np.ndarray, scales: np.ndarray, series: Series) -> np.ndarray:
    """Version 1's floats of ``y`` ticks at per-series scales (the very division its encoder
    checked, as :func:`matrix_ticks` does)."""
    powers, raw = series.powers(scales)
    out = y / powers  # int64 / float64: each tick count exact as a float, then the checked division
    if raw is not None:
        out[raw] = y[raw].view(np.float64)
    return out


class StreamWriter:
    """Collects a block's columns, each in its series order, into one stream."""

    def __init__(self) -> None:
        self.parts: list[np.ndarray] = []
        self.specs: list[Spec] = []
        self.size = 0

    def add(self, name: str, values: np.ndarray) -> None:
        self.parts.append(values.astype(np.int64, copy=False))
        self.specs.append((name, self.size, self.size + len(values)))
        self.size += len(values)

    def encode_patched(self) -> tuple[bytes, int, int]:
        """Version 2's stream: the deltas zigzagged at one narrow width (a byte or two), byte
        planes, the few that do not fit (a series' first value, a jump to another) patched
        after them as (step to the place, value): the bytes, the width and the number of
        patches. The width is the one of fewest bytes before zstd. A reader undoes the zigzag
        at the narrow width and widens with one ``astype``: fewer and narrower passes than
        version 1's eight planes of 64-bit numbers."""
        if not self.parts:
            return b"", 1, 0
        delta = np.diff(np.concatenate(self.parts), prepend=np.int64(0))
        best = None
        for width in (1, 2, 4, 8):
            limit = 1 << (8 * width - 1)
            wide = np.flatnonzero((delta < -limit) | (delta >= limit)) if width < 8 else np.zeros(0, np.int64)
            cost = width * len(delta) + 12 * len(wide)
            if best is None or cost < best[0]:
                best = (cost, width, wide)
        _cost, width, wide = best
        narrow = delta.copy()
        narrow[wide] = 0
        zig = ((narrow << 1) ^ (narrow >> 63)).astype(f"<u{width}")  # zigzag: small either way, high bytes 0
        planes = zig.view(np.uint8).reshape(-1, width).T.tobytes()
        steps = np.diff(wide, prepend=np.int64(0)).astype("<u4")  # the patches' places, as steps
        return planes + steps.tobytes() + delta[wide].astype("<i8").tobytes(), width, len(wide)


def decode_patched(data: memoryview | bytes, count: int, width: int, patches: int) -> np.ndarray:
    """The int64 stream of ``count`` numbers from :meth:`StreamWriter.encode_patched`'s bytes."""
    if width not in (1, 2, 4, 8) or width * count + 12 * patches != len(data) or patches > count:
        raise ValueError("stream size does not match its count")
    zig = np.frombuffer(data, f"<u{width}", count) if width == 1 else _words(data, count, width)
    signed = f"<i{width}"  # zigzag undone at the narrow width (a byte a number in most blocks), then widened
    delta = ((zig >> 1).view(signed) ^ -(zig & 1).view(signed)).astype(np.int64)
    if patches:
        delta.put(np.frombuffer(data, "<u4", patches, width * count).cumsum(dtype=np.int64),
                  np.frombuffer(data, "<i8", patches, width * count + 4 * patches))
    return delta.cumsum()  # (into a new array: an accumulation in place copies its input first)


def _words(data: memoryview | bytes, count: int, width: int) -> np.ndarray:
    """The zigzagged numbers of a stream wider than a byte, from its byte planes."""
    planes = np.frombuffer(data, np.uint8, width * count).reshape(width, count)
    words = np.empty((count, width), np.uint8)
    for plane in range(width):  # one strided copy a plane: 2-5x a transposed copy of bytes
        words[:, plane] = planes[plane]
    return words.view(f"<u{width}").reshape(count)


def decode_stream(data: memoryview | bytes, count: int) -> np.ndarray:
    """The int64 stream of ``count`` numbers of a version-1 block (delta, zigzag, one width for
    all numbers, byte planes): a version-2 stream without patches."""
    if count == 0:
        return np.zeros(0, np.int64)
    return decode_patched(data, count, len(data) // count, 0)


def unsort(values: np.ndarray, series: Series | None) -> np.ndarray:
    """Values laid out in series order back in event order."""
    if series is None:
        return values
    return values[series.inverse]


def matrix_ticks(x: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Floats as integer ticks, for several fields at once: ``x`` is (fields × rows) in series order,
    ``lengths`` the series' lengths; the int64 ticks (fields × rows) and the scales (fields ×
    series), one per field and series. ``-0.0`` fits no scale (it is kept as its bit pattern)."""
    fields, rows = x.shape
    if x.size == 0:
        return np.zeros((fields, rows), np.int64), np.zeros((fields, len(lengths)), np.int64)
    big = np.abs(x)
    negative_zero = (x == 0) & np.signbit(x)
    with np.errstate(all="ignore"):
        scaled = np.round(x[..., None] * _POWERS)  # every scale at once
        fits = (scaled / _POWERS == x[..., None]) & (np.abs(scaled) < _EXACT_LIMIT)
        best = np.where(fits.any(axis=2) & ~negative_zero, fits.argmax(axis=2), RAW)
        starts = np.cumsum(lengths) - lengths
        scales = np.maximum.reduceat(best, starts, axis=1)
        series_of = None
        while True:  # a series' largest scale may not suit all its rows: those series go raw
            code = np.repeat(scales, lengths, axis=1)
            p = _POW[code]
            y = np.round(x * p)
            bad = ((y / p != x) | (big * p >= _EXACT_LIMIT) | negative_zero) & (code != RAW)
            if not bad.any():
                break
            if series_of is None:
                series_of = np.repeat(np.arange(len(lengths)), lengths)
            field, row = np.nonzero(bad)
            scales[field, series_of[row]] = RAW
        raw = code == RAW
        ticks = y.astype(np.int64)
    if raw.any():
        ticks[raw] = x[raw].view(np.int64)
    return ticks, scales


def matrix_floats(ticks: np.ndarray, scales: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The inverse of :func:`matrix_ticks` (the very division the encoder checked): one
    ``repeat`` and one division for all the fields."""
    out = ticks / _POW[scales].repeat(lengths, axis=1)  # powers per series, then per row
    # a byte 15 means a scale of 15 (raw bits): _POW[scales] above has raised for any scale
    # outside -16..15, and in that range an int64 holds a 0x0F byte only when it is 15; a
    # memchr where a reduction costs 4x
    if RAW in scales.tobytes():
        raw = scales.repeat(lengths, axis=1) == RAW
        out[raw] = ticks[raw].view(np.float64)
    return out
