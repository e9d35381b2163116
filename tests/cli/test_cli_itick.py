"""The command line against the fake iTick server (``--ws-url`` is the root of the per-class
WebSockets)."""

from __future__ import annotations

import subprocess

import pytest

from tests.cli.test_cli import QUOTE_KEYS, lines
from tests.fakes.itick import FakeItickServer
from tests.support.cli import run_cli
from tests.support.threaded import serving_in_thread

SYMBOLS = {"US:AAPL", "HK:00700", "FX:EURUSD", "CRYPTO:BTCUSDT"}


@pytest.fixture(scope="module")
def fake_itick():
    """A fake iTick on its own thread and loop (the CLI runs in a subprocess)."""
    with serving_in_thread(FakeItickServer(token="cli-token")) as server:
        yield server


def itick(server: FakeItickServer, *args: str, token: str = "cli-token") -> subprocess.CompletedProcess:
    return run_cli("itick", server, *args, env={"ITICK_TOKEN": token})


def test_stream_prints_canonical_lines_of_every_channel(fake_itick):
    r = itick(fake_itick, "stream", "--symbols", ",".join(sorted(SYMBOLS)),
              "--channels", "quote,trade,depth,bar", "--count", "150")
    assert r.returncode == 0, r.stderr
    events = lines(r.stdout)
    assert len(events) == 150
    assert {e["type"] for e in events} == {"status", "quote", "trade", "depth", "bar"}
    for e in events:
        assert e["vendor"] == "itick"
        if e["type"] == "quote":
            assert set(e) == QUOTE_KEYS and e["symbol"] in SYMBOLS
            assert e["prev_close"] is None if e["symbol"] == "CRYPTO:BTCUSDT" else e["prev_close"] > 0
            assert e["ts"] > 1_700_000_000_000  # milliseconds, as iTick sends them
        elif e["type"] == "trade":
            assert e["side"] == "unknown"
        elif e["type"] == "depth":
            assert e["bids"][0][0] < e["asks"][0][0]
        elif e["type"] == "bar":
            assert e["period"] == "1m" and e["ts"] % 60_000 == 0
    assert {e["symbol"] for e in events if e["type"] == "quote"} == SYMBOLS  # the REST state
    assert {e["symbol"] for e in events if e["type"] == "trade"} <= SYMBOLS


def test_klines_symbols_and_categories(fake_itick):
    r = itick(fake_itick, "klines", "--symbol", "HK:700", "--period", "15m", "--count", "5")
    assert r.returncode == 0, r.stderr
    bars = lines(r.stdout)
    assert len(bars) == 5 and {b["symbol"] for b in bars} == {"HK:00700"}
    assert all(b["period"] == "15m" and b["ts"] % 900_000 == 0 for b in bars)
    assert [b["ts"] for b in bars] == sorted(b["ts"] for b in bars)
    r = itick(fake_itick, "categories")
    assert r.returncode == 0, r.stderr
    categories = {c["id"]: c["name"] for c in lines(r.stdout)}
    assert categories["stock-HK"] == "Hong Kong stocks" and "crypto-BA" in categories
    r = itick(fake_itick, "symbols", "--category", "forex-GB")
    assert r.returncode == 0, r.stderr
    listed = {s["symbol"]: s for s in lines(r.stdout)}
    assert {"FX:EURUSD", "CMDTY:XAUUSD"} <= set(listed)
    assert listed["FX:EURUSD"]["category"] == "forex-GB"


def test_a_bad_token_exits_3_with_the_vendors_words(fake_itick):
    r = itick(fake_itick, "stream", "--symbols", "US:AAPL", "--count", "5", token="nope")
    assert r.returncode == 3, r.stderr
    assert "auth failed" in r.stderr and "Traceback" not in r.stderr
    assert "nope" not in r.stderr + r.stdout  # the token itself is never printed
    r = itick(fake_itick, "klines", "--symbol", "US:AAPL", "--period", "1d", token="nope")
    assert r.returncode == 3 and "Invalid API key in request" in r.stderr


def test_what_itick_lacks_is_said_with_exit_2(fake_itick):
    r = itick(fake_itick, "stream", "--symbols", "PERP:BTCUSDT", "--count", "1")
    assert r.returncode == 2 and "CRYPTO:BTCUSDT" in r.stderr
    r = itick(fake_itick, "klines", "--symbol", "US:AAPL", "--period", "4h")
    assert r.returncode == 2 and "crypto only" in r.stderr
