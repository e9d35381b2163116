"""The command line's argument types: each refuses a bad value with words at parse time.

argparse turns an ``ArgumentTypeError`` into ``argument --end: <words>`` and exit code 2, so a
NaN, a negative count, an epoch past the year 9999 or an address with no host never reaches the
code that would raise a traceback (or, worse, accept it: ``--seconds nan`` ran forever,
``--end ١٢٣`` read as epoch 123, ``--base-url "not a url"`` used the vendor's own host).
"""

from __future__ import annotations

import argparse
import math
from datetime import UTC, datetime, timedelta

from app.core.urls import HTTP_SCHEMES, WS_SCHEMES, shown, url_problem

EARLIEST_END = datetime(2000, 1, 1, tzinfo=UTC)  # no vendor we read has bars before this
LATEST_AHEAD = timedelta(days=366)  # --end up to a year ahead
MAX_COUNT = 1_000_000_000  # lines or bars: far more than any vendor serves, far below overflow
MS_FROM = 100_000_000_000  # an epoch this large (the year 5138 in seconds) is milliseconds


def _number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{shown(text)}' is not a number of {what}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"'{shown(text)}' is not a finite number of {what}")
    return value


def positive_seconds(text: str) -> float:
    """``--seconds``: a finite number above zero (``nan`` never ended, ``0`` ended at once)."""
    value = _number(text, "seconds")
    if value <= 0:
        raise argparse.ArgumentTypeError(f"'{shown(text)}' seconds: give a number above zero")
    return value


def seconds_or_zero(text: str) -> float:
    """``--after``: a finite number of seconds, zero or more."""
    value = _number(text, "seconds")
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{shown(text)}' seconds: give zero or more")
    return value


def positive_count(text: str) -> int:
    """``--count``: ASCII digits, 1 … 1,000,000,000 (``int()`` would also take '١٢٣' and '1_0')."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(f"'{shown(text)}' is not a whole number like 100")
    value = int(digits)
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"'{shown(text)}': give a count from 1 to {MAX_COUNT:,}")
    return value


def end_time(text: str, *, now: datetime | None = None) -> datetime:
    """``--end``: ISO 8601 (UTC when it has no offset) or epoch seconds / milliseconds in ASCII
    digits, between 2000-01-01 and a year from now."""
    stripped = text.strip()
    if not stripped.isascii():  # '²' and '١٢٣' pass str.isdigit(); fromisoformat refuses them anyway
        raise argparse.ArgumentTypeError(
            f"'{shown(text)}' is neither ISO 8601 nor an epoch time (use ASCII digits)")
    if stripped.isdigit():
        value = int(stripped)
        seconds = value / 1000 if value >= MS_FROM else value
        moment = None if seconds > 1e11 else datetime.fromtimestamp(seconds, UTC)
    else:
        try:
            moment = datetime.fromisoformat(stripped.replace("Z", "+00:00"))
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{shown(text)}' is neither ISO 8601 nor an epoch time") from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    latest = (now or datetime.now(UTC)) + LATEST_AHEAD
    if moment is None or not EARLIEST_END <= moment <= latest:
        raise argparse.ArgumentTypeError(
            f"'{shown(text)}' is out of range: give a time from {EARLIEST_END:%Y-%m-%d} to "
            f"{latest:%Y-%m-%d} (a year ahead)")
    return moment


def http_url(text: str) -> str:
    """``--base-url``: http(s)://host[:port][/path]."""
    problem = url_problem(text, HTTP_SCHEMES)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text


def ws_url(text: str) -> str:
    """``--ws-url``: ws(s)://host[:port][/path]."""
    problem = url_problem(text, WS_SCHEMES)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text
