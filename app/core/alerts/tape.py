"""Tape and book rules, evaluated on every trade and book event (never on frames).

- ``big-print N`` / ``big-notional N``: each trade of size ≥ N / of price × size ≥ N fires.
- ``sweep K``: the best ask (bid) moved up (down) through ≥ K levels of the book it left —
  counted from the book before the move began, so a sweep split over several updates counts
  whole while it lasts at most :data:`SWEEP_WINDOW_MS`; a trade through ≥ K levels of the last
  book counts too. One alert per side and sweep (a rule is quiet on that side for the window).
- ``iceberg N``: the best level at one price refilled ≥ N times — its size fell by trades at that
  price (or the level was taken) and came back, or more than its visible size traded there and
  it still stands. Fires once per level (every refill from N on, with ``every``).
- ``spread-ticks X``: best ask − best bid wider than X ticks of the instrument (price-dependent
  tables counted band by band); once per widening, re-armed at ≤ X − hysteresis.
"""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter

from app.core.alerts.armed import Armed, make_alert
from app.core.alerts.rules import BIG_PRINT, ICEBERG, SPREAD_TICKS, SWEEP, SWEEP_WINDOW_MS, Alert
from app.core.ticks import decimals_at, ticks_between
from app.core.types import Book, Instrument, Trade

REFILL_WITHIN_MS = 2000  # a taken level that comes back within this is the same level refilled
_price = itemgetter(0)


def _minus_price(level: tuple[float, float]) -> float:
    return -level[0]


def on_trade(rules: list[Armed], trade: Trade, fired: list[Alert]) -> None:
    """Big prints by size or notional."""
    size = trade.size
    for armed in rules:
        amount = size if armed.kind == BIG_PRINT else size * trade.price
        if amount >= armed.level and armed.count(trade.ts):
            fired.append(make_alert(armed, trade.ts, trade.vendor, trade.price))


class Sweep:
    """A symbol's last book and where each side's current move began (the anchor book)."""

    __slots__ = ("bids", "asks", "ts", "ask_anchor", "ask_anchor_ts", "bid_anchor", "bid_anchor_ts")

    def __init__(self) -> None:
        self.bids: list[tuple[float, float]] = []
        self.asks: list[tuple[float, float]] = []
        self.ts = 0
        self.ask_anchor: list[tuple[float, float]] | None = None
        self.bid_anchor: list[tuple[float, float]] | None = None
        self.ask_anchor_ts = self.bid_anchor_ts = 0

    def on_book(self, book: Book) -> tuple[int, int]:
        """(ask levels, bid levels) this book's best moved through; the book becomes the last."""
        asks, bids, ts = book.asks, book.bids, book.ts
        taken_asks = taken_bids = 0
        if asks and self.asks:
            best, before = asks[0][0], self.asks[0][0]
            if best > before:
                if self.ask_anchor is None or ts - self.ask_anchor_ts > SWEEP_WINDOW_MS:
                    self.ask_anchor, self.ask_anchor_ts = self.asks, self.ts
                taken_asks = bisect_left(self.ask_anchor, best, key=_price)
            elif best < before:
                self.ask_anchor = None
        if bids and self.bids:
            best, before = bids[0][0], self.bids[0][0]
            if best < before:
                if self.bid_anchor is None or ts - self.bid_anchor_ts > SWEEP_WINDOW_MS:
                    self.bid_anchor, self.bid_anchor_ts = self.bids, self.ts
                taken_bids = bisect_left(self.bid_anchor, -best, key=_minus_price)
            elif best > before:
                self.bid_anchor = None
        self.asks, self.bids, self.ts = asks, bids, ts
        return taken_asks, taken_bids

    def on_trade(self, price: float) -> tuple[int, int]:
        """(ask levels, bid levels) of the last book a trade at ``price`` went through."""
        if self.asks and price > self.asks[0][0]:
            return bisect_left(self.asks, price, key=_price), 0
        if self.bids and price < self.bids[0][0]:
            return 0, bisect_left(self.bids, -price, key=_minus_price)
        return 0, 0


class Level:
    """One side's best level watched for refills (``ask`` True: the ask side)."""

    __slots__ = ("ask", "price", "size", "traded", "dropped", "refills", "taken_at", "generation")

    def __init__(self, ask: bool) -> None:
        self.ask = ask
        self.price = 0.0
        self.size = 0.0
        self.traded = 0.0  # traded at ``price`` since the last book
        self.dropped = False  # its size fell by trades (or it was taken) since the last refill
        self.refills = 0
        self.taken_at: int | None = None  # when the best moved behind it (taken), if it did
        self.generation = 0  # bumped for each new level: a rule fires once per level

    def on_book(self, levels: list[tuple[float, float]], ts: int) -> bool:
        """Follow the side's best level; True when this book shows a refill."""
        if not levels:
            return False
        price, size = levels[0]
        if price == self.price:
            refill = (size > self.size and self.dropped) or (0 < self.size <= self.traded and size > 0)
            if refill:
                self.refills += 1
                self.dropped = False
            elif self.traded > 0 and size < self.size:
                self.dropped = True
            self.size, self.traded, self.taken_at = size, 0.0, None
            return refill
        behind = price > self.price if self.ask else price < self.price
        if behind and self.generation and (self.traded > 0 or self.dropped) and (
                self.taken_at is None or ts - self.taken_at <= REFILL_WITHIN_MS):
            if self.taken_at is None:
                self.taken_at = ts  # taken: it may come back at the same price
            self.dropped, self.size, self.traded = True, 0.0, 0.0
            return False
        self.price, self.size, self.traded, self.dropped = price, size, 0.0, False
        self.refills, self.taken_at = 0, None
        self.generation += 1
        return False

    def on_trade(self, price: float, size: float) -> None:
        if price == self.price:
            self.traded += size


class BookState:
    """A symbol's book-rule state: the sweep tracker and both sides' iceberg levels."""

    __slots__ = ("sweep", "ask", "bid")

    def __init__(self) -> None:
        self.sweep = Sweep()
        self.ask = Level(True)
        self.bid = Level(False)


def on_book(rules: list[Armed], state: BookState, book: Book, instrument: Instrument,
            fired: list[Alert]) -> None:
    """Sweeps, icebergs and the spread on one book."""
    taken_asks, taken_bids = state.sweep.on_book(book)
    ask_refill = state.ask.on_book(book.asks, book.ts)
    bid_refill = state.bid.on_book(book.bids, book.ts)
    ts = book.ts
    for armed in rules:
        kind = armed.kind
        if kind == SWEEP:
            if taken_asks or taken_bids:
                _sweep(armed, ts, book.vendor, taken_asks, book.asks[0][0] if taken_asks else 0.0,
                       taken_bids, book.bids[0][0] if taken_bids else 0.0, fired)
        elif kind == ICEBERG:
            if ask_refill:
                _iceberg(armed, state.ask, ts, book.vendor, fired)
            if bid_refill:
                _iceberg(armed, state.bid, ts, book.vendor, fired)
        elif kind == SPREAD_TICKS and book.bids and book.asks:
            bid, ask = book.bids[0][0], book.asks[0][0]
            ticks = ticks_between(instrument, bid, ask)
            if ticks > armed.level:
                if armed.gate(ts):
                    fired.append(make_alert(armed, ts, book.vendor, _mid(instrument, bid, ask)))
            elif ticks <= armed.back:
                armed.armed = True


def _mid(instrument: Instrument, bid: float, ask: float) -> float:
    """The mid price, to one decimal more than the instrument shows (no binary noise)."""
    return round((bid + ask) / 2, decimals_at(instrument, ask) + 1)


def on_book_trade(rules: list[Armed], state: BookState, trade: Trade, fired: list[Alert]) -> None:
    """A trade's part in book rules: a sweep through the last book, volume at iceberg levels."""
    state.ask.on_trade(trade.price, trade.size)
    state.bid.on_trade(trade.price, trade.size)
    taken_asks, taken_bids = state.sweep.on_trade(trade.price)
    if taken_asks or taken_bids:
        for armed in rules:
            if armed.kind == SWEEP:
                _sweep(armed, trade.ts, trade.vendor, taken_asks, trade.price, taken_bids,
                       trade.price, fired)


def _sweep(armed: Armed, ts: int, vendor: str, asks: int, ask_price: float, bids: int,
           bid_price: float, fired: list[Alert]) -> None:
    """Levels taken on each side, with the price each side's best reached."""
    if asks >= armed.level and ts >= armed.quiet_ask and armed.count(ts):
        armed.quiet_ask = ts + SWEEP_WINDOW_MS
        fired.append(make_alert(armed, ts, vendor, ask_price))
    if bids >= armed.level and ts >= armed.quiet_bid and armed.count(ts):
        armed.quiet_bid = ts + SWEEP_WINDOW_MS
        fired.append(make_alert(armed, ts, vendor, bid_price))


def _iceberg(armed: Armed, level: Level, ts: int, vendor: str, fired: list[Alert]) -> None:
    if level.refills < armed.level:
        return
    mark = (level.ask, level.generation)
    if armed.cooldown < 0:
        if armed.mark == mark:
            return  # once per level
        armed.mark = mark
    if armed.count(ts):
        fired.append(make_alert(armed, ts, vendor, level.price))
