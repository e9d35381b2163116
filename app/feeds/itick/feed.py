"""The iTick adapter: REST (GET, ``token`` header) for state and history, one WebSocket per asset
class (sharded at 500 symbols) for live pushes.

The lifecycle is :class:`~app.feeds.live.LiveFeed`'s; the parts, each with its own state, live
beside this module: ``rest`` (requests), ``live`` (subscriptions, shards) over ``connection``
(one WebSocket's protocol), ``catalog`` (lists); ``plan`` (addresses, limits, timings) and
``channels`` (channel → iTick type) are re-exported here.
"""

from __future__ import annotations

from app.core.periods import Period
from app.core.text import QT_TRANSLATE_NOOP
from app.core.types import Quote, Trade
from app.feeds.base import FeedError, VendorRefusal
from app.feeds.itick import plan, wire
from app.feeds.itick.catalog import ItickCatalog
from app.feeds.itick.channels import channel_type, ktype  # noqa: F401  (re-exported)
from app.feeds.itick.connection import NAME
from app.feeds.itick.plan import (  # noqa: F401  (FREE_BASE_URL: re-exported)
    FREE_BASE_URL,
    KEY_HINT,
    ItickPlan,
    ItickTimings,
)


class ItickFeed(ItickCatalog):
    """``ItickFeed(api_key=…, base_url=…, ws_url=…, plan=ItickPlan(…), timings=ItickTimings(…))``."""

    vendor = "itick"
    # live quotes and ticks carry iTick's own time in milliseconds (its depth has none)
    timed_events = frozenset({Quote, Trade})
    name = NAME
    BASE_URL, WS_URL = plan.BASE_URL, plan.WS_URL
    plan_type, timings_type = ItickPlan, ItickTimings
    key_header, key_hint = "token", KEY_HINT
    missing_key = QT_TRANSLATE_NOOP("Feed", "%1 needs an API token: %2")
    lists_cheaply = False  # one request per category, on a plan of a few requests a minute

    def chart_periods(self, symbol: str) -> frozenset[Period]:
        try:
            asset = self.code_of(symbol).asset
        except FeedError:
            return frozenset()
        return frozenset(p for p in wire.KTYPES if p not in wire.CRYPTO_ONLY or asset == "crypto")


__all__ = ["ItickFeed", "ItickPlan", "ItickTimings", "VendorRefusal"]
