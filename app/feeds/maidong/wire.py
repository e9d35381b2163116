"""脉动数据 messages as typed structs, and their translation to canonical events.

Every push (and ``getQuote.php``'s ``data.body``) is one product's whole state: the quote, up
to ten depth levels as one-entry objects with numbered keys (``{"BP3": p, "BV3": v}``) and the
latest prints (``BS``, direction 1 = sell, 2 = buy, the opposite of QOS). ``LastTime`` is Unix
seconds as text; ``Time`` and the prints' ``HH:MM:SS`` are Beijing wall clock (UTC+8).
K-lines are a bare array, newest first, with volume after the text time. Numbers are JSON
numbers in the documents; strings are accepted too, as some clients of the vendor send them.
"""

from __future__ import annotations

import calendar
import math
from typing import Any

import msgspec

from app.core.periods import Period
from app.core.types import Bar, Book, Category, Quote, Side, Trade
from app.feeds.transport.envelope import Envelope, envelope_decoder  # noqa: F401  (code 200 is success)

VENDOR = "maidong"
UTC8_S = 8 * 3600
DAY_S = 86_400

# ``time`` of redis.php per period, and the rows one request may ask for.
PERIOD_CODES: dict[Period, str] = {
    Period.M1: "1m", Period.M5: "5m", Period.M15: "15m", Period.M30: "30m", Period.H1: "1h",
    Period.D1: "1d", Period.MN1: "1M",
}
ROW_LIMITS: dict[Period, int] = {Period.M1: 600, Period.MN1: 100}
DEFAULT_ROW_LIMIT = 300
SIDES = {1: Side.SELL, 2: Side.BUY, "1": Side.SELL, "2": Side.BUY}

Number = float | str | None


def row_limit(period: Period) -> int:
    return ROW_LIMITS.get(period, DEFAULT_ROW_LIMIT)


# -- payloads --------------------------------------------------------------------------------

class Print(msgspec.Struct, gc=False):
    time: str = ""
    price: Number = None
    size: Number = None
    direction: int | str | None = None


class DepthSides(msgspec.Struct, gc=False):
    Buy: list[dict[str, Number]] = []
    Sell: list[dict[str, Number]] = []


class Body(msgspec.Struct, gc=False):
    StockCode: str
    Price: Number = None
    Open: Number = None
    LastClose: Number = None
    High: Number = None
    Low: Number = None
    Time: str | None = None
    LastTime: str | int | float | None = None
    BP1: Number = None
    BV1: Number = None
    SP1: Number = None
    SV1: Number = None
    TotalVol: Number = None
    Diff: Number = None
    DiffRate: Number = None
    lastSize: Number = None
    Depth: DepthSides | list[Any] | None = None
    BS: list[Print] | None = None
    Info: dict[str, Any] | list[Any] | None = None


class Frame(msgspec.Struct, gc=False):
    """A WebSocket message: a push (``body``) or a heartbeat answer (``pong``)."""

    body: Body | None = None
    pong: int | float | str | None = None


class QuoteData(msgspec.Struct):
    body: Body | None = None


class CategoryItem(msgspec.Struct):
    id: int | str
    name: str = ""


class CategoryData(msgspec.Struct):
    items: list[CategoryItem] = msgspec.field(default_factory=list, name="list")


class SymbolItem(msgspec.Struct):
    code: str
    name: str = ""


class SymbolPage(msgspec.Struct):
    total: int | str = 0
    items: list[SymbolItem] = msgspec.field(default_factory=list, name="list")


frame_decoder = msgspec.json.Decoder(Frame)
quote_data_decoder = msgspec.json.Decoder(QuoteData | None)
category_decoder = msgspec.json.Decoder(CategoryData | None)
symbol_page_decoder = msgspec.json.Decoder(SymbolPage | None)
any_decoder = msgspec.json.Decoder()


def is_success(envelope: Envelope) -> bool:
    """``{"code": 200, "msg": "success", "data": …}``: 200, as a number or as text."""
    return envelope.code in (200, "200")


# -- numbers and times -----------------------------------------------------------------------

def num(value: object) -> float | None:
    """A finite float from a JSON number or numeric text, else None. (JSON numbers are finite:
    only text can spell ``inf``.)"""
    out = val(value)
    return out if out is None or type(value) is float or math.isfinite(out) else None


NAN = math.nan


def val(value: object) -> float | None:
    """A market value: None when the vendor did not send it (absent, ``null`` or ``""``), the
    float it spells otherwise, and NaN when it spells no finite number ("abc", "NaN", "inf"):
    garbage is not turned into "not sent", it makes the event invalid (the validator drops it,
    counted)."""
    if type(value) is float:
        return value
    if value is None or value == "":
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return NAN


def beijing_ms(text: str) -> int | None:
    """``"YYYY-MM-DD HH:MM:SS"`` in UTC+8 as epoch ms (None when it is not that shape)."""
    try:
        y, mo, d = int(text[0:4]), int(text[5:7]), int(text[8:10])
        h, mi, s = int(text[11:13]), int(text[14:16]), int(text[17:19])
    except (ValueError, TypeError, IndexError):
        return None
    if len(text) < 19 or not (1 <= mo <= 12 and 1 <= d <= 31 and h < 24 and mi < 60 and s < 61):
        return None
    return (calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0)) - UTC8_S) * 1000


def body_ms(body: Body) -> int | None:
    """The update's time: ``LastTime`` (Unix seconds as text), else ``Time`` (UTC+8). A
    ``LastTime`` that is no number raises ValueError (the push is garbage, not undated); one
    before 2000 or far ahead is returned as sent, for the validator to refuse."""
    seconds = val(body.LastTime)
    if seconds is not None and seconds != 0:
        if not math.isfinite(seconds):
            raise ValueError(f"LastTime {body.LastTime!r} is not a time")
        return int(seconds * 1000) if abs(seconds) < 1e11 else int(seconds)
    return beijing_ms(body.Time) if body.Time else None


def print_ms(clock: str, reference_ms: int) -> int | None:
    """A print's ``HH:MM:SS`` (UTC+8, no date) on the reference's day; a time later than the
    reference belongs to the day before (a print at 23:59:59 read just after midnight)."""
    try:
        h, m, s = int(clock[0:2]), int(clock[3:5]), int(clock[6:8])
    except (ValueError, TypeError):
        return None
    if len(clock) < 8 or h > 23 or m > 59 or s > 60:
        return None
    ref_s = reference_ms // 1000
    day_start = (ref_s + UTC8_S) // DAY_S * DAY_S - UTC8_S
    stamp = day_start + h * 3600 + m * 60 + s
    if stamp > ref_s + 60:  # a minute of skew between the two clocks is not a day
        stamp -= DAY_S
    return stamp * 1000


def decimals_of(value: float | None) -> int:
    """Decimals a vendor's JSON number was written with (27206.02 → 2), at most 8."""
    if value is None:
        return 0
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.8f}".rstrip("0")
    _whole, _dot, frac = text.partition(".")
    frac = frac.rstrip("0")
    return min(len(frac), 8)


# -- to canonical ----------------------------------------------------------------------------

INFO_FIELDS = {
    "TotalAmount": "turnover", "LimitUp": "limit_up", "LimitDown": "limit_down",
    "TurnoverRate": "turnover_rate", "QRR": "volume_ratio", "MarketCAP": "market_cap",
    "MarketCIR": "float_cap",
}


def info_of(body: Body) -> dict[str, float]:
    """``Info`` as canonical quote fields; documented as an object, seen as an (empty) array."""
    info = body.Info
    if not info:
        return {}
    items = [info] if isinstance(info, dict) else [i for i in info if isinstance(i, dict)]
    out: dict[str, float] = {}
    for item in items:
        for key, field in INFO_FIELDS.items():
            value = val(item.get(key))
            if value is not None:
                out[field] = value
    return out


def reference_price(body: Body, last: float | None) -> float | None:
    """The price the vendor measures its change from: ``Price − Diff`` (in the examples that
    is today's open, while ``LastClose`` repeats the last price). ``LastClose`` is used only
    without ``Diff`` and when it is not just the last price again."""
    diff = val(body.Diff)
    if last is not None and diff is not None:
        return round(last - diff, 10)
    last_close = val(body.LastClose)
    if last_close is not None and last_close != last:
        return last_close
    return None


def to_quote(body: Body, symbol: str, ts: int, *, volume: bool = True) -> Quote:
    last = val(body.Price)
    extra = info_of(body)
    return Quote(
        VENDOR, symbol, ts, last=last, prev_close=reference_price(body, last),
        open=val(body.Open), high=val(body.High), low=val(body.Low),
        volume=val(body.TotalVol) if volume else None, turnover=extra.pop("turnover", None),
        **extra,
    )


_MAX_LEVELS = 50
_LEVEL_KEYS = {
    (p, v): [(f"{p}{i}", f"{v}{i}") for i in range(1, _MAX_LEVELS + 1)]
    for p, v in (("BP", "BV"), ("SP", "SV"))
}


def _side_levels(entries: list[dict[str, Number]], price_key: str, size_key: str) -> list[tuple[float, float]]:
    """Levels from one-entry objects with numbered keys, best (1) first; empty levels (no
    price or size, or a size of 0, as the vendor documents) are left out; any other value,
    bad or not, is kept for the validator to judge (and count). The n-th object normally holds
    level n: read by position, and by number only when an object holds another level."""
    keys = _LEVEL_KEYS[(price_key, size_key)]
    out = []
    for i, entry in enumerate(entries):
        if i >= _MAX_LEVELS:
            break
        pk, vk = keys[i]
        price, size = entry.get(pk), entry.get(vk)
        if price is None:
            return _numbered_levels(entries, price_key, size_key)
        if type(price) is not float or type(size) is not float:
            price, size = val(price), val(size)
        if price is not None and size is not None and size != 0:
            out.append((price, size))
    return out


def _numbered_levels(entries: list[dict[str, Number]], price_key: str, size_key: str) -> list[tuple[float, float]]:
    numbered: dict[int, list[float | None]] = {}
    for entry in entries:
        for key, value in entry.items():
            if key.startswith(price_key) and key[2:].isdigit():
                numbered.setdefault(int(key[2:]), [None, None])[0] = val(value)
            elif key.startswith(size_key) and key[2:].isdigit():
                numbered.setdefault(int(key[2:]), [None, None])[1] = val(value)
    out = []
    for level in sorted(numbered):
        price, size = numbered[level]
        if price is not None and size is not None and size != 0:
            out.append((price, size))
    return out


def to_book(body: Body, symbol: str, ts: int) -> Book | None:
    """Depth, best first; the top-of-book fields when ``Depth`` is empty; None without either."""
    depth = body.Depth
    if isinstance(depth, DepthSides) and (depth.Buy or depth.Sell):
        bids = _side_levels(depth.Buy, "BP", "BV")
        asks = _side_levels(depth.Sell, "SP", "SV")
    else:
        bids = _side_levels([{"BP1": body.BP1, "BV1": body.BV1}], "BP", "BV")
        asks = _side_levels([{"SP1": body.SP1, "SV1": body.SV1}], "SP", "SV")
    if not bids and not asks:
        return None
    return Book(VENDOR, symbol, ts, bids, asks)


PrintKey = tuple[str, float, float, object]


def print_keys(body: Body) -> list[PrintKey]:
    """The prints of a push as comparable keys (the vendor repeats recent prints); a print
    without a price or size is none, a bad one is kept for the validator to refuse."""
    out = []
    for p in body.BS or ():
        price, size = val(p.price), val(p.size)
        if price is not None and size is not None:
            out.append((p.time, price, size, p.direction))
    return out


def to_trade(key: PrintKey, symbol: str, reference_ms: int) -> Trade | None:
    clock, price, size, direction = key
    ts = print_ms(clock, reference_ms)
    if ts is None:
        return None
    return Trade(VENDOR, symbol, ts, price, size, SIDES.get(direction, Side.UNKNOWN))  # type: ignore[arg-type]


def to_bars(rows: list[Any], symbol: str, period: Period, *, volume: bool = True,
            on_mismatch=None) -> list[Bar]:
    """redis.php rows (newest first, ``[ms, o, h, l, c, "time", v]``) → bars oldest first,
    each start once. The text time (UTC+8) keys a bar: the documented example repeats one
    millisecond stamp under two text times; ``on_mismatch(row)`` hears of such rows."""
    bars: dict[int, Bar] = {}
    for row in rows:
        if not isinstance(row, list) or len(row) < 5:
            continue
        o, h, lo, c = (val(v) for v in row[1:5])  # garbage: NaN, refused by the validator
        if o is None or h is None or lo is None or c is None:
            continue
        stamp = num(row[0])
        text_ms = beijing_ms(row[5]) if len(row) > 5 and isinstance(row[5], str) else None
        ts = text_ms if text_ms is not None else (int(stamp) if stamp is not None else None)
        if ts is None:
            continue
        if text_ms is not None and stamp is not None and int(stamp) != text_ms and on_mismatch:
            on_mismatch(row)
        if ts in bars:
            continue  # newest first: the first listing of a start is the latest state
        vol = val(row[6]) if volume and len(row) > 6 else None
        bars[ts] = Bar(VENDOR, symbol, period.value, ts, o, h, lo, c, vol)
    return [bars[t] for t in sorted(bars)]


def to_categories(data: CategoryData | None) -> list[Category]:
    if data is None:
        return []
    return [Category(str(item.id), item.name, item.name) for item in data.items]


__all__ = [
    "Body", "Frame", "PERIOD_CODES", "VENDOR", "beijing_ms", "body_ms", "decimals_of", "num",
    "print_ms", "row_limit", "to_bars", "to_book", "to_quote", "to_trade", "val",
]
