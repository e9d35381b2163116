"""`stream --seconds` ends in time whatever the network does (issue 17, point 4), with the
command line's own timings, against a fake QOS that cuts every connection."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.fakes.qos import FakeQosServer
from tests.support.cli import REPO
from tests.support.threaded import serving_in_thread

SECONDS = 2.0
SLACK = 6.0  # the interpreter's start, the imports and the feed's bounded close


def test_stream_seconds_ends_in_time_while_every_connection_drops_after_one_message():
    with serving_in_thread(FakeQosServer(key="cli-key", min_interval=1.0, http_limit=None)) as fake:
        fake.drop_after = 1
        started = time.monotonic()
        r = subprocess.run(
            [sys.executable, "-m", "app", "stream", "--vendor", "qos", "--base-url", fake.http_url,
             "--ws-url", fake.ws_url, "--symbols", "US:AAPL,HK:00700",
             "--channels", "quote,trade,depth", "--seconds", str(SECONDS)],
            capture_output=True, text=True, timeout=SECONDS + 20, cwd=REPO,
            env=dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
                     QOS_API_KEY="cli-key"),
        )
        elapsed = time.monotonic() - started
        assert r.returncode == 0, r.stderr
        print(f"stream --seconds {SECONDS} ended after {elapsed:.1f} s")
        assert elapsed < SECONDS + SLACK, elapsed
        assert "Traceback" not in r.stderr
        commands = {c["type"] for conn in fake.connections for c in conn.commands}
        assert "S" in commands and not commands & {"T", "D"}  # the fault held throughout
