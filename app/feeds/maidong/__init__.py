"""脉动数据 (vendor id ``maidong``): forex, futures, crypto and index futures over plain HTTP
and WebSocket, authorised by the computer's IP address."""

from app.feeds.maidong.feed import IP_HINT, MaidongFeed, MaidongLimits, MaidongTimings

__all__ = ["IP_HINT", "MaidongFeed", "MaidongLimits", "MaidongTimings"]
