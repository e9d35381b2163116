"""The built-in market simulator (vendor id ``sim``)."""

from app.feeds.sim.feed import SimFeed

__all__ = ["SimFeed"]
