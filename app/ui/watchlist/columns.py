"""The watchlist's columns: which there are, their titles, how they align and colour, and the
session names of the status column; kept apart so the model, the table that paints it and the
widget that picks the columns share one list."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, Qt

SPARK_ROLE = Qt.ItemDataRole.UserRole + 1  # the sparkline's values, for its delegate


class Col(IntEnum):
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


_STEADY = 2  # Col.SYMBOL and Col.NAME do not change with a quote
_QUOTE_CELLS: list[str | None] = [None] * (len(Col) - _STEADY)
DEFAULT_COLUMNS = (Col.SYMBOL, Col.NAME, Col.LAST, Col.CHANGE, Col.CHANGE_PCT, Col.VOLUME, Col.TIME)
BOOK_COLUMNS = frozenset({Col.BID, Col.ASK, Col.SPREAD})
_LEFT_COLUMNS = frozenset({Col.SYMBOL, Col.NAME, Col.STATUS})
_DIRECTIONAL = frozenset({Col.LAST, Col.CHANGE, Col.CHANGE_PCT})
_AGAINST_CLOSE = frozenset({Col.BID, Col.ASK, Col.OPEN, Col.HIGH, Col.LOW})  # each price by its own side of it
_MUTED = frozenset({Col.NAME, Col.TIME, Col.PREV_CLOSE})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def column_titles() -> dict[Col, str]:
    return {
        Col.SYMBOL: QCoreApplication.translate("Watchlist", "Symbol"), Col.NAME: QCoreApplication.translate("Watchlist", "Name"), Col.LAST: QCoreApplication.translate("Watchlist", "Last"),
        Col.CHANGE: QCoreApplication.translate("Watchlist", "Change"), Col.CHANGE_PCT: QCoreApplication.translate("Watchlist", "Change %"),
        Col.BID: QCoreApplication.translate("Watchlist", "Bid"), Col.ASK: QCoreApplication.translate("Watchlist", "Ask"), Col.SPREAD: QCoreApplication.translate("Watchlist", "Spread"),
        Col.OPEN: QCoreApplication.translate("Watchlist", "Open"), Col.HIGH: QCoreApplication.translate("Watchlist", "High"), Col.LOW: QCoreApplication.translate("Watchlist", "Low"),
        Col.PREV_CLOSE: QCoreApplication.translate("Watchlist", "Prev close"), Col.VOLUME: QCoreApplication.translate("Watchlist", "Volume"),
        Col.TURNOVER: QCoreApplication.translate("Watchlist", "Turnover"), Col.TIME: QCoreApplication.translate("Watchlist", "Time"),
        Col.STATUS: QCoreApplication.translate("Watchlist", "Status"), Col.SPARK: QCoreApplication.translate("Watchlist", "Day"),
    }


def phase_titles() -> dict[str, str]:
    return {"pre": QCoreApplication.translate("Watchlist", "pre"), "open": QCoreApplication.translate("Watchlist", "open"), "lunch": QCoreApplication.translate("Watchlist", "lunch"),
            "after": QCoreApplication.translate("Watchlist", "after"), "night": QCoreApplication.translate("Watchlist", "night"),
            "closed": QCoreApplication.translate("Watchlist", "closed")}
