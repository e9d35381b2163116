"""The command line against the fake 脉动数据 server: the contract's subcommands, and an
unauthorised IP exiting with code 3."""

from __future__ import annotations

import subprocess

import pytest

from tests.cli.test_cli import QUOTE_KEYS, lines
from tests.fakes.maidong import FakeMaidongServer
from tests.support.cli import run_cli
from tests.support.threaded import serving_in_thread

SYMBOLS = {"CRYPTO:BTCUSDT", "FX:GBPUSD", "MD:HX_HSI"}
EXTRA_KEYS = {"limit_up", "limit_down", "volume_ratio"}


@pytest.fixture(scope="module")
def fake_maidong():
    """A fake 脉动数据 on its own thread and loop (the CLI runs in a subprocess)."""
    with serving_in_thread(FakeMaidongServer()) as server:
        yield server


def maidong(server: FakeMaidongServer, *args: str) -> subprocess.CompletedProcess:
    return run_cli("maidong", server, *args)


def test_stream_prints_every_channel_with_the_right_sides(fake_maidong):
    r = maidong(fake_maidong, "stream", "--symbols", ",".join(sorted(SYMBOLS)) + ",MD:DCE_i",
                "--channels", "quote,trade,depth,bar", "--count", "120")
    assert r.returncode == 0, r.stderr
    events = lines(r.stdout)
    assert len(events) == 120
    assert {e["type"] for e in events} == {"status", "quote", "trade", "depth", "bar"}
    for e in events:
        assert e["vendor"] == "maidong"
        if e["type"] == "quote" and e["symbol"] == "MD:DCE_i":
            assert set(e) == QUOTE_KEYS | EXTRA_KEYS  # Info's members, present only when sent
            assert e["limit_down"] < e["last"] < e["limit_up"]
        elif e["type"] == "quote":
            assert set(e) == QUOTE_KEYS and e["ts"] > 1_700_000_000_000
            assert (e["volume"] is None) == (e["symbol"] == "FX:GBPUSD")
        elif e["type"] == "trade":
            assert e["side"] in ("buy", "sell")
        elif e["type"] == "depth":
            assert e["bids"][0][0] < e["asks"][0][0] and all(s > 0 for _p, s in e["bids"])
        elif e["type"] == "bar":
            assert e["period"] == "1m" and e["ts"] % 60_000 == 0
    assert {e["symbol"] for e in events if e["type"] == "quote"} == SYMBOLS | {"MD:DCE_i"}


def test_klines_symbols_and_categories(fake_maidong):
    r = maidong(fake_maidong, "klines", "--symbol", "MD:HX_HSI", "--period", "5m", "--count", "4")
    assert r.returncode == 0, r.stderr
    bars = lines(r.stdout)
    assert len(bars) == 4 and all(b["ts"] % 300_000 == 0 for b in bars)
    assert [b["ts"] for b in bars] == sorted(b["ts"] for b in bars)  # the vendor's newest first, turned
    r = maidong(fake_maidong, "categories")
    assert r.returncode == 0, r.stderr
    assert [(c["id"], c["name"]) for c in lines(r.stdout)] == [
        ("1", "外汇"), ("2", "国际期货"), ("3", "国内期货"), ("4", "数字货币"), ("7", "国际股指期货")]
    r = maidong(fake_maidong, "symbols", "--category", "4")
    assert r.returncode == 0, r.stderr
    listed = lines(r.stdout)
    assert {s["symbol"] for s in listed} >= {"CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "CRYPTO:XRPUSDT"}
    assert {s["category"] for s in listed} == {"4"}
    r = maidong(fake_maidong, "symbols", "--category", "7")
    assert r.returncode == 0, r.stderr
    futures = lines(r.stdout)
    assert len(futures) == 25  # every page of the category
    assert futures[0] == {"type": "symbol", "vendor": "maidong", "symbol": "MD:HX_HSI",
                          "name": "恒指2512", "category": "7"}


def test_what_the_vendor_lacks_is_said_with_exit_2(fake_maidong):
    r = maidong(fake_maidong, "klines", "--symbol", "MD:HX_HSI", "--period", "4h")
    assert r.returncode == 2 and "1m 5m 15m 30m 1h 1d 1M" in r.stderr
    r = maidong(fake_maidong, "stream", "--symbols", "US:AAPL", "--count", "1")
    assert r.returncode == 2 and "MD:HX_HSI" in r.stderr
    r = maidong(fake_maidong, "klines", "--symbol", "MD:hx_hsi", "--period", "1m")
    assert r.returncode == 2 and "case-sensitive" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("mode", ["status", "body", "close"])
def test_an_unauthorised_ip_exits_3_and_says_so(mode):
    server = FakeMaidongServer()
    server.allowed_ips = set()
    server.unauthorised_mode = mode
    with serving_in_thread(server):
        r = maidong(server, "stream", "--symbols", "CRYPTO:BTCUSDT", "--count", "3")
        assert r.returncode == 3, r.stderr
        assert "not authorised by 脉动数据" in r.stderr and "Traceback" not in r.stderr
        assert "ask the vendor" in r.stderr
        if mode != "close":  # a hang-up is retried first: one slow case is enough
            r = maidong(server, "categories")
            assert r.returncode == 3 and "ask the vendor" in r.stderr
    assert server.handshakes == []  # refused over HTTP first: no WebSocket storm
