"""Price scales: the y axis in prices, in logarithms, or in percent from the first bar in view.

Items draw ``forward(price)``; the axis labels ``inverse(y)``. Everything is vectorised and
applied to the visible bars only.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np


class ScaleMode(StrEnum):
    NORMAL = "normal"
    LOG = "log"
    PERCENT = "percent"


class PriceScale:
    """One pane's y mapping; ``base`` is the price shown as 0% on a percent scale."""

    def __init__(self, mode: ScaleMode = ScaleMode.NORMAL) -> None:
        self.mode = mode
        self.base = 1.0

    def forward(self, prices):
        if self.mode is ScaleMode.LOG:
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.log10(np.maximum(prices, 1e-12))
        if self.mode is ScaleMode.PERCENT:
            return (np.asarray(prices) / self.base - 1.0) * 100.0
        return prices

    def inverse(self, ys):
        if self.mode is ScaleMode.LOG:
            return np.power(10.0, ys)
        if self.mode is ScaleMode.PERCENT:
            return (np.asarray(ys) / 100.0 + 1.0) * self.base
        return ys

    def forward_one(self, price: float) -> float:
        return float(self.forward(np.float64(price)))

    def inverse_one(self, y: float) -> float:
        return float(self.inverse(np.float64(y)))
