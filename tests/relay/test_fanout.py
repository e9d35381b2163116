"""Twenty terminals on one relay over the QOS fake: each gets exactly what the fake pushed for
its symbols, in order per symbol; the fake sees one connection and one subscription per symbol;
a terminal that joins a quiet market shows the last quote at once; the last lease's end lets the
symbol go upstream; a terminal asking beyond the cap is told in words."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest

from app.core.periods import Period
from app.core.types import ConnectionState, Quote, Trade
from app.feeds.base import VendorRefusal
from app.feeds.qos import QosFeed
from tests.fakes.qos import expand, qos_code
from tests.support.relay_desk import CHANNELS, event_key, pushed_key, run_desk

SYMBOLS = ["US:AAPL", "HK:00700", "SH:600519", "PERP:BTCUSDT"]
TERMINALS = 20


def wanted_by(i: int) -> list[str]:
    return [SYMBOLS[i % 4], SYMBOLS[(i + 1) % 4]]


def test_twenty_terminals_get_exactly_the_pushes_over_one_vendor_connection(nats_server):
    async def scenario(desk):
        desk.fake.mute_pushes = True  # no pushes until every terminal is in
        await desk.active_relay()
        first, first_sink = await desk.terminal()  # the relay subscribes upstream: the state comes
        await first.subscribe(SYMBOLS, CHANNELS)
        await first_sink.wait_for(lambda: {e.symbol for e in first_sink.events if type(e) is Quote} == set(SYMBOLS))
        terminals = await asyncio.gather(*(desk.terminal() for _ in range(TERMINALS - 1)))
        terminals.append((first, first_sink))
        await asyncio.gather(*(feed.subscribe(wanted_by(i), CHANNELS) for i, (feed, _) in enumerate(terminals)))
        marks = [len(sink.events) for _, sink in terminals]
        first = len(desk.fake.pushed)
        desk.fake.mute_pushes = False
        await desk.fake.wait_for(lambda: len(desk.fake.pushed) - first >= 120, timeout=10)
        desk.fake.mute_pushes = True
        pushed = desk.fake.pushed[first:]

        def mine(i):
            codes = {qos_code(s) for s in (SYMBOLS if i == TERMINALS - 1 else wanted_by(i))}
            return [pushed_key(f) for f in pushed if f["c"] in codes]

        def got(i):
            feed, sink = terminals[i]
            keys = (event_key(e, qos_code) for e in sink.events[marks[i]:])
            return [k for k in keys if k is not None]

        for i, (_, sink) in enumerate(terminals):
            await sink.wait_for(lambda i=i: len(got(i)) >= len(mine(i)), timeout=5)
        for i in range(TERMINALS):
            expected, received = mine(i), got(i)
            assert len(received) == len(expected), f"terminal {i}: {len(received)} events, {len(expected)} pushed"
            for code in {k[0] for k in expected}:  # in order per symbol
                assert [k for k in received if k[0] == code] == [k for k in expected if k[0] == code]
            assert len(expected) > 10
        # one vendor connection, one subscription per symbol and channel, however many terminals
        assert len(desk.fake.handshakes) == 1
        subs = desk.fake.subscriptions()
        assert subs == {(kind, qos_code(s)): 1 for kind in ("S", "T", "D") for s in SYMBOLS}
        for feed, sink in terminals:
            assert sink.statuses(ConnectionState.CONNECTED), "the terminal never said the relay is connected"
            assert "relay connected" in sink.statuses(ConnectionState.CONNECTED)[-1].detail
            assert "qos connected" in sink.statuses(ConnectionState.CONNECTED)[-1].detail

    run_desk(nats_server.url, scenario)


def test_a_late_terminal_shows_the_last_quote_at_once_in_a_quiet_market(nats_server):
    async def scenario(desk):
        await desk.active_relay()
        early, early_sink = await desk.terminal()
        await early.subscribe(["US:AAPL"], CHANNELS)
        await early_sink.wait_for(lambda: len(early_sink.of(Quote)) >= 3, timeout=5)
        desk.fake.mute_pushes = True  # a quiet market from now on
        await asyncio.sleep(0.3)  # what was on its way arrives, and the bucket is written
        last = early_sink.of(Quote)[-1]
        began = time.monotonic()
        late, late_sink = await desk.terminal()
        await late.subscribe(["US:AAPL"], CHANNELS)
        await late_sink.wait_for(lambda: late_sink.of(Quote), timeout=1.0)
        assert time.monotonic() - began < 1.0
        assert late_sink.of(Quote)[-1] == last

    run_desk(nats_server.url, scenario)


def test_the_last_lease_lets_the_symbol_go_and_beyond_the_cap_is_said(nats_server):
    async def scenario(desk):
        await desk.active_relay(cap=2)
        a, a_sink = await desk.terminal()
        b, b_sink = await desk.terminal()
        await a.subscribe(["US:AAPL", "HK:00700"], CHANNELS)
        await b.subscribe(["US:AAPL"], CHANNELS)  # held already: costs nothing
        with pytest.raises(VendorRefusal, match="holds 2 symbols of qos at once.*SH:600519"):
            await b.subscribe(["SH:600519"], CHANNELS)
        assert a.refusals == {} and "SH:600519" in b.refusals
        await a.unsubscribe(["US:AAPL", "HK:00700"], CHANNELS)  # b still wants AAPL: only 700 goes
        code_700, code_aapl = qos_code("HK:00700"), qos_code("US:AAPL")

        def unsubscribed(code):
            return any(code in expand(cmd.get("codes")) for conn in desk.fake.connections
                       for cmd in conn.commands if cmd.get("type") == "SC")

        await desk.fake.wait_for(lambda: unsubscribed(code_700), timeout=5)
        assert not unsubscribed(code_aapl)
        await b.subscribe(["SH:600519"], CHANNELS)  # room again, now that 700 is gone
        # a terminal that dies without a word: its lease ends after its ttl and AAPL goes too
        b._closed = True
        for task in list(b._tasks):
            task.cancel()
        await b.nc.close()
        await desk.fake.wait_for(lambda: unsubscribed(code_aapl), timeout=5)

    run_desk(nats_server.url, scenario)


def test_the_desk_asks_the_vendor_once_for_the_same_history(nats_server, tmp_path):
    from app.storage.klines import KlineCache

    async def scenario(desk):
        cache = KlineCache(tmp_path / "klines.sqlite3")
        try:
            await desk.active_relay(cache=cache)
            terminals = [await desk.terminal() for _ in range(10)]
            feed = terminals[0][0]  # the vendor's traits, as the relay reports them
            assert feed.periods == QosFeed.periods and feed.timed_events == {Quote, Trade}
            assert feed.health.timed == {Quote, Trade} and feed.time_resolution_ms == 1000
            answers = await asyncio.gather(*(feed.klines("US:AAPL", Period.M1, 50) for feed, _ in terminals))
            assert len(answers[0]) == 50 and all(a == answers[0] for a in answers)
            assert desk.history_requests() == 1  # ten terminals opening the same chart: one request
            end = datetime.fromtimestamp(answers[0][40].ts / 1000, UTC)
            older = await terminals[3][0].klines("US:AAPL", Period.M1, 20, end)
            assert older == answers[0][21:41]  # history from the relay's cache, not the vendor
            assert desk.history_requests() == 1
        finally:
            cache.close()

    run_desk(nats_server.url, scenario)
