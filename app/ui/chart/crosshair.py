"""The chart's crosshair and the legends in each pane's title row (the hovered, else the last,
bar's values); a part of :class:`~app.ui.chart.view.ChartView`, kept apart so what the pointer
shows changes without touching the data and range code. Its strings keep the ``ChartView``
translation context."""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF

from app.ui import formatting as fmt
from app.ui.chart.axis import Marker
from app.ui.chart.items import LineItem
from app.ui.chart.studies import StudyKind

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import SignalInstance

    from app.core.periods import Period
    from app.ui.chart.manager import BarManager
    from app.ui.chart.panes import Pane
    from app.ui.chart.scale import PriceScale
    from app.ui.chart.studies import Study
    from app.ui.theme import Direction, Theme

LEGEND_GAP = "&nbsp; "  # between a legend's parts: two spaces, where a long legend may wrap


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
        decimals: int
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
                _set_legend(pane, " ")
            return
        _set_legend(self.price, self.price_legend(i))
        for pane in self.panes[1:]:
            _set_legend(pane, self.study_legend(pane, i))

    def price_legend(self, i: int) -> str:
        ts, o, h, lo, c, v = self.manager.bar(i)
        prev = float(self.manager.close[i - 1]) if i > 0 else o
        change = c - prev
        pct = change / prev * 100 if prev else 0.0
        d = self.decimals
        colour = self.direction.for_change(change).name()
        muted = self.theme.muted.name()
        when = datetime.fromtimestamp(ts / 1000, self.zone)
        stamp = when.strftime("%Y-%m-%d %H:%M" if self.period.is_intraday else "%Y-%m-%d")
        parts = [f"<span style='color:{muted}'>{stamp}&nbsp;{fmt.zone_label(when)}</span>"]
        # context "ChartView", where these strings were written: self.tr here would file them under this mixin
        for label, value in ((QCoreApplication.translate("ChartView", "O"), o),
                             (QCoreApplication.translate("ChartView", "H"), h),
                             (QCoreApplication.translate("ChartView", "L"), lo),
                             (QCoreApplication.translate("ChartView", "C"), c)):
            parts.append(f"<span style='color:{muted}'>{label}</span>&nbsp;"
                         f"<span style='color:{colour}'>{fmt.price(value, d)}</span>")
        parts.append(f"<span style='color:{colour}'>{fmt.signed(change, d)}&nbsp;({pct:+.2f}%)</span>")
        parts.append(f"<span style='color:{muted}'>{QCoreApplication.translate('ChartView', 'V')}</span>&nbsp;"
                     f"<span style='color:{self.theme.text.name()}'>"
                     f"{fmt.compact(v, self.chinese)}</span>")
        for study, items in self.overlays:
            values = [f"<span style='color:{item.colour.name()}'>{name}&nbsp;{fmt.price(study.value_at(name, i), d)}</span>"
                      for name, item in zip(study.series, items, strict=True)
                      if math.isfinite(study.value_at(name, i))]
            if values:
                parts.append(" ".join(values))
        return LEGEND_GAP.join(parts)

    def study_legend(self, pane: Pane, i: int) -> str:
        study = pane.study
        if study is None:
            return " "
        text_colour = self.theme.text.name()
        parts = [f"<span style='color:{text_colour}'>{study.spec.title()}</span>"]
        if study.spec.kind is StudyKind.VOL:
            parts.append(f"<span style='color:{text_colour}'>{fmt.compact(float(self.manager.volume[i]), self.chinese)}</span>")
        decimals = min(self.decimals + 1, 6) if study.spec.kind is StudyKind.MACD else 2
        for name, item in pane.lines:
            if name == "VOL":
                continue
            value = study.value_at(name, i)
            text = "—" if not math.isfinite(value) else (
                fmt.compact(value, self.chinese) if study.spec.kind is StudyKind.VOL else f"{value:,.{decimals}f}")
            colour = item.colour.name() if isinstance(item, LineItem) else self.theme.muted.name()
            parts.append(f"<span style='color:{colour}'>{name}&nbsp;{text}</span>")
        return LEGEND_GAP.join(parts)


def _set_legend(pane: Pane, text: str) -> None:
    """Only a changed legend is set: laying out rich text costs more than a frame's candles."""
    if pane.plot.titleLabel.text != text:
        pane.plot.setTitle(text, justify="left", size="9pt")
