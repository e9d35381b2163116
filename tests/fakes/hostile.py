"""Hostile frames: the values of issue 17 point 3, each in one vendor's own wire format.

A fake with ``hostile = True`` sends these one by one, each right after a good push of the same
symbol (so the stream goes on around them). Each :class:`Hostile` says which of the
validator's kinds (``app.core.validate``) it must be counted under — none for a book that is
only to be sorted or flagged — or that the decoder must refuse it whole (``bad``: counted in
the feed's ``bad_messages``), so a test can check the counts exactly.
"""

from __future__ import annotations

import copy
import json
import time
from dataclasses import dataclass

from app.core import validate as v

MINUS_5000 = -5000  # seconds: 1969
YEAR_3000_S = 32_503_680_000  # 3000-01-01
BEFORE_2000_S = 946_684_799  # 1999-12-31 23:59:59 UTC
CROSSED = (777.77, 111.11)  # bid, ask


@dataclass(frozen=True)
class Hostile:
    name: str
    frame: str
    kinds: tuple[str, ...] = ()  # the validator's counts it must add
    bad: int = 0  # messages the decoder must refuse whole
    crossed: bool = False  # it must come out flagged as crossed


def _json(payload: object) -> str:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)


def _tick(price: float) -> float:
    return 0.01 if price < 1000 else 1.0


# -- QOS: decimal strings, seconds, pushes tagged ``tp`` ---------------------------------------

def qos_frames(fake, symbol: str) -> list[Hostile]:
    from tests.fakes.qos import qos_code

    code = qos_code(symbol)
    quote = fake._sim.markets[symbol].quote()
    good = {"tp": "S", **fake._snapshot(quote, http=False)}
    now = int(time.time())
    last = quote.last or 100.0
    t = _tick(last)
    lv = lambda p, v="5": {"p": f"{p:.2f}", "v": v}  # noqa: E731

    def snap(**fields) -> str:
        return _json(good | fields)

    def trade(p: str, v: str, ts: int) -> str:
        return _json({"tp": "T", "c": code, "p": p, "v": v, "ts": ts, "d": 1})

    def depth(bids: list, asks: list) -> str:
        return _json({"tp": "D", "c": code, "b": bids, "a": asks, "ts": now})

    bar = {"tp": "K", "c": code, "o": "100", "cl": "100", "h": "90", "l": "110", "v": "5",
           "ts": now // 60 * 60, "kt": 1}
    return [
        Hostile("crossed book", depth([lv(CROSSED[0])], [lv(CROSSED[1])]), crossed=True),
        Hostile("unsorted bids", depth([lv(last - 2 * t), lv(last), lv(last - t)], [lv(last + t)])),
        Hostile("levels at -5 and 0", depth([lv(-5.0, "3"), lv(0.0, "2"), lv(last)], [lv(last + t)]),
                (v.LEVEL_PRICE,)),
        Hostile("last -4242.5", snap(lp="-4242.5"), (v.PRICE,)),
        Hostile("last 0.0", snap(lp="0.0"), (v.PRICE,)),
        Hostile("last 1e+22", snap(lp="1e+22"), (v.HUGE,)),
        Hostile("high 1 < low 1000", snap(h="1", l="1000"), (v.QUOTE_RANGE,)),
        Hostile("bar high 90 < low 110", _json(bar), (v.BAR_RANGE,)),
        Hostile("trade -33.33 x -9", trade("-33.33", "-9", now), (v.PRICE,)),
        Hostile("trade at -5000", trade(f"{last:.2f}", "1", MINUS_5000), (v.TOO_OLD,)),
        Hostile("quote in the year 3000", snap(ts=YEAR_3000_S), (v.FUTURE,)),
        Hostile("trade from 1999", trade(f"{last:.2f}", "1", BEFORE_2000_S), (v.TOO_OLD,)),
        Hostile("trade from 1999 again", trade(f"{last:.2f}", "1", BEFORE_2000_S), (v.TOO_OLD,)),
        Hostile("last NaN", snap(lp="NaN"), (v.NON_FINITE,)),
        Hostile("trade at Infinity", trade("Infinity", "1", now), (v.NON_FINITE,)),
        Hostile("depth size NaN", depth([lv(last, "NaN")], [lv(last + t)]), (v.NON_FINITE,)),
        Hostile("last garbage", snap(lp="12.3.4"), bad=1),
    ]


def qos_bad_bar(bar: dict) -> dict:
    """A history bar (QOS K-line item) turned into high 90 < low 110, same start."""
    return bar | {"o": "100", "cl": "100", "h": "90", "l": "110"}


# -- iTick: JSON numbers, milliseconds, ``{"code":1,"data":{…,"type":…}}`` ----------------------

def itick_frames(fake, symbol: str) -> list[Hostile]:
    from tests.fakes.itick import itick_address

    address = itick_address(symbol)
    quote = fake._sim.markets[symbol].quote()
    now = int(time.time() * 1000)
    last = quote.last or 100.0
    t = _tick(last)
    text = fake._symbol_text(address)
    good = {**fake._quote(quote, address, rest=False), "type": "quote"}
    lv = lambda i, p, v=5.0: {"po": i, "p": p, "v": v, "o": 1}  # noqa: E731

    def push(data: dict) -> str:
        return _json({"code": 1, "data": data})

    def snap(**fields) -> str:
        return push(good | fields)

    def tick(p, v, ts: int) -> str:
        return push({**text, "ld": p, "v": v, "t": ts, "type": "tick"})

    def depth(bids: list, asks: list) -> str:
        return push({**text, "s": f"{address[2]}${address[1]}", "b": bids, "a": asks, "type": "depth"})

    bar = {**text, "t": now // 60_000 * 60_000, "o": 100.0, "h": 90.0, "l": 110.0, "c": 100.0,
           "v": 5.0, "tu": 500.0, "type": "kline@1"}
    return [
        Hostile("crossed book", depth([lv(1, CROSSED[0])], [lv(1, CROSSED[1])]), crossed=True),
        # iTick numbers its levels (po): the bids below are unsorted by price whatever po says
        Hostile("unsorted bids", depth([lv(1, last - 2 * t), lv(2, last), lv(3, last - t)],
                                       [lv(1, last + t)])),
        Hostile("levels at -5 and 0", depth([lv(1, -5.0, 3.0), lv(2, 0.0, 2.0), lv(3, last)],
                                            [lv(1, last + t)]), (v.LEVEL_PRICE,)),
        Hostile("last -4242.5", snap(ld=-4242.5), (v.PRICE,)),
        Hostile("last 0.0", snap(ld=0.0), (v.PRICE,)),
        Hostile("last 1e+22", snap(ld=1e22), (v.HUGE,)),
        Hostile("high 1 < low 1000", snap(h=1, l=1000), (v.QUOTE_RANGE,)),
        Hostile("bar high 90 < low 110", push(bar), (v.BAR_RANGE,)),
        Hostile("tick -33.33 x -9", tick(-33.33, -9, now), (v.PRICE,)),
        Hostile("tick at -5000", tick(last, 1, MINUS_5000 * 1000), (v.TOO_OLD,)),
        Hostile("quote in the year 3000", snap(t=YEAR_3000_S * 1000), (v.FUTURE,)),
        Hostile("tick from 1999", tick(last, 1, BEFORE_2000_S * 1000), (v.TOO_OLD,)),
        Hostile("tick from 1999 again", tick(last, 1, BEFORE_2000_S * 1000), (v.TOO_OLD,)),
        Hostile("last \"NaN\"", snap(ld="NaN"), (v.NON_FINITE,)),
        Hostile("tick at \"Infinity\"", tick("Infinity", 1, now), (v.NON_FINITE,)),
        Hostile("last NaN (not JSON)", snap(ld=0.5).replace('"ld":0.5', '"ld":NaN'), bad=1),
        Hostile("last garbage", snap(ld="abc"), bad=1),
    ]


def itick_bad_bar(bar: dict) -> dict:
    return bar | {"o": 100.0, "c": 100.0, "h": 90.0, "l": 110.0}


# -- 脉动数据: one body per push, numbers or text, LastTime in seconds as text ---------------------

def maidong_frames(good: dict, code: str) -> list[Hostile]:
    """For a client subscribed to quote, depth and trade of ``code``, built on ``good``, the body
    it was last sent (so its prints are not new). A body carries the quote, the book and the
    recent prints at once: a bad time refuses both quote and book."""
    last = good["Price"] or 100.0
    t = _tick(last)

    def body(**fields) -> str:
        b = copy.deepcopy(good) | fields
        return _json({"body": b})

    def depth(buy: list, sell: list) -> str:
        return body(Depth={"Buy": [{f"BP{i}": p, f"BV{i}": s} for i, (p, s) in enumerate(buy, 1)],
                           "Sell": [{f"SP{i}": p, f"SV{i}": s} for i, (p, s) in enumerate(sell, 1)]})

    # a new print at the front (the vendor lists the newest first), the good ones behind it
    bad_print = {"time": time.strftime("%H:%M:%S", time.gmtime(time.time() + 8 * 3600)),
                 "price": -33.33, "size": -9, "direction": 2}
    return [
        Hostile("crossed book", depth([(CROSSED[0], 5)], [(CROSSED[1], 5)]), crossed=True),
        Hostile("unsorted bids", depth([(last - 2 * t, 5), (last, 5), (last - t, 5)], [(last + t, 5)])),
        Hostile("levels at -5 and 0", depth([(-5, 3), (0, 2), (last, 5)], [(last + t, 5)]),
                (v.LEVEL_PRICE,)),
        Hostile("Price -4242.5", body(Price=-4242.5, Diff=None), (v.PRICE,)),
        Hostile("Price 0.0", body(Price=0.0, Diff=None), (v.PRICE,)),
        Hostile("Price 1e+22", body(Price=1e22, Diff=None), (v.HUGE,)),
        Hostile("High 1 < Low 1000", body(High=1, Low=1000), (v.QUOTE_RANGE,)),
        Hostile("print -33.33 x -9", body(BS=[bad_print, *good["BS"]]), (v.PRICE,)),
        Hostile("LastTime -5000", body(LastTime=str(MINUS_5000)), (v.TOO_OLD, v.TOO_OLD)),
        Hostile("LastTime in the year 3000", body(LastTime=str(YEAR_3000_S)), (v.FUTURE, v.FUTURE)),
        Hostile("LastTime 1999", body(LastTime=str(BEFORE_2000_S)), (v.TOO_OLD, v.TOO_OLD)),
        Hostile("Price \"NaN\"", body(Price="NaN", Diff=None), (v.NON_FINITE,)),
        Hostile("Open \"Infinity\"", body(Open="Infinity"), (v.NON_FINITE,)),
        Hostile("Price garbage", body(Price="12,5", Diff=None), (v.NON_FINITE,)),
        Hostile("depth size NaN", depth([(last, "NaN")], [(last + t, 5)]), (v.NON_FINITE,)),
        Hostile("LastTime garbage", body(LastTime="soon"), (v.NON_FINITE,)),
    ]


def maidong_bad_row(row: list) -> list:
    """A redis.php row turned into high 90 < low 110, same start."""
    return [row[0], 100, 90, 110, 100, *row[5:]]
