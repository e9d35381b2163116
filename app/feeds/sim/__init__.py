"""The built-in market simulator (vendor id ``sim``)."""

from typing import TYPE_CHECKING

from app.feeds.lazy import exports

if TYPE_CHECKING:
    from app.feeds.sim.feed import SimFeed

__all__ = ["SimFeed"]
__getattr__ = exports(__name__, {"SimFeed": "app.feeds.sim.feed"})
