"""iTick messages as typed structs, and their translation to canonical events.

REST answers ``{"code": 0, "data": …}`` (0 is success); the WebSocket answers ``code: 1`` for
success and pushes ``{"code": 1, "data": {…, "type": "quote"}}``. One msgspec decoder takes
every current push in a single pass (the ``type`` tag picks the struct, ``kline@N`` included);
what it refuses (acks, pongs, the 2024 nested K-line with ``code: 0``) goes the slow way.
Prices are JSON numbers and times milliseconds, both kept as they come.
"""

from __future__ import annotations

import functools
import operator

import msgspec

from app.core.periods import MINUTE_MS, Period
from app.core.text import QT_TRANSLATE_NOOP, Text
from app.core.types import Bar, Book, Quote, Side, Trade
from app.feeds.transport.envelope import envelope_decoder  # noqa: F401  (REST answers: code 0 is success)

VENDOR = "itick"

# kType (REST) and N in ``kline@N`` (WebSocket), per the current docs. The 2024 docs, the seed
# and the TradingView demo read 3 as 10 minutes; :func:`check_alignment` catches such bars.
KTYPES: dict[Period, int] = {
    Period.M1: 1, Period.M5: 2, Period.M15: 3, Period.M30: 4, Period.H1: 5, Period.H2: 6,
    Period.H4: 7, Period.D1: 8, Period.W1: 9, Period.MN1: 10,
}
PERIOD_OF_KTYPE: dict[int, Period] = {k: p for p, k in KTYPES.items()}
CRYPTO_ONLY = frozenset({Period.H2, Period.H4})
HALTED_STATUSES = frozenset({1, 2, 3})  # suspended, delisted, circuit breaker; 0 is normal


# -- REST and push payloads ------------------------------------------------------------------

class TickFields(msgspec.Struct, gc=False):
    s: str
    ld: float
    t: int
    v: float | None = None
    r: str | None = None
    te: int | None = None  # stock session: 0 regular, 1 pre-market, 2 after-hours


class QuoteFields(msgspec.Struct, gc=False):
    s: str
    t: int
    ld: float | None = None
    o: float | None = None
    h: float | None = None
    l: float | None = None
    p: float | None = None  # previous close: REST only in the current docs
    v: float | None = None
    tu: float | None = None
    ts: int | None = None
    ch: float | None = None
    chp: float | None = None
    r: str | None = None


class Level(msgspec.Struct, gc=False):
    p: float
    v: float
    po: int = 0
    o: float | None = None  # order count (REST doc) or entrusted volume (WS doc): not shown


class DepthFields(msgspec.Struct, gc=False):
    s: str
    a: list[Level] = []
    b: list[Level] = []
    r: str | None = None


class BarFields(msgspec.Struct, gc=False):
    t: int
    o: float
    h: float
    l: float
    c: float
    v: float | None = None
    tu: float | None = None


class KlineFields(BarFields, gc=False):
    s: str = ""
    r: str | None = None


class TickPush(TickFields, tag="tick", tag_field="type", gc=False):
    pass


class QuotePush(QuoteFields, tag="quote", tag_field="type", gc=False):
    pass


class DepthPush(DepthFields, tag="depth", tag_field="type", gc=False):
    pass


class KlinePush(KlineFields, tag_field="type", gc=False):
    """Base of the ``kline@N`` pushes; :attr:`period` comes from the subclass's tag."""

    period = Period.M1


def _kline_push(ktype: int, period: Period) -> type[KlinePush]:
    cls = msgspec.defstruct(
        f"KlinePush{ktype}", [], bases=(KlinePush,), tag=f"kline@{ktype}", tag_field="type",
        gc=False,
    )
    cls.period = period
    return cls


KLINE_PUSHES = tuple(_kline_push(k, p) for k, p in sorted(PERIOD_OF_KTYPE.items()))
PUSH_TYPES = (TickPush, QuotePush, DepthPush, *KLINE_PUSHES)

# ``{"code": 1, "data": <one of PUSH_TYPES, picked by data.type>}``
PushEnvelope = msgspec.defstruct(
    "PushEnvelope",
    [("data", functools.reduce(operator.or_, PUSH_TYPES)), ("code", int | None, None)],
    gc=False,
)


class Control(msgspec.Struct):
    """Anything that is not a current push: the greeting, acks, pongs, legacy K-lines."""

    code: int | None = None
    msg: str | None = None
    resAc: str | None = None
    data: msgspec.Raw = msgspec.Raw(b"")


class Echo(msgspec.Struct):
    params: str | int | None = None


class LegacyKline(msgspec.Struct):
    """2024 K-line push: ``{"code":0,"data":{"s":"AAPL.US","t":<kType>,"k":{bar}}}``."""

    s: str
    t: int
    k: BarFields


class SymbolItem(msgspec.Struct):
    c: str
    n: str | None = None
    t: str | None = None
    e: str | None = None
    s: str | None = None
    l: str | None = None


class Holiday(msgspec.Struct):
    c: str
    r: str | None = None
    tz: float | None = None
    et: str | None = None
    v: str | None = None  # a JSON-encoded list of dates, inside a string
    ey: str | None = None
    vr: str | None = None

    def dates(self) -> list[str]:
        if not self.v:
            return []
        try:
            return [str(d) for d in msgspec.json.decode(self.v, type=list[str])]
        except (msgspec.DecodeError, msgspec.ValidationError):
            return []


class MarketStatus(msgspec.Struct):
    c: str | None = None
    r: str | None = None
    o: bool | str | None = None  # documented as a string, sent as a boolean
    s: str | None = None
    h: str | None = None
    t: str | None = None
    z: str | None = None
    l: str | None = None

    @property
    def is_open(self) -> bool | None:
        if isinstance(self.o, str):
            return self.o.strip().lower() in ("true", "1", "open")
        return self.o


class StockInfo(msgspec.Struct):
    c: str
    n: str | None = None
    t: str | None = None
    e: str | None = None
    s: str | None = None
    i: str | None = None
    r: str | None = None
    fcc: str | None = None
    mcb: float | None = None
    tso: float | None = None
    pet: float | None = None


push_decoder = msgspec.json.Decoder(PushEnvelope, strict=False)
control_decoder = msgspec.json.Decoder(Control)
echo_decoder = msgspec.json.Decoder(Echo)
legacy_kline_decoder = msgspec.json.Decoder(LegacyKline, strict=False)
quote_decoder = msgspec.json.Decoder(QuoteFields | None, strict=False)
quotes_decoder = msgspec.json.Decoder(dict[str, QuoteFields | None] | None, strict=False)
tick_decoder = msgspec.json.Decoder(TickFields | None, strict=False)
ticks_decoder = msgspec.json.Decoder(dict[str, TickFields | None] | None, strict=False)
depth_decoder = msgspec.json.Decoder(DepthFields | None, strict=False)
depths_decoder = msgspec.json.Decoder(dict[str, DepthFields | None] | None, strict=False)
bars_decoder = msgspec.json.Decoder(list[BarFields] | None, strict=False)
bars_by_code_decoder = msgspec.json.Decoder(dict[str, list[BarFields] | None] | None, strict=False)
symbols_decoder = msgspec.json.Decoder(list[SymbolItem] | None, strict=False)
holidays_decoder = msgspec.json.Decoder(list[Holiday] | None, strict=False)
status_decoder = msgspec.json.Decoder(MarketStatus | None, strict=False)
info_decoder = msgspec.json.Decoder(StockInfo | None, strict=False)
encode = msgspec.json.Encoder().encode


# -- canonical events ------------------------------------------------------------------------

def to_quote(m: QuoteFields, symbol: str, prev_close: float | None = None) -> Quote:
    """``prev_close``: the vendor's own previous close from an earlier REST quote, for pushes
    that carry neither ``p`` nor ``ch`` (the current WebSocket docs send neither)."""
    prev = m.p
    if prev is None and m.ch is not None and m.ld is not None:
        prev = round(m.ld - m.ch, 10)  # the vendor's change, undone: exact to its decimals
    if prev is None:
        prev = prev_close
    return Quote(
        VENDOR, symbol, m.t, m.ld, prev, m.o, m.h, m.l, m.v, m.tu,
        None if m.ts is None else m.ts in HALTED_STATUSES,
    )


def to_trade(m: TickFields, symbol: str) -> Trade:
    """iTick ticks carry no aggressor side, in any version: ``unknown``, never guessed."""
    return Trade(VENDOR, symbol, m.t, m.ld, m.v if m.v is not None else 0.0, Side.UNKNOWN)


def to_book(m: DepthFields, symbol: str, ts: int) -> Book:
    """``ts``: iTick books carry no time; the caller passes the moment it arrived."""
    bids = sorted(m.b, key=_position) if m.b and m.b[0].po else m.b
    asks = sorted(m.a, key=_position) if m.a and m.a[0].po else m.a
    return Book(VENDOR, symbol, ts, [(lv.p, lv.v) for lv in bids], [(lv.p, lv.v) for lv in asks])


def _position(level: Level) -> int:
    return level.po


def to_bar(m: BarFields, symbol: str, period: Period) -> Bar:
    return Bar(VENDOR, symbol, period.value, m.t, m.o, m.h, m.l, m.c, m.v)


def check_alignment(bars: list[BarFields], period: Period) -> None:
    """kType 3 was 10 minutes in the 2024 docs and is 15 now: bars that start off the quarter
    hour come from a server on the old codes, and must not be drawn as 15-minute candles."""
    if period is Period.M15 and any(b.t % (15 * MINUTE_MS) for b in bars):
        raise ValueError(Text(QT_TRANSLATE_NOOP(
            "Feed", "iTick sent 10-minute bars for kType 3 (its 2024 meaning; 15 minutes today)")))
