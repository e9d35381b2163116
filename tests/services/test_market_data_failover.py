"""The service on a composite feed: ``sig_failover`` and ``sig_divergence`` carry the events,
``serving`` names the vendor a symbol shows now, a failed-over symbol's age is the backup's,
``vendor_feeds`` lists each vendor's feed, and ``build_feed`` makes a failover from the setting."""

from __future__ import annotations

import time

import pytest

from app.core.types import Channel, ConnectionState, Divergence, Failover, Quote, Status
from app.feeds.compare import CompareFeed
from app.feeds.failover import FailoverFeed
from app.services.market_data import MarketDataService
from app.services.vendors import build_feed
from app.storage.settings import Settings
from tests.support.hand_feed import HandFeed
from tests.support.qt_loop import run_task

SYMBOL = "CRYPTO:BTCUSDT"


def now_ms() -> int:
    return int(time.time() * 1000)


@pytest.fixture
def failover_service(qloop, qtbot):
    primary, backup = HandFeed("maidong"), HandFeed("itick")
    svc = MarketDataService(FailoverFeed(primary, backup, down_grace_ms=0, check_interval=0.01))
    run_task(qtbot, svc.start())
    yield svc, primary, backup
    run_task(qtbot, svc.aclose())


def test_sig_failover_serving_and_the_backups_age(failover_service, qtbot):
    svc, primary, backup = failover_service
    run_task(qtbot, svc.feed.subscribe([SYMBOL], [Channel.QUOTE]))
    primary.emit(Quote("maidong", SYMBOL, now_ms(), last=95_000.0))
    assert svc.serving(SYMBOL) == "maidong"
    assert [f.vendor for f in svc.vendor_feeds()] == ["maidong", "itick"]
    with qtbot.waitSignal(svc.sig_failover, timeout=2000) as caught:
        primary.emit(Status("maidong", ConnectionState.RECONNECTING))
    event = caught.args[0]
    assert type(event) is Failover and (event.from_, event.to, event.symbols) == ("maidong", "itick", [SYMBOL])
    assert svc.serving(SYMBOL) == "itick"
    assert svc.symbol_age_ms(SYMBOL) is None  # nothing from the backup yet (the primary's was fresh)
    with qtbot.waitSignal(svc.sig_quotes, timeout=2000) as quotes:
        backup.emit(Quote("itick", SYMBOL, now_ms(), last=95_001.0))
    assert quotes.args[0][SYMBOL].vendor == "itick"
    assert 0 <= svc.symbol_age_ms(SYMBOL) < 1000


def test_sig_divergence(qloop, qtbot):
    primary, other = HandFeed("maidong"), HandFeed("itick")
    svc = MarketDataService(CompareFeed(primary, other, bp=5.0, hold_ms=50, check_interval=0.01))
    run_task(qtbot, svc.start())
    try:
        run_task(qtbot, svc.feed.subscribe([SYMBOL], [Channel.QUOTE]))
        with qtbot.waitSignal(svc.sig_divergence, timeout=2000) as caught:
            primary.emit(Quote("maidong", SYMBOL, now_ms(), last=95_000.0))
            other.emit(Quote("itick", SYMBOL, now_ms(), last=95_500.0))
        assert type(caught.args[0]) is Divergence and caught.args[0].values == [95_000.0, 95_500.0]
    finally:
        run_task(qtbot, svc.aclose())


def test_build_feed_makes_a_failover_from_the_setting():
    plain = build_feed("sim", Settings())
    assert type(plain) is not FailoverFeed
    feed = build_feed("sim", Settings(backup={"sim": "maidong"}))
    assert type(feed) is FailoverFeed and feed.vendor == "sim" and feed.backup.vendor == "maidong"
    assert type(build_feed("sim", Settings(backup={"sim": "sim"}))) is not FailoverFeed
    assert type(build_feed("sim", Settings(backup={"sim": "nobody"}))) is not FailoverFeed
