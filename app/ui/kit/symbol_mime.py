"""Symbols carried by drag and drop between panes (the browser, the watchlist tabs)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData

SYMBOLS_MIME = "application/x-quote-terminal-symbols"


def symbols_mime(symbols: list[str]) -> QMimeData:
    """Symbols for a drag: our own type (one a line), and plain text for other programs."""
    data = QMimeData()
    text = "\n".join(symbols)
    data.setData(SYMBOLS_MIME, QByteArray(text.encode()))
    data.setText(text)
    return data


def symbols_from_mime(data: QMimeData) -> list[str]:
    if not data.hasFormat(SYMBOLS_MIME):
        return []
    return [s for s in bytes(data.data(SYMBOLS_MIME).data()).decode().split("\n") if s]
