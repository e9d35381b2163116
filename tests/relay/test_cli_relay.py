"""The relay as a user runs it: ``quote-terminal relay --vendor sim --embedded-nats`` starts the
nats-server of the relay extra (its store in the data folder), ``stream --vendor relay`` reads it
(the vendor found by asking), and a SIGTERM stops the relay and its server; a bad NATS address
is a usage error in words."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from app.feeds.relay.natsbin import accepts, free_port
from tests.support.cli import REPO
from tests.support.nats_server import nats_binary


def _env(home) -> dict[str, str]:
    return dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
                QUOTE_TERMINAL_HOME=str(home), PYTHONPATH=str(REPO))


def test_relay_with_embedded_nats_serves_a_stream_and_stops_its_server(tmp_path):
    nats_binary()  # skips in words without the relay extra
    port = free_port()
    url = f"nats://127.0.0.1:{port}"
    relay = subprocess.Popen(
        [sys.executable, "-m", "app", "relay", "--vendor", "sim", "--sim-always-open", "--nats", url,
         "--embedded-nats"], cwd=REPO, env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stream = subprocess.run(
            [sys.executable, "-m", "app", "stream", "--vendor", "relay", "--nats", url, "--symbols", "US:AAPL",
             "--channels", "quote", "--count", "4"],
            cwd=REPO, env=_env(tmp_path), capture_output=True, text=True, timeout=30)
        assert stream.returncode == 0, stream.stderr
        lines = [json.loads(line) for line in stream.stdout.splitlines()]
        quotes = [line for line in lines if line["type"] == "quote"]
        assert quotes and all(q["vendor"] == "sim" and q["symbol"] == "US:AAPL" for q in quotes)
        assert (tmp_path / "nats").is_dir()  # the embedded server's store, in the data folder
        assert accepts("127.0.0.1", port)
        relay.send_signal(signal.SIGTERM)
        _, err = relay.communicate(timeout=15)
        assert relay.returncode == 0, err
        assert "embedded nats-server stopped" in err
        deadline = time.monotonic() + 5
        while accepts("127.0.0.1", port) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not accepts("127.0.0.1", port), "the embedded nats-server outlived the relay"
    finally:
        if relay.poll() is None:
            relay.kill()
            relay.communicate(timeout=10)


def test_a_bad_nats_address_is_a_usage_error(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "app", "stream", "--vendor", "relay", "--nats", "http://x:1", "--symbols", "US:AAPL"],
        cwd=REPO, env=_env(tmp_path), capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "is not a NATS address" in done.stderr and "Traceback" not in done.stderr
