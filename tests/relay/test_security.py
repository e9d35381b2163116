"""NATS credentials and permissions with the real server and the desk configuration shipped in
packaging/nats/desk.conf: relays publish, terminals only read (a terminal's publish on a data
subject or into the last-value bucket is refused by the server); a wrong password is said in
words that never show it; credentials come from the environment when the keyring has none."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.core.periods import Period
from app.core.secrets import mask
from app.core.types import Quote
from app.feeds.base import AuthError
from app.feeds.relay.connect import NatsAuth
from app.feeds.relay.feed import RelayFeed
from app.services.relay_feed import nats_auth
from tests.support.nats_server import start_server
from tests.support.relay_desk import CHANNELS, FAST_TERMINAL, run_desk

CONFIG = Path(__file__).resolve().parents[2] / "packaging" / "nats" / "desk.conf"
# (random runs: any 8 characters of a registered secret are masked in every later text of
# the process, so a word like "terminal" in a password would be masked in other tests' words)
RELAY_PASSWORD, TERMINAL_PASSWORD = "r5d1e9cQ7x", "t8a7f31Zk2"


@pytest.fixture
def desk_server(tmp_path, monkeypatch):
    monkeypatch.setenv("RELAY_PASSWORD", RELAY_PASSWORD)
    monkeypatch.setenv("TERMINAL_PASSWORD", TERMINAL_PASSWORD)
    server = start_server(tmp_path, config=CONFIG)
    try:
        yield server
    finally:
        server.stop()


def test_terminals_read_but_only_relays_publish(desk_server, monkeypatch):
    import nats

    monkeypatch.setenv("NATS_USER", "terminal")
    monkeypatch.setenv("NATS_PASSWORD", TERMINAL_PASSWORD)
    auth = nats_auth()  # the keyring has none (tests use the null keyring): the environment's
    assert (auth.user, auth.password) == ("terminal", TERMINAL_PASSWORD)
    assert TERMINAL_PASSWORD not in repr(auth) and mask(f"pw {TERMINAL_PASSWORD}") == "pw ***"

    async def scenario(desk):
        await desk.active_relay()
        feed, sink = await desk.terminal(auth=auth)
        await feed.subscribe(["US:AAPL"], CHANNELS)
        await sink.wait_for(lambda: len(sink.of(Quote)) >= 2)
        assert len(await feed.klines("US:AAPL", Period.M1, 5)) == 5  # requests are allowed

        errors: list[Exception] = []

        async def collect(exc: Exception) -> None:
            errors.append(exc)

        intruder = await nats.connect(desk.url, user="terminal", password=TERMINAL_PASSWORD, error_cb=collect)
        watcher = await nats.connect(desk.url, user="relay", password=RELAY_PASSWORD)
        seen: list = []
        subject = feed.subjects.data("quote", "US:AAPL")

        async def record(msg) -> None:
            seen.append(msg)

        await watcher.subscribe(subject, cb=record)
        await watcher.flush()
        desk.fake.mute_pushes = True
        await asyncio.sleep(0.2)
        seen.clear()
        try:
            for target in (subject, f"$KV.{feed.subjects.last_bucket}.quote.US=3AAAPL", feed.subjects.status):
                await intruder.publish(target, b"forged")
            await intruder.flush()
            async with asyncio.timeout(3):
                while len(errors) < 3:
                    await asyncio.sleep(0.02)
            await watcher.flush()
        finally:
            await intruder.close()
            await watcher.close()
        assert all("permissions violation" in str(e).lower() for e in errors), errors
        assert not seen, "a terminal's publish reached the relay's subject"

    run_desk(desk_server.url, scenario, relay_auth=NatsAuth("relay", RELAY_PASSWORD))


def test_a_wrong_password_is_said_without_showing_it(desk_server):
    async def scenario():
        feed = RelayFeed(desk_server.url, relay_vendor="qos", auth=NatsAuth("terminal", "w77aa1Jm4q"),
                         timings=FAST_TERMINAL, give_up_after=1)
        with pytest.raises(AuthError) as refused:
            await feed.start()
        await feed.aclose()
        return str(refused.value)

    words = asyncio.run(scenario())
    assert "refused our credentials" in words and "w77aa1Jm4q" not in words
