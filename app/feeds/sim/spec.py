"""The simulator as the rest of the program sees it (see :mod:`app.feeds.spec`)."""

from __future__ import annotations

from app.core.text import QT_TRANSLATE_NOOP
from app.feeds.base import Feed
from app.feeds.spec import FeedOptions, VendorSpec


def _feed(options: FeedOptions) -> Feed:
    from app.feeds.sim.feed import SimFeed

    return SimFeed(always_open=options.sim_always_open, seed=options.sim_seed)


SPEC = VendorSpec(
    id="sim",
    title=QT_TRANSLATE_NOOP("Vendors", "Market simulator (no key, no network)"),
    factory=_feed,
    network=False,
    default_watchlist=("US:AAPL", "US:NVDA", "US:TSLA", "HK:00700", "HK:09988", "SH:600519",
                       "SZ:300750", "CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "PERP:BTCUSDT", "FX:EURUSD",
                       "CMDTY:XAUUSD", "IDX:HSI"),
)
