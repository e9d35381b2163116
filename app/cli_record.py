"""``record`` and ``stream --vendor replay``: the command line of recordings (issue 22).

``record --vendor V --symbols … [--channels …] --out FILE [--seconds S | --count N]`` writes
the canonical events as they arrive (app.storage.recording) and ends with one summary line on
stderr; ``stream --vendor replay --from FILE [--speed X | max] [--start ISO8601]`` prints the
recorded events as ``stream`` prints live ones, in order, with their recorded times, paced as
recorded (``--speed 1``, the default) or as fast as it can (``max``). With ``--symbols`` only
those symbols' events of ``--channels`` are printed; without, every recorded event.

The replay is not a vendor of the registry (no settings, key or plan; not a ``--failover``
partner): ``replay`` is accepted by ``stream`` alone, and :func:`run_replay` builds the feed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.cli_args import end_time, positive_count, positive_seconds
from app.core.periods import Period
from app.core.types import ConnectionState, Event, Status
from app.feeds.base import Feed

REPLAY = "replay"
FLUSH_EVERY = 0.25  # seconds between the recorder's looks at its block's age (wall-time flush)


def speed_arg(text: str) -> float | None:
    """``--speed``: ``max`` (None) or a number from 0.25 to 100."""
    from app.feeds.replay import MAX_SPEED, MIN_SPEED

    if text.strip().lower() == "max":
        return None
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a speed: give 0.25 to 100, or max") from None
    if not MIN_SPEED <= value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(f"speed '{text}' is out of range: give 0.25 to 100, or max")
    return value


def add_record_parser(sub, add_vendor_options: Callable[..., None]) -> None:
    """The ``record`` subcommand."""
    record = sub.add_parser("record", help="record canonical events to a file (replay: stream --vendor replay --from FILE)")
    add_vendor_options(record, top=False)
    record.add_argument("--symbols", required=True, help="comma-separated, e.g. US:AAPL,HK:00700")
    record.add_argument("--channels", default="quote,trade,depth,bar",
                        help="comma-separated of quote,trade,depth,bar (default all four)")
    record.add_argument("--period", default="1m", help="bar period for the bar channel (default 1m)")
    record.add_argument("--out", required=True, type=Path, metavar="FILE", help="the recording to write")
    limit = record.add_mutually_exclusive_group()
    limit.add_argument("--seconds", type=positive_seconds, help="stop after this many seconds")
    limit.add_argument("--count", type=positive_count, help="stop after this many events")


def add_replay_options(stream: argparse.ArgumentParser) -> None:
    """``stream``'s replay options; ``--vendor`` also takes ``replay`` and ``--symbols`` becomes
    optional for it (checked in :func:`check_stream_args`)."""
    for action in stream._actions:  # the parser's own list: one vendor more, one rule less
        if action.dest == "vendor" and action.choices is not None:
            action.choices = (*action.choices, REPLAY)
        if action.dest == "symbols":
            action.required = False
    stream.add_argument("--from", dest="from_file", type=Path, metavar="FILE",
                        help="replay: the recording to play (with --vendor replay)")
    stream.add_argument("--speed", type=speed_arg, default=1.0, metavar="X|max",
                        help="replay: recorded seconds per second, 0.25 to 100, or max (default 1)")
    stream.add_argument("--start", type=end_time, metavar="ISO8601",
                        help="replay: start at this recorded time (UTC if no offset)")


def check_stream_args(args: argparse.Namespace) -> str | None:
    """What is wrong with ``stream``'s arguments as far as the replay goes (None: nothing)."""
    replay = args.vendor == REPLAY
    if replay and args.from_file is None:
        return "stream --vendor replay needs --from FILE (a recording made by `quote-terminal record`)"
    if not replay and args.from_file is not None:
        return "--from FILE goes with --vendor replay"
    if not replay and args.symbols is None:
        return "the following arguments are required: --symbols"
    if replay and (args.failover or args.compare):
        return "a replay cannot be combined with --failover or --compare"
    return None


class _Recorder:
    """The record command's sink: every market event into the writer, up to ``limit``."""

    def __init__(self, writer, limit: int | None) -> None:
        self.writer = writer
        self.limit = limit
        self.written = 0
        self.symbols: set[str] = set()
        self.done = asyncio.Event()

    def __call__(self, event: Event) -> None:
        if type(event) is Status:
            if event.state is ConnectionState.ERROR:
                self.done.set()  # the feed gave up; main() reports why with its exit code
            return
        if self.done.is_set():
            return
        self.writer.write(event)
        self.written += 1
        self.symbols.add(event.symbol)
        if self.limit is not None and self.written >= self.limit:
            self.done.set()


def run_record(args: argparse.Namespace, make_feed: Callable[[argparse.Namespace], Feed]) -> int:
    from app.cli import UsageError, _channels_arg, _symbols_arg

    symbols, channels = _symbols_arg(args.symbols), _channels_arg(args.channels)
    period = Period.parse(args.period)
    from app.storage.recording import RecordingWriter

    try:
        writer = RecordingWriter(args.out)
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    feed = make_feed(args)
    return asyncio.run(_record(feed, writer, args, symbols, channels, period))


async def _record(feed: Feed, writer, args: argparse.Namespace, symbols, channels, period) -> int:
    from app.cli import _run

    recorder = _Recorder(writer, args.count)
    feed.set_sink(recorder)
    began = time.monotonic()

    async def flush_on_time() -> None:  # a quiet feed's last events still reach the file
        while True:
            await asyncio.sleep(FLUSH_EVERY)
            writer.maybe_flush()

    try:
        return await _run(feed, recorder, args.seconds, symbols, channels, period, flush_on_time)
    finally:
        writer.close()
        size = args.out.stat().st_size if args.out.exists() else 0
        per = f", {size / recorder.written:.1f} bytes/event" if recorder.written else ""
        print(f"recorded {recorder.written} events of {len(recorder.symbols)} symbols in "
              f"{time.monotonic() - began:.1f} s to {args.out} ({size} bytes{per})", file=sys.stderr)


class _ReplayLines:
    """Prints the recorded events (not the replay's own status lines), ending at the
    recording's end or after ``limit`` lines."""

    def __init__(self, lines) -> None:
        self.lines = lines
        self.done = lines.done

    def __call__(self, event: Event) -> None:
        if type(event) is Status:
            if event.state is ConnectionState.ERROR or event.detail == "replay ended":
                self.done.set()
            return
        try:
            self.lines(event)
        except BrokenPipeError:  # `| head`: the reader has what it wanted
            self.done.set()


def run_replay(args: argparse.Namespace) -> int:
    from app.cli import _channels_arg, _LineWriter, _run, _symbols_arg
    from app.feeds.replay import ReplayFeed
    from app.storage.recording import opener

    start = int(args.start.timestamp() * 1000) if args.start is not None else None
    symbols = _symbols_arg(args.symbols) if args.symbols else []
    channels = _channels_arg(args.channels) if symbols else []
    feed = ReplayFeed(opener(args.from_file), speed=args.speed, start_ms=start, everything=not symbols)

    async def play() -> int:
        lines = _LineWriter(args.count)
        feed.set_sink(_ReplayLines(lines))
        return await _run(feed, lines, args.seconds, symbols, channels, Period.parse(args.period))

    return asyncio.run(play())
