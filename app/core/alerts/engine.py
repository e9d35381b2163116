"""The alert engine: every rule on every event (pure: no Qt, no I/O, no clock of its own).

DESIGN.md's contract: ``above P`` fires at the first event (a quote's ``last`` or a trade's
``price``) above P after it is armed — at once if the price already is — and re-arms only once
a price has gone back to P or below; ``below P`` is the mirror; ``change-pct X`` does the same
on |change from the previous close| in percent; ``big-print N`` fires for each trade of size
≥ N. The other kinds are in :mod:`.price`, :mod:`.tape` and :mod:`.volume`; ``stale S`` is
evaluated on the clock: :meth:`AlertEngine.on_clock`, called about once a second by the
watch loop and the window, is the only time the engine knows (an event's ``ts`` is the
vendor's). Rules are indexed by symbol, so an event costs only the few rules of its own symbol.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from app.core.alerts.armed import Armed, make_alert
from app.core.alerts.price import on_price
from app.core.alerts.rules import (
    BAR_KINDS, BOOK_KINDS, PRICE_KINDS, TRADE_KINDS, Alert, AlertRule, validate,
)
from app.core.alerts.tape import BookState, on_book, on_book_trade, on_trade
from app.core.alerts.volume import Bars, on_bar
from app.core.instruments import market_instrument, symbol_calendar
from app.core.types import Bar, Book, Channel, Instrument, Quote, Trade


class RuleStatus:
    """What the window shows of a rule: ``state`` (armed, fired, expired), how many times it
    fired and the event time it last did (None before)."""

    __slots__ = ("state", "fired", "last")

    def __init__(self, state: str, fired: int, last: int | None) -> None:
        self.state, self.fired, self.last = state, fired, last

    def __repr__(self) -> str:
        return f"RuleStatus({self.state!r}, {self.fired}, {self.last})"


class _Watch:
    """One symbol's rules by the events they read, and its market state."""

    __slots__ = ("prices", "trades", "books", "bars", "stales", "prev_close", "book", "periods",
                 "instrument", "seen", "last_event", "heard", "since")

    def __init__(self, instrument: Instrument) -> None:
        self.prices: list[Armed] = []
        self.trades: list[Armed] = []
        self.books: list[Armed] = []
        self.bars: list[Armed] = []
        self.stales: list[Armed] = []
        self.prev_close: float | None = None
        self.book = BookState()
        self.periods: dict[str, Bars] = {}
        self.instrument = instrument
        self.seen: object = None  # the last event since the clock last looked
        self.last_event: object = None
        self.heard: int | None = None  # clock time data was last seen
        self.since: int | None = None  # clock time silence is counted from (open market only)


def _default_instrument(symbol: str) -> Instrument:
    return market_instrument(symbol, "")


class AlertEngine:
    """Evaluates rules on events; :meth:`on_event` returns the alerts an event fired.

    ``instrument_for(symbol)`` gives the tick size (``spread-ticks``) and calendar (``stale``)
    of a symbol; by default the market's rules (:func:`app.core.instruments.market_instrument`).
    """

    def __init__(self, rules: Iterable[AlertRule] = (),
                 instrument_for: Callable[[str], Instrument | None] | None = None) -> None:
        self._instrument_for = instrument_for
        self._watches: dict[str, _Watch] = {}
        self._armed: dict[str, Armed] = {}
        self._next_expiry = math.inf
        self.set_rules(rules)

    # -- rules -----------------------------------------------------------------------------

    def set_rules(self, rules: Iterable[AlertRule]) -> None:
        """Replace the rules; a rule kept (same id and definition) keeps its state, a symbol
        kept keeps its market state (previous close, book, bars). Raises for a bad rule."""
        checked = [validate(rule) for rule in rules]  # all or nothing: a bad one changes none
        old = {a.rule: a for a in self._armed.values()}
        watches, self._watches, self._armed = self._watches, {}, {}
        for rule in checked:
            armed = old.get(rule) or Armed(rule)
            self._armed[rule.id] = armed
            watch = self._watches.get(rule.symbol)
            if watch is None:
                watch = self._watches[rule.symbol] = watches.get(rule.symbol) or _Watch(
                    self._instrument(rule.symbol))
                watch.prices, watch.trades, watch.books, watch.bars, watch.stales = [], [], [], [], []
            if not armed.expired:
                self._index(watch, armed)
        self._next_expiry = min((a.rule.expires for a in self._armed.values()
                                 if a.rule.expires is not None and not a.expired), default=math.inf)

    def _instrument(self, symbol: str) -> Instrument:
        found = self._instrument_for(symbol) if self._instrument_for is not None else None
        return found or _default_instrument(symbol)

    @staticmethod
    def _index(watch: _Watch, armed: Armed) -> None:
        kind = armed.kind
        if kind in PRICE_KINDS:
            watch.prices.append(armed)
        elif kind in TRADE_KINDS:
            watch.trades.append(armed)
        elif kind in BOOK_KINDS:
            watch.books.append(armed)
        elif kind in BAR_KINDS:
            watch.bars.append(armed)
        else:
            watch.stales.append(armed)

    @property
    def symbols(self) -> list[str]:
        """Every symbol a rule watches, sorted."""
        return sorted(self._watches)

    @property
    def channels(self) -> list[Channel]:
        """The channels the rules read: quotes and trades always, books and bars when a rule
        needs them."""
        wanted = [Channel.QUOTE, Channel.TRADE]
        kinds = {a.kind for a in self._armed.values() if not a.expired}
        if kinds & BOOK_KINDS:
            wanted.append(Channel.DEPTH)
        if kinds & BAR_KINDS:
            wanted.append(Channel.BAR)
        return wanted

    def status(self, rule_id: str) -> RuleStatus | None:
        """A rule's state for the window, None for an unknown id."""
        armed = self._armed.get(rule_id)
        if armed is None:
            return None
        return RuleStatus(armed.state, armed.fired, None if armed.fired == 0 else int(armed.last))

    def state(self, rule_id: str) -> str | None:
        """``ARMED``, ``FIRED`` (waiting for the price to go back) or ``EXPIRED``; None for an
        id it does not hold: what the window's Alerts pane shows."""
        armed = self._armed.get(rule_id)
        return None if armed is None else armed.state

    # -- events ----------------------------------------------------------------------------

    def on_event(self, event: object) -> list[Alert]:
        """The alerts ``event`` fires (most events fire none; other event types are ignored)."""
        kind = type(event)
        if kind is Quote:
            watch = self._watches.get(event.symbol)  # type: ignore[union-attr]
            if watch is None:
                return []
            watch.seen = event
            ts = event.ts  # type: ignore[union-attr]
            if ts >= self._next_expiry:
                self._expire(ts)
            prev_close = event.prev_close  # type: ignore[union-attr]
            if prev_close is not None:
                watch.prev_close = prev_close
            price = event.last  # type: ignore[union-attr]
            if price is None or not watch.prices:
                return []
            return on_price(watch.prices, ts, event.vendor, price, watch.prev_close, [])  # type: ignore[union-attr]
        if kind is Trade:
            watch = self._watches.get(event.symbol)  # type: ignore[union-attr]
            if watch is None:
                return []
            watch.seen = event
            ts = event.ts  # type: ignore[union-attr]
            if ts >= self._next_expiry:
                self._expire(ts)
            fired: list[Alert] = []
            if watch.prices:
                on_price(watch.prices, ts, event.vendor, event.price, watch.prev_close, fired)  # type: ignore[union-attr]
            if watch.trades:
                on_trade(watch.trades, event, fired)  # type: ignore[arg-type]
            if watch.books:
                on_book_trade(watch.books, watch.book, event, fired)  # type: ignore[arg-type]
            return fired
        if kind is Book or kind is Bar:
            watch = self._watches.get(event.symbol)  # type: ignore[union-attr]
            if watch is None:
                return []
            watch.seen = event
            rules = watch.books if kind is Book else watch.bars
            if not rules:
                return []
            if event.ts >= self._next_expiry:  # type: ignore[union-attr]
                self._expire(event.ts)  # type: ignore[union-attr]
            fired = []
            if kind is Book:
                on_book(watch.books, watch.book, event, watch.instrument, fired)  # type: ignore[arg-type]
            else:
                on_bar(watch.bars, watch.periods, event, fired)  # type: ignore[arg-type]
            return fired
        return []

    def seed(self, bars: Iterable[Bar]) -> None:
        """Closed bars from history (oldest first), so ``volume-spike`` can fire from the
        first live bar instead of after N live ones. Fires nothing."""
        by_series: dict[tuple[str, str], list[Bar]] = {}
        for bar in bars:
            by_series.setdefault((bar.symbol, bar.period), []).append(bar)
        for (symbol, period), series in by_series.items():
            watch = self._watches.get(symbol)
            if watch is not None and watch.bars:
                watch.periods.setdefault(period, Bars()).seed(series)

    # -- the clock -------------------------------------------------------------------------

    def on_clock(self, now_ms: int, vendor: str = "") -> list[Alert]:
        """Expire rules whose time has come and evaluate ``stale`` rules at ``now_ms``: a
        symbol is stale once no event came for S seconds of time its market was open by its
        calendar (closed time does not count; the silence is counted from the first tick). A
        stale alert carries the vendor and price of the symbol's last event (``vendor`` and
        NaN when none came)."""
        if now_ms >= self._next_expiry:
            self._expire(now_ms)
        fired: list[Alert] = []
        for symbol, watch in self._watches.items():
            if watch.seen is not None:
                watch.last_event, watch.seen, watch.heard = watch.seen, None, now_ms
                for armed in watch.stales:
                    armed.armed = True  # data again: a new silence may fire
            if not watch.stales:
                continue
            if not symbol_calendar(symbol, watch.instrument.calendar).is_open(now_ms):
                watch.since = None  # closed: silence is counted again from the first open tick
                for armed in watch.stales:
                    armed.armed = True
                continue
            if watch.since is None:
                watch.since = now_ms
            silent = now_ms - max(watch.since, watch.heard or watch.since)
            for armed in watch.stales:
                if silent >= armed.level * 1000.0 and armed.gate(now_ms):
                    fired.append(make_alert(armed, now_ms, *_last_words(watch.last_event, vendor)))
        return fired

    def _expire(self, now_ms: int) -> None:
        """Take the rules expired at ``now_ms`` out of evaluation (they stay listed)."""
        for armed in self._armed.values():
            if not armed.expired and armed.rule.expired(now_ms):
                armed.expired = True
                watch = self._watches[armed.rule.symbol]
                for rules in (watch.prices, watch.trades, watch.books, watch.bars, watch.stales):
                    if armed in rules:
                        rules.remove(armed)
        self._next_expiry = min((a.rule.expires for a in self._armed.values()
                                 if a.rule.expires is not None and not a.expired), default=math.inf)


def _last_words(event: object, vendor: str) -> tuple[str, float]:
    """(vendor, price) of a symbol's last event, for an alert the clock fired (NaN, written
    ``null``, when no price was ever seen: never invented)."""
    if event is None:
        return vendor, math.nan
    price = getattr(event, "last", None) or getattr(event, "price", None) or getattr(event, "close", None)
    if price is None and type(event) is Book and event.bids and event.asks:
        price = (event.bids[0][0] + event.asks[0][0]) / 2
    return getattr(event, "vendor", ""), math.nan if price is None else price
