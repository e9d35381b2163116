"""The intraday picture (分时 / 五日), painted as Futu and 同花顺 draw it: the minute line and
its average price over the day's sessions with the lunch break and closed time taken out, the
previous close across the middle, prices on the left (red above it, green below, per the
window's direction) and the change in % on the right, volume bars under it coloured by each
minute's move, and the minutes not traded yet left empty to the close.

It knows days of minutes (:class:`~app.core.intraday.DaySeries`), not vendors: the widget
around it (:mod:`app.ui.chart.intraday.widget`) loads and feeds them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph.functions as pg_fn
from PySide6.QtCore import QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from app.core import zones
from app.core.intraday import DaySeries, symmetric_range
from app.ui.kit import formatting as fmt
from app.ui.kit import theme
from app.ui.kit.theme import Direction, Theme

AXIS_W = 70  # each side's axis
TOP = 20  # the legend row
BOTTOM = 20  # the time axis
GAP = 6  # between the price and the volume panes
VOLUME_SHARE = 0.25  # of the plots' height
LEVELS = 4  # price levels each side of the centre (fewer when the pane is short)
LEVEL_PITCH = 28.0  # pixels between two price levels at least


@dataclass(frozen=True)
class Frame:
    """Where things are painted, in widget pixels."""

    left: float
    right: float
    price_top: float
    price_bottom: float
    volume_top: float
    volume_bottom: float


class IntradayView(QWidget):
    """The painted intraday chart; the mouse moves a crosshair over it (time, price, %, average
    price and volume at the minute shown in the legend row)."""

    def __init__(self, direction: Direction, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 200)
        self.theme: Theme = theme.current()
        self.direction = direction
        self.chinese = QLocale().language() == QLocale.Language.Chinese
        self.days: list[DaySeries] = []
        self.centre: float | None = None  # the previous close
        self.decimals = 2
        self.size_decimals = 0
        self.zone: ZoneInfo = ZoneInfo("UTC")
        self.hover: int | None = None  # the slot under the crosshair
        self.hover_y: float | None = None
        self.note = ""  # said in the empty pane (why there are no minutes)
        self._range: tuple[float, float] | None = None
        self._font = QFont()
        self.metrics = QFontMetricsF(self._font)

    # -- data ------------------------------------------------------------------------------------

    def set_days(self, days: list[DaySeries], centre: float | None) -> None:
        self.days = days
        self.centre = centre
        highs = [d.high for d in days if d.high is not None]
        lows = [d.low for d in days if d.low is not None]
        self._range = None if centre is None else \
            symmetric_range(centre, max(highs, default=None), min(lows, default=None))
        if self.hover is not None and self.hover >= self.slot_count():
            self.hover = None
        self.update()

    def set_direction(self, direction: Direction) -> None:
        self.direction = direction
        self.update()

    def apply_theme(self, palette: Theme, direction: Direction) -> None:
        self.theme = palette
        self.direction = direction
        self.update()

    def set_zone(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.update()

    # -- geometry (tests read these too) ---------------------------------------------------------

    def slot_count(self) -> int:
        return sum(len(d.grid) for d in self.days)

    def frame(self) -> Frame:
        w, h = float(self.width()), float(self.height())
        plots = max(h - TOP - BOTTOM - GAP, 10.0)
        price_bottom = TOP + plots * (1 - VOLUME_SHARE)
        return Frame(AXIS_W, w - AXIS_W, TOP, price_bottom, price_bottom + GAP, TOP + plots + GAP)

    def x_of(self, slot: float) -> float:
        """The pixel x of a slot's centre (slot: the minute's index among the shown days' slots)."""
        f = self.frame()
        return f.left + (slot + 0.5) * (f.right - f.left) / max(self.slot_count(), 1)

    def slot_at(self, x: float) -> int | None:
        f = self.frame()
        n = self.slot_count()
        if not n or not f.left <= x <= f.right:
            return None
        return min(n - 1, max(0, int((x - f.left) / (f.right - f.left) * n)))

    def price_range(self) -> tuple[float, float] | None:
        """The price axis' range, symmetric around the previous close."""
        return self._range

    def y_of(self, price: float) -> float:
        return float(self.ys_of(np.array([price]))[0])

    def xs_of(self, slots: np.ndarray) -> np.ndarray:
        """:meth:`x_of` of many slots at once (the painting's way: one frame, no per-point calls)."""
        f = self.frame()
        return f.left + (slots + 0.5) * ((f.right - f.left) / max(self.slot_count(), 1))

    def ys_of(self, prices: np.ndarray) -> np.ndarray:
        """The pixel y of prices in the price pane."""
        span = self._range
        lo, hi = span if span is not None else (float(np.nanmin(prices)) - 1, float(np.nanmax(prices)) + 1)
        f = self.frame()
        return f.price_bottom - (prices - lo) / (hi - lo) * (f.price_bottom - f.price_top)

    def price_at(self, y: float) -> float | None:
        span = self.price_range()
        if span is None:
            return None
        lo, hi = span
        f = self.frame()
        return lo + (f.price_bottom - y) / (f.price_bottom - f.price_top) * (hi - lo)

    def levels(self) -> list[float]:
        """The labelled prices: the centre and equal steps to the range's ends, as many as fit."""
        span = self.price_range()
        if span is None or self.centre is None:
            return []
        f = self.frame()
        half = (f.price_bottom - f.price_top) / 2
        count = max(1, min(LEVELS, int(half // LEVEL_PITCH)))
        step = (span[1] - self.centre) / count
        return [self.centre + k * step for k in range(-count, count + 1)]

    def price_labels(self) -> list[tuple[float, str]]:
        """(price, text) of the left axis."""
        return [(p, fmt.price(p, self.decimals)) for p in self.levels()]

    def percent_labels(self) -> list[tuple[float, str]]:
        """(price, text) of the right axis: each level's change from the previous close."""
        if not self.centre:
            return []
        return [(p, f"{(p - self.centre) / self.centre * 100:+.2f}%".replace("+0.00%", "0.00%"))
                for p in self.levels()]

    def time_labels(self) -> list[tuple[float, str]]:
        """(pixel x, text) of the time axis: each session's open, the close, and for five days
        each day's date under its middle."""
        out: list[tuple[float, str]] = []
        f = self.frame()
        if len(self.days) > 1:
            base = 0
            for d in self.days:
                out.append((self._slot_edge(base + len(d.grid) / 2), f"{d.grid.day:%m-%d}"))
                base += len(d.grid)
            return out
        for d in self.days:
            for k, start in enumerate(d.grid.opens):
                text = self._clock(int(d.grid.slots[start]))
                if k:  # a break: the close before it and the open after it, as one label
                    text = self._clock(int(d.grid.slots[start - 1]) + 60_000) + "/" + text
                out.append((self._slot_edge(start), text))
            out.append((f.right, self._clock(d.grid.end)))
        return out

    def separators(self) -> list[float]:
        """Pixel x of the lines between days (five days) and between sessions (one day)."""
        if len(self.days) > 1:
            edges, base = [], 0
            for d in self.days[:-1]:
                base += len(d.grid)
                edges.append(self._slot_edge(base))
            return edges
        return [self._slot_edge(s) for d in self.days for s in d.grid.opens[1:]]

    def _slot_edge(self, slot: float) -> float:
        return self.x_of(slot) - (self.x_of(1) - self.x_of(0)) / 2

    def _clock(self, ts_ms: int) -> str:
        return datetime.fromtimestamp(ts_ms / 1000, self.zone).strftime("%H:%M")

    def zone_text(self) -> str:
        moment = datetime.fromtimestamp(int(self.days[-1].grid.slots[0]) / 1000, self.zone) if self.days else \
            datetime.now(self.zone)
        return zones.zone_name(moment, self.chinese)

    def at(self, slot: int) -> tuple[DaySeries, int, int]:
        """The day holding a slot, the slot's index in that day and its start (epoch ms)."""
        for d in self.days:
            if slot < len(d.grid):
                return d, slot, int(d.grid.slots[slot])
            slot -= len(d.grid)
        raise IndexError(slot)

    def last_slot(self) -> int | None:
        """The latest traded minute."""
        base, found = 0, None
        for d in self.days:
            if d.traded:
                found = base + d.traded - 1
            base += len(d.grid)
        return found

    def legend(self) -> str:
        """The legend row's text: the hovered minute, else the latest."""
        slot = self.hover if self.hover is not None else self.last_slot()
        if slot is None or self.centre is None:
            return ""
        day, i, ts = self.at(slot)
        price, avg, vol = day.price[i], day.average[i], day.volume[i]
        if math.isnan(price):
            return self._when(ts)
        pct = (price - self.centre) / self.centre * 100 if self.centre else 0.0
        return "  ".join((self._when(ts), self.tr("Price %1").replace("%1", fmt.price(float(price), self.decimals)),
                          fmt.percent(pct),
                          self.tr("Avg %1").replace("%1", fmt.price(float(avg), self.decimals)),
                          self.tr("Vol %1").replace("%1", fmt.volume(float(vol), self.chinese, self.size_decimals))))

    def empty_text(self) -> str:
        """What the price pane says before a day has a price to centre on."""
        return self.note or (self.tr("No minutes yet") if self.days else "")

    def _when(self, ts: int) -> str:
        moment = datetime.fromtimestamp(ts / 1000, self.zone)
        text = moment.strftime("%m-%d %H:%M") if len(self.days) > 1 else moment.strftime("%H:%M")
        return f"{text} {zones.zone_name(moment, self.chinese)}"

    # -- mouse ---------------------------------------------------------------------------------

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        self.hover = self.slot_at(pos.x())
        self.hover_y = pos.y() if self.frame().price_top <= pos.y() <= self.frame().price_bottom else None
        self.update()

    def keyPressEvent(self, event) -> None:
        """← and → move the crosshair a minute (from the latest when it is hidden); Esc hides it."""
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.slot_count():
            start = self.hover if self.hover is not None else self.last_slot()
            step = -1 if key == Qt.Key.Key_Left else 1
            self.hover = min(self.slot_count() - 1, max(0, (start if start is not None else 0) + step))
            self.hover_y = None
            self.update()
        elif key == Qt.Key.Key_Escape and self.hover is not None:
            self.hover = self.hover_y = None
            self.update()
        else:
            super().keyPressEvent(event)

    def leaveEvent(self, event) -> None:
        self.hover = self.hover_y = None
        self.update()
        super().leaveEvent(event)

    # -- painting --------------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        from app.ui.chart.intraday.paint import paint_view

        painter = QPainter(self)
        try:
            painter.setFont(self._font)
            paint_view(self, painter)
        finally:
            painter.end()


def series_polygons(view: IntradayView, values_of, *, close_to: float | None = None) -> list[QPolygonF]:
    """One polyline per day through its values (NaN ends it: not traded yet); ``close_to`` a y
    to close each one down to (the fill under the price line)."""
    out: list[QPolygonF] = []
    base = 0
    for day in view.days:
        values = values_of(day)
        idx = np.flatnonzero(~np.isnan(values))
        if len(idx):
            xs, ys = view.xs_of(base + idx), view.ys_of(values[idx])
            if close_to is not None:
                xs = np.concatenate((xs, [xs[-1], xs[0]]))
                ys = np.concatenate((ys, [close_to, close_to]))
            polygon = pg_fn.create_qpolygonf(len(xs))  # filled in place: no Python point per minute
            points = pg_fn.ndarray_from_qpolygonf(polygon)
            points[:, 0], points[:, 1] = xs, ys
            out.append(polygon)
        base += len(day.grid)
    return out


def dashed(colour: QColor, width: float = 1.0) -> QPen:
    pen = QPen(colour, width)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen
