"""脉动数据 (vendor id ``maidong``): forex, futures, crypto and index futures over plain HTTP
and WebSocket, authorised by the computer's IP address."""

from typing import TYPE_CHECKING

from app.feeds.lazy import exports

if TYPE_CHECKING:
    from app.feeds.maidong.feed import IP_HINT, MaidongFeed, MaidongLimits, MaidongTimings

__all__ = ["IP_HINT", "MaidongFeed", "MaidongLimits", "MaidongTimings"]
__getattr__ = exports(__name__, dict.fromkeys(__all__, "app.feeds.maidong.feed"))
