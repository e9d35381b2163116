"""Creates the adapter for a vendor id."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.secrets import register
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import Feed, FeedError

VENDORS = ("sim", "qos", "itick", "maidong")


@dataclass(frozen=True)
class FeedOptions:
    base_url: str | None = None
    ws_url: str | None = None
    api_key: str | None = None
    sim_always_open: bool = False
    sim_seed: int | None = None
    give_up_after: int | None = None  # connection attempts before "unreachable" (None: keep trying)
    qos_plan: object | None = None  # a QosPlan for larger plans than the default
    itick_plan: object | None = None  # an ItickPlan (request rate, connections)


def create_feed(vendor: str, options: FeedOptions | None = None) -> Feed:
    options = options or FeedOptions()
    register(options.api_key)  # masked in every text and log line from now on
    if vendor == "sim":
        from app.feeds.sim import SimFeed

        return SimFeed(always_open=options.sim_always_open, seed=options.sim_seed)
    if vendor == "qos":
        from app.feeds.qos import QosFeed

        return QosFeed(
            api_key=options.api_key, base_url=options.base_url, ws_url=options.ws_url,
            plan=options.qos_plan, give_up_after=options.give_up_after,  # type: ignore[arg-type]
        )
    if vendor == "itick":
        from app.feeds.itick import ItickFeed

        return ItickFeed(
            api_key=options.api_key, base_url=options.base_url, ws_url=options.ws_url,
            plan=options.itick_plan, give_up_after=options.give_up_after,  # type: ignore[arg-type]
        )
    if vendor == "maidong":
        from app.feeds.maidong import MaidongFeed

        return MaidongFeed(base_url=options.base_url, ws_url=options.ws_url,
                           give_up_after=options.give_up_after)
    raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "unknown vendor '%1': choose one of %2"),
                         vendor, ", ".join(VENDORS)))
