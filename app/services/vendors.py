"""Builds the feed for a vendor from the user's settings, keyring and command-line overrides.

The one place that knows how a vendor choice becomes a running adapter, shared by start-up and
by the settings dialog's live switch.
"""

from __future__ import annotations

from app.feeds.base import Feed
from app.feeds.registry import FeedOptions, create_feed
from app.storage.keys import get_key
from app.storage.settings import Settings

AVAILABLE_VENDORS = ("sim", "qos", "itick", "maidong")
KEYED_VENDORS = ("qos", "itick")


def build_feed(
    vendor: str,
    settings: Settings,
    *,
    base_url: str | None = None,
    ws_url: str | None = None,
    api_key: str | None = None,
    sim_always_open: bool = False,
) -> Feed:
    """``api_key`` overrides the keyring (a key typed in while no keyring is available)."""
    hosts = settings.hosts.get(vendor)
    qos_plan = itick_plan = None
    if vendor == "qos":
        from app.feeds.qos import QosPlan

        qos_plan = QosPlan(products=settings.qos_plan.products,
                           http_requests=settings.qos_plan.http_per_minute)
    elif vendor == "itick":
        from app.feeds.itick import ItickPlan

        itick_plan = ItickPlan(http_requests=settings.itick_plan.http_per_minute,
                               max_connections=settings.itick_plan.connections or None)
    return create_feed(vendor, FeedOptions(
        base_url=base_url or (hosts.base_url if hosts else None),
        ws_url=ws_url or (hosts.ws_url if hosts else None),
        api_key=api_key or get_key(vendor),
        sim_always_open=sim_always_open,
        qos_plan=qos_plan,
        itick_plan=itick_plan,
    ))
