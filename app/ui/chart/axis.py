"""Time labels for an index-based x axis."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pyqtgraph as pg

from app.core.periods import Period
from app.ui.chart.manager import BarManager


class IndexTimeAxis(pg.AxisItem):
    """Shows each tick's bar time in the exchange's zone; the format follows the period."""

    def __init__(self, manager: BarManager, orientation: str = "bottom", **kwargs):
        super().__init__(orientation, **kwargs)
        self.manager = manager
        self.zone = ZoneInfo("UTC")
        self.period = Period.M1

    def tickStrings(self, values, scale, spacing):
        ts = self.manager.ts
        n = len(ts)
        fmt = "%H:%M" if self.period.is_intraday else ("%Y-%m" if self.period in (Period.MN1, Period.Y1) else "%m-%d")
        labels = []
        for value in values:
            i = int(round(value))
            if 0 <= i < n:
                moment = datetime.fromtimestamp(int(ts[i]) / 1000, self.zone)
                if self.period.is_intraday and (i == 0 or _day(ts[i - 1], self.zone) != moment.date()):
                    labels.append(moment.strftime("%m-%d"))
                else:
                    labels.append(moment.strftime(fmt))
            else:
                labels.append("")
        return labels


def _day(ts_ms, zone):
    return datetime.fromtimestamp(int(ts_ms) / 1000, zone).date()
