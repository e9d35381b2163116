"""One watchlist row's state (its quote, book top, formatted texts and today's path), shared by
the model and its sorting, formatting, flash and sparkline parts."""

from __future__ import annotations

from app.core.sessions import Calendar
from app.core.types import Book, Quote
from app.ui.watchlist.columns import WatchlistColumn


class _Row:
    """One symbol's state: its quote, book top, formatted texts and today's path."""

    __slots__ = ("ask", "bid", "calendar", "cells", "flash_at", "flash_up", "instrument", "quote", "spark",
                 "spark_day", "spark_seeded", "spark_slot", "symbol")

    def __init__(self, symbol: str, quote: Quote | None) -> None:
        self.symbol = symbol
        self.quote = quote
        self.bid: float | None = None
        self.ask: float | None = None
        self.cells: list[str | None] = [None] * len(WatchlistColumn)
        self.flash_at = float("-inf")  # never flashed
        self.flash_up = True
        self.spark: list[float] = []
        self.spark_day: int | None = None
        self.spark_slot: int | None = None
        self.spark_seeded = False  # today's minute bars asked for
        self.instrument = None  # the service's details, looked up on the first format
        self.calendar: Calendar | None = None  # its sessions, looked up on the first quote


def _top(book: Book) -> tuple[float | None, float | None]:
    return (book.bids[0][0] if book.bids else None, book.asks[0][0] if book.asks else None)
