"""Which bars the time axis labels, and how, the way TradingView's time scale does it.

Each bar gets a weight from what changed since the bar before it, in the chart's zone: a new
year outweighs a new month, a new month a new day, a new day a new 12-hour block, and so on
down to the minute. Labels are placed heaviest first, each at least a label's width from the
ones already placed, so day boundaries are labelled before any hour and hours never repeat
without a date between them. A mark shows what changed: the year, the month, the date
(``Jan 6`` / ``1月6日``), else the time of day. Dates are never the ambiguous ``25-01-06``.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

import numpy as np
from PySide6.QtCore import QLocale

YEAR, MONTH, DAY = 100, 90, 80
# Intraday blocks (minutes) and their weights: a bar that starts a new 12-hour block of the
# day outweighs one that starts a new hour.
BLOCKS = ((720, 76), (360, 75), (180, 74), (60, 73), (30, 72), (15, 71), (5, 70), (1, 69))
TIME = 0  # a bar that starts no new block of a minute (seconds bars)


def local_seconds(ts_ms: np.ndarray, zone: tzinfo) -> np.ndarray:
    """Bar times as seconds on the wall clock of ``zone`` (vectorised: one offset per hour)."""
    seconds = np.asarray(ts_ms, dtype=np.int64) // 1000
    if seconds.size == 0:
        return seconds
    hours, inverse = np.unique(seconds // 3600, return_inverse=True)
    offsets = np.fromiter(
        (datetime.fromtimestamp(int(h) * 3600, UTC).astimezone(zone).utcoffset().total_seconds() for h in hours),
        dtype=np.int64, count=hours.size)
    return seconds + offsets[inverse]


def weights(ts_ms: np.ndarray, zone: tzinfo) -> np.ndarray:
    """The weight of every bar (the first one counts as the start of a year: nothing precedes it)."""
    local = local_seconds(ts_ms, zone)
    n = local.size
    out = np.full(n, TIME, dtype=np.int16)
    if n == 0:
        return out
    days = (local // 86400).astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    years = days.astype("datetime64[Y]")
    minutes = local // 60
    for block, weight in reversed(BLOCKS):
        changed = np.empty(n, dtype=bool)
        changed[0] = True
        changed[1:] = minutes[1:] // block != minutes[:-1] // block
        out[changed] = weight
    for unit, weight in ((days, DAY), (months, MONTH), (years, YEAR)):
        changed = np.empty(n, dtype=bool)
        changed[0] = True
        changed[1:] = unit[1:] != unit[:-1]
        out[changed] = weight
    return out


LEVELS = (YEAR, MONTH, DAY, *(w for _b, w in BLOCKS), TIME)  # heaviest first
CHUNK = 16_384  # bars weighed at a time: a chart of a million bars weighs what it shows


class Weights:
    """The weights of a chart's bars, computed a chunk at a time as the axis asks for them, so
    the first frame of a long history weighs only the bars in view (a bar's weight depends on
    the bar before it alone)."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._ts = np.zeros(0, dtype=np.int64)
        self._zone: tzinfo | None = None
        self._weights = np.zeros(0, dtype=np.int16)
        self._done = np.zeros(0, dtype=bool)  # per chunk

    def follow(self, ts: np.ndarray, zone: tzinfo) -> None:
        """Use these bars: new bars at the end keep what was weighed; other changes (older
        pages, another zone) start afresh."""
        n = len(ts)
        key = (zone, n, int(ts[0]) if n else None, int(ts[-1]) if n else None)
        if key == self._key:
            return
        old, self._key = self._key, key
        appended = (old is not None and old[0] == zone and old[2] == key[2] and 0 < old[1] < n
                    and int(ts[old[1] - 1]) == old[3])
        self._ts, self._zone = ts, zone
        chunks = -(-n // CHUNK)
        if appended:
            kept = old[1] // CHUNK  # the last, partly weighed chunk is weighed again
            self._weights = np.concatenate([self._weights[:kept * CHUNK], np.zeros(n - kept * CHUNK, np.int16)])
            self._done = np.concatenate([self._done[:kept], np.zeros(chunks - kept, dtype=bool)])
        else:
            self._weights = np.zeros(n, dtype=np.int16)
            self._done = np.zeros(chunks, dtype=bool)

    def upto(self, first: int, last: int) -> np.ndarray:
        """Every bar's weight, those of bars ``first``…``last`` (inclusive) computed."""
        n = len(self._ts)
        first, last = max(0, first), min(n - 1, last)
        for c in range(first // CHUNK, last // CHUNK + 1 if last >= first else 0):
            if not self._done[c]:
                a, b = c * CHUNK, min(n, (c + 1) * CHUNK)
                before = max(0, a - 1)  # the bar before the chunk decides its first weight
                self._weights[a:b] = weights(self._ts[before:b], self._zone)[a - before:]
                self._done[c] = b - a == CHUNK  # a partial last chunk is weighed again when it grows
        return self._weights


def pick(weight: np.ndarray, lo: float, hi: float, spacing: float) -> list[int]:
    """Bars in [lo, hi] to label, heaviest first, no two closer than ``spacing`` bars.

    Within each gap left by the marks already placed, the leftmost bar of the next weight that
    keeps its distance is taken, then the next: a greedy fill, as TradingView's. Once no gap
    has room for another mark, lighter weights are not looked at (a whole history in view
    stops after the months)."""
    first, last = max(0, int(np.ceil(lo))), min(weight.size - 1, int(np.floor(hi)))
    if last < first:
        return []
    window = weight[first:last + 1]
    placed: list[int] = []
    for level in LEVELS:
        if placed and not _room(placed, first, last, spacing):
            break
        candidates = np.flatnonzero(window == level) + first
        if not candidates.size:
            continue
        bounds = [-np.inf, *placed, np.inf]
        added = []
        for left, right in zip(bounds[:-1], bounds[1:], strict=True):
            at = left + spacing if np.isfinite(left) else -np.inf
            while True:
                k = int(np.searchsorted(candidates, at, side="left"))
                if k >= candidates.size:
                    break
                c = int(candidates[k])
                if c > right - spacing:
                    break
                added.append(c)
                at = c + spacing
        if added:
            placed = sorted(placed + added)
    return placed


def _room(placed: list[int], first: int, last: int, spacing: float) -> bool:
    """Whether another mark could still fit among ``placed`` within [first, last]."""
    if placed[0] - first >= spacing or last - placed[-1] >= spacing:
        return True
    return bool(np.any(np.diff(placed) >= 2 * spacing))


def _month(m: int, chinese: bool) -> str:
    return f"{m}月" if chinese else QLocale(QLocale.Language.English).monthName(m, QLocale.FormatType.ShortFormat)


def text(moment: datetime, kind: int, intraday: bool, chinese: bool) -> str:
    """The label of a mark of ``kind`` (YEAR, MONTH, DAY or a time) at ``moment``."""
    day = f"{moment.month}月{moment.day}日" if chinese else f"{_month(moment.month, False)} {moment.day}"
    if kind >= YEAR:
        if intraday:  # the day, with its year, not a bare year: the bars are hours
            return f"{moment.year}年{day}" if chinese else f"{moment:%Y-%m-%d}"
        return f"{moment.year}年" if chinese else f"{moment.year}"
    if kind >= MONTH and not intraday:
        return _month(moment.month, chinese)
    if kind >= DAY:
        return day
    return f"{moment:%H:%M}"


def widest_texts(intraday: bool, chinese: bool) -> list[str]:
    """The widest labels a chart of this kind shows often: the spacing of the marks (the rare
    longer one, an intraday year, is checked against its neighbours when placed)."""
    moment = datetime(2025, 12, 28, 23, 58)
    kinds = (DAY, TIME) if intraday else (YEAR, MONTH, DAY)
    return [text(moment, kind, intraday, chinese) for kind in kinds]
