"""The command line against the fake QOS server, at the documented default pacing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.cli.test_cli import QUOTE_KEYS, REPO, lines
from tests.fakes.qos import FakeQosServer
from tests.support.cli import run_cli
from tests.support.threaded import serving_in_thread


@pytest.fixture(scope="module")
def fake_qos():
    """A fake QOS on its own thread and loop (the CLI runs in a subprocess)."""
    with serving_in_thread(FakeQosServer(key="cli-key", min_interval=1.0, http_limit=None)) as server:
        yield server


def qos(server: FakeQosServer, *args: str, key: str = "cli-key") -> subprocess.CompletedProcess:
    return run_cli("qos", server, *args, env={"QOS_API_KEY": key})


def test_stream_prints_canonical_lines_of_every_channel(fake_qos):
    r = qos(fake_qos, "stream", "--symbols", "US:AAPL,HK:00700,PERP:BTCUSDT",
            "--channels", "quote,trade,depth,bar", "--count", "100")
    assert r.returncode == 0, r.stderr
    events = lines(r.stdout)
    assert len(events) == 100
    assert {e["type"] for e in events} == {"status", "quote", "trade", "depth", "bar"}
    symbols = {"US:AAPL", "HK:00700", "PERP:BTCUSDT"}
    for e in events:
        assert e["vendor"] == "qos"
        if e["type"] == "quote":
            assert QUOTE_KEYS <= set(e) and e["symbol"] in symbols
            assert e["prev_close"] is None if e["symbol"] == "PERP:BTCUSDT" else e["prev_close"] > 0
            assert e["ts"] % 1000 == 0 and e["ts"] > 1_700_000_000_000  # seconds → ms
        elif e["type"] == "depth":
            assert e["bids"][0][0] < e["asks"][0][0]
            assert len(e["bids"]) == {"US:AAPL": 1, "HK:00700": 10, "PERP:BTCUSDT": 20}[e["symbol"]]
        elif e["type"] == "bar":
            assert e["period"] == "1m" and e["symbol"] in symbols
    assert {e["symbol"] for e in events if e["type"] == "depth"} == symbols
    assert not [r for r in fake_qos.refusals if "frequent" in r]  # the 1 s pacing was kept


def test_klines_and_symbols(fake_qos):
    r = qos(fake_qos, "klines", "--symbol", "HK:700", "--period", "1d", "--count", "5")
    assert r.returncode == 0, r.stderr
    bars = lines(r.stdout)
    assert len(bars) == 5 and {b["symbol"] for b in bars} == {"HK:00700"}
    assert [b["ts"] for b in bars] == sorted(b["ts"] for b in bars)
    r = qos(fake_qos, "symbols", "--category", "CF")
    assert r.returncode == 0, r.stderr
    assert {s["symbol"] for s in lines(r.stdout)} >= {"PERP:BTCUSDT", "PERP:ETHUSDT"}
    r = qos(fake_qos, "categories")
    assert [c["id"] for c in lines(r.stdout)] == ["US", "HK", "SH", "SZ", "CF", "FX", "CM", "IX"]


def test_a_wrong_key_exits_3_with_the_vendors_words(fake_qos):
    r = qos(fake_qos, "stream", "--symbols", "US:AAPL", "--count", "5", key="nope")
    assert r.returncode == 3
    assert "invalid key" in r.stderr and "Traceback" not in r.stderr
    assert "nope" not in r.stderr + r.stdout  # the key itself is never printed
    r = qos(fake_qos, "klines", "--symbol", "US:AAPL", "--period", "1d", key="nope")
    assert r.returncode == 3 and "invalid key" in r.stderr


def test_old_crypto_code_and_unreachable_host(fake_qos):
    r = qos(fake_qos, "klines", "--symbol", "CMDTY:BTCUSDT", "--period", "1d")
    assert r.returncode == 2 and "PERP:BTCUSDT" in r.stderr
    env = dict(os.environ, QOS_API_KEY="cli-key")
    r = subprocess.run(
        [sys.executable, "-m", "app", "klines", "--vendor", "qos", "--base-url",
         "http://127.0.0.1:9", "--symbol", "US:AAPL", "--period", "1d"],
        capture_output=True, text=True, timeout=60, cwd=REPO, env=env,
    )
    assert r.returncode == 4 and "could not be reached" in r.stderr
