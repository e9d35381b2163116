"""Faults on a desk: the relay killed and started again, the active relay of a standby pair
killed, NATS itself gone and back. No terminal is lost: each says "relay reconnecting" while
nothing serves it (or nothing at all when a standby takes over in time), then resumes by itself,
its leases renewed."""

from __future__ import annotations

import asyncio
import dataclasses

from app.core.types import ConnectionState, Quote
from tests.support.relay_desk import CHANNELS, FAST_TERMINAL, run_desk

SYMBOLS = ["US:AAPL", "HK:00700"]


async def quotes_again(terminals, timeout: float = 8.0) -> None:
    """Until every terminal has a new quote of each symbol after now."""
    marks = [len(sink.events) for _, sink in terminals]
    for (_, sink), mark in zip(terminals, marks):
        await sink.wait_for(lambda s=sink, m=mark: {e.symbol for e in s.events[m:] if type(e) is Quote}
                            == set(SYMBOLS), timeout=timeout)


def said(sink, state: ConnectionState, words: str, since: int = 0) -> bool:
    return any(getattr(e, "state", None) is state and words in e.detail for e in sink.events[since:])


def test_a_relay_killed_and_started_again_loses_no_terminal(nats_server):
    async def scenario(desk):
        relay = await desk.active_relay(name="first")
        terminals = [await desk.terminal() for _ in range(5)]
        for feed, _ in terminals:
            await feed.subscribe(SYMBOLS, CHANNELS)
        await quotes_again(terminals)
        marks = [len(sink.events) for _, sink in terminals]
        await desk.kill_relay(relay)
        for (_, sink), mark in zip(terminals, marks):
            await sink.wait_for(lambda s=sink, m=mark: said(s, ConnectionState.RECONNECTING, "relay reconnecting", m))
        await desk.active_relay(name="second")  # it waits for the dead one's lock to expire
        await quotes_again(terminals)
        for (feed, sink), mark in zip(terminals, marks):
            await sink.wait_for(lambda s=sink, m=mark: said(s, ConnectionState.CONNECTED, "relay connected", m))
            assert not said(sink, ConnectionState.ERROR, "", 0) and feed.failure is None
        assert len(desk.fake.handshakes) == 2  # one vendor connection per relay life

    run_desk(nats_server.url, scenario)


def test_the_standby_takes_over_when_the_active_relay_dies(nats_server):
    patient = dataclasses.replace(FAST_TERMINAL, relay_silence=4.5)

    async def scenario(desk):
        active = await desk.active_relay(name="a")
        standby = desk.start_relay(name="b")
        terminals = [await desk.terminal(timings=patient) for _ in range(5)]
        for feed, _ in terminals:
            await feed.subscribe(SYMBOLS, CHANNELS)
        await quotes_again(terminals)
        assert not standby.active.is_set() and len(desk.fake.handshakes) == 1
        marks = [len(sink.events) for _, sink in terminals]
        await desk.kill_relay(active)
        await asyncio.wait_for(standby.active.wait(), 5)
        await quotes_again(terminals)
        for _, sink in terminals:  # the desk did not notice
            assert not said(sink, ConnectionState.RECONNECTING, "", min(marks))
        assert len(desk.fake.handshakes) == 2

    run_desk(nats_server.url, scenario)


def test_a_nats_outage_is_said_and_the_terminals_resume(nats_server):
    async def scenario(desk):
        await desk.active_relay()
        terminals = [await desk.terminal() for _ in range(3)]
        for feed, _ in terminals:
            await feed.subscribe(SYMBOLS, CHANNELS)
        await quotes_again(terminals)
        marks = [len(sink.events) for _, sink in terminals]
        await asyncio.to_thread(nats_server.stop)
        for (_, sink), mark in zip(terminals, marks):
            await sink.wait_for(lambda s=sink, m=mark: said(s, ConnectionState.RECONNECTING, "NATS at", m))
        await asyncio.to_thread(nats_server.start)
        await quotes_again(terminals, timeout=10)
        for (feed, sink), mark in zip(terminals, marks):
            await sink.wait_for(lambda s=sink, m=mark: said(s, ConnectionState.CONNECTED, "relay connected", m))
            assert feed.failure is None

    run_desk(nats_server.url, scenario)


def test_a_terminal_started_before_nats_waits_and_then_serves(nats_server):
    """The GUI's feed (no give-up) never holds the window's start: NATS down, start() returns
    saying "relay reconnecting", a subscription is kept, and served once NATS and a relay are up."""
    async def scenario(desk):
        await asyncio.to_thread(nats_server.stop)
        began = asyncio.get_running_loop().time()
        feed, sink = await desk.terminal()
        assert asyncio.get_running_loop().time() - began < 5
        assert said(sink, ConnectionState.RECONNECTING, "relay reconnecting")
        await feed.subscribe(SYMBOLS, CHANNELS)
        await asyncio.to_thread(nats_server.start)
        await desk.active_relay()
        await quotes_again([(feed, sink)], timeout=10)

    run_desk(nats_server.url, scenario)
