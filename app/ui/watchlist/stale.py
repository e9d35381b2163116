"""Stale rows in the watchlist: a symbol whose data has stopped while its market is open has its
prices greyed and its time column says how long it has been silent ("42 s ago"); the row reads
normally again as soon as a quote comes. A part of :class:`~app.ui.watchlist.model.WatchlistModel`
(whose ``paint_row`` and ``data`` hand it a stale row's usual cells to grey)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from app.ui.kit import theme
from app.ui.kit.stale import Ages, StaleSymbols, age_text
from app.ui.watchlist.columns import WatchlistColumn

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, SignalInstance
    from PySide6.QtGui import QColor

    from app.services.market_data import MarketDataService

_GREYED = frozenset(WatchlistColumn) - {WatchlistColumn.SYMBOL, WatchlistColumn.NAME, WatchlistColumn.SPARK}


def silent_text(age_ms: int | None) -> str:
    """The time column of a stale row: "42 s ago" (or "no data" before any came)."""
    silence = age_text(age_ms)
    if not silence:
        return QCoreApplication.translate("Watchlist", "no data")
    return QCoreApplication.translate("Watchlist", "%1 ago").replace("%1", silence)


class WatchlistStale:
    """Greys stale rows (mixed into ``WatchlistModel``, which calls :meth:`_watch_stale`)."""

    if TYPE_CHECKING:
        _rows: dict[str, int]
        _shown: list[str]
        dataChanged: SignalInstance

        def index(self, row: int, column: int) -> QModelIndex: ...

    _stale: Ages = {}

    def _watch_stale(self, service: MarketDataService) -> None:
        self._stale = {}
        StaleSymbols.of(service).sig_changed.connect(self.set_stale)

    def stale_ages(self) -> Ages:
        """The rows marked stale now, with their ages (ms)."""
        return dict(self._stale)

    def set_stale(self, ages: Ages) -> None:
        """Mark these symbols stale (with their ages) and no others; repaints the rows whose
        mark changed or whose age did."""
        touched = {s for s in self._stale.keys() | ages.keys() if self._stale.get(s, -1) != ages.get(s, -1)}
        self._stale = dict(ages)
        rows = [self._rows[s] for s in touched if s in self._rows]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(WatchlistColumn) - 1))

    def _grey_stale(self, symbol: str, columns: list[int],
                    cells: list[tuple[str, QColor | None, QColor | None]]) -> list[tuple[str, QColor | None, QColor | None]]:
        """A stale row's cells as painted: prices greyed, no flash, the time column its silence."""
        muted = theme.current().muted
        out = []
        for col, (text, colour, background) in zip(columns, cells, strict=True):
            if col == WatchlistColumn.TIME:
                out.append((silent_text(self._stale[symbol]), muted, None))
            elif col in _GREYED:
                out.append((text, muted, None))
            else:
                out.append((text, colour, background))
        return out

    def _stale_data(self, index: QModelIndex, role: int, value: object) -> object:
        """A stale row's cell for ``role`` (``value``: what it would be were the row fresh)."""
        symbol = self._shown[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole and col == WatchlistColumn.TIME:
            return silent_text(self._stale[symbol])
        if role == Qt.ItemDataRole.ForegroundRole and col in _GREYED:
            return theme.current().muted
        if role == Qt.ItemDataRole.BackgroundRole:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            words = QCoreApplication.translate("Watchlist", "No data for %1 while the market is open")
            silence = age_text(self._stale[symbol]) or "?"
            return "\n".join(filter(None, [value, words.replace("%1", silence)]))
        return value
