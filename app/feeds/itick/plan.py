"""Where iTick is and what an iTick plan allows: its addresses, the hint shown when the token is
refused, the plan's limits and how patient the adapter is (tests compress these)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.timings import HttpPlan, LiveTimings

BASE_URL = "https://api.itick.org"
WS_URL = "wss://api.itick.org"
FREE_BASE_URL = "https://api-free.itick.org"
KEY_HINT = Text(QT_TRANSLATE_NOOP(
    "Feed", "check the token with `quote-terminal key set itick` or ITICK_TOKEN; free keys only work on %1"),
    FREE_BASE_URL)


@dataclass(frozen=True)
class ItickPlan(HttpPlan):
    """The limits of an iTick plan. iTick publishes no numbers; these are the documented
    500 symbols per connection and a request rate paid plans allow (60 a minute; free keys:
    about 5)."""

    symbols_per_connection: int = 500
    max_connections: int | None = None  # WebSocket connections the plan allows (None: unknown)
    max_bars: int = 1000  # bars one kline request returns


@dataclass(frozen=True)
class ItickTimings(LiveTimings):
    heartbeat: float = 20.0  # iTick drops a connection after 60 s without a ping
    auth_wait: float = 3.0  # no auth result by then: send the 2024 auth message
    snapshot_first: float = 2.0  # wait this long for the REST state before live pushes flow

