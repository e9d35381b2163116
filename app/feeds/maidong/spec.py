"""脉动数据 as the rest of the program sees it (see :mod:`app.feeds.spec`)."""

from __future__ import annotations

from app.core.text import QT_TRANSLATE_NOOP
from app.feeds.base import Feed
from app.feeds.spec import FeedOptions, VendorSpec


def _feed(options: FeedOptions) -> Feed:
    from app.feeds.maidong.feed import MaidongFeed

    return MaidongFeed(base_url=options.base_url, ws_url=options.ws_url,
                       give_up_after=options.give_up_after)


SPEC = VendorSpec(
    id="maidong",
    title=QT_TRANSLATE_NOOP("Vendors", "脉动数据"),
    factory=_feed,  # no key: the vendor authorises the computer's IP address
    plan_note=QT_TRANSLATE_NOOP(
        "SettingsDialog",
        "脉动数据 needs no key: it serves the computers whose IP address it has "
        "authorised. Ask the vendor (Telegram @mdapi888) to add this computer's public "
        "IP. Its own limits apply: 6 connections, 3 quote requests a second per product."),
    # No stocks; its index futures under their own codes (MD:).
    default_watchlist=("CRYPTO:BTCUSDT", "CRYPTO:ETHUSDT", "CRYPTO:XRPUSDT", "FX:EURUSD", "FX:GBPUSD",
                       "FX:USDJPY", "MD:HX_HSI", "MD:HX_MHI", "MD:HX_CN", "MD:HX_NQ", "MD:HX_ES",
                       "MD:ZY_DAX", "MD:ZY_YM"),
)
