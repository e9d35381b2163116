"""The terminal's feed from a desk's relay (``--vendor relay --nats URL [--relay-vendor V]``),
with the NATS credentials from the keyring or the environment: the one place that reads them,
for the command line and the GUI alike. Nothing here writes them anywhere."""

from __future__ import annotations

import asyncio

from app.feeds.relay.connect import NatsAuth, url_problem
from app.feeds.base import FeedError
from app.storage.keys import get_key

RELAY = "relay"  # the --vendor value that reads a relay
DEFAULT_NATS = "nats://127.0.0.1:4222"
# keyring entries (service "quote-terminal") and the environment variables read when they are unset
NATS_KEYS = {"nats-user": "NATS_USER", "nats-password": "NATS_PASSWORD", "nats-token": "NATS_TOKEN"}


def nats_auth() -> NatsAuth:
    """NATS credentials: each from the keyring, else its environment variable (none: open)."""
    found = {name: get_key(name, variable=variable) for name, variable in NATS_KEYS.items()}
    return NatsAuth(found["nats-user"], found["nats-password"], found["nats-token"])


def checked_url(url: str | None) -> str:
    url = url or DEFAULT_NATS
    problem = url_problem(url)
    if problem:
        raise FeedError(problem)
    return url


def relay_feed(url: str | None, relay_vendor: str | None = None, *, give_up_after: int | None = None,
               discover_now: bool = False):
    """A :class:`~app.feeds.relay.feed.RelayFeed` on ``url`` (default the local NATS). With
    ``discover_now`` and no ``relay_vendor``, the relay's vendor is asked for at once (a bounded
    wait, before any event loop runs: the GUI names its vendor from its first frame)."""
    from app.feeds.relay.feed import RelayFeed, discover

    url, auth = checked_url(url), nats_auth()
    if discover_now and relay_vendor is None:
        relay_vendor = asyncio.run(discover(url, auth))
    return RelayFeed(url, relay_vendor=relay_vendor, auth=auth, give_up_after=give_up_after)
