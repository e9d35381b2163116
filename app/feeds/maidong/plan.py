"""Where 脉动数据 is and what it allows: its addresses, the hint said when it refuses this
computer, its documented limits and how patient the adapter is (tests compress these)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.timings import LiveTimings

BASE_URL = "http://39.107.99.235:1008"
WS_URL = "ws://39.107.99.235/ws"
IP_HINT = Text(QT_TRANSLATE_NOOP(
    "Feed", "this computer's IP address is not authorised by 脉动数据: ask the vendor (Telegram @mdapi888) "
    "to add this computer's public IP address to its allow-list"))


@dataclass(frozen=True)
class MaidongLimits:
    """The documented limits (maidong.md section 1)."""

    quotes_per_second: int = 3  # getQuote.php, per product
    klines_per_second: int = 5  # redis.php, per product
    lists_per_second: int = 2  # getCategory.php and getSymbolList.php
    connections: int = 6  # WebSocket connections per authorised IP (we use one)


@dataclass(frozen=True)
class MaidongTimings(LiveTimings):
    heartbeat: float = 10.0  # the vendor's documented ping interval
    missed_pongs: int = 2  # unanswered pings in a row before the connection is replaced
    resubscribe_delay: float = 0.3  # debounce before re-connecting with a changed set
    idle_limit: float | None = None  # a quiet socket is said once and polled instead (polling.py)
    first_connect_timeout: float = 10.0
    fallback_after: float = 3.0  # WebSocket down this long: poll getQuote.php instead
    poll_interval: float = 1.0  # per product while polling (the limit is 3 a second)
    quiet_alert: float = 30.0  # subscribed and connected without data this long: say so
    quiet_poll_interval: float = 5.0  # and look over HTTP this often meanwhile
    http_retries: int = 2
    page_size: int = 100  # getSymbolList.php page size when listing a whole category
