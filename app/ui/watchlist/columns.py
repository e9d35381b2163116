"""The watchlist's columns: which there are, their titles, how they align and colour, and the
session names of the status column; kept apart so the model, the table that paints it and the
widget that picks the columns share one list."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, Qt

SPARK_ROLE = Qt.ItemDataRole.UserRole + 1  # the sparkline's values, for its delegate


class WatchlistColumn(IntEnum):
    SYMBOL = 0
    NAME = 1
    LAST = 2
    CHANGE = 3
    CHANGE_PCT = 4
    BID = 5
    ASK = 6
    SPREAD = 7
    OPEN = 8
    HIGH = 9
    LOW = 10
    PREV_CLOSE = 11
    VOLUME = 12
    TURNOVER = 13
    TIME = 14
    STATUS = 15
    SPARK = 16


_STEADY = 2  # WatchlistColumn.SYMBOL and WatchlistColumn.NAME do not change with a quote
_QUOTE_CELLS: list[str | None] = [None] * (len(WatchlistColumn) - _STEADY)
DEFAULT_COLUMNS = (WatchlistColumn.SYMBOL, WatchlistColumn.NAME, WatchlistColumn.LAST, WatchlistColumn.CHANGE, WatchlistColumn.CHANGE_PCT, WatchlistColumn.VOLUME, WatchlistColumn.TIME)
BOOK_COLUMNS = frozenset({WatchlistColumn.BID, WatchlistColumn.ASK, WatchlistColumn.SPREAD})
_LEFT_COLUMNS = frozenset({WatchlistColumn.SYMBOL, WatchlistColumn.NAME, WatchlistColumn.STATUS})
_DIRECTIONAL = frozenset({WatchlistColumn.LAST, WatchlistColumn.CHANGE, WatchlistColumn.CHANGE_PCT})
_AGAINST_CLOSE = frozenset({WatchlistColumn.BID, WatchlistColumn.ASK, WatchlistColumn.OPEN, WatchlistColumn.HIGH, WatchlistColumn.LOW})  # each price by its own side of it
_MUTED = frozenset({WatchlistColumn.NAME, WatchlistColumn.TIME, WatchlistColumn.PREV_CLOSE})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def column_titles() -> dict[WatchlistColumn, str]:
    return {
        WatchlistColumn.SYMBOL: QCoreApplication.translate("Watchlist", "Symbol"), WatchlistColumn.NAME: QCoreApplication.translate("Watchlist", "Name"), WatchlistColumn.LAST: QCoreApplication.translate("Watchlist", "Last"),
        WatchlistColumn.CHANGE: QCoreApplication.translate("Watchlist", "Change"), WatchlistColumn.CHANGE_PCT: QCoreApplication.translate("Watchlist", "Change %"),
        WatchlistColumn.BID: QCoreApplication.translate("Watchlist", "Bid"), WatchlistColumn.ASK: QCoreApplication.translate("Watchlist", "Ask"), WatchlistColumn.SPREAD: QCoreApplication.translate("Watchlist", "Spread"),
        WatchlistColumn.OPEN: QCoreApplication.translate("Watchlist", "Open"), WatchlistColumn.HIGH: QCoreApplication.translate("Watchlist", "High"), WatchlistColumn.LOW: QCoreApplication.translate("Watchlist", "Low"),
        WatchlistColumn.PREV_CLOSE: QCoreApplication.translate("Watchlist", "Prev close"), WatchlistColumn.VOLUME: QCoreApplication.translate("Watchlist", "Volume"),
        WatchlistColumn.TURNOVER: QCoreApplication.translate("Watchlist", "Turnover"), WatchlistColumn.TIME: QCoreApplication.translate("Watchlist", "Time"),
        WatchlistColumn.STATUS: QCoreApplication.translate("Watchlist", "Status"), WatchlistColumn.SPARK: QCoreApplication.translate("Watchlist", "Day"),
    }


def phase_titles() -> dict[str, str]:
    return {"pre": QCoreApplication.translate("Watchlist", "pre"), "open": QCoreApplication.translate("Watchlist", "open"), "lunch": QCoreApplication.translate("Watchlist", "lunch"),
            "after": QCoreApplication.translate("Watchlist", "after"), "night": QCoreApplication.translate("Watchlist", "night"),
            "closed": QCoreApplication.translate("Watchlist", "closed")}
