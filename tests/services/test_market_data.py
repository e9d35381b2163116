"""The service coalesces bursts into one batch per frame and ref-counts subscriptions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pytest

from app.core.periods import Period
from app.core.types import (
    Bar,
    Book,
    Category,
    Channel,
    ConnectionState,
    Instrument,
    Quote,
    Side,
    Status,
    Trade,
)
from app.feeds.base import Feed, UnknownSymbolError
from app.services.market_data import MarketDataService
from app.services.subscriptions import RefCounter
from tests.support.qt_loop import run_task


T0 = 1_740_000_000_000  # 2025-02-19: a feed lets out no time before 2000 (app.core.validate)


class RecordingFeed(Feed):
    """A feed the test drives by hand; it records what the service asked of it."""

    vendor = "rec"

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
        self.closed = False

    async def start(self) -> None:
        self.emit(Status(self.vendor, ConnectionState.CONNECTED))

    async def aclose(self) -> None:
        self.closed = True

    async def subscribe(self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1) -> None:
        symbols = tuple(symbols)
        if "US:BAD" in symbols:
            raise UnknownSymbolError("unknown symbol US:BAD")
        self.calls.append(("sub", symbols, tuple(c.value for c in channels)))

    async def unsubscribe(self, symbols: Iterable[str], channels: Iterable[Channel], period: Period = Period.M1) -> None:
        self.calls.append(("unsub", tuple(symbols), tuple(c.value for c in channels)))

    async def snapshot(self, symbols):
        return []

    async def klines(self, symbol: str, period: Period, count: int, end: datetime | None = None):
        return []

    async def categories(self):
        return [Category("x", "X")]

    async def instruments(self, category=None):
        return [Instrument("US:AAPL", "Apple")]


@pytest.fixture
def service(qloop, qtbot):
    feed = RecordingFeed()
    svc = MarketDataService(feed)
    run_task(qtbot, svc.start())
    yield svc
    run_task(qtbot, svc.aclose())
    assert feed.closed


def test_burst_reaches_widgets_as_one_batch_per_frame(service, qtbot):
    quotes_batches, trade_batches, book_batches = [], [], []
    service.sig_quotes.connect(quotes_batches.append)
    service.sig_trades.connect(trade_batches.append)
    service.sig_books.connect(book_batches.append)
    with qtbot.waitSignal(service.sig_quotes, timeout=2000):
        for i in range(10_000):
            service.feed.emit(Quote("rec", "US:AAPL", T0 + i, last=100.0 + i))
            service.feed.emit(Trade("rec", "US:AAPL", T0 + i, 100.0 + i, 1.0, Side.BUY))
            if i % 10 == 0:
                service.feed.emit(Book("rec", "HK:00700", T0 + i, [(1.0, 1.0)], [(1.1, 1.0)]))
    assert len(quotes_batches) == 1 and len(trade_batches) == 1 and len(book_batches) == 1
    assert quotes_batches[0]["US:AAPL"].last == 100.0 + 9_999  # the latest wins
    assert [t.ts - T0 for t in trade_batches[0]["US:AAPL"]] == list(range(10_000))  # every trade, in order
    assert book_batches[0]["HK:00700"].ts == T0 + 9_990
    assert service.latest_quote("US:AAPL").last == 10_099.0


def test_bars_keep_a_closed_bar_and_the_new_one(service, qtbot):
    batches = []
    service.sig_bars.connect(batches.append)
    with qtbot.waitSignal(service.sig_bars, timeout=2000):
        service.feed.emit(Bar("rec", "US:AAPL", "1m", T0 + 60_000, 1, 2, 0.5, 1.5, 10))
        service.feed.emit(Bar("rec", "US:AAPL", "1m", T0 + 60_000, 1, 2, 0.5, 1.7, 11))
        service.feed.emit(Bar("rec", "US:AAPL", "1m", T0 + 120_000, 1.7, 1.7, 1.7, 1.7, 1))
    bars = batches[0][("US:AAPL", "1m")]
    assert [(b.ts - T0, b.close) for b in bars] == [(60_000, 1.7), (120_000, 1.7)]


def test_subscriptions_are_ref_counted(service, qtbot):
    feed = service.feed
    service.acquire(["US:AAPL"], [Channel.QUOTE])
    service.acquire(["US:AAPL", "HK:00700"], [Channel.QUOTE])
    qtbot.waitUntil(lambda: len(feed.calls) == 2, timeout=2000)
    assert feed.calls == [("sub", ("US:AAPL",), ("quote",)), ("sub", ("HK:00700",), ("quote",))]
    service.release(["US:AAPL"], [Channel.QUOTE])
    service.release(["US:AAPL", "HK:00700"], [Channel.QUOTE])
    qtbot.waitUntil(lambda: len(feed.calls) == 3, timeout=2000)
    assert feed.calls[2] == ("unsub", ("US:AAPL", "HK:00700"), ("quote",))  # one request for both


def test_a_vendor_refusal_becomes_words(service, qtbot):
    with qtbot.waitSignal(service.sig_error, timeout=2000) as blocker:
        service.acquire(["US:BAD"], [Channel.QUOTE])
    assert blocker.args == ["unknown symbol US:BAD"]


def test_status_passes_straight_through(service, qtbot):
    with qtbot.waitSignal(service.sig_status, timeout=1000) as blocker:
        service.feed.emit(Status("rec", ConnectionState.RECONNECTING, "link dropped"))
    assert blocker.args[0].state is ConnectionState.RECONNECTING


def test_refcounter():
    refs = RefCounter()
    assert refs.acquire(["a", "a", "b"]) == ["a", "b"]
    assert refs.release(["a"]) == []
    assert refs.release(["a", "b", "zzz"]) == ["a", "b"]
    assert len(refs) == 0
