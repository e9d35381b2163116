"""A small recording made for the replay tests: one symbol, one minute, one book, one quote and
one print a second, so that what a pane shows says which second it shows (the best bid at second
``i`` is ``100 + i``, the print's size ``1 + i``)."""

from __future__ import annotations

from pathlib import Path

from app.core.types import Book, Quote, Side, Trade
from app.storage.recording import RecordingWriter
from app.storage.settings import Settings

SYMBOL = "CRYPTO:BTCUSDT"
T0 = 1_741_662_000_000  # 2025-03-11 03:00 UTC
SECONDS = 60


def bid_at(i: int) -> float:
    return 100.0 + i


def events_of_second(i: int) -> list[tuple[int, object]]:
    """(recorded time, event) of second ``i``: the book, the quote, then the print."""
    t = T0 + i * 1000
    return [
        (t, Book("sim", SYMBOL, t, [(bid_at(i), 2.0)], [(bid_at(i) + 0.5, 3.0)])),
        (t + 100, Quote("sim", SYMBOL, t + 100, last=bid_at(i) + 0.25, prev_close=100.0)),
        (t + 200, Trade("sim", SYMBOL, t + 200, bid_at(i) + 0.25, 1.0 + i, Side.BUY)),
    ]


def make_recording(path: Path, seconds: int = SECONDS) -> Path:
    writer = RecordingWriter(path)
    for i in range(seconds):
        for at, event in events_of_second(i):
            writer.write(event, at)  # type: ignore[arg-type]
    writer.close()
    return path


def window_settings(rolling_hours: float = 0.0) -> Settings:
    """The simulator with BTC and ETH in the watchlist, BTC linked; a rolling recording or none."""
    return Settings(vendor="sim", watchlist=[SYMBOL, "CRYPTO:ETHUSDT"], selected=SYMBOL, rolling_hours=rolling_hours)
