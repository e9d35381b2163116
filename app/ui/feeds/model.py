"""The Feeds pane's models: one row per vendor (its latest health and the last 10 minutes of its
rate and latency, a sample a second) and the stale symbols with how long each has been silent.

Rows stay where they first came (no sorting on update): a trader's eye finds a vendor where it
was a second ago. Any number of vendors: a failover's backup is one more row.
"""

from __future__ import annotations

import math
from collections import deque
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.core.health import Health
from app.ui.kit import theme
from app.ui.kit.stale import Ages, age_text

SPARK_SAMPLES = 600  # ten minutes, one sample a second
RING_ROLE = Qt.ItemDataRole.UserRole + 1  # a sparkline cell's samples (a deque; NaN: none)
LATENCY_HIGH_MS = 2_000  # above this a feed is slow (amber)
DOWN_STATES = frozenset({"reconnecting", "disconnected", "error"})

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class FeedColumn(IntEnum):
    VENDOR = 0  # the vendor and its state ("sim · connected"), in the state's colour
    AGE = 1
    LATENCY = 2
    RATE = 3
    RECONNECTS = 4
    REFUSALS = 5
    DROPPED = 6
    RATE_SPARK = 7
    LATENCY_SPARK = 8
    # (a failover's "via" would be one more column here: rows stay keyed by vendor)


SPARK_COLUMNS = frozenset({FeedColumn.RATE_SPARK, FeedColumn.LATENCY_SPARK})


def state_words(state: str) -> str:
    """The feed's state in the running language (DESIGN.md's ``status.state`` names)."""
    return {
        "connecting": QCoreApplication.translate("Feeds", "connecting"),
        "connected": QCoreApplication.translate("Feeds", "connected"),
        "reconnecting": QCoreApplication.translate("Feeds", "reconnecting"),
        "disconnected": QCoreApplication.translate("Feeds", "disconnected"),
        "error": QCoreApplication.translate("Feeds", "error"),
    }.get(state, state)


def latency_text(latency_ms: int | None) -> str:
    return QCoreApplication.translate("Feeds", "n/a") if latency_ms is None else f"{latency_ms:,} ms"


def last_message_text(age_ms: int | None) -> str:
    """How long ago the vendor's last message came ("0.4 s", "42 s", "3 min"); "—" before any."""
    if age_ms is None:
        return "—"
    if age_ms < 10_000:
        return QCoreApplication.translate("Stale", "%1 s").replace("%1", f"{age_ms / 1000:.1f}")
    return age_text(age_ms)


class _Vendor:
    __slots__ = ("health", "latency", "rate", "second")

    def __init__(self, health: Health) -> None:
        self.health = health
        self.rate: deque[float] = deque(maxlen=SPARK_SAMPLES)
        self.latency: deque[float] = deque(maxlen=SPARK_SAMPLES)
        self.second: int | None = None  # the second of the latest sample


class FeedsModel(QAbstractTableModel):
    """Vendors in the order first heard from; :meth:`on_health` takes each health snapshot."""

    def __init__(self) -> None:
        super().__init__()
        self._order: list[str] = []
        self._vendors: dict[str, _Vendor] = {}
        self._titles = {
            FeedColumn.VENDOR: self.tr("Vendor"),
            FeedColumn.AGE: self.tr("Age"), FeedColumn.LATENCY: self.tr("Latency"),
            FeedColumn.RATE: self.tr("msg/s"), FeedColumn.RECONNECTS: self.tr("Reconn."),
            FeedColumn.REFUSALS: self.tr("Refused"), FeedColumn.DROPPED: self.tr("Dropped"),
            FeedColumn.RATE_SPARK: self.tr("Rate, 10m"), FeedColumn.LATENCY_SPARK: self.tr("Latency, 10m"),
        }
        self._tips = {
            FeedColumn.VENDOR: self.tr("The vendor and the state of its connection"),
            FeedColumn.AGE: self.tr("Time since the vendor's last message"),
            FeedColumn.LATENCY: self.tr("Arrival minus the vendor's own time, median of the last 100 "
                                        "(n/a: the vendor sends no usable time)"),
            FeedColumn.RATE: self.tr("Messages per second"),
            FeedColumn.RATE_SPARK: self.tr("Messages per second over the last 10 minutes"),
            FeedColumn.LATENCY_SPARK: self.tr("Latency over the last 10 minutes (gaps: n/a)"),
            FeedColumn.RECONNECTS: self.tr("Times the connection dropped and was made again"),
            FeedColumn.REFUSALS: self.tr("Requests the vendor refused (a key, a plan limit, a symbol)"),
            FeedColumn.DROPPED: self.tr("Values dropped as impossible (NaN, a price ≤ 0, …)"),
        }

    @property
    def vendors(self) -> list[str]:
        return list(self._order)

    def health(self, vendor: str) -> Health | None:
        entry = self._vendors.get(vendor)
        return entry.health if entry else None

    def samples(self, vendor: str) -> tuple[list[float], list[float]]:
        """The vendor's rate and latency samples, oldest first (NaN: no latency that second)."""
        entry = self._vendors[vendor]
        return list(entry.rate), list(entry.latency)

    def on_health(self, health: Health) -> None:
        """A vendor's health: its row updated in place (a new vendor is appended), one sample a
        second added to its sparklines (a second snapshot within the same second replaces it)."""
        entry = self._vendors.get(health.vendor)
        if entry is None:
            row = len(self._order)
            self.beginInsertRows(QModelIndex(), row, row)
            entry = self._vendors[health.vendor] = _Vendor(health)
            self._order.append(health.vendor)
            self.endInsertRows()
        entry.health = health
        second = health.ts // 1000
        latency = math.nan if health.latency_ms is None else float(health.latency_ms)
        if second == entry.second and entry.rate:
            entry.rate[-1], entry.latency[-1] = health.rate, latency
        else:
            entry.second = second
            entry.rate.append(health.rate)
            entry.latency.append(latency)
        row = self._order.index(health.vendor)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(FeedColumn) - 1))

    def clear(self) -> None:
        """Another vendor now (a switch): the old rows go."""
        self.beginResetModel()
        self._order.clear()
        self._vendors.clear()
        self.endResetModel()

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FeedColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[FeedColumn(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips.get(FeedColumn(section))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if section == FeedColumn.VENDOR or section in SPARK_COLUMNS else _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self._vendors[self._order[index.row()]]
        h = entry.health
        col = FeedColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                FeedColumn.VENDOR: self.tr("%1 · %2").replace("%1", h.vendor).replace("%2", state_words(h.state)),
                FeedColumn.AGE: last_message_text(h.age_ms), FeedColumn.LATENCY: latency_text(h.latency_ms),
                FeedColumn.RATE: f"{h.rate:,.1f}", FeedColumn.RECONNECTS: f"{h.reconnects:,}",
                FeedColumn.REFUSALS: f"{h.refusals:,}", FeedColumn.DROPPED: f"{h.dropped:,}",
            }.get(col)
        if role == RING_ROLE:
            if col == FeedColumn.RATE_SPARK:
                return entry.rate
            if col == FeedColumn.LATENCY_SPARK:
                return entry.latency
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            palette = theme.current()
            if col == FeedColumn.VENDOR:
                return palette.red if h.state in DOWN_STATES else (palette.green if h.state == "connected" else palette.amber)
            if col == FeedColumn.LATENCY and h.latency_ms is not None and h.latency_ms > LATENCY_HIGH_MS:
                return palette.amber
            if col in (FeedColumn.REFUSALS, FeedColumn.DROPPED) and getattr(h, col.name.lower()):
                return palette.amber
            if col == FeedColumn.LATENCY and h.latency_ms is None:
                return palette.muted
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if col == FeedColumn.VENDOR else _RIGHT
        return None


class StaleColumn(IntEnum):
    SYMBOL = 0
    SILENT = 1


class StaleModel(QAbstractTableModel):
    """The stale symbols (sorted by symbol, as the health lists them) and how long each has
    been silent; :meth:`set_ages` takes them from :class:`~app.ui.kit.stale.StaleSymbols`."""

    def __init__(self) -> None:
        super().__init__()
        self._symbols: list[str] = []
        self._ages: Ages = {}
        self._titles = [self.tr("Stale symbol"), self.tr("Silent for")]

    @property
    def symbols(self) -> list[str]:
        return list(self._symbols)

    def symbol_at(self, row: int) -> str | None:
        return self._symbols[row] if 0 <= row < len(self._symbols) else None

    def set_ages(self, ages: Ages) -> None:
        symbols = sorted(ages)
        if symbols != self._symbols:
            self.beginResetModel()
            self._symbols, self._ages = symbols, dict(ages)
            self.endResetModel()
        else:
            self._ages = dict(ages)
            if symbols:
                self.dataChanged.emit(self.index(0, StaleColumn.SILENT), self.index(len(symbols) - 1, StaleColumn.SILENT))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._symbols)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(StaleColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if section == StaleColumn.SYMBOL else _RIGHT
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        symbol = self._symbols[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == StaleColumn.SYMBOL:
                return symbol
            return age_text(self._ages.get(symbol)) or self.tr("no data yet")
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == StaleColumn.SILENT:
            return theme.current().amber
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if index.column() == StaleColumn.SYMBOL else _RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return symbol
        return None
