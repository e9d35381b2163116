"""What is never shown or stored as data: one check for every event a feed lets out.

A vendor's frame can carry values no market ever had (a price of −5, a high below the low, a
time in the year 3000, NaN). Shown once, such a number is believed; so every feed passes each
market event through :func:`validate` before it leaves, the kline cache checks its rows, and
what is dropped is counted per *kind* (the kinds below, English ``Text`` the window translates).

The rules (DESIGN.md): a non-finite number; a price ≤ 0 (or above 10¹⁵: the issue's
``last: 1e+22``, finite but no price); a size < 0; a bar whose high is below
its open, close or low, or whose low is above its open or close; a quote whose high is below
its low; a time before 2000 or more than a day ahead of the clock (a bar of a day or more: four
days, as it is keyed at its trading day's midnight). A book is not dropped for a
bad level: it is sorted best first and loses its levels with a price ≤ 0 or a size < 0; a
crossed book (best bid ≥ best ask) is kept but flagged (``Book.crossed``), never shown as a
normal book. An event with one bad field is dropped whole: its other fields came in the same
message and are not trusted either.

It runs once per vendor message, so the common case (nothing wrong) is a few comparisons:
``0.0 < x < MAX_PRICE`` is false for NaN, ±inf and x ≤ 0 at once.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import TypeVar

from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Bar, Book, Quote, SessionQuote, Trade

INF = math.inf
# No market quotes a price near this (Berkshire A ~1e6, a bitcoin in dong ~3e9); a vendor's
# 1e+22 is a broken field, not a price. Sizes and turnovers have no such bound.
MAX_PRICE = 1e15
MIN_TS = 946_684_800_000  # 2000-01-01T00:00:00Z
DAY_MS = 86_400_000
# A bar of a day or longer is keyed at its trading day's midnight, which can lie ahead of the
# clock: the US night session from Sunday 20:00 belongs to Tuesday when Monday is a holiday,
# a Friday night session of the Shanghai futures to Monday. Such keys get a weekend and a
# holiday more than a day.
LONG_BAR_SLACK_MS = 3 * DAY_MS
LONG_PERIODS = frozenset({"1d", "1w", "1M", "1y"})

# -- what is dropped (kinds: the keys of every count) ------------------------------------------
NON_FINITE = Text(QT_TRANSLATE_NOOP("Feed", "a value that is not a finite number"))
PRICE = Text(QT_TRANSLATE_NOOP("Feed", "a price ≤ 0"))
HUGE = Text(QT_TRANSLATE_NOOP("Feed", "a price above 10¹⁵"))
SIZE = Text(QT_TRANSLATE_NOOP("Feed", "a size < 0"))
BAR_RANGE = Text(QT_TRANSLATE_NOOP("Feed", "a bar's high or low outside its range"))
QUOTE_RANGE = Text(QT_TRANSLATE_NOOP("Feed", "a quote's high below its low"))
TOO_OLD = Text(QT_TRANSLATE_NOOP("Feed", "a time before 2000"))
FUTURE = Text(QT_TRANSLATE_NOOP("Feed", "a time more than a day ahead"))
# what is repaired (the event goes on without the level; counted all the same)
LEVEL_PRICE = Text(QT_TRANSLATE_NOOP("Feed", "a book level with a price ≤ 0 or above 10¹⁵ (level dropped)"))
LEVEL_SIZE = Text(QT_TRANSLATE_NOOP("Feed", "a book level with a size < 0 (level dropped)"))
KINDS = (NON_FINITE, PRICE, HUGE, SIZE, BAR_RANGE, QUOTE_RANGE, TOO_OLD, FUTURE, LEVEL_PRICE, LEVEL_SIZE)

E = TypeVar("E")
_first = itemgetter(0)


def now_ms() -> int:
    return int(time.time() * 1000)


def price_ok(x: float) -> bool:
    """A usable price: above zero and below :data:`MAX_PRICE` (so finite)."""
    return 0.0 < x < MAX_PRICE


def time_ok(ts: int, now: int) -> bool:
    """Not before 2000, not more than a day ahead of ``now`` (epoch ms)."""
    return MIN_TS <= ts <= now + DAY_MS


def _price_kind(x: float) -> Text:
    if -INF < x <= 0.0:
        return PRICE
    return HUGE if MAX_PRICE <= x < INF else NON_FINITE


def _size_kind(x: float) -> Text:
    return SIZE if -INF < x < 0.0 else NON_FINITE


def _time_kind(ts: int) -> Text:
    return TOO_OLD if ts < MIN_TS else FUTURE


def _quote_fields(q: Quote | SessionQuote, prices: tuple, sizes: tuple) -> Text | None:
    for x in prices:
        if x is not None and not 0.0 < x < MAX_PRICE:
            return _price_kind(x)
    for x in sizes:
        if x is not None and not 0.0 <= x < INF:
            return _size_kind(x)
    if q.high is not None and q.low is not None and q.high < q.low:
        return QUOTE_RANGE
    return None


def check_quote(q: Quote, limit: int) -> Text | None:
    """The quote's problem kind, or None when it may be shown (``limit``: the latest time
    allowed, epoch ms). The check_* functions are :class:`Validator`'s per-type checks, public
    for Feed.emit, which dispatches on the type once for them and the feed's health."""
    if not MIN_TS <= q.ts <= limit:
        return _time_kind(q.ts)
    last, prev, op, high, low, vol, turn = q.last, q.prev_close, q.open, q.high, q.low, q.volume, q.turnover
    # the common case inline (a tuple and a loop cost more than the checks themselves)
    if ((last is None or 0.0 < last < MAX_PRICE) and (prev is None or 0.0 < prev < MAX_PRICE)
            and (op is None or 0.0 < op < MAX_PRICE) and (high is None or 0.0 < high < MAX_PRICE)
            and (low is None or 0.0 < low < MAX_PRICE) and (vol is None or 0.0 <= vol < INF)
            and (turn is None or 0.0 <= turn < INF) and (high is None or low is None or high >= low)
            and q.extended is None and q.limit_up is None and q.limit_down is None
            and q.turnover_rate is None and q.volume_ratio is None and q.market_cap is None
            and q.float_cap is None):
        return None
    kind = _quote_fields(q, (last, prev, op, high, low, q.limit_up, q.limit_down),
                         (vol, turn, q.turnover_rate, q.volume_ratio, q.market_cap, q.float_cap))
    if kind is None and q.extended:
        for sub in q.extended.values():
            if sub.ts and not MIN_TS <= sub.ts <= limit:  # (0: the vendor sent none)
                return _time_kind(sub.ts)
            kind = _quote_fields(sub, (sub.last, sub.prev_close, sub.high, sub.low), (sub.volume, sub.turnover))
            if kind is not None:
                break
    return kind


def check_trade(t: Trade, limit: int) -> Text | None:
    """The trade's problem kind, or None (see :func:`check_quote`)."""
    if not MIN_TS <= t.ts <= limit:
        return _time_kind(t.ts)
    if not 0.0 < t.price < MAX_PRICE:
        return _price_kind(t.price)
    if not 0.0 <= t.size < INF:
        return _size_kind(t.size)
    return None


def check_bar(b: Bar, limit: int) -> Text | None:
    """The bar's problem kind, or None (see :func:`check_quote`)."""
    if not MIN_TS <= b.ts <= (limit + LONG_BAR_SLACK_MS if b.period in LONG_PERIODS else limit):
        return _time_kind(b.ts)
    o, h, lo, c = b.open, b.high, b.low, b.close
    if not (0.0 < o < MAX_PRICE and 0.0 < h < MAX_PRICE and 0.0 < lo < MAX_PRICE and 0.0 < c < MAX_PRICE):
        for x in (o, h, lo, c):
            if not 0.0 < x < MAX_PRICE:
                return _price_kind(x)
    if b.volume is not None and not 0.0 <= b.volume < INF:
        return _size_kind(b.volume)
    if h < o or h < c or h < lo or lo > o or lo > c:
        return BAR_RANGE
    return None


def _clean_side(levels: list[tuple[float, float]], descending: bool) -> tuple[list, Text | None]:
    """(levels sorted best first without price ≤ 0 / size < 0, what was cut) — or
    ``([], NON_FINITE)`` when a level is not a number at all (the whole book goes)."""
    # The common case in one pass: finite, above zero, not negative, strictly in order.
    if descending:
        prev = MAX_PRICE
        for p, s in levels:
            if not (0.0 < p < prev and 0.0 <= s < INF):
                break
            prev = p
        else:
            return levels, None
    else:
        prev = 0.0
        for p, s in levels:
            if not (prev < p < MAX_PRICE and 0.0 <= s < INF):
                break
            prev = p
        else:
            return levels, None
    repaired: Text | None = None
    kept = []
    for p, s in levels:
        if not (-INF < p < INF and -INF < s < INF):  # NaN or infinite
            return [], NON_FINITE
        if not 0.0 < p < MAX_PRICE:
            repaired = repaired or LEVEL_PRICE
        elif s < 0.0:
            repaired = repaired or LEVEL_SIZE
        else:
            kept.append((p, s))
    return sorted(kept, key=_first, reverse=descending), repaired


def check_book(b: Book, limit: int) -> tuple[Book | None, Text | None]:
    """``(book, None)``: the book to show (sorted, flagged when crossed); ``(None, kind)``: to
    drop; ``(repaired, kind)``: shown without its bad levels (see :func:`check_quote`)."""
    if not MIN_TS <= b.ts <= limit:
        return None, _time_kind(b.ts)
    bids, bid_fix = _clean_side(b.bids, True)
    if bid_fix is NON_FINITE:
        return None, NON_FINITE
    asks, ask_fix = _clean_side(b.asks, False)
    if ask_fix is NON_FINITE:
        return None, NON_FINITE
    crossed = bool(bids) and bool(asks) and bids[0][0] >= asks[0][0]
    if bids is not b.bids or asks is not b.asks or crossed != b.crossed:
        b = Book(b.vendor, b.symbol, b.ts, bids, asks, crossed)
    return b, bid_fix or ask_fix


def validate(event: E, now: int) -> tuple[E | None, Text | None]:
    """``(event, None)`` when it may be shown; ``(None, kind)`` when it must be dropped;
    ``(repaired book, kind)`` when a book lost levels (it is shown, the kind is counted).
    A crossed book comes back with ``crossed=True``. Anything that is not a market event
    (a status …) passes. ``now``: the clock, epoch ms."""
    return _validate(event, now + DAY_MS)


def _validate(event: E, limit: int) -> tuple[E | None, Text | None]:
    kind: Text | None
    cls = type(event)
    if cls is Quote:
        kind = check_quote(event, limit)  # type: ignore[arg-type]
    elif cls is Trade:
        kind = check_trade(event, limit)  # type: ignore[arg-type]
    elif cls is Bar:
        kind = check_bar(event, limit)  # type: ignore[arg-type]
    elif cls is Book:
        return check_book(event, limit)  # type: ignore[arg-type, return-value]
    else:
        return event, None
    return (event, None) if kind is None else (None, kind)


def bar_ok(bar: Bar, now: int | None = None) -> bool:
    """Whether a bar may be stored or drawn (the kline cache's check)."""
    return check_bar(bar, (now_ms() if now is None else now) + DAY_MS) is None


class Validator:
    """:func:`validate` with the clock, a count per kind and a hook for each problem
    (a feed logs there, rate-limited). ``counts`` is what the status bar and health show.

    It reads no clock per event: it keeps the latest time it allows (clock + a day) and reads
    the clock again only when an event is later than that, since a limit read earlier is only
    ever stricter than the true one. That latest time is :attr:`limit` (epoch ms); an event a
    per-type check finds wrong goes to :meth:`judge`, which counts it."""

    def __init__(self, on_problem: Callable[[Text, object], None] | None = None,
                 clock: Callable[[], int] = now_ms) -> None:
        self.counts: Counter[str] = Counter()
        self._on_problem = on_problem
        self._clock = clock
        self.limit = clock() + DAY_MS

    def check(self, event: E) -> E | None:
        """The event to let out (possibly a repaired book), or None to drop it. Feed.emit (the
        hot path) repeats this dispatch inline, sharing it with the feed's health;
        tests/feeds/test_feed_base.py holds the two to the same output."""
        cls = type(event)
        if cls is Quote:
            kind = check_quote(event, self.limit)  # type: ignore[arg-type]
        elif cls is Trade:
            kind = check_trade(event, self.limit)  # type: ignore[arg-type]
        elif cls is Book:
            checked, kind = check_book(event, self.limit)  # type: ignore[arg-type]
            if kind is None:
                return checked  # type: ignore[return-value]
        elif cls is Bar:
            kind = check_bar(event, self.limit)  # type: ignore[arg-type]
        else:
            return event
        if kind is None:
            return event
        return self.judge(event)

    __call__ = check

    def judge(self, event: E) -> E | None:
        """The slow path: the clock read again, the event checked in full, counted. The event to
        let out (a repaired book, or the event when the newer clock allows it), or None."""
        self.limit = self._clock() + DAY_MS
        checked, kind = _validate(event, self.limit)
        if kind is not None:
            self.counts[kind] += 1
            if self._on_problem is not None:
                self._on_problem(kind, event)
        return checked

    def keep(self, events: Iterable[E]) -> list[E]:
        """The events that may be shown, in order (a request's answer)."""
        out = []
        check = self.check
        for event in events:
            checked = check(event)
            if checked is not None:
                out.append(checked)
        return out
