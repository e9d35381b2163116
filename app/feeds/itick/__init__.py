"""iTick (itick.org): stocks, forex and metals, indices, crypto spot and funds."""

from app.feeds.itick.connection import VendorRefusal
from app.feeds.itick.feed import ItickFeed, ItickPlan, ItickTimings

__all__ = ["ItickFeed", "ItickPlan", "ItickTimings", "VendorRefusal"]
