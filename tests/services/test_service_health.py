"""``MarketDataService.sig_health``: the active feed's health once a second, for the GUI."""

from __future__ import annotations

from app.core.health import Health
from app.core.types import Quote
from tests.services.test_market_data import T0, service  # noqa: F401  (the fixture)


def test_sig_health_carries_the_feeds_health_once_a_second(service, qtbot):  # noqa: F811
    for i in range(30):
        service.feed.emit(Quote("rec", "US:AAPL", T0 + i, last=100.0 + i))
    with qtbot.waitSignal(service.sig_health, timeout=2500) as first:
        pass
    line = first.args[0]
    assert isinstance(line, Health)
    assert line.vendor == "rec" and line.state == "connected" and line.rate > 0
    assert line.age_ms is not None and line.age_ms < 1500
    assert service.symbol_age_ms("US:AAPL") is not None and service.symbol_age_ms("HK:00700") is None
    with qtbot.waitSignal(service.sig_health, timeout=2500) as second:
        pass
    assert 900 <= second.args[0].ts - line.ts <= 1200  # a second later
    assert second.args[0].rate < line.rate  # nothing since: the rate falls
