"""Command line: the GUI plus the scriptable subcommands of DESIGN.md's contract.

Every data subcommand prints one canonical JSON object per line. Exit codes: 0 done; 2 bad
arguments or unknown symbol; 3 the vendor refused our key or plan; 4 vendor unreachable.
A user's mistake is a sentence on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import contextlib
import functools
import gc
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime

from app import __version__
from app.cli_alerts import add_parser as add_alerts_parser
from app.cli_args import end_time, http_url, positive_count, positive_seconds, seconds_or_zero, ws_url
from app.cli_multi import stream_feed, url_for, vendor_http_url, vendor_ws_url
from app.cli_record import add_record_parser, add_replay_options, check_stream_args
from app.cli_relay import NATS_KEYS, RELAY, add_client_options
from app.cli_relay import add_parser as add_relay_parser
from app.core.periods import Period, PeriodError
from app.core.secrets import install_log_filter, mask
from app.core.symbols import SymbolError, normalize
from app.core.types import (
    CategoryInfo,
    Channel,
    ConnectionState,
    Event,
    Status,
    SymbolInfo,
    encode_event,
)
from app.feeds.base import AuthError, Feed, FeedError, UnreachableError
from app.feeds.registry import DEFAULT_VENDOR, SPECS, VENDORS, FeedOptions, create_feed

EXIT_OK, EXIT_USAGE, EXIT_AUTH, EXIT_UNREACHABLE = 0, 2, 3, 4
CONNECT_ATTEMPTS = 4  # a script gets "unreachable" (exit 4) after this many failed first connections
CLOSE_TIMEOUT = 2.0  # a stream's feed gets this long to close once --seconds are over


class UsageError(Exception):
    """Bad arguments found after parsing (exit code 2)."""


def _add_vendor_options(parser: argparse.ArgumentParser, *, top: bool, relay_client: bool = True) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--vendor", choices=VENDORS + ((RELAY,) if relay_client else ()), default=default,
                        help=f"data vendor (default: the last used, first run: {DEFAULT_VENDOR})")
    if top:
        parser.add_argument("--base-url", type=http_url, default=default, help="the vendor's HTTP root")
        parser.add_argument("--ws-url", type=ws_url, default=default, help="the vendor's WebSocket address")
    else:  # a subcommand may read several vendors: V=URL points vendor V (repeatable)
        parser.add_argument("--base-url", type=vendor_http_url, action="append", default=default,
                            metavar="[V=]URL", help="the vendor's HTTP root; V=URL for vendor V")
        parser.add_argument("--ws-url", type=vendor_ws_url, action="append", default=default,
                            metavar="[V=]URL", help="the vendor's WebSocket address; V=URL for vendor V")
    parser.add_argument("--sim-always-open", action="store_true", default=default,
                        help="simulator: keep every market open (demos and tests)")
    if relay_client:
        add_client_options(parser, top=top)  # --vendor relay --nats URL [--relay-vendor V]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quote-terminal", description="Real-time quote terminal for CN, HK, US and crypto markets."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_vendor_options(parser, top=True)
    parser.add_argument("--screenshot", metavar="PATH", help="save the main window to PATH and exit")
    parser.add_argument("--after", type=seconds_or_zero, default=5.0, metavar="S",
                        help="seconds to run before the screenshot (default 5)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    stream = sub.add_parser("stream", help="live canonical events as JSON lines")
    _add_vendor_options(stream, top=False)
    stream.add_argument("--symbols", required=True, help="comma-separated, e.g. US:AAPL,HK:00700")
    stream.add_argument("--channels", default="quote,trade,depth",
                        help="comma-separated of quote,trade,depth,bar (default quote,trade,depth)")
    stream.add_argument("--period", default="1m", help="bar period for the bar channel (default 1m)")
    stream.add_argument("--count", type=positive_count, help="stop after this many lines")
    stream.add_argument("--seconds", type=positive_seconds, help="stop after this many seconds")
    stream.add_argument("--health", action="store_true",
                        help="also one health line per vendor a second (state, age, latency, rate, stale symbols)")
    stream.add_argument("--failover", choices=VENDORS, metavar="V2",
                        help="continue from V2 for the symbols the vendor is down or silent on, back once healthy")
    stream.add_argument("--compare", choices=VENDORS, metavar="V2",
                        help="also read V2 and print a divergence line where the two last prices disagree")
    add_replay_options(stream)
    add_record_parser(sub, _add_vendor_options)

    klines = sub.add_parser("klines", help="history bars, oldest first")
    _add_vendor_options(klines, top=False)
    klines.add_argument("--symbol", required=True)
    klines.add_argument("--period", required=True, help=" ".join(p.value for p in Period))
    klines.add_argument("--count", type=positive_count, default=100)
    klines.add_argument("--end", type=end_time,
                        help="ISO 8601 time (UTC if no offset) or epoch seconds/ms, 2000 to a year ahead")

    symbols = sub.add_parser("symbols", help="the vendor's instruments")
    _add_vendor_options(symbols, top=False)
    symbols.add_argument("--category", help="a category id from `categories`")
    symbols.add_argument("--search", help="a code, a name, or pinyin initials (gzmt); best matches first")

    categories = sub.add_parser("categories", help="the vendor's symbol categories")
    _add_vendor_options(categories, top=False)

    calendar = sub.add_parser("calendar", help="a market's trading sessions as JSON lines")
    calendar.add_argument("--market", help="US HK SH SZ FX CMDTY IDX CRYPTO PERP MD, or JP")
    calendar.add_argument("--symbol", help="the calendar of this symbol's market")
    calendar.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="first trading day (default today)")
    calendar.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last trading day (default from + 7)")

    add_alerts_parser(sub)
    add_relay_parser(sub, VENDORS, functools.partial(_add_vendor_options, relay_client=False))
    watch = sub.add_parser("watch", help="evaluate the saved alerts on live data; prints alert lines")
    _add_vendor_options(watch, top=False)
    watch.add_argument("--seconds", type=positive_seconds, help="stop after this many seconds")

    key = sub.add_parser("key", help="store or clear a vendor's API key in the OS keyring")
    key.add_argument("action", choices=("set", "clear"))
    key.add_argument("key_vendor", metavar="VENDOR",
                     choices=[v for v, spec in SPECS.items() if spec.needs_key] + list(NATS_KEYS))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # it logs full URLs at INFO
    install_log_filter()  # no log line carries a key, even one a vendor quoted back
    parser = build_parser()
    args = parser.parse_args(argv)
    if argv is None and args.command is None:  # the window, run as the program
        ended: list[int] = []
        atexit.register(_end_without_teardown, ended)  # registered first: the last exit step
        ended.append(_answer(args, ending=True))
        return ended[0]
    return _answer(args)


def _end_without_teardown(ended: list[int]) -> None:
    """The window's program ends after its other exit steps (each registered after this one):
    by then the settings are saved, the kline cache and the recordings closed, the threads
    joined and Qt's objects deleted. The interpreter's own teardown would only free, one by
    one, objects whose memory the system takes back anyway (~40 ms of a --screenshot run on a
    small, busy machine, issue 24), so the process ends here, with main()'s code. Not when
    main() raised (the usual way out then), nor when main() is called with arguments (a test,
    a script)."""
    if not ended:
        return
    logging.shutdown()  # (its exit step was registered before this one: it would not run)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(ended[0])


def _answer(args: argparse.Namespace, ending: bool = False) -> int:
    """What the command does, as an exit code (a user's mistake said on stderr). ``ending``:
    the process ends right after (:func:`_end_without_teardown`)."""
    try:
        return _dispatch(args, ending)
    except (UsageError, SymbolError, PeriodError) as exc:
        return _fail(EXIT_USAGE, str(exc))
    except AuthError as exc:
        return _fail(EXIT_AUTH, str(exc))
    except UnreachableError as exc:
        return _fail(EXIT_UNREACHABLE, str(exc))
    except FeedError as exc:
        return _fail(EXIT_USAGE, str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        with contextlib.suppress(OSError):
            sys.stdout = None  # type: ignore[assignment]
        return EXIT_OK


def _fail(code: int, message: str) -> int:
    print(f"quote-terminal: {mask(message)}", file=sys.stderr)
    return code


def _dispatch(args: argparse.Namespace, ending: bool = False) -> int:
    if args.command is None:
        # NumPy's OpenBLAS starts a thread per core that spins at import; the window does no
        # linear algebra, and on a small machine they take a core from the first frame.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        # Start-up allocates much and frees little: the cyclic collector only costs time until
        # the window is up, where app/ui/shell/warm_up.py runs it again, from the GUI thread.
        gc.disable()
        # At exit the interpreter's last cyclic collections walk the whole heap (~0.25 s after
        # the window is gone): by then the settings are saved, the kline cache closed (the
        # launcher's finally) and every recording block flushed as it was written; the system
        # takes the memory back anyway. Frozen, the heap is not walked.
        atexit.register(gc.freeze)
        try:
            from app.ui.shell.launcher import run_gui

            return run_gui(args)
        finally:
            if ending:  # (turned on, the collector would first walk all the window left: ~50 ms
                gc.freeze()  # to free a few hundred plain objects, none with a finalizer or a file)
            gc.enable()
    if args.command == "key":
        return _key(args)
    if args.command == "calendar":
        from app.cli_calendar import CalendarArgsError, run

        try:
            return run(args.market, args.symbol, args.first, args.last)
        except CalendarArgsError as exc:
            raise UsageError(str(exc)) from exc
    if args.command == "alerts":
        from app.cli_alerts import AlertArgsError, run as run_alerts

        try:
            return run_alerts(args)
        except AlertArgsError as exc:
            raise UsageError(str(exc)) from exc
    if args.command == "relay":
        from app.cli_relay import run as run_relay

        return run_relay(args, lambda a, plan: _make_feed(a, give_up_after=None, plan=plan))
    if args.command == "watch":
        from app.cli_alerts import Watched, open_store

        return asyncio.run(_watch(_make_feed(args), Watched(open_store()), args.seconds))
    if args.command == "record":
        from app.cli_record import run_record

        return run_record(args, _make_feed)
    if args.command == "stream" and (problem := check_stream_args(args)):
        raise UsageError(problem)
    if args.command == "stream" and args.vendor == "replay":
        from app.cli_record import run_replay

        return run_replay(args)
    if args.command == "stream":
        vendor = args.vendor or DEFAULT_VENDOR
        feed = stream_feed(args, lambda v: _make_feed(args, v), vendor)
    else:
        feed = _make_feed(args)
    runner = {
        "stream": _stream,
        "klines": _klines,
        "symbols": _symbols,
        "categories": _categories,
    }[args.command]
    return asyncio.run(runner(feed, args))


def _make_feed(args: argparse.Namespace, vendor: str | None = None, *,
               give_up_after: int | None = CONNECT_ATTEMPTS, plan: object | None = None) -> Feed:
    """The feed of ``vendor`` (default: ``--vendor``), at the host the options point it to."""
    from app.core.sessions import install_table
    from app.storage.calendars import read_best_table
    from app.storage.keys import get_key

    install_table(read_best_table())  # holidays for the simulator and the watchdogs (no pandas)
    primary = args.vendor or DEFAULT_VENDOR
    vendor = vendor or primary
    if vendor == RELAY:
        from app.cli_relay import make_relay_feed

        return make_relay_feed(args, give_up_after)
    options = FeedOptions(
        base_url=url_for(args.base_url, vendor, primary), ws_url=url_for(args.ws_url, vendor, primary),
        api_key=get_key(vendor, variable=SPECS[vendor].key_variable),
        sim_always_open=bool(args.sim_always_open), give_up_after=give_up_after, plan=plan,
    )
    return create_feed(vendor, options)


class _LineWriter:
    """Writes canonical JSON lines, stopping at ``limit`` lines."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.written = 0
        self.done = asyncio.Event()
        self._out = sys.stdout.buffer

    def __call__(self, event: Event) -> None:
        if self.done.is_set():
            return
        self._out.write(encode_event(event) + b"\n")
        self._out.flush()
        self.written += 1
        if self.limit is not None and self.written >= self.limit:
            self.done.set()
        if type(event) is Status and event.state is ConnectionState.ERROR:
            self.done.set()  # the feed gave up; main() reports why with the right exit code


def _symbols_arg(text: str) -> list[str]:
    symbols = [normalize(s) for s in text.split(",") if s.strip()]
    if not symbols:
        raise UsageError("--symbols needs at least one symbol, e.g. US:AAPL")
    return symbols


def _channels_arg(text: str) -> list[Channel]:
    channels = []
    for name in (c.strip() for c in text.split(",") if c.strip()):
        try:
            channels.append(Channel(name))
        except ValueError:
            raise UsageError(f"unknown channel '{name}': choose from quote,trade,depth,bar") from None
    if not channels:
        raise UsageError("--channels needs at least one of quote,trade,depth,bar")
    return channels


async def _stream(feed: Feed, args: argparse.Namespace) -> int:
    symbols = _symbols_arg(args.symbols)
    channels = _channels_arg(args.channels)
    period = Period.parse(args.period)
    if args.count is not None and args.count <= 0:
        raise UsageError("--count must be a positive number of lines")
    writer = _LineWriter(args.count)
    feed.set_sink(writer)
    reporter = None
    if args.health:
        from app.cli_health import health_lines
        from app.feeds.composite import vendor_feeds

        reporter = asyncio.ensure_future(health_lines(vendor_feeds(feed), writer))
    try:
        return await _run(feed, writer, args.seconds, symbols, channels, period)
    finally:
        if reporter is not None:
            reporter.cancel()


RULES_CHECK = 1.0  # seconds between looks at alerts.json (and the alert clock) while watching


async def _watch(feed: Feed, watched, seconds: float | None) -> int:
    """``watch``: quotes and trades of the rules' symbols through the alert engine, the alerts
    printed as ``stream`` prints events, until --seconds are over or the feed gives up. A rule
    added to the file meanwhile is evaluated from the next look (its symbol subscribed)."""
    from app.cli_alerts import alert_sink

    async def follow_file() -> None:
        await watched.seed(feed, Period.M1)
        while True:
            await asyncio.sleep(RULES_CHECK)
            watched.tick(feed.vendor, writer)
            added = watched.reload()
            if added:
                await feed.subscribe(added, watched.engine.channels, Period.M1)
                await watched.seed(feed, Period.M1, added)

    writer = _LineWriter(None)
    feed.set_sink(alert_sink(watched.engine, writer, writer.done.set))
    return await _run(feed, writer, seconds, watched.engine.symbols, watched.engine.channels,
                      Period.M1, follow_file)


async def _run(feed: Feed, writer: _LineWriter, seconds: float | None, symbols: list[str],
               channels: list[Channel], period: Period, meanwhile=None) -> int:
    """Start, subscribe and wait for the writer (or --seconds), ``meanwhile()`` running beside;
    a feed's failure is raised for main() to give its exit code."""
    beside = None
    try:
        deadline = asyncio.timeout(seconds)  # connecting and subscribing count too
        try:
            async with deadline:
                await feed.start()
                if symbols:
                    await feed.subscribe(symbols, channels, period)
                if meanwhile is not None:
                    beside = asyncio.ensure_future(meanwhile())
                    beside.add_done_callback(lambda _: writer.done.set())  # it failed: stop
                await writer.done.wait()
        except TimeoutError:
            if not deadline.expired():
                raise
        if feed.failure is not None:
            raise feed.failure
        if beside is not None and beside.done() and not beside.cancelled():
            beside.result()  # a failure beside (a refused subscription) is the run's failure
    finally:
        writer.done.set()
        if beside is not None:
            beside.cancel()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(feed.aclose(), CLOSE_TIMEOUT)
    return EXIT_OK


async def _klines(feed: Feed, args: argparse.Namespace) -> int:
    symbol = normalize(args.symbol)
    period = Period.parse(args.period)
    end: datetime | None = args.end  # parsed and range-checked by argparse (cli_args.end_time)
    writer = _LineWriter(None)
    try:
        await feed.start()
        for bar in await feed.klines(symbol, period, args.count, end):
            writer(bar)
    finally:
        await feed.aclose()
    return EXIT_OK


async def _symbols(feed: Feed, args: argparse.Namespace) -> int:
    writer = _LineWriter(None)
    try:
        await feed.start()
        if args.category is not None:
            known = {c.id for c in await feed.categories()}
            if args.category not in known:
                raise UsageError(
                    f"unknown category '{args.category}' (`quote-terminal categories "
                    f"--vendor {feed.vendor}` lists them)"
                )
        found = await feed.instruments(args.category)
        if args.search:  # best first: code, pinyin initials, name, substring, typo-tolerant
            from app.core.search import search  # lazy: pypinyin is not for the GUI's start-up

            found = [hit.instrument for hit in search(found, args.search, limit=len(found))]
        for inst in found:
            writer(SymbolInfo(feed.vendor, inst.symbol, inst.name, inst.category))
    finally:
        await feed.aclose()
    return EXIT_OK


async def _categories(feed: Feed, args: argparse.Namespace) -> int:
    writer = _LineWriter(None)
    try:
        await feed.start()
        for category in await feed.categories():
            writer(CategoryInfo(feed.vendor, category.id, category.name))
    finally:
        await feed.aclose()
    return EXIT_OK


def _key(args: argparse.Namespace) -> int:
    from app.storage.keys import KeyStoreError, clear_key, set_key

    vendor = args.key_vendor
    try:
        if args.action == "clear":
            removed = clear_key(vendor, variable=_key_variable(vendor))
            print(f"{vendor}: key {'removed' if removed else 'was not stored'}", file=sys.stderr)
            return EXIT_OK
        if sys.stdin.isatty():
            import getpass  # `key set` only: termios is not for the window's start

            value = getpass.getpass(f"{vendor} API key: ")
        else:
            value = sys.stdin.readline()
        value = value.strip()
        if not value:
            raise UsageError("no key given")
        set_key(vendor, value, variable=_key_variable(vendor))
    except KeyStoreError as exc:
        raise UsageError(str(exc)) from None
    print(f"{vendor}: key stored in the OS keyring", file=sys.stderr)
    return EXIT_OK


def _key_variable(name: str) -> str | None:
    return SPECS[name].key_variable if name in SPECS else NATS_KEYS.get(name)
