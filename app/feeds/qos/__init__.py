"""QOS (qos.hk): US, HK and A-share stocks, crypto perpetuals, FX, indices and commodities."""

from typing import TYPE_CHECKING

from app.feeds.lazy import exports

if TYPE_CHECKING:
    from app.feeds.qos.feed import QosFeed, QosPlan, QosTimings, VendorRefusal

__all__ = ["QosFeed", "QosPlan", "QosTimings", "VendorRefusal"]
__getattr__ = exports(__name__, dict.fromkeys(__all__, "app.feeds.qos.feed"))
