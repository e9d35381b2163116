"""`quote-terminal alerts add|list|remove` and `watch`, run as a user runs them (a subprocess),
each with its own QUOTE_TERMINAL_HOME."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.cli.test_cli import REPO, lines, qt
from tests.fakes.qos import FakeQosServer
from tests.support.threaded import serving_in_thread

SYMBOL = "PERP:BTCUSDT"  # the simulator trades it at any hour


def alerts(home, *args: str) -> subprocess.CompletedProcess:
    return qt("alerts", *args, home=home)


def test_add_list_remove(tmp_path):
    r = alerts(tmp_path, "add", "--symbol", "US:AAPL", "--above", "240", "--note", "breakout")
    assert r.returncode == 0, r.stderr
    [added] = lines(r.stdout)
    assert added["id"] == "a1" and added["symbol"] == "US:AAPL" and added["rule"] == "above 240"
    assert added["note"] == "breakout"
    for option, value, text in (("--below", "200.5", "below 200.5"), ("--change-pct", "3", "change-pct 3"),
                                ("--big-print", "10000", "big-print 10000")):
        r = alerts(tmp_path, "add", "--symbol", "HK:00700", option, value)
        assert r.returncode == 0, r.stderr
        assert lines(r.stdout)[0]["rule"] == text
    listed = lines(alerts(tmp_path, "list").stdout)
    assert [e["id"] for e in listed] == ["a1", "a2", "a3", "a4"]
    assert listed[0] == added
    assert alerts(tmp_path, "remove", "a2").returncode == 0
    assert [e["id"] for e in lines(alerts(tmp_path, "list").stdout)] == ["a1", "a3", "a4"]
    r = alerts(tmp_path, "remove", "a2")
    assert r.returncode == 2 and "a2" in r.stderr and "Traceback" not in r.stderr
    assert lines(alerts(tmp_path, "add", "--symbol", "US:AAPL", "--below", "1").stdout)[0]["id"] == "a5"
    assert json.loads((tmp_path / "alerts.json").read_text())["rules"][0]["id"] == "a1"


@pytest.mark.parametrize("args, words", [
    (("--symbol", "XX:NOPE", "--above", "1"), "unknown market"),
    (("--symbol", "aapl", "--above", "1"), "not a symbol"),
    (("--symbol", "US:AAPL", "--above", "nan"), "finite number"),
    (("--symbol", "US:AAPL", "--below", "-2"), "above zero"),
    (("--symbol", "US:AAPL", "--big-print", "lots"), "finite number"),
    (("--symbol", "US:AAPL",), "required"),
    (("--symbol", "US:AAPL", "--above", "1", "--below", "2"), "not allowed"),
])
def test_a_bad_symbol_or_rule_exits_2_with_words(tmp_path, args, words):
    r = alerts(tmp_path, "add", *args)
    assert r.returncode == 2 and words in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == "" and not (tmp_path / "alerts.json").exists()


def test_a_damaged_file_is_set_aside_and_said(tmp_path):
    (tmp_path / "alerts.json").write_text("[oops")
    r = alerts(tmp_path, "add", "--symbol", "US:AAPL", "--above", "1")
    assert r.returncode == 0 and "damaged" in r.stderr and lines(r.stdout)[0]["id"] == "a1"
    assert len(list(tmp_path.glob("alerts.json.damaged-*"))) == 1


def test_watch_prints_alerts_for_rules_beyond_the_current_price(tmp_path):
    snapshot = qt("stream", "--vendor", "sim", "--sim-always-open", "--symbols", SYMBOL,
                  "--channels", "quote", "--count", "3")
    assert snapshot.returncode == 0, snapshot.stderr
    last = next(e["last"] for e in lines(snapshot.stdout) if e["type"] == "quote")
    above, below, never = last * 0.98, last * 1.02, last * 3  # already beyond: fire at once
    for option, level in (("--above", above), ("--below", below), ("--above", never)):
        assert alerts(tmp_path, "add", "--symbol", SYMBOL, option, repr(level)).returncode == 0
    r = qt("watch", "--vendor", "sim", "--sim-always-open", "--seconds", "3", home=tmp_path)
    assert r.returncode == 0, r.stderr
    fired = lines(r.stdout)
    assert sorted(e["id"] for e in fired) == ["a1", "a2"]  # each once: the price never went back
    for e in fired:
        assert set(e) == {"type", "ts", "id", "symbol", "rule", "vendor", "price", "note"}
        assert e["type"] == "alert" and e["vendor"] == "sim" and e["symbol"] == SYMBOL
        assert e["price"] > above if e["id"] == "a1" else e["price"] < below
    assert fired[0]["rule"].split()[0] in {"above", "below"}


def test_watch_follows_rules_added_while_it_runs(tmp_path):
    """A server started before its rules: a rule added meanwhile (by the CLI, or the window)
    is read from the file, its symbol subscribed, and its alert printed."""
    env = dict(os.environ, QUOTE_TERMINAL_HOME=str(tmp_path))
    watch = subprocess.Popen(
        [sys.executable, "-m", "app", "watch", "--vendor", "sim", "--sim-always-open", "--seconds", "6"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)
    try:
        assert "no alert rules saved yet" in watch.stderr.readline()  # it is up and watching
        r = alerts(tmp_path, "add", "--symbol", SYMBOL, "--above", "0.0001", "--note", "late")
        assert r.returncode == 0, r.stderr
        out, err = watch.communicate(timeout=60)
    finally:
        watch.kill()
    assert watch.returncode == 0, err
    [fired] = lines(out)
    assert (fired["id"], fired["rule"], fired["note"]) == ("a1", "above 0.0001", "late")


def test_watch_exits_3_on_a_refused_key_and_4_when_unreachable(tmp_path):
    assert alerts(tmp_path, "add", "--symbol", "US:AAPL", "--above", "1").returncode == 0
    env = dict(os.environ, QUOTE_TERMINAL_HOME=str(tmp_path),
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    with serving_in_thread(FakeQosServer(key="cli-key", http_limit=None)) as server:
        r = subprocess.run(
            [sys.executable, "-m", "app", "watch", "--vendor", "qos", "--base-url", server.http_url,
             "--ws-url", server.ws_url, "--seconds", "20"],
            capture_output=True, text=True, timeout=60, cwd=REPO, env=dict(env, QOS_API_KEY="nope"))
    assert r.returncode == 3 and "invalid key" in r.stderr and "nope" not in r.stderr
    r = subprocess.run(
        [sys.executable, "-m", "app", "watch", "--vendor", "qos", "--base-url", "http://127.0.0.1:9",
         "--ws-url", "ws://127.0.0.1:9", "--seconds", "50"],
        capture_output=True, text=True, timeout=90, cwd=REPO, env=dict(env, QOS_API_KEY="cli-key"))
    assert r.returncode == 4 and "Traceback" not in r.stderr
