"""iTick as the rest of the program sees it (see :mod:`app.feeds.spec`)."""

from __future__ import annotations

from app.core.text import QT_TRANSLATE_NOOP
from app.feeds.base import Feed
from app.feeds.itick.plan import ItickPlan
from app.feeds.spec import FeedOptions, PlanField, VendorSpec


def _feed(options: FeedOptions) -> Feed:
    from app.feeds.itick.feed import ItickFeed

    return ItickFeed(api_key=options.api_key, base_url=options.base_url, ws_url=options.ws_url,
                     plan=options.plan, give_up_after=options.give_up_after)  # type: ignore[arg-type]


SPEC = VendorSpec(
    id="itick",
    title=QT_TRANSLATE_NOOP("Vendors", "iTick (itick.org)"),
    factory=_feed,
    key_variable="ITICK_TOKEN",
    needs_key=True,
    plan=ItickPlan,
    plan_fields=(
        PlanField("http_rate", QT_TRANSLATE_NOOP("SettingsDialog", "HTTP requests"), "http_requests",
                  suffix=QT_TRANSLATE_NOOP("SettingsDialog", " per minute"),
                  section="itick_plan", attr="http_per_minute"),
        PlanField("connections", QT_TRANSLATE_NOOP("SettingsDialog", "WebSocket connections"),
                  "max_connections", minimum=0, maximum=100,
                  unset=QT_TRANSLATE_NOOP("SettingsDialog", "as many as needed"),
                  section="itick_plan", attr="connections"),
    ),
    plan_note=QT_TRANSLATE_NOOP(
        "SettingsDialog",
        "iTick publishes no limits. Free keys: about 5 requests a minute, on the host "
        "https://api-free.itick.org (and wss://api-free.itick.org). Each connection "
        "carries up to 500 symbols."),
    default_watchlist=("US:AAPL", "US:NVDA", "US:TSLA", "HK:00700", "HK:09988", "SH:600519",
                       "SZ:300750", "CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "FX:EURUSD", "CMDTY:XAUUSD",
                       "IDX:SPX"),
)
