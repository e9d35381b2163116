"""QOS (qos.hk): US, HK and A-share stocks, crypto perpetuals, FX, indices and commodities."""

from app.feeds.qos.feed import QosFeed, QosPlan, QosTimings, VendorRefusal

__all__ = ["QosFeed", "QosPlan", "QosTimings", "VendorRefusal"]
