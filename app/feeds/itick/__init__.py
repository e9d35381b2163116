"""iTick (itick.org): stocks, forex and metals, indices, crypto spot and funds."""

from typing import TYPE_CHECKING

from app.feeds.lazy import exports

if TYPE_CHECKING:
    from app.feeds.base import VendorRefusal
    from app.feeds.itick.feed import ItickFeed, ItickPlan, ItickTimings

__all__ = ["ItickFeed", "ItickPlan", "ItickTimings", "VendorRefusal"]
__getattr__ = exports(__name__, {"ItickFeed": "app.feeds.itick.feed", "ItickPlan": "app.feeds.itick.feed",
                                 "ItickTimings": "app.feeds.itick.feed",
                                 "VendorRefusal": "app.feeds.base"})
