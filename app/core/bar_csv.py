"""A chart's bars as CSV text: the file a trader opens in a spreadsheet or pandas.

One header row ``time,open,high,low,close,volume`` (``,turnover`` when the bars carry it), one
row per bar oldest first; the time is ISO 8601 with the offset of the chart's zone (the bar's
start, as the chart labels it), prices at the instrument's precision, volumes at its size
precision. Pure: the window writes the text where the user chose.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np

from app.core.ticks import decimals_at
from app.core.types import Instrument

HEADER = ("time", "open", "high", "low", "close", "volume")


def price_decimals(instrument: Instrument | None, lows: np.ndarray) -> int:
    """One precision for the whole file: the tick's at the lowest price (a price-dependent
    tick only grows with the price, so every price of the file is exact at it)."""
    finite = lows[np.isfinite(lows)] if len(lows) else lows
    return decimals_at(instrument, float(finite.min()) if len(finite) else None)


def bars_csv(ts: np.ndarray, ohlcv: np.ndarray, zone: ZoneInfo, instrument: Instrument | None,
             turnover: np.ndarray | None = None) -> str:
    """The CSV text of bars ``ts`` (n,) epoch ms and ``ohlcv`` (5, n), in ``zone``."""
    decimals = price_decimals(instrument, ohlcv[2])
    sizes = instrument.size_decimals if instrument is not None else 0
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER + (("turnover",) if turnover is not None else ()))
    for i in range(len(ts)):
        when = datetime.fromtimestamp(int(ts[i]) / 1000, zone).isoformat()
        row = [when, *(f"{ohlcv[k, i]:.{decimals}f}" for k in range(4)), f"{ohlcv[4, i]:.{sizes}f}"]
        if turnover is not None:
            row.append(f"{turnover[i]:.2f}")
        writer.writerow(row)
    return out.getvalue()
