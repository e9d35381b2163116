"""Axes for an index-based chart: bar times on x, prices in the pane's scale on y, and
highlighted labels on the axis itself (the crosshair's value, the last price)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from app.core.periods import Period
from app.ui.chart import paint_pass, timemarks
from app.ui.chart.axis_paint import NO_DRAWING, AxisDrawing, LabelTexts, MarkerTexts
from app.ui.chart.manager import BarManager
from app.ui.chart.scale import PriceScale, ScaleMode
from app.ui.chart.tick_levels import tick_levels

# a label's alignment in its rectangle, as drawText takes it (made once: combining Qt's flags
# goes through Python's enum machinery)
_RIGHT_LABEL = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip
_BOTTOM_LABEL = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextDontClip
LABEL_GAP = 12.0  # pixels between two time labels at least
PRICE_LABEL_PITCH = 40.0  # pixels from one price label to the next at least (a calm axis)


@dataclass
class Marker:
    """A label on the axis at ``value`` (an x index or a y in the pane's scale)."""

    value: float
    text: str
    background: QColor
    foreground: QColor
    z: int = 0  # painted in this order: the last price over the previous close


class _MarkedAxis(pg.AxisItem):
    """An axis that also paints markers over its labels."""

    def __init__(self, orientation: str, **kwargs):
        if orientation not in ("right", "bottom"):
            raise ValueError("a chart axis is a right (price) or bottom (time) axis")
        super().__init__(orientation, **kwargs)
        # Labels format their own units; pyqtgraph's SI prefix re-lays out the (hidden) axis
        # title as rich text on every range change.
        self.enableAutoSIPrefix(False)
        self.markers: dict[str, Marker] = {}
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self._ticks_key: tuple | None = None
        self._ticks: list[tuple[float, str, float]] = []
        self._label_texts = LabelTexts()
        self._marker_texts = MarkerTexts(self._font)
        # label text → its width in ``_font`` (set once here: whatever replaced the font would
        # have to clear this too)
        self._widths: dict[str, float] = {}

    def _length(self) -> float:
        bounds = self.mapRectFromParent(self.geometry())
        return bounds.height() if self.orientation == "right" else bounds.width()

    def labelled_ticks(self) -> list[tuple[float, str, float]]:
        """(value, label, label width) of the ticks shown now; the grid draws at the same values.

        Tick levels are merged from coarse to fine while their labels fit. Kept until the range
        or the length changes: the axis and the grid ask in the same frame (each pane's grid asks
        the bottom axis: answered once a paint, paint_pass).
        """
        return paint_pass.once(("ticks", id(self)), self._labelled_ticks)

    def _labelled_ticks(self) -> list[tuple[float, str, float]]:
        lo, hi = self.range
        length = self._length()
        key = (lo, hi, length, self._label_key())
        if self._ticks_key != key:
            self._ticks_key, self._ticks = key, []
            if length > 0 and hi != lo:
                self._ticks = self._place_ticks(lo, hi, length)
        return self._ticks

    def _place_ticks(self, lo: float, hi: float, length: float) -> list[tuple[float, str, float]]:
        """The ticks to label for this range and length (called once per change of them)."""
        metrics = self._metrics
        vertical = self.orientation == "right"
        text_h = metrics.height() * 0.8
        values: list[float] = []
        labels: list[str] = []
        widths: list[float] = []
        for spacing, level in self.tick_levels(lo, hi, length):
            merged = sorted({*values, *level})
            if vertical:  # labels are one line high: counting them is enough
                if values and len(merged) * max(text_h + LABEL_GAP, PRICE_LABEL_PITCH) > length:
                    break
                values, chosen = merged, spacing
                continue
            strings = self.tickStrings(merged, self.autoSIPrefixScale * self.scale, spacing)
            advances = [self._advance(t) for t in strings]
            if values and sum(advances) + LABEL_GAP * len(advances) > length:
                break
            values, labels, widths = merged, strings, advances
        if vertical and values:
            labels = self.tickStrings(values, self.autoSIPrefixScale * self.scale, chosen)
            widths = [self._advance(t) for t in labels]
        return [t for t in zip(values, labels, widths, strict=True) if lo <= t[0] <= hi or hi <= t[0] <= lo]

    def tick_levels(self, lo: float, hi: float, length: float) -> Iterator[tuple[float, list[float]]]:
        """``tickValues``' levels, made as they are asked for (tick_levels.py)."""
        return tick_levels(self, lo, hi, length)

    def _advance(self, text: str) -> float:
        """A label's width in the axis's font, measured once (a range that moves a little labels
        mostly the same values again; the axis's drawing places them by the same widths)."""
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) >= 256:
                self._widths.clear()
            width = self._widths[text] = self._metrics.horizontalAdvance(text)
        return width

    def _label_key(self) -> tuple:
        """What else the labels depend on besides the range (zone, precision, …)."""
        return ()

    def generateDrawSpecs(self, p: QPainter):
        """pyqtgraph's, cut down to what a chart needs: it runs on every frame (the range moves),
        and the general one (grids, stop-at-tick, per-label bounding boxes) cost about 1.5 ms
        an axis. Only labelled ticks are drawn."""
        p.setFont(self._font)
        bounds = self.mapRectFromParent(self.geometry())
        vertical = self.orientation == "right"
        length = self._length()
        lo, hi = self.range
        if length <= 0 or hi == lo:
            return None
        text_h = self._metrics.height() * 0.8
        tick_len = self.style["tickLength"]
        text_offset = max(0, tick_len) + self.style["tickTextOffset"][0 if vertical else 1]
        pen = self.tickPen()
        frame = self.boundingRect()
        ticks, texts = [], []
        widest = 0.0
        scale = length / (hi - lo)
        for v, text, w in self.labelled_ticks():
            pos = length - (v - lo) * scale if vertical else (v - lo) * scale
            if not 0 <= pos <= length:
                continue
            if vertical:  # a right axis: ticks and labels to the right of its left edge
                x0 = bounds.left()
                ticks.append((pen, QPointF(x0, pos), QPointF(x0 + tick_len, pos)))
                rect = QRectF(x0 + text_offset, pos - text_h / 2, w, text_h)
                flags = _RIGHT_LABEL
                widest = max(widest, w)
            else:
                y0 = bounds.top()
                ticks.append((pen, QPointF(pos, y0), QPointF(pos, y0 + tick_len)))
                rect = QRectF(pos - w / 2, y0 + text_offset, w, text_h)
                flags = _BOTTOM_LABEL
                widest = max(widest, text_h)
            if text and (frame & rect) == rect:
                texts.append((rect, flags, text))
        if vertical:
            span = (bounds.topLeft() + QPointF(1, -1), bounds.bottomLeft() + QPointF(1, 1))
        else:
            span = (bounds.topLeft() + QPointF(-1, 1), bounds.topRight() + QPointF(1, 1))
        self._updateMaxTextSize(widest)
        return (self.pen(), span[0], span[1]), ticks, texts

    def paint_labels(self, painter: QPainter, option, widget=None) -> None:
        """The line, ticks and labels: kept as an :class:`AxisDrawing` where pyqtgraph keeps its
        picture (dropped with it), drawn with prepared text."""
        if self.picture is None:
            painter.save()  # generateDrawSpecs sets its font on the painter
            try:
                specs = self.generateDrawSpecs(painter)
            finally:
                painter.restore()  # (a failing tick text must not leave the scene's painter changed)
            font = self.style["tickFont"] or self._font
            self.picture = NO_DRAWING if specs is None else AxisDrawing(
                *specs, font, self.textPen(), self.boundingRect().toAlignedRect(), self._label_texts,
                self._advance if font is self._font else None)
        self.picture.play(painter)

    def set_marker(self, name: str, marker: Marker | None) -> None:
        if marker is None:
            if self.markers.pop(name, None) is not None:
                self.update()
            return
        self.markers[name] = marker
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        self.paint_labels(painter, option, widget)
        view = self.linkedView()
        if view is None or not self.markers:
            return
        painter.setFont(self._font)
        metrics = self._metrics
        bounds = self.boundingRect()
        for marker in sorted(self.markers.values(), key=lambda m: m.z):
            if self.orientation in ("left", "right"):
                # view.mapViewToScene's steps, without its wrappers' calls (the same arithmetic)
                view.updateMatrix()
                pos = self.mapFromScene(view.mapToScene(view.childGroup.transform().map(QPointF(0, marker.value))))
                h = metrics.height() + 2
                rect = QRectF(0, pos.y() - h / 2, bounds.width(), h)
            else:
                pos = self.mapFromScene(view.mapViewToScene(QPointF(marker.value, 0)))
                w = metrics.horizontalAdvance(marker.text) + 10
                rect = QRectF(pos.x() - w / 2, 0, w, metrics.height() + 4)
            if not bounds.adjusted(-2, -12, 2, 12).contains(rect.center()):
                continue
            painter.fillRect(rect, marker.background)
            painter.setPen(marker.foreground)
            self._marker_texts.draw(painter, rect.adjusted(4, 0, 0, 0), marker.text)


class TimeAxis(_MarkedAxis):
    """Bar times in the chosen zone, marked as TradingView does (:mod:`timemarks`): the date
    where the day changes, the month or the year where they do, times of day between."""

    def __init__(self, manager: BarManager, **kwargs):
        super().__init__("bottom", **kwargs)
        self.manager = manager
        self.zone = ZoneInfo("UTC")
        self.period = Period.M1
        self.chinese = QLocale().language() == QLocale.Language.Chinese
        self._weights = timemarks.Weights()

    def _label_key(self) -> tuple:
        n = len(self.manager)
        return (self.zone, self.period, self.chinese, n, int(self.manager.ts[0]) if n else None)

    def weights(self, first: int = 0, last: int | None = None) -> np.ndarray:
        """Every bar's weight, those from ``first`` to ``last`` (default: all) computed; kept
        until the bars or the zone change (not on a pan), new live bars weighed alone."""
        ts = self.manager.ts
        self._weights.follow(ts, self.zone)
        return self._weights.upto(first, len(ts) - 1 if last is None else last)

    def _place_ticks(self, lo: float, hi: float, length: float) -> list[tuple[float, str, float]]:
        if not len(self.manager):
            return []
        ticks: list[tuple[float, str, float]] = []
        lo, hi = min(lo, hi), max(lo, hi)
        intraday = self.period.is_intraday
        widest = max(self._metrics.horizontalAdvance(t) for t in timemarks.widest_texts(intraday, self.chinese))
        spacing = (widest + LABEL_GAP) * (hi - lo) / length  # in bars
        weight = self.weights(int(np.ceil(lo)), int(np.floor(hi)))
        previous: datetime | None = None
        kinds: list[int] = []
        for i in timemarks.pick(weight, lo, hi, spacing):
            moment = self.moment(i)
            kind = int(weight[i])
            if previous is not None:  # what changed since the mark before: shown even if
                if moment.year != previous.year:  # the bar that changed it was left out
                    kind = max(kind, timemarks.YEAR)
                elif moment.month != previous.month:
                    kind = max(kind, timemarks.MONTH)
                elif moment.date() != previous.date():
                    kind = max(kind, timemarks.DAY)
            label = timemarks.text(moment, kind, intraday, self.chinese)
            width = self._advance(label)
            if ticks:  # a longer label than the spacing allowed for: the lighter one gives way
                last_i, _, last_w = ticks[-1]
                if (i - last_i) * length / (hi - lo) < (width + last_w) / 2 + LABEL_GAP / 2:
                    if kind <= kinds[-1]:
                        continue
                    ticks.pop()
                    kinds.pop()
            ticks.append((float(i), label, width))
            kinds.append(kind)
            previous = moment
        return ticks

    def moment(self, i: int) -> datetime:
        return datetime.fromtimestamp(int(self.manager.ts[i]) / 1000, self.zone)

    def tickStrings(self, values, scale, spacing):
        shown = {v: t for v, t, _ in self.labelled_ticks()}
        return [shown.get(float(v), "") for v in values]

    def time_text(self, i: int, *, full: bool = False) -> str:
        """A bar's time in full (the crosshair's label): unambiguous, ISO order."""
        return self.moment(i).strftime("%Y-%m-%d %H:%M" if self.period.is_intraday else "%Y-%m-%d")


class PriceAxis(_MarkedAxis):
    """Prices at the instrument's precision; on a log scale, round prices at their logarithm;
    on a percent scale, percentages."""

    def __init__(self, scale: PriceScale | None = None, **kwargs):
        super().__init__("right", **kwargs)
        self.price_scale = scale
        self.decimals = 2
        self.formatter = None  # for sub-panes: a callable value → text (volumes, RSI)
        # A study's values (MACD, …) have no instrument precision: its labels take the decimals
        # their tick spacing needs, as pyqtgraph's default axis does (0.0000 → 0, 12.5 → 12.5).
        self.auto_decimals = False
        self._places = 0

    def _label_key(self) -> tuple:
        mode = self.price_scale.mode if self.price_scale is not None else None
        return (self.decimals, mode, self.formatter, self.auto_decimals)

    def text_for(self, y: float) -> str:
        """A value's label; on an auto-precision axis the crosshair's value gets one decimal
        more than the ticks (it falls between them)."""
        if self.formatter is not None:
            return self.formatter(y)
        if self.auto_decimals:
            return f"{y:,.{min(self._places + 1, 12)}f}"
        if self.price_scale is not None and self.price_scale.mode is ScaleMode.PERCENT:
            return f"{y:+.2f}%"
        price = self.price_scale.inverse_one(y) if self.price_scale is not None else y
        return f"{price:,.{self.decimals}f}"

    def tickStrings(self, values, scale, spacing):
        if self.auto_decimals:
            self._places = places_for(spacing)
            return [f"{v:,.{self._places}f}" for v in values]
        return [self.text_for(v) for v in values]

    def tickValues(self, minVal, maxVal, size):
        """pyqtgraph's levels (on a log scale, at the prices' logarithms). The axis lays out its
        labels from :meth:`tick_levels`; this stays as pyqtgraph's API and the tests' reference."""
        if self.price_scale is None or self.price_scale.mode is not ScaleMode.LOG:
            return super().tickValues(minVal, maxVal, size)
        lo, hi = 10.0 ** minVal, 10.0 ** maxVal
        levels = super().tickValues(lo, hi, size)
        return [(spacing, [float(np.log10(v)) for v in values if v > 0]) for spacing, values in levels]

    def tick_levels(self, lo: float, hi: float, length: float) -> Iterator[tuple[float, list[float]]]:
        """``tickValues``' levels, made as they are asked for; on a log scale, the levels of the
        prices' range, at their logarithms."""
        if self.price_scale is None or self.price_scale.mode is not ScaleMode.LOG:
            return tick_levels(self, lo, hi, length)
        return ((spacing, [float(np.log10(v)) for v in values if v > 0])
                for spacing, values in tick_levels(self, 10.0 ** lo, 10.0 ** hi, length))


def places_for(spacing: float) -> int:
    """The decimals that tell ticks ``spacing`` apart (pyqtgraph's rule), at most 12."""
    if not np.isfinite(spacing) or spacing <= 0:
        return 2
    return int(min(12, max(0, np.ceil(-np.log10(spacing)))))
