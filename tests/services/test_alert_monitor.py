"""The alert monitor: every event the feed delivers is evaluated (a print between two frames
included), a signal only for an alert, the rules' symbols subscribed beside the others' and let
go when their last rule goes, again after a vendor switch, and the engine's clock once a second."""

from __future__ import annotations

from app.core.alerts import ABOVE, BIG_PRINT, SWEEP, VOLUME_SPIKE, Alert, AlertEngine
from app.core.periods import Period
from app.core.types import Channel, Trade
from app.services.alerts import CHANNELS, AlertMonitor
from app.services.market_data import MarketDataService
from app.storage.alerts import AlertStore
from tests.services.test_market_data import T0, RecordingFeed
from tests.support.qt_loop import run_task


def _started(qtbot, feed=None) -> tuple[MarketDataService, RecordingFeed]:
    feed = feed or RecordingFeed()
    service = MarketDataService(feed, frame_ms=1000)  # a long frame: the batches cannot be what is seen
    run_task(qtbot, service.start())
    return service, feed


def test_every_event_is_evaluated_and_only_an_alert_signals(qloop, qtbot):
    service, feed = _started(qtbot)
    monitor = AlertMonitor(service, AlertStore(None))
    monitor.start()
    monitor.add("US:AAPL", ABOVE, 200)
    monitor.add("US:AAPL", BIG_PRINT, 5000)
    fired: list[Alert] = []
    monitor.sig_fired.connect(fired.append)
    for i in range(1000):  # one frame's worth of prints under the level: no signal at all
        feed.emit(Trade("rec", "US:AAPL", T0 + i, 199.0 + (i % 10) / 10, 10))
    assert fired == []
    feed.emit(Trade("rec", "US:AAPL", T0 + 2000, 200.5, 10))  # crosses
    feed.emit(Trade("rec", "US:AAPL", T0 + 2001, 199.0, 6000))  # back under, and a big print
    assert [(a.rule, a.ts) for a in fired] == [("above 200", T0 + 2000), ("big-print 5000", T0 + 2001)]
    assert service.flushes == 0  # seen before any frame was flushed


def test_the_rules_symbols_are_held_beside_the_others(qloop, qtbot):
    service, feed = _started(qtbot)
    service.acquire(["US:AAPL"], [Channel.QUOTE])  # the watchlist's
    monitor = AlertMonitor(service, AlertStore(None))
    monitor.start()
    rule = monitor.add("US:AAPL", ABOVE, 200)
    monitor.add("HK:00700", ABOVE, 500)
    assert service._refs.count(("US:AAPL", Channel.QUOTE, None)) == 2
    assert all(service._refs.count(("HK:00700", c, None)) == 1 for c in CHANNELS)
    monitor.remove(rule.id)
    assert service._refs.count(("US:AAPL", Channel.QUOTE, None)) == 1  # the watchlist's stays
    assert service._refs.count(("US:AAPL", Channel.TRADE, None)) == 0
    qtbot.waitUntil(lambda: ("unsub", ("US:AAPL",), ("trade",)) in feed.calls)
    assert ("unsub", ("US:AAPL",), ("quote",)) not in feed.calls


def test_book_and_bar_rules_hold_books_and_minute_bars_too(qloop, qtbot):
    """A sweep reads the book and a volume spike the 1m bars: the monitor holds those as well,
    and lets them go with the rule."""
    service, _feed = _started(qtbot)
    monitor = AlertMonitor(service, AlertStore(None))
    monitor.start()
    sweep = monitor.add("HK:00700", SWEEP, 3)
    assert service._refs.count(("HK:00700", Channel.DEPTH, None)) == 1
    spike = monitor.add("US:AAPL", VOLUME_SPIKE, 3)
    assert service._refs.count(("US:AAPL", Channel.BAR, Period.M1)) == 1
    monitor.remove(sweep.id)
    monitor.remove(spike.id)
    assert service._refs.count(("HK:00700", Channel.DEPTH, None)) == 0
    assert service._refs.count(("US:AAPL", Channel.BAR, Period.M1)) == 0


def test_a_vendor_switch_subscribes_the_rules_again(qloop, qtbot):
    service, _feed = _started(qtbot)
    monitor = AlertMonitor(service, AlertStore(None))
    monitor.start()
    monitor.add("HK:00700", ABOVE, 500)
    monitor.release()  # as the window releases every pane before a switch
    other = RecordingFeed()
    run_task(qtbot, service.switch_feed(other))
    assert service._refs.count(("HK:00700", Channel.TRADE, None)) == 1
    qtbot.waitUntil(lambda: any(call[0] == "sub" and call[1] == ("HK:00700",) for call in other.calls))


def test_a_change_to_the_file_is_read_within_a_second(qloop, qtbot, tmp_path):
    service, _feed = _started(qtbot)
    monitor = AlertMonitor(service, AlertStore(tmp_path / "alerts.json"))
    monitor.start()
    with qtbot.waitSignal(monitor.sig_rules_changed, timeout=1500):
        AlertStore(tmp_path / "alerts.json").add("US:AAPL", ABOVE, 250)  # another process's store
    assert [r.text for r in monitor.rules] == ["above 250"]
    assert service._refs.count(("US:AAPL", Channel.QUOTE, None)) == 1


class _ClockedEngine(AlertEngine):
    """An engine with rules on time (as "feed stale" will be): it fires at the first tick."""

    def __init__(self, rules=()) -> None:
        super().__init__(rules)
        self.ticks: list[int] = []

    def on_clock(self, now_ms: int) -> list[Alert]:
        self.ticks.append(now_ms)
        return [Alert(now_ms, "a9", "US:AAPL", "stale 5", "rec", 0.0)] if len(self.ticks) == 1 else []


def test_the_engines_clock_is_called_once_a_second(qloop, qtbot):
    service, _feed = _started(qtbot)
    monitor = AlertMonitor(service, AlertStore(None), clock=lambda: 1_741_000_000.0)
    monitor.engine = _ClockedEngine()
    fired: list[Alert] = []
    monitor.sig_fired.connect(fired.append)
    monitor.start()
    qtbot.waitUntil(lambda: len(monitor.engine.ticks) >= 2, timeout=2500)
    assert monitor.engine.ticks[0] == 1_741_000_000_000 and [a.rule for a in fired] == ["stale 5"]
