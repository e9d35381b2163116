"""QOS as the rest of the program sees it (see :mod:`app.feeds.spec`)."""

from __future__ import annotations

from app.core.text import QT_TRANSLATE_NOOP
from app.feeds.base import Feed
from app.feeds.spec import FeedOptions, PlanField, VendorSpec


def _feed(options: FeedOptions) -> Feed:
    from app.feeds.qos.feed import QosFeed

    return QosFeed(api_key=options.api_key, base_url=options.base_url, ws_url=options.ws_url,
                   plan=options.plan, give_up_after=options.give_up_after)  # type: ignore[arg-type]


def _plan(**limits: int | None) -> object:
    from app.feeds.qos.feed import QosPlan

    return QosPlan(**limits)  # type: ignore[arg-type]


SPEC = VendorSpec(
    id="qos",
    title=QT_TRANSLATE_NOOP("Vendors", "QOS (qos.hk)"),
    factory=_feed,
    key_variable="QOS_API_KEY",
    needs_key=True,
    plan=_plan,
    plan_fields=(
        PlanField("products", QT_TRANSLATE_NOOP("SettingsDialog", "Symbols in the plan"), "products",
                  maximum=10_000, section="qos_plan", attr="products"),
        PlanField("http_rate", QT_TRANSLATE_NOOP("SettingsDialog", "HTTP requests"), "http_requests",
                  suffix=QT_TRANSLATE_NOOP("SettingsDialog", " per minute"),
                  section="qos_plan", attr="http_per_minute"),
    ),
    # The default plan holds 10 symbols at once.
    default_watchlist=("US:AAPL", "US:NVDA", "US:TSLA", "HK:00700", "HK:09988", "SH:600519",
                       "SZ:002594", "PERP:BTCUSDT", "PERP:ETHUSDT", "CMDTY:XAUUSD"),
)
