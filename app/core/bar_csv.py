"""A chart's bars as CSV text: the file a trader opens in a spreadsheet or pandas.

One header row ``time,open,high,low,close,volume`` (``,turnover`` when the bars carry it), one
row per bar oldest first; the time is ISO 8601 with the offset of the chart's zone (the bar's
start, as the chart labels it), prices at the instrument's precision, volumes at its size
precision. Pure: the window writes the text where the user chose.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from app.core.ticks import decimals_at
from app.core.types import Instrument

HEADER = ("time", "open", "high", "low", "close", "volume")
QUARTER_MS = 15 * 60_000


def price_decimals(instrument: Instrument | None, lows: np.ndarray) -> int:
    """One precision for the whole file: the tick's at the lowest price (a price-dependent
    tick only grows with the price, so every price of the file is exact at it)."""
    finite = lows[np.isfinite(lows)] if len(lows) else lows
    return decimals_at(instrument, float(finite.min()) if len(finite) else None)


def iso_times(ts: np.ndarray, zone: ZoneInfo) -> list[str]:
    """ISO 8601 times of ``ts`` (epoch ms) with ``zone``'s offset at each, as
    ``datetime.isoformat`` writes them; the offsets are looked up once per quarter hour (every
    zone's changes fall on one), the rest is NumPy."""
    ts = np.asarray(ts, dtype=np.int64)
    if not len(ts):
        return []
    quarters, where = np.unique(ts // QUARTER_MS, return_inverse=True)
    offsets = [datetime.fromtimestamp(int(q) * QUARTER_MS / 1000, UTC).astimezone(zone).utcoffset() or timedelta(0)
               for q in quarters.tolist()]
    offset_ms = np.array([o // timedelta(milliseconds=1) for o in offsets], dtype=np.int64)
    names = [_offset_text(o) for o in offsets]
    unit = "s" if not (ts % 1000).any() else "ms"
    local = np.datetime_as_string((ts + offset_ms[where]).astype("datetime64[ms]"), unit=unit).tolist()
    return [f"{t}{names[i]}" for t, i in zip(local, where.tolist(), strict=True)]


def _offset_text(offset: timedelta) -> str:
    minutes = offset // timedelta(minutes=1)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def bars_csv(ts: np.ndarray, ohlcv: np.ndarray, zone: ZoneInfo, instrument: Instrument | None,
             turnover: np.ndarray | None = None) -> str:
    """The CSV text of bars ``ts`` (n,) epoch ms and ``ohlcv`` (5, n), in ``zone``."""
    decimals = price_decimals(instrument, ohlcv[2])
    sizes = instrument.size_decimals if instrument is not None else 0
    # column by column, then joined: numbers and ISO times hold no comma or quote, so no row
    # needs the csv module's quoting (a million bars in a few seconds, not a minute)
    columns = [iso_times(ts, zone)]
    columns += [[f"{v:.{decimals}f}" for v in ohlcv[k].tolist()] for k in range(4)]
    columns.append([f"{v:.{sizes}f}" for v in ohlcv[4].tolist()])
    header = HEADER
    if turnover is not None:
        columns.append([f"{v:.2f}" for v in np.asarray(turnover).tolist()])
        header += ("turnover",)
    lines = [",".join(header), *(",".join(row) for row in zip(*columns, strict=True))]
    return "\n".join(lines) + "\n"
