"""The command-line contract of DESIGN.md, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

REPO = Path(__file__).resolve().parents[2]
QUOTE_KEYS = {"type", "vendor", "symbol", "ts", "last", "prev_close", "open", "high", "low",
              "volume", "turnover", "halted"}


def qt(*args: str, timeout: float = 60, home: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if home is not None:
        env["QUOTE_TERMINAL_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=timeout,
        cwd=REPO, env=env,
    )


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_stream_prints_count_canonical_lines():
    r = qt("stream", "--vendor", "sim", "--symbols", "US:AAPL,HK:00700,PERP:BTCUSDT",
           "--channels", "quote,trade,depth", "--count", "200")
    assert r.returncode == 0, r.stderr
    events = lines(r.stdout)
    assert len(events) == 200
    kinds = {e["type"] for e in events}
    assert kinds <= {"quote", "trade", "depth", "status"}
    assert {"quote", "trade", "depth"} <= kinds  # crypto trades at any hour
    for e in events:
        assert e["vendor"] == "sim"
        if e["type"] == "quote":
            assert set(e) == QUOTE_KEYS
            assert e["symbol"] in {"US:AAPL", "HK:00700", "PERP:BTCUSDT"}
        elif e["type"] == "trade":
            assert e["side"] in {"buy", "sell", "unknown"} and e["size"] > 0
        elif e["type"] == "depth":
            assert e["bids"][0][0] < e["asks"][0][0]
        elif e["type"] == "status":
            assert e["state"] in {"connecting", "connected", "reconnecting", "disconnected", "error"}
    # closed markets still give their snapshot on subscribe
    assert {e["symbol"] for e in events if e["type"] == "quote"} == {"US:AAPL", "HK:00700", "PERP:BTCUSDT"}


def test_stream_bars():
    r = qt("stream", "--symbols", "CRYPTO:ETHUSDT", "--channels", "bar", "--period", "5m",
           "--count", "5", "--sim-always-open")
    assert r.returncode == 0, r.stderr
    bars = [e for e in lines(r.stdout) if e["type"] == "bar"]
    assert bars and all(b["period"] == "5m" and b["low"] <= b["close"] <= b["high"] for b in bars)


def test_klines_daily_has_no_weekend_bars():
    r = qt("klines", "--vendor", "sim", "--symbol", "SH:600519", "--period", "1d", "--count", "100")
    assert r.returncode == 0, r.stderr
    bars = lines(r.stdout)
    assert len(bars) == 100
    assert [b["ts"] for b in bars] == sorted(b["ts"] for b in bars)
    sha = ZoneInfo("Asia/Shanghai")
    for b in bars:
        assert b["type"] == "bar" and b["symbol"] == "SH:600519" and b["period"] == "1d"
        local = datetime.fromtimestamp(b["ts"] / 1000, sha)
        assert local.weekday() < 5 and local.hour == 0


def test_klines_know_the_holidays_from_the_first_run(tmp_path):
    """No cache yet and no pandas on the way: the table shipped with the program is installed,
    so the simulator lays no bar on a holiday (HK: Christmas, Boxing Day, New Year's Day) and
    none for a trading day not yet begun at the end asked for."""
    r = qt("klines", "--vendor", "sim", "--symbol", "HK:00700", "--period", "1d", "--count", "8",
           "--end", "2026-01-03T00:00:00Z", home=tmp_path)
    assert r.returncode == 0, r.stderr
    hkt = ZoneInfo("Asia/Hong_Kong")
    days = [datetime.fromtimestamp(b["ts"] / 1000, hkt).date().isoformat() for b in lines(r.stdout)]
    assert days == ["2025-12-19", "2025-12-22", "2025-12-23", "2025-12-24", "2025-12-29",
                    "2025-12-30", "2025-12-31", "2026-01-02"]
    assert not (tmp_path / "cache" / "calendars.json").exists()  # read, never built, on this path


def test_klines_end_accepts_iso_and_epoch():
    iso = qt("klines", "--symbol", "crypto:btcusdt", "--period", "1h", "--count", "3",
             "--end", "2025-03-07T12:30:00Z")
    epoch = qt("klines", "--symbol", "CRYPTO:BTCUSDT", "--period", "1h", "--count", "3",
               "--end", "1741350600")
    assert iso.returncode == 0 and epoch.returncode == 0, iso.stderr + epoch.stderr
    assert [b["ts"] for b in lines(iso.stdout)] == [b["ts"] for b in lines(epoch.stdout)]
    assert lines(iso.stdout)[-1]["ts"] == 1741348800000  # the 12:00 UTC bar


def test_symbols_and_categories():
    cats = lines(qt("categories", "--vendor", "sim").stdout)
    assert {"type", "vendor", "id", "name"} == set(cats[0])
    hk = lines(qt("symbols", "--vendor", "sim", "--category", "hk").stdout)
    assert hk and all(s["symbol"].startswith("HK:") and s["category"] == "hk" for s in hk)
    found = lines(qt("symbols", "--search", "腾讯").stdout)
    assert [s["symbol"] for s in found] == ["HK:00700"]


@pytest.mark.parametrize("text, first", [("gzmt", "SH:600519"), ("tx", "HK:00700"), ("700", "HK:00700"),
                                         ("tengxun", "HK:00700"), ("tencnet", "HK:00700"), ("ping an", "HK:02318")])
def test_symbol_search_ranks_the_best_match_first(text, first):
    found = lines(qt("symbols", "--vendor", "sim", "--search", text).stdout)
    assert found and found[0]["symbol"] == first


@pytest.mark.parametrize(
    "args, words",
    [
        (("stream", "--symbols", "FOO"), "expected MARKET:CODE"),
        (("stream", "--symbols", "US:NOPE", "--count", "1"), "unknown symbol US:NOPE"),
        (("klines", "--symbol", "US:AAPL", "--period", "7m"), "unknown period '7m'"),
        (("klines", "--symbol", "US:AAPL", "--period", "1d", "--end", "yesterday"), "--end"),
        (("symbols", "--category", "nope"), "unknown category 'nope'"),
        (("stream", "--symbols", "US:AAPL", "--channels", "news"), "unknown channel 'news'"),
        (("--vendor", "bogus"), "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_words_not_a_traceback(args, words):
    r = qt(*args)
    assert r.returncode == 2
    assert words in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.slow
def test_screenshot_saves_the_window_and_exits_cleanly(tmp_path):
    out = tmp_path / "shot.png"
    r = qt("--screenshot", str(out), "--after", "2", home=tmp_path / "home", timeout=60)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 1200 and image.height() >= 700
    settings = json.loads((tmp_path / "home" / "settings.json").read_text())
    assert settings["vendor"] == "sim" and "US:AAPL" in settings["watchlist"]


def test_damaged_settings_are_kept_aside_not_lost(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text("{not json")
    r = qt("--screenshot", str(tmp_path / "s.png"), "--after", "0.5", home=home)
    assert r.returncode == 0, r.stderr
    assert list(home.glob("settings.json.damaged-*"))[0].read_text() == "{not json"
