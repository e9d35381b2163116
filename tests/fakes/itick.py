"""A protocol-faithful fake iTick server (``shared/vendors/itick.md`` section 8) on 127.0.0.1.

HTTP: GET only, ``token`` header, ``{"code":0,"msg":null,"data":…}``, JSON-number prices,
millisecond times, batch endpoints keyed by code, unknown symbols as ``data: null``, HTTP 401
``{"message":"Invalid API key in request"}`` for a bad token and 429 over the request quota.

WebSocket: one path per asset class (``/stock /forex /indices /crypto /future /fund``, and the
2024 ``/sws /fws /iws /cws``). The token is taken from the header, the query or the
``{"ac":"auth"}`` message; the server greets, then answers the auth (``code`` 1 success, 0
failure and close), acks subscribes in order, echoes pongs, drops a connection after
``ping_cutoff`` seconds without a ping, caps symbols per connection (``exceeding the maximum
subscription limit``) and answers unknown actions with ``cannot be resolved action``. There is
no unsubscribe; subscriptions add up and are forgotten with the connection. Prices move: the
built-in simulator drives them.

Fault switches (attributes, changeable while running): ``drop_after`` (messages per connection),
``flap`` (accept then drop), ``silent``, ``mute_pushes``, ``muted`` (symbols whose pushes are
withheld), :meth:`inject`, :meth:`drop_all`,
``hostile`` (issue 17's impossible values between good pushes, ``tests/fakes/hostile.py``),
``hostile_history`` (one impossible bar in every K-line answer),
``fail_next_http`` (statuses such as 429 with ``Retry-After``), ``http_limit``, ``auth_mode``
(``"header"``: header or query or message; ``"message"``: the 2024 protocol, message only),
``bad_key_mode`` (``"message"``: auth failed then close; ``"http"``: 401 on the handshake),
``pong_mode`` (``"echo"``, ``"wrong"``, ``"none"``), ``echo_key`` (refusals quote the wrong
token back, as some servers do), ``legacy`` (``AAPL.US`` symbols and the
nested ``code: 0`` K-line), ``not_found_mode`` (``"null"`` or ``"msg"``).

Run by hand: ``python -m tests.fakes.itick --port 8766 --token demo``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request

from app.core.periods import Period
from app.core.types import Bar, Book, Channel, Event, Quote, Trade
from tests.fakes import hostile
from tests.fakes.base import FakeVendorServer
from tests.fakes.loopback import HttpRequest, HttpResponse

_PATHS = {"stock": "stock", "forex": "forex", "indices": "indices", "crypto": "crypto",
          "future": "future", "fund": "fund", "sws": "stock", "fws": "forex", "iws": "indices",
          "cws": "crypto"}
_KTYPE = {1: Period.M1, 2: Period.M5, 3: Period.M15, 4: Period.M30, 5: Period.H1, 6: Period.H2,
          7: Period.H4, 8: Period.D1, 9: Period.W1, 10: Period.MN1}
_KTYPE_OF = {p.value: k for k, p in _KTYPE.items()}
_TYPES = {"quote", "tick", "depth"} | {f"kline@{k}" for k in _KTYPE}
_PRODUCE = {"stock": "stock", "forex": "forex", "indices": "indices", "crypto": "crypto"}


def itick_address(symbol: str) -> tuple[str, str, str] | None:
    """The fake's own mapping (deliberately not the client's code): (asset, region, code)."""
    market, _, code = symbol.partition(":")
    if market in ("US", "SH", "SZ"):
        return "stock", market, code
    if market == "HK":
        return "stock", "HK", code.lstrip("0") or "0"
    if market in ("FX", "CMDTY"):
        return "forex", "GB", code
    if market == "IDX":
        return "indices", "GB", code
    if market == "CRYPTO":
        return "crypto", "BA", code
    return None


@dataclass
class Connection:
    ws: ServerConnection
    asset: str
    opened: float
    authed: bool = False
    messages: list[dict] = field(default_factory=list)
    subs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # "700$HK" → types
    outbox: asyncio.Queue[str | bytes] = field(default_factory=lambda: asyncio.Queue(10_000))
    sent: int = 0
    last_ping: float = 0.0
    pings: list[str] = field(default_factory=list)

    def carried(self) -> dict[str, set[str]]:
        return {k: set(v) for k, v in self.subs.items() if v}


class FakeItickServer(FakeVendorServer):
    def __init__(self, *, token: str = "test-token", seed: int = 7,
                 max_symbols_per_connection: int = 500, max_connections: int | None = None,
                 http_limit: tuple[int, float] | None = None, ping_cutoff: float = 60.0) -> None:
        super().__init__(seed=seed)
        self.token = token
        self.max_symbols_per_connection = max_symbols_per_connection
        self.max_connections = max_connections
        self.http_limit = http_limit
        self.ping_cutoff = ping_cutoff
        self.auth_mode = "header"
        self.bad_key_mode = "message"
        self.echo_key = False
        self.pong_mode = "echo"
        self.not_found_mode = "null"
        self.legacy = False
        self.handshakes: list[tuple[str, float]] = []
        self.connections: list[Connection] = []
        self.http_log: list[tuple[str, dict[str, str], float, int]] = []
        self._http_calls: deque[float] = deque()
        self._by_address: dict[tuple[str, str, str], str] = {}

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, port: int = 0) -> None:
        from app.feeds.sim.universe import SPECS

        for spec in SPECS:
            address = itick_address(spec.instrument.symbol)
            if address is not None:
                self._by_address[address] = spec.instrument.symbol
        await self._listen(port, self._http_handler, self._ws_handler, self._check_handshake)
        await self._sim.subscribe(list(self._by_address.values()),
                                  [Channel.QUOTE, Channel.TRADE, Channel.DEPTH])
        self._spawn(self._ping_watch())

    # -- market data -------------------------------------------------------------------------

    def _symbol_text(self, address: tuple[str, str, str]) -> dict:
        _asset, region, code = address
        if self.legacy:
            return {"s": f"{code}.{region}"}
        return {"s": code, "r": region}

    def _quote(self, q: Quote, address: tuple[str, str, str], *, rest: bool) -> dict:
        item = {"s": address[2], "ld": q.last, "o": q.open, "h": q.high, "l": q.low, "t": q.ts,
                "v": q.volume, "tu": q.turnover, "ts": 0}
        if rest and address[0] != "crypto" and q.prev_close is not None:  # crypto has no p/ch
            item |= {"p": q.prev_close, "ch": round((q.last or 0) - q.prev_close, 6),
                     "chp": round(((q.last or 0) / q.prev_close - 1) * 100, 2)}
        if not rest:
            item |= self._symbol_text(address)
        return {k: v for k, v in item.items() if v is not None}

    def _tick(self, t: Trade, address: tuple[str, str, str]) -> dict:
        return {**self._symbol_text(address), "ld": t.price, "v": t.size, "t": t.ts}

    def _depth(self, book: Book, address: tuple[str, str, str], *, rest: bool) -> dict:
        def side(levels):
            return [{"po": i + 1, "p": p, "v": v, "o": max(1, int(v) // 100)}
                    for i, (p, v) in enumerate(levels[:10])]

        symbol = {"s": address[2]} if rest else self._symbol_text(address)
        if not rest and not self.legacy:
            symbol["s"] = f"{address[2]}${address[1]}"  # as the current depth example spells it
        return {**symbol, "a": side(book.asks), "b": side(book.bids)}

    def _bar(self, bar: Bar) -> dict:
        return {"t": bar.ts, "o": bar.open, "h": bar.high, "l": bar.low, "c": bar.close,
                "v": bar.volume or 0.0, "tu": round((bar.volume or 0.0) * bar.close, 4)}

    def _on_sim_event(self, event: Event) -> None:
        conns = self.live
        if not conns or self.silent or self.mute_pushes or not hasattr(event, "symbol"):
            return
        if event.symbol in self.muted:
            return
        address = itick_address(event.symbol)
        if address is None:
            return
        key = f"{address[2]}${address[1]}"
        kind = type(event)
        if kind is Quote:
            wanted, push = "quote", lambda: {"code": 1, "data": {
                **self._quote(event, address, rest=False), "type": "quote"}}
        elif kind is Trade:
            wanted, push = "tick", lambda: {"code": 1, "data": {
                **self._tick(event, address), "type": "tick"}}
        elif kind is Book:
            wanted, push = "depth", lambda: {"code": 1, "data": {
                **self._depth(event, address, rest=False), "type": "depth"}}
        elif kind is Bar:
            n = _KTYPE_OF.get(event.period)
            wanted = f"kline@{n}"
            if self.legacy:
                push = lambda: {"code": 0, "msg": None, "data": {  # noqa: E731
                    "s": f"{address[2]}.{address[1]}", "t": n, "k": self._bar(event)}}
            else:
                push = lambda: {"code": 1, "data": {  # noqa: E731
                    **self._bar(event), **self._symbol_text(address), "type": wanted}}
        else:
            return
        frame = None
        for conn in conns:
            if conn.asset == address[0] and wanted in conn.subs.get(key, ()):
                frame = frame or json.dumps(push(), separators=(",", ":"))
                with contextlib.suppress(asyncio.QueueFull):
                    conn.outbox.put_nowait(frame)
                    self._interleave(conn, event.symbol)

    def hostile_frames(self, subject: str) -> list:
        return hostile.itick_frames(self, subject)

    # -- HTTP --------------------------------------------------------------------------------

    def _symbol(self, asset: str, region: str, code: str) -> str | None:
        return self._by_address.get((asset, region.upper(), code.upper()))

    def _markets(self):
        return self._sim.markets

    async def _http_handler(self, request: HttpRequest) -> HttpResponse:
        now = time.monotonic()
        status = await self._http_status(request, now)
        self.http_log.append((request.path, dict(request.query), now, status.status))
        self._notify()
        return status

    async def _http_status(self, request: HttpRequest, now: float) -> HttpResponse:
        if self.fail_next_http:
            status, headers = self.fail_next_http.popleft()
            return HttpResponse.json({"message": "Too Many Requests"}, status, **headers)
        if request.method != "GET":
            return HttpResponse.json({"message": "Method Not Allowed"}, 405)
        if request.headers.get("token") != self.token:
            self.refusals.append("invalid token (http)")
            return HttpResponse.json({"message": self._refusal(request.headers.get("token"))}, 401)
        if self.http_limit is not None:
            limit, period = self.http_limit
            while self._http_calls and now - self._http_calls[0] >= period:
                self._http_calls.popleft()
            if len(self._http_calls) >= limit:
                self.refusals.append("429")
                return HttpResponse.json({"message": "Too Many Requests"}, 429)
            self._http_calls.append(now)
        return HttpResponse.json(await self._rest(request.path, request.query))

    def _ok(self, data: object) -> dict:
        return {"code": 0, "msg": None, "data": data}

    def _not_found(self) -> dict:
        if self.not_found_mode == "msg":
            return {"code": "E001", "msg": "not found this produce", "data": None}
        return {"code": 0, "msg": None, "data": None}

    async def _rest(self, path: str, q: dict[str, str]) -> dict:
        parts = path.strip("/").split("/")
        if parts == ["symbol", "list"]:
            return self._ok(self._symbol_list(q.get("type", ""), q.get("region", "")))
        if parts in (["symbol", "v2", "holidays"], ["symbol", "holidays"]):
            return {"code": 0, "msg": "ok", "data": [{
                "c": "US", "r": "United States", "tz": -5, "et": "09:30 - 16:00", "ey": "2026",
                "vr": None, "v": json.dumps(["2026-01-01", "2026-07-03", "2026-11-26",
                                             "2026-12-25"])}]}
        if parts == ["market", "status"]:
            return {"code": 0, "msg": "ok", "data": {
                "c": q.get("code", "").lower(), "r": q.get("code"), "o": True, "s": "OPEN",
                "h": None, "t": "09:30-16:00,", "z": "America/New_York",
                "l": time.strftime("%Y-%m-%d %H:%M:%S")}}
        if parts == ["stock", "info"]:
            symbol = self._symbol("stock", q.get("region", ""), q.get("code", ""))
            if symbol is None:
                return self._not_found()
            inst = self._markets()[symbol].spec.instrument
            return {"code": 0, "msg": "ok", "data": {
                "c": q.get("code"), "n": inst.name, "t": "stock", "e": "NASDAQ",
                "r": inst.currency, "fcc": inst.currency}}
        if len(parts) != 2 or parts[0] not in _PRODUCE:
            return {"code": 404, "msg": "not found", "data": None}
        asset, what = parts
        region = q.get("region", "")
        markets = self._markets()
        if what in ("quote", "tick", "depth", "kline"):
            symbol = self._symbol(asset, region, q.get("code", ""))
            if symbol is None:
                return self._not_found()
            item = await self._item(what, asset, symbol, q)
            return self._ok(item) if item is not None else self._not_found()
        if what in ("quotes", "ticks", "depths", "klines"):
            out = {}
            for code in (c.strip() for c in q.get("codes", "").split(",") if c.strip()):
                symbol = self._symbol(asset, region, code)
                if symbol is not None and symbol in markets:
                    item = await self._item(what[:-1], asset, symbol, q)
                    if item is not None:
                        out[code] = item
            return self._ok(out)
        return {"code": 404, "msg": "not found", "data": None}

    async def _item(self, what: str, asset: str, symbol: str, q: dict[str, str]):
        market = self._markets()[symbol]
        address = itick_address(symbol)
        if what == "quote":
            return self._quote(market.quote(), address, rest=True)
        if what == "depth":
            return self._depth(market.book(market.last_ts), address, rest=True) if market.has_book else None
        if what == "tick":
            quote = market.quote()
            return {"s": address[2], "ld": quote.last, "t": quote.ts, "v": 100.0, "te": 0}
        period = _KTYPE.get(int(q.get("kType", "0") or 0))
        if period is None:
            return None
        limit = min(int(q.get("limit", "1") or 1), 1000)
        end = q.get("et")
        from datetime import UTC, datetime

        moment = datetime.fromtimestamp(int(end) / 1000, UTC) if end else None
        bars = await self._sim.klines(symbol, period, limit, moment)
        items = [self._bar(b) for b in bars]
        if self.hostile_history and items:
            items[0] = hostile.itick_bad_bar(items[0])
        return items

    def _symbol_list(self, asset: str, region: str) -> list[dict]:
        out = []
        for (a, r, code), symbol in self._by_address.items():
            if a == asset and r == region.upper():
                inst = self._markets()[symbol].spec.instrument
                name = inst.name_zh if r in ("HK", "SH", "SZ") else inst.name
                out.append({"c": code, "n": name, "t": asset, "e": r, "s": None,
                            "l": code.lower()})
        return out

    # -- WebSocket ---------------------------------------------------------------------------

    def _token_of(self, request: Request) -> str | None:
        if self.auth_mode == "message":
            return None
        query = {k: v[-1] for k, v in parse_qs(urlsplit(request.path).query).items()}
        return request.headers.get("token") or query.get("token")

    def _refusal(self, token: str | None) -> str:
        if self.echo_key:
            return f"Invalid API key in request: {token}"
        return "Invalid API key in request"

    def _check_handshake(self, connection: ServerConnection, request: Request):
        path = urlsplit(request.path).path.strip("/")
        self.handshakes.append((path, time.monotonic()))
        self._notify()
        asset = _PATHS.get(path)
        if asset is None:
            return connection.respond(404, "not found\n")
        token = self._token_of(request)
        if token is not None and token != self.token and self.bad_key_mode == "http":
            self.refusals.append("invalid token (handshake)")
            return connection.respond(401, json.dumps({"message": self._refusal(token)}) + "\n")
        return None

    async def _ws_handler(self, ws: ServerConnection) -> None:
        path = urlsplit(ws.request.path).path.strip("/")
        conn = Connection(ws, _PATHS[path], time.monotonic(), last_ping=time.monotonic())
        if self.flap:
            ws.transport.abort()
            return
        self.connections.append(conn)
        writer = self._start_writer(conn)
        try:
            self._send(conn, {"code": 1, "msg": "Connected Successfully"})
            token = self._token_of(ws.request)
            if token is not None:
                await self._auth(conn, token, echo=True)
            async for raw in ws:
                if not self.silent:
                    await self._message(conn, raw)
        except ConnectionClosed:
            pass
        finally:
            conn.subs.clear()  # iTick forgets subscriptions with the connection
            await asyncio.sleep(0)
            writer.cancel()
            self._notify()

    async def _auth(self, conn: Connection, token: str, *, echo: bool) -> None:
        if token != self.token:
            self.refusals.append("auth failed")
            self._send(conn, {"code": 0, "resAc": "auth",
                              "msg": f"auth failed: {token}" if self.echo_key else "auth failed"})
            await asyncio.sleep(0.05)  # let the writer send it, then close
            await conn.ws.close(1008, "auth failed")
            return
        conn.authed = True
        reply: dict = {"code": 1, "resAc": "auth", "msg": "authenticated"}
        if echo:
            reply["data"] = {"params": token}
        self._send(conn, reply)

    def _send(self, conn: Connection, payload: dict) -> None:
        conn.outbox.put_nowait(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))

    async def _message(self, conn: Connection, raw: str | bytes) -> None:
        try:
            msg = json.loads(raw)
            action = msg["ac"]
        except (ValueError, KeyError, TypeError):
            self._send(conn, {"code": 0, "msg": "cannot be resolved action"})
            return
        conn.messages.append(msg)
        self._notify()
        if action == "ping":
            conn.last_ping = time.monotonic()
            conn.pings.append(str(msg.get("params")))
            if self.pong_mode == "echo":
                self._send(conn, {"resAc": "pong", "data": {"params": msg.get("params")}})
            elif self.pong_mode == "wrong":
                self._send(conn, {"resAc": "pong", "data": {"params": "1"}})
        elif action == "auth":
            await self._auth(conn, str(msg.get("params")), echo=False)
        elif action == "subscribe":
            self._subscribe(conn, msg)
        else:
            self._send(conn, {"code": 0, "resAc": action, "msg": "cannot be resolved action"})
        self._notify()

    def _subscribe(self, conn: Connection, msg: dict) -> None:
        if not conn.authed:
            self._send(conn, {"code": 0, "resAc": "subscribe", "msg": "auth failed"})
            return
        keys = [k.strip().upper() for k in str(msg.get("params", "")).split(",") if k.strip()]
        types = {t.strip() for t in str(msg.get("types", "")).split(",") if t.strip()}
        if not keys or not types or not types <= _TYPES or any("$" not in k for k in keys):
            self.refusals.append("bad subscribe")
            self._send(conn, {"code": 0, "resAc": "subscribe", "msg": "cannot be resolved action"})
            return
        held = {k for k, v in conn.subs.items() if v}
        over_connections = (self.max_connections is not None
                            and self.live.index(conn) >= self.max_connections)
        if len(held | set(keys)) > self.max_symbols_per_connection or over_connections:
            self.refusals.append("limit")
            self._send(conn, {"code": 0, "resAc": "subscribe",
                              "msg": "exceeding the maximum subscription limit"})
            return
        for key in keys:
            conn.subs[key].update(types)
        bars = [t for t in types if t.startswith("kline@")]
        if bars:
            symbols = [s for s in (self._symbol(conn.asset, *reversed(k.split("$", 1)))
                                   for k in keys) if s]
            for t in bars:
                self._spawn(self._sim.subscribe(symbols, [Channel.BAR], _KTYPE[int(t[6:])]))
        self._send(conn, {"code": 1, "resAc": "subscribe", "msg": "subscribe Successfully"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--token", default="demo")
    parser.add_argument("--legacy", action="store_true", help="2024 push spellings (AAPL.US)")
    parser.add_argument("--message-auth", action="store_true",
                        help="ignore the token header; authenticate by message only (2024)")
    args = parser.parse_args()
    server = FakeItickServer(token=args.token)
    server.legacy = args.legacy
    if args.message_auth:
        server.auth_mode = "message"
    server.run_by_hand(args.port, f"fake iTick on {{http}}  (WebSocket root {{ws}}, token {args.token!r})")


if __name__ == "__main__":
    main()
