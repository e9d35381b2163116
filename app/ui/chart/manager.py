"""Bars in NumPy columns addressed by index: the x axis is the bar number, so closed-market
gaps (nights, weekends, lunch breaks) take no room on screen."""

from __future__ import annotations

import numpy as np

from app.core.types import Bar


class BarManager:
    """Growable OHLCV columns; appends and live-bar updates are O(1) amortised."""

    def __init__(self, capacity: int = 1024) -> None:
        self._n = 0
        self._ts = np.zeros(capacity, dtype=np.int64)
        self._ohlcv = np.zeros((capacity, 5), dtype=np.float64)

    def __len__(self) -> int:
        return self._n

    @property
    def ts(self) -> np.ndarray:
        return self._ts[: self._n]

    @property
    def open(self) -> np.ndarray:
        return self._ohlcv[: self._n, 0]

    @property
    def high(self) -> np.ndarray:
        return self._ohlcv[: self._n, 1]

    @property
    def low(self) -> np.ndarray:
        return self._ohlcv[: self._n, 2]

    @property
    def close(self) -> np.ndarray:
        return self._ohlcv[: self._n, 3]

    @property
    def volume(self) -> np.ndarray:
        return self._ohlcv[: self._n, 4]

    def clear(self) -> None:
        self._n = 0

    def set_bars(self, bars: list[Bar]) -> None:
        self._n = 0
        self._reserve(len(bars))
        n = len(bars)
        self._ts[:n] = [b.ts for b in bars]
        self._ohlcv[:n] = [(b.open, b.high, b.low, b.close, b.volume or 0.0) for b in bars]
        self._n = n

    def update(self, bar: Bar) -> int | None:
        """Apply a live bar: replace the bar with its start time or append a newer one.

        Returns the index written, or None for a bar older than the last (ignored).
        """
        n = self._n
        if n and bar.ts == self._ts[n - 1]:
            i = n - 1
        elif n == 0 or bar.ts > self._ts[n - 1]:
            self._reserve(n + 1)
            i = n
            self._n = n + 1
        else:
            return None
        self._ts[i] = bar.ts
        self._ohlcv[i] = (bar.open, bar.high, bar.low, bar.close, bar.volume or 0.0)
        return i

    def _reserve(self, size: int) -> None:
        if size <= len(self._ts):
            return
        capacity = max(size, len(self._ts) * 2)
        ts = np.zeros(capacity, dtype=np.int64)
        ohlcv = np.zeros((capacity, 5), dtype=np.float64)
        ts[: self._n] = self._ts[: self._n]
        ohlcv[: self._n] = self._ohlcv[: self._n]
        self._ts, self._ohlcv = ts, ohlcv

    def visible(self, x_min: float, x_max: float) -> tuple[int, int]:
        """Index range [start, stop) of bars inside an x range."""
        start = max(0, int(np.floor(x_min)))
        stop = min(self._n, int(np.ceil(x_max)) + 1)
        return start, max(start, stop)

    def price_range(self, start: int, stop: int) -> tuple[float, float] | None:
        if stop <= start:
            return None
        return float(self.low[start:stop].min()), float(self.high[start:stop].max())

    def volume_max(self, start: int, stop: int) -> float:
        if stop <= start:
            return 0.0
        return float(self.volume[start:stop].max())
