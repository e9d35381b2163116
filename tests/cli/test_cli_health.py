"""``stream --health`` through the real command line: one health line per vendor a second, with
DESIGN.md's fields, among the events."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import lines, qt
from tests.fakes.itick import FakeItickServer
from tests.support.cli import run_cli
from tests.support.threaded import serving_in_thread

HEALTH_KEYS = ["type", "vendor", "ts", "state", "age_ms", "latency_ms", "rate", "reconnects",
               "dropped", "stale"]


def health_lines(out: str) -> tuple[list[dict], list[dict]]:
    events = lines(out)
    return [e for e in events if e["type"] == "health"], events


def test_stream_health_adds_one_line_a_second_among_the_events():
    r = qt("stream", "--vendor", "sim", "--sim-always-open", "--symbols", "CRYPTO:BTCUSDT,US:AAPL",
           "--seconds", "3.5", "--health")
    assert r.returncode == 0, r.stderr
    health, events = health_lines(r.stdout)
    assert len(health) == 3  # at 1, 2 and 3 s
    for line in health:
        assert list(line) == HEALTH_KEYS
        assert line["vendor"] == "sim" and line["state"] == "connected"
        assert line["latency_ms"] is None  # the simulator's times are its own: no latency
        assert line["rate"] > 0 and 0 <= line["age_ms"] < 1000
        assert line["reconnects"] == 0 and line["dropped"] == 0 and line["stale"] == []
    gaps = [b["ts"] - a["ts"] for a, b in zip(health, health[1:])]
    assert all(900 <= g <= 1100 for g in gaps), gaps
    first, last = events.index(health[0]), events.index(health[-1])
    assert any(e["type"] != "health" for e in events[first:last])  # interleaved with the events
    assert any(e["type"] != "health" for e in events[last:])


def test_without_health_no_health_line():
    r = qt("stream", "--vendor", "sim", "--sim-always-open", "--symbols", "CRYPTO:BTCUSDT",
           "--seconds", "1.5")
    assert r.returncode == 0, r.stderr
    assert not [e for e in lines(r.stdout) if e["type"] == "health"]


@pytest.fixture(scope="module")
def fake_itick():
    with serving_in_thread(FakeItickServer(token="cli-token")) as server:
        yield server


def test_stream_health_on_a_vendor_reports_its_latency(fake_itick):
    r = run_cli("itick", fake_itick, "stream", "--symbols", "CRYPTO:BTCUSDT", "--channels", "quote,trade",
                "--seconds", "2.5", "--health", env={"ITICK_TOKEN": "cli-token"})
    assert r.returncode == 0, r.stderr
    health, _events = health_lines(r.stdout)
    assert len(health) == 2 and {h["vendor"] for h in health} == {"itick"}
    last = health[-1]
    assert last["state"] == "connected" and last["rate"] > 0
    assert isinstance(last["latency_ms"], int) and 0 <= last["latency_ms"] < 200  # the fake stamps as it sends
