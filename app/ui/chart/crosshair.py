"""The chart's crosshair and the legends in each pane's title row (the hovered, else the last,
bar's values); a part of :class:`~app.ui.chart.view.ChartView`, kept apart so what the pointer
shows changes without touching the data and range code. Its strings keep the ``ChartView``
translation context."""

from __future__ import annotations

import math
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QPointF

from app.core import zones
from app.services.words import words
from app.ui.chart.axis import Marker
from app.ui.chart.items import LineItem
from app.ui.chart.studies import LINE_NAMES, StudyKind
from app.ui.kit import formatting as fmt

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import SignalInstance

    from app.core.periods import Period
    from app.ui.chart.manager import BarManager
    from app.ui.chart.panes import LegendItem, Pane
    from app.ui.chart.scale import PriceScale
    from app.ui.chart.studies import Study
    from app.ui.kit.theme import Direction, Theme

class ChartCrosshair:
    """The crosshair and legend half of the chart view (mixed into ``ChartView``)."""

    if TYPE_CHECKING:
        manager: BarManager
        scale: PriceScale
        theme: Theme
        direction: Direction
        price: Pane
        panes: list[Pane]
        overlays: list[tuple[Study, list[LineItem]]]
        extras: list
        decimals: int
        size_decimals: int
        period: Period
        zone: ZoneInfo
        chinese: bool
        magnet: bool
        hover: int | None
        sig_hover: SignalInstance

    def _on_mouse_moved(self, pos: QPointF) -> None:
        hovered = next((p for p in self.panes if p.vb.sceneBoundingRect().contains(pos)), None)
        if hovered is None or not len(self.manager):
            self.hide_crosshair()
            return
        point = hovered.vb.mapSceneToView(pos)
        self.show_crosshair(point.x(), point.y(), hovered)

    def show_crosshair(self, x: float, y: float, hovered: Pane) -> None:
        """Vertical line through every pane at the bar under ``x``; the horizontal line and
        its label in the hovered pane (snapped to the bar's OHLC in magnet mode)."""
        i = self.manager.index_at(x)
        if i is None:
            return
        if self.magnet and hovered is self.price:
            ohlc = [self.scale.forward_one(v) for v in self.manager.bar(i)[1:5]]
            y = min(ohlc, key=lambda v: abs(v - y))
        for pane in self.panes:
            pane.v_line.setPos(i)
            pane.v_line.setVisible(True)
            is_hovered = pane is hovered
            pane.h_line.setVisible(is_hovered)
            if is_hovered:
                pane.h_line.setPos(y)
                pane.price_axis.set_marker("cross", Marker(y, pane.price_axis.text_for(y), self.theme.marker,
                                                           self.theme.marker_text))
            else:
                pane.price_axis.set_marker("cross", None)
        bottom = self.panes[-1].time_axis
        bottom.set_marker("cross", Marker(i, bottom.time_text(i, full=True), self.theme.marker,
                                          self.theme.marker_text))
        if i != self.hover:
            self.hover = i
            self.update_legends()
            self.sig_hover.emit(i)

    def hide_crosshair(self) -> None:
        for pane in self.panes:
            pane.v_line.setVisible(False)
            pane.h_line.setVisible(False)
            pane.price_axis.set_marker("cross", None)
            pane.time_axis.set_marker("cross", None)
        if self.hover is not None:
            self.hover = None
            self.update_legends()
            self.sig_hover.emit(None)

    def leaveEvent(self, ev) -> None:
        self.hide_crosshair()
        super().leaveEvent(ev)

    def legend_index(self) -> int | None:
        n = len(self.manager)
        if not n:
            return None
        return self.hover if self.hover is not None and self.hover < n else n - 1

    def update_legends(self) -> None:
        """Each pane's title row: the hovered (else the last) bar's values. Title rows sit above
        the plots, so a legend never covers a candle."""
        i = self.legend_index()
        if i is None:
            for pane in self.panes:
                pane.plot.titleLabel.set_items([])
            return
        self.price.plot.titleLabel.set_items(self.price_legend(i))
        for pane in self.panes[1:]:
            pane.plot.titleLabel.set_items(self.study_legend(pane, i))

    def volume_text(self, value: float) -> str:
        """A volume as the watchlist and the volume pane's axis write it."""
        return fmt.volume(value, self.chinese, self.size_decimals)

    def price_legend(self, i: int) -> list[LegendItem]:
        """The bar's time, O H L C, change, volume, then each overlay's lines: one item each."""
        ts, o, h, lo, c, v = self.manager.bar(i)
        prev = float(self.manager.close[i - 1]) if i > 0 else o
        change = c - prev
        pct = change / prev * 100 if prev else 0.0
        d = self.decimals
        colour = self.direction.for_change(change).name()
        muted = self.theme.muted.name()
        chinese = QLocale().language() == QLocale.Language.Chinese  # (as fmt.zone_label asks)
        items: list[LegendItem] = [((_stamp(ts, self.zone, self.period.is_intraday, chinese), muted),)]
        # context "ChartView", where these strings were written: self.tr here would file them under this mixin
        for label, value in ((QCoreApplication.translate("ChartView", "O"), o),
                             (QCoreApplication.translate("ChartView", "H"), h),
                             (QCoreApplication.translate("ChartView", "L"), lo),
                             (QCoreApplication.translate("ChartView", "C"), c)):
            items.append(((label + " ", muted), (fmt.price(value, d), colour)))
        items.append(((f"{fmt.signed(change, d)} ({pct:+.2f}%)", colour),))
        volume = QCoreApplication.translate("ChartView", "V")
        items.append(((volume + " ", muted), (self.volume_text(v), self.theme.text.name())))
        for study, lines in self.overlays:
            for name, item in zip(study.series, lines, strict=True):
                value = study.value_at(name, i)
                if math.isfinite(value):
                    items.append(((f"{line_name(name)} {fmt.price(value, d)}", item.colour.name()),))
        for extra in self.extras:  # the compared symbols
            items.extend(extra.legend(i))
        return items

    def study_legend(self, pane: Pane, i: int) -> list[LegendItem]:
        """The study's title, then each of its lines' value at bar ``i``: one item each."""
        study = pane.study
        if study is None:
            return []
        text_colour = self.theme.text.name()
        items: list[LegendItem] = [((study.spec.title(), text_colour),)]
        vol = study.spec.kind is StudyKind.VOL
        if vol:
            items.append(((self.volume_text(float(self.manager.volume[i])), text_colour),))
        decimals = min(self.decimals + 1, 6) if study.spec.kind is StudyKind.MACD else 2
        for name, item in pane.lines:
            if name == "VOL":
                continue
            value = study.value_at(name, i)
            text = "—" if not math.isfinite(value) else (
                self.volume_text(value) if vol else f"{value:,.{decimals}f}")
            colour = item.colour.name() if isinstance(item, LineItem) else self.theme.muted.name()
            items.append(((f"{line_name(name)} {text}", colour),))
        return items


@lru_cache(maxsize=64)
def _stamp(ts: float, zone: ZoneInfo, intraday: bool, chinese: bool) -> str:
    """A bar's time and its zone's name, as the price legend heads it: written once per bar
    (a live tick repeats the last bar's; strftime and the zone's name cost more than the rest
    of the legend's numbers)."""
    when = datetime.fromtimestamp(ts / 1000, zone)
    stamp = when.strftime("%Y-%m-%d %H:%M" if intraday else "%Y-%m-%d")
    return f"{stamp} {zones.zone_name(when, chinese)}"


def line_name(name: str) -> str:
    """A study line's name as the reader's language has it (中轨 for BOLL's MID)."""
    text = LINE_NAMES.get(name)
    return name if text is None else words(text)
