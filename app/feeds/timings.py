"""How patient a live feed is, kept apart from the lifecycle in :mod:`app.feeds.live` so that a
vendor's plan and timings (read by its spec at start-up) import no network library."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.feeds.transport.backoff import ReconnectPolicy


@dataclass(frozen=True)
class LiveTimings:
    """How patient a live feed is (tests compress these); each vendor's timings extend it."""

    policy: ReconnectPolicy = field(default_factory=ReconnectPolicy)  # WebSocket reconnects
    first_connect_timeout: float = 15.0  # a subscribe waits this long for a new connection
    http_backoff: float = 1.0
    ack_timeout: float = 10.0  # a request or subscribe on the socket waits this long for its answer
    idle_limit: float | None = 120.0  # no data this long while a watched market is open: reconnect
    resubscribe_delay: float = 1.0  # debounce before re-connecting to drop symbols (no unsubscribe)


@dataclass(frozen=True)
class HttpPlan:
    """A vendor plan's HTTP request rate (each vendor's plan extends it with its own limits)."""

    http_requests: int = 60
    http_period: float = 60.0
