"""The chart's comparisons: other symbols added from the symbol palette (the tool bar's
*Compare* menu), each loaded from the same history for the chart's period, kept live, drawn in
percent from the first visible bar with its own colour and legend item, saved with the
chart's settings and removed from the same menu. While a comparison is on the price scale is in
percent (as TradingView switches it); removing the last one gives back the scale chosen before."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import math

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton

from app.core.periods import Period
from app.core.types import Bar, Channel
from app.ui.chart.compare.item import CompareItem
from app.ui.chart.compare.series import CompareSeries
from app.ui.chart.scale import ScaleMode
from app.ui.kit.async_result import AsyncResults
from app.ui.kit.linked import LiveSubscription

if TYPE_CHECKING:
    import numpy as np

    from app.ui.chart.panes import LegendItem
    from app.ui.chart.widget import ChartWidget
    from app.ui.palette.view import SymbolPalette

HISTORY_BARS = 1000  # as the chart's own first page
OLDER_PAGE = 1000
MAX_COMPARED = 8


@dataclass
class _Entry:
    series: CompareSeries
    item: CompareItem
    live: LiveSubscription
    loads: AsyncResults
    held: list[Bar] | None = field(default_factory=list)  # live bars until the first page shows
    older: object | None = None
    followed: Period | None = None  # the period the history follows it at (back-fill, cache)


class CompareController(QObject):
    """Signals:

    - ``sig_changed(list[str])``: the compared symbols, after one was added or removed.
    """

    sig_changed = Signal(object)

    def __init__(self, chart: ChartWidget) -> None:
        super().__init__(chart)
        self.chart = chart
        self.view = chart.view
        self._service = chart._service
        self.entries: dict[str, _Entry] = {}
        self._scale_before: ScaleMode | None = None
        self.button = QToolButton(chart)
        self.button.setText(self.tr("Compare"))
        self.button.setToolTip(self.tr("Compare with other symbols, in percent from the first bar in view"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(chart)
        self.button.setMenu(self.menu)
        self.menu.aboutToShow.connect(self._build_menu)
        self.view.extras.append(self)
        self.view.sig_need_older.connect(self._load_older)
        self.view.scene().sigMouseClicked.connect(self._on_click)
        self.legend_menu: QMenu | None = None
        self._service.sig_bars.connect(self._on_bars)
        chart.history.sig_backfill.connect(self._on_backfill)

    @property
    def symbols(self) -> list[str]:
        return list(self.entries)

    # -- the menu and the palette ------------------------------------------------------------------

    def _build_menu(self) -> None:
        menu = self.menu
        menu.clear()
        add = QAction(self.tr("Add symbol…"), menu)
        add.triggered.connect(self.open_palette)
        menu.addAction(add)
        if self.entries:
            menu.addSeparator()
        for symbol in self.entries:
            action = QAction(self.tr("Remove %1").replace("%1", self._label(symbol)), menu)
            action.triggered.connect(lambda _=False, s=symbol: self.remove(s))
            menu.addAction(action)
        if len(self.entries) > 1:
            clear = QAction(self.tr("Remove all comparisons"), menu)
            clear.triggered.connect(self.clear)
            menu.addAction(clear)

    def _on_click(self, event) -> None:
        """A right click on a compared symbol's legend item: its menu (remove it)."""
        if event.button() != Qt.MouseButton.RightButton:
            return
        item = self.view.price.plot.titleLabel.item_at(event.scenePos())
        symbol = next((s for s in self.entries if item and item[0][0].startswith(self._label(s) + " ")), None)
        if symbol is None:
            return
        event.accept()
        menu = QMenu(self.chart)
        remove = QAction(self.tr("Remove %1").replace("%1", self._label(symbol)), menu)
        remove.triggered.connect(lambda _=False: self.remove(symbol))
        menu.addAction(remove)
        add = QAction(self.tr("Add symbol…"), menu)
        add.triggered.connect(self.open_palette)
        menu.addAction(add)
        self.legend_menu = menu
        menu.popup(event.screenPos().toPoint())

    def open_palette(self) -> SymbolPalette:
        """The symbol palette, in compare mode: the symbol picked is added to this chart."""
        palette = self._palette()
        palette.index.add(self._service.instruments())
        palette.open_to_pick(self.tr("Compare %1 with: Enter adds the symbol to this chart · Esc: close")
                             .replace("%1", self.chart.symbol or ""), self.add)
        return palette

    def _palette(self) -> SymbolPalette:
        from app.core.search import SymbolIndex
        from app.ui.palette.view import SymbolPalette

        window = self.chart.window()
        found = window.findChild(SymbolPalette)
        if found is None:  # a chart on its own (no main window around it)
            found = SymbolPalette(SymbolIndex(), self.view.chinese, window)
        return found

    def _label(self, symbol: str) -> str:
        inst = self._service.instrument(symbol)
        if inst is None:
            return symbol
        name = (inst.name_zh or inst.name) if self.view.chinese else (inst.name or inst.name_zh)
        return f"{symbol} {name}" if name and name != symbol else symbol

    # -- adding and removing ---------------------------------------------------------------------

    def add(self, symbol: str) -> bool:
        """Compare ``symbol`` on this chart (False, said in the notice, when it cannot be)."""
        if symbol in self.entries:
            self.chart.set_notice(self.tr("%1 is already compared").replace("%1", symbol))
            return False
        if symbol == self.chart.symbol:
            self.chart.set_notice(self.tr("%1 is the chart's own symbol").replace("%1", symbol))
            return False
        if len(self.entries) >= MAX_COMPARED:
            self.chart.set_notice(self.tr("At most %1 symbols are compared on one chart")
                                  .replace("%1", str(MAX_COMPARED)))
            return False
        if not self.entries and self.view.scale.mode is not ScaleMode.PERCENT:
            self._scale_before = self.view.scale.mode
            self._set_scale(ScaleMode.PERCENT)
        self._add(symbol)
        self._saved()
        return True

    def remove(self, symbol: str) -> None:
        entry = self.entries.pop(symbol, None)
        if entry is None:
            return
        self._drop(entry)
        if not self.entries and self._scale_before is not None:
            self._set_scale(self._scale_before)
            self._scale_before = None
        self._saved()

    def clear(self) -> None:
        for symbol in list(self.entries):
            self.remove(symbol)

    def restore(self, symbols: list[str]) -> None:
        """The compared symbols of a chart's saved settings (at start, or a workspace's)."""
        for symbol in list(self.entries):
            if symbol not in symbols:
                self._drop(self.entries.pop(symbol))
        for symbol in symbols[:MAX_COMPARED]:
            if symbol not in self.entries:
                self._add(symbol)
        self.sig_changed.emit(self.symbols)

    def _add(self, symbol: str) -> None:
        series = CompareSeries(symbol, self.view.manager)
        slot = next(k for k in range(len(self.entries) + 1)
                    if k not in {e.item.slot for e in self.entries.values()})
        item = CompareItem(series, self.view.lod, self.view.scale, slot)
        self.view.price.plot.addItem(item)
        entry = _Entry(series, item, LiveSubscription(self._service, [Channel.BAR]), AsyncResults(self))
        self.entries[symbol] = entry
        self._load(entry)

    def _drop(self, entry: _Entry) -> None:
        entry.loads.renew()
        entry.live.follow(None)
        self._unfollow(entry)
        self.view.price.plot.removeItem(entry.item)
        self.view.refresh()

    def _set_scale(self, mode: ScaleMode) -> None:
        box = self.chart.scale_box
        box.setCurrentIndex(max(0, box.findData(mode)))  # as a user picks it: drawn and saved

    def _saved(self) -> None:
        self.chart.settings.compare = self.symbols
        self.chart.sig_settings_changed.emit()
        self.sig_changed.emit(self.symbols)
        self.view.refresh()

    # -- data ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """The chart's symbol or period changed: every compared symbol again, at its period."""
        for entry in self.entries.values():
            self._load(entry)

    def release(self) -> None:
        """The chart stops (the vendor changes): no subscription, no answer on its way."""
        for entry in self.entries.values():
            entry.loads.renew()
            entry.live.follow(None)
            self._unfollow(entry)

    def _unfollow(self, entry: _Entry) -> None:
        if entry.followed is not None:
            self.chart.history.unfollow(entry.series.symbol, entry.followed)
            entry.followed = None

    def _load(self, entry: _Entry) -> None:
        entry.loads.renew()
        entry.older = None
        entry.held = []
        entry.series.loaded = False
        entry.series.exhausted = False
        entry.series.bars.clear()
        if self.chart.symbol is None:
            return
        symbol, period = entry.series.symbol, self.chart.period
        entry.live.follow(symbol, period)
        history = self.chart.history
        self._unfollow(entry)
        history.follow(symbol, period)  # its bars back-filled after a reconnect, written to the cache
        entry.followed = period
        entry.loads.track(history.cached(symbol, period, HISTORY_BARS), lambda bars: self._on_page(entry, bars, False))
        entry.loads.track(history.refresh(symbol, period, HISTORY_BARS), lambda bars: self._on_page(entry, bars, True),
                          lambda error: self._on_error(entry, error))

    def _on_page(self, entry: _Entry, bars: list[Bar], fresh: bool) -> None:
        if not bars:
            return
        series = entry.series
        if not series.loaded:
            series.bars.set_bars(bars)
            series.loaded = True
            held, entry.held = entry.held or [], None
            self._apply(entry, held)
        elif fresh:
            series.bars.merge(bars)
        self._changed()

    def _on_error(self, entry: _Entry, error: BaseException) -> None:
        from app.services.words import words

        if not entry.series.loaded:
            self.chart.set_notice(self.tr("No bars to compare for %1: %2")
                                  .replace("%1", entry.series.symbol).replace("%2", words(error)))

    def _on_bars(self, frame: dict) -> None:
        period = self.chart.period.value
        changed = False
        for symbol, entry in self.entries.items():
            bars = frame.get((symbol, period))
            if not bars:
                continue
            if entry.held is not None:
                entry.held.extend(bars)
                continue
            self._apply(entry, bars)
            changed = True
        if changed:
            self._changed()

    def _on_backfill(self, found: dict) -> None:
        period = self.chart.period.value
        merged = False
        for symbol, entry in self.entries.items():
            bars = found.get((symbol, period))
            if bars and entry.series.loaded:
                entry.series.bars.merge(bars)
                merged = True
        if merged:
            self._changed()

    @staticmethod
    def _apply(entry: _Entry, bars: list[Bar]) -> None:
        for bar in bars:
            if entry.series.bars.update(bar) is None:
                entry.series.bars.merge([bar])

    def _load_older(self) -> None:
        """Older compared bars while the chart shows bars before the compared symbol's first."""
        main = self.view.manager
        for entry in self.entries.values():
            series = entry.series
            if (entry.older is not None or not series.loaded or series.exhausted or not len(main)
                    or not len(series.bars) or series.bars.ts[0] <= main.ts[0]):
                continue
            symbol, period = series.symbol, self.chart.period
            entry.older = entry.loads.track(
                self.chart.history.older(symbol, period, int(series.bars.ts[0]), OLDER_PAGE),
                lambda bars, e=entry: self._on_older(e, bars), lambda _error, e=entry: self._on_older(e, []))

    def _on_older(self, entry: _Entry, bars: list[Bar]) -> None:
        entry.older = None
        if entry.series.bars.prepend(bars) == 0:
            entry.series.exhausted = True
        self._changed()
        self._load_older()  # the chart may reach further back still

    def _changed(self) -> None:
        for entry in self.entries.values():
            entry.item.update()
        self.view.refresh()

    # -- what the view asks (legend, y fit) ------------------------------------------------------

    def legend(self, i: int) -> list[LegendItem]:
        """One legend item per compared symbol: its name and its change at bar ``i``."""
        items: list[LegendItem] = []
        for symbol, entry in self.entries.items():
            base = entry.item.base_index()
            pct = entry.series.percent_at(i, base) if base is not None else math.nan
            text = "—" if not math.isfinite(pct) else f"{pct:+.2f}%"
            items.append(((f"{self._label(symbol)} {text}", entry.item.colour.name()),))
        return items

    def y_values(self) -> list[np.ndarray]:
        """The drawn y of every compared line in view (the price pane's fit includes them)."""
        self._load_older()
        return [entry.item.y_values() for entry in self.entries.values()]
