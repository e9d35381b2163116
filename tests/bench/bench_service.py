"""Cost of the market-data hot path: feed message → service → widgets.

Compares the service's per-frame coalescing with the anti-pattern it replaces (one Qt signal per
message into the watchlist model). Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_service``
It prints medians over several rounds, and their ratio; the machine is noisy, so compare runs made
side by side.
"""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from app.core.types import Quote, Side, Trade
from app.feeds.registry import DEFAULT_VENDOR, SPECS
from app.feeds.sim import SimFeed
from app.services.market_data import MarketDataService
from app.ui.kit.theme import RED_UP
from app.ui.watchlist.widget import WatchlistModel

DEFAULT_WATCHLIST = list(SPECS[DEFAULT_VENDOR].default_watchlist)
MESSAGES = 30_000  # three seconds of a 10,000 msg/s burst
FRAME_EVERY = 333  # 10,000 msg/s at 30 frames per second
ROUNDS = 7


def _events(n: int):
    symbols = DEFAULT_WATCHLIST
    out = []
    for i in range(n):
        s = symbols[i % len(symbols)]
        if i % 2:
            out.append(Quote("sim", s, i, last=100.0 + i % 50, prev_close=100.0, volume=float(i)))
        else:
            out.append(Trade("sim", s, i, 100.0, 1.0, Side.BUY))
    return out


def coalesced(events) -> float:
    service = MarketDataService(SimFeed())
    model = WatchlistModel(service, RED_UP)
    model._symbols = list(DEFAULT_WATCHLIST)  # rows without subscribing a live feed
    model._rows = {s: i for i, s in enumerate(model._symbols)}
    sink = service._on_event
    start = time.perf_counter()
    for i, event in enumerate(events):
        sink(event)
        if i % FRAME_EVERY == FRAME_EVERY - 1:
            service.flush()
    service.flush()
    return time.perf_counter() - start


class _PerMessage(QObject):
    sig_quote = Signal(object)


def per_message_signal(events) -> float:
    service = MarketDataService(SimFeed())
    model = WatchlistModel(service, RED_UP)
    model._symbols = list(DEFAULT_WATCHLIST)
    model._rows = {s: i for i, s in enumerate(model._symbols)}
    emitter = _PerMessage()
    emitter.sig_quote.connect(lambda q: model.on_quotes({q.symbol: q}))
    start = time.perf_counter()
    for event in events:
        if type(event) is Quote:
            emitter.sig_quote.emit(event)
    return time.perf_counter() - start


def main() -> None:
    QApplication.instance() or QApplication([])
    events = _events(MESSAGES)
    ours = [coalesced(events) for _ in range(ROUNDS)]
    naive = [per_message_signal(events) for _ in range(ROUNDS)]
    m_ours, m_naive = statistics.median(ours), statistics.median(naive)
    print(f"messages per round: {MESSAGES}, rounds: {ROUNDS}")
    print(f"coalesced per frame : median {m_ours * 1e3:8.2f} ms  ({m_ours / MESSAGES * 1e6:.2f} µs/msg)")
    print(f"one signal per quote: median {m_naive * 1e3:8.2f} ms  ({m_naive / MESSAGES * 1e6:.2f} µs/msg)")
    print(f"ratio (per-message / coalesced): {m_naive / m_ours:.1f}x")


if __name__ == "__main__":
    main()
