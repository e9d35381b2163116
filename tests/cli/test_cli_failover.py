"""``stream --failover`` and ``stream --compare`` through the real command line (a subprocess),
against the fake 脉动数据 and the fake iTick on their own threads, each pointed at with
``--base-url V=URL`` / ``--ws-url V=URL``."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time

import pytest

from tests.cli.test_cli import lines
from tests.fakes.itick import FakeItickServer
from tests.fakes.maidong import FakeMaidongServer
from tests.support.cli import REPO
from tests.support.threaded import serving_in_thread

SHARED = ["CRYPTO:BTCUSDT", "FX:GBPUSD"]
ENV = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring", ITICK_TOKEN="cli-token")


@pytest.fixture
def fakes():
    with serving_in_thread(FakeMaidongServer()) as maidong, \
            serving_in_thread(FakeItickServer(token="cli-token", seed=8)) as itick:  # (not maidong's walk)
        yield maidong, itick


def hosts(maidong, itick) -> list[str]:
    return ["--base-url", f"maidong={maidong.http_url}", "--ws-url", f"maidong={maidong.ws_url}",
            "--base-url", f"itick={itick.http_url}", "--ws-url", f"itick={itick.ws_url}"]


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", "stream", *args]


class Reader:
    """The subprocess's lines as they come (a thread reads them), waited on by condition."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: list[dict] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process) -> None:
        for raw in process.stdout:
            with self._changed:
                self.lines.append(json.loads(raw))
                self._changed.notify_all()

    def wait_for(self, predicate, timeout: float = 10.0) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: predicate(self.lines), timeout), self.lines[-5:]


def quotes(found: list[dict], vendor: str, since: int = 0) -> set[str]:
    return {e["symbol"] for e in found[since:] if e["type"] == "quote" and e["vendor"] == vendor}


def test_stream_failover_goes_on_from_the_backup_when_the_primary_dies(fakes):
    maidong, itick = fakes
    process = subprocess.Popen(
        command("--vendor", "maidong", "--failover", "itick", *hosts(maidong, itick),
                "--symbols", ",".join(SHARED), "--channels", "quote", "--seconds", "30", "--health"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=ENV)
    try:
        out = Reader(process)
        out.wait_for(lambda found: quotes(found, "maidong") >= set(SHARED))
        out.wait_for(lambda found: {e["vendor"] for e in found if e["type"] == "health"} == {"maidong", "itick"})
        asyncio.run_coroutine_threadsafe(maidong.go_away(), maidong.thread_loop).result(5)
        killed = time.monotonic()
        out.wait_for(lambda found: any(e["type"] == "failover" for e in found), timeout=7)
        assert time.monotonic() - killed <= 5 + 2  # within the stale limit + 2 s
        mark = next(i for i, e in enumerate(out.lines) if e["type"] == "failover")
        out.wait_for(lambda found: quotes(found, "itick", mark) >= set(SHARED))
        (event,) = [e for e in out.lines if e["type"] == "failover"]
        assert list(event) == ["type", "ts", "from", "to", "symbols", "reason"]
        assert (event["from"], event["to"], event["symbols"]) == ("maidong", "itick", SHARED)
    finally:
        process.terminate()
        process.wait(10)


def test_stream_compare_prints_divergences_and_only_the_primarys_events(fakes):
    maidong, itick = fakes
    r = subprocess.run(
        command("--vendor", "maidong", "--compare", "itick", *hosts(maidong, itick),
                "--symbols", "CRYPTO:BTCUSDT", "--channels", "quote", "--seconds", "7"),
        capture_output=True, text=True, timeout=60, cwd=REPO, env=ENV)
    assert r.returncode == 0, r.stderr
    found = lines(r.stdout)
    divergences = [e for e in found if e["type"] == "divergence"]
    # the two fakes' prices are two independent random walks: apart by far more than 3 ticks
    assert divergences, found[-5:]
    d = divergences[0]
    assert list(d) == ["type", "ts", "symbol", "vendors", "field", "values", "bp"]
    assert d["symbol"] == "CRYPTO:BTCUSDT" and d["vendors"] == ["maidong", "itick"] and d["field"] == "last"
    a, b = d["values"]
    assert d["bp"] == round(abs(a - b) / a * 10_000, 1) and d["bp"] > 0.003
    assert quotes(found, "maidong") and not quotes(found, "itick")


def test_same_vendor_twice_is_a_usage_error():
    r = subprocess.run(command("--vendor", "sim", "--failover", "sim", "--symbols", "CRYPTO:BTCUSDT"),
                       capture_output=True, text=True, timeout=30, cwd=REPO, env=ENV)
    assert r.returncode == 2 and "another vendor" in r.stderr and "Traceback" not in r.stderr
