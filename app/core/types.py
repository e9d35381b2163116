"""Canonical value types shared by every layer.

Events (Quote, Trade, Book, Bar, Status, SymbolInfo, CategoryInfo) are tagged msgspec
structs (market events with ``gc=False``: they never form reference cycles, and millions a
minute should not wake the cycle collector): encoding one with :func:`encode_event` yields exactly the JSON line of the command-line
contract (``{"type": "quote", "vendor": ...}``), so the CLI, logs and tests share one shape.
A field a vendor does not send stays ``None`` and is written as ``null``, never invented.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec

from app.core.text import plain


class Side(StrEnum):
    """Aggressor side of a trade."""

    BUY = "buy"
    SELL = "sell"
    UNKNOWN = "unknown"


class ConnectionState(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    DISCONNECTED = "disconnected"
    ERROR = "error"


class Channel(StrEnum):
    QUOTE = "quote"
    TRADE = "trade"
    DEPTH = "depth"
    BAR = "bar"


class SessionQuote(msgspec.Struct, gc=False):
    """One US extended session's own figures (pre-market, after-hours or overnight)."""

    ts: int
    last: float | None = None
    prev_close: float | None = None
    high: float | None = None
    low: float | None = None
    volume: float | None = None
    turnover: float | None = None


class Quote(msgspec.Struct, tag="quote", tag_field="type", gc=False):
    """The latest state of one symbol. ``session`` names the session the vendor says is
    trading (``pre``, ``regular``, ``after``, ``night``); ``extended`` keeps US extended
    sessions' figures keyed by those names, when the vendor sends them."""

    vendor: str
    symbol: str
    ts: int
    last: float | None = None
    prev_close: float | None = None
    open: float | None = None
    high: float | None = None
    low: float | None = None
    volume: float | None = None
    turnover: float | None = None
    halted: bool | None = None
    session: str | None = None
    extended: dict[str, SessionQuote] | None = None
    # Figures some vendors add (脉动数据's ``Info``): shown where present, never derived.
    limit_up: float | None = None
    limit_down: float | None = None
    turnover_rate: float | None = None  # percent of the float traded today (换手率)
    volume_ratio: float | None = None  # today's volume pace against the recent average (量比)
    market_cap: float | None = None
    float_cap: float | None = None

    @property
    def change(self) -> float | None:
        if self.last is None or self.prev_close is None:
            return None
        return self.last - self.prev_close

    @property
    def change_pct(self) -> float | None:
        if self.last is None or not self.prev_close:
            return None
        return (self.last - self.prev_close) / self.prev_close * 100.0


class Trade(msgspec.Struct, tag="trade", tag_field="type", gc=False):
    vendor: str
    symbol: str
    ts: int
    price: float
    size: float
    side: Side = Side.UNKNOWN


class Book(msgspec.Struct, tag="depth", tag_field="type", gc=False, omit_defaults=True):
    """Order book levels, best first: ``bids`` descending, ``asks`` ascending. ``crossed``
    (best bid at or above best ask) is set by the validator (app.core.validate); it appears in
    the JSON line only when true, so a normal book's line is unchanged."""

    vendor: str
    symbol: str
    ts: int
    bids: list[tuple[float, float]]
    asks: list[tuple[float, float]]
    crossed: bool = False


class Bar(msgspec.Struct, tag="bar", tag_field="type", gc=False):
    """One candle, keyed by its start time (epoch ms, UTC)."""

    vendor: str
    symbol: str
    period: str
    ts: int
    open: float
    high: float
    low: float
    close: float
    volume: float | None = None


class Status(msgspec.Struct, tag="status", tag_field="type"):
    vendor: str
    state: ConnectionState
    detail: str = ""


class SymbolInfo(msgspec.Struct, tag="symbol", tag_field="type"):
    vendor: str
    symbol: str
    name: str
    category: str | None = None


class CategoryInfo(msgspec.Struct, tag="category", tag_field="type"):
    vendor: str
    id: str
    name: str


Event = Quote | Trade | Book | Bar | Status
"""What a feed delivers to its sink."""


class Failover(msgspec.Struct, tag="failover", tag_field="type"):
    """Symbols switched from one vendor to another at ``ts`` (epoch ms), DESIGN.md's
    ``failover`` line: ``from`` the vendor that stopped serving them, ``to`` the one serving
    them now, ``reason`` in words (``primary down``, ``stale on maidong``, ``maidong healthy
    again``). One event per moment and direction (a batch of symbols)."""

    ts: int
    from_: str = msgspec.field(name="from")
    to: str = ""
    symbols: list[str] = msgspec.field(default_factory=list)
    reason: str = ""


class Divergence(msgspec.Struct, tag="divergence", tag_field="type"):
    """Two vendors' ``field`` (``last``) of ``symbol`` apart by ``bp`` basis points for longer
    than the comparison's hold, DESIGN.md's ``divergence`` line; ``values`` in the order of
    ``vendors``. Once per episode (again only after they agreed in between)."""

    ts: int
    symbol: str
    vendors: list[str]
    field: str
    values: list[float]
    bp: float


class Category(msgspec.Struct, frozen=True):
    id: str
    name: str
    name_zh: str = ""


class Instrument(msgspec.Struct, frozen=True):
    """What a terminal needs to know to show and trade a symbol."""

    symbol: str
    name: str
    name_zh: str = ""
    currency: str = ""
    lot_size: float = 1.0
    tick_size: float = 0.01
    tick_table: str | None = None  # "HK" or "US": tick depends on price (see core.ticks)
    price_decimals: int = 2
    size_decimals: int = 0
    category: str | None = None
    calendar: str | None = None  # session calendar name; None means the market's default


class InstrumentPage(msgspec.Struct, frozen=True):
    """One page of a category's instruments; ``total`` counts the whole category."""

    items: list[Instrument]
    total: int
    page: int  # 1-based, as the vendors number them
    page_size: int

    @property
    def has_more(self) -> bool:
        return self.page * self.page_size < self.total and bool(self.items)


class _PlainQuoteLine(msgspec.Struct, tag="quote", tag_field="type"):
    """A quote's JSON line with exactly the contract's fields (no extended-session keys)."""

    vendor: str
    symbol: str
    ts: int
    last: float | None
    prev_close: float | None
    open: float | None
    high: float | None
    low: float | None
    volume: float | None
    turnover: float | None
    halted: bool | None


_PLAIN_QUOTE_FIELDS = len(_PlainQuoteLine.__struct_fields__)
_OPTIONAL_QUOTE_FIELDS = Quote.__struct_fields__[_PLAIN_QUOTE_FIELDS:]
_encoder = msgspec.json.Encoder(enc_hook=plain)  # a status Text is written as its English


def encode_event(event: msgspec.Struct) -> bytes:
    """The canonical JSON line (without newline) for an event. A quote's fields beyond the
    contract's (``session``, ``extended``, limits, caps …) appear only when the vendor sent them."""
    if type(event) is Quote:
        extras = [name for name in _OPTIONAL_QUOTE_FIELDS if getattr(event, name) is not None]
        if not extras:
            return _encoder.encode(
                _PlainQuoteLine(*msgspec.structs.astuple(event)[:_PLAIN_QUOTE_FIELDS]))
        line = msgspec.to_builtins(event)
        for name in _OPTIONAL_QUOTE_FIELDS:
            if line.get(name) is None:
                line.pop(name, None)
        return _encoder.encode(line)
    return _encoder.encode(event)
