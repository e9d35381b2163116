"""What the composite feeds (:mod:`app.feeds.failover`, :mod:`app.feeds.compare`) share with
their users: the vendors' own feeds inside one, and which of them serves a symbol."""

from __future__ import annotations

from app.core.health import FeedHealth
from app.feeds.base import Feed


def vendor_feeds(feed: Feed) -> list[Feed]:
    """Every vendor's own feed inside ``feed`` (itself when it is one), primary first: a health
    line or a Feeds-pane row each."""
    inner = getattr(type(feed), "feeds", None)
    if inner is None:
        return [feed]
    return [leaf for part in feed.feeds for leaf in vendor_feeds(part)]  # type: ignore[attr-defined]


def serving(feed: Feed, symbol: str) -> str:
    """The vendor id whose events ``symbol`` shows now (the backup's while failed over)."""
    ask = getattr(type(feed), "serving", None)
    if ask is not None:
        return feed.serving(symbol)  # type: ignore[attr-defined]
    inner = getattr(type(feed), "feeds", None)
    return serving(feed.feeds[0], symbol) if inner is not None else feed.vendor  # type: ignore[attr-defined]


def health_of(feed: Feed, symbol: str) -> FeedHealth:
    """The health of the vendor serving ``symbol`` (its age is that vendor's)."""
    vendor = serving(feed, symbol)
    for leaf in vendor_feeds(feed):
        if leaf.vendor == vendor:
            return leaf.health
    return feed.health
