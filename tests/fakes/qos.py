"""A protocol-faithful fake QOS server (``shared/vendors/qos.md`` section 8) on 127.0.0.1.

HTTP (POST only, ``key`` header or query, ``{"msg":"OK","data":…}``, decimal strings, second
timestamps, answers in no particular order) and WebSocket on ``/ws`` (silent on connect,
``H`` answered, acks echoing ``type`` and ``reqid``, pushes tagged ``tp``, subscriptions
forgotten on disconnect). Prices move: the built-in simulator drives them.

Fault switches (attributes, changeable while running): ``drop_after`` (messages per connection),
``flap`` (accept then drop), ``silent``, ``mute_pushes``, :meth:`inject` (malformed or oversized frames),
``hostile`` (issue 17's impossible values between good pushes, ``tests/fakes/hostile.py``),
``hostile_history`` (one impossible bar in every K-line answer),
:meth:`drop_all`, ``fail_next_http`` (statuses such as 429 with ``Retry-After``), the plan's
limits (``max_products``, ``max_connections``, ``min_interval``, ``http_limit``), ``legacy``
(seed-era acks without ``reqid`` and numeric trade prices), ``bad_key_mode``, ``echo_key``
(key refusals quote the wrong key back: ``invalid key WRONG… for account``).

Run by hand: ``python -m tests.fakes.qos --port 8765 --key demo``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import date, timedelta

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request

from app.core.periods import Period
from app.core.types import Bar, Book, Channel, Event, Quote, Side, Trade
from tests.fakes import hostile
from tests.fakes.base import FakeVendorServer
from tests.fakes.loopback import HttpRequest, HttpResponse

# The fake's own mapping (deliberately not the client's code, so mapping bugs show up).
_MARKETS = {"US": "US", "HK": "HK", "SH": "SH", "SZ": "SZ", "FX": "FX", "PERP": "CF",
            "CMDTY": "CM", "IDX": "IX"}
_CANONICAL = {v: k for k, v in _MARKETS.items()}
_EXCHANGES = {"US": "NASD", "HK": "SEHK", "SH": "SSE", "SZ": "SZSE",
              "CF": "Crypto Perpetual Contract", "FX": "FX", "CM": "Commodity", "IX": "Index"}
_LEVELS = {"US": 1, "HK": 10, "SH": 5, "SZ": 5, "CF": 20, "FX": 5, "CM": 10, "IX": 0}
_KT = {1: Period.M1, 5: Period.M5, 15: Period.M15, 30: Period.M30, 60: Period.H1,
       120: Period.H2, 240: Period.H4, 1001: Period.D1, 1007: Period.W1, 1030: Period.MN1,
       2001: Period.Y1}
_KT_OF = {p.value: kt for kt, p in _KT.items()}
_SUB_CHANNEL = {"S": Channel.QUOTE, "T": Channel.TRADE, "D": Channel.DEPTH, "K": Channel.BAR}
_UNSUB = {"SC": "S", "TC": "T", "DC": "D", "KC": "K"}


def qos_code(symbol: str) -> str | None:
    market, _, code = symbol.partition(":")
    qm = _MARKETS.get(market)
    if qm is None:
        return None
    return f"{qm}:{code.lstrip('0') or '0'}" if qm == "HK" else f"{qm}:{code}"


def canonical(code: str) -> str | None:
    market, _, rest = code.partition(":")
    cm = _CANONICAL.get(market)
    if cm is None or not rest:
        return None
    return f"HK:{rest.zfill(5)}" if cm == "HK" else f"{cm}:{rest}"


def expand(codes: object) -> list[str]:
    """``["US:AAPL,TSLA", "HK:700"]`` → ``["US:AAPL", "US:TSLA", "HK:700"]``."""
    out: list[str] = []
    if not isinstance(codes, list):
        return out
    for item in codes:
        if not isinstance(item, str):
            continue
        market, _, rest = item.partition(":")
        out += [f"{market}:{c.strip()}" for c in rest.split(",") if c.strip()]
    return out


@dataclass
class Connection:
    ws: ServerConnection
    opened: float
    commands: list[dict] = field(default_factory=list)
    subs: dict[tuple[str, int | None], set[str]] = field(default_factory=lambda: defaultdict(set))
    outbox: asyncio.Queue[str | bytes] = field(default_factory=lambda: asyncio.Queue(10_000))
    sent: int = 0
    last_command: float | None = None

    def products(self) -> set[str]:
        return {c for codes in self.subs.values() for c in codes}

    def active_set(self) -> dict[tuple[str, int | None], set[str]]:
        return {k: set(v) for k, v in self.subs.items() if v}


class FakeQosServer(FakeVendorServer):
    ws_path = "/ws"

    def __init__(self, *, key: str = "test-key", seed: int = 7, min_interval: float | None = 1.0,
                 max_products: int | None = 10, max_connections: int | None = 1,
                 http_limit: tuple[int, float] | None = (10, 60.0)) -> None:
        super().__init__(seed=seed)
        self.key = key
        self.min_interval = min_interval
        self.max_products = max_products
        self.max_connections = max_connections
        self.http_limit = http_limit
        self.legacy = False
        self.bad_key_mode = "http"  # "http": 401 on the handshake; "close": a non-OK msg, then close
        self.echo_key = False
        self.handshakes: list[float] = []
        self.connections: list[Connection] = []
        self.http_log: list[tuple[str, float]] = []
        self._rng = random.Random(seed)
        self._trades: dict[str, deque[Trade]] = defaultdict(lambda: deque(maxlen=50))
        self._http_calls: deque[float] = deque()

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, port: int = 0) -> None:
        await self._listen(port, self._http_handler, self._ws_handler, self._check_handshake)
        symbols = [s for s in self._sim_symbols() if qos_code(s)]
        await self._sim.subscribe(symbols, [Channel.QUOTE, Channel.TRADE, Channel.DEPTH])

    # -- market data from the simulator ------------------------------------------------------

    def _sim_symbols(self) -> list[str]:
        return [i.symbol for i in self._sim_instruments()]

    def _sim_instruments(self):
        from app.feeds.sim.universe import SPECS

        return [s.instrument for s in SPECS]

    def _decimals(self, symbol: str) -> tuple[int, int]:
        inst = next((i for i in self._sim_instruments() if i.symbol == symbol), None)
        return (inst.price_decimals, inst.size_decimals) if inst else (2, 0)

    def _price(self, symbol: str, value: float | None) -> str | None:
        return None if value is None else f"{value:.{self._decimals(symbol)[0]}f}"

    def _size(self, symbol: str, value: float | None) -> str | None:
        return None if value is None else f"{value:.{self._decimals(symbol)[1]}f}"

    def _snapshot(self, quote: Quote, *, http: bool) -> dict:
        code = qos_code(quote.symbol)
        p = lambda v: self._price(quote.symbol, v)
        item = {"c": code, "lp": p(quote.last), "yp": p(quote.prev_close), "o": p(quote.open),
                "h": p(quote.high), "l": p(quote.low), "ts": quote.ts // 1000,
                "v": self._size(quote.symbol, quote.volume),
                "t": f"{(quote.turnover or 0.0):.4f}", "s": 0}
        if code.startswith("CF:"):
            del item["yp"]  # crypto has no previous close on QOS
        if code.startswith("US:"):
            item["tt"] = 3
            if http and quote.prev_close is not None and quote.last is not None:
                pre = quote.prev_close * 1.002
                item["pq"] = {"lp": p(pre), "ts": quote.ts // 1000 - 21600, "v": "370456",
                              "t": f"{pre * 370456:.4f}", "h": p(pre * 1.004),
                              "l": p(pre * 0.996), "yp": p(quote.prev_close)}
                item["aq"] = {"lp": p(quote.last), "ts": quote.ts // 1000, "v": "120000",
                              "t": f"{quote.last * 120000:.4f}", "h": p(quote.last * 1.001),
                              "l": p(quote.last * 0.999), "yp": p(quote.last)}
        return {k: v for k, v in item.items() if v is not None}

    def _trade(self, trade: Trade) -> dict:
        d = {Side.BUY: 1, Side.SELL: 2}.get(trade.side, 0)
        if self.legacy:
            return {"c": qos_code(trade.symbol), "p": trade.price, "v": trade.size,
                    "ts": trade.ts // 1000, "d": d}
        return {"c": qos_code(trade.symbol), "p": self._price(trade.symbol, trade.price),
                "v": self._size(trade.symbol, trade.size), "ts": trade.ts // 1000, "d": d}

    def _depth(self, book: Book) -> dict:
        code = qos_code(book.symbol)
        levels = _LEVELS.get(code.partition(":")[0], 5)
        side = lambda lv: [{"p": self._price(book.symbol, p), "v": self._size(book.symbol, v)}
                           for p, v in lv[:levels]]
        return {"c": code, "b": side(book.bids), "a": side(book.asks), "ts": book.ts // 1000}

    def _bar(self, bar: Bar) -> dict:
        p = lambda v: self._price(bar.symbol, v)
        return {"c": qos_code(bar.symbol), "o": p(bar.open), "cl": p(bar.close), "h": p(bar.high),
                "l": p(bar.low), "v": self._size(bar.symbol, bar.volume), "ts": bar.ts // 1000,
                "kt": _KT_OF[bar.period]}

    def _on_sim_event(self, event: Event) -> None:
        kind = type(event)
        if kind is Trade:
            self._trades[event.symbol].append(event)
        conns = self.live
        if not conns or self.silent or self.mute_pushes:
            return
        code = qos_code(event.symbol) if hasattr(event, "symbol") else None
        if code is None:
            return
        if kind is Quote:
            key, push = ("S", None), lambda: {"tp": "S", **self._snapshot(event, http=False)}
        elif kind is Trade:
            key, push = ("T", None), lambda: {"tp": "T", **self._trade(event)}
        elif kind is Book:
            key, push = ("D", None), lambda: {"tp": "D", **self._depth(event)}
        elif kind is Bar:
            key, push = ("K", _KT_OF[event.period]), lambda: {"tp": "K", **self._bar(event)}
        else:
            return
        frame = None
        for conn in conns:
            if code in conn.subs.get(key, ()):
                frame = frame or json.dumps(push(), separators=(",", ":"))
                with contextlib.suppress(asyncio.QueueFull):
                    conn.outbox.put_nowait(frame)
                    self._interleave(conn, event.symbol)

    def hostile_frames(self, subject: str) -> list:
        return hostile.qos_frames(self, subject)

    # -- data endpoints (shared by HTTP and the WebSocket R* twins) ---------------------------

    async def _data(self, kind: str, body: dict) -> list | dict:
        markets = self._sim.markets
        if kind in ("RS", "RD", "RT", "RI"):
            symbols = [s for s in (canonical(c) for c in expand(body.get("codes"))) if s in markets]
            if kind == "RS":
                out = [self._snapshot(markets[s].quote(), http=True) for s in symbols]
            elif kind == "RD":
                out = [self._depth(markets[s].book(markets[s].last_ts)) for s in symbols
                       if markets[s].has_book]
            elif kind == "RT":
                count = min(int(body.get("count", 1)), 50)
                out = [self._trade(t) for s in symbols for t in list(self._trades[s])[-count:]]
            else:
                out = [self._info(markets[s].spec.instrument) for s in symbols]
            self._rng.shuffle(out)  # QOS answers in no particular order
            return out
        if kind in ("RK", "RH"):
            groups = []
            for req in body.get("kline_reqs") or []:
                period = _KT.get(req.get("kt"))
                count = min(int(req.get("co", 1)), 1000)
                for code in expand([req.get("c", "")]):
                    symbol = canonical(code)
                    if period is None or symbol not in markets:
                        continue
                    bars = await self._sim.klines(symbol, period, count)  # ``e`` ignored, as on
                    items = [self._bar(b) for b in bars]  # default plans
                    if self.hostile_history and items:
                        items[0] = hostile.qos_bad_bar(items[0])
                    groups.append({"c": code, "k": items})
            self._rng.shuffle(groups)
            return groups
        raise KeyError(kind)

    def _info(self, inst) -> dict:
        code = qos_code(inst.symbol)
        market = code.partition(":")[0]
        item = {"c": code, "e": _EXCHANGES[market], "tc": inst.currency}
        if market in ("US", "HK", "SH", "SZ"):
            item |= {"nc": inst.name_zh, "ne": inst.name, "ls": int(inst.lot_size),
                     "ts": 15022073000, "os": 14998202926, "ep": "6.24", "na": "4.44", "dy": "1"}
        return item

    def _products(self, markets: list[str]) -> dict:
        out: dict[str, list] = {}
        for inst in self._sim_instruments():
            code = qos_code(inst.symbol)
            if code is None:
                continue
            market, _, rest = code.partition(":")
            if market in markets:
                listed = f"HK:{rest.zfill(5)}" if market == "HK" else code  # lists are padded
                out.setdefault(market, []).append({"code": listed, "name": inst.name_zh})
        return out

    def _calendar(self, markets: list[str]) -> dict:
        today = date.today()
        days = [today + timedelta(days=i) for i in range(-30, 60)]
        weekdays = [f"{d:%Y%m%d},F" for d in days if d.weekday() < 5]
        return {m: weekdays for m in markets if m in ("US", "HK", "SH", "SZ")}

    # -- HTTP --------------------------------------------------------------------------------

    async def _http_handler(self, request: HttpRequest) -> HttpResponse:
        now = time.monotonic()
        self.http_log.append((request.path, now))
        self._notify()
        if self.fail_next_http:
            status, headers = self.fail_next_http.popleft()
            return HttpResponse.json({"msg": "server busy"}, status, **headers)
        if request.method != "POST":
            return HttpResponse.json({"msg": "method not allowed"}, 405)
        key = request.headers.get("key") or request.query.get("key")
        if key != self.key:
            return self._refuse(self._invalid_key(key))
        if self.http_limit is not None:
            limit, period = self.http_limit
            while self._http_calls and now - self._http_calls[0] >= period:
                self._http_calls.popleft()
            if len(self._http_calls) >= limit:
                return self._refuse("request frequency exceeded")
            self._http_calls.append(now)
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return HttpResponse.json({"msg": "invalid json"})
        twins = {"/snapshot": "RS", "/depth": "RD", "/trade": "RT", "/kline": "RK",
                 "/history": "RH", "/instrument-info": "RI"}
        if request.path in twins:
            if (refusal := self._over_products(body)) is not None:
                return self._refuse(refusal)
            return HttpResponse.json({"msg": "OK", "data": await self._data(twins[request.path], body)})
        if request.path == "/product-list":
            return HttpResponse.json({"msg": "OK", "data": self._products(body.get("market") or [])})
        if request.path == "/market-calendar":
            return HttpResponse.json({"msg": "OK", "data": self._calendar(body.get("market") or [])})
        return HttpResponse.json({"msg": "not found"}, 404)

    def _refuse(self, text: str) -> HttpResponse:
        self.refusals.append(text)
        self._notify()
        return HttpResponse.json({"msg": text})

    def _over_products(self, body: dict, held: set[str] | None = None) -> str | None:
        if self.max_products is None:
            return None
        codes = set(expand(body.get("codes")))
        for req in body.get("kline_reqs") or []:
            codes |= set(expand([req.get("c", "")]))
        if len(codes | (held or set())) > self.max_products:
            return f"exceeding the maximum number of products ({self.max_products})"
        return None

    # -- WebSocket ---------------------------------------------------------------------------

    def _invalid_key(self, key: str | None) -> str:
        return f"invalid key {key} for account" if self.echo_key else "invalid key"

    def _check_handshake(self, connection: ServerConnection, request: Request):
        from urllib.parse import parse_qs, urlsplit

        query = {k: v[-1] for k, v in parse_qs(urlsplit(request.path).query).items()}
        key = request.headers.get("key") or query.get("key")
        if key != self.key and self.bad_key_mode == "http":
            self.refusals.append("invalid key (handshake)")
            return connection.respond(401, json.dumps({"msg": self._invalid_key(key)}) + "\n")
        return None

    async def _ws_handler(self, ws: ServerConnection) -> None:
        conn = Connection(ws, time.monotonic())
        self.handshakes.append(conn.opened)
        self._notify()
        if self.flap:
            ws.transport.abort()
            return
        key = ws.request.headers.get("key") if ws.request else None
        from urllib.parse import parse_qs, urlsplit

        query_key = parse_qs(urlsplit(ws.request.path).query).get("key", [None])[-1]
        if (key or query_key) != self.key:
            await ws.send(json.dumps({"msg": self._invalid_key(key or query_key)}))
            await ws.close(1008, "invalid key")
            return
        if self.max_connections is not None and len(self.live) >= self.max_connections:
            self.refusals.append("too many connections")
            await ws.send(json.dumps({"msg": f"exceeding the maximum connections "
                                             f"({self.max_connections})"}))
            await ws.close(1008, "too many connections")
            return
        self.connections.append(conn)
        writer = self._start_writer(conn)
        try:
            async for raw in ws:
                if self.silent:
                    continue
                await self._command(conn, raw)
        except ConnectionClosed:
            pass
        finally:
            conn.subs.clear()  # QOS forgets subscriptions with the connection
            writer.cancel()
            self._notify()

    def _reply(self, conn: Connection, payload: dict) -> None:
        if self.legacy:
            payload.pop("reqid", None)
        conn.outbox.put_nowait(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))

    async def _command(self, conn: Connection, raw: str | bytes) -> None:
        now = time.monotonic()
        try:
            msg = json.loads(raw)
            kind = msg["type"]
        except (ValueError, KeyError, TypeError):
            self._reply(conn, {"msg": "invalid message"})
            return
        conn.commands.append(msg)
        self._notify()
        reqid = msg.get("reqid")
        too_soon = (self.min_interval is not None and conn.last_command is not None
                    and now - conn.last_command < self.min_interval)
        conn.last_command = now
        if too_soon:
            self.refusals.append(f"{kind} too frequent")
            self._reply(conn, {"type": kind, "msg": "request too frequent", "time": int(time.time()),
                               "reqid": reqid})
            return
        stamp = int(time.time())
        if kind == "H":
            self._reply(conn, {"type": "H", "msg": "OK", "time": stamp})
        elif kind in _SUB_CHANNEL:
            codes = expand(msg.get("codes"))
            key = (kind, msg.get("kt") if kind == "K" else None)
            refusal = self._over_products({"codes": msg.get("codes")}, conn.products())
            if refusal is not None or (kind == "K" and key[1] not in _KT):
                text = refusal or "invalid kt"
                self.refusals.append(text)
                self._reply(conn, {"type": kind, "msg": text, "time": stamp, "reqid": reqid})
                return
            conn.subs[key].update(codes)
            if kind == "K":
                symbols = [s for s in map(canonical, codes) if s in self._sim.markets]
                if symbols:
                    await self._sim.subscribe(symbols, [Channel.BAR], _KT[key[1]])
            self._reply(conn, {"type": kind, "msg": "OK", "time": stamp, "reqid": reqid})
        elif kind in _UNSUB:
            key = (_UNSUB[kind], msg.get("kt") if kind == "KC" else None)
            conn.subs[key].difference_update(expand(msg.get("codes")))
            self._reply(conn, {"type": kind, "msg": "OK", "time": stamp, "reqid": reqid})
        elif kind in ("RS", "RT", "RD", "RK", "RH", "RI"):
            refusal = self._over_products(msg)
            if refusal is not None:
                self._reply(conn, {"type": kind, "msg": refusal, "reqid": reqid})
                return
            data = await self._data(kind, msg)
            self._reply(conn, {"type": kind, "msg": "OK", "reqid": reqid, "data": data})
        else:
            self._reply(conn, {"type": kind, "msg": "unknown type", "time": stamp, "reqid": reqid})
        self._notify()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--key", default="demo")
    parser.add_argument("--lenient", action="store_true",
                        help="no pacing or HTTP rate limit (the product and connection limits stay)")
    args = parser.parse_args()
    strict = not args.lenient
    server = FakeQosServer(key=args.key, min_interval=1.0 if strict else None,
                           http_limit=(10, 60.0) if strict else None)
    server.run_by_hand(args.port, f"fake QOS on {{http}}  (WebSocket {{ws}}, key {args.key!r})")


if __name__ == "__main__":
    main()
