"""Builds the feed for a vendor from the user's settings, keyring and command-line overrides.

The one place that knows how a vendor choice becomes a running adapter, shared by start-up and
by the settings dialog's live switch. What it knows of each vendor comes from the vendor's spec
(:mod:`app.feeds.registry`); it hands storage the part storage needs (first-start defaults).
"""

from __future__ import annotations

from app.feeds.base import Feed
from app.feeds.registry import DEFAULT_VENDOR, SPECS, VENDORS, FeedOptions, create_feed, spec_of
from app.feeds.spec import VendorSpec
from app.storage.keys import get_key
from app.storage.settings import Settings, VendorDefaults, use_vendor_defaults

AVAILABLE_VENDORS = VENDORS

use_vendor_defaults(VendorDefaults(DEFAULT_VENDOR, {v: spec.default_watchlist for v, spec in SPECS.items()}))


def vendor_spec(vendor: str) -> VendorSpec:
    """The spec of ``vendor`` (a :class:`~app.feeds.base.FeedError` for an unknown one)."""
    return spec_of(vendor)


def stored_key(vendor: str) -> str | None:
    """The vendor's key from the keyring, else from its environment variable."""
    return get_key(vendor, variable=spec_of(vendor).key_variable)


def build_feed(
    vendor: str,
    settings: Settings,
    *,
    base_url: str | None = None,
    ws_url: str | None = None,
    api_key: str | None = None,
    sim_always_open: bool = False,
) -> Feed:
    """``api_key`` overrides the keyring (a key typed in while no keyring is available).
    With a backup set for ``vendor`` (``settings.backup``, another vendor we know), the feed is
    a :class:`~app.feeds.failover.FailoverFeed` of the two, the backup at its saved host; with a
    vendor to compare with (``settings.compare``), that is read beside it by a
    :class:`~app.feeds.compare.CompareFeed` (its events only compared, never shown)."""
    feed = _vendor_feed(vendor, settings, base_url=base_url, ws_url=ws_url, api_key=api_key,
                        sim_always_open=sim_always_open)
    backup = settings.backup.get(vendor)
    if backup is not None and backup != vendor and backup in SPECS:
        from app.feeds.failover import FailoverFeed

        feed = FailoverFeed(feed, _vendor_feed(backup, settings, sim_always_open=sim_always_open))
    other = settings.compare.get(vendor)
    if other is not None and other not in (vendor, backup) and other in SPECS:
        from app.feeds.compare import CompareFeed

        feed = CompareFeed(feed, _vendor_feed(other, settings, sim_always_open=sim_always_open))
    return feed


def _vendor_feed(vendor: str, settings: Settings, *, base_url: str | None = None, ws_url: str | None = None,
                 api_key: str | None = None, sim_always_open: bool = False) -> Feed:
    spec = spec_of(vendor)
    hosts = settings.hosts.get(vendor)
    takes_key = spec.needs_key or spec.key_variable is not None  # (no keyring for the sim: start-up)
    return create_feed(vendor, FeedOptions(
        base_url=base_url or (hosts.base_url if hosts else None),
        ws_url=ws_url or (hosts.ws_url if hosts else None),
        api_key=api_key or (get_key(vendor, variable=spec.key_variable) if takes_key else None),
        sim_always_open=sim_always_open,
        plan=spec.plan_from(settings),
    ))
