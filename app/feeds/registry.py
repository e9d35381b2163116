"""Every vendor the program offers: its spec (:mod:`app.feeds.spec`) collected from its package.

Adding a vendor is one line in :data:`PACKAGES`; the command line, the settings dialog, the
service layer and storage read the specs, never a vendor id.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module

from app.core.secrets import register
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.feeds.base import Feed, FeedError
from app.feeds.spec import FeedOptions, VendorSpec, by_id

__all__ = ["DEFAULT_VENDOR", "SPECS", "VENDORS", "FeedOptions", "create_feed", "spec_of"]

# One line per vendor, each a package with a ``spec.py``; the first is the default (a first start).
PACKAGES = (
    "app.feeds.sim",
    "app.feeds.qos",
    "app.feeds.itick",
    "app.feeds.maidong",
)

SPECS: Mapping[str, VendorSpec] = by_id(tuple(import_module(f"{p}.spec").SPEC for p in PACKAGES))
VENDORS = tuple(SPECS)
DEFAULT_VENDOR = VENDORS[0]


def spec_of(vendor: str) -> VendorSpec:
    """The vendor's spec, or a :class:`FeedError` in words naming the vendors there are."""
    try:
        return SPECS[vendor]
    except KeyError:
        raise FeedError(Text(QT_TRANSLATE_NOOP("Feed", "unknown vendor '%1': choose one of %2"),
                             vendor, ", ".join(VENDORS))) from None


def create_feed(vendor: str, options: FeedOptions | None = None) -> Feed:
    spec = spec_of(vendor)
    options = options or FeedOptions()
    register(options.api_key)  # masked in every text and log line from now on
    return spec.factory(options)
