"""``stream`` against each vendor's fake with its hostile switch on (issue 17 point 3): not one
of the impossible values is printed, the crossed book is printed flagged, and the stream goes on
to its count."""

from __future__ import annotations

import pytest

from tests.cli.test_cli import lines
from tests.fakes import hostile
from tests.fakes.itick import FakeItickServer
from tests.fakes.maidong import FakeMaidongServer
from tests.fakes.qos import FakeQosServer
from tests.support.cli import run_cli
from tests.support.hostile import line_problems
from tests.support.threaded import serving_in_thread

CASES = {  # vendor: (fake, symbols, channels, frames one connection gets, environment)
    "qos": (lambda: FakeQosServer(key="cli-key", http_limit=None), "US:AAPL,PERP:BTCUSDT",
            "quote,depth", lambda fake: hostile.qos_frames(fake, "US:AAPL"), {"QOS_API_KEY": "cli-key"}),
    "itick": (lambda: FakeItickServer(token="cli-token"), "US:AAPL,HK:00700", "quote,trade,depth",
              lambda fake: hostile.itick_frames(fake, "US:AAPL"), {"ITICK_TOKEN": "cli-token"}),
    "maidong": (FakeMaidongServer, "CRYPTO:BTCUSDT,MD:HX_HSI", "quote,trade,depth",
                lambda fake: hostile.maidong_frames(fake._body("btcusdt", 5), "btcusdt"), {}),
}


@pytest.mark.parametrize("vendor", sorted(CASES))
def test_stream_prints_no_hostile_value_and_goes_on(vendor):
    make, symbols, channels, frames, env = CASES[vendor]
    fake = make()
    fake.hostile = True
    with serving_in_thread(fake) as server:
        r = run_cli(vendor, server, "stream", "--symbols", symbols, "--channels", channels,
                    "--count", "150", env=env)
        sent = len(server.hostile_sent)
        every = len(frames(server))
    assert r.returncode == 0, r.stderr
    printed = lines(r.stdout)
    assert len(printed) == 150
    assert sent >= every  # every hostile frame went out before the stream had its 150 lines
    assert line_problems(printed) == []
    crossed = [d for d in printed if d["type"] == "depth" and d.get("crossed")]
    assert crossed and crossed[0]["bids"][0][0] == hostile.CROSSED[0]
    assert sum(d["type"] == "quote" for d in printed) > 20  # the good pushes around them all came
