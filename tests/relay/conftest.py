"""The relay's tests run against a real nats-server (tests/support/nats_server.py)."""

from __future__ import annotations

import pytest

from tests.support.nats_server import serving


@pytest.fixture
def nats_server(tmp_path):
    """A nats-server with JetStream on 127.0.0.1 (a free port), killed after the test."""
    yield from serving(tmp_path)
