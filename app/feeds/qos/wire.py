"""QOS messages as typed structs, and their translation to canonical events.

QOS sends prices and sizes as decimal strings (older servers: JSON numbers), timestamps in
seconds, and pushes tagged ``tp`` while replies carry ``type``. msgspec decodes both number
forms straight into floats (``strict=False``) in about a microsecond per push.
"""

from __future__ import annotations

import msgspec

from app.core.periods import Period
from app.core.types import Bar, Book, Quote, SessionQuote, Side, Trade
from app.feeds.qos.codes import from_qos

VENDOR = "qos"

KLINE_TYPES: dict[Period, int] = {
    Period.M1: 1, Period.M5: 5, Period.M15: 15, Period.M30: 30, Period.H1: 60, Period.H2: 120,
    Period.H4: 240, Period.D1: 1001, Period.W1: 1007, Period.MN1: 1030, Period.Y1: 2001,
}
PERIODS_BY_KT: dict[int, str] = {kt: p.value for p, kt in KLINE_TYPES.items()}
SESSIONS_BY_TT = {1: "night", 2: "pre", 3: "regular", 4: "after"}  # 0: unknown → None
_SIDES = {1: Side.BUY, 2: Side.SELL}  # 0 (e.g. closing-auction prints): unknown


class Level(msgspec.Struct, gc=False):
    p: float
    v: float


class SubQuote(msgspec.Struct, gc=False):
    ts: int = 0
    lp: float | None = None
    yp: float | None = None
    h: float | None = None
    l: float | None = None
    v: float | None = None
    t: float | None = None


class SnapshotMsg(msgspec.Struct, tag="S", tag_field="tp", gc=False):
    c: str
    ts: int
    lp: float | None = None
    yp: float | None = None
    o: float | None = None
    h: float | None = None
    l: float | None = None
    v: float | None = None
    t: float | None = None
    s: int | None = None
    tt: int | None = None
    pq: SubQuote | None = None
    aq: SubQuote | None = None
    nq: SubQuote | None = None


class TradeMsg(msgspec.Struct, tag="T", tag_field="tp", gc=False):
    c: str
    p: float
    v: float
    ts: int
    d: int = 0


class DepthMsg(msgspec.Struct, tag="D", tag_field="tp", gc=False):
    c: str
    ts: int
    b: list[Level] = []
    a: list[Level] = []


class KlineMsg(msgspec.Struct, tag="K", tag_field="tp", gc=False):
    c: str
    o: float
    cl: float
    h: float
    l: float
    ts: int
    kt: int
    v: float | None = None


Push = SnapshotMsg | TradeMsg | DepthMsg | KlineMsg


class Reply(msgspec.Struct):
    """An ack, a heartbeat answer or a request's response (no ``tp``)."""

    type: str | None = None
    msg: str | None = None
    time: int | None = None
    reqid: int | None = None
    data: msgspec.Raw = msgspec.Raw(b"")  # empty when absent


class Envelope(msgspec.Struct):
    msg: str | None = None
    data: msgspec.Raw = msgspec.Raw(b"")


class KlineGroup(msgspec.Struct):
    c: str
    k: list[KlineMsg] = []


class InstrumentInfo(msgspec.Struct):
    c: str
    e: str = ""
    tc: str = ""
    nc: str = ""
    ne: str = ""
    ls: int | None = None
    ts: int | None = None  # total shares, not a time (the seed's table mislabels it)
    os: int | None = None
    ep: float | None = None
    na: float | None = None
    dy: float | None = None


class Product(msgspec.Struct):
    code: str
    name: str = ""


push_decoder = msgspec.json.Decoder(Push, strict=False)
reply_decoder = msgspec.json.Decoder(Reply)
envelope_decoder = msgspec.json.Decoder(Envelope)
snapshots_decoder = msgspec.json.Decoder(list[SnapshotMsg], strict=False)
trades_decoder = msgspec.json.Decoder(list[TradeMsg], strict=False)
depths_decoder = msgspec.json.Decoder(list[DepthMsg], strict=False)
klines_decoder = msgspec.json.Decoder(list[KlineGroup], strict=False)
infos_decoder = msgspec.json.Decoder(list[InstrumentInfo], strict=False)
products_decoder = msgspec.json.Decoder(dict[str, list[Product]], strict=False)
calendar_decoder = msgspec.json.Decoder(dict[str, list[str]])
encode = msgspec.json.Encoder().encode


_SYMBOLS: dict[str, str] = {}  # QOS code → canonical; the hot path sees the same few codes


def canonical(code: str) -> str:
    """Canonical symbol of a QOS code (cached; raises UnknownSymbolError with words)."""
    symbol = _SYMBOLS.get(code)
    if symbol is None:
        if len(_SYMBOLS) > 10_000:
            _SYMBOLS.clear()
        symbol = _SYMBOLS[code] = from_qos(code)
    return symbol


def _session(sub: SubQuote | None) -> SessionQuote | None:
    if sub is None:
        return None
    return SessionQuote(sub.ts * 1000, sub.lp, sub.yp, sub.h, sub.l, sub.v, sub.t)


def to_quote(m: SnapshotMsg) -> Quote:
    extended = None
    if m.pq is not None or m.aq is not None or m.nq is not None:
        extended = {
            name: q
            for name, sub in (("pre", m.pq), ("after", m.aq), ("night", m.nq))
            if (q := _session(sub)) is not None
        }
    return Quote(
        VENDOR, _SYMBOLS.get(m.c) or canonical(m.c), m.ts * 1000, m.lp, m.yp, m.o, m.h, m.l, m.v, m.t,
        None if m.s is None else m.s == 1,
        SESSIONS_BY_TT.get(m.tt) if m.tt is not None else None,
        extended,
    )


def to_trade(m: TradeMsg) -> Trade:
    return Trade(VENDOR, _SYMBOLS.get(m.c) or canonical(m.c), m.ts * 1000, m.p, m.v,
                 _SIDES.get(m.d, Side.UNKNOWN))


def to_book(m: DepthMsg) -> Book:
    return Book(
        VENDOR, canonical(m.c), m.ts * 1000,
        [(lv.p, lv.v) for lv in m.b], [(lv.p, lv.v) for lv in m.a],
    )


def to_bar(m: KlineMsg) -> Bar:
    period = PERIODS_BY_KT.get(m.kt)
    if period is None:
        raise ValueError(f"unknown K-line type {m.kt}")
    return Bar(VENDOR, canonical(m.c), period, m.ts * 1000, m.o, m.h, m.l, m.cl, m.v)

