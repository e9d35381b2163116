"""Time & sales: the newest print on top, coloured by aggressor side (or, when the vendor gives
no side, by tick: up from the last price, down, or level), large prints highlighted, small ones
filtered out, per symbol. While the user reads further down the tape it stays still: new prints
wait above, counted on a button that goes back to the top."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.types import Channel, Instrument, Trade
from app.services.market_data import MarketDataService
from app.storage.settings import TapeFilter
from app.ui.kit.linked import LiveSubscription
from app.ui.kit.pane import PaneDefaults
from app.ui.kit.tables import data_table
from app.ui.kit.theme import Direction
from app.ui.tape.model import AUTO_LARGE, TapeColumn, TapeModel


class TapeWidget(QWidget, PaneDefaults):
    """The tape of the linked symbol, with its filters (remembered per symbol in ``filters``)."""

    def __init__(self, service: MarketDataService, direction: Direction, parent: QWidget | None = None,
                 filters: dict[str, TapeFilter] | None = None):
        super().__init__(parent)
        self._service = service
        self._live = LiveSubscription(service, [Channel.TRADE])
        self.filters = filters if filters is not None else {}
        self.model = TapeModel(direction)
        self.view = data_table(self, 20)
        self.view.setModel(self.model)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col in (TapeColumn.PRICE, TapeColumn.SIZE):  # their widths vary with each print: never cut one
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.min_size = QDoubleSpinBox(self)
        self.min_size.setRange(0, 1e12)
        self.min_size.setDecimals(4)
        self.min_size.setSpecialValueText(self.tr("all"))
        self.min_size.setToolTip(self.tr("Hide prints smaller than this"))
        self.large = QDoubleSpinBox(self)
        self.large.setRange(0, 1e15)
        self.large.setDecimals(2)
        self.large.setSpecialValueText(self.tr("auto"))
        self.large.setToolTip(self.tr("Highlight prints from this size or notional; auto: %g× the median size")
                              % AUTO_LARGE)
        for box in (self.min_size, self.large):  # a spin box asks room for its largest value
            box.setMinimumWidth(56)
            box.setMaximumWidth(120)
        self.large_by = QComboBox(self)
        self.large_by.addItem(self.tr("size"), False)
        self.large_by.addItem(self.tr("notional"), True)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(QLabel(self.tr("Min"), self))
        controls.addWidget(self.min_size, 1)
        controls.addWidget(QLabel(self.tr("Large ≥"), self))
        controls.addWidget(self.large, 1)
        controls.addWidget(self.large_by)
        self.resume = QPushButton(self)
        self.resume.setFlat(True)
        self.resume.hide()
        self.resume.clicked.connect(self.scroll_to_newest)
        self.empty = QLabel(self.tr("No trades yet — select a symbol in the watchlist"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.resume)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self._waiting = 0  # prints arrived while the user read further down
        service.sig_trades.connect(self.on_trades)
        service.sig_instruments.connect(self.on_instruments)
        self.model.modelReset.connect(self._refresh_empty)
        self.model.rowsInserted.connect(self._refresh_empty)
        self.view.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        for box in (self.min_size, self.large):
            box.valueChanged.connect(self._on_filter_edited)
        self.large_by.currentIndexChanged.connect(self._on_filter_edited)
        self._refresh_empty()

    pane_id = "tape"
    linked = True

    def pane_title(self) -> str:
        return QCoreApplication.translate("MainWindow", "Time && sales")

    def set_direction(self, direction: Direction) -> None:
        self.model.set_direction(direction)

    @property
    def symbol(self) -> str | None:
        return self._live.symbol

    @property
    def paused(self) -> bool:
        """The user scrolled away from the newest prints: the view stays where it is."""
        return self.view.verticalScrollBar().value() > 0

    def release(self) -> None:
        """Stop following any symbol (the vendor is about to change)."""
        self._live.follow(None)

    def set_symbol(self, symbol: str) -> None:
        self._live.follow(symbol)
        tape_filter = self.filters.get(symbol, TapeFilter())
        self.model.reset(symbol, self._service.instrument(symbol), self._service.trade_times_ms, tape_filter)
        self._show_filter(tape_filter)
        self._waiting = 0
        self.resume.hide()
        self.empty.setText(self.tr("Waiting for trades in %s…") % symbol)

    def set_filter(self, tape_filter: TapeFilter) -> None:
        """New thresholds for the linked symbol, remembered for it."""
        if self.symbol is not None:
            if tape_filter == TapeFilter():
                self.filters.pop(self.symbol, None)
            else:
                self.filters[self.symbol] = tape_filter
        self.model.set_filter(tape_filter)
        self._show_filter(tape_filter)

    def on_trades(self, trades: dict[str, list[Trade]]) -> None:
        batch = trades.get(self._live.symbol or "")
        if not batch:
            return
        bar = self.view.verticalScrollBar()
        paused, before = self.paused, bar.value()
        added = self.model.add_trades(batch)
        if paused and added:  # keep the rows the user is reading where they are
            self.view.updateGeometries()  # the scroll range grows now, not at the next layout
            bar.setValue(before + added)  # (the table scrolls by whole rows)
            self._waiting += added
            self.resume.setText(self.tr("▲ %d new prints — back to the newest") % self._waiting)
            self.resume.show()

    def scroll_to_newest(self) -> None:
        self.view.verticalScrollBar().setValue(0)

    def on_instruments(self, instruments: list[Instrument]) -> None:
        for inst in instruments:
            if inst.symbol == self._live.symbol:
                self.model.set_instrument(inst)

    def _on_scrolled(self, value: int) -> None:
        if value == 0:
            self._waiting = 0
            self.resume.hide()

    def _on_filter_edited(self, *_args) -> None:
        if self._showing:
            return
        self.set_filter(TapeFilter(min_size=self.min_size.value(), large=self.large.value(),
                                   by_notional=bool(self.large_by.currentData())))

    _showing = False

    def _show_filter(self, tape_filter: TapeFilter) -> None:
        self._showing = True
        try:
            self.min_size.setValue(tape_filter.min_size)
            self.large.setValue(tape_filter.large)
            self.large_by.setCurrentIndex(1 if tape_filter.by_notional else 0)
        finally:
            self._showing = False

    def _refresh_empty(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
