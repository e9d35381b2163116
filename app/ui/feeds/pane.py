"""The Feeds pane: one row per vendor with its health (state, age of the last message, latency,
messages per second, reconnects, refusals, dropped values) and sparklines of its rate and
latency over the last 10 minutes; under it the stale symbols and how long each has been silent
(a double-click links the symbol, so the chart and the book show it)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget

from app.ui.feeds.model import FeedColumn, FeedsModel, StaleModel
from app.ui.feeds.spark import RingSparkDelegate
from app.ui.kit import theme
from app.ui.kit.pane import PaneDefaults
from app.ui.kit.stale import Ages
from app.ui.kit.tables import data_table

SPARK_MIN_WIDTH = 40  # (a narrow dock squeezes them before it scrolls)
ROW_HEIGHT = 30  # the sparklines need some height to be read


class FeedsPane(QWidget, PaneDefaults):
    """Signals:

    - ``sig_symbol_chosen(str)``: a stale symbol was double-clicked (or Enter pressed on it).
    """

    sig_symbol_chosen = Signal(str)
    pane_id = "feeds"

    def __init__(self, model: FeedsModel | None = None, parent: QWidget | None = None) -> None:
        """``model``: the health table's, when it gathered before the pane was built."""
        super().__init__(parent)
        self.model = model if model is not None else FeedsModel()
        self.view = data_table(self, ROW_HEIGHT)
        self.view.setObjectName("feeds-table")
        self.view.setModel(self.model)
        self.rate_spark = RingSparkDelegate(0, self.view)
        self.latency_spark = RingSparkDelegate(1, self.view)
        self.view.setItemDelegateForColumn(FeedColumn.RATE_SPARK, self.rate_spark)
        self.view.setItemDelegateForColumn(FeedColumn.LATENCY_SPARK, self.latency_spark)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(SPARK_MIN_WIDTH)
        for col in (FeedColumn.RATE_SPARK, FeedColumn.LATENCY_SPARK):  # the width the figures leave
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)

        self.stale_model = StaleModel()
        self.stale_view = data_table(self, 22, selectable=True)
        self.stale_view.setObjectName("stale-table")
        self.stale_view.setModel(self.stale_model)
        self.stale_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.stale_view.setToolTip(self.tr("Double-click a symbol to show it in the chart and the book"))
        self.stale_view.activated.connect(self._on_activated)  # a double-click, or Enter
        self.none_stale = QLabel(self.tr("No stale symbols"), self)
        self.none_stale.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.tint(self.none_stale, "muted")

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.stale_view, 1)
        lower_layout.addWidget(self.none_stale)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setSizes([120, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.set_stale({})

    def pane_title(self) -> str:
        return self.tr("Feeds")

    def set_stale(self, ages: Ages) -> None:
        self.stale_model.set_ages(ages)
        self.stale_view.setVisible(bool(ages))
        self.none_stale.setVisible(not ages)

    def release(self) -> None:
        """Another vendor now: its rows start afresh."""
        self.model.clear()
        self.set_stale({})

    def _on_activated(self, index: QModelIndex) -> None:
        symbol = self.stale_model.symbol_at(index.row())
        if symbol is not None:
            self.sig_symbol_chosen.emit(symbol)
