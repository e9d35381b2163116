"""``quote-terminal relay --vendor V --nats URL [--embedded-nats]``: one vendor connection for a
whole desk, published on NATS (app/feeds/relay). Headless: it logs its state to stderr and runs
until interrupted (or ``--seconds``). With ``--embedded-nats`` it first starts the nats-server of
the ``relay`` extra on the address of ``--nats`` (JetStream on, its store in the data folder) and
stops it on exit. Also the options that let ``stream``/the GUI read a relay."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
from urllib.parse import urlsplit

from app.cli_args import positive_count, positive_seconds
from app.services.relay_feed import DEFAULT_NATS, NATS_KEYS, RELAY, checked_url, nats_auth, relay_feed

log = logging.getLogger("app.relay")

__all__ = ["NATS_KEYS", "RELAY", "add_client_options", "add_parser", "make_relay_feed", "run"]


def add_client_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--nats URL`` and ``--relay-vendor V`` for a command that may read a relay."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--nats", metavar="URL", default=default,
                        help=f"with --vendor relay: the NATS server of the desk's relay (default {DEFAULT_NATS})")
    parser.add_argument("--relay-vendor", metavar="V", default=default,
                        help="with --vendor relay: the vendor whose relay to read (default: the one that answers)")


def make_relay_feed(args: argparse.Namespace, give_up_after: int | None):
    return relay_feed(getattr(args, "nats", None), getattr(args, "relay_vendor", None),
                      give_up_after=give_up_after)


def add_parser(sub, vendors: tuple[str, ...], add_vendor_options) -> None:
    relay = sub.add_parser("relay", help="hold one vendor connection and publish it on NATS for a desk")
    add_vendor_options(relay, top=False)
    relay.set_defaults(vendor=None)
    relay.add_argument("--nats", metavar="URL", default=None, help=f"the NATS server (default {DEFAULT_NATS})")
    relay.add_argument("--embedded-nats", action="store_true",
                       help="start the nats-server of the relay extra at that address (a single desk)")
    relay.add_argument("--max-symbols", type=positive_count, metavar="N",
                       help="symbols held at once (default: the vendor plan's limit)")
    relay.add_argument("--seconds", type=positive_seconds, metavar="S", help="stop after this many seconds")


def run(args: argparse.Namespace, make_feed) -> int:
    """Run the relay until Ctrl+C, SIGTERM or --seconds; exit 0."""
    from app.cli import UsageError

    if not args.vendor or args.vendor == RELAY:
        raise UsageError("relay needs --vendor V (a vendor, not relay)")
    url = checked_url(args.nats)
    logging.getLogger("app.feeds.relay").setLevel(logging.INFO)  # a headless program says its state
    server = None
    if args.embedded_nats:
        server = _embedded(url)
    try:
        return asyncio.run(_serve(args, url, make_feed))
    finally:
        if server is not None:
            server.terminate()
            log.warning("relay: embedded nats-server stopped")


def _embedded(url: str):
    from app.cli import UsageError
    from app.feeds.relay.natsbin import NatsServerProcess, accepts
    from app.storage.paths import data_dir

    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 4222
    if parts.scheme != "nats":
        raise UsageError("--embedded-nats serves plain nats:// on this computer; give --nats nats://HOST:PORT")
    if accepts(host, port):
        raise UsageError(f"--embedded-nats: something already listens on {host}:{port}; "
                         "give another port with --nats, or drop --embedded-nats to use that server")
    server = NatsServerProcess(data_dir() / "nats", host=host, port=port, die_with_parent=True)
    server.start()
    log.warning("relay: embedded nats-server on %s (JetStream store %s)", url, server.store)
    return server


async def _serve(args: argparse.Namespace, url: str, make_feed) -> int:
    from app.feeds.relay.server import Relay
    from app.storage.klines import KlineCache
    from app.storage.paths import cache_dir

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    if args.seconds:
        loop.call_later(args.seconds, stop.set)
    cache = None
    try:
        cache = KlineCache(cache_dir() / "klines.sqlite3")
    except Exception as exc:  # a read-only home: requests go to the vendor each time
        log.warning("relay: no kline cache (%s)", exc)
    plan = _user_plan(args.vendor)
    relay = Relay(args.vendor, url, nats_auth(), lambda: make_feed(args, plan), cache=cache, cap=args.max_symbols)
    log.warning("relay %s: %s on %s (standby until it holds the vendor)", relay.id, args.vendor, url)
    try:
        await relay.run(stop)
    finally:
        if cache is not None:
            cache.close()
    return 0



def _user_plan(vendor: str) -> object | None:
    """The vendor plan set in this computer's settings (its symbols at once, its request rate),
    as the GUI would use it; the vendor's default plan when none is set."""
    from app.feeds.registry import VENDORS
    from app.services.vendors import vendor_spec  # (installs the vendors' defaults the file is read with)
    from app.storage.settings import read_settings

    try:
        return vendor_spec(vendor).plan_from(read_settings(vendors=VENDORS).settings)
    except Exception as exc:  # an unreadable settings file: the default plan, said
        log.warning("relay: the plan in the settings could not be read (%s): the vendor's default plan", exc)
        return None
