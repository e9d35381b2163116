"""Commands that read more than one vendor: ``stream --failover V2`` and ``--compare V2``.

DESIGN.md: where a command reads more than one vendor, ``--base-url V=URL`` and ``--ws-url
V=URL`` (repeatable) point vendor V at a host; a bare URL means the primary vendor. The argument
types here accept both forms (checked at parse time, as :mod:`app.cli_args`), and
:func:`url_for` picks the one meant for a vendor. :func:`stream_feed` builds what ``stream``
reads: the primary alone, or wrapped in :class:`~app.feeds.failover.FailoverFeed` and/or
:class:`~app.feeds.compare.CompareFeed`.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from app.cli_args import http_url, ws_url
from app.core.urls import shown
from app.feeds.base import Feed
from app.feeds.registry import VENDORS

_NAMED = re.compile(r"^([a-z][a-z0-9_]*)=(.+)$")
VendorUrl = tuple[str | None, str]


def _vendor_url(check: Callable[[str], str]) -> Callable[[str], VendorUrl]:
    def parse(text: str) -> VendorUrl:
        named = _NAMED.match(text.strip())
        if named is None:
            return None, check(text)
        vendor, url = named.groups()
        if vendor not in VENDORS:
            raise argparse.ArgumentTypeError(
                f"'{shown(vendor)}' is not a vendor: give V=URL with V one of {', '.join(VENDORS)}")
        return vendor, check(url)

    return parse


vendor_http_url = _vendor_url(http_url)  # --base-url [V=]URL
vendor_ws_url = _vendor_url(ws_url)  # --ws-url [V=]URL


def url_for(given: object, vendor: str, primary: str) -> str | None:
    """The URL meant for ``vendor`` among the ``--base-url``/``--ws-url`` values given (a bare
    URL is the primary's; the last of several wins), None when none was."""
    if given is None:
        return None
    if isinstance(given, str):  # given before the subcommand: the primary's
        return given if vendor == primary else None
    found = None
    for named, url in given:  # type: ignore[attr-defined]
        if named == vendor or (named is None and vendor == primary):
            found = url
    return found


def stream_feed(args: argparse.Namespace, make: Callable[[str], Feed], primary: str) -> Feed:
    """The primary's feed (``make(vendor)``), behind a failover to ``--failover`` and a
    comparison with ``--compare`` when asked; the same vendor twice is a usage error."""
    from app.cli import UsageError

    backup, other = getattr(args, "failover", None), getattr(args, "compare", None)
    for option, vendor in (("--failover", backup), ("--compare", other)):
        if vendor == primary:
            raise UsageError(f"{option} {vendor}: give another vendor than --vendor {primary}")
    feed = make(primary)
    if backup is not None:
        from app.feeds.failover import FailoverFeed

        feed = FailoverFeed(feed, make(backup))
    if other is not None:
        from app.feeds.compare import CompareFeed

        feed = CompareFeed(feed, make(other))
    return feed
