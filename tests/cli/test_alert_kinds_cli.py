"""The new rule kinds and modes through the real command line: `alerts add|list` with each
option, and `watch` against the simulator and against the fake QOS server playing a scripted
tape (a line crossed both ways, a sweep, an iceberg, a silent symbol)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.cli.test_alerts_cli import SYMBOL, alerts
from tests.cli.test_cli import REPO, lines, qt
from tests.fakes.qos import FakeQosServer
from tests.support.threaded import serving_in_thread

T1, T2 = 1741381200000, 1741467600000


def added(home, *args: str) -> dict:
    r = alerts(home, "add", *args)
    assert r.returncode == 0, r.stderr
    [line] = lines(r.stdout)
    return line


def test_every_new_option_is_saved_and_listed(tmp_path):
    a = lambda *args: added(tmp_path, "--symbol", "US:AAPL", *args)  # noqa: E731
    line = a("--line", f"{T1},240,{T2},250", "--note", "trend")
    assert (line["rule"], line["kind"], line["line"], line["note"]) == (
        f"line {T1},240,{T2},250", "line", [T1, 240.0, T2, 250.0], "trend")
    cross = a("--cross", "240.5", "--hysteresis", "0.2")
    assert (cross["rule"], cross["line"], cross["hysteresis"]) == ("line 240.5", [0, 240.5, 0, 240.5], 0.2)
    assert a("--big-notional", "1000000", "--every", "30")["rule"] == "big-notional 1000000"
    spike = a("--volume-spike", "3")
    assert (spike["rule"], spike["bars"], spike["value"]) == ("volume-spike 3,20", 20, 3.0)
    assert a("--volume-spike", "2.5,50")["rule"] == "volume-spike 2.5,50"
    assert a("--sweep", "3")["rule"] == "sweep 3"
    assert a("--iceberg", "4")["rule"] == "iceberg 4"
    assert a("--spread-ticks", "5", "--hysteresis", "2")["rule"] == "spread-ticks 5"
    assert a("--stale", "30")["rule"] == "stale 30"
    before = time.time() * 1000
    soon = a("--above", "250", "--expires", "2h")
    assert before + 7_200_000 <= soon["expires"] <= time.time() * 1000 + 7_200_000
    assert "expired" not in soon
    gone = a("--below", "200", "--expires", "2020-01-01T00:00:00Z")
    assert (gone["expires"], gone["expired"]) == (1577836800000, True)
    listed = lines(alerts(tmp_path, "list").stdout)
    assert listed[0] == line and listed[-1] == gone and listed[-2] == soon
    assert [e["id"] for e in listed] == [f"a{n}" for n in range(1, 12)]
    plain = a("--above", "1")  # an old kind's line keeps its old fields only
    assert set(plain) == {"type", "id", "symbol", "rule", "kind", "value", "note"}


@pytest.mark.parametrize("args, words", [
    (("--line", "1,2,3"), "a line is T1,P1,T2,P2"),
    (("--line", "1,-2,3,4"), "a line is T1,P1,T2,P2"),
    (("--cross", "x"), "finite number"),
    (("--sweep", "2.5"), "whole number"),
    (("--iceberg", "0"), "above zero"),
    (("--volume-spike", "3,0"), "1 to 1000 bars"),
    (("--volume-spike", "3,x"), "1 to 1000 bars"),
    (("--spread-ticks", "-1"), "above zero"),
    (("--stale", "inf"), "finite number"),
    (("--big-notional", "١٢٣"), "finite number"),
    (("--big-print", "10", "--hysteresis", "1"), "hysteresis applies to"),
    (("--above", "10", "--every", "-5"), "cooldown"),
    (("--above", "10", "--every", "5", "--hysteresis", "1"), "not both"),
    (("--above", "10", "--expires", "tomorrow"), "ISO 8601"),
    (("--above", "10", "--expires", "2h", "--sweep", "3"), "not allowed"),
])
def test_a_bad_value_exits_2_with_words(tmp_path, args, words):
    r = alerts(tmp_path, "add", "--symbol", "US:AAPL", *args)
    assert r.returncode == 2 and words in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert r.stdout == "" and not (tmp_path / "alerts.json").exists()


def test_watch_on_the_simulator_evaluates_lines_books_tape_modes_and_expiry(tmp_path):
    snapshot = qt("stream", "--vendor", "sim", "--sim-always-open", "--symbols", SYMBOL,
                  "--channels", "quote", "--count", "3")
    last = next(e["last"] for e in lines(snapshot.stdout) if e["type"] == "quote")
    add = lambda *args: added(tmp_path, "--symbol", SYMBOL, *args)  # noqa: E731
    add("--spread-ticks", "0.5")  # a1: the spread is a tick or more: fires once, never re-arms
    add("--big-notional", "1", "--every", "60")  # a2: every trade qualifies: once a minute
    add("--sweep", "3", "--every", "60")  # a3: the simulator's book jumps by many levels
    add("--above", "0.0001", "--expires", "2020-01-01T00:00:00Z")  # a4: expired: never
    add("--above", "0.0001", "--expires", "1h")  # a5: not yet: fires
    add("--volume-spike", "0.001,5")  # a6: any bar once 5 are known: the history is seeded
    # a line rising 10 % a second meets the price then: steep enough that the walk's noise
    # cannot cross it back (at 1 % a second it did, now and then: a7 fired three times)
    meet = int(time.time() * 1000) + 5000
    add("--line", f"{meet},{last!r},{meet + 1000},{last * 1.1!r}")  # a7: one crossing, down
    r = qt("watch", "--vendor", "sim", "--sim-always-open", "--seconds", "11", home=tmp_path)
    assert r.returncode == 0, r.stderr
    fired = lines(r.stdout)
    spikes = [e["ts"] for e in fired if e["id"] == "a6"]  # once per bar (a minute may turn)
    assert spikes and len(set(spikes)) == len(spikes) and all(ts % 60_000 == 0 for ts in spikes)
    assert sorted(e["id"] for e in fired if e["id"] != "a6") == ["a1", "a2", "a3", "a5", "a7"]
    line = next(e for e in fired if e["id"] == "a7")
    assert meet - 3000 <= line["ts"] <= meet + 3000  # where the line met the price
    assert line["rule"].startswith(f"line {meet},") and abs(line["price"] / last - 1) < 0.03
    for e in fired:
        assert set(e) == {"type", "ts", "id", "symbol", "rule", "vendor", "price", "note"}
    listed = {e["id"]: e for e in lines(alerts(tmp_path, "list").stdout)}
    assert listed["a4"]["expired"] is True and "expired" not in listed["a5"]


BOOKED, PRICED, SILENT = "IDX:HSI", "PERP:SOLUSDT", "PERP:ETHUSDT"


def _qos(symbol: str) -> str:
    return {"IDX": "IX", "PERP": "CF"}[symbol.partition(":")[0]] + ":" + symbol.partition(":")[2]


def _depth(ts: int, best_bid: float, best_ask: float, size: float = 30.0) -> str:
    side = lambda best, step: [{"p": f"{best + step * k:.1f}", "v": f"{size:.3f}"} for k in range(10)]  # noqa: E731
    return json.dumps({"tp": "D", "c": _qos(BOOKED), "b": side(best_bid, -0.1),
                       "a": side(best_ask, 0.1), "ts": ts})


def _trade(symbol: str, ts: int, price: float, size: float = 1.0) -> str:
    return json.dumps({"tp": "T", "c": _qos(symbol), "p": f"{price:.1f}", "v": f"{size:.3f}",
                       "ts": ts, "d": 1})


def test_watch_against_the_fake_vendor_fires_each_rule_at_its_event(tmp_path):
    """A scripted tape: each alert at the first event that makes it, once (or once per
    crossing), in order; a silent symbol goes stale once. The book is an index's (the simulator
    gives it none, so the script's first book is the first the rules see)."""
    added(tmp_path, "--symbol", PRICED, "--cross", "50")  # a1: the snapshot (~200) arms it above
    added(tmp_path, "--symbol", PRICED, "--below", "49.8", "--hysteresis", "0.5")  # a2
    added(tmp_path, "--symbol", BOOKED, "--sweep", "3")  # a3
    added(tmp_path, "--symbol", BOOKED, "--iceberg", "2")  # a4
    added(tmp_path, "--symbol", SILENT, "--stale", "2")  # a5
    env = dict(os.environ, QUOTE_TERMINAL_HOME=str(tmp_path), QOS_API_KEY="cli-key",
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    with serving_in_thread(FakeQosServer(key="cli-key", http_limit=None)) as server:
        server.mute_pushes = True  # only the scripted frames below
        watch = subprocess.Popen(
            [sys.executable, "-m", "app", "watch", "--vendor", "qos", "--base-url", server.http_url,
             "--ws-url", server.ws_url, "--seconds", "9"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)
        try:
            deadline = time.monotonic() + 20
            while not any(_qos(BOOKED) in c.subs.get(("D", None), ()) for c in server.live):
                assert time.monotonic() < deadline and watch.poll() is None, "no depth subscription"
                time.sleep(0.05)
            time.sleep(1.0)  # the snapshots that follow a subscription come first
            ts = int(time.time())
            script = [_trade(PRICED, ts, 49.5), _trade(PRICED, ts, 49.0), _trade(PRICED, ts, 50.5),
                      _trade(PRICED, ts, 49.7),
                      _depth(ts, 49.9, 50.0), _depth(ts, 49.9, 50.3),  # three ask levels taken
                      _trade(BOOKED, ts, 50.3, 30.0), _depth(ts, 49.9, 50.3),  # refilled once
                      _trade(BOOKED, ts, 50.3, 30.0), _depth(ts, 49.9, 50.3)]  # and twice
            for frame in script:
                server.thread_loop.call_soon_threadsafe(server.inject, frame)
            out, err = watch.communicate(timeout=60)
        finally:
            watch.kill()
    assert watch.returncode == 0, err
    fired = lines(out)
    stale = [e for e in fired if e["id"] == "a5"]
    assert len(stale) == 1 and stale[0]["symbol"] == SILENT and stale[0]["vendor"] == "qos"
    tape = [(e["id"], e["price"]) for e in fired if e["id"] != "a5"]
    assert tape == [("a1", 49.5), ("a2", 49.5), ("a1", 50.5), ("a1", 49.7), ("a2", 49.7),
                    ("a3", 50.3), ("a4", 50.3)]
    rules = {e["id"]: e["rule"] for e in fired}
    assert (rules["a1"], rules["a3"], rules["a4"]) == ("line 50", "sweep 3", "iceberg 2")
