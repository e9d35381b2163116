"""The window on a relay, as a trader sees it: the status bar's state names the relay and the
vendor behind it; when the relay dies it says "relay reconnecting" and the watchlist keeps its
prices; a relay started again brings the prices back to life without restarting the terminal."""

from __future__ import annotations

import asyncio

from app.feeds.relay.feed import RelayFeed
from app.feeds.relay.server import Relay
from app.feeds.sim import SimFeed
from app.storage.settings import Settings
from app.ui.watchlist.columns import WatchlistColumn
from tests.support.qt_loop import run_task
from tests.support.relay_desk import FAST_RELAY, FAST_TERMINAL, dump_tasks

SYMBOL = "CRYPTO:BTCUSDT"


def test_the_window_says_relay_and_vendor_and_keeps_its_prices_through_a_relay_restart(qloop, qtbot, nats_server):
    from app.services.market_data import MarketDataService
    from app.ui.shell.main_window import MainWindow
    from tests.support.window_parts import window_parts

    relays: list[tuple[asyncio.Event, asyncio.Task]] = []

    async def start_relay(name: str) -> None:
        relay = Relay("sim", nats_server.url, None, lambda: SimFeed(always_open=True, step_ms=20),
                      timings=FAST_RELAY, name=name)
        stop = asyncio.Event()
        relays.append((stop, asyncio.ensure_future(relay.run(stop))))
        await asyncio.wait_for(relay.active.wait(), 5)

    async def kill_relay() -> None:
        _, task = relays.pop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    run_task(qtbot, start_relay("first"))
    settings = Settings(watchlist=[SYMBOL], selected=SYMBOL)
    feed = RelayFeed(nats_server.url, relay_vendor="sim", timings=FAST_TERMINAL)
    service = MarketDataService(feed)
    window = MainWindow(service, settings, **window_parts(service, settings))
    qtbot.addWidget(window)
    window.resize(1600, 900)
    try:
        run_task(qtbot, service.start())
        window.show()
        window.start()
        model = window.watchlist_model

        def last() -> str:
            return str(model.index(model.row_of(SYMBOL), WatchlistColumn.LAST).data() or "")

        def state() -> tuple[str, str]:
            return window.status.connection.text(), window.status.connection.toolTip()

        qtbot.waitUntil(lambda: "relay connected · sim connected" in state()[1], timeout=5000)
        assert "connected" in state()[0]
        qtbot.waitUntil(lambda: last() != "", timeout=5000)

        run_task(qtbot, kill_relay())
        qtbot.waitUntil(lambda: "relay reconnecting" in state()[1], timeout=5000)
        assert "reconnecting" in state()[0]
        shown = last()
        assert shown != ""  # the price stays on screen while no relay serves it

        run_task(qtbot, start_relay("second"))
        qtbot.waitUntil(lambda: "relay connected · sim connected" in state()[1], timeout=5000)
        qtbot.waitUntil(lambda: last() not in ("", shown), timeout=5000)  # live again, same terminal
    finally:
        run_task(qtbot, service.aclose())
        for stop, _ in relays:
            stop.set()
        try:  # each of the relay's steps down is bounded; on a loaded machine they add up
            run_task(qtbot, asyncio.gather(*(task for _, task in relays), return_exceptions=True), timeout=15000)
        except Exception:
            dump_tasks("the relay's stop")
            raise
