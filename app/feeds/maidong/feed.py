"""The 脉动数据 adapter: plain HTTP (GET) for state, history and symbol lists, one plain
WebSocket for pushes.

The vendor authorises the computer's IP, not a key; what an unauthorised IP receives is not
documented, so ``start()`` asks for the category list first and turns any refusal (HTTP
401/403, an error body, a server that hangs up without answering) into one sentence that says
whose IP and what to do. The WebSocket has no acknowledgement and no unsubscribe, and whether a
second ``{"Key": …}`` adds or replaces is not stated: every change of the symbol set is one
re-connection that sends the complete list once (debounced, so a burst of clicks is one).
While the WebSocket is down, ``getQuote.php`` is polled within its 3 requests a second per
product. There are no live K-lines: the live bar is built from the prints
(:mod:`app.feeds.livebars`), seeded with the vendor's latest history bar.

The lifecycle is :class:`~app.feeds.live.LiveFeed`'s; the parts, each with its own state, live
beside this module: ``plan`` (addresses, limits, timings), ``rest`` (HTTP requests),
``connection`` (the WebSocket and its heartbeat), ``polling`` (the HTTP fallback), ``live``
(subscriptions and pushes) and ``catalog`` (symbol lists, paged by :mod:`app.feeds.paging`).
"""

from __future__ import annotations

from app.core.types import Quote, Trade
from app.feeds.maidong import plan, wire
from app.feeds.maidong.catalog import MaidongCatalog
from app.feeds.maidong.codes import NAME
from app.feeds.maidong.live import MaidongLive, _Holder  # noqa: F401  (_Holder: re-exported)
from app.feeds.maidong.plan import IP_HINT, MaidongLimits, MaidongTimings


class MaidongFeed(MaidongCatalog, MaidongLive):
    """``MaidongFeed(base_url=…, ws_url=…, timings=MaidongTimings(…), limits=MaidongLimits(…))``."""

    vendor = "maidong"
    # pushes carry LastTime (whole seconds), the prints HH:MM:SS: both the vendor's own
    timed_events = frozenset({Quote, Trade})
    time_resolution_ms = 1000
    name = NAME
    BASE_URL, WS_URL = plan.BASE_URL, plan.WS_URL
    timings_type = MaidongTimings
    key_hint = IP_HINT
    timings: MaidongTimings
    lists_cheaply = False  # paged lists per category at 2 requests a second
    trade_times_ms = False  # prints are stamped "HH:MM:SS"
    periods = frozenset(wire.PERIOD_CODES)


__all__ = ["IP_HINT", "MaidongFeed", "MaidongLimits", "MaidongTimings"]
