"""Checks for a stream that a hostile fake fed: what came out, read as the command line prints
it (one JSON line per event), against DESIGN's rules written out again here, independently of
``app.core.validate``; and the counts the hostile frames sent must have added."""

from __future__ import annotations

import json
import math
import time
from collections import Counter

from app.core.types import Bar, Book, Quote, Trade, encode_event

YEAR_2000_MS = 946_684_800_000
DAY_MS = 86_400_000
PRICE_FIELDS = ("last", "prev_close", "open", "high", "low")


def _price(x) -> bool:
    return isinstance(x, float | int) and 0 < x < 1e15


def _size(x) -> bool:
    return isinstance(x, float | int) and 0 <= x < math.inf


def problems(events: list) -> list[str]:
    """Every shown value a trader must not see, as words (empty: all is well)."""
    lines = [json.loads(encode_event(e)) for e in events if type(e) in (Quote, Trade, Book, Bar)]
    return line_problems(lines)


def line_problems(lines: list[dict]) -> list[str]:
    """:func:`problems` over the command line's JSON lines (decoded)."""
    now = int(time.time() * 1000)
    out = []
    for d in lines:
        if d.get("type") not in ("quote", "trade", "depth", "bar"):
            continue
        line = json.dumps(d)
        if not YEAR_2000_MS <= d["ts"] <= now + DAY_MS:
            out.append(f"time: {line}")
        if d["type"] == "quote":
            if d["last"] is None:  # every good frame sends it: null would be a NaN passed off
                out.append(f"last null: {line}")
            for key in PRICE_FIELDS:
                if d[key] is not None and not _price(d[key]):
                    out.append(f"{key}: {line}")
            for key in ("volume", "turnover"):
                if d[key] is not None and not _size(d[key]):
                    out.append(f"{key}: {line}")
            if d["high"] is not None and d["low"] is not None and d["high"] < d["low"]:
                out.append(f"high < low: {line}")
        elif d["type"] == "trade":
            if not _price(d["price"]) or not _size(d["size"]):
                out.append(f"trade: {line}")
        elif d["type"] == "bar":
            o, h, lo, c = d["open"], d["high"], d["low"], d["close"]
            if not all(map(_price, (o, h, lo, c))) or h < max(o, c, lo) or lo > min(o, c):
                out.append(f"bar: {line}")
        elif d["type"] == "depth":
            bids, asks = d["bids"], d["asks"]
            if not all(_price(p) and _size(s) for p, s in bids + asks):
                out.append(f"level: {line}")
            bid_prices, ask_prices = [p for p, _ in bids], [p for p, _ in asks]
            if bid_prices != sorted(bid_prices, reverse=True) or ask_prices != sorted(ask_prices):
                out.append(f"unsorted: {line}")
            crossed = bool(bids and asks and bids[0][0] >= asks[0][0])
            if crossed != d.get("crossed", False):
                out.append(f"crossed not flagged: {line}")
    return out


def expected_counts(sent: list) -> tuple[Counter, int]:
    """(the validator's counts, messages refused whole) the hostile frames ``sent`` must add."""
    kinds: Counter = Counter()
    for frame in sent:
        kinds.update(frame.kinds)
    return kinds, sum(frame.bad for frame in sent)


def crossed_books(events: list, bid: float, ask: float) -> list[Book]:
    return [e for e in events if type(e) is Book and e.bids and e.asks
            and e.bids[0][0] == bid and e.asks[0][0] == ask]
